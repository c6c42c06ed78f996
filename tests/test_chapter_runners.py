"""The two chapter runners run the same things, and the kernel runner judges examples as
doctest does.

``scripts/test.sh`` runs the chapters in the reader's kernel (``tests/chapter_runs.py``); the
mutation check runs them in its own process with Sybil (``tests/chapter_sybil.py``). A code
cell or an example that one runs and the other does not would be checked by one and not the
other; so both must find the same ones, at the same lines.
"""

from __future__ import annotations

import doctest

import pytest

from book_build import BOOK_SOURCE
from chapter_runs import Step, judge, notebook_chapters, plan
from chapter_sybil import chapter_sybil
from sybil.evaluators.skip import Skipper

CHAPTERS = [path.stem for path in notebook_chapters(BOOK_SOURCE)]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_both_runners_find_the_same_cells_and_examples(chapter: str) -> None:
    path = BOOK_SOURCE / f"{chapter}.md"
    by_sybil = [example.line for example in chapter_sybil(BOOK_SOURCE).parse(path).examples()
                if not isinstance(example.region.evaluator, Skipper)]  # the "% skip:" comments
    by_kernel = [step.line for step in plan(path)[1]]
    assert by_kernel, f"{path.name}: the runner found nothing to run"
    assert sorted(by_kernel) == by_sybil, (
        f"{path.name}: only Sybil runs lines {sorted(set(by_sybil) - set(by_kernel))}, "
        f"only the kernel runner lines {sorted(set(by_kernel) - set(by_sybil))}"
    )


def test_a_notebook_chapter_is_missing_from_neither_list() -> None:
    assert "matmul" in CHAPTERS and "api" not in CHAPTERS  # api.md is a plain page


def example(source: str, want: str = "", exc_msg: str | None = None, **options: bool) -> Step:
    flags = {doctest.OPTIONFLAGS_BY_NAME[name]: on for name, on in options.items()}
    return Step("line:1", 1, "example", False, source, want=want, exc_msg=exc_msg, options=flags)


def test_an_example_is_judged_as_doctest_judges_it() -> None:
    assert judge(example("1 + 1\n", "2\n"), {"got": "2\n"}) is None
    verdict = judge(example("1 + 1\n", "3\n"), {"got": "2\n"})
    assert verdict.startswith("Failed example:\n    1 + 1") and "Expected:\n    3\nGot:\n    2" in verdict
    # The book's flags: ELLIPSIS and NORMALIZE_WHITESPACE.
    assert judge(example("x\n", "[1, ...]\n"), {"got": "[1, 2, 3]\n"}) is None
    assert judge(example("x\n", "(1,\n 2)\n"), {"got": "(1, 2)\n"}) is None
    # Per-example options switch them off.
    assert judge(example("x\n", "[1, ...]\n", ELLIPSIS=False), {"got": "[1, 2, 3]\n"}) is not None


def test_an_exception_is_judged_by_its_last_line() -> None:
    raised = {"got": "", "exc_msg": "ValueError: bad shape (2, 3)\n",
              "traceback": "Traceback (most recent call last):\n...\nValueError: bad shape (2, 3)\n"}

    def expecting(exc_msg: str, **options: bool) -> Step:
        return example("f()\n", f"Traceback (most recent call last):\n...\n{exc_msg}", exc_msg, **options)

    assert judge(expecting("ValueError: bad shape ...\n"), raised) is None
    assert "Expected:" in judge(expecting("TypeError: bad shape (2, 3)\n"), raised)
    assert judge(expecting("ValueError: other\n"), raised) is not None
    assert judge(expecting("ValueError: other\n", IGNORE_EXCEPTION_DETAIL=True), raised) is None
    unexpected = judge(example("f()\n", "None\n"), raised)
    assert "Exception raised:" in unexpected and "ValueError: bad shape (2, 3)" in unexpected


def test_sybil_runs_a_cell_at_the_chapters_own_lines(tmp_path) -> None:
    """A cell with options (``:tags:`` and the blank line after it) runs at the lines it has in
    the chapter, so ``inspect.getsource`` finds a function it defines: the chapters' closing
    ``check`` cells read their functions so (they once read the chapter's first line instead)."""
    chapter = tmp_path / "chapter.md"
    chapter.write_text(
        "# A chapter\n\n"
        "```{code-cell} ipython3\n:tags: [remove-cell]\n\nimport inspect\n\n\ndef here():\n    return 1\n```\n\n"
        "```{code-cell} ipython3\nsource = inspect.getsource(here)\nline = here.__code__.co_firstlineno\n```\n",
        encoding="utf-8",
    )
    document = chapter_sybil(tmp_path).parse(chapter)
    for found in document.examples():
        found.evaluate()
    assert document.namespace["source"] == "def here():\n    return 1\n"
    assert document.namespace["line"] == chapter.read_text(encoding="utf-8").splitlines().index("def here():") + 1
