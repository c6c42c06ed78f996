"""ScaleShift against numpy's broadcasting; its backward pass against central differences."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import (
    Dense, ReLU, ScaleShift, Sequential, Sigmoid, Softmax, Tanh, Tensor, numerical_gradient,
    relative_error,
)

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("shape", [(4,), (3, 4), (2, 3, 4)])
def test_forward_is_x_times_scale_plus_shift_for_any_leading_axes(shape):
    layer = ScaleShift(4, dtype=np.float64)
    layer.scale.data[:] = RNG.standard_normal(4)
    layer.shift.data[:] = RNG.standard_normal(4)
    x = RNG.standard_normal(shape)
    np.testing.assert_array_equal(layer(x).data, x * layer.scale.data + layer.shift.data)


@pytest.mark.parametrize("shape", [(4,), (3, 4), (2, 3, 4)])
def test_backward_matches_central_differences_for_input_and_parameters(shape):
    layer = ScaleShift(4, dtype=np.float64)
    layer.scale.data[:] = RNG.uniform(-2, 2, 4)
    layer.shift.data[:] = RNG.standard_normal(4)
    x, g = RNG.standard_normal(shape), RNG.standard_normal(shape)
    layer(x)
    grad_x = layer.backward(g).data

    def loss(x=x, scale=layer.scale.data, shift=layer.shift.data):
        return float(np.sum(g * (x * scale + shift)))

    assert relative_error(grad_x, numerical_gradient(lambda v: loss(x=v), x)) < 1e-8
    assert relative_error(layer.scale.grad, numerical_gradient(lambda v: loss(scale=v), layer.scale.data)) < 1e-8
    assert relative_error(layer.shift.grad, numerical_gradient(lambda v: loss(shift=v), layer.shift.data)) < 1e-8


def test_input_is_converted_to_the_layers_dtype_and_errors_name_the_shape():
    assert ScaleShift(2)(np.ones((3, 2))).dtype == np.float32
    with pytest.raises(ValueError, match=r"expected 2 input features, got input shape \(3, 5\)"):
        ScaleShift(2)(np.ones((3, 5)))
    with pytest.raises(TypeError, match="^ScaleShift computes in float32 or float64, got dtype=int64$"):
        ScaleShift(2, dtype=np.int64)
    with pytest.raises(ValueError, match="features must be a positive integer, got 0"):
        ScaleShift(0)
    with pytest.raises(RuntimeError, match="^ScaleShift.backward needs the input of a forward pass: "
                                           "call the layer first$"):
        ScaleShift(2).backward(np.ones(2))
    layer = ScaleShift(2)
    layer(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"shape \(3, 2\), got shape \(2,\)"):
        layer.backward(np.ones(2))


def test_an_input_in_the_layers_dtype_is_kept_and_a_list_is_converted_once():
    x = np.ones((2, 3), dtype=np.float64)
    layer = ScaleShift(3, dtype=np.float64)
    layer(x)
    assert layer.last_input is x  # no copy when the dtype is already right
    y = layer([[0.1, 0.2, 0.3]])
    assert y.data.tolist() == [[0.1, 0.2, 0.3]]  # straight to float64, not via float32


@pytest.mark.parametrize("module", [ReLU(), Sigmoid(), Tanh(), Softmax(), Dense(3, 3, rng=0), ScaleShift(3)])
def test_every_module_takes_input_grad_and_returns_none_without_it(module):
    x = Tensor([[0.5, -1.0, 2.0]])
    module(x)
    assert module.backward(Tensor([[1.0, 2.0, 3.0]]), input_grad=False) is None


def test_sequential_passes_input_grad_to_a_first_module_of_any_kind():
    net = Sequential(ScaleShift(3), Tanh(), Dense(3, 2, rng=0))
    net(np.ones((4, 3), dtype=np.float32))
    assert net.backward(np.ones((4, 2), dtype=np.float32), input_grad=False) is None
    assert net[0].scale.grad.shape == (3,) and net[0].shift.grad.shape == (3,)
