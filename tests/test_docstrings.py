"""Every public class and function documents itself with a runnable example."""

from __future__ import annotations

import inspect

import pytest

import tinytorch_layers
from tinytorch_layers import Dense, Tensor

# Module-level data (a dtype, a dict) carries the docstring of its type, not its own; it
# is documented with ``#:`` comments that autodoc reads. Listed by name so that a new
# public function cannot slip past the check below.
DATA_NAMES = {"DEFAULT_DTYPE", "INITIALIZERS"}
DOCUMENTED = sorted(set(tinytorch_layers.__all__) - DATA_NAMES)


def test_data_names_are_really_data():
    for name in DATA_NAMES:
        obj = getattr(tinytorch_layers, name)
        assert not (inspect.isclass(obj) or inspect.isfunction(obj)), name


def test_all_lists_only_real_names():
    for name in tinytorch_layers.__all__:
        assert hasattr(tinytorch_layers, name), name


@pytest.mark.parametrize("name", DOCUMENTED)
def test_public_name_has_docstring_with_example(name):
    obj = getattr(tinytorch_layers, name)
    assert inspect.isclass(obj) or inspect.isfunction(obj), name
    doc = inspect.getdoc(obj) or ""
    assert ">>>" in doc, f"{name} has no >>> example in its docstring"
    assert doc.splitlines()[0].strip(), f"{name} needs a one-line summary first"


@pytest.mark.parametrize(
    "member", ["forward", "backward", "parameters", "parameter_count", "forward_flops", "memory_bytes"]
)
def test_dense_members_have_examples(member):
    assert ">>>" in (inspect.getdoc(getattr(Dense, member)) or "")


@pytest.mark.parametrize("member", ["shape", "dtype", "ndim", "size", "numpy"])
def test_tensor_members_have_docstrings(member):
    assert inspect.getdoc(getattr(Tensor, member))
