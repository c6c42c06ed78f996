r"""Elementwise nonlinearities and softmax, in forms that do not overflow."""

from __future__ import annotations

from typing import Any

import numpy as np

from .module import Module
from .tensor import Tensor, _to_array

__all__ = ["ReLU", "Sigmoid", "Softmax", "Tanh"]


def _data(x: Any) -> np.ndarray:
    return x.data if isinstance(x, Tensor) else _to_array(x)


def _saved_and_grad(module: Module, grad_output: Any) -> tuple[np.ndarray, np.ndarray]:
    """The output the last forward pass kept, and ``grad_output`` checked against its shape."""
    saved = module.last_output
    name = type(module).__name__
    if saved is None:
        raise RuntimeError(f"{name}.backward needs a forward pass first: call the module first")
    grad = _data(grad_output)
    if grad.shape != saved.shape:
        raise ValueError(
            f"{name}.backward expected grad_output of the output's shape {saved.shape}, "
            f"got shape {grad.shape}"
        )
    return saved, grad


class ReLU(Module):
    r"""Rectified linear unit: :math:`\max(0, x)`, elementwise.

    Its derivative is 1 where the input is positive and 0 elsewhere (0 at exactly 0, the
    choice PyTorch makes too).

    Examples:
        >>> relu = ReLU()
        >>> relu(Tensor([-2.0, 0.0, 3.0])).data.tolist()
        [0.0, 0.0, 3.0]
        >>> relu.backward(Tensor([5.0, 5.0, 5.0])).data.tolist()  # passes where x > 0
        [0.0, 0.0, 5.0]
    """

    #: The output of the last forward pass, which backward needs; None before.
    last_output: np.ndarray | None = None

    def forward(self, x: Any) -> Tensor:
        data = _data(x)
        self.last_output = np.maximum(data, data.dtype.type(0))
        return Tensor._wrap(self.last_output)

    def backward(self, grad_output: Any) -> Tensor:
        r"""dL/dx = dL/dy where the output is positive, else 0.

        Raises:
            RuntimeError: No forward pass has run yet.
            ValueError: ``grad_output`` does not have the output's shape.

        Examples:
            >>> relu = ReLU()
            >>> y = relu(Tensor([[-1.0, 2.0], [3.0, -4.0]]))
            >>> relu.backward(Tensor([[10.0, 20.0], [30.0, 40.0]])).data.tolist()
            [[0.0, 20.0], [30.0, 0.0]]
            >>> relu.backward(Tensor([1.0, 2.0]))  # one gradient per output element
            Traceback (most recent call last):
            ...
            ValueError: ReLU.backward expected grad_output of the output's shape (2, 2), got shape (2,)
            >>> ReLU().backward(Tensor([1.0]))  # nothing to go back through yet
            Traceback (most recent call last):
            ...
            RuntimeError: ReLU.backward needs a forward pass first: call the module first
        """
        out, grad = _saved_and_grad(self, grad_output)
        # y > 0 exactly where x > 0: the output tells where the gradient passes.
        return Tensor._wrap(grad * (out > 0))


class Sigmoid(Module):
    r"""Logistic sigmoid: :math:`\sigma(x) = 1 / (1 + e^{-x})`, elementwise, in (0, 1).

    In floating point the ends are reached: large inputs round to exactly 0 or 1.

    The textbook formula overflows for large negative x (:math:`e^{1000}` is ``inf``).
    This form only ever exponentiates :math:`-|x|`, so :math:`e^{-|x|}` lies in [0, 1]
    (it underflows to 0 for large :math:`|x|`, which does no harm):
    :math:`\sigma(x) = 1/(1+e^{-|x|})` for :math:`x \ge 0` and
    :math:`e^{-|x|}/(1+e^{-|x|})` for :math:`x < 0`.

    Its derivative, :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`, is computed from the
    output, which the forward pass keeps.

    Examples:
        >>> Sigmoid()(Tensor([-1000.0, 0.0, 1000.0])).data.tolist()
        [0.0, 0.5, 1.0]
    """

    #: The output of the last forward pass, which backward needs; None before.
    last_output: np.ndarray | None = None

    def forward(self, x: Any) -> Tensor:
        data = _data(x)
        small = np.exp(-np.abs(data))  # in [0, 1]: cannot overflow
        self.last_output = np.where(data >= 0, 1 / (1 + small), small / (1 + small))
        return Tensor._wrap(self.last_output)

    def backward(self, grad_output: Any) -> Tensor:
        r"""dL/dx = dL/dy * :math:`\sigma(x)(1 - \sigma(x))`, from the saved output.

        Raises:
            RuntimeError: No forward pass has run yet.
            ValueError: ``grad_output`` does not have the output's shape.

        Examples:
            >>> sigmoid = Sigmoid()
            >>> y = sigmoid(Tensor([0.0, 1000.0, -1000.0]))
            >>> sigmoid.backward(Tensor([1.0, 1.0, 1.0])).data.tolist()  # 0.5 * (1 - 0.5)
            [0.25, 0.0, 0.0]

            Checked against central differences in float64:

            >>> from tinytorch_layers import numerical_gradient, relative_error
            >>> x = np.linspace(-4.0, 4.0, 7)
            >>> g = np.arange(1.0, 8.0)  # dL/dy for L = sum(g * sigmoid(x))
            >>> y = sigmoid(x)
            >>> analytic = sigmoid.backward(g).data
            >>> numeric = numerical_gradient(lambda v: float(np.sum(g * sigmoid(v).data)), x)
            >>> bool(relative_error(analytic, numeric) < 1e-8)
            True
            >>> Sigmoid().backward(Tensor([1.0]))
            Traceback (most recent call last):
            ...
            RuntimeError: Sigmoid.backward needs a forward pass first: call the module first
        """
        out, grad = _saved_and_grad(self, grad_output)
        return Tensor._wrap(grad * out * (1 - out))  # d(sigmoid)/dx = s (1 - s)


class Tanh(Module):
    r"""Hyperbolic tangent: :math:`\tanh(x)`, elementwise, in (-1, 1) and centred on 0.

    Its derivative is :math:`1 - \tanh^2(x)`, computed from the output.

    Examples:
        >>> print(np.round(Tanh()(Tensor([-1.0, 0.0, 1.0])).data, 4))
        [-0.7616  0.      0.7616]
    """

    #: The output of the last forward pass, which backward needs; None before.
    last_output: np.ndarray | None = None

    def forward(self, x: Any) -> Tensor:
        self.last_output = np.tanh(_data(x))
        return Tensor._wrap(self.last_output)

    def backward(self, grad_output: Any) -> Tensor:
        r"""dL/dx = dL/dy * :math:`(1 - \tanh^2 x)`, from the saved output.

        Raises:
            RuntimeError: No forward pass has run yet.
            ValueError: ``grad_output`` does not have the output's shape.

        Examples:
            >>> tanh = Tanh()
            >>> y = tanh(Tensor([0.0, 1000.0, -1000.0]))
            >>> tanh.backward(Tensor([1.0, 1.0, 1.0])).data.tolist()  # slope 1 at 0, 0 far out
            [1.0, 0.0, 0.0]
            >>> y = tanh(Tensor([[0.0, 0.5], [-0.5, 0.0]]))
            >>> grad = tanh.backward(Tensor([[2.0, 1.0], [1.0, -3.0]]))
            >>> print(np.round(grad.data, 4))  # dL/dy * (1 - tanh(0.5)^2) = 0.7864
            [[ 2.      0.7864]
             [ 0.7864 -3.    ]]

            Checked against central differences in float64:

            >>> from tinytorch_layers import numerical_gradient, relative_error
            >>> x = np.linspace(-3.0, 3.0, 7)
            >>> g = np.arange(1.0, 8.0)  # dL/dy for L = sum(g * tanh(x))
            >>> y = tanh(x)
            >>> analytic = tanh.backward(g).data
            >>> numeric = numerical_gradient(lambda v: float(np.sum(g * tanh(v).data)), x)
            >>> bool(relative_error(analytic, numeric) < 1e-8)
            True
            >>> tanh.backward(Tensor([1.0, 2.0]))
            Traceback (most recent call last):
            ...
            ValueError: Tanh.backward expected grad_output of the output's shape (7,), got shape (2,)
        """
        out, grad = _saved_and_grad(self, grad_output)
        # BEGIN SOLUTION
        return Tensor._wrap(grad * (1 - out * out))  # d(tanh)/dx = 1 - tanh^2
        # END SOLUTION


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

    #: The output of the last forward pass, which backward needs; None before.
    last_output: np.ndarray | None = None

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
        probs = exps / exps.sum(axis=self.axis, keepdims=True)
        # END SOLUTION
        self.last_output = probs  # kept for backward
        return Tensor._wrap(probs)

    def backward(self, grad_output: Any) -> Tensor:
        r"""The Jacobian-vector product :math:`s \odot (g - \langle g, s\rangle)` along ``axis``.

        With :math:`s` the saved output and :math:`g` = dL/ds, the Jacobian of softmax is
        :math:`\partial s_i / \partial x_j = s_i(\delta_{ij} - s_j)`, so
        :math:`\partial L/\partial x_j = s_j (g_j - \sum_i g_i s_i)`. The full Jacobian is
        never formed; only the saved probabilities are used, so large inputs are as safe
        as in the forward pass.

        Raises:
            RuntimeError: No forward pass has run yet.
            ValueError: ``grad_output`` does not have the output's shape.

        Examples:
            >>> softmax = Softmax()
            >>> s = softmax(Tensor([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]]))
            >>> grad = softmax.backward(Tensor([[1.0, 1.0, 1.0], [0.0, 1.0, 0.0]]))
            >>> print(np.round(grad.data, 4))  # a constant g changes nothing: gradient 0
            [[0. 0. 0.]
             [0. 0. 0.]]
            >>> s = softmax(Tensor([0.0, 0.0]))
            >>> softmax.backward(Tensor([1.0, 0.0])).data.tolist()  # s1 (1 - s1), -s1 s2
            [0.25, -0.25]
        """
        out, grad = _saved_and_grad(self, grad_output)
        inner = np.sum(grad * out, axis=self.axis, keepdims=True)
        return Tensor._wrap(out * (grad - inner))

    def __repr__(self) -> str:
        return f"Softmax(axis={self.axis})"
