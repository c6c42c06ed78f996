"""Sequential: composition, parameter order, repr and argument checks."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import Dense, ReLU, Sequential, Sigmoid, Softmax, Tensor


def _net():
    first, second = Dense(4, 5, rng=0), Dense(5, 3, rng=1)
    return Sequential(first, ReLU(), second, Softmax()), first, second


def test_composition_equals_manual_chaining():
    net, first, second = _net()
    x = Tensor(np.random.default_rng(2).standard_normal((6, 4)).astype(np.float32))
    by_hand = Softmax()(second(ReLU()(first(x))))
    out = net(x)
    assert isinstance(out, Tensor)
    assert out.shape == (6, 3)
    np.testing.assert_array_equal(out.data, by_hand.data)


def test_order_matters():
    # Sigmoid then ReLU differs from ReLU then Sigmoid on negative inputs.
    x = Tensor([-2.0, 1.0])
    relu_first = Sequential(ReLU(), Sigmoid())(x).data
    sigmoid_first = Sequential(Sigmoid(), ReLU())(x).data
    assert not np.allclose(relu_first, sigmoid_first)
    np.testing.assert_allclose(relu_first[0], 0.5)


def test_parameters_collected_in_order():
    net, first, second = _net()
    params = net.parameters()
    expected = [first.weights, first.bias, second.weights, second.bias]
    assert len(params) == len(expected)
    assert all(p is q for p, q in zip(params, expected))


def test_plain_callables_are_allowed_and_have_no_parameters():
    layer = Dense(2, 2, use_bias=False, rng=0)
    net = Sequential(layer, lambda t: t * 3)
    x = Tensor([[1.0, -1.0]])
    np.testing.assert_allclose(net(x).data, layer(x).data * 3, rtol=1e-6)
    assert net.parameters() == [layer.weights]


def test_nested_sequential_collects_inner_parameters():
    inner, _, _ = _net()
    outer_layer = Dense(3, 2, rng=3)
    outer = Sequential(inner, outer_layer)
    assert len(outer.parameters()) == 6
    assert outer.parameters()[-1] is outer_layer.bias


def test_repr_lists_modules_by_position():
    net, _, _ = _net()
    assert repr(net) == (
        "Sequential(\n"
        "  (0): Dense(input_size=4, output_size=5, use_bias=True)\n"
        "  (1): ReLU()\n"
        "  (2): Dense(input_size=5, output_size=3, use_bias=True)\n"
        "  (3): Softmax(axis=-1)\n"
        ")"
    )


def test_len_indexing_iteration():
    net, first, second = _net()
    assert len(net) == 4
    assert net[0] is first and net[2] is second
    assert list(net)[2] is second


@pytest.mark.parametrize("bad", [3, "relu", None])
def test_non_callable_is_a_type_error_naming_item(bad):
    with pytest.raises(TypeError, match=rf"item 1 is {bad!r}"):
        Sequential(ReLU(), bad)


# --- backward -----------------------------------------------------------------------


def test_backward_runs_the_chain_rule_in_reverse():
    from tinytorch_layers import Tanh, numerical_gradient, relative_error

    rng = np.random.default_rng(0)
    net = Sequential(Dense(5, 4, rng=1, dtype=np.float64), Tanh(), Dense(4, 3, rng=2, dtype=np.float64))
    x, g = rng.standard_normal((6, 5)), rng.standard_normal((6, 3))
    net(x)
    grad_x = net.backward(g)
    numeric = numerical_gradient(lambda v: float(np.sum(net(v).data * g)), x)
    assert relative_error(grad_x.data, numeric) < 1e-6
    # the last layer's weight gradient is (its input).T @ g: the Tanh output
    hidden = np.tanh(x @ net[0].weights.data + net[0].bias.data)
    np.testing.assert_allclose(net[2].weights.grad, hidden.T @ g, rtol=1e-12)


def test_backward_through_a_plain_function_is_a_type_error_naming_it():
    net = Sequential(Dense(2, 2, rng=0), np.tanh)
    net(np.ones((1, 2)))
    with pytest.raises(TypeError, match=r"module 1 \(<ufunc 'tanh'>\) has no backward"):
        net.backward(np.ones((1, 2)))


def test_backward_without_input_grad_returns_none_and_the_same_parameter_gradients():
    from tinytorch_layers import Tanh

    def make():
        return Sequential(Dense(5, 4, rng=1, dtype=np.float64), Tanh(), Dense(4, 3, rng=2, dtype=np.float64))

    x, g = np.random.default_rng(0).standard_normal((6, 5)), np.ones((6, 3))
    full, lean = make(), make()
    full(x), lean(x)
    full.backward(g)
    assert lean.backward(g, input_grad=False) is None
    for ours, theirs in zip(lean.parameters(), full.parameters()):
        np.testing.assert_array_equal(ours.grad, theirs.grad)
    starts_with_activation = Sequential(Tanh(), Dense(5, 3, rng=0, dtype=np.float64))
    starts_with_activation(x)
    assert starts_with_activation.backward(np.ones((6, 3)), input_grad=False) is None
