"""Dense's speed choices (column-major W, (W.T x.T).T, np.dot) change no number."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import Dense, Sequential, Tensor, xavier_normal
from tinytorch_layers.dense import _x_times_w


def reference(layer: Dense, x: np.ndarray) -> np.ndarray:
    """``x @ W + b`` with a row-major copy of W, as one would write it in numpy."""
    w = np.ascontiguousarray(layer.weights.data)
    return x @ w + layer.bias.data


def test_weights_keep_shape_values_and_dtype():
    layer = Dense(784, 512, rng=0)
    assert isinstance(layer.weights, Tensor)
    assert layer.weights.shape == (784, 512)
    assert layer.weights.dtype == np.float32
    assert np.array_equal(layer.weights.data, xavier_normal(784, 512, rng=0))
    # The float32 speed-up relies on W.T being contiguous; without it forward is only slower.
    assert layer.weights.data.T.flags.c_contiguous
    wide = Dense(784, 512, rng=0, dtype=np.float64)  # float64 measured faster row-major
    assert wide.weights.data.flags.c_contiguous
    assert np.array_equal(wide.weights.data, xavier_normal(784, 512, rng=0, dtype=np.float64))


@pytest.mark.parametrize("batch", [1, 2, 3, 32, 257])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_matches_numpy_for_any_batch(batch, dtype):
    rng = np.random.default_rng(batch)
    layer = Dense(40, 24, rng=rng, dtype=dtype)
    layer.bias.data[...] = rng.standard_normal(24)
    x = rng.standard_normal((batch, 40)).astype(dtype)
    y = layer(Tensor(x))
    expected = reference(layer, x)
    assert y.shape == (batch, 24) and y.dtype == expected.dtype
    # Summation order may differ between BLAS routes: compare at the dtype's precision.
    tolerance = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(y.data, expected, rtol=tolerance, atol=tolerance)


def test_one_sample_and_column_major_input():
    rng = np.random.default_rng(1)
    layer = Dense(16, 8, rng=rng)
    x = rng.standard_normal((5, 16)).astype(np.float32)
    np.testing.assert_allclose(layer(x[0]).data, reference(layer, x[0]), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        layer(np.asfortranarray(x)).data, reference(layer, x), rtol=1e-5, atol=1e-6
    )


def test_float64_input_to_float32_layer_is_cast_then_takes_the_float32_route():
    rng = np.random.default_rng(2)
    layer = Dense(6, 4, rng=rng)
    x = rng.standard_normal((3, 6))  # float64; the layer converts it (see test_dense.py)
    y = layer(x)
    x32 = x.astype(np.float32)
    assert y.dtype == reference(layer, x32).dtype == np.float32
    np.testing.assert_allclose(y.data, reference(layer, x32), rtol=1e-5, atol=1e-6)


def test_assigned_row_major_weights_take_the_plain_route_with_the_same_result():
    layer = Dense(3, 2)
    layer.weights = Tensor([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])  # C-ordered
    batch = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    assert layer(batch).data.tolist() == [[7.0, -1.0], [0.0, 1.0]]


def test_stacked_layers_match_the_numpy_chain():
    rng = np.random.default_rng(3)
    first, second = Dense(10, 7, rng=rng), Dense(7, 3, rng=rng)
    x = rng.standard_normal((9, 10)).astype(np.float32)
    y = Sequential(first, second)(x)  # second gets first's column-major output
    expected = reference(second, reference(first, x))
    np.testing.assert_allclose(y.data, expected, rtol=1e-5, atol=1e-6)


def test_helper_handles_layouts_and_vectors():
    rng = np.random.default_rng(4)
    w = rng.standard_normal((5, 3))
    x = rng.standard_normal((4, 5))
    for weights in (w, np.asfortranarray(w)):
        np.testing.assert_allclose(_x_times_w(x, weights), x @ w, rtol=1e-12)
        np.testing.assert_allclose(_x_times_w(x[1], weights), x[1] @ w, rtol=1e-12)


def test_matches_torch_linear_with_the_same_weights():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    layer = Dense(32, 16, rng=rng)
    layer.bias.data[...] = rng.standard_normal(16)
    linear = torch.nn.Linear(32, 16)
    with torch.no_grad():  # torch keeps W transposed: (out, in)
        linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(layer.weights.data.T)))
        linear.bias.copy_(torch.from_numpy(layer.bias.data))
        x = rng.standard_normal((8, 32)).astype(np.float32)
        expected = linear(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(layer(x).data, expected, rtol=1e-5, atol=1e-6)
