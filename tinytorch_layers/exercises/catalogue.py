"""Every exercise of the book, coding and question ones, in book order."""

from __future__ import annotations

from .question_bank import QUESTIONS
from .questions import Question
from .registry import EXERCISES, Exercise

__all__ = ["ALL_EXERCISES", "CHAPTERS", "find_exercise"]

#: The chapters with exercises, in the order the book presents them.
CHAPTERS = ("matmul", "dense", "activations", "backprop", "gradcheck", "initialization", "training", "performance")

#: Coding exercises and questions: chapter by chapter, the coding ones first, as each chapter has them.
ALL_EXERCISES: tuple[Exercise | Question, ...] = tuple(
    sorted(EXERCISES + QUESTIONS, key=lambda e: (CHAPTERS.index(e.chapter), e.kind != "code"))
)


def find_exercise(name: str) -> Exercise | Question:
    """The coding exercise or question called ``name``.

    Raises:
        ValueError: No exercise has that name; the message lists the names there are.

    Examples:
        >>> find_exercise("dense_predict").kind, find_exercise("dense_forward").kind
        ('question', 'code')
    """
    for exercise in ALL_EXERCISES:
        if exercise.name == name:
            return exercise
    raise ValueError(f"unknown exercise {name!r}; the exercises are: {', '.join(e.name for e in ALL_EXERCISES)}")
