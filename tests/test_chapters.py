"""The shape every content chapter promises: tested examples in its prose, a Summary, and
its exercises at the end."""

from __future__ import annotations

import re

import pytest

from book_build import BOOK_SOURCE
from tinytorch_layers.exercises.registry import EXERCISES

CONTENT_CHAPTERS = ["matmul", "dense", "initialization", "activations", "performance"]
MIN_EXAMPLES = 5
# Coding exercises have a workspace file and live in the registry; any other exercise in
# a chapter is conceptual (predict, count, derive, find the bug), answered in its solution.
CODING_EXERCISES = {exercise.name for exercise in EXERCISES}
# Chapters whose conceptual exercises are in place (issue 10 asks for one in every chapter).
CHAPTERS_WITH_CONCEPTUAL_EXERCISES = ["dense", "initialization", "activations"]


def conceptual_exercises(text: str) -> dict[str, str]:
    """``{label: solution text}`` for each exercise of ``text`` that is not in the registry.

    The solution text is what lies between the ``{solution-start}`` directive's options and
    its ``{solution-end}``; it is empty when the exercise has no gated solution.
    """
    found = {}
    for label in re.findall(r"^:label: ex-(\w+)$", text, flags=re.MULTILINE):
        if label in CODING_EXERCISES:
            continue
        solution = re.search(
            rf"^```{{solution-start}} ex-{label}\n(.*?)^```{{solution-end}}",
            text, flags=re.MULTILINE | re.DOTALL,
        )
        found[label] = "" if solution is None else solution.group(1).split("```\n", 1)[-1].strip()
    return found


def prose_before_exercises(chapter: str) -> str:
    text = (BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8")
    return text.split("\n## Exercises\n", 1)[0]


@pytest.mark.parametrize("chapter", CONTENT_CHAPTERS)
def test_prose_has_enough_doctest_examples(chapter: str) -> None:
    examples = re.findall(r"^>>> ", prose_before_exercises(chapter), flags=re.MULTILINE)
    assert len(examples) >= MIN_EXAMPLES, (
        f"book/{chapter}.md has {len(examples)} >>> examples before its exercises; "
        f"a content chapter needs at least {MIN_EXAMPLES}"
    )


@pytest.mark.parametrize("chapter", CONTENT_CHAPTERS)
def test_chapter_ends_with_summary_then_its_exercises(chapter: str) -> None:
    text = (BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    expected_exercises = [e.name for e in EXERCISES if e.chapter == chapter]
    if expected_exercises:
        assert headings[-2:] == ["Summary", "Exercises"], f"book/{chapter}.md ends with {headings[-2:]}"
        labels = re.findall(r"^:label: ex-(\w+)$", text, flags=re.MULTILINE)
        coding = [label for label in labels if label in CODING_EXERCISES]
        assert coding == expected_exercises, (
            f"book/{chapter}.md has exercises {coding}; the registry lists {expected_exercises}"
        )
    else:
        assert headings[-1] == "Summary", f"book/{chapter}.md ends with {headings[-1]!r}"


@pytest.mark.parametrize("chapter", CHAPTERS_WITH_CONCEPTUAL_EXERCISES)
def test_chapter_has_a_conceptual_exercise_checked_by_doctests(chapter: str) -> None:
    text = (BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8")
    found = conceptual_exercises(text)
    assert found, f"book/{chapter}.md has no conceptual exercise (one outside the registry)"
    for label, solution in found.items():
        assert re.search(r"^>>> ", solution, flags=re.MULTILINE), (
            f"book/{chapter}.md: the solution of ex-{label} has no >>> example to check it"
        )


def test_a_conceptual_solution_without_a_doctest_is_found():
    checked = "```{solution-start} ex-a\n:class: dropdown\n```\n```python\n>>> 1 + 1\n2\n```\n```{solution-end}\n```\n"
    prose_only = "```{solution-start} ex-b\n:class: dropdown\n```\nTwo.\n```{solution-end}\n```\n"
    text = ":label: ex-a\n" + checked + ":label: ex-b\n" + prose_only
    found = conceptual_exercises(text)
    assert re.search(r"^>>> ", found["a"], flags=re.MULTILINE)
    assert not re.search(r"^>>> ", found["b"], flags=re.MULTILINE)
