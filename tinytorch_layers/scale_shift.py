r"""A learnable scale and shift per feature: :math:`y = x \odot \gamma + \beta`."""

from __future__ import annotations

from typing import Any

import numpy as np

from .checks import as_array, float_dtype, positive_int
from .module import Module
from .tensor import DEFAULT_DTYPE, Tensor

__all__ = ["ScaleShift"]


class ScaleShift(Module):
    r"""Multiply every feature by a learnable scale and add a learnable shift.

    :math:`y = x \odot \gamma + \beta`, with one scale :math:`\gamma_j` and one shift
    :math:`\beta_j` per feature, the same for every sample. It is the affine part of batch
    and layer normalisation, and the "Affine" layer of ResMLP (Touvron et al., 2021,
    "ResMLP: Feedforward networks for image classification with data-efficient
    training"). It starts as the identity: scale ones, shift zeros.

    Args:
        features: The size of the last dimension of the input, a positive integer.
        dtype: Float type of the parameters (default float32); the input is converted
            to it, as :class:`~tinytorch_layers.Dense` does.

    Shape:
        - Input: ``(*, features)``.
        - Output: the input's shape.

    Attributes:
        scale: Tensor of shape ``(features,)``, ones.
        shift: Tensor of shape ``(features,)``, zeros.

    Raises:
        TypeError: ``features`` is not an integer, or ``dtype`` is not float32 or float64.
        ValueError: ``features`` is not positive, or the input's last dimension differs.

    Examples:
        >>> layer = ScaleShift(3)
        >>> layer
        ScaleShift(features=3)
        >>> layer.scale.data.tolist(), layer.shift.data.tolist(), layer.scale.dtype
        ([1.0, 1.0, 1.0], [0.0, 0.0, 0.0], dtype('float32'))
        >>> layer.shift.dtype, layer(np.ones((2, 3))).dtype  # a float64 input is converted
        (dtype('float32'), dtype('float32'))
        >>> ScaleShift(0)
        Traceback (most recent call last):
        ...
        ValueError: features must be a positive integer, got 0
        >>> ScaleShift(3, dtype=np.int64)
        Traceback (most recent call last):
        ...
        TypeError: ScaleShift computes in float32 or float64, got dtype=int64
        >>> layer.scale, layer.shift = Tensor([1.0, 2.0, -1.0]), Tensor([0.0, 0.5, 1.0])
        >>> layer(Tensor([[1.0, 1.0, 1.0], [2.0, 0.0, -2.0]])).data.tolist()
        [[1.0, 2.5, 0.0], [2.0, 0.5, 3.0]]
        >>> layer(np.ones((4, 5, 3))).shape, [p.shape for p in layer.parameters()]
        ((4, 5, 3), [(3,), (3,)])
        >>> layer(np.ones(4))
        Traceback (most recent call last):
        ...
        ValueError: ScaleShift expected 3 input features, got input shape (4,)
    """

    #: The input of the last :meth:`forward`, which :meth:`backward` needs; None before.
    last_input: np.ndarray | None = None

    def __init__(self, features: int, *, dtype: Any = DEFAULT_DTYPE) -> None:
        self.features = positive_int("features", features)
        float_dtype(dtype, "ScaleShift computes in float32 or float64, got dtype={}")
        self.scale = Tensor(np.ones(self.features, dtype=dtype))
        self.shift = Tensor(np.zeros(self.features, dtype=dtype))

    def forward(self, x: Any) -> Tensor:
        """Return ``x * scale + shift``, the scale and shift broadcast over the samples."""
        data = as_array(x, self.scale.dtype)
        if data.ndim == 0 or data.shape[-1] != self.features:
            raise ValueError(
                f"ScaleShift expected {self.features} input features, got input shape {data.shape}"
            )
        self.last_input = data  # kept for backward (a reference, not a copy)
        return Tensor._wrap(data * self.scale.data + self.shift.data)

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        """Given dL/dy for the last forward pass, fill the parameters' grads and return dL/dx.

        The gradients of ``scale`` and ``shift`` are added to their ``.grad`` (they
        accumulate, as in PyTorch); each has the shape ``(features,)``, because one scale
        and one shift serve every sample.

        Args:
            grad_output: dL/dy, of the output's shape.
            input_grad: Compute dL/dx; with False, fill the parameters' grads and
                return None.

        Returns:
            A Tensor dL/dx of the input's shape, or None.

        Raises:
            RuntimeError: No forward pass has run yet.
            ValueError: ``grad_output`` does not have the output's shape.

        Examples:
            At the start, scale ones and shift zeros, the layer is the identity:

            >>> layer = ScaleShift(2)
            >>> y = layer(Tensor([[1.0, 2.0], [3.0, -1.0]]))
            >>> layer.backward(Tensor([[1.0, 1.0], [1.0, 1.0]])).data.tolist()
            [[1.0, 1.0], [1.0, 1.0]]
            >>> layer.scale.grad.tolist(), layer.shift.grad.tolist()
            ([4.0, 1.0], [2.0, 2.0])

            A trained layer, with another scale and shift:

            >>> layer = ScaleShift(3)
            >>> layer.scale, layer.shift = Tensor([2.0, -1.0, 0.5]), Tensor([1.0, 0.0, -2.0])
            >>> y = layer(Tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 2.0]]))
            >>> grad_x = layer.backward(Tensor([[1.0, 0.5, 2.0], [3.0, 1.0, -1.0]]))
            >>> grad_x.data.tolist()
            [[2.0, -0.5, 1.0], [6.0, -1.0, -0.5]]
            >>> layer.scale.grad.tolist(), layer.shift.grad.tolist()
            ([1.0, 0.0, 4.0], [4.0, 1.5, 1.0])
            >>> type(grad_x).__name__, grad_x.dtype, layer.shift.grad.dtype
            ('Tensor', dtype('float32'), dtype('float32'))
            >>> y = layer(Tensor([1.0, 1.0, 1.0]))  # one sample: no batch axis
            >>> print(layer.backward(Tensor([1.0, 1.0, 1.0]), input_grad=False))
            None
            >>> layer.scale.grad.tolist(), layer.shift.grad.tolist()  # accumulated
            ([2.0, 1.0, 5.0], [5.0, 2.5, 2.0])

            A feature whose scale is zero passes no gradient back, but its shift still
            learns:

            >>> off = ScaleShift(2)
            >>> off.scale = Tensor([0.0, 1.0])
            >>> y = off(Tensor([[3.0, 4.0]]))
            >>> off.backward(Tensor([[2.0, 5.0]])).data.tolist(), off.scale.grad.tolist(), off.shift.grad.tolist()
            ([[0.0, 5.0]], [6.0, 20.0], [2.0, 5.0])

            Checked against central differences in float64, for x, the scale and the shift:

            >>> from tinytorch_layers import numerical_gradient, relative_error
            >>> rng = np.random.default_rng(0)
            >>> layer = ScaleShift(4, dtype=np.float64)
            >>> layer.scale.data[:] = rng.uniform(0.5, 2.0, 4)
            >>> layer.shift.data[:] = rng.standard_normal(4)
            >>> x, g = rng.standard_normal((3, 2, 4)), rng.standard_normal((3, 2, 4))
            >>> y = layer(x)
            >>> grad_x = layer.backward(g).data
            >>> def loss(x=x, scale=layer.scale.data, shift=layer.shift.data):
            ...     return float(np.sum(g * (x * scale + shift)))  # dL/dy = g
            >>> checks = [(grad_x, numerical_gradient(lambda v: loss(x=v), x)),
            ...           (layer.scale.grad, numerical_gradient(lambda v: loss(scale=v), layer.scale.data)),
            ...           (layer.shift.grad, numerical_gradient(lambda v: loss(shift=v), layer.shift.data))]
            >>> [bool(relative_error(analytic, numeric) < 1e-8) for analytic, numeric in checks]
            [True, True, True]
            >>> ScaleShift(2).backward(np.ones(2))
            Traceback (most recent call last):
            ...
            RuntimeError: ScaleShift.backward needs the input of a forward pass: call the layer first
        """
        x = self.last_input
        if x is None:
            raise RuntimeError(
                "ScaleShift.backward needs the input of a forward pass: call the layer first"
            )
        grad = as_array(grad_output)
        if grad.shape != x.shape:
            raise ValueError(
                f"ScaleShift.backward expected grad_output of the output's shape {x.shape}, "
                f"got shape {grad.shape}"
            )
        # One row per sample, so that a single sample is a batch of one.
        x_rows, grad_rows = x.reshape(-1, self.features), grad.reshape(-1, self.features)
        scale = self.scale.data
        # BEGIN SOLUTION
        self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
        self.shift.accumulate_grad(grad_rows.sum(axis=0))
        if not input_grad:
            return None
        return Tensor._wrap(grad * scale)
        # END SOLUTION

    def parameters(self) -> list[Tensor]:
        """The scale, then the shift."""
        return [self.scale, self.shift]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(features={self.features})"
