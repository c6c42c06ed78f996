"""SGD: the update rule by hand, against torch.optim.SGD, zero_grad, and its errors."""

from __future__ import annotations

import numpy as np
import pytest

from tinytorch_layers import SGD, Dense, Tensor

GRADIENTS = [np.array([0.5, -1.0, 2.0]), np.array([1.5, 0.0, -0.5]), np.array([-1.0, 1.0, 1.0])]


def by_hand(p0, gradients, lr, momentum, weight_decay):
    """PyTorch's documented rule (dampening 0, no Nesterov), written out with plain floats."""
    p, v = [float(x) for x in p0], None
    for grad in gradients:
        g = [float(gi) + weight_decay * pi for gi, pi in zip(grad, p)]
        if momentum:
            v = list(g) if v is None else [momentum * vi + gi for vi, gi in zip(v, g)]
            g = v
        p = [pi - lr * gi for pi, gi in zip(p, g)]
    return p


@pytest.mark.parametrize(
    ("lr", "momentum", "weight_decay"),
    [(0.1, 0.0, 0.0), (0.1, 0.9, 0.0), (0.05, 0.0, 0.01), (0.2, 0.5, 0.1)],
)
def test_step_follows_the_rule_by_hand(lr, momentum, weight_decay):
    p0 = np.array([1.0, -2.0, 0.5])
    w = Tensor(p0.copy())  # float64
    opt = SGD([w], lr=lr, momentum=momentum, weight_decay=weight_decay)
    for grad in GRADIENTS:
        w.grad = grad.copy()
        opt.step()
    np.testing.assert_allclose(w.data, by_hand(p0, GRADIENTS, lr, momentum, weight_decay), rtol=1e-14)


def test_step_does_not_change_grad_and_keeps_the_array_and_its_order():
    layer = Dense(4, 3, rng=0)  # float32 weights, column-major
    weights = layer.weights.data
    layer.weights.grad = np.asfortranarray(np.ones((4, 3), dtype=np.float32))
    layer.bias.grad = np.ones(3, dtype=np.float32)
    opt = SGD(layer.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
    opt.step()
    assert layer.weights.data is weights and weights.flags.f_contiguous
    assert np.all(layer.weights.grad == 1.0) and np.all(layer.bias.grad == 1.0)
    assert opt.velocities[0].flags.f_contiguous and opt.velocities[0].dtype == np.float32


def test_parameters_without_gradient_are_left_alone():
    a, b = Tensor([1.0]), Tensor([2.0])
    a.grad = np.array([1.0], dtype=np.float32)
    SGD([a, b], lr=1.0, momentum=0.9).step()
    assert a.data.tolist() == [0.0] and b.data.tolist() == [2.0]


def test_zero_grad_resets_every_gradient_and_backward_then_stores_afresh():
    layer = Dense(3, 2, rng=0)
    opt = SGD(layer.parameters(), lr=0.1)
    x, g = np.ones((2, 3), dtype=np.float32), np.ones((2, 2), dtype=np.float32)
    layer(x)
    layer.backward(g)
    layer.backward(g)
    assert layer.bias.grad.tolist() == [4.0, 4.0]  # accumulated
    opt.zero_grad()
    assert all(p.grad is None for p in layer.parameters())
    layer.backward(g)
    assert layer.bias.grad.tolist() == [2.0, 2.0]


def test_accepts_a_generator_of_parameters():
    layer = Dense(3, 2, rng=0)
    assert len(SGD(iter(layer.parameters()), lr=0.1).parameters) == 2


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"lr": -0.1}, ValueError, "lr must be a finite number >= 0, got -0.1"),
        ({"lr": float("nan")}, ValueError, "lr must be a finite number >= 0, got nan"),
        ({"lr": "0.1"}, TypeError, "lr must be a number, got '0.1'"),
        ({"lr": 0.1, "momentum": -0.5}, ValueError, "momentum must be a finite number >= 0"),
        ({"lr": 0.1, "momentum": True}, TypeError, "momentum must be a number, got True"),
        ({"lr": 0.1, "weight_decay": float("inf")}, ValueError, "weight_decay must be a finite"),
    ],
)
def test_bad_hyperparameters_are_refused_with_their_value(kwargs, error, words):
    with pytest.raises(error) as raised:
        SGD([Tensor([1.0])], **kwargs)
    assert words in str(raised.value)


def test_bad_parameter_lists_are_refused():
    with pytest.raises(ValueError, match="empty parameter list"):
        SGD([], lr=0.1)
    with pytest.raises(TypeError, match="parameter 1 is a ndarray"):
        SGD([Tensor([1.0]), np.ones(2)], lr=0.1)


def test_matches_torch_optim_sgd():
    torch = pytest.importorskip("torch", reason="torch is not installed (optional extra 'torch')")
    p0 = np.array([1.0, -2.0, 0.5])
    ours = Tensor(p0.copy())
    theirs = torch.nn.Parameter(torch.from_numpy(p0.copy()))
    opt = SGD([ours], lr=0.1, momentum=0.9, weight_decay=0.01)
    reference = torch.optim.SGD([theirs], lr=0.1, momentum=0.9, weight_decay=0.01)
    for grad in GRADIENTS:
        ours.grad = grad.copy()
        theirs.grad = torch.from_numpy(grad.copy())
        opt.step()
        reference.step()
    np.testing.assert_allclose(ours.data, theirs.detach().numpy(), rtol=1e-14)


def test_step_reuses_one_scratch_buffer_and_mixed_dtypes_work():
    a = Tensor(np.ones((3, 4), dtype=np.float32))
    b = Tensor(np.ones(5))  # float64
    a.grad, b.grad = np.ones((3, 4), dtype=np.float32), np.ones(5)
    opt = SGD([a, b], lr=0.5)
    opt.step()
    opt.step()
    assert np.all(a.data == 0.0) and np.all(b.data == 0.0)
    assert {d: s.size for d, s in opt._scratch.items()} == {np.dtype(np.float32): 12, np.dtype(np.float64): 5}


def test_an_empty_parameter_list_is_refused():
    with pytest.raises(ValueError, match="^SGD got an empty parameter list$"):
        SGD([], lr=0.1)


def test_a_parameter_without_a_gradient_is_skipped_and_the_next_still_updated():
    frozen, trained = Tensor([1.0]), Tensor([1.0])
    trained.grad = np.array([2.0], dtype=np.float32)
    SGD([frozen, trained], lr=0.5).step()
    assert frozen.data.tolist() == [1.0] and trained.data.tolist() == [0.0]


def test_momentum_keeps_its_own_copy_of_the_first_gradient():
    # The velocity starts as a copy: accumulating into it must not change .grad, and a later
    # change of .grad (a second backward adds to it) must not change the velocity.
    w = Tensor([0.0])
    opt = SGD([w], lr=1.0, momentum=0.5)
    w.grad = np.array([1.0], dtype=np.float32)
    opt.step()  # v = 1
    w.grad += 1.0  # .grad is now 2
    opt.step()  # v = 0.5 * 1 + 2
    assert w.grad.tolist() == [2.0] and w.data.tolist() == [-3.5]

