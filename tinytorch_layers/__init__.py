"""tinytorch_layers: matrix multiplication and the Dense layer, small enough to read.

Everything the book teaches is importable from here::

    from tinytorch_layers import Tensor, Dense, matmul, ReLU, Sigmoid, Tanh, Softmax
"""

import sys as _sys

# ``python -m tinytorch_layers.exercises`` puts the current folder first on the path before
# this package (and numpy) is imported; a learner's workspace there may hold files named like
# the modules they import (random.py, inspect.py). Drop that entry while Python is still
# locating the module: sys.argv[0] is "-m" only then.
if _sys.argv[:1] == ["-m"] and not _sys.flags.safe_path and _sys.path and any(
    flag == "-m" and name.startswith("tinytorch_layers") for flag, name in zip(_sys.orig_argv, _sys.orig_argv[1:])
):
    del _sys.path[0]

from .activations import ReLU, Sigmoid, Softmax, Tanh
from .cost import MemoryEstimate, dense_forward_flops, dense_memory_bytes, dense_parameter_count
from .dense import Dense
from .init import (
    INITIALIZERS,
    get_initializer,
    he_normal,
    lecun_normal,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from .matmul import matmul
from .module import Module
from .sequential import Sequential
from .tensor import DEFAULT_DTYPE, Tensor

__all__ = [
    "DEFAULT_DTYPE",
    "INITIALIZERS",
    "Dense",
    "MemoryEstimate",
    "Module",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "Tanh",
    "Tensor",
    "dense_forward_flops",
    "dense_memory_bytes",
    "dense_parameter_count",
    "get_initializer",
    "he_normal",
    "lecun_normal",
    "matmul",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]

__version__ = "0.1.0"
