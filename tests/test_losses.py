"""SoftmaxCrossEntropy against its definition, central differences and torch; its errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinytorch_layers import SoftmaxCrossEntropy, Tensor, numerical_gradient, relative_error



def definition(logits: np.ndarray, labels: np.ndarray) -> float:
    """-mean log softmax at the labels, the textbook way (fine for moderate logits)."""
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(probs[np.arange(len(labels)), labels])))


def random_case(seed: int, batch: int, classes: int, scale: float = 3.0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((batch, classes)) * scale, rng.integers(0, classes, size=batch)


cases = st.tuples(st.integers(0, 2**16), st.integers(1, 6), st.integers(2, 6))


@given(cases)
def test_loss_is_the_mean_negative_log_softmax_and_a_float(case):
    logits, labels = random_case(*case)
    loss = SoftmaxCrossEntropy()(logits, labels)
    assert type(loss) is float
    assert loss == pytest.approx(definition(logits, labels), rel=1e-12)


@given(cases)
def test_backward_matches_central_differences_and_the_formula(case):
    logits, labels = random_case(*case)
    loss_fn = SoftmaxCrossEntropy()
    loss_fn(logits, labels)
    grad = loss_fn.backward()
    assert isinstance(grad, Tensor) and grad.shape == logits.shape and grad.dtype == np.float64
    numeric = numerical_gradient(lambda z: SoftmaxCrossEntropy()(z, labels), logits)
    assert relative_error(grad.data, numeric) < 1e-6
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    onehot = np.eye(logits.shape[1])[labels]
    np.testing.assert_allclose(grad.data, (probs - onehot) / len(labels), rtol=1e-12, atol=1e-15)
    # every row of (softmax - onehot) sums to zero
    np.testing.assert_allclose(grad.data.sum(axis=1), 0.0, atol=1e-15)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_stable_for_logits_of_plus_minus_1000(dtype):
    logits = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, 1000.0]], dtype=dtype)
    loss_fn = SoftmaxCrossEntropy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            loss = loss_fn(logits, np.array([1, 2]))
            grad = loss_fn.backward().data
    assert np.isfinite(loss) and loss == pytest.approx(1000.0)  # (2000 + 0) / 2
    assert np.all(np.isfinite(grad)) and grad.dtype == dtype
    np.testing.assert_allclose(grad, [[0.5, -0.5, 0.0], [0.0, 0.0, 0.0]], atol=1e-7)


def test_backward_twice_gives_the_same_gradient_and_keeps_the_probabilities():
    logits, labels = random_case(3, 4, 5)
    loss_fn = SoftmaxCrossEntropy()
    loss_fn(logits, labels)
    first = loss_fn.backward().data.copy()
    np.testing.assert_array_equal(loss_fn.backward().data, first)


def test_accepts_tensor_logits_and_list_labels():
    loss_fn = SoftmaxCrossEntropy()
    a = loss_fn(Tensor([[0.0, 1.0]]), [1])
    b = loss_fn([[0.0, 1.0]], np.array([1]))
    assert a == pytest.approx(b) == pytest.approx(np.log1p(np.exp(-1.0)), rel=1e-6)


def test_tensor_labels_are_float_and_so_refused():
    with pytest.raises(TypeError, match="integer class labels, got dtype float32"):
        SoftmaxCrossEntropy()([[0.0, 1.0]], Tensor([1]))


@pytest.mark.parametrize(
    ("labels", "error", "words"),
    [
        (np.array([0, 3]), ValueError, "label 3 is out of range for 3 classes"),
        (np.array([-1, 0]), ValueError, "label -1 is out of range"),
        (np.array([0]), ValueError, "labels of shape (2,), got shape (1,)"),
        (np.array([[0, 1]]), ValueError, "got shape (1, 2)"),
        (np.array([0.0, 1.0]), TypeError, "integer class labels, got dtype float64"),
        (np.array([True, False]), TypeError, "got dtype bool"),
    ],
)
def test_bad_labels_get_clear_errors(labels, error, words):
    with pytest.raises(error) as raised:
        SoftmaxCrossEntropy()(np.zeros((2, 3)), labels)
    assert words in str(raised.value)


@pytest.mark.parametrize("shape", [(3,), (0, 3), (2, 3, 4)])
def test_logits_must_be_a_non_empty_matrix(shape):
    with pytest.raises(ValueError, match=r"logits of shape \(batch, classes\)"):
        SoftmaxCrossEntropy()(np.zeros(shape), np.zeros(shape[:1], dtype=int))


def test_backward_before_a_loss_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="needs a loss first"):
        SoftmaxCrossEntropy().backward()


def test_matches_torch_cross_entropy():
    torch = pytest.importorskip("torch", reason="torch is not installed (optional extra 'torch')")
    logits, labels = random_case(5, 8, 10)
    z = torch.from_numpy(logits).requires_grad_(True)
    expected = torch.nn.functional.cross_entropy(z, torch.from_numpy(labels))
    expected.backward()
    loss_fn = SoftmaxCrossEntropy()
    assert loss_fn(logits, labels) == pytest.approx(expected.item(), rel=1e-12)
    np.testing.assert_allclose(loss_fn.backward().data, z.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_a_label_out_of_range_names_the_valid_range():
    with pytest.raises(ValueError, match=r"label 3 is out of range for 3 classes \(labels must be 0 to 2\)"):
        SoftmaxCrossEntropy()(np.zeros((1, 3)), np.array([3]))


def test_each_row_is_shifted_by_its_own_maximum():
    # Shifting by the batch's maximum would send the second row's exponents to 0 (log 0).
    logits = np.array([[1000.0, 0.0], [-1000.0, -1001.0]])
    loss = SoftmaxCrossEntropy()(logits, np.array([0, 0]))
    expected = np.log1p(np.exp(-1000.0)) / 2 + np.log1p(np.exp(-1.0)) / 2
    assert np.isfinite(loss) and loss == pytest.approx(expected, rel=1e-6)


def test_backward_before_a_loss_says_to_compute_one():
    with pytest.raises(RuntimeError, match=r"^SoftmaxCrossEntropy.backward needs a loss first: call loss_fn\(logits, labels\)$"):
        SoftmaxCrossEntropy().backward()


def test_repr():
    assert repr(SoftmaxCrossEntropy()) == "SoftmaxCrossEntropy()"
