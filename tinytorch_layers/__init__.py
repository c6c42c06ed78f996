"""tinytorch_layers: matrix multiplication and the Dense layer, small enough to read.

Everything the book teaches is importable from here::

    from tinytorch_layers import Tensor, Dense, matmul, ReLU, Sigmoid, Tanh, Softmax

and what training them takes::

    from tinytorch_layers import (SoftmaxCrossEntropy, SGD, numerical_gradient,
                                  relative_error, load_digits_split)

(``load_digits_split`` imports scikit-learn only when it is called.)
"""

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
from .init import (
    INITIALIZERS,
    get_initializer,
    he_normal,
    lecun_normal,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from .losses import SoftmaxCrossEntropy
from .matmul import matmul
from .module import Module
from .optim import SGD
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
