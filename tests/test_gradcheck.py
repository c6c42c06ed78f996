"""numerical_gradient and relative_error: exact cases, float64, and their errors."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import Sigmoid, Softmax, Tanh, Tensor, numerical_gradient, relative_error
from tinytorch_layers.gradcheck import BACKWARD_RULES, backward_rules_broken


def test_quadratic_form_gradient():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4, 4))
    x = rng.standard_normal(4)
    numeric = numerical_gradient(lambda v: float(v @ a @ v), x)
    assert relative_error(numeric, (a + a.T) @ x) < 1e-9


def test_works_in_float64_on_a_copy_and_keeps_the_shape():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    seen = []

    def f(v):
        seen.append(v.dtype)
        return float(np.sum(np.sin(v)))

    grad = numerical_gradient(f, x)
    assert grad.shape == (2, 2) and grad.dtype == np.float64
    assert set(seen) == {np.dtype(np.float64)} and len(seen) == 2 * x.size
    assert x.tolist() == [[1.0, 2.0], [3.0, 4.0]]  # not modified
    np.testing.assert_allclose(grad, np.cos(x.astype(np.float64)), rtol=1e-8)


def test_accepts_tensors_and_scalar_outputs_of_any_kind():
    grad = numerical_gradient(lambda v: Tensor(np.sum(v ** 3)), Tensor([1.0, 2.0]))
    np.testing.assert_allclose(grad, [3.0, 12.0], rtol=1e-8)
    grad = numerical_gradient(lambda v: np.array([[v.sum()]]), [1.0, 2.0])
    np.testing.assert_allclose(grad, [1.0, 1.0], rtol=1e-8)


def test_float32_evaluation_is_far_worse_than_float64():
    # Why the check is made in float64: the same differences taken in float32 rounding.
    x = np.array([0.3, -1.2, 2.0])
    exact = np.cos(x)
    good = numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    bad = numerical_gradient(lambda v: float(np.sum(np.sin(v.astype(np.float32)))), x)
    assert relative_error(good, exact) < 1e-8
    assert relative_error(bad, exact) > 1e-3


@pytest.mark.parametrize("eps", [0, -1e-6, float("nan"), "1e-6", True])
def test_bad_eps_is_refused(eps):
    with pytest.raises(ValueError, match="eps must be a positive number"):
        numerical_gradient(lambda v: float(v.sum()), np.ones(2), eps=eps)


def test_f_must_return_one_number():
    with pytest.raises(ValueError, match=r"returned shape \(3,\)"):
        numerical_gradient(lambda v: v, np.ones(3))


def test_relative_error_properties():
    a = np.array([1.0, -2.0, 3.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(1e-9 * a, 1e-9 * (a + 1e-6)) == pytest.approx(relative_error(a, a + 1e-6))
    assert relative_error(Tensor(a), a.tolist()) == 0.0
    with pytest.raises(ValueError, match=r"\(3,\) and \(1, 3\)"):
        relative_error(a, a[None])


def test_relative_error_computes_in_float64_and_takes_lists():
    rng = np.random.default_rng(0)
    a32 = rng.standard_normal(1000).astype(np.float32)
    b32 = (a32 * (1 + rng.standard_normal(1000) * 1e-4)).astype(np.float32)
    a64, b64 = a32.astype(np.float64), b32.astype(np.float64)
    expected = float(np.linalg.norm(a64 - b64) / (np.linalg.norm(a64) + np.linalg.norm(b64)))
    assert relative_error(a32, b32) == expected  # float32 arithmetic would differ in the last bits
    assert relative_error(a32.tolist(), b32.tolist()) == expected


def test_relative_error_divides_by_the_sum_of_the_norms_not_the_larger():
    # The convention the gradcheck chapter states: 1 / (1 + 2), where CS231n's max gives 1/2.
    assert relative_error([1.0], [2.0]) == pytest.approx(1 / 3)
    assert relative_error([2.0], [1.0]) == relative_error([1.0], [2.0])  # symmetric
    rng = np.random.default_rng(1)
    a = rng.standard_normal(50)
    for d in (1e-8, 1e-4, 1e-2, 0.5):  # a gradient off by a factor 1 + d
        assert relative_error(a, (1 + d) * a) == pytest.approx(d / (2 + d), rel=1e-6)


def test_relative_error_is_never_more_than_one_and_exactly_one_for_opposites_or_a_zero():
    rng = np.random.default_rng(2)
    pairs = [(rng.standard_normal(7), rng.standard_normal(7)) for _ in range(200)]
    assert max(relative_error(a, b) for a, b in pairs) <= 1.0
    a = rng.standard_normal(7)
    assert relative_error(a, np.zeros(7)) == 1.0
    assert relative_error(3 * a, -3 * a) == pytest.approx(1.0)


# --- backward_rules_broken: each rule seen broken on its own; the activations keep them all ---
class _ReturnsAnArray(Tanh):
    def backward(self, grad_output, *, input_grad=True):
        return np.asarray(grad_output.data * (1 - self.last_output**2)) if input_grad else None


class _ChangesTheSavedOutput(Tanh):
    def backward(self, grad_output, *, input_grad=True):
        out = self.last_output
        out *= out  # tanh squared, written over the saved output
        return Tensor(grad_output.data * (1 - out)) if input_grad else None


class _InPlaceOnGradOutput(Tanh):
    def backward(self, grad_output, *, input_grad=True):
        grad_output.data *= 1 - self.last_output**2  # the right numbers, in the caller's array
        return grad_output if input_grad else None


class _IgnoresInputGrad(Tanh):
    def backward(self, grad_output, *, input_grad=True):
        return Tensor(grad_output.data * (1 - self.last_output**2))


class _AsksWhetherInputGradIsFalse(Tanh):  # right: False is what the rule passes
    def backward(self, grad_output, *, input_grad=True):
        if input_grad is False:
            return None
        return Tensor(grad_output.data * (1 - self.last_output**2))


class _WrongDerivative(Tanh):
    def backward(self, grad_output, *, input_grad=True):
        return Tensor(grad_output.data * (1 - self.last_output)) if input_grad else None


X = [[0.0, 0.5], [-0.5, 2.0]]
G = [[2.0, 1.0], [1.0, -3.0]]


@pytest.mark.parametrize(("module", "broken"), [
    (_ReturnsAnArray(), [BACKWARD_RULES[0]]),
    (_InPlaceOnGradOutput(), [BACKWARD_RULES[1], BACKWARD_RULES[3]]),
    (_ChangesTheSavedOutput(), [BACKWARD_RULES[2], BACKWARD_RULES[3]]),
    (_IgnoresInputGrad(), [BACKWARD_RULES[4]]),
    (_WrongDerivative(), [BACKWARD_RULES[5]]),
    (Tanh(), []), (Sigmoid(), []), (Softmax(), []), (_AsksWhetherInputGradIsFalse(), []),
])
def test_backward_rules_broken_names_exactly_the_rules_broken(module, broken):
    assert backward_rules_broken(module, X, G) == broken


@pytest.mark.parametrize("kind", [np.array, Tensor])
def test_backward_rules_broken_leaves_the_callers_arrays_alone(kind):
    x, g = kind(np.array(X, dtype=np.float32)), kind(np.array(G, dtype=np.float32))
    backward_rules_broken(_InPlaceOnGradOutput(), x, g)
    backward_rules_broken(_ChangesTheSavedOutput(), x, g)
    assert np.asarray(x).tolist() == X and np.asarray(g).tolist() == G


def test_backward_rules_broken_tries_the_first_rules_in_the_callers_dtype():
    """float64 arrays stay float64 (only lists become float32), so a float64 module passes."""
    x, g = np.array(X), np.array(G)
    assert backward_rules_broken(Tanh(), x, g) == []
    assert backward_rules_broken(_ReturnsAnArray(), x, g) == [BACKWARD_RULES[0]]
