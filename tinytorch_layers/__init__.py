"""tinytorch_layers: matrix multiplication and the Dense layer, small enough to read.

Everything the book teaches is importable from here::

    from tinytorch_layers import Tensor, Dense, matmul, ReLU, Sigmoid, Tanh, Softmax

and what training them takes::

    from tinytorch_layers import (SoftmaxCrossEntropy, SGD, numerical_gradient,
                                  relative_error, load_digits_split)

(``load_digits_split`` imports scikit-learn only when it is called.)
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
from .cost import (
    MemoryEstimate,
    TrainingMemoryEstimate,
    dense_backward_flops,
    dense_forward_flops,
    dense_memory_bytes,
    dense_parameter_count,
    dense_training_memory_bytes,
)
from .data import load_digits_split
from .dense import Dense
from .gradcheck import numerical_gradient, relative_error
from .init import (INITIALIZERS, get_initializer, he_normal, lecun_normal, xavier_normal,
                   xavier_uniform, zeros)
from .losses import SoftmaxCrossEntropy
from .matmul import matmul
from .module import Module
from .optim import SGD
from .scale_shift import ScaleShift
from .sequential import Sequential
from .tensor import DEFAULT_DTYPE, Tensor

__all__ = [
    "DEFAULT_DTYPE",
    "INITIALIZERS",
    "Dense",
    "MemoryEstimate",
    "Module",
    "ReLU",
    "SGD",
    "ScaleShift",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "SoftmaxCrossEntropy",
    "Tanh",
    "Tensor",
    "TrainingMemoryEstimate",
    "dense_backward_flops",
    "dense_forward_flops",
    "dense_memory_bytes",
    "dense_parameter_count",
    "dense_training_memory_bytes",
    "get_initializer",
    "he_normal",
    "lecun_normal",
    "load_digits_split",
    "matmul",
    "numerical_gradient",
    "relative_error",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]

__version__ = "0.1.0"
