"""The shape every content chapter promises: tested examples in its prose, a Summary, and
its exercises at the end."""

from __future__ import annotations

import pytest

from book_build import BOOK_SOURCE
from myst_reading import blocks, exercises, headings
from tinytorch_layers.exercises.registry import EXERCISES

CONTENT_CHAPTERS = [
    "matmul", "dense", "activations", "backprop", "gradcheck", "initialization", "training",
    "performance",
]
MIN_EXAMPLES = 5
# Coding exercises have a workspace file and live in the registry; any other exercise in
# a chapter is conceptual (predict, count, derive, find the bug), answered in its solution.
CODING_EXERCISES = {exercise.name for exercise in EXERCISES}
# Every content chapter has at least one conceptual exercise.
CHAPTERS_WITH_CONCEPTUAL_EXERCISES = CONTENT_CHAPTERS


def examples_in(text: str, first: int = 1, last: int | None = None) -> int:
    """How many ``>>>`` examples the chapter's lines ``first`` to ``last`` hold."""
    return sum(1 for block in blocks(text) if block.kind == "examples"
               for example in block.examples() if first <= example.lineno <= (last or example.lineno))


def conceptual_exercises(text: str) -> dict[str, int]:
    """``{label: examples in its solution}`` for each exercise of ``text`` that is not in the
    registry (0 when it has no solution)."""
    found = {}
    for exercise in exercises(text):
        label = exercise.label.removeprefix("ex-")
        if label not in CODING_EXERCISES:
            found[label] = examples_in(text, *exercise.solution) if exercise.solution else 0
    return found


def chapter_text(chapter: str) -> str:
    return (BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter", CONTENT_CHAPTERS)
def test_prose_has_enough_doctest_examples(chapter: str) -> None:
    text = chapter_text(chapter)
    exercises_start = next((line for level, title, line in headings(text) if (level, title) == (2, "Exercises")), None)
    count = examples_in(text, 1, exercises_start or len(text.splitlines()))
    assert count >= MIN_EXAMPLES, (
        f"book/{chapter}.md has {count} >>> examples before its exercises; "
        f"a content chapter needs at least {MIN_EXAMPLES}"
    )


@pytest.mark.parametrize("chapter", CONTENT_CHAPTERS)
def test_chapter_ends_with_summary_then_its_exercises(chapter: str) -> None:
    text = chapter_text(chapter)
    sections = [title for level, title, _ in headings(text) if level == 2]
    expected_exercises = [e.name for e in EXERCISES if e.chapter == chapter]
    labels = [exercise.label.removeprefix("ex-") for exercise in exercises(text)]
    if expected_exercises or labels:  # a chapter may have conceptual exercises only
        assert sections[-2:] == ["Summary", "Exercises"], f"book/{chapter}.md ends with {sections[-2:]}"
        coding = [label for label in labels if label in CODING_EXERCISES]
        assert coding == expected_exercises, (
            f"book/{chapter}.md has exercises {coding}; the registry lists {expected_exercises}"
        )
    else:
        assert sections[-1] == "Summary", f"book/{chapter}.md ends with {sections[-1]!r}"


@pytest.mark.parametrize("chapter", CHAPTERS_WITH_CONCEPTUAL_EXERCISES)
def test_chapter_has_a_conceptual_exercise_checked_by_doctests(chapter: str) -> None:
    found = conceptual_exercises(chapter_text(chapter))
    assert found, f"book/{chapter}.md has no conceptual exercise (one outside the registry)"
    for label, examples in found.items():
        assert examples, f"book/{chapter}.md: the solution of ex-{label} has no >>> example to check it"


def test_a_conceptual_solution_without_a_doctest_is_found():
    def exercise(label: str) -> str:
        return f"```{{exercise-start}} Question\n:label: ex-{label}\n```\nWhy?\n```{{exercise-end}}\n```\n"

    checked = "```{solution-start} ex-a\n:class: dropdown\n```\n```python\n>>> 1 + 1\n2\n```\n```{solution-end}\n```\n"
    prose_only = "```{solution-start} ex-b\n:class: dropdown\n```\nTwo.\n```{solution-end}\n```\n"
    found = conceptual_exercises(exercise("a") + checked + exercise("b") + prose_only)
    assert found == {"a": 1, "b": 0}
