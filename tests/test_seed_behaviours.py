"""The behaviours the seed module's four tests check, restated against tinytorch_layers.

The seed (a TinyTorch "layers" module) tested its own matmul, Dense and activations with
four functions. The same names and behaviours are kept here, in our own words, so the
package is held to everything the seed promised. Only the import differs.
"""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import Dense, ReLU, Sigmoid, Softmax, Tanh, Tensor, matmul


def test_unit_matrix_multiplication():
    A = np.array([[1, 2], [3, 4]], dtype=np.float32)
    B = np.array([[5, 6], [7, 8]], dtype=np.float32)
    product = matmul(A, B)
    np.testing.assert_allclose(product, [[19, 22], [43, 50]])
    np.testing.assert_allclose(product, A @ B)

    row = np.array([[1, 2, 3]], dtype=np.float32)
    column = np.array([[4], [5], [6]], dtype=np.float32)
    np.testing.assert_allclose(matmul(row, column), [[1 * 4 + 2 * 5 + 3 * 6]])

    square = np.arange(1, 10, dtype=np.float32).reshape(3, 3)
    np.testing.assert_allclose(matmul(square, np.eye(3, dtype=np.float32)), square)

    with pytest.raises(ValueError, match="Incompatible matrix dimensions"):
        matmul(np.ones((1, 2), np.float32), np.ones((3, 1), np.float32))


def test_unit_dense_layer():
    layer = Dense(input_size=3, output_size=2, rng=0)
    assert layer.weights.shape == (3, 2)
    assert layer.bias is not None and layer.bias.shape == (2,)

    one = Tensor([[1, 2, 3]])
    assert layer(one).shape == (1, 2)
    assert layer(Tensor([[1, 2, 3], [4, 5, 6]])).shape == (2, 2)

    without_bias = Dense(input_size=3, output_size=2, use_bias=False, rng=0)
    assert without_bias.bias is None
    assert without_bias(one).shape == (1, 2)

    first_feature, second_feature = layer(Tensor([[1, 0, 0]])), layer(Tensor([[0, 1, 0]]))
    assert not np.allclose(first_feature.data, second_feature.data)

    # The seed computed layer(2x) but asserted nothing; the linear part must double.
    bias = layer.bias.data
    doubled = layer(Tensor([[2, 4, 6]])).data - bias
    np.testing.assert_allclose(doubled, 2 * (layer(one).data - bias), rtol=1e-5)


def test_unit_layer_activation():
    layer = Dense(input_size=4, output_size=3, rng=1)
    relu, sigmoid, tanh, softmax = ReLU(), Sigmoid(), Tanh(), Softmax()
    x = Tensor([[1, -2, 3, -4], [2, 1, -1, 3]])
    z = layer(x)

    rectified = relu(z)
    assert rectified.shape == (2, 3)
    assert np.all(rectified.data >= 0)

    probabilities = softmax(z)
    assert probabilities.shape == (2, 3)
    np.testing.assert_allclose(probabilities.data.sum(axis=1), 1.0, atol=1e-6)

    squashed = sigmoid(z)
    assert squashed.shape == (2, 3)
    assert np.all((squashed.data > 0) & (squashed.data < 1))

    centred = tanh(z)
    assert centred.shape == (2, 3)
    assert np.all((centred.data > -1) & (centred.data < 1))

    hidden_layer = Dense(input_size=4, output_size=5, rng=2)
    output_layer = Dense(input_size=5, output_size=3, rng=3)
    two_layer = softmax(output_layer(relu(hidden_layer(x))))
    assert two_layer.shape == (2, 3)
    np.testing.assert_allclose(two_layer.data.sum(axis=1), 1.0, atol=1e-6)

    assert isinstance(hidden_layer.weights, Tensor)
    assert isinstance(hidden_layer.bias, Tensor)


def test_module_layer_tensor_integration():
    class DoubleLayer(Dense):
        def forward(self, x: Tensor) -> Tensor:
            return x * 2

    doubled = DoubleLayer(input_size=1, output_size=1, rng=0)(Tensor([1, 2, 3]))
    assert isinstance(doubled, Tensor)
    np.testing.assert_array_equal(doubled.data, np.array([2, 4, 6]))
