"""``python -m tinytorch_layers.exercises``: see :mod:`tinytorch_layers.exercises.cli`.

``python -m`` puts the current folder first on ``sys.path``. It is removed here, so that
nothing the checker imports from now on can come from a learner's folder (a workspace may
hold files named like modules: inspect.py, random.py). The packages ``tinytorch_layers``
and ``tinytorch_layers.exercises``, which Python imports before this file, import nothing
until one of their names is used, so numpy and the standard library are imported after the
removal. Should anything Python imported before this file have come from the current
folder, the command stops. ``tinytorch-exercises`` and ``python -P -m`` never put the
current folder on the path.
"""

import os
import sys

if __name__ == "__main__":
    here = os.path.realpath(os.getcwd())
    sys.path[:] = [p for p in sys.path if p and os.path.realpath(p) != here]


    def from_here(name: str, module: object) -> bool:
        """Whether ``module`` was found in the current folder (``here/top.py`` or ``here/top/``)."""
        top = name.partition(".")[0]
        file = os.path.realpath(getattr(module, "__file__", None) or os.sep)
        return top != "tinytorch_layers" and (
            file == os.path.join(here, top + ".py") or file.startswith(os.path.join(here, top) + os.sep)
        )

    shadowed = sorted({name.partition(".")[0] for name, module in list(sys.modules.items()) if from_here(name, module)})
    if shadowed:
        print(
            f"error: Python imported {', '.join(shadowed)} from the current folder, which holds files "
            "named like modules; run the checker from another folder, or use tinytorch-exercises "
            "or python -P -m tinytorch_layers.exercises",
            file=sys.stderr,
        )
        sys.exit(2)
    from .cli import main

    sys.exit(main())
