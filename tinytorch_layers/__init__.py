"""tinytorch_layers: matrix multiplication and the Dense layer, small enough to read.

Everything the book teaches is importable from here::

    from tinytorch_layers import Tensor, Dense, matmul, ReLU, Sigmoid, Tanh, Softmax
"""

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
