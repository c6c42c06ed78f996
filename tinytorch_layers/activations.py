r"""Elementwise nonlinearities and softmax, in forms that do not overflow."""

from __future__ import annotations

from typing import Any

import numpy as np

from .module import Module
from .checks import as_array, saved_output_and_grad
from .tensor import Tensor

__all__ = ["ReLU", "Sigmoid", "Softmax", "Tanh"]


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
        data = as_array(x)
        self.last_output = np.maximum(data, data.dtype.type(0))
        return Tensor._wrap(self.last_output)

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        r"""dL/dx = dL/dy where the output is positive, else 0; None if not ``input_grad``.

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
        out, grad = saved_output_and_grad(self, grad_output)
        if not input_grad:  # no parameters: nothing else to compute
            return None
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
        data = as_array(x)
        small = np.exp(-np.abs(data))  # in [0, 1]: cannot overflow
        self.last_output = np.where(data >= 0, 1 / (1 + small), small / (1 + small))
        return Tensor._wrap(self.last_output)

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        r"""Given dL/dy for the output of the last forward pass, return dL/dx.

        The result is a Tensor of the output's shape and dtype, or None with
        ``input_grad=False`` (a sigmoid has no parameters to fill). The derivative is
        computed from the output the forward pass kept in ``last_output``, with no new
        exponential; neither that array nor ``grad_output`` is changed, so a second call
        gives the same result. Called before any forward pass, it raises a RuntimeError; a
        ``grad_output`` of another shape than the output's gets a ValueError.

        Examples:
            >>> sigmoid = Sigmoid()
            >>> y = sigmoid(Tensor([0.0, 1000.0, -1000.0]))  # slope 1/4 at 0, flat far out
            >>> sigmoid.backward(Tensor([1.0, 1.0, 1.0])).data.tolist() == [0.25, 0.0, 0.0]
            True
            >>> y = sigmoid(Tensor([[0.0, 2.0], [-1.0, 0.5]]))
            >>> g = Tensor([[2.0, 1.0], [1.0, -4.0]])
            >>> grad = sigmoid.backward(g)
            >>> print(np.round(grad.data, 4))
            [[ 0.5     0.105 ]
             [ 0.1966 -0.94  ]]

            The rules of every activation's backward pass (the contract above, and agreement
            with ``numerical_gradient`` in float64), tried one by one:

            >>> from tinytorch_layers.gradcheck import backward_rules_broken
            >>> backward_rules_broken(sigmoid, [[0.0, 2.0], [-1.0, 0.5]], g)
            []
            >>> Sigmoid().backward(Tensor([1.0]))
            Traceback (most recent call last):
            ...
            RuntimeError: Sigmoid.backward needs a forward pass first: call the module first
        """
        out, grad = saved_output_and_grad(self, grad_output)
        if not input_grad:  # no parameters: nothing else to compute
            return None
        # BEGIN SOLUTION
        return Tensor._wrap(grad * out * (1 - out))  # d(sigmoid)/dx = s (1 - s)
        # END SOLUTION


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
        self.last_output = np.tanh(as_array(x))
        return Tensor._wrap(self.last_output)

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        r"""Given dL/dy for the output of the last forward pass, return dL/dx.

        It returns a Tensor like the output (its shape, its dtype), or None when
        ``input_grad`` is False, since there is no parameter. The derivative comes from the
        saved output ``last_output``: no new :math:`\tanh` is needed. That array and
        ``grad_output`` stay unchanged, so calling again gives the same gradient. A call
        before any forward pass is a RuntimeError, and ``grad_output`` must have the
        output's shape (a ValueError otherwise).

        Examples:
            >>> tanh = Tanh()
            >>> y = tanh(Tensor([0.0, 1000.0, -1000.0]))
            >>> tanh.backward(Tensor([1.0, 1.0, 1.0])).data.tolist() == [1.0, 0.0, 0.0]  # flat far out
            True
            >>> y = tanh(Tensor([[0.0, 0.5], [-0.5, 2.0]]))
            >>> g = Tensor([[2.0, 1.0], [1.0, -3.0]])
            >>> grad = tanh.backward(g)
            >>> print(np.round(grad.data, 4))
            [[ 2.      0.7864]
             [ 0.7864 -0.212 ]]

            Whether each rule of an activation's backward pass holds, from the dtype of the
            result to its agreement with central differences in float64:

            >>> from tinytorch_layers.gradcheck import backward_rules_broken
            >>> backward_rules_broken(tanh, [[0.0, 0.5], [-0.5, 2.0]], g)
            []
            >>> tanh.backward(Tensor([1.0, 2.0]))
            Traceback (most recent call last):
            ...
            ValueError: Tanh.backward expected grad_output of the output's shape (2, 2), got shape (2,)
        """
        out, grad = saved_output_and_grad(self, grad_output)
        if not input_grad:  # no parameters: nothing else to compute
            return None
        # BEGIN SOLUTION
        return Tensor._wrap(grad * (1 - out * out))  # d(tanh)/dx = 1 - tanh^2
        # END SOLUTION


class Softmax(Module):
    r"""Softmax along an axis: :math:`\mathrm{softmax}(x)_i = e^{x_i} / \sum_j e^{x_j}`.

    Softmax does not change when a constant is subtracted from every :math:`x_i`, so the
    maximum is subtracted first: every exponent is then at most 0 and nothing overflows,
    even for inputs of 1000. The backward pass is the vector-Jacobian product
    :math:`s \odot (g - \langle g, s\rangle)` along ``axis``, for the saved output
    :math:`s` and :math:`g` = dL/ds: the Jacobian
    :math:`\partial s_i / \partial x_j = s_i(\delta_{ij} - s_j)` is never formed.

    Args:
        axis: The axis that sums to one; the last by default (one row per sample).

    Examples:
        >>> p = Softmax()(Tensor([[1.0, 2.0, 3.0], [1000.0, 1000.0, 1000.0]]))
        >>> print(np.round(p.data, 4))
        [[0.09   0.2447 0.6652]
         [0.3333 0.3333 0.3333]]
        >>> np.round(p.data.sum(axis=-1), 6).tolist()
        [1.0, 1.0]

        The backward pass multiplies the Jacobian by :math:`g` from the left, as a row
        vector, :math:`g^\top J` (for softmax :math:`J` is symmetric, so :math:`J g` is
        the same vector):

        >>> softmax = Softmax()
        >>> s = softmax(Tensor([[1.0, 2.0, 3.0]])).data[0]
        >>> jacobian = np.diag(s) - np.outer(s, s)  # ds_i/dx_j
        >>> g = np.array([1.0, 0.0, -1.0], dtype=np.float32)  # dL/ds
        >>> bool(np.allclose(softmax.backward(g[None, :]).data[0], g @ jacobian))  # g^T J
        True
    """

    #: The output of the last forward pass, which backward needs; None before.
    last_output: np.ndarray | None = None

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def forward(self, x: Any) -> Tensor:
        """The probabilities ``softmax(x)`` along ``axis``, for inputs of any size.

        Args:
            x: A Tensor, ndarray or nested list; float arrays keep their dtype.

        Returns:
            A Tensor of ``x``'s shape and float dtype whose entries along ``axis`` are
            positive and sum to one. Its values are kept in ``last_output`` for
            :meth:`backward`; ``x`` itself is not changed.

        Examples:
            >>> softmax = Softmax()
            >>> x = Tensor([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]])
            >>> p = softmax(x)
            >>> type(p).__name__, p.shape, p.dtype
            ('Tensor', (2, 3), dtype('float32'))
            >>> print(np.round(p.data[0], 4))
            [0.09   0.2447 0.6652]

            Adding 999 to a row changes nothing, and every row sums to one (to ``1e-4``:
            float32 keeps about seven digits of an input near 1000):

            >>> bool(np.allclose(p.data[1], p.data[0], atol=1e-4))
            True
            >>> bool(np.allclose(p.data.sum(axis=-1), 1.0, atol=1e-4))
            True
            >>> x.data[1].tolist(), bool(np.array_equal(softmax.last_output, p.data))  # x unchanged, p kept
            ([1000.0, 1001.0, 1002.0], True)

            Rows that span thousands, in either direction, without an overflow warning:

            >>> print(np.round(Softmax()(Tensor([[-1000.0, 0.0, 1000.0], [-5.0, 0.0, 5.0]])).data, 4))
            [[0.     0.     1.    ]
             [0.     0.0067 0.9933]]
            >>> p64 = Softmax()(np.array([0.0, np.log(3.0)]))  # one sample, float64 kept
            >>> p64.data.round(6).tolist(), p64.dtype
            ([0.25, 0.75], dtype('float64'))
            >>> print(np.round(Softmax(axis=0)(Tensor([[1.0, 5.0], [1.0, -5.0]])).data, 4))
            [[0.5 1. ]
             [0.5 0. ]]
        """
        data = as_array(x)
        # BEGIN SOLUTION
        shifted = data - data.max(axis=self.axis, keepdims=True)
        exps = np.exp(shifted)
        probs = exps / exps.sum(axis=self.axis, keepdims=True)
        self.last_output = probs  # kept for backward
        return Tensor._wrap(probs)
        # END SOLUTION

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        r"""Given dL/ds for the output s of the last forward pass, return dL/dx.

        Every output along ``axis`` depends on every input along it, so each entry of
        dL/dx gathers the whole of its row (or column, for ``axis=0``) of ``grad_output``.
        It is computed from the saved output ``last_output`` alone, in memory of the
        input's size: the Jacobian, a matrix per row, is never formed. Neither
        ``last_output`` nor ``grad_output`` is changed, so a second call gives the same
        result, a Tensor of the output's shape and dtype (None with ``input_grad=False``:
        softmax has no parameters). Before a forward pass it raises a RuntimeError, and for
        a ``grad_output`` that is not of the output's shape a ValueError.

        Examples:
            >>> softmax = Softmax()
            >>> s = softmax(Tensor([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]]))
            >>> grad = softmax.backward(Tensor([[1.0, 1.0, 1.0], [0.0, 1.0, 0.0]]))
            >>> bool(np.abs(grad.data).max() < 1e-6)  # a constant g changes nothing: gradient 0
            True
            >>> s = softmax(Tensor([0.0, 0.0]))
            >>> softmax.backward(Tensor([1.0, 0.0])).data.tolist()  # raising x1 lowers s2
            [0.25, -0.25]
            >>> s = softmax(Tensor([[0.0, 1.0, 2.0], [2.0, 0.0, -1.0]]))
            >>> g = Tensor([[1.0, -1.0, 0.5], [0.0, 2.0, 1.0]])
            >>> grad = softmax.backward(g)
            >>> print(np.round(grad.data, 3))
            [[ 0.074 -0.288  0.214]
             [-0.228  0.198  0.031]]
            >>> bool(np.abs(grad.data.sum(axis=-1)).max() < 1e-6)  # the sums stay at one
            True

            Each rule of an activation's backward pass, from the dtype of the result and
            ``grad_output`` left unchanged to agreement with central differences in float64:

            >>> from tinytorch_layers.gradcheck import backward_rules_broken
            >>> backward_rules_broken(softmax, [[0.0, 1.0, 2.0], [2.0, 0.0, -1.0]], g)
            []
            >>> Softmax().backward(Tensor([1.0]))
            Traceback (most recent call last):
            ...
            RuntimeError: Softmax.backward needs a forward pass first: call the module first

            Along the columns (``axis=0``):

            >>> by_column = Softmax(axis=0)
            >>> s = by_column(Tensor([[0.0, 1.0], [0.0, -1.0]]))
            >>> print(np.round(by_column.backward(Tensor([[1.0, 2.0], [0.0, 0.0]])).data, 4))
            [[ 0.25  0.21]
             [-0.25 -0.21]]
        """
        out, grad = saved_output_and_grad(self, grad_output)
        if not input_grad:  # no parameters: nothing else to compute
            return None
        # BEGIN SOLUTION
        inner = np.sum(grad * out, axis=self.axis, keepdims=True)  # <g, s> along the axis
        return Tensor._wrap(out * (grad - inner))
        # END SOLUTION

    def __repr__(self) -> str:
        return f"Softmax(axis={self.axis})"
