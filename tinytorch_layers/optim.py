r"""Stochastic gradient descent, with momentum and weight decay as in PyTorch."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any

import numpy as np

from .tensor import Tensor

__all__ = ["SGD"]


def _check_hyperparameter(name: str, value: Any) -> float:
    """``value`` as a float if it is a finite number >= 0, else a clear error."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"SGD: {name} must be a number, got {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"SGD: {name} must be a finite number >= 0, got {value!r}")
    return float(value)


class SGD:
    r"""Stochastic gradient descent with optional momentum and weight decay.

    For each parameter :math:`p` with gradient :math:`g` (``p.grad``), one :meth:`step` does

    .. math::

        g &\leftarrow g + \lambda p && \text{(weight decay, if } \lambda \ne 0)\\
        v &\leftarrow \mu v + g \quad (v \leftarrow g \text{ at the first step})
            && \text{(momentum, if } \mu \ne 0)\\
        p &\leftarrow p - \eta\, v \quad (\text{or } p - \eta\, g \text{ without momentum})

    with learning rate :math:`\eta` (``lr``), momentum :math:`\mu` and weight decay
    :math:`\lambda`. This is the rule of ``torch.optim.SGD`` with its defaults
    ``dampening=0`` and ``nesterov=False``, as written in its documentation
    (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html). Note that the
    learning rate multiplies the whole velocity, unlike the :math:`v \leftarrow \mu v -
    \eta g` form of some textbooks; the two agree for a constant learning rate.

    Parameters whose ``grad`` is ``None`` are left alone, as in PyTorch. The parameters
    are updated in place (``p.data`` keeps its array and memory order), so a layer
    holding them sees the new values.

    Args:
        parameters: The Tensors to train, e.g. ``model.parameters()``.
        lr: The learning rate :math:`\eta \ge 0`.
        momentum: :math:`\mu \ge 0`; 0 turns momentum off.
        weight_decay: :math:`\lambda \ge 0` (an L2 penalty :math:`\frac{\lambda}{2}\|p\|^2`).

    Raises:
        TypeError: A hyperparameter is not a number, or a parameter is not a Tensor.
        ValueError: A hyperparameter is negative or not finite, or there are no parameters.

    Examples:
        >>> w = Tensor([1.0, -2.0])
        >>> opt = SGD([w], lr=0.1)
        >>> w.grad = np.array([0.5, 0.5], dtype=np.float32)
        >>> opt.step()
        >>> [round(float(v), 6) for v in w.data]  # w - 0.1 * grad
        [0.95, -2.05]
        >>> opt.zero_grad()
        >>> print(w.grad)
        None
        >>> opt.momentum, opt.weight_decay  # both off unless asked for
        (0.0, 0.0)
        >>> frozen = Tensor([1.0])  # no grad: left alone, and the parameters after it still move
        >>> w.grad = np.array([0.5, 0.5], dtype=np.float32)
        >>> SGD([frozen, w], lr=0.1).step()
        >>> frozen.data.tolist(), [round(float(v), 6) for v in w.data]
        ([1.0], [0.9, -2.1])
        >>> SGD([w], lr=-0.1)
        Traceback (most recent call last):
        ...
        ValueError: SGD: lr must be a finite number >= 0, got -0.1
        >>> SGD([w], lr=0.1, momentum=-0.9)
        Traceback (most recent call last):
        ...
        ValueError: SGD: momentum must be a finite number >= 0, got -0.9
        >>> SGD([w], lr=0.1, weight_decay=float("nan"))
        Traceback (most recent call last):
        ...
        ValueError: SGD: weight_decay must be a finite number >= 0, got nan
        >>> SGD([w], lr="0.1")
        Traceback (most recent call last):
        ...
        TypeError: SGD: lr must be a number, got '0.1'
        >>> SGD([w.data], lr=0.1)  # the Tensor, not its array: the update must reach the layer
        Traceback (most recent call last):
        ...
        TypeError: SGD trains Tensors; parameter 0 is a ndarray
        >>> SGD([], lr=0.1)
        Traceback (most recent call last):
        ...
        ValueError: SGD got an empty parameter list
    """

    def __init__(
        self,
        parameters: Iterable[Tensor],
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
    ) -> None:
        self.lr = _check_hyperparameter("lr", lr)
        self.momentum = _check_hyperparameter("momentum", momentum)
        self.weight_decay = _check_hyperparameter("weight_decay", weight_decay)
        self.parameters = list(parameters)
        if not self.parameters:
            raise ValueError("SGD got an empty parameter list")
        for position, parameter in enumerate(self.parameters):
            if not isinstance(parameter, Tensor):
                raise TypeError(
                    f"SGD trains Tensors; parameter {position} is a {type(parameter).__name__}"
                )
        #: One momentum buffer per parameter, None until its first step.
        self.velocities: list[np.ndarray | None] = [None] * len(self.parameters)
        self._scratch: dict[np.dtype, np.ndarray] = {}

    def step(self) -> None:
        r"""Update every parameter ``p`` that has a gradient ``g = p.grad``, in place.

        PyTorch's rule, in this order: with weight decay, ``g = g + weight_decay * p``;
        with momentum, the velocity ``v`` of ``p`` (in ``self.velocities``, one per
        parameter) becomes a copy of ``g`` at the first step and ``momentum * v + g``
        afterwards, and ``g = v``; finally ``p = p - lr * g``. ``p.grad`` itself is never
        changed, and ``p.data`` keeps its array (and its dtype): whoever holds that array,
        a layer for one, sees the new values. A parameter whose ``grad`` is None is skipped.

        Examples:
            >>> w = Tensor([1.0])
            >>> opt = SGD([w], lr=0.5, momentum=0.9)
            >>> for _ in range(3):  # the same gradient 1.0 three times
            ...     w.grad = np.array([1.0], dtype=np.float32)
            ...     opt.step()
            >>> [round(float(v), 4) for v in opt.velocities[0]]  # 1, 1.9, 2.71
            [2.71]
            >>> round(float(w.data[0]), 4)  # 1 - 0.5 * (1 + 1.9 + 2.71)
            -1.805
            >>> decayed = Tensor([2.0])
            >>> opt = SGD([decayed], lr=0.1, weight_decay=0.5)
            >>> decayed.grad = np.array([0.0], dtype=np.float32)
            >>> opt.step()
            >>> round(float(decayed.data[0]), 4)  # 2 - 0.1 * (0 + 0.5 * 2)
            1.9
            >>> decayed.grad.tolist()  # the gradient itself is left as it was
            [0.0]
            >>> g = np.array([1.0], dtype=np.float32)
            >>> w = Tensor([0.0])
            >>> opt = SGD([w], lr=1.0, momentum=0.5)
            >>> w.grad = g
            >>> opt.step()
            >>> opt.step()  # v = 1, then 0.5 * 1 + 1
            >>> float(w.data[0]), g.tolist()
            (-2.5, [1.0])

            Momentum and weight decay together: the decay joins the gradient before the
            velocity, at every step (v = 1 + 0.5 * 1, then 0.9 * v + 1 + 0.5 * 0.85):

            >>> w = Tensor([1.0])
            >>> opt = SGD([w], lr=0.1, momentum=0.9, weight_decay=0.5)
            >>> for _ in range(2):
            ...     w.grad = np.array([1.0], dtype=np.float32)
            ...     opt.step()
            >>> round(float(opt.velocities[0][0]), 4), round(float(w.data[0]), 4), w.grad.tolist()
            (2.775, 0.5725, [1.0])

            Each parameter has its own velocity, and is updated in place, in its dtype:

            >>> a, b = Tensor([0.0]), Tensor([[1.0, 2.0], [3.0, 4.0]])
            >>> array = b.data
            >>> opt = SGD([a, b], lr=0.5, momentum=0.5)
            >>> a.grad, b.grad = np.array([1.0], dtype=np.float32), np.ones((2, 2))  # float64
            >>> opt.step(); opt.step()  # velocities 1, then 1.5
            >>> a.data.tolist(), b.data.tolist()
            ([-1.25], [[-0.25, 0.75], [1.75, 2.75]])
            >>> b.data is array, b.dtype
            (True, dtype('float32'))
        """
        for index, parameter in enumerate(self.parameters):
            grad = parameter.grad
            if grad is None:
                continue
            # BEGIN SOLUTION
            if self.weight_decay:
                grad = grad + self.weight_decay * parameter.data  # a new array: .grad stays
            if self.momentum:
                velocity = self.velocities[index]
                if velocity is None:
                    # order="K": the buffer keeps the parameter's memory order
                    velocity = self.velocities[index] = np.array(grad, order="K", copy=True)
                else:
                    velocity *= self.momentum
                    velocity += grad
                grad = velocity
            self._subtract_scaled(parameter.data, self.lr, grad)  # p -= lr * g
            # END SOLUTION

    def _subtract_scaled(self, target: np.ndarray, scale: float, values: np.ndarray) -> None:
        """``target -= scale * values`` in place, with no new array for ``scale * values``.

        A fresh array of a large parameter's size costs more than the arithmetic (the
        operating system hands out new memory page by page), so the product goes into a
        scratch buffer kept between steps, one per dtype, the size of the largest parameter.

        Examples:
            >>> opt = SGD([Tensor([0.0])], lr=0.1)
            >>> target = np.ones(3)
            >>> opt._subtract_scaled(target, 0.5, np.array([2.0, 4.0, 6.0]))
            >>> target.tolist()
            [0.0, -1.0, -2.0]
        """
        dtype = np.result_type(values.dtype, target.dtype)
        scratch = self._scratch.get(dtype)
        if scratch is None or scratch.size < values.size:
            scratch = self._scratch[dtype] = np.empty(values.size, dtype=dtype)
        # a view with the layout of ``values``, so both are walked in the same order
        order = "F" if values.flags.f_contiguous and not values.flags.c_contiguous else "C"
        product = scratch[: values.size].reshape(values.shape, order=order)
        np.multiply(values, scale, out=product)
        target -= product

    def zero_grad(self) -> None:
        """Reset every parameter's ``grad`` to None, as PyTorch's ``zero_grad()`` does.

        The next backward pass then stores its gradient instead of adding to a stale one.

        Examples:
            >>> w = Tensor([1.0])
            >>> w.grad = np.array([3.0], dtype=np.float32)
            >>> SGD([w], lr=0.1).zero_grad()
            >>> w.grad is None
            True
        """
        for parameter in self.parameters:
            parameter.grad = None

    def __repr__(self) -> str:
        return (
            f"SGD(lr={self.lr}, momentum={self.momentum}, weight_decay={self.weight_decay})"
        )
