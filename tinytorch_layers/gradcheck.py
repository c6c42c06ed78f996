r"""Gradients by central differences: an independent check of every backward pass."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from .tensor import Tensor

__all__ = ["backward_rules_broken", "numerical_gradient", "relative_error"]


def numerical_gradient(f: Callable[[np.ndarray], Any], x: Any, eps: float = 1e-6) -> np.ndarray:
    r"""The gradient of a scalar function by central differences, in float64.

    Each entry of the gradient is estimated from two evaluations of ``f``, one a step
    ``eps`` above the point and one a step below it in that entry alone. The error of
    the estimate shrinks like :math:`\epsilon^2` (truncation), while rounding adds about
    :math:`u / \epsilon` (:math:`u` the unit roundoff): the values of ``f`` are rounded,
    and so is the point :math:`x \pm \epsilon` itself. In float64
    (:math:`u \approx 10^{-16}`) both are small at the default :math:`\epsilon = 10^{-6}`,
    the step ``torch.autograd.gradcheck`` uses too. If ``f`` computes in float32
    (:math:`u \approx 6 \cdot 10^{-8}`), rounding dominates at that step, and the best
    step leaves a far larger error than in float64 (the chapter on checking gradients
    measures both); so the point is stepped in float64, and ``f`` should compute in
    float64 too.

    ``f`` is called ``2 * x.size`` times, each time with a float64 array of ``x``'s shape
    that is not ``x`` itself (the same array, changed in place between calls: ``f`` must
    not keep it).

    Args:
        f: A function of one array that returns a number (a Python or numpy scalar, or an
            array with one element).
        x: The point: an ndarray, a Tensor or nested lists, of any shape and float
            dtype. It is not modified.
        eps: The step, a positive number.

    Returns:
        A float64 ndarray of ``x``'s shape.

    Raises:
        ValueError: ``eps`` is not positive, or ``f`` does not return one number.

    Examples:
        >>> grad = numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0, 3.0]))
        >>> np.round(grad, 6).tolist()  # d/dx sum(x^2) = 2x
        [2.0, -4.0, 6.0]
        >>> type(grad).__name__, grad.dtype, grad.shape
        ('ndarray', dtype('float64'), (3,))

        The error shrinks with the square of the step: for :math:`x^3` at 1, whose
        derivative is 3, a step of ``1e-3`` is off by ``1e-6``:

        >>> cube = lambda v: float(np.sum(v ** 3))
        >>> float(np.round(numerical_gradient(cube, [1.0], eps=1e-3)[0], 9))
        3.000001

        The point keeps its shape, may be a Tensor, a float32 array or a list, and is
        left unchanged; the gradient is float64 whatever it is:

        >>> x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> grad = numerical_gradient(lambda v: float(np.sum(v[0] * v[1])), x)  # d/dv[0] = v[1]
        >>> np.round(grad, 6).tolist(), x.data.tolist()
        ([[3.0, 4.0], [1.0, 2.0]], [[1.0, 2.0], [3.0, 4.0]])
        >>> x32 = np.array([0.5, 1.5], dtype=np.float32)
        >>> grad = numerical_gradient(lambda v: float(np.sum(v ** 2)), x32)
        >>> grad.dtype, np.round(grad, 6).tolist(), x32.tolist()
        (dtype('float64'), [1.0, 3.0], [0.5, 1.5])
        >>> np.round(numerical_gradient(lambda v: float(v[0] * v[1]), [2.0, 5.0]), 6).tolist()
        [5.0, 2.0]

        ``f`` gets a copy, so it may read ``x`` itself; it is called twice per entry, and
        may return one number in an array:

        >>> x = np.array([1.0, 2.0])
        >>> np.round(numerical_gradient(lambda v: float(np.dot(v, x)), x), 6).tolist()
        [1.0, 2.0]
        >>> calls = []
        >>> grad = numerical_gradient(lambda v: calls.append(v.shape) or 0.0, np.zeros((2, 3)))
        >>> len(calls), set(calls)
        (12, {(2, 3)})
        >>> np.round(numerical_gradient(lambda v: np.array([[v.sum()]]), [1.0, 2.0]), 6).tolist()
        [1.0, 1.0]
        >>> numerical_gradient(lambda v: v * 2, np.ones(2))
        Traceback (most recent call last):
        ...
        ValueError: numerical_gradient needs f to return one number; it returned shape (2,)
        >>> numerical_gradient(lambda v: float(np.sum(v)), np.ones(2), eps=True)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive number, got True
        >>> numerical_gradient(lambda v: float(np.sum(v)), np.ones(2), eps=0)
        Traceback (most recent call last):
        ...
        ValueError: eps must be a positive number, got 0
    """
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not eps > 0:
        raise ValueError(f"eps must be a positive number, got {eps!r}")
    # BEGIN SOLUTION
    point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)  # a copy
    grad = np.empty_like(point)
    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)  # views of the arrays above
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + eps
        f_plus = _scalar(f(point))
        flat_point[i] = original - eps
        f_minus = _scalar(f(point))
        flat_point[i] = original
        flat_grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
    # END SOLUTION


def _scalar(value: Any) -> float:
    """``value`` as a float if it holds exactly one number, else a ValueError."""
    array = np.asarray(value.data if isinstance(value, Tensor) else value)
    if array.size != 1:
        raise ValueError(
            f"numerical_gradient needs f to return one number; it returned shape {array.shape}"
        )
    return float(array.reshape(()))


def relative_error(a: Any, b: Any) -> float:
    r"""How far two gradients are apart, relative to their size: :math:`\|a-b\| / (\|a\|+\|b\|)`.

    Norms are Euclidean over all entries, so one number judges a whole array and entries
    near zero need no special care. The denominator is the sum of the two norms, not the
    larger of them (CS231n's notes divide by the larger, entry by entry, which gives 2 for
    ``b = -a``), so that the result stays between 0 and 1: it is symmetric in ``a`` and
    ``b``, 0 for equal arrays (two zero arrays included), exactly 1 when one of them is
    zero or ``b = -a``, and never more than 1. For nearly equal arrays
    it is about half their relative difference: ``b = (1 + d) * a`` gives ``d / (2 + d)``.
    It does not depend on the scale of the gradients.

    Args:
        a: A gradient: an ndarray, a Tensor or nested lists.
        b: Another gradient of the same shape.

    Raises:
        ValueError: The shapes differ.

    Examples:
        >>> relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
        0.0
        >>> relative_error([1.0], [2.0])  # 1 / (1 + 2); dividing by the larger would give 1/2
        0.3333333333333333
        >>> relative_error(np.zeros(3), np.zeros(3)), relative_error([1.0, 0.0], [-1.0, 0.0])
        (0.0, 1.0)
        >>> relative_error([0.0, 0.0], [3.0, 4.0])  # one of them zero
        1.0
        >>> g = np.array([3.0, -4.0])
        >>> round(relative_error(g, 1.01 * g), 6), round(0.01 / 2.01, 6)  # d / (2 + d)
        (0.004975, 0.004975)
        >>> round(relative_error([3.0, 4.0], [3.0, 4.0 + 1e-5]), 8)
        1e-06
        >>> tiny = np.array([1e-30, 0.0], dtype=np.float32)  # its square underflows in float32
        >>> round(relative_error(tiny, 2 * tiny), 4)  # so both are compared in float64
        0.3333
        >>> relative_error([1.0, 2.0], [1.0, 2.0, 3.0])
        Traceback (most recent call last):
        ...
        ValueError: relative_error needs arrays of one shape, got (2,) and (3,)
    """
    a = np.asarray(a.data if isinstance(a, Tensor) else a, dtype=np.float64)
    b = np.asarray(b.data if isinstance(b, Tensor) else b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error needs arrays of one shape, got {a.shape} and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    if scale == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)


#: The rules of :func:`backward_rules_broken`, in the order it tries them.
BACKWARD_RULES = (
    "backward returns a Tensor of the output's shape and dtype",
    "grad_output is left as it was",
    "the saved output is left as it was",
    "a second call gives the same gradient",
    "input_grad=False returns None",
    "the gradient agrees with central differences in float64",
)


def backward_rules_broken(module: Any, x: Any, grad_output: Any) -> list[str]:
    """Which rules of a parameter-free module's backward pass ``module`` breaks (none: ``[]``).

    The activations compute their derivative from the output they kept (``last_output``),
    and the rules every one of them follows are these: the gradient is a Tensor of the
    output's shape and dtype; neither ``grad_output`` nor the saved output is changed, so a
    second call gives the same gradient; ``input_grad=False`` returns None; and in float64
    the gradient agrees with :func:`~tinytorch_layers.numerical_gradient` of
    :math:`L = \\sum g \\odot f(x)` (:func:`~tinytorch_layers.relative_error` below
    ``1e-8``). All but the last are tried on a forward pass of ``x`` as it is (float32 for a
    list), the last on ``x`` and ``grad_output`` in float64.

    Examples:
        >>> from tinytorch_layers import Sigmoid
        >>> x, g = [[0.0, 2.0], [-1.0, 0.5]], [[2.0, 1.0], [1.0, -4.0]]
        >>> backward_rules_broken(Sigmoid(), x, g)
        []
        >>> class InPlace(Sigmoid):  # the right numbers, written into grad_output
        ...     def backward(self, grad_output, *, input_grad=True):
        ...         out = self.last_output
        ...         grad_output.data *= out * (1 - out)
        ...         return grad_output if input_grad else None
        >>> backward_rules_broken(InPlace(), x, g)
        ['grad_output is left as it was', 'a second call gives the same gradient']
        >>> class FromTheInput(Sigmoid):  # s(1 - s) of the output where it is the input's
        ...     def backward(self, grad_output, *, input_grad=True):
        ...         s = 1 / (1 + np.exp(-self.last_output))
        ...         return Tensor(grad_output.data * s * (1 - s)) if input_grad else None
        >>> backward_rules_broken(FromTheInput(), x, g)
        ['the gradient agrees with central differences in float64']
    """
    def fresh(value: Any) -> Tensor:  # a copy, which the module may change (float32 from lists)
        return Tensor(Tensor(value).data.copy())

    def data(result: Any) -> np.ndarray:  # what a Tensor, an ndarray or a list holds
        return Tensor(result).data

    broken: list[str] = []
    inputs, g = fresh(x), fresh(grad_output)
    out = module(inputs)
    saved = module.last_output.copy()
    g_before = g.data.copy()
    first = module.backward(g)
    if not (isinstance(first, Tensor) and first.shape == out.shape and first.dtype == out.dtype):
        broken.append(BACKWARD_RULES[0])
    if not np.array_equal(g.data, g_before):
        broken.append(BACKWARD_RULES[1])
    if not np.array_equal(module.last_output, saved):
        broken.append(BACKWARD_RULES[2])
    first_values = data(first).copy()  # the second call may write into the first result
    if not np.array_equal(data(module.backward(g)), first_values):
        broken.append(BACKWARD_RULES[3])
    if module.backward(Tensor(g_before), input_grad=False) is not None:
        broken.append(BACKWARD_RULES[4])

    x64, g64 = np.array(inputs.data, dtype=np.float64), np.array(g_before, dtype=np.float64)
    module(x64)
    analytic = data(module.backward(Tensor(g64.copy())))
    numeric = numerical_gradient(lambda v: float(np.sum(g64 * data(module(v)))), x64)
    if analytic.dtype != np.float64 or not relative_error(analytic, numeric) < 1e-8:
        broken.append(BACKWARD_RULES[5])
    return broken
