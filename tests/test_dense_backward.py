"""Dense.backward against central differences, on random shapes, and its errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinytorch_layers import Dense, Tensor, numerical_gradient, relative_error

TOLERANCE = 1e-6  # the bound; correct float64 code gives about 1e-10


def random_case(seed: int, batch: int | None, n_in: int, n_out: int, use_bias: bool):
    """A float64 layer with a non-zero bias, an input and an upstream gradient G.

    ``batch=None`` means a single sample of shape ``(n_in,)``.
    """
    rng = np.random.default_rng(seed)
    layer = Dense(n_in, n_out, use_bias=use_bias, rng=rng, dtype=np.float64)
    if use_bias:
        layer.bias.data[...] = rng.standard_normal(n_out)
    lead = () if batch is None else (batch,)
    x = rng.standard_normal(lead + (n_in,))
    g = rng.standard_normal(lead + (n_out,))
    return layer, x, g


def loss_of(layer: Dense, g: np.ndarray):
    """L(x) = sum(G * layer(x)), whose gradient with respect to the output is G."""
    return lambda v: float(np.sum(layer(v).data * g))


shapes = st.tuples(
    st.integers(0, 2**16),
    st.one_of(st.none(), st.integers(1, 6)),
    st.integers(1, 6),
    st.integers(1, 6),
    st.booleans(),
)


@given(shapes)
def test_backward_matches_central_differences(case):
    layer, x, g = random_case(*case)
    layer(x)
    grad_x = layer.backward(g).data
    grad_w = layer.weights.grad.copy()
    grad_b = None if layer.bias is None else layer.bias.grad.copy()
    assert grad_x.shape == x.shape and grad_w.shape == layer.weights.shape

    assert relative_error(grad_x, numerical_gradient(loss_of(layer, g), x)) < TOLERANCE

    def loss_of_weights(w):
        layer.weights.data = w
        return float(np.sum(layer(x).data * g))

    w0 = layer.weights.data.copy()
    assert relative_error(grad_w, numerical_gradient(loss_of_weights, w0)) < TOLERANCE
    layer.weights.data = w0
    if grad_b is not None:
        def loss_of_bias(b):
            layer.bias.data = b
            return float(np.sum(layer(x).data * g))

        assert grad_b.shape == layer.bias.shape
        assert relative_error(grad_b, numerical_gradient(loss_of_bias, layer.bias.data.copy())) < TOLERANCE


@given(shapes)
def test_naive_matmul_path_agrees_with_the_fast_path(case):
    fast, x, g = random_case(*case)
    naive, _, _ = random_case(*case)
    naive.use_naive_matmul = True
    fast(x), naive(x)
    np.testing.assert_allclose(naive.backward(g).data, fast.backward(g).data, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(naive.weights.grad, fast.weights.grad, rtol=1e-12, atol=1e-12)
    if fast.bias is not None:
        np.testing.assert_allclose(naive.bias.grad, fast.bias.grad, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("batch", [1, 3, 32])
def test_float32_layout_gives_the_numpy_formulas_and_keeps_dtype(batch):
    rng = np.random.default_rng(batch)
    layer = Dense(20, 7, rng=rng)  # float32: column-major weights
    x = rng.standard_normal((batch, 20)).astype(np.float32)
    g = rng.standard_normal((batch, 7)).astype(np.float32)
    layer(x)
    grad_x = layer.backward(g)
    w = np.ascontiguousarray(layer.weights.data)
    np.testing.assert_allclose(grad_x.data, g @ w.T, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(layer.weights.grad, x.T @ g, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(layer.bias.grad, g.sum(axis=0), rtol=1e-5, atol=1e-5)
    assert layer.weights.grad.dtype == layer.bias.grad.dtype == np.float32
    # the gradient has the weights' memory order, so the SGD update walks both in one pass
    assert layer.weights.grad.flags.f_contiguous == layer.weights.data.flags.f_contiguous


def test_two_backward_passes_give_twice_the_gradient():
    layer, x, g = random_case(7, 4, 5, 3, True)
    layer(x)
    layer.backward(g)
    once_w, once_b = layer.weights.grad.copy(), layer.bias.grad.copy()
    layer.backward(g)
    np.testing.assert_allclose(layer.weights.grad, 2 * once_w, rtol=1e-14)
    np.testing.assert_allclose(layer.bias.grad, 2 * once_b, rtol=1e-14)


def test_float64_gradient_into_float32_layer_is_stored_as_float32():
    layer = Dense(3, 2, rng=0)
    layer(np.ones((2, 3), dtype=np.float32))
    layer.backward(np.ones((2, 2)))  # float64
    assert layer.weights.grad.dtype == np.float32 and layer.bias.grad.dtype == np.float32


def test_backward_before_forward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="forward pass"):
        Dense(3, 2).backward(np.ones((1, 2)))


@pytest.mark.parametrize(
    ("x_shape", "g_shape"),
    [((4, 3), (4, 3)), ((4, 3), (5, 2)), ((4, 3), (2,)), ((3,), (1, 2)), ((3,), (3,))],
)
def test_wrong_grad_output_shape_names_both_shapes(x_shape, g_shape):
    layer = Dense(3, 2, rng=0)
    layer(np.ones(x_shape, dtype=np.float32))
    expected = x_shape[:-1] + (2,)
    with pytest.raises(ValueError) as error:
        layer.backward(np.ones(g_shape, dtype=np.float32))
    assert str(expected) in str(error.value) and str(g_shape) in str(error.value)


def test_backward_returns_a_tensor_and_accepts_lists():
    layer = Dense(2, 2, rng=0)
    layer(Tensor([[1.0, 2.0]]))
    grad = layer.backward([[1.0, 0.0]])
    assert isinstance(grad, Tensor) and grad.shape == (1, 2)


def test_matches_torch_linear_backward():
    torch = pytest.importorskip("torch", reason="torch is not installed (optional extra 'torch')")
    layer, x, g = random_case(11, 6, 5, 4, True)
    linear = torch.nn.Linear(5, 4, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(layer.weights.data.T)))
        linear.bias.copy_(torch.from_numpy(layer.bias.data))
    x_torch = torch.from_numpy(x).requires_grad_(True)
    linear(x_torch).backward(torch.from_numpy(g))
    layer(x)
    grad_x = layer.backward(g).data
    np.testing.assert_allclose(grad_x, x_torch.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(layer.weights.grad, linear.weight.grad.numpy().T, rtol=1e-12)
    np.testing.assert_allclose(layer.bias.grad, linear.bias.grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("naive", [False, True])
def test_input_grad_false_skips_dx_and_gives_the_same_parameter_gradients(naive):
    full, x, g = random_case(3, 4, 5, 3, True)
    lean, _, _ = random_case(3, 4, 5, 3, True)
    full.use_naive_matmul = lean.use_naive_matmul = naive
    full(x), lean(x)
    assert full.backward(g) is not None
    assert lean.backward(g, input_grad=False) is None
    np.testing.assert_array_equal(lean.weights.grad, full.weights.grad)
    np.testing.assert_array_equal(lean.bias.grad, full.bias.grad)


def test_input_gradient_has_the_memory_order_of_the_input():
    # The activation before the layer multiplies it with its (same-layout) output.
    rng = np.random.default_rng(4)
    first, second = Dense(6, 5, rng=rng), Dense(5, 3, rng=rng)
    x = rng.standard_normal((8, 6)).astype(np.float32)
    hidden = first(x)  # float32 batch: column-major
    second(hidden)
    g = rng.standard_normal((8, 3)).astype(np.float32)
    grad_hidden = second.backward(g).data
    assert hidden.data.flags.f_contiguous and grad_hidden.flags.f_contiguous
    w = np.ascontiguousarray(second.weights.data)
    np.testing.assert_allclose(grad_hidden, g @ w.T, rtol=1e-5, atol=1e-6)
    assert first.backward(grad_hidden).data.flags.c_contiguous  # like x


def test_backward_before_forward_says_to_call_the_layer_first():
    with pytest.raises(RuntimeError, match="^Dense.backward needs the input of a forward pass: call the layer first$"):
        Dense(2, 3, rng=0).backward(np.ones((1, 3)))
