"""The small array type that layers take and return."""

from __future__ import annotations

from collections.abc import Callable
from functools import partialmethod
from typing import Any, Union

import numpy as np

__all__ = ["DEFAULT_DTYPE", "Tensor", "TensorLike"]

#: Floating-point type used when a Tensor is made from integers, booleans or Python
#: lists. float32 is what PyTorch and Keras default to, and it halves memory traffic.
DEFAULT_DTYPE = np.dtype(np.float32)

TensorLike = Union["Tensor", np.ndarray, float, int, list, tuple]


def _to_array(data: Any, dtype: Any = None, *, default: Any = DEFAULT_DTYPE) -> np.ndarray:
    """Convert ``data`` to an ndarray of a floating type, with errors that name the input.

    ``default`` is the dtype of what carries no float dtype of its own (Python numbers and
    lists, integers, booleans): :data:`DEFAULT_DTYPE` for a Tensor; :func:`~tinytorch_layers.checks.as_array`
    passes a layer's dtype, so that such an input is converted once, straight to it.
    """
    if isinstance(data, Tensor):
        array = data.data
    elif isinstance(data, (str, bytes)):
        raise TypeError(f"Tensor data must be numeric, got a string: {data!r}")
    else:
        try:
            array = np.asarray(data)
        except ValueError as error:  # numpy refuses nested lists of unequal lengths
            raise ValueError(
                f"Tensor data is ragged: every row must have the same length ({error})"
            ) from None
    if dtype is not None:
        return array.astype(dtype, copy=False)
    # Python numbers and lists carry no dtype of their own (numpy would pick float64),
    # so they get the default, as in PyTorch; an array or numpy scalar keeps its float type.
    # (np.float64 subclasses float, hence the np.generic test.)
    from_python = isinstance(data, (list, tuple, int, float)) and not isinstance(data, np.generic)
    if array.dtype.kind == "f" and not from_python:
        return array
    if array.dtype.kind in "biuf":
        return array.astype(default)
    raise TypeError(
        f"Tensor data must be numeric, got dtype {array.dtype} from {type(data).__name__}"
    )


class Tensor:
    """An n-dimensional array of floats: a thin, typed wrapper around :class:`numpy.ndarray`.

    Integers, booleans, Python numbers and Python lists become :data:`DEFAULT_DTYPE`
    (float32); a float array keeps its own dtype. Arithmetic with Tensors, arrays and
    scalars returns a Tensor, and ``np.asarray(tensor)`` gives the underlying array back.

    Args:
        data: Nested lists, an ndarray, a scalar or another Tensor.
        dtype: Convert to this dtype instead of applying the rules above.

    Attributes:
        data: The underlying ndarray.
        grad: ``None`` until a backward pass fills it, then the gradient of the loss with
            respect to this tensor: an ndarray of the same shape and dtype, to which later
            backward passes add (see :meth:`accumulate_grad`).

    Raises:
        ValueError: ``data`` is a ragged nested list.
        TypeError: ``data`` is not numeric (strings, objects, complex numbers).

    Examples:
        >>> x = Tensor([[1, 2, 3], [4, 5, 6]])
        >>> x.shape, x.dtype, x.ndim
        ((2, 3), dtype('float32'), 2)
        >>> (x * 2 + 1).data.tolist()
        [[3.0, 5.0, 7.0], [9.0, 11.0, 13.0]]

        A number or an array on the left works too, and the order of a subtraction,
        division or product is kept:

        >>> (10 - x).data[0].tolist(), (12 / x).data[0].tolist()
        ([9.0, 8.0, 7.0], [12.0, 6.0, 4.0])
        >>> (1 + 2 * x - x / 2).data[0].tolist()  # 1 + 1.5 x
        [2.5, 4.0, 5.5]
        >>> np.ones((1, 2)) @ x  # an ndarray @ a Tensor is a Tensor (float64 wins, as in numpy)
        Tensor([[5., 7., 9.]], dtype=float64)
        >>> len(x), x.size, (-x)[1].data.tolist()
        (2, 6, [-4.0, -5.0, -6.0])

        The dtype rules: a float array keeps its type, a Python float does not, and
        ``dtype=`` overrides both. A list operand follows the same rule as ``Tensor(list)``.

        >>> Tensor(np.zeros(2)).dtype, Tensor(2.0).dtype, Tensor([1, 2], dtype=np.float64).dtype
        (dtype('float64'), dtype('float32'), dtype('float64'))
        >>> Tensor(np.zeros(2), dtype=np.float32).dtype
        dtype('float32')
        >>> (x + [1, 2, 3]).dtype, (x + np.ones(3)).dtype
        (dtype('float32'), dtype('float64'))

        ``np.asarray`` gives the array itself back, or a converted copy; ``np.array``
        copies; a conversion that needs a copy is refused when ``copy=False`` forbids one.
        A float array given to ``Tensor`` is wrapped, not copied:

        >>> np.asarray(x) is x.data, np.asarray(x, dtype=np.float64).dtype, np.array(x) is x.data
        (True, dtype('float64'), False)
        >>> np.asarray(x, dtype=np.float32, copy=False) is x.data
        True
        >>> np.asarray(x, dtype=np.float64, copy=False)
        Traceback (most recent call last):
        ...
        ValueError: cannot convert a float32 Tensor to float64 without a copy
        >>> a = np.zeros(2)
        >>> Tensor(a).data is a, Tensor(a, dtype=np.float64).data is a, (x * 2).grad is None
        (True, True, True)
        >>> Tensor([[1, 2], [3, 4]])
        Tensor([[1., 2.],
                [3., 4.]], dtype=float32)

        >>> Tensor([[1, 2], [3]])
        Traceback (most recent call last):
        ...
        ValueError: Tensor data is ragged: every row must have the same length (...)
        >>> Tensor("3")
        Traceback (most recent call last):
        ...
        TypeError: Tensor data must be numeric, got a string: '3'
        >>> Tensor([1 + 2j])
        Traceback (most recent call last):
        ...
        TypeError: Tensor data must be numeric, got dtype complex128 from list
    """

    __slots__ = ("data", "grad")
    # Makes ``ndarray + Tensor`` call Tensor.__radd__ instead of numpy's own loop.
    __array_priority__ = 1000

    data: np.ndarray
    # The gradient (documented under Attributes above; a ``#:`` comment here would make
    # autodoc describe it twice): None until a backward pass fills it.
    grad: np.ndarray | None

    def __init__(self, data: TensorLike, dtype: Any = None) -> None:
        self.data = _to_array(data, dtype)
        self.grad = None

    @classmethod
    def _wrap(cls, array: np.ndarray, _new: Callable[[type], Any] = object.__new__) -> Tensor:
        """Wrap an ndarray that is already valid, skipping conversion (the fast path)."""
        tensor = _new(cls)  # bound once, as a default: a global and an attribute fewer per call
        tensor.data = array
        tensor.grad = None
        return tensor

    def accumulate_grad(self, gradient: np.ndarray) -> None:
        """Add ``gradient`` to :attr:`grad`, or store it there if ``grad`` is None.

        The gradient is converted to this tensor's dtype. A first gradient is stored
        without a copy when it already has the right dtype, so the caller must pass an
        array that nothing else will change (a fresh result, as backward passes make).

        Raises:
            ValueError: ``gradient`` does not have this tensor's shape.

        Examples:
            >>> w = Tensor([[1.0, 2.0]])
            >>> print(w.grad)
            None
            >>> first = np.array([[0.5, 0.5]], dtype=np.float32)
            >>> w.accumulate_grad(first)
            >>> w.grad is first  # stored, not copied: the dtype already matches
            True
            >>> w.accumulate_grad(np.array([[0.5, 1.5]]))  # backward passes add up
            >>> w.grad.tolist(), w.grad.dtype
            ([[1.0, 2.0]], dtype('float32'))
            >>> w.accumulate_grad(np.ones(2))
            Traceback (most recent call last):
            ...
            ValueError: gradient of shape (2,) does not match the tensor's shape (1, 2)
        """
        if gradient.shape != self.data.shape:
            raise ValueError(
                f"gradient of shape {gradient.shape} does not match the tensor's shape "
                f"{self.data.shape}"
            )
        if self.grad is None:
            self.grad = gradient.astype(self.data.dtype, copy=False)
        else:
            self.grad += gradient  # in place: no new array per backward pass

    @property
    def shape(self) -> tuple[int, ...]:
        """The sizes of the dimensions, as for :attr:`numpy.ndarray.shape`."""
        return self.data.shape

    @property
    def dtype(self) -> np.dtype:
        """The element type, a :class:`numpy.dtype`."""
        return self.data.dtype

    @property
    def ndim(self) -> int:
        """The number of dimensions."""
        return self.data.ndim

    @property
    def size(self) -> int:
        """The number of elements."""
        return self.data.size

    def numpy(self) -> np.ndarray:
        """Return the underlying ndarray (not a copy).

        Examples:
            >>> Tensor([1, 2]).numpy()
            array([1., 2.], dtype=float32)
        """
        return self.data

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        if dtype is not None and dtype != self.data.dtype:
            if copy is False:  # numpy 2 protocol: a conversion that must copy is refused
                raise ValueError(
                    f"cannot convert a {self.data.dtype} Tensor to {dtype} without a copy"
                )
            return self.data.astype(dtype)
        return self.data.copy() if copy else self.data

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="Tensor(")
        return f"Tensor({body}, dtype={self.data.dtype})"

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: Any) -> Tensor:
        return Tensor._wrap(np.asarray(self.data[index]))

    def _apply(self, operation: Callable[[Any, Any], Any], other: Any) -> Tensor:
        if isinstance(other, Tensor):
            other_data = other.data
        elif isinstance(other, (list, tuple)):
            other_data = _to_array(other)  # same dtype rule as Tensor(other)
        else:
            other_data = other  # arrays keep their dtype; Python scalars adapt to self's
        return Tensor._wrap(np.asarray(operation(self.data, other_data)))

    def _apply_reflected(self, operation: Callable[[Any, Any], Any], other: Any) -> Tensor:
        """``other <op> self``, for the reflected operators (``2 - t`` calls ``t.__rsub__(2)``)."""
        return self._apply(lambda a, b: operation(b, a), other)

    __add__ = partialmethod(_apply, np.add)
    __radd__ = partialmethod(_apply_reflected, np.add)
    __sub__ = partialmethod(_apply, np.subtract)
    __rsub__ = partialmethod(_apply_reflected, np.subtract)
    __mul__ = partialmethod(_apply, np.multiply)
    __rmul__ = partialmethod(_apply_reflected, np.multiply)
    __truediv__ = partialmethod(_apply, np.true_divide)
    __rtruediv__ = partialmethod(_apply_reflected, np.true_divide)
    __matmul__ = partialmethod(_apply, np.matmul)
    __rmatmul__ = partialmethod(_apply_reflected, np.matmul)

    def __neg__(self) -> Tensor:
        return Tensor._wrap(-self.data)
