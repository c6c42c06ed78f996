"""Layers applied one after another."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

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
        >>> len(net.parameters()), len(net), net[1]  # 2 Dense layers, 4 modules
        (4, 4, ReLU())
        >>> Sequential(Dense(4, 5), "relu")  # a name is not a layer
        Traceback (most recent call last):
        ...
        TypeError: Sequential takes callables; item 1 is 'relu'
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

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        """Backpropagate through every module, last to first: the chain rule.

        Each module's ``backward`` turns the gradient with respect to its output into the
        gradient with respect to its input, which is the gradient with respect to the
        output of the module before it. The modules fill their parameters' gradients on
        the way (they accumulate, as in PyTorch).

        Args:
            grad_output: dL/d(output of the last module), shaped like the last output.
            input_grad: Compute dL/d(input of the first module). It is passed on to the
                first module's ``backward`` (every module of the package takes it), so a
                first layer can skip its input gradient, as PyTorch does for data that
                does not require grad; the other modules are always asked for theirs.

        Returns:
            dL/d(input of the first module), as the first module returns it (a Tensor
            shaped like that input), or None if ``input_grad`` is False.

        Raises:
            TypeError: A module has no ``backward`` (a plain function, say); the message
                gives its position in the Sequential.

        Examples:
            >>> from tinytorch_layers import Dense, Module, ReLU
            >>> net = Sequential(Dense(4, 5, rng=0), ReLU(), Dense(5, 3, rng=1))
            >>> y = net(np.ones((2, 4), dtype=np.float32))
            >>> grad_x = net.backward(np.ones((2, 3), dtype=np.float32))
            >>> type(grad_x).__name__, grad_x.shape, [p.grad.shape for p in net.parameters()]
            ('Tensor', (2, 4), [(4, 5), (5,), (5, 3), (3,)])

            The chain rule with numbers: ``y = 3 * relu(2 * x)``, so dy/dx is 6 where
            ``x > 0`` and 0 where the ReLU is closed:

            >>> net = Sequential(Dense(1, 1, use_bias=False), ReLU(), Dense(1, 1, use_bias=False))
            >>> net[0].weights, net[2].weights = Tensor([[2.0]]), Tensor([[3.0]])
            >>> y = net(Tensor([[-1.0], [1.0]]))
            >>> net.backward(Tensor([[1.0], [1.0]])).data.tolist()
            [[0.0], [6.0]]
            >>> net[0].weights.grad.tolist(), net[2].weights.grad.tolist()  # relu(2 x) = [0, 2]
            ([[3.0]], [[2.0]])
            >>> y = net(Tensor([[1.0]]))
            >>> print(net.backward(Tensor([[1.0]]), input_grad=False))
            None
            >>> net[0].weights.grad.tolist(), net[2].weights.grad.tolist()  # accumulated
            ([[6.0]], [[4.0]])

            Only the first module is told not to compute its input gradient, whatever its
            type. A module that passes gradients through and notes its calls shows it:

            >>> class Recorder(Module):
            ...     def __init__(self, name, log):
            ...         self.name, self.log = name, log
            ...     def forward(self, x):
            ...         return x
            ...     def backward(self, grad_output, *, input_grad=True):
            ...         self.log.append((self.name, input_grad))
            ...         return grad_output if input_grad else None
            >>> log = []
            >>> chain = Sequential(Recorder("first", log), ReLU(), Recorder("last", log))
            >>> y = chain(Tensor([1.0, -1.0]))
            >>> chain.backward(Tensor([2.0, 2.0])).data.tolist()  # the ReLU passes x > 0 only
            [2.0, 0.0]
            >>> print(chain.backward(Tensor([2.0, 2.0]), input_grad=False))
            None
            >>> log  # last to first, twice
            [('last', True), ('first', True), ('last', True), ('first', False)]
            >>> [type(m).__name__ for m in Sequential(ReLU(), Dense(1, 1))]  # iterable
            ['ReLU', 'Dense']
            >>> Sequential(ReLU(), abs).backward(np.ones(3))
            Traceback (most recent call last):
            ...
            TypeError: Sequential.backward: module 1 (<built-in function abs>) has no backward()
        """
        # BEGIN SOLUTION
        for position in range(len(self.modules) - 1, -1, -1):
            module = self.modules[position]
            backward = getattr(module, "backward", None)
            if not callable(backward):
                raise TypeError(
                    f"Sequential.backward: module {position} ({module!r}) has no backward()"
                )
            # only the first module may skip its input gradient: the others' is needed
            grad_output = backward(grad_output, input_grad=input_grad or position > 0)
        return grad_output
        # END SOLUTION

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
