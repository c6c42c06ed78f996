"""``python -m tinytorch_layers.exercises``: see :mod:`tinytorch_layers.exercises.cli`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
