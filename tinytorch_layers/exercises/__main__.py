"""``python -m tinytorch_layers.exercises``: see :mod:`tinytorch_layers.exercises.cli`."""

import sys

from .cli import main

sys.exit(main())
