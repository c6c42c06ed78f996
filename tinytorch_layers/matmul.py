r"""Matrix multiplication written as three loops: the reference the rest of the book leans on."""

from __future__ import annotations

from typing import Any

import numpy as np

from .tensor import Tensor, _to_array

__all__ = ["check_matmul_shapes", "matmul"]


def check_matmul_shapes(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> None:
    """Raise ``ValueError`` unless an ``(m, n)`` matrix can multiply an ``(n, p)`` one.

    Examples:
        >>> check_matmul_shapes((32, 784), (784, 10))
        >>> check_matmul_shapes((784,), (784, 10))
        Traceback (most recent call last):
        ...
        ValueError: matmul needs 2-D matrices, but A has shape (784,)
        >>> check_matmul_shapes((32, 784), (10, 784))
        Traceback (most recent call last):
        ...
        ValueError: Incompatible matrix dimensions: A is 32x784, B is 10x784 (A's 784 columns must equal B's 10 rows)
    """
    for name, shape in (("A", a_shape), ("B", b_shape)):
        if len(shape) != 2:
            raise ValueError(f"matmul needs 2-D matrices, but {name} has shape {shape}")
    (m, n), (n2, p) = a_shape, b_shape
    if n != n2:
        raise ValueError(
            f"Incompatible matrix dimensions: A is {m}x{n}, B is {n2}x{p} "
            f"(A's {n} columns must equal B's {n2} rows)"
        )


def matmul(A: Any, B: Any) -> Any:
    r"""Multiply matrices with three explicit loops: :math:`C_{ij} = \sum_k A_{ik} B_{kj}`.

    This is the readable reference, not the fast path: it performs the :math:`m n p`
    multiply-adds one Python step at a time. :class:`~tinytorch_layers.Dense` uses
    numpy's BLAS-backed ``@`` unless asked for this function.

    Args:
        A: The left matrix, shape ``(m, n)``: an ndarray, a Tensor or nested lists.
            It is converted as :class:`~tinytorch_layers.Tensor` converts its data:
            integers, booleans and lists become float32, float arrays keep their dtype.
        B: The right matrix, shape ``(n, p)``, converted in the same way.

    Returns:
        The product, shape ``(m, p)``: a Tensor if ``A`` or ``B`` is one, else an ndarray.
        Its dtype is the float type both operands fit in (float32 for two float32 inputs).

    Raises:
        ValueError: An operand is not 2-D, or A's columns differ from B's rows.

    Examples:
        >>> A = np.array([[1.0, 2.0], [3.0, 4.0]])
        >>> B = np.array([[5.0, 6.0], [7.0, 8.0]])
        >>> matmul(A, B)
        array([[19., 22.],
               [43., 50.]])
        >>> A23 = np.arange(6.0).reshape(2, 3)  # not square: row and column indices differ
        >>> B34 = np.arange(12.0).reshape(3, 4)
        >>> matmul(A23, B34)
        array([[20., 23., 26., 29.],
               [56., 68., 80., 92.]])
        >>> C = matmul(Tensor(A23), B34)  # a Tensor in, a Tensor out
        >>> type(C).__name__, C.shape
        ('Tensor', (2, 4))
        >>> f32, f64 = np.ones((1, 1), np.float32), np.ones((1, 1))
        >>> matmul(f32, f32).dtype, matmul(f32, f64).dtype, matmul(f64, f32).dtype
        (dtype('float32'), dtype('float64'), dtype('float64'))
        >>> matmul([[1, 2]], np.array([[3], [4]]))  # lists and integer arrays: float32
        array([[11.]], dtype=float32)
        >>> type(matmul([[1.0]], Tensor([[2.0]]))).__name__  # one Tensor is enough
        'Tensor'
        >>> matmul(np.ones((2, 0)), np.ones((0, 3)))  # no terms to add: the zero matrix
        array([[0., 0., 0.],
               [0., 0., 0.]])
        >>> matmul(np.ones((32, 784)), np.ones((10, 784)))
        Traceback (most recent call last):
        ...
        ValueError: Incompatible matrix dimensions: A is 32x784, B is 10x784 (A's 784 columns must equal B's 10 rows)
        >>> matmul(np.ones((2, 3)), np.ones(3))  # a vector is not a matrix here
        Traceback (most recent call last):
        ...
        ValueError: matmul needs 2-D matrices, but B has shape (3,)
    """
    # BEGIN SOLUTION
    a = _to_array(A)
    b = _to_array(B)
    check_matmul_shapes(a.shape, b.shape)
    m, n = a.shape
    p = b.shape[1]
    # Start from zeros so an empty inner dimension (n == 0) gives the zero matrix.
    C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
    for i in range(m):  # each row of A
        for j in range(p):  # each column of B
            for k in range(n):  # the dot product of row i and column j
                C[i, j] += a[i, k] * b[k, j]
    if isinstance(A, Tensor) or isinstance(B, Tensor):
        return Tensor._wrap(C)
    return C
    # END SOLUTION
