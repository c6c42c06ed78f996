"""Module: the small base class every layer and activation derives from."""

from __future__ import annotations

import pytest

from tinytorch_layers import Module, Tensor


def test_call_runs_forward():
    class AddOne(Module):
        def forward(self, x):
            return x + 1

    out = AddOne()(Tensor([1, 2]))
    assert isinstance(out, Tensor)
    assert out.data.tolist() == [2.0, 3.0]


def test_forward_must_be_overridden():
    class Forgot(Module):
        pass

    with pytest.raises(NotImplementedError, match="Forgot does not define forward"):
        Forgot()(Tensor([1.0]))


def test_defaults():
    class Identity(Module):
        def forward(self, x):
            return x

    assert Identity().parameters() == []
    assert repr(Identity()) == "Identity()"


def test_backward_must_be_overridden_and_names_the_class():
    class OnlyForward(Module):
        def forward(self, x):
            return x

    with pytest.raises(NotImplementedError, match="^OnlyForward does not define backward"):
        OnlyForward().backward(Tensor([1.0]))
