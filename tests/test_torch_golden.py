"""PyTorch parity on every run: the package against PyTorch's results stored in the repository.

``tests/golden/torch.json`` holds fixed inputs and what PyTorch computed from them (a Dense
layer's forward and backward pass, the softmax cross-entropy loss and its gradient, five SGD
steps with momentum and weight decay, three training steps of a small network), recorded by
``tests/golden/record.py``. The tests here need no PyTorch: they compute the same things
with the package and compare. A changed fixture value fails them (the perturbation tests
prove it for every stored result); where PyTorch is installed, the fixture must also be what
PyTorch computes today. The live comparisons in test_dense_backward.py, test_losses.py and
test_optim.py still run where PyTorch is installed.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tinytorch_layers import SGD, Dense, ReLU, Sequential, SoftmaxCrossEntropy, Tensor

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))

import record  # noqa: E402

# float64 throughout: the two libraries may sum in another order, nothing more.
RTOL, ATOL = 1e-10, 1e-12


def load() -> dict[str, Any]:
    return json.loads(record.FIXTURE.read_text(encoding="utf-8"))


def dense_layer(weights, bias) -> Dense:
    weights, bias = np.asarray(weights), np.asarray(bias)
    layer = Dense(*weights.shape, dtype=np.float64, rng=0)
    layer.weights, layer.bias = Tensor(weights.copy()), Tensor(bias.copy())
    return layer


def package_results(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """What the package computes for one case of the fixture."""
    if name == "dense":
        layer = dense_layer(inputs["weights"], inputs["bias"])
        output = layer(Tensor(np.asarray(inputs["x"])))
        grad_input = layer.backward(np.asarray(inputs["grad_output"]))
        return {"output": output.data, "grad_input": np.asarray(getattr(grad_input, "data", grad_input)),
                "grad_weights": layer.weights.grad, "grad_bias": layer.bias.grad}
    if name == "cross_entropy":
        loss_fn = SoftmaxCrossEntropy()
        loss = loss_fn(np.asarray(inputs["logits"]), np.asarray(inputs["labels"]))
        return {"loss": loss, "grad_logits": np.asarray(loss_fn.backward())}
    if name == "sgd":
        parameter = Tensor(np.asarray(inputs["initial"], dtype=np.float64))
        optimizer = SGD([parameter], lr=inputs["lr"], momentum=inputs["momentum"],
                        weight_decay=inputs["weight_decay"])
        after = []
        for grad in inputs["grads"]:
            parameter.grad = np.asarray(grad)
            optimizer.step()
            after.append(parameter.data.copy())
        return {"after_each_step": np.array(after)}
    if name == "network":
        first = dense_layer(inputs["weights1"], inputs["bias1"])
        second = dense_layer(inputs["weights2"], inputs["bias2"])
        model, loss_fn = Sequential(first, ReLU(), second), SoftmaxCrossEntropy()
        optimizer = SGD(model.parameters(), lr=inputs["lr"], momentum=inputs["momentum"],
                        weight_decay=inputs["weight_decay"])
        losses = []
        for _ in range(inputs["steps"]):
            optimizer.zero_grad()
            losses.append(loss_fn(model(np.asarray(inputs["x"])), np.asarray(inputs["labels"])))
            model.backward(loss_fn.backward())
            optimizer.step()
        return {"losses": np.array(losses), "weights1": first.weights.data, "bias1": first.bias.data,
                "weights2": second.weights.data, "bias2": second.bias.data}
    raise KeyError(name)


def mismatches(name: str, case: dict[str, Any]) -> list[str]:
    """The stored results of a case that the package does not reproduce."""
    got = package_results(name, case["inputs"])
    assert sorted(got) == sorted(case["expected"]), f"{name}: the fixture stores {sorted(case['expected'])}"
    wrong = []
    for key, expected in case["expected"].items():
        if not np.allclose(got[key], np.asarray(expected), rtol=RTOL, atol=ATOL):
            difference = np.max(np.abs(np.asarray(got[key]) - np.asarray(expected)))
            wrong.append(f"{name}.{key}: the package differs from PyTorch by up to {difference:.3g}")
    return wrong


CASES = sorted(load()["cases"])


@pytest.mark.parametrize("name", CASES)
def test_package_matches_the_recorded_pytorch_results(name: str) -> None:
    assert not mismatches(name, load()["cases"][name])


def test_the_fixture_has_every_case_and_was_recorded_by_pytorch() -> None:
    data = load()
    assert CASES == ["cross_entropy", "dense", "network", "sgd"]
    assert data["recorded_with"]["torch"], "the fixture names no PyTorch version"
    # The network really trains, so its comparison covers several different steps.
    losses = data["cases"]["network"]["expected"]["losses"]
    assert len(losses) == 3 and len(set(losses)) == 3


STORED = [(name, key) for name in CASES for key in load()["cases"][name]["expected"]]


@pytest.mark.parametrize(("name", "key"), STORED, ids=[f"{name}.{key}" for name, key in STORED])
def test_a_changed_fixture_value_fails_the_comparison(name: str, key: str) -> None:
    """Each stored result is compared: nudging one of its numbers by a millionth is caught."""
    case = copy.deepcopy(load()["cases"][name])
    values = np.asarray(case["expected"][key], dtype=np.float64)
    flat = values.reshape(-1)
    flat[flat.size // 2] *= 1 + 1e-6
    case["expected"][key] = values.tolist() if values.ndim else float(values)
    found = mismatches(name, case)
    assert len(found) == 1 and found[0].startswith(f"{name}.{key}: the package differs"), found


def test_the_fixture_is_what_pytorch_computes_now() -> None:
    """Where PyTorch is installed: recording again gives the stored inputs and results."""
    pytest.importorskip("torch", reason="torch is not installed (optional extra 'torch')")
    fresh = json.loads(json.dumps(record.record()))
    stored = load()
    for name in CASES:
        assert fresh["cases"][name]["inputs"] == stored["cases"][name]["inputs"], name
        for key, value in stored["cases"][name]["expected"].items():
            np.testing.assert_allclose(fresh["cases"][name]["expected"][key], value, rtol=1e-12, atol=1e-14,
                                       err_msg=f"{name}.{key}: run tests/golden/record.py again")
