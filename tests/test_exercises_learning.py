"""What the exercises ask of a learner: contracts to work from, derivations to check, a bug to find.

The plausible wrong answers themselves live in the corpus (``tests/exercises/answers/``,
judged by ``tests/test_exercise_answers.py``).
"""

from __future__ import annotations

import ast

import pytest

from exercise_answers import Answer, workspace_text
from tinytorch_layers.exercises import EXERCISES, check_source, get_exercise, solution_source, stub_source
from tinytorch_layers.exercises.source import reference_docstring

NAMES = [exercise.name for exercise in EXERCISES]
# Every exercise that writes a backward pass (or checks one) compares with central differences.
BACKWARD = ["dense_backward", "tanh_backward", "sigmoid_backward", "softmax_backward",
            "scale_shift_bug", "cross_entropy"]


@pytest.mark.parametrize("name", BACKWARD)
def test_backward_exercises_are_checked_against_numerical_gradient(name):
    docstrings = [reference_docstring(name, target) for target in get_exercise(name).targets]
    assert any(("numerical_gradient(" in doc and "relative_error(" in doc)
               or "backward_rules_broken(" in doc for doc in docstrings)


def _imported_names(source: str) -> set[str]:
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {alias.asname or alias.name.partition(".")[0] for alias in node.names}
    return names


def _used_names(source: str) -> set[str]:
    return {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}


@pytest.mark.parametrize("name", NAMES)
def test_a_stub_imports_no_private_helper(name):
    """The checks a stub's given code calls are public (``tinytorch_layers.checks``), documented
    in the API reference, so a learner can read what they do; none of them does the work."""
    private = {n for n in _imported_names(stub_source(name)) if n.startswith("_")}
    assert not private, f"{name}: {private}"


def test_dense_backward_stub_states_a_contract_not_the_formulas():
    stub = stub_source("dense_backward")
    for formula in ("x^\\top G", "G W^\\top", "_xt_times_g", "_g_times_wt"):
        assert formula not in stub, formula
    assert "accumulate" in stub  # what it must do is said


def test_no_stub_depends_on_a_hidden_result_name():
    """The code after the stub's raise line uses no name that only the solution defines."""
    for exercise in EXERCISES:
        if exercise.bug:
            continue
        solution, stub = solution_source(exercise), stub_source(exercise)
        assigned_in_solution = {
            target.id for node in ast.walk(ast.parse(solution)) if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)
        }
        assigned_in_stub = {
            target.id for node in ast.walk(ast.parse(stub)) if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)
        }
        hidden = (assigned_in_solution - assigned_in_stub) & _used_names(stub)
        assert not hidden, f"{exercise.name}: the stub uses {hidden}, which only the solution defines"


# ---------------------------------------------------------------- find the bug
def test_the_planted_bug_is_invisible_at_the_layers_start_and_found_by_the_check():
    exercise = get_exercise("scale_shift_bug")
    given = stub_source(exercise)
    correct, planted = exercise.bug
    assert planted in given and correct not in given
    result = check_source(exercise, given)
    assert result.status == "not started", str(result)
    assert "gradient check" in result.message
    # the same mistake, written another way, fails on an example with a trained scale
    touched = given.replace(planted, "(scale * grad_rows).sum(axis=0)")
    result = check_source(exercise, touched)
    assert result.status == "failed"
    assert "layer.scale.grad.tolist(), layer.shift.grad.tolist()" in result.failure.source
    assert result.failure.expected.strip() == "([1.0, 0.0, 4.0], [4.0, 1.5, 1.0])"


def test_the_fix_passes_and_its_line_is_the_only_secret():
    exercise = get_exercise("scale_shift_bug")
    fixed = Answer(None, exercise.name, True, "the fix", {})  # every target: the package's code
    assert check_source(exercise, workspace_text(fixed)).status == "passed"
    assert check_source(exercise, solution_source(exercise)).status == "passed"
