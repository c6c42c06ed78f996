"""The cost model against known sizes and against the arrays of a real forward pass."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import (
    Dense,
    MemoryEstimate,
    dense_backward_flops,
    dense_forward_flops,
    dense_memory_bytes,
    dense_parameter_count,
    dense_training_memory_bytes,
)


def test_dense_784_512_parameter_count():
    # The number the book quotes: 784 * 512 weights + 512 biases.
    layer = Dense(784, 512, rng=0)
    assert layer.parameter_count == 401_920
    assert dense_parameter_count(784, 512) == 401_920
    assert sum(p.size for p in layer.parameters()) == 401_920
    assert dense_parameter_count(784, 512, use_bias=False) == 784 * 512


def test_dense_784_512_flops_per_sample():
    layer = Dense(784, 512, rng=0)
    assert layer.forward_flops() == 802_816
    assert layer.forward_flops(batch_size=1) == dense_forward_flops(1, 784, 512) == 802_816


@pytest.mark.parametrize("batch", [1, 3, 32])
def test_flops_count_one_multiply_and_one_add_per_term(batch):
    # Each output entry is a dot product of length `in`; there are batch * out entries.
    layer = Dense(7, 5, rng=0)
    x = np.ones((batch, 7), dtype=np.float32)
    terms_per_output, outputs = x.shape[1], layer(x).size
    assert layer.forward_flops(batch) == 2 * terms_per_output * outputs


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("batch", [1, 32])
@pytest.mark.parametrize("use_bias", [True, False])
def test_memory_matches_the_arrays_of_a_real_forward_pass(dtype, batch, use_bias):
    layer = Dense(784, 512, use_bias=use_bias, rng=0, dtype=dtype)
    x = np.random.default_rng(1).standard_normal((batch, 784)).astype(dtype)
    y = layer(x)
    estimate = layer.memory_bytes(batch_size=batch)
    assert estimate.input == x.nbytes
    assert estimate.weights == layer.weights.data.nbytes
    assert estimate.bias == (layer.bias.data.nbytes if use_bias else 0)
    assert estimate.output == y.data.nbytes
    parameter_bytes = sum(p.data.nbytes for p in layer.parameters())
    assert estimate.total == x.nbytes + parameter_bytes + y.data.nbytes


@pytest.mark.parametrize(("dtype", "itemsize"), [(np.float32, 4), (np.float64, 8)])
def test_bytes_per_number(dtype, itemsize):
    estimate = dense_memory_bytes(32, 784, 512, dtype=dtype)
    assert estimate == MemoryEstimate(
        input=32 * 784 * itemsize,
        weights=784 * 512 * itemsize,
        bias=512 * itemsize,
        output=32 * 512 * itemsize,
    )


def test_float64_costs_twice_float32_and_default_is_float32():
    f32 = dense_memory_bytes(32, 784, 512, dtype=np.float32)
    assert dense_memory_bytes(32, 784, 512) == f32
    assert dense_memory_bytes(32, 784, 512, dtype=np.float64).total == 2 * f32.total


def test_weights_do_not_grow_with_the_batch():
    small, large = dense_memory_bytes(1, 784, 512), dense_memory_bytes(64, 784, 512)
    assert small.weights == large.weights and small.bias == large.bias
    assert large.input == 64 * small.input and large.output == 64 * small.output


def test_memory_estimate_total_is_the_sum_of_fields():
    estimate = MemoryEstimate(input=1, weights=20, bias=300, output=4000)
    assert estimate.total == 4321
    assert estimate.total == sum(estimate)


# --- training ------------------------------------------------------------------------


@pytest.mark.parametrize(("batch", "n_in", "n_out"), [(1, 1, 1), (4, 3, 2), (256, 784, 512)])
def test_backward_is_twice_the_forward_products_plus_the_bias_sum(batch, n_in, n_out):
    forward = dense_forward_flops(batch, n_in, n_out)
    assert dense_backward_flops(batch, n_in, n_out, use_bias=False) == 2 * forward
    assert dense_backward_flops(batch, n_in, n_out) == 2 * forward + batch * n_out


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_training_memory_counts_the_arrays_a_training_step_keeps(dtype):
    layer = Dense(784, 512, rng=0, dtype=dtype)
    parameter_bytes = sum(p.data.nbytes for p in layer.parameters())
    estimate = dense_training_memory_bytes(256, 784, 512, dtype=dtype)
    assert estimate.parameters == estimate.gradients == estimate.momentum == parameter_bytes
    x = np.zeros((256, 784), dtype=dtype)
    layer(x)
    assert estimate.activations == layer.last_input.nbytes
    assert estimate.total == 3 * parameter_bytes + x.nbytes
    assert dense_training_memory_bytes(256, 784, 512, dtype=dtype, momentum=False).momentum == 0
    no_bias = dense_training_memory_bytes(1, 3, 2, dtype=dtype, use_bias=False)
    assert no_bias.parameters == 6 * np.dtype(dtype).itemsize
