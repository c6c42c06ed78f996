"""tinytorch_layers: matrix multiplication and the Dense layer, small enough to read.

Everything the book teaches is importable from here::

    from tinytorch_layers import Tensor, Dense, matmul, ReLU, Sigmoid, Tanh, Softmax

and what training them takes::

    from tinytorch_layers import (SoftmaxCrossEntropy, SGD, numerical_gradient,
                                  relative_error, load_digits_split)

(``load_digits_split`` imports scikit-learn only when it is called.)
"""

# Each name below is imported from its module when it is first used, not when the package
# is. ``python -m tinytorch_layers.exercises`` imports this file while the current folder is
# still first on ``sys.path``; a learner's workspace there may hold files named like the
# modules numpy imports (inspect.py, random.py). Importing nothing here lets the checker's
# entry point (``exercises/__main__.py``) drop that folder before numpy is loaded.
import importlib as _importlib
import sys as _sys

_HOMES = {  # exported name -> the module that defines it
    **dict.fromkeys(("ReLU", "Sigmoid", "Softmax", "Tanh"), "activations"),
    **dict.fromkeys(("MemoryEstimate", "TrainingMemoryEstimate", "dense_backward_flops", "dense_forward_flops",
                     "dense_memory_bytes", "dense_parameter_count", "dense_training_memory_bytes"), "cost"),
    "load_digits_split": "data",
    "Dense": "dense",
    "numerical_gradient": "gradcheck",
    "relative_error": "gradcheck",
    **dict.fromkeys(("INITIALIZERS", "get_initializer", "he_normal", "lecun_normal", "xavier_normal",
                     "xavier_uniform", "zeros"), "init"),
    "SoftmaxCrossEntropy": "losses",
    "matmul": "matmul",
    "Module": "module",
    "SGD": "optim",
    "ScaleShift": "scale_shift",
    "Sequential": "sequential",
    "DEFAULT_DTYPE": "tensor",
    "Tensor": "tensor",
}


class _Package(type(_sys)):
    """This package's module object: it imports an exported name from its module on first use."""

    def __getattr__(self, name: str):
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(f".{home}", __name__), name)
        setattr(self, name, value)  # found directly from now on
        return value

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(_HOMES))

    @property
    def matmul(self):
        """The function ``matmul``, not the module of that name."""
        return _importlib.import_module(".matmul", __name__).matmul

    @matmul.setter
    def matmul(self, value) -> None:
        """Importing the module ``tinytorch_layers.matmul`` sets this attribute to the module;
        the package's ``matmul`` stays the function."""


_sys.modules[__name__].__class__ = _Package

__all__ = sorted(_HOMES)

__version__ = "0.1.0"
