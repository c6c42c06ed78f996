"""Exercises generated from the package itself, checked by its own doctests.

The package's code is the reference solution: the lines between ``# BEGIN SOLUTION`` and
``# END SOLUTION`` in a function are what a learner writes. A workspace file keeps the
function's signature and docstring and replaces those lines with
``raise NotImplementedError``; the checker runs the package's docstring examples against the
learner's file. There is no second copy of any solution or test to drift.

Command line::

    python -m tinytorch_layers.exercises list
    python -m tinytorch_layers.exercises start my-work
    python -m tinytorch_layers.exercises check my-work [NAME ...]

Examples:
    >>> [exercise.name for exercise in EXERCISES][:5]
    ['matmul', 'dense_init', 'dense_forward', 'dense_cost', 'softmax']
    >>> [exercise.name for exercise in EXERCISES][5:10]
    ['dense_backward', 'tanh_backward', 'sigmoid_backward', 'softmax_backward', 'sequential_backward']
    >>> [exercise.name for exercise in EXERCISES][10:]
    ['numerical_gradient', 'scale_shift_bug', 'xavier_uniform', 'he_normal', 'cross_entropy', 'sgd_momentum']
    >>> print(verify_solution("matmul"))
    matmul: passed (... examples)
"""

from .checking import ExerciseResult, Failure, check_source, verify_solution
from .registry import EXERCISES, Exercise, get_exercise
from .source import (
    Listing,
    show_definition_stub,
    show_solution,
    show_stub,
    solution_lines,
    solution_source,
    stub_source,
)
from .workspace import WorkspaceExistsError, check_workspace, write_workspace

__all__ = [
    "EXERCISES",
    "Exercise",
    "ExerciseResult",
    "Failure",
    "Listing",
    "WorkspaceExistsError",
    "check_source",
    "check_workspace",
    "get_exercise",
    "show_definition_stub",
    "show_solution",
    "show_stub",
    "solution_lines",
    "solution_source",
    "stub_source",
    "verify_solution",
    "write_workspace",
]
