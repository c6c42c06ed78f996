"""Layers applied one after another."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .module import Module
from .tensor import Tensor

__all__ = ["Sequential"]


class Sequential(Module):
    """Apply modules in order: ``Sequential(f, g, h)(x) == h(g(f(x)))``.

    Args:
        *modules: The layers and activations, first to last.

    Raises:
        TypeError: An argument is not callable.

    Examples:
        >>> from tinytorch_layers import Dense, ReLU, Softmax
        >>> net = Sequential(Dense(4, 5, rng=0), ReLU(), Dense(5, 3, rng=1), Softmax())
        >>> net
        Sequential(
          (0): Dense(input_size=4, output_size=5, use_bias=True)
          (1): ReLU()
          (2): Dense(input_size=5, output_size=3, use_bias=True)
          (3): Softmax(axis=-1)
        )
        >>> probs = net(Tensor([[1, -2, 3, -4], [2, 1, -1, 3]]))
        >>> probs.shape, [round(float(s), 6) for s in probs.data.sum(axis=1)]
        ((2, 3), [1.0, 1.0])
        >>> len(net.parameters())
        4
    """

    def __init__(self, *modules: Any) -> None:
        for position, module in enumerate(modules):
            if not callable(module):
                raise TypeError(f"Sequential takes callables; item {position} is {module!r}")
        self.modules = list(modules)

    def forward(self, x: Any) -> Tensor:
        for module in self.modules:
            x = module(x)
        return x

    def parameters(self) -> list[Tensor]:
        """The parameters of every module, in order."""
        return [p for m in self.modules if isinstance(m, Module) for p in m.parameters()]

    def __len__(self) -> int:
        return len(self.modules)

    def __getitem__(self, index: int) -> Any:
        return self.modules[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.modules)

    def __repr__(self) -> str:
        lines = [f"  ({i}): {module!r}" for i, module in enumerate(self.modules)]
        return "Sequential(\n" + "\n".join(lines) + "\n)"
