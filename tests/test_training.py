"""End to end: the issue's snippet as written, and a short deterministic training run."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import (
    SGD,
    Dense,
    ReLU,
    Sequential,
    SoftmaxCrossEntropy,
    load_digits_split,
    numerical_gradient,
)

pytest.importorskip("sklearn", reason="scikit-learn is not installed (book and test extras)")


def test_the_snippet_of_issue_9_runs_as_written():
    x_train, y_train, _, _ = load_digits_split()
    x, y = x_train[:32], y_train[:32]
    # --- as written in the issue
    model = Sequential(Dense(64, 128, rng=0), ReLU(), Dense(128, 10, rng=1))
    loss_fn = SoftmaxCrossEntropy()
    opt = SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = loss_fn(model(x), y)          # a Python float: mean over the batch
    opt.zero_grad()
    model.backward(loss_fn.backward())   # fills .grad of every parameter, returns dL/dx
    opt.step()
    # ---
    assert type(loss) is float and np.isfinite(loss)
    assert all(p.grad is not None and p.grad.shape == p.shape for p in model.parameters())
    assert callable(numerical_gradient)
    assert loss_fn(model(x), y) < loss  # one step on this batch lowers its loss


def train(epochs: int, seed: int = 0) -> tuple[list[float], float, Sequential]:
    """Minibatch SGD on the digits; returns the mean loss of each epoch and the test accuracy."""
    x_train, y_train, x_test, y_test = load_digits_split(rng=seed)
    model = Sequential(Dense(64, 64, rng=seed, init="he_normal"), ReLU(), Dense(64, 10, rng=seed + 1))
    loss_fn = SoftmaxCrossEntropy()
    opt = SGD(model.parameters(), lr=0.05, momentum=0.9)
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(x_train))
        total = 0.0
        for start in range(0, len(order), 32):
            batch = order[start:start + 32]
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            opt.zero_grad()
            model.backward(loss_fn.backward())
            opt.step()
            total += loss * len(batch)
        losses.append(total / len(order))
    accuracy = float(np.mean(model(x_test).data.argmax(axis=1) == y_test))
    return losses, accuracy, model


def test_training_on_digits_is_deterministic_and_improves_the_loss():
    losses, accuracy, model = train(epochs=3)
    again, accuracy_again, model_again = train(epochs=3)
    assert losses == again and accuracy == accuracy_again  # the same seed, the same run
    for ours, theirs in zip(model.parameters(), model_again.parameters()):
        np.testing.assert_array_equal(ours.data, theirs.data)
    assert losses[0] < np.log(10)  # better than guessing already during the first epoch
    assert losses[2] < losses[1] < losses[0]
    assert accuracy > 0.9  # chance is 0.1
