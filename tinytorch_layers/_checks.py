"""Argument checks shared by the layers and the initialisers, with errors that name the value."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

__all__ = ["float_dtype", "positive_int"]


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
