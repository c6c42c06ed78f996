"""Input checks shared by the layers, the loss and the initialisers, with errors that name the value.

Each layer converts its input once (:func:`as_array`) and refuses a bad size, dtype, label or
gradient with a message that names what it received. The exercises' workspaces import these
helpers too, so a learner's code refuses what the package refuses.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .tensor import DEFAULT_DTYPE, Tensor, _to_array

__all__ = [
    "as_array",
    "check_fans",
    "check_labels",
    "float_dtype",
    "initializer_dtype",
    "positive_int",
    "saved_output_and_grad",
]


def as_array(x: Any, dtype: np.dtype | None = None) -> np.ndarray:
    """The array a module computes on: the one input conversion of the layers and the loss.

    The common inputs cost two type tests and no copy: a Tensor gives its own data, and an
    ndarray of ``dtype`` (without ``dtype``: of any float type) is used as it is. Anything
    else follows the rules and errors of ``Tensor(x)`` (:class:`~tinytorch_layers.Tensor`): Python numbers
    and lists, integers and booleans become ``dtype`` (float32 without one); strings,
    complex numbers and ragged lists are refused with an error that names them. With
    ``dtype``, the result is then cast to it, a copy only if its dtype differs, so the
    caller's array is never changed.

    Examples:
        >>> a = np.ones((2, 3), dtype=np.float32)
        >>> as_array(a) is a, as_array(Tensor(a)) is a, as_array(a, a.dtype) is a  # no copy
        (True, True, True)
        >>> as_array(a, np.dtype(np.float64)).dtype, as_array(np.arange(2)).dtype
        (dtype('float64'), dtype('float32'))
        >>> as_array([0.1], np.dtype(np.float64)).tolist()  # straight to float64
        [0.1]
        >>> native = np.ones(2, dtype=a.dtype.newbyteorder("="))  # equal dtype, another object
        >>> native.dtype is a.dtype, as_array(native, a.dtype) is native
        (False, True)
        >>> as_array("3")  # refused as Tensor("3") is
        Traceback (most recent call last):
        ...
        TypeError: Tensor data must be numeric, got a string: '3'
    """
    # Exact type tests first: they cost tens of nanoseconds and settle the usual inputs,
    # which is what keeps a tiny layer's call close to the bare ``x @ W + b``.
    kind = type(x)
    if kind is Tensor:
        array = x.data
    elif kind is np.ndarray and (x.dtype is dtype or x.dtype.kind == "f"):
        array = x
    else:  # subclasses, lists, scalars, other dtypes: Tensor's rules and errors
        array = _to_array(x, default=DEFAULT_DTYPE if dtype is None else dtype)
    # numpy's built-in dtypes are singletons, so `is` settles the usual case cheaply.
    if dtype is None or array.dtype is dtype:
        return array
    return array.astype(dtype, copy=False)


def positive_int(name: str, value: Any) -> int:
    """Return ``value`` as an int if it is a positive whole number, else raise naming it.

    Python and numpy integers pass; booleans, floats (even ``3.0``) and strings do not.

    Raises:
        TypeError: ``value`` is not an integer.
        ValueError: ``value`` is zero or negative.

    Examples:
        >>> size = positive_int("input_size", np.int64(3))
        >>> size, type(size).__name__
        (3, 'int')
        >>> positive_int("fan_in", 0)
        Traceback (most recent call last):
        ...
        ValueError: fan_in must be a positive integer, got 0
        >>> positive_int("output_size", True)
        Traceback (most recent call last):
        ...
        TypeError: output_size must be a positive integer, got True
        >>> positive_int("features", 3.0)
        Traceback (most recent call last):
        ...
        TypeError: features must be a positive integer, got 3.0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def float_dtype(dtype: Any, refusal: str) -> np.dtype:
    """Return ``dtype`` as a numpy dtype if it is float32 or float64, else raise.

    Args:
        dtype: Anything :class:`numpy.dtype` accepts.
        refusal: The error's message, with ``{}`` where the refused dtype goes: each
            caller says what it cannot do with another dtype.

    Raises:
        TypeError: ``dtype`` is another type (float16, an integer, bool).

    Examples:
        >>> float_dtype(np.float32, "cannot use {}"), float_dtype("float64", "cannot use {}")
        (dtype('float32'), dtype('float64'))
        >>> float_dtype(np.int32, "Dense computes in float32 or float64, got dtype={}")
        Traceback (most recent call last):
        ...
        TypeError: Dense computes in float32 or float64, got dtype=int32
        >>> float_dtype(np.float16, "initialisers draw float32 or float64, got dtype {}")
        Traceback (most recent call last):
        ...
        TypeError: initialisers draw float32 or float64, got dtype float16
    """
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise TypeError(refusal.format(dtype))
    return dtype


def check_fans(fan_in: Any, fan_out: Any) -> None:
    """Raise unless both fans are positive integers (the initialisers' scales divide by them).

    Examples:
        >>> check_fans(784, 128)  # returns nothing when both are fine
        >>> check_fans(784, 0)
        Traceback (most recent call last):
        ...
        ValueError: fan_out must be a positive integer, got 0
    """
    positive_int("fan_in", fan_in)
    positive_int("fan_out", fan_out)


def initializer_dtype(dtype: Any) -> np.dtype:
    """Return ``dtype`` as a numpy dtype if numpy's Generator can draw it, else raise.

    Examples:
        >>> initializer_dtype("float64")
        dtype('float64')
        >>> initializer_dtype(np.float16)
        Traceback (most recent call last):
        ...
        TypeError: initialisers draw float32 or float64, got dtype float16
    """
    return float_dtype(dtype, "initialisers draw float32 or float64, got dtype {}")


def saved_output_and_grad(module: Any, grad_output: Any) -> tuple[np.ndarray, np.ndarray]:
    """The output ``module``'s last forward pass kept, and ``grad_output`` as an array of its shape.

    An activation's backward pass needs both: its derivative is written in terms of the
    output (sigmoid, tanh, softmax), and the incoming gradient must match it elementwise.

    Raises:
        RuntimeError: the module has not run forward yet (``last_output`` is None).
        ValueError: ``grad_output`` has another shape than the saved output.

    Examples:
        >>> from tinytorch_layers import Tanh
        >>> tanh = Tanh()
        >>> saved_output_and_grad(tanh, np.ones(2))
        Traceback (most recent call last):
        ...
        RuntimeError: Tanh.backward needs a forward pass first: call the module first
        >>> y = tanh(np.zeros((2, 3)))
        >>> out, grad = saved_output_and_grad(tanh, np.ones((2, 3)))
        >>> out is tanh.last_output, grad.shape
        (True, (2, 3))
        >>> saved_output_and_grad(tanh, np.ones((3, 2)))
        Traceback (most recent call last):
        ...
        ValueError: Tanh.backward expected grad_output of the output's shape (2, 3), got shape (3, 2)
    """
    saved = module.last_output
    name = type(module).__name__
    if saved is None:
        raise RuntimeError(f"{name}.backward needs a forward pass first: call the module first")
    grad = as_array(grad_output)
    if grad.shape != saved.shape:
        raise ValueError(
            f"{name}.backward expected grad_output of the output's shape {saved.shape}, "
            f"got shape {grad.shape}"
        )
    return saved, grad


def check_labels(labels: Any, batch: int, classes: int) -> np.ndarray:
    """``labels`` as an integer array ``(batch,)`` of classes in ``[0, classes)``, or an error.

    Examples:
        >>> check_labels([2, 0], batch=2, classes=3).tolist()
        [2, 0]
        >>> check_labels([0.0, 1.0], batch=2, classes=3)
        Traceback (most recent call last):
        ...
        TypeError: SoftmaxCrossEntropy needs integer class labels, got dtype float64
        >>> check_labels([0, 1, 2], batch=2, classes=3)
        Traceback (most recent call last):
        ...
        ValueError: SoftmaxCrossEntropy needs one label per row of logits: labels of shape (2,), got shape (3,)
        >>> check_labels([0, 3], batch=2, classes=3)
        Traceback (most recent call last):
        ...
        ValueError: SoftmaxCrossEntropy: label 3 is out of range for 3 classes (labels must be 0 to 2)
    """
    array = np.asarray(labels.data if isinstance(labels, Tensor) else labels)
    if array.dtype.kind not in "iu":
        raise TypeError(
            f"SoftmaxCrossEntropy needs integer class labels, got dtype {array.dtype}"
        )
    if array.shape != (batch,):
        raise ValueError(
            f"SoftmaxCrossEntropy needs one label per row of logits: labels of shape "
            f"({batch},), got shape {array.shape}"
        )
    if batch and (array.min() < 0 or array.max() >= classes):
        bad = array[(array < 0) | (array >= classes)][0]
        raise ValueError(
            f"SoftmaxCrossEntropy: label {int(bad)} is out of range for {classes} classes "
            f"(labels must be 0 to {classes - 1})"
        )
    return array
