"""Record PyTorch's results on fixed small inputs, as golden fixtures for the parity tests.

Run from the repository root, with PyTorch installed (the CPU build is enough)::

    .venv/bin/pip install torch
    .venv/bin/python tests/golden/record.py      # writes tests/golden/torch.json

``tests/test_torch_golden.py`` compares the package with the file on every test run, torch
or not; where torch is installed it also records again in memory and compares with the file,
so a fixture that PyTorch no longer reproduces, or that was edited by hand, is found.

The cases, all in float64 on inputs drawn here once and stored with the results:

* ``dense``: ``torch.nn.Linear(3, 2)`` holding a Dense layer's weights (transposed, PyTorch
  stores them ``(out, in)``): the output, and the gradients of the input, weights and bias
  for a given upstream gradient;
* ``cross_entropy``: ``torch.nn.functional.cross_entropy`` (mean over the batch) on raw
  scores and its gradient with respect to them;
* ``sgd``: five steps of ``torch.optim.SGD`` with momentum and weight decay on given
  gradients, the parameters after each step;
* ``network``: a 4-6-3 network (``Linear``, ``ReLU``, ``Linear``) trained for three steps
  on one batch with the loss above and SGD with momentum and weight decay: the loss before
  each step and the parameters after the last.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

FIXTURE = Path(__file__).resolve().parent / "torch.json"
SEED = 20261205
SGD_SETTINGS = {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}
NETWORK_SETTINGS = {"lr": 0.5, "momentum": 0.9, "weight_decay": 0.001, "steps": 3}


def inputs() -> dict[str, Any]:
    """The inputs of every case, drawn from one seeded generator."""
    rng = np.random.default_rng(SEED)
    return {
        "dense": {
            "x": rng.standard_normal((4, 3)), "weights": rng.standard_normal((3, 2)),
            "bias": rng.standard_normal(2), "grad_output": rng.standard_normal((4, 2)),
        },
        "cross_entropy": {"logits": 3 * rng.standard_normal((5, 4)), "labels": rng.integers(0, 4, 5)},
        "sgd": {"initial": rng.standard_normal(3), "grads": rng.standard_normal((5, 3)), **SGD_SETTINGS},
        "network": {
            "x": rng.standard_normal((8, 4)), "labels": rng.integers(0, 3, 8),
            "weights1": 0.5 * rng.standard_normal((4, 6)), "bias1": 0.1 * rng.standard_normal(6),
            "weights2": 0.5 * rng.standard_normal((6, 3)), "bias2": 0.1 * rng.standard_normal(3),
            **NETWORK_SETTINGS,
        },
    }


def torch_results(case: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What PyTorch computes for each case (arrays as numpy)."""
    import torch

    def tensor(array, grad=False):
        return torch.tensor(np.asarray(array), dtype=torch.float64, requires_grad=grad)

    results: dict[str, dict[str, Any]] = {}

    dense = case["dense"]
    linear = torch.nn.Linear(3, 2, dtype=torch.float64)
    with torch.no_grad():
        linear.weight.copy_(tensor(dense["weights"]).T)
        linear.bias.copy_(tensor(dense["bias"]))
    x = tensor(dense["x"], grad=True)
    output = linear(x)
    output.backward(tensor(dense["grad_output"]))
    results["dense"] = {"output": output.detach().numpy(), "grad_input": x.grad.numpy(),
                        "grad_weights": linear.weight.grad.numpy().T, "grad_bias": linear.bias.grad.numpy()}

    loss_case = case["cross_entropy"]
    logits = tensor(loss_case["logits"], grad=True)
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor(loss_case["labels"]))
    loss.backward()
    results["cross_entropy"] = {"loss": loss.item(), "grad_logits": logits.grad.numpy()}

    sgd = case["sgd"]
    parameter = torch.nn.Parameter(tensor(sgd["initial"]))
    optimizer = torch.optim.SGD([parameter], lr=sgd["lr"], momentum=sgd["momentum"],
                                weight_decay=sgd["weight_decay"])
    after = []
    for grad in sgd["grads"]:
        parameter.grad = tensor(grad)
        optimizer.step()
        after.append(parameter.detach().numpy().copy())
    results["sgd"] = {"after_each_step": np.array(after)}

    net = case["network"]
    layers = [torch.nn.Linear(4, 6, dtype=torch.float64), torch.nn.ReLU(), torch.nn.Linear(6, 3, dtype=torch.float64)]
    model = torch.nn.Sequential(*layers)
    with torch.no_grad():
        for linear, name in ((layers[0], "1"), (layers[2], "2")):
            linear.weight.copy_(tensor(net["weights" + name]).T)
            linear.bias.copy_(tensor(net["bias" + name]))
    optimizer = torch.optim.SGD(model.parameters(), lr=net["lr"], momentum=net["momentum"],
                                weight_decay=net["weight_decay"])
    losses = []
    for _ in range(net["steps"]):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(tensor(net["x"])), torch.tensor(net["labels"]))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    results["network"] = {
        "losses": np.array(losses),
        "weights1": layers[0].weight.detach().numpy().T, "bias1": layers[0].bias.detach().numpy(),
        "weights2": layers[2].weight.detach().numpy().T, "bias2": layers[2].bias.detach().numpy(),
    }
    return results


def plain(value: Any) -> Any:
    """JSON-able: arrays as nested lists (floats keep every digit: json writes repr)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def record() -> dict[str, Any]:
    """The whole fixture: for each case its inputs and PyTorch's results."""
    import torch

    case = inputs()
    expected = torch_results(case)
    return {
        "recorded_with": {"torch": torch.__version__, "numpy": np.__version__},
        "cases": {name: {"inputs": plain(case[name]), "expected": plain(expected[name])} for name in case},
    }


def main() -> int:
    try:
        data = record()
    except ImportError:
        print("record.py needs PyTorch: pip install torch (the CPU build is enough)", file=sys.stderr)
        return 1
    FIXTURE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE} (torch {data['recorded_with']['torch']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
