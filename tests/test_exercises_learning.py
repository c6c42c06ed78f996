"""The learning exercises (backward passes, the loss, SGD): plausible mistakes fail them.

Each wrong solution is the reference source with one textual change, asserted to apply,
as in tests/test_exercises.py; each must fail its own exercise at the example named.
"""

from __future__ import annotations

import pytest

from tinytorch_layers.exercises import check_source, get_exercise, solution_source, stub_source

LEARNING = ["dense_backward", "tanh_backward", "cross_entropy", "sgd_momentum"]


def changed(source: str, old: str, new: str) -> str:
    assert old in source, f"{old!r} is no longer in the reference source: update this test"
    return source.replace(old, new)


# (id, exercise, old, new, a fragment of the first failing example's code)
WRONG_SOLUTIONS = [
    # dW = G.T @ x has the transposed shape
    ("dense-backward-dw-transposed", "dense_backward",
     "grad_w = _xt_times_g(x_rows, grad_rows, like=w)  # x.T @ G",
     "grad_w = np.dot(grad_rows.T, x_rows)", "layer.backward(Tensor([[1, 2], [0, 1]]))"),
    # dx = G @ W (no transpose): shapes do not fit unless W is square
    ("dense-backward-dx-no-transpose", "dense_backward",
     "grad_x = _g_times_wt(grad_rows, w, like=x_rows)", "grad_x = np.dot(grad_rows, w)",
     "layer.backward(Tensor([[1, 2], [0, 1]]))"),
    # the bias gradient averaged instead of summed
    ("dense-backward-bias-mean", "dense_backward", "grad_rows.sum(axis=0)", "grad_rows.mean(axis=0)",
     "layer.bias.grad.tolist()"),
    # gradients overwritten instead of accumulated
    ("dense-backward-overwrites", "dense_backward",
     "self.bias.accumulate_grad(grad_rows.sum(axis=0))",
     "self.bias.grad = grad_rows.sum(axis=0).astype(self.bias.dtype)", "accumulated"),
    # forgetting the 1-D case: returns (1, in) for one sample
    ("dense-backward-keeps-batch-axis", "dense_backward",
     "return Tensor._wrap(grad_x.reshape(x.shape))", "return Tensor._wrap(grad_x)",
     "layer.backward(Tensor([1, 0]))"),
    # an upstream gradient of ones hides it; the check against numerical_gradient does not
    ("tanh-backward-forgets-chain-rule", "tanh_backward",
     "grad * (1 - out * out)", "(1 - out * out)", "print(np.round(grad.data, 4))"),
    # the derivative written in terms of x, 1 - x^2, with the output taken for x: only
    # inputs away from 0 and +-inf show it
    ("tanh-backward-derivative-of-wrong-thing", "tanh_backward",
     "grad * (1 - out * out)", "grad * (1 - out)", "tanh.backward(Tensor([1.0, 1.0, 1.0]))"),
    ("cross-entropy-no-max-subtraction", "cross_entropy",
     "shifted = z - z.max(axis=1, keepdims=True)", "shifted = z", "1000.0"),
    ("cross-entropy-sum-not-mean", "cross_entropy",
     "float(-log_probs_of_labels.mean())", "float(-log_probs_of_labels.sum())", "np.array([0, 1])"),
    ("cross-entropy-backward-not-divided", "cross_entropy",
     "        grad /= len(labels)\n", "", "loss_fn.backward().data.tolist()"),
    ("cross-entropy-backward-no-onehot", "cross_entropy",
     "        grad[np.arange(len(labels)), labels] -= 1\n", "", "loss_fn.backward().data.tolist()"),
    # the input gradient computed even when not asked for
    ("dense-backward-ignores-input-grad", "dense_backward",
     "        if not input_grad:\n            return None\n", "", "input_grad=False"),
    ("sgd-velocity-aliases-grad", "sgd_momentum",
     'np.array(grad, order="K", copy=True)', "grad", "(-2.5, [1.0])"),
    ("sgd-weight-decay-subtracted", "sgd_momentum",
     "grad + self.weight_decay * parameter.data", "grad - self.weight_decay * parameter.data",
     "decayed.data[0]"),
    ("sgd-momentum-dampened", "sgd_momentum", "velocity += grad", "velocity += (1 - self.momentum) * grad",
     "opt.velocities[0]"),
    ("sgd-weight-decay-in-place", "sgd_momentum",
     "grad = grad + self.weight_decay * parameter.data  # a new array: .grad stays",
     "grad += self.weight_decay * parameter.data", "decayed.grad.tolist()"),
]


@pytest.mark.parametrize(
    ("exercise", "old", "new", "where"),
    [case[1:] for case in WRONG_SOLUTIONS],
    ids=[case[0] for case in WRONG_SOLUTIONS],
)
def test_a_plausible_wrong_solution_fails_its_exercise(exercise, old, new, where):
    result = check_source(exercise, changed(solution_source(exercise), old, new))
    assert result.status == "failed", str(result)
    assert where in result.failure.source or where in result.failure.expected, str(result)


@pytest.mark.parametrize("name", LEARNING)
def test_reference_passes_stub_is_not_started_and_examples_compare_with_numerical_gradient(name):
    assert check_source(name, solution_source(name)).status == "passed"
    assert check_source(name, stub_source(name)).status == "not started"
    exercise = get_exercise(name)
    assert exercise.chapter in {"backprop", "training"}


def test_at_least_one_exercise_is_checked_against_numerical_gradient():
    from tinytorch_layers.exercises.source import reference_docstring

    checked = [name for name in LEARNING
               for target in get_exercise(name).targets
               if "numerical_gradient(" in reference_docstring(name, target)]
    assert {"dense_backward", "tanh_backward", "cross_entropy"} <= set(checked)
