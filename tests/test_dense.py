"""Dense: parameters, the forward formula, input checks, randomness and initialisers."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinytorch_layers import INITIALIZERS, Dense, Module, Tensor


def _random_bias(layer, rng):
    """Give ``layer`` a non-zero bias, so the tests see whether it is added."""
    layer.bias = Tensor(rng.standard_normal(layer.output_size).astype(layer.weights.dtype))


def _oracle(x, layer):
    """x @ W + b in float64, from the layer's own arrays."""
    W = layer.weights.data.astype(np.float64)
    b = 0.0 if layer.bias is None else layer.bias.data.astype(np.float64)
    return np.asarray(x, dtype=np.float64) @ W + b


# --- parameters ---------------------------------------------------------------------


def test_weights_and_bias_shapes_and_types():
    layer = Dense(5, 3, rng=0)
    assert isinstance(layer, Module)
    assert isinstance(layer.weights, Tensor)
    assert layer.weights.shape == (5, 3)
    assert isinstance(layer.bias, Tensor)
    assert layer.bias.shape == (3,)
    assert not np.any(layer.bias.data)
    assert layer.weights.dtype == layer.bias.dtype == np.float32
    assert np.any(layer.weights.data)  # random, not the zeros of a forgotten init


def test_no_bias():
    layer = Dense(5, 3, use_bias=False, rng=0)
    assert layer.bias is None
    assert layer.parameters() == [layer.weights]


def test_parameters_are_the_layers_own_tensors_in_order():
    layer = Dense(4, 2, rng=0)
    params = layer.parameters()
    assert len(params) == 2
    assert params[0] is layer.weights and params[1] is layer.bias


@pytest.mark.parametrize("use_bias", [True, False])
def test_parameter_count_counts_the_real_arrays(use_bias):
    layer = Dense(7, 3, use_bias=use_bias, rng=0)
    assert layer.parameter_count == sum(p.size for p in layer.parameters())


def test_repr():
    assert repr(Dense(784, 10, rng=0)) == "Dense(input_size=784, output_size=10, use_bias=True)"
    assert repr(Dense(3, 2, use_bias=False, rng=0)) == (
        "Dense(input_size=3, output_size=2, use_bias=False)"
    )


def test_float64_layer():
    layer = Dense(4, 3, rng=0, dtype=np.float64)
    assert layer.weights.dtype == layer.bias.dtype == np.float64
    assert layer(np.ones((2, 4))).dtype == np.float64


# --- forward ------------------------------------------------------------------------


@pytest.mark.parametrize("naive", [False, True], ids=["numpy", "naive"])
def test_forward_is_x_at_w_plus_b(naive):
    rng = np.random.default_rng(0)
    layer = Dense(6, 4, rng=1, use_naive_matmul=naive)
    _random_bias(layer, rng)
    x = rng.standard_normal((5, 6)).astype(np.float32)
    y = layer(x)
    assert isinstance(y, Tensor)
    assert y.shape == (5, 4)
    assert y.dtype == np.float32
    np.testing.assert_allclose(y.data, _oracle(x, layer), rtol=1e-5, atol=1e-5)


def test_forward_uses_weights_and_bias_assigned_later():
    layer = Dense(2, 3, rng=0)
    layer.weights = Tensor([[1, 0, 2], [0, 1, -1]])
    layer.bias = Tensor([10, 20, 30])
    x = np.array([[3.0, 4.0]], dtype=np.float32)
    np.testing.assert_allclose(layer(x).data, _oracle(x, layer), rtol=1e-6)


def test_naive_and_fast_paths_agree():
    rng = np.random.default_rng(2)
    fast = Dense(8, 5, rng=3)
    naive = Dense(8, 5, rng=3, use_naive_matmul=True)
    np.testing.assert_array_equal(fast.weights.data, naive.weights.data)
    _random_bias(fast, rng)
    naive.bias = fast.bias
    for x in (rng.standard_normal((4, 8)), rng.standard_normal(8)):
        x = x.astype(np.float32)
        np.testing.assert_allclose(naive(x).data, fast(x).data, rtol=1e-5, atol=1e-6)
        assert naive(x).shape == fast(x).shape


@pytest.mark.parametrize("naive", [False, True], ids=["numpy", "naive"])
def test_single_sample_matches_a_batch_of_one(naive):
    rng = np.random.default_rng(4)
    layer = Dense(3, 2, rng=5, use_naive_matmul=naive)
    _random_bias(layer, rng)
    sample = rng.standard_normal(3).astype(np.float32)
    single = layer(sample)
    assert single.shape == (2,)
    np.testing.assert_allclose(single.data, layer(sample[None, :]).data[0], rtol=1e-6)


def test_rows_of_a_batch_are_independent():
    rng = np.random.default_rng(6)
    layer = Dense(4, 3, rng=7)
    _random_bias(layer, rng)
    batch = rng.standard_normal((5, 4)).astype(np.float32)
    stacked = np.stack([layer(row).data for row in batch])
    np.testing.assert_allclose(layer(batch).data, stacked, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "x",
    [Tensor([[1, 2, 3]]), np.array([[1.0, 2.0, 3.0]]), [[1, 2, 3]], [1, 2, 3]],
    ids=["tensor", "ndarray", "list", "flat-list"],
)
def test_input_forms(x):
    layer = Dense(3, 2, rng=0)
    y = layer(x)
    assert isinstance(y, Tensor)
    np.testing.assert_allclose(y.data, _oracle(x, layer), rtol=1e-6)


def test_forward_changes_neither_input_nor_parameters():
    layer = Dense(3, 2, rng=0)
    x = np.ones((2, 3), dtype=np.float32)
    weights_before, bias_before = layer.weights.data.copy(), layer.bias.data.copy()
    layer(x)
    layer(Tensor(x))
    np.testing.assert_array_equal(x, np.ones((2, 3)))
    np.testing.assert_array_equal(layer.weights.data, weights_before)
    np.testing.assert_array_equal(layer.bias.data, bias_before)


def test_output_is_a_new_array_each_call():
    layer = Dense(3, 2, rng=0)
    x = np.ones((1, 3))
    first = layer(x)
    second = layer(x)
    assert not np.shares_memory(first.data, second.data)


@pytest.mark.parametrize("naive", [False, True], ids=["numpy", "naive"])
@pytest.mark.parametrize("shape", [(2, 7), (7,)])
def test_wrong_feature_count_names_both_numbers(naive, shape):
    layer = Dense(5, 2, rng=0, use_naive_matmul=naive)
    with pytest.raises(ValueError, match=r"expected 5 input features, got 7"):
        layer(np.ones(shape))


def test_a_scalar_is_rejected_naming_its_shape():
    layer = Dense(5, 2, rng=0)
    with pytest.raises(ValueError, match=re.escape("shape (*, 5), got shape ()")):
        layer(np.float32(1.0))


@pytest.mark.parametrize("naive", [False, True], ids=["numpy", "naive"])
@pytest.mark.parametrize("leading", [(2, 3), (2, 1, 3), (0, 4), (1,)])
def test_leading_dimensions_are_kept_like_nn_linear(naive, leading):
    rng = np.random.default_rng(8)
    layer = Dense(6, 4, rng=9, use_naive_matmul=naive)
    _random_bias(layer, rng)
    x = rng.standard_normal(leading + (6,)).astype(np.float32)
    y = layer(x)
    assert y.shape == leading + (4,)
    flat = layer(x.reshape(-1, 6)).data  # the same samples as one batch
    np.testing.assert_allclose(y.data.reshape(-1, 4), flat, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(y.data, _oracle(x, layer), rtol=1e-5, atol=1e-5)


def test_wrong_feature_count_with_leading_dimensions_names_the_shape():
    layer = Dense(5, 2, rng=0)
    with pytest.raises(ValueError, match=re.escape("got 4 (input shape (2, 3, 4))")):
        layer(np.ones((2, 3, 4)))


# --- dtypes: the input is converted to the layer's dtype -----------------------------


@pytest.mark.parametrize("naive", [False, True], ids=["numpy", "naive"])
def test_float64_input_to_a_float32_layer_is_computed_in_float32(naive):
    layer = Dense(5, 3, rng=0, use_naive_matmul=naive)
    _random_bias(layer, np.random.default_rng(1))
    x64 = np.random.default_rng(2).standard_normal((4, 5))  # numpy's default, float64
    y = layer(x64)
    assert y.dtype == np.float32
    # Exactly what the float32 version of the input gives: cast first, then compute.
    np.testing.assert_array_equal(y.data, layer(x64.astype(np.float32)).data)


def test_float32_input_to_a_float64_layer_is_computed_in_float64():
    layer = Dense(5, 3, rng=0, dtype=np.float64)
    x32 = np.random.default_rng(2).standard_normal((4, 5)).astype(np.float32)
    y = layer(x32)
    assert y.dtype == np.float64
    np.testing.assert_allclose(y.data, _oracle(x32, layer), rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float16, np.int64, bool])
def test_other_input_dtypes_become_the_layer_dtype(dtype):
    layer = Dense(3, 2, rng=0)
    x = np.array([[1, 0, 1]], dtype=dtype)
    y = layer(x)
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y.data, layer(np.array([[1.0, 0.0, 1.0]], np.float32)).data)


def test_casting_does_not_change_the_callers_array():
    layer = Dense(3, 2, rng=0)
    x = np.ones((2, 3))
    layer(x)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x, np.ones((2, 3)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_an_input_already_in_the_layer_dtype_is_used_without_a_copy(dtype):
    # The fast path: a Tensor or an ndarray of the layer's dtype is neither copied nor cast.
    layer = Dense(3, 2, rng=0, dtype=dtype)
    x = np.ones((2, 3), dtype=dtype)
    layer(x)
    assert layer.last_input is x
    t = Tensor(x)
    layer(t)
    assert layer.last_input is t.data


def test_a_list_given_to_a_float64_layer_is_not_rounded_to_float32_first():
    layer = Dense(3, 1, init="zeros", dtype=np.float64)
    layer.weights.data[:] = 1.0
    y = layer([[0.1, 0.2, 0.3]])
    assert y.dtype == np.float64
    # Through float32 the inputs would be rounded, and the sum about 1.6e-8 off.
    assert abs(float(y.data[0, 0]) - 0.6) < 1e-12


# --- construction checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (0, ValueError),
        (-1, ValueError),
        (2.5, TypeError),
        ("3", TypeError),
        (True, TypeError),
        (None, TypeError),
        (3.0, TypeError),
    ],
    ids=["zero", "negative", "float", "str", "bool", "None", "whole-float"],
)
@pytest.mark.parametrize("position", ["input_size", "output_size"])
def test_bad_sizes_are_rejected_naming_the_value(bad, error, position):
    sizes = {"input_size": 3, "output_size": 2, position: bad}
    message = rf"{position} must be a positive integer, got {re.escape(repr(bad))}"
    with pytest.raises(error, match=message):
        Dense(**sizes)


def test_numpy_integers_are_valid_sizes():
    layer = Dense(np.int64(3), np.int32(2), rng=0)
    assert layer.weights.shape == (3, 2)
    assert type(layer.input_size) is int


# --- subclassing --------------------------------------------------------------------


def test_subclass_overriding_forward():
    class DoubleLayer(Dense):
        def forward(self, x):
            return x * 2

    layer = DoubleLayer(input_size=1, output_size=1, rng=0)
    out = layer(Tensor([1, 2, 3]))
    assert isinstance(out, Tensor)
    np.testing.assert_array_equal(out.data, [2.0, 4.0, 6.0])
    assert repr(layer).startswith("DoubleLayer(input_size=1")


# --- randomness ---------------------------------------------------------------------


def test_same_seed_same_weights_different_seed_different():
    np.testing.assert_array_equal(Dense(6, 4, rng=3).weights.data, Dense(6, 4, rng=3).weights.data)
    assert not np.array_equal(Dense(6, 4, rng=3).weights.data, Dense(6, 4, rng=4).weights.data)


def test_unseeded_layers_differ():
    assert not np.array_equal(Dense(6, 4).weights.data, Dense(6, 4).weights.data)


def test_a_shared_generator_gives_each_layer_fresh_weights():
    rng = np.random.default_rng(0)
    first, second = Dense(6, 4, rng=rng), Dense(6, 4, rng=rng)
    assert not np.array_equal(first.weights.data, second.weights.data)


def test_global_random_state_is_untouched():
    before = np.random.get_state()
    for rng in (None, 0, np.random.default_rng(1)):
        layer = Dense(20, 10, rng=rng)
        layer(np.ones((3, 20)))
    Dense(20, 10, init="xavier_uniform")
    after = np.random.get_state()
    assert before[0] == after[0]
    np.testing.assert_array_equal(before[1], after[1])
    assert before[2:] == after[2:]


def test_bad_rng_is_a_type_error():
    with pytest.raises(TypeError, match="rng must be"):
        Dense(3, 2, rng="seed")


# --- initialisers by name -----------------------------------------------------------


@pytest.mark.parametrize("name", list(INITIALIZERS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_init_by_name_uses_that_initialiser(name, dtype):
    layer = Dense(30, 20, init=name, rng=0, dtype=dtype)
    expected = INITIALIZERS[name](30, 20, rng=0, dtype=dtype)
    assert layer.weights.dtype == dtype
    np.testing.assert_array_equal(layer.weights.data, expected)


def test_init_names_give_different_weights():
    weights = [Dense(30, 20, init=name, rng=0).weights.data for name in INITIALIZERS]
    for i in range(len(weights)):
        for j in range(i + 1, len(weights)):
            assert not np.array_equal(weights[i], weights[j])


def test_init_by_callable():
    def ones(fan_in, fan_out, *, rng=None, dtype=np.float32):
        return np.ones((fan_in, fan_out), dtype=dtype)

    layer = Dense(3, 2, init=ones)
    np.testing.assert_array_equal(layer.weights.data, np.ones((3, 2)))


def test_unknown_init_name_lists_the_names():
    with pytest.raises(ValueError, match="'glorot'") as info:
        Dense(3, 2, init="glorot")
    for name in INITIALIZERS:
        assert name in str(info.value)


# --- property: any small shape ------------------------------------------------------


@settings(max_examples=30)
@given(
    batch=st.integers(0, 5),
    n_in=st.integers(1, 6),
    n_out=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_naive_fast_and_formula_agree_for_any_small_shape(batch, n_in, n_out, seed):
    rng = np.random.default_rng(seed)
    fast = Dense(n_in, n_out, rng=seed)
    naive = Dense(n_in, n_out, rng=seed, use_naive_matmul=True)
    _random_bias(fast, rng)
    naive.bias = fast.bias
    x = rng.standard_normal((batch, n_in)).astype(np.float32)
    expected = _oracle(x, fast)
    for layer in (fast, naive):
        y = layer(x)
        assert y.shape == (batch, n_out)
        np.testing.assert_allclose(y.data, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dtype", [np.int32, np.float16, bool])
def test_non_float_dtype_is_rejected_by_name(dtype):
    message = f"Dense computes in float32 or float64, got dtype={np.dtype(dtype)}"
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        Dense(3, 2, init="zeros", dtype=dtype)


# --- gaps the mutation check found (issue 13) ----------------------------------------


@pytest.mark.parametrize("layer_dtype", [np.float32, np.float64])
def test_an_integer_tensor_is_cast_to_the_layer_dtype(layer_dtype):
    # Tensor(..., dtype=int64) is the one way an integer array reaches forward unconverted.
    layer = Dense(3, 2, rng=0, dtype=layer_dtype)
    y = layer(Tensor([[1, 0, 2]], dtype=np.int64))
    assert y.dtype == layer_dtype
    np.testing.assert_array_equal(y.data, layer(np.array([[1.0, 0.0, 2.0]], layer_dtype)).data)


def test_memory_bytes_defaults_to_a_batch_of_one():
    layer = Dense(3, 2)
    estimate = layer.memory_bytes()
    assert estimate == layer.memory_bytes(batch_size=1)
    assert estimate.input == 3 * 4 and estimate.output == 2 * 4  # one float32 sample


def test_dense_does_not_run_the_triple_loop_by_default(monkeypatch):
    import tinytorch_layers.dense

    def no_triple_loop(*args):
        raise AssertionError("Dense ran the triple-loop matmul without use_naive_matmul=True")

    monkeypatch.setattr(tinytorch_layers.dense, "matmul", no_triple_loop)
    x = np.ones((4, 3))
    assert Dense(3, 2)(x).shape == (4, 2)
    with pytest.raises(AssertionError, match="triple-loop"):  # the patch is really in effect
        Dense(3, 2, use_naive_matmul=True)(x)
