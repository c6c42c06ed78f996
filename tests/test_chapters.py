"""The shape every content chapter promises: tested examples in its prose, a Summary, and
its exercises at the end."""

from __future__ import annotations

import re

import pytest

from book_build import BOOK_SOURCE
from tinytorch_layers.exercises.registry import EXERCISES

CONTENT_CHAPTERS = [
    "matmul", "dense", "activations", "backprop", "gradcheck", "initialization", "training",
    "performance",
]
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
    expected_exercises = [e.name for e in EXERCISES if e.chapter == chapter]
    # Question exercises (no code to write, e.g. ex-relu-kink) may sit beside the registry's.
    if expected_exercises or "Exercises" in headings:
        assert headings[-2:] == ["Summary", "Exercises"], f"book/{chapter}.md ends with {headings[-2:]}"
        registry_names = {e.name for e in EXERCISES}
        labels = [
            label
            for label in re.findall(r"^:label: ex-([\w-]+)$", text, flags=re.MULTILINE)
            if label in registry_names
        ]
        assert labels == expected_exercises, (
            f"book/{chapter}.md has exercises {labels}; the registry lists {expected_exercises}"
        )
    else:
        assert headings[-1] == "Summary", f"book/{chapter}.md ends with {headings[-1]!r}"
