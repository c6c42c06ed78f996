r"""Elementwise nonlinearities and softmax, in forms that do not overflow."""

from __future__ import annotations

from typing import Any

import numpy as np

from .module import Module
from .tensor import Tensor, _to_array

__all__ = ["ReLU", "Sigmoid", "Softmax", "Tanh"]


def _data(x: Any) -> np.ndarray:
    return x.data if isinstance(x, Tensor) else _to_array(x)


class ReLU(Module):
    r"""Rectified linear unit: :math:`\max(0, x)`, elementwise.

    Examples:
        >>> ReLU()(Tensor([-2.0, 0.0, 3.0])).data.tolist()
        [0.0, 0.0, 3.0]
    """

    def forward(self, x: Any) -> Tensor:
        data = _data(x)
        return Tensor._wrap(np.maximum(data, data.dtype.type(0)))


class Sigmoid(Module):
    r"""Logistic sigmoid: :math:`\sigma(x) = 1 / (1 + e^{-x})`, elementwise, in (0, 1).

    In floating point the ends are reached: large inputs round to exactly 0 or 1.

    The textbook formula overflows for large negative x (:math:`e^{1000}` is ``inf``).
    This form only ever exponentiates :math:`-|x|`, so :math:`e^{-|x|}` lies in [0, 1]
    (it underflows to 0 for large :math:`|x|`, which does no harm):
    :math:`\sigma(x) = 1/(1+e^{-|x|})` for :math:`x \ge 0` and
    :math:`e^{-|x|}/(1+e^{-|x|})` for :math:`x < 0`.

    Examples:
        >>> Sigmoid()(Tensor([-1000.0, 0.0, 1000.0])).data.tolist()
        [0.0, 0.5, 1.0]
    """

    def forward(self, x: Any) -> Tensor:
        data = _data(x)
        small = np.exp(-np.abs(data))  # in [0, 1]: cannot overflow
        return Tensor._wrap(np.where(data >= 0, 1 / (1 + small), small / (1 + small)))


class Tanh(Module):
    r"""Hyperbolic tangent: :math:`\tanh(x)`, elementwise, in (-1, 1) and centred on 0.

    Examples:
        >>> print(np.round(Tanh()(Tensor([-1.0, 0.0, 1.0])).data, 4))
        [-0.7616  0.      0.7616]
    """

    def forward(self, x: Any) -> Tensor:
        return Tensor._wrap(np.tanh(_data(x)))


class Softmax(Module):
    r"""Softmax along an axis: :math:`\mathrm{softmax}(x)_i = e^{x_i} / \sum_j e^{x_j}`.

    Softmax does not change when a constant is subtracted from every :math:`x_i`, so the
    maximum is subtracted first: every exponent is then at most 0 and nothing overflows,
    even for inputs of 1000.

    Args:
        axis: The axis that sums to one; the last by default (one row per sample).

    Examples:
        >>> p = Softmax()(Tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]]))
        >>> print(np.round(p.data, 4))
        [[0.09   0.2447 0.6652]
         [0.3333 0.3333 0.3333]]
        >>> np.round(p.data.sum(axis=-1), 6).tolist()
        [1.0, 1.0]
    """

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def forward(self, x: Any) -> Tensor:
        """Exponentiate ``x`` minus its maximum along ``axis``, then divide by the sum.

        Examples:
            >>> p = Softmax()(Tensor([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]]))
            >>> print(np.round(p.data, 4))  # adding 999 to a row changes nothing
            [[0.09   0.2447 0.6652]
             [0.09   0.2447 0.6652]]
            >>> print(np.round(p.data.sum(axis=-1), 6))
            [1. 1.]
            >>> print(np.round(Softmax(axis=0)(Tensor([[1.0, 5.0], [1.0, -5.0]])).data, 4))
            [[0.5 1. ]
             [0.5 0. ]]
        """
        data = _data(x)
        # BEGIN SOLUTION
        shifted = data - data.max(axis=self.axis, keepdims=True)
        exps = np.exp(shifted)
        return Tensor._wrap(exps / exps.sum(axis=self.axis, keepdims=True))
        # END SOLUTION

    def __repr__(self) -> str:
        return f"Softmax(axis={self.axis})"
