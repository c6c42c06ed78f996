"""The base class of everything that maps a Tensor to a Tensor."""

from __future__ import annotations

from typing import Any

from .tensor import Tensor

__all__ = ["Module"]


class Module:
    """A callable layer: ``module(x)`` runs ``module.forward(x)``.

    Subclasses override :meth:`forward`; those that can be trained also override
    :meth:`backward`, and those with learnable arrays :meth:`parameters`.

    Examples:
        >>> class Double(Module):
        ...     def forward(self, x):
        ...         return x * 2
        >>> Double()(Tensor([1, 2, 3])).data.tolist()
        [2.0, 4.0, 6.0]
        >>> Double(), Double().parameters()  # no learnable arrays unless a subclass says so
        (Double(), [])
        >>> Double().backward(Tensor([1.0]))  # only forward was written
        Traceback (most recent call last):
        ...
        NotImplementedError: Double does not define backward()
        >>> Module()(Tensor([1.0]))
        Traceback (most recent call last):
        ...
        NotImplementedError: Module does not define forward()
    """

    def forward(self, x: Any) -> Tensor:
        """Compute the output for input ``x``."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def __call__(self, x: Any) -> Tensor:
        return self.forward(x)

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        """Given dL/d(output) of the last forward pass, fill parameter grads, return dL/d(input).

        With ``input_grad=False`` the gradient with respect to the input is not computed
        and None is returned; the parameters' gradients are filled all the same. Every
        module of the package takes this argument, so that
        :meth:`Sequential.backward <tinytorch_layers.Sequential.backward>` can pass it to
        its first module, whatever that module is.
        """
        raise NotImplementedError(f"{type(self).__name__} does not define backward()")

    def parameters(self) -> list[Tensor]:
        """The learnable Tensors of this module, in a fixed order (none by default)."""
        return []

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
