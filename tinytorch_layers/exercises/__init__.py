"""Exercises generated from the package itself, checked by its own doctests.

The package's code is the reference solution: the lines between ``# BEGIN SOLUTION`` and
``# END SOLUTION`` in a function are what a learner writes. A workspace file keeps the
function's signature and docstring and replaces those lines with
``raise NotImplementedError``; the checker runs the package's docstring examples against the
learner's file. There is no second copy of any solution or test to drift. Question
exercises (:mod:`.questions`) ask for values or small functions, which the checker compares
with what the package computes.

Command line::

    python -m tinytorch_layers.exercises list
    python -m tinytorch_layers.exercises start my-work
    python -m tinytorch_layers.exercises check my-work [NAME ...] [--format json]

From a notebook::

    from tinytorch_layers.exercises import check
    check("matmul", my_matmul)

Examples:
    >>> from tinytorch_layers.exercises import EXERCISES, QUESTIONS, verify_solution
    >>> [exercise.name for exercise in EXERCISES][:5]
    ['matmul', 'dense_init', 'dense_forward', 'dense_cost', 'softmax']
    >>> [exercise.name for exercise in EXERCISES][5:10]
    ['dense_backward', 'tanh_backward', 'sigmoid_backward', 'softmax_backward', 'sequential_backward']
    >>> [exercise.name for exercise in EXERCISES][10:]
    ['numerical_gradient', 'scale_shift_bug', 'xavier_uniform', 'he_normal', 'cross_entropy', 'sgd_momentum']
    >>> [question.name for question in QUESTIONS][:5]
    ['matmul_views', 'dense_predict', 'dense_port_bug', 'sigmoid_tails', 'first_layer_flops']
    >>> [question.name for question in QUESTIONS][5:]
    ['relu_kink', 'init_leaky_gain', 'stuck_loss', 'performance_intensity']
    >>> print(verify_solution("matmul"))
    matmul: passed (... examples)
"""

# Names are imported from their modules on first use. ``python -m tinytorch_layers.exercises``
# imports this file before ``__main__.py`` can drop the current folder from ``sys.path``;
# importing nothing here keeps a learner's inspect.py or random.py in that folder out.
import importlib as _importlib

_HOMES = {
    "ALL_EXERCISES": "catalogue",
    "find_exercise": "catalogue",
    "ExerciseResult": "checking",
    "Failure": "checking",
    "check_source": "checking",
    "verify_solution": "checking",
    "check": "notebook",
    "QUESTIONS": "question_bank",
    "Question": "questions",
    "EXERCISES": "registry",
    "Exercise": "registry",
    "get_exercise": "registry",
    "Listing": "source",
    "show_definition_stub": "source",
    "show_solution": "source",
    "show_stub": "source",
    "solution_lines": "source",
    "solution_source": "source",
    "stub_source": "source",
    "WorkspaceExistsError": "workspace",
    "check_workspace": "workspace",
    "write_workspace": "workspace",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
