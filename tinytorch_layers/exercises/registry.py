"""The exercises, in book order, and where their reference solutions live."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = ["EXERCISES", "Exercise", "get_exercise"]


@dataclass(frozen=True)
class Exercise:
    """One exercise: a few functions or methods of the package for the learner to write.

    Attributes:
        name: Short name used on the command line and as the workspace file stem.
        module: The package module that holds the reference solution.
        targets: Qualified names in ``module`` the learner writes, e.g. ``"Dense.forward"``.
            Methods of one exercise belong to one class.
        chapter: Label of the book chapter the exercise belongs to.
        title: One line saying what to write.
        bug: For a find-the-bug exercise, ``(correct, planted)``: the workspace file holds
            the package's code with the text ``correct`` of the solution region replaced by
            ``planted`` (instead of ``raise NotImplementedError``), and the learner finds
            and fixes the mistake. None for an exercise written from a stub.
    """

    name: str
    module: str
    targets: tuple[str, ...]
    chapter: str
    title: str
    bug: tuple[str, str] | None = None

    kind: ClassVar[str] = "code"  # a question exercise (questions.Question) is "question"

    @property
    def filename(self) -> str:
        """The workspace file, e.g. ``matmul.py``."""
        return f"{self.name}.py"

    @property
    def class_name(self) -> str | None:
        """The class whose methods are the targets, or None for plain functions."""
        owners = {target.rpartition(".")[0] for target in self.targets}
        if owners == {""}:
            return None
        if len(owners) != 1 or "" in owners:
            raise ValueError(f"exercise {self.name}: targets must be functions or methods of one class")
        return owners.pop()

    @property
    def defined_names(self) -> tuple[str, ...]:
        """The top-level names the workspace file defines."""
        owner = self.class_name
        return (owner,) if owner else self.targets


#: Every coding exercise, in the order the book presents them (the questions are in
#: ``question_bank.QUESTIONS``, both together in ``catalogue.ALL_EXERCISES``).
EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        "matmul",
        "tinytorch_layers.matmul",
        ("matmul",),
        "matmul",
        "Matrix multiplication as three loops, with its shape check",
    ),
    Exercise(
        "dense_init",
        "tinytorch_layers.dense",
        ("Dense.__init__",),
        "dense",
        "Dense.__init__: weights (in, out) and an optional bias",
    ),
    Exercise(
        "dense_forward",
        "tinytorch_layers.dense",
        ("Dense.forward",),
        "dense",
        "Dense.forward: x @ W + b for a batch or one sample",
    ),
    Exercise(
        "dense_cost",
        "tinytorch_layers.cost",
        ("dense_parameter_count", "dense_forward_flops"),
        "dense",
        "The parameter and FLOP counts of a Dense layer",
    ),
    Exercise(
        "softmax",
        "tinytorch_layers.activations",
        ("Softmax.forward",),
        "activations",
        "Softmax.forward, max-subtracted so it cannot overflow",
    ),
    Exercise(
        "dense_backward",
        "tinytorch_layers.dense",
        ("Dense.backward",),
        "backprop",
        "Dense.backward: the gradients of W, b and x, accumulated",
    ),
    Exercise(
        "tanh_backward",
        "tinytorch_layers.activations",
        ("Tanh.backward",),
        "backprop",
        "Tanh.backward from the saved output, checked against numerical_gradient",
    ),
    Exercise(
        "sigmoid_backward",
        "tinytorch_layers.activations",
        ("Sigmoid.backward",),
        "backprop",
        "Sigmoid.backward from the saved output, derived from the forward formula",
    ),
    Exercise(
        "softmax_backward",
        "tinytorch_layers.activations",
        ("Softmax.backward",),
        "backprop",
        "Softmax.backward: the vector-Jacobian product, without forming the Jacobian",
    ),
    Exercise(
        "sequential_backward",
        "tinytorch_layers.sequential",
        ("Sequential.backward",),
        "backprop",
        "Sequential.backward: the chain rule through any modules, input_grad included",
    ),
    Exercise(
        "numerical_gradient",
        "tinytorch_layers.gradcheck",
        ("numerical_gradient",),
        "gradcheck",
        "numerical_gradient: central differences, entry by entry, in float64",
    ),
    Exercise(
        "scale_shift_bug",
        "tinytorch_layers.scale_shift",
        ("ScaleShift.backward",),
        "gradcheck",
        "Find the bug in ScaleShift.backward with a gradient check, and fix it",
        bug=("grad_rows.sum(axis=0)", "(grad_rows * scale).sum(axis=0)"),
    ),
    Exercise(
        "xavier_uniform",
        "tinytorch_layers.init",
        ("xavier_uniform",),
        "initialization",
        "Xavier (Glorot) uniform initialisation",
    ),
    Exercise(
        "he_normal",
        "tinytorch_layers.init",
        ("he_normal",),
        "initialization",
        "He (Kaiming) normal initialisation, for layers followed by ReLU",
    ),
    Exercise(
        "cross_entropy",
        "tinytorch_layers.losses",
        ("SoftmaxCrossEntropy.forward", "SoftmaxCrossEntropy.backward"),
        "training",
        "SoftmaxCrossEntropy: the loss by log-sum-exp and its gradient (s - onehot) / N",
    ),
    Exercise(
        "sgd_momentum",
        "tinytorch_layers.optim",
        ("SGD.step",),
        "training",
        "SGD.step with weight decay and momentum, PyTorch's rule",
    ),
)


def get_exercise(name: str) -> Exercise:
    """Return the exercise called ``name``.

    Raises:
        ValueError: No exercise has that name; the message lists the names there are.

    Examples:
        >>> get_exercise("dense_cost").targets
        ('dense_parameter_count', 'dense_forward_flops')
        >>> get_exercise("dense_forward").class_name
        'Dense'
    """
    for exercise in EXERCISES:
        if exercise.name == name:
            return exercise
    names = ", ".join(exercise.name for exercise in EXERCISES)
    raise ValueError(f"unknown exercise {name!r}; the exercises are: {names}")
