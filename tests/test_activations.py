"""Activations against their closed forms, stable at extreme inputs; their backward passes."""

from __future__ import annotations

import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinytorch_layers import ReLU, Sigmoid, Softmax, Tanh, Tensor, numerical_gradient, relative_error

RNG = np.random.default_rng(0)
MODERATE = (RNG.standard_normal((4, 5)) * 5).astype(np.float64)  # |x| up to ~15
EXTREMES = np.array([-1000.0, -50.0, -1.0, 0.0, 1.0, 50.0, 1000.0])


@contextmanager
def no_overflow_and_no_warning():
    """Turn any RuntimeWarning and any overflow, invalid value or division by zero into errors.

    Underflow stays allowed: the true sigmoid(-1000) is about 5e-435, below the smallest
    float64, so rounding it to 0 is the correct answer rather than a numerical accident.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            yield


def _sigmoid_formula(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softmax_formula(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)


# --- ReLU ---------------------------------------------------------------------------


def test_relu_is_max_zero_x():
    y = ReLU()(MODERATE)
    assert isinstance(y, Tensor)
    np.testing.assert_array_equal(y.data, np.maximum(0.0, MODERATE))


def test_relu_passes_positives_unchanged_and_zeroes_the_rest():
    x = Tensor([-3.0, -0.0, 0.0, 2.5])
    np.testing.assert_array_equal(ReLU()(x).data, [0.0, 0.0, 0.0, 2.5])


# --- Sigmoid ------------------------------------------------------------------------


def test_sigmoid_matches_formula_on_moderate_inputs():
    np.testing.assert_allclose(Sigmoid()(MODERATE).data, _sigmoid_formula(MODERATE), rtol=1e-12)


def test_sigmoid_symmetry():
    # sigma(-x) = 1 - sigma(x)
    s = Sigmoid()
    np.testing.assert_allclose(s(-MODERATE).data, 1 - s(MODERATE).data, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_extremes_are_finite_and_correct_without_warning(dtype):
    x = EXTREMES.astype(dtype)
    with no_overflow_and_no_warning():
        y = Sigmoid()(x).data
    assert y.dtype == dtype
    assert np.all(np.isfinite(y))
    assert np.all((y >= 0) & (y <= 1))
    assert y[0] == 0.0 and y[-1] == 1.0
    assert y[3] == 0.5
    # Away from the clipped ends, compare with the formula evaluated where it is safe.
    middle = slice(1, -1)
    np.testing.assert_allclose(y[middle], _sigmoid_formula(x[middle].astype(np.float64)), rtol=1e-6)


def test_textbook_sigmoid_would_warn_on_the_same_inputs():
    # Shows the test above can fail: the naive formula overflows at -1000.
    with pytest.raises(FloatingPointError), no_overflow_and_no_warning():
        _sigmoid_formula(EXTREMES)


# --- Tanh ---------------------------------------------------------------------------


def test_tanh_matches_numpy_and_is_odd():
    y = Tanh()(MODERATE).data
    np.testing.assert_allclose(y, np.tanh(MODERATE), rtol=1e-12)
    np.testing.assert_allclose(Tanh()(-MODERATE).data, -y, rtol=1e-12)


def test_tanh_closed_form_at_moderate_inputs():
    x = np.linspace(-3, 3, 13)
    closed = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    np.testing.assert_allclose(Tanh()(x).data, closed, rtol=1e-12, atol=1e-15)


def test_tanh_extremes():
    with no_overflow_and_no_warning():
        y = Tanh()(EXTREMES).data
    assert y[0] == -1.0 and y[-1] == 1.0 and y[3] == 0.0


# --- Softmax ------------------------------------------------------------------------


def test_softmax_matches_formula_and_rows_sum_to_one():
    p = Softmax()(MODERATE).data
    np.testing.assert_allclose(p, _softmax_formula(MODERATE), rtol=1e-12)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(p > 0)


@pytest.mark.parametrize("axis", [0, 1, -1, -2])
def test_softmax_axis_argument(axis):
    p = Softmax(axis=axis)(MODERATE).data
    np.testing.assert_allclose(p, _softmax_formula(MODERATE, axis=axis), rtol=1e-12)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)


def test_softmax_axis_on_3d_input():
    x = RNG.standard_normal((2, 3, 4))
    p = Softmax(axis=1)(x).data
    assert p.shape == x.shape
    np.testing.assert_allclose(p, _softmax_formula(x, axis=1), rtol=1e-12)


def test_softmax_of_a_single_vector():
    p = Softmax()([1.0, 2.0, 3.0]).data
    np.testing.assert_allclose(p, _softmax_formula(np.array([1.0, 2.0, 3.0])), rtol=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_extremes_are_finite_and_correct_without_warning(dtype):
    x = np.array([[1000.0, 1000.0, 1000.0], [-1000.0, 0.0, 1000.0], [-1000.0, -1000.0, -999.0]])
    with no_overflow_and_no_warning():
        p = Softmax()(x.astype(dtype)).data
    assert p.dtype == dtype
    assert np.all(np.isfinite(p))
    tol = 1e-6 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(p[0], 1 / 3, rtol=tol)
    np.testing.assert_allclose(p[1], [0.0, 0.0, 1.0], atol=tol)
    e = np.exp(1.0)
    np.testing.assert_allclose(p[2], [1 / (2 + e), 1 / (2 + e), e / (2 + e)], rtol=tol)


def test_softmax_ignores_a_constant_shift():
    with no_overflow_and_no_warning():
        shifted = Softmax()(MODERATE + 1000.0).data
    np.testing.assert_allclose(shifted, Softmax()(MODERATE).data, rtol=1e-9)


def test_softmax_repr():
    assert repr(Softmax()) == "Softmax(axis=-1)"
    assert repr(Softmax(axis=0)) == "Softmax(axis=0)"


# --- shared behaviour ---------------------------------------------------------------

ACTIVATIONS = [ReLU(), Sigmoid(), Tanh(), Softmax()]


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=repr)
@pytest.mark.parametrize("shape", [(5,), (2, 3), (2, 3, 4)])
def test_shape_preserved(activation, shape):
    assert activation(RNG.standard_normal(shape)).shape == shape


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=repr)
def test_tensor_ndarray_and_list_inputs_agree(activation):
    x = MODERATE.astype(np.float32)
    from_tensor = activation(Tensor(x))
    from_array = activation(x)
    from_list = activation(x.tolist())
    for y in (from_tensor, from_array, from_list):
        assert isinstance(y, Tensor)
        assert y.dtype == np.float32
    np.testing.assert_array_equal(from_tensor.data, from_array.data)
    np.testing.assert_array_equal(from_tensor.data, from_list.data)


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=repr)
def test_input_is_not_modified(activation):
    x = MODERATE.copy()
    activation(x)
    activation(Tensor(x))
    np.testing.assert_array_equal(x, MODERATE)


@pytest.mark.parametrize("activation", ACTIVATIONS, ids=repr)
def test_float64_is_kept(activation):
    assert activation(MODERATE).dtype == np.float64


@pytest.mark.parametrize("activation", [ReLU(), Sigmoid(), Tanh()], ids=repr)
def test_integers_become_float32(activation):
    assert activation(Tensor([1, -2, 3])).dtype == np.float32


@pytest.mark.parametrize("activation", [ReLU(), Sigmoid(), Tanh()], ids=repr)
def test_nan_propagates_elementwise(activation):
    y = activation(np.array([np.nan, 1.0])).data
    assert np.isnan(y[0]) and np.isfinite(y[1])


def test_nan_in_a_softmax_row_stays_in_that_row():
    p = Softmax()(np.array([[np.nan, 1.0], [0.0, 1.0]])).data
    assert np.all(np.isnan(p[0]))
    np.testing.assert_allclose(p[1].sum(), 1.0)


# --- backward -----------------------------------------------------------------------

ACTIVATIONS = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh, "softmax": Softmax,
               "softmax_axis0": lambda: Softmax(axis=0)}
activation_cases = st.tuples(
    st.sampled_from(sorted(ACTIVATIONS)),
    st.integers(0, 2**16),
    st.one_of(st.tuples(st.integers(1, 7)), st.tuples(st.integers(1, 5), st.integers(1, 5))),
)


@given(activation_cases)
def test_backward_matches_central_differences(case):
    name, seed, shape = case
    if name == "softmax_axis0" and len(shape) == 1:
        shape = (shape[0], 2)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 3
    if name == "relu":  # keep away from the kink at 0, where no derivative exists
        x = np.where(np.abs(x) < 1e-3, 0.5, x)
    g = rng.standard_normal(shape)
    module = ACTIVATIONS[name]()
    module(x)
    grad = module.backward(g)
    assert isinstance(grad, Tensor) and grad.shape == x.shape and grad.dtype == np.float64
    numeric = numerical_gradient(lambda v: float(np.sum(ACTIVATIONS[name]()(v).data * g)), x)
    assert relative_error(grad.data, numeric) < 1e-6


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_backward_is_finite_and_silent_at_extreme_inputs(name):
    x = np.stack([EXTREMES, EXTREMES[::-1]])
    module = ACTIVATIONS[name]()
    with no_overflow_and_no_warning():
        module(x)
        grad = module.backward(np.ones_like(x)).data
    assert np.all(np.isfinite(grad))


def test_softmax_backward_is_the_full_jacobian_product():
    rng = np.random.default_rng(1)
    x, g = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    softmax = Softmax()
    s = softmax(x).data
    grad = softmax.backward(g).data
    for row in range(3):
        jacobian = np.diag(s[row]) - np.outer(s[row], s[row])
        np.testing.assert_allclose(grad[row], jacobian.T @ g[row], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_backward_before_forward_and_wrong_shapes_are_clear_errors(name):
    module = ACTIVATIONS[name]()
    with pytest.raises(RuntimeError, match="needs a forward pass first"):
        module.backward(np.ones((2, 3)))
    module(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"output's shape \(2, 3\), got shape \(3, 2\)"):
        module.backward(np.ones((3, 2)))


def test_float32_backward_stays_float32():
    for name in sorted(ACTIVATIONS):
        module = ACTIVATIONS[name]()
        module(np.ones((2, 3), dtype=np.float32))
        assert module.backward(np.ones((2, 3), dtype=np.float32)).dtype == np.float32, name


@pytest.mark.parametrize("module", [ReLU(), Sigmoid(), Tanh(), Softmax()], ids=lambda m: type(m).__name__)
def test_backward_before_forward_names_the_module(module):
    with pytest.raises(RuntimeError, match=f"^{type(module).__name__}.backward needs a forward pass first"):
        module.backward(np.ones((1, 2)))
