"""The shape every content chapter promises: tested examples in its prose, a Summary, and
its exercises at the end."""

from __future__ import annotations

import re

import pytest

from book_build import BOOK_SOURCE
from tinytorch_layers.exercises.registry import CONCEPT_EXERCISES, EXERCISES

CONTENT_CHAPTERS = ["matmul", "dense", "initialization", "activations", "performance"]
MIN_EXAMPLES = 5


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
    # The coding exercises first, then the conceptual ones, each in registry order.
    expected_exercises = [e.name for e in (*EXERCISES, *CONCEPT_EXERCISES) if e.chapter == chapter]
    if expected_exercises:
        assert headings[-2:] == ["Summary", "Exercises"], f"book/{chapter}.md ends with {headings[-2:]}"
        labels = re.findall(r"^:label: ex-(\w+)$", text, flags=re.MULTILINE)
        assert labels == expected_exercises, (
            f"book/{chapter}.md has exercises {labels}; the registry lists {expected_exercises}"
        )
    else:
        assert headings[-1] == "Summary", f"book/{chapter}.md ends with {headings[-1]!r}"
