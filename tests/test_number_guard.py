"""The numbers guard: every number in the book's running text is glued or registered.

A number typed into the prose can drift from what the code computes. So every number
the chapters state in running text (see ``tests/prose_numbers.py`` for what counts as
running text and as a number, number words from "four" up included) must either be
glued from a cell with ``{glue:text}`` (then it is not in the text at all) or be
covered by an entry of ``book/_numbers.toml`` that says why it may stand; an entry for a
claim names the line of code that checks it, and that line must be in the chapter.

Run the guard alone with ``python -m pytest tests/test_number_guard.py -q``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book_build import BOOK_SOURCE, JUPYTEXT_HEADER
from prose_numbers import REGISTRY_NAME, RegistryError, check_book, find_numbers, load_registry


@pytest.fixture(scope="module")
def book_chapters() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(BOOK_SOURCE.glob("*.md"))}


def test_guard_every_number_in_the_book_is_glued_or_registered(book_chapters) -> None:
    report = check_book(book_chapters, load_registry(BOOK_SOURCE / REGISTRY_NAME))
    assert not report, report.message()


# --- The guard itself, on fixture chapters ------------------------------------------

FIXTURE = (
    JUPYTEXT_HEADER
    + """
(fixture)=
# A fixture chapter

A Dense layer with 784 inputs.
Doubling n multiplies the work by eight, and the layer
has 401,920 parameters.

```{code-cell} ipython3
x = 12345  # code is not prose
```

The glued count {glue:text}`count` and `inline 99` and $x_{42}$ are not prose.
"""
)


def _registry(tmp_path: Path, text: str) -> dict:
    path = tmp_path / REGISTRY_NAME
    path.write_text(text, encoding="utf-8")
    return load_registry(path)


def test_guard_fails_on_an_unregistered_result_naming_chapter_and_line(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        '[[fixture]]\nphrase = "784 inputs"\nkind = "definition"\nreason = "MNIST images"\n',
    )
    report = check_book({"fixture": FIXTURE}, registry)
    assert [(f.chapter, f.line, f.number) for f in report.unregistered] == [
        ("fixture", 17, "eight"),
        ("fixture", 18, "401,920"),
    ]
    message = report.message()
    assert "book/fixture.md:17: 'eight'" in message
    assert "book/fixture.md:18: '401,920'" in message
    assert "glue a computed result from a cell" in message and "_numbers.toml" in message
    assert '[[fixture]]\nphrase = "work by eight, and the"' in message


def test_guard_passes_when_every_number_is_registered_and_claims_are_checked(tmp_path) -> None:
    source = FIXTURE + "\n```python\n>>> dense_parameter_count(784, 512)\n401920\n```\n"
    registry = _registry(
        tmp_path,
        """
[[fixture]]
phrase = "784 inputs"
kind = "definition"
reason = "MNIST images"

[[fixture]]
phrase = "by eight"
kind = "claim"
reason = "the product does n**3 multiply-adds"
check = "x = 12345  # code is not prose"

[[fixture]]
phrase = "401,920 parameters"
kind = "claim"
reason = "784 * 512 + 512"
check = ">>> dense_parameter_count(784, 512)"
""",
    )
    report = check_book({"fixture": source}, registry)
    assert not report, report.message()


def test_guard_reports_a_claim_whose_check_is_not_in_the_chapter(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        """
[[fixture]]
phrase = "784 inputs"
kind = "definition"
reason = "MNIST images"

[[fixture]]
phrase = "by eight"
kind = "claim"
reason = "n**3"
check = ">>> work(2 * n) / work(n)"

[[fixture]]
phrase = "401,920"
kind = "definition"
reason = "a stand-in"
""",
    )
    report = check_book({"fixture": FIXTURE}, registry)
    assert not report.unregistered
    assert len(report.unchecked) == 1 and "work(2 * n) / work(n)" in report.unchecked[0]


def test_guard_reports_stale_entries_and_a_phrase_covers_only_its_own_number(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        """
[[fixture]]
phrase = "784 multiplications"
kind = "definition"
reason = "not in the text"
""",
    )
    report = check_book({"fixture": FIXTURE}, registry)
    assert "784" in [f.number for f in report.unregistered]
    assert report.unused == ["[[fixture]] '784 multiplications'"]


def test_guard_registry_claims_must_name_their_check(tmp_path) -> None:
    with pytest.raises(RegistryError, match="is a claim: name the code that checks it"):
        _registry(tmp_path, '[[fixture]]\nphrase = "by eight"\nkind = "claim"\nreason = "n**3"\n')


def test_guard_reads_prose_inside_directives_but_not_their_options() -> None:
    source = (
        "# T\n\n```{note}\n:class: dropdown 7\n\nThe inner text says 13.\n```\n\n"
        ":::{tip}\nColon fences too: 14\n:::\n\n% a comment with 5\n\n$$\nx = 2\n$$\n\n"
        "See [the 2016 book](https://example.org/9) and <https://example.org/10>.\n"
    )
    found = [(f.line, f.number) for f in find_numbers("t", source)]
    assert found == [(6, "13"), (10, "14"), (19, "2016")]


def test_guard_reads_figure_captions_and_alt_text_of_code_cells() -> None:
    source = (
        "# T\n\n```{code-cell} ipython3\n---\nmystnb:\n  image:\n    alt: \"A plot of 25 layers\"\n"
        "  figure:\n    caption: \"Twelve curves\"\n    name: fig-x\n---\nx = 99\n```\n"
    )
    assert [(f.line, f.number) for f in find_numbers("t", source)] == [(7, "25"), (9, "Twelve")]
