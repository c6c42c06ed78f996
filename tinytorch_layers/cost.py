"""What a Dense layer costs: parameters, floating-point operations and bytes."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .tensor import DEFAULT_DTYPE

__all__ = [  # re-exported by the package: tinytorch_layers.dense_forward_flops, ...
    "MemoryEstimate", "TrainingMemoryEstimate", "dense_backward_flops", "dense_forward_flops",
    "dense_memory_bytes", "dense_parameter_count", "dense_training_memory_bytes",
]


def dense_parameter_count(input_size: int, output_size: int, use_bias: bool = True) -> int:
    """Learnable numbers in a Dense layer: ``input_size * output_size (+ output_size)``.

    Examples:
        >>> dense_parameter_count(3, 2)  # 3 * 2 weights and 2 biases
        8
        >>> dense_parameter_count(784, 512)
        401920
        >>> dense_parameter_count(784, 512, use_bias=False)
        401408
    """
    # BEGIN SOLUTION
    return input_size * output_size + (output_size if use_bias else 0)
    # END SOLUTION


def dense_forward_flops(batch_size: int, input_size: int, output_size: int) -> int:
    """Floating-point operations of ``x @ W``: ``2 * batch * in * out``.

    Each of the ``batch * out`` outputs is a dot product of length ``in``: ``in``
    multiply-adds, counted as two FLOPs each. The count is the product's alone: the bias
    addition, ``batch * out`` more FLOPs (a share of ``1 / (2 * in)``), is left out.
    :func:`dense_backward_flops` counts its bias term; compare the two as it shows.

    Examples:
        >>> dense_forward_flops(4, 3, 2)  # 4 * 2 dot products of length 3, 2 FLOPs per term
        48
        >>> dense_forward_flops(1, 784, 512)
        802816
        >>> dense_forward_flops(32, 784, 512)
        25690112
    """
    # BEGIN SOLUTION
    return 2 * batch_size * input_size * output_size
    # END SOLUTION


def _sum_of_fields(estimate: tuple[int, ...]) -> int:
    """The total of an estimate: the sum of its fields."""
    return sum(estimate)


class MemoryEstimate(NamedTuple):
    """Bytes held by one Dense forward pass, array by array.

    Examples:
        >>> estimate = MemoryEstimate(input=12, weights=24, bias=8, output=8)
        >>> estimate.weights, estimate.total
        (24, 52)
    """

    input: int
    weights: int
    bias: int
    output: int

    total = property(_sum_of_fields, doc="The sum of the four arrays.")


def dense_memory_bytes(batch_size: int, input_size: int, output_size: int, dtype: Any = DEFAULT_DTYPE,
                       use_bias: bool = True) -> MemoryEstimate:
    """Bytes of the input, weights, bias and output of a Dense forward pass.

    Each array holds its element count times ``dtype``'s item size (4 for float32).

    Examples:
        >>> estimate = dense_memory_bytes(32, 784, 512)
        >>> estimate
        MemoryEstimate(input=100352, weights=1605632, bias=2048, output=65536)
        >>> estimate.total
        1773568
        >>> dense_memory_bytes(32, 784, 512, dtype=np.float64).total
        3547136
        >>> dense_memory_bytes(1, 3, 2, use_bias=False)  # no bias: nothing to hold
        MemoryEstimate(input=12, weights=24, bias=0, output=8)
    """
    itemsize = np.dtype(dtype).itemsize
    return MemoryEstimate(
        input=batch_size * input_size * itemsize,
        weights=input_size * output_size * itemsize,
        bias=output_size * itemsize if use_bias else 0,
        output=batch_size * output_size * itemsize,
    )


def dense_backward_flops(
    batch_size: int, input_size: int, output_size: int, use_bias: bool = True
) -> int:
    """Floating-point operations of a Dense backward pass: ``4 * batch * in * out (+ batch * out)``.

    Two matrix products, each the size of the forward one: ``x.T @ G`` for the weight
    gradient and ``G @ W.T`` for the input gradient, ``2 * batch * in * out`` each. The
    bias gradient sums ``G`` over the batch, ``batch * out`` additions, and this count
    includes them, while :func:`dense_forward_flops` leaves out the forward pass's bias
    addition, of the same size. So compare like with like: without either bias term the
    backward pass is exactly twice the forward one; with both, ``(4 * in + 1) / (2 * in + 1)``
    times, which is two minus ``1 / (2 * in + 1)``.

    Examples:
        >>> dense_backward_flops(4, 3, 2)  # 2 * 48 for the products, 4 * 2 for the bias
        104
        >>> dense_backward_flops(256, 784, 512)
        411172864
        >>> forward, bias_terms = dense_forward_flops(256, 784, 512), 256 * 512
        >>> dense_backward_flops(256, 784, 512, use_bias=False) / forward  # neither bias
        2.0
        >>> both = dense_backward_flops(256, 784, 512) / (forward + bias_terms)
        >>> round(both, 4), bool(np.isclose(2 - both, 1 / (2 * 784 + 1)))  # both
        (1.9994, True)
    """
    products = 4 * batch_size * input_size * output_size
    return products + (batch_size * output_size if use_bias else 0)


class TrainingMemoryEstimate(NamedTuple):
    """Bytes a Dense layer holds while it trains, array by array.

    Attributes:
        parameters: The weights and bias.
        gradients: Their ``.grad`` arrays, the same size.
        momentum: SGD's velocity buffers, the same size again (0 without momentum).
        activations: The input kept by the forward pass for the backward pass.

    Examples:
        >>> estimate = TrainingMemoryEstimate(parameters=32, gradients=32, momentum=0, activations=48)
        >>> estimate.total
        112
    """

    parameters: int
    gradients: int
    momentum: int
    activations: int

    total = property(_sum_of_fields, doc="The sum of the four parts.")


def dense_training_memory_bytes(
    batch_size: int,
    input_size: int,
    output_size: int,
    dtype: Any = DEFAULT_DTYPE,
    use_bias: bool = True,
    momentum: bool = True,
) -> TrainingMemoryEstimate:
    """Bytes of one Dense layer during training: parameters, gradients, momentum, kept input.

    Training keeps more than inference: each parameter gets a gradient of its own size,
    SGD with momentum one velocity buffer more, and the forward pass keeps its input
    (``batch * input_size`` values) until the backward pass has used it. Outputs and
    temporary arrays, which come and go within one step, are left out.

    Examples:
        >>> estimate = dense_training_memory_bytes(256, 784, 512)
        >>> estimate.parameters == estimate.gradients == estimate.momentum == 4 * (784 * 512 + 512)
        True
        >>> estimate.activations, estimate.total  # the kept input: 256 x 784 float32 values
        (802816, 5625856)
        >>> dense_training_memory_bytes(256, 784, 512, momentum=False).momentum
        0
        >>> dense_training_memory_bytes(2, 3, 2, dtype=np.float64, use_bias=False)
        TrainingMemoryEstimate(parameters=48, gradients=48, momentum=48, activations=48)
    """
    itemsize = np.dtype(dtype).itemsize
    parameter_bytes = dense_parameter_count(input_size, output_size, use_bias) * itemsize
    return TrainingMemoryEstimate(
        parameters=parameter_bytes,
        gradients=parameter_bytes,
        momentum=parameter_bytes if momentum else 0,
        activations=batch_size * input_size * itemsize,
    )
