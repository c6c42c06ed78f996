"""No page of the built book shows an exercise's solution outside its solution block.

The solution of an exercise is the package code between ``# BEGIN SOLUTION`` and
``# END SOLUTION`` (``solution_lines``). A chapter may show the stub (signature,
docstring, examples) before the exercise, but a listing of the solution itself would
give the answer away before the learner tries. Each book page is read as HTML, every
solution block (sphinx-exercise's ``div.solution``, collapsed on the page) is removed,
and the code blocks left must not contain a run of solution lines. The generated
source pages of ``sphinx.ext.viewcode`` (``_modules/``) show the whole package by
design and are not chapter pages.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser_support import book_html_dir
from tinytorch_layers.exercises import EXERCISES, solution_lines

# A run this long of consecutive solution lines is a leak; a shorter solution leaks
# when all of it appears.
RUN = 3


@cache
def _solutions() -> list[tuple[str, str, list[str]]]:
    """(exercise, target, solution lines) for every registered exercise."""
    return [
        (exercise.name, target, lines)
        for exercise in EXERCISES
        for target, lines in solution_lines(exercise).items()
    ]


def _split_page(html: str) -> tuple[list[list[str]], str]:
    """The lines (stripped) of each ``<pre>`` block outside solution blocks, and the
    text of the solution blocks."""
    soup = BeautifulSoup(html, "html.parser")
    # Line numbers (``:lineno-match:`` and the like) are spans inside the code's <pre>.
    for number in soup.select("span.linenos, td.linenos"):
        number.decompose()
    solutions = soup.select("div.solution")
    inside = "\n".join(block.get_text() for block in solutions)
    for block in solutions:
        block.decompose()
    outside = [[line.strip() for line in pre.get_text().splitlines()] for pre in soup.find_all("pre")]
    return outside, inside


def _contains_run(block: list[str], lines: list[str]) -> bool:
    """Whether ``block`` holds ``RUN`` consecutive lines of ``lines`` (all, if fewer), in order."""
    size = min(RUN, len(lines))
    code = [line for line in block if line]
    windows = {tuple(lines[i : i + size]) for i in range(len(lines) - size + 1)}
    return any(tuple(code[i : i + size]) in windows for i in range(len(code) - size + 1))


def leaked_solutions(page: str, html: str | list[list[str]]) -> list[str]:
    """Which exercise targets' solutions a page (its HTML, or its code blocks outside
    solution blocks) shows outside solution blocks."""
    blocks = _split_page(html)[0] if isinstance(html, str) else html
    return [
        f"{page}: the solution of exercise {name} ({target}) is shown outside its solution block"
        for name, target, lines in _solutions()
        if any(_contains_run(block, lines) for block in blocks)
    ]


def _book_pages(built: Path) -> list[Path]:
    return sorted(built.glob("*.html"))  # top level only: not _modules/ (viewcode)


@pytest.fixture(scope="module")
def book_pages(request: pytest.FixtureRequest) -> dict[str, tuple[list[list[str]], str]]:
    """Each page of the suite's one book build (or ``$TINYTORCH_BOOK_HTML``), parsed once."""
    built = book_html_dir(request)
    return {page.name: _split_page(page.read_text(encoding="utf-8")) for page in _book_pages(built)}


def test_solution_no_page_shows_an_exercise_solution_outside_its_block(book_pages) -> None:
    leaks = [leak for name, (outside, _) in book_pages.items() for leak in leaked_solutions(name, outside)]
    assert not leaks, "\n".join(leaks)


def test_solution_every_exercise_has_its_solution_block_on_its_page(book_pages) -> None:
    """The check above is only meaningful if the solutions are where it looks for them."""
    for exercise in EXERCISES:
        inside = book_pages[f"{exercise.chapter}.html"][1]
        for target, lines in solution_lines(exercise).items():
            assert lines[-1] in inside, f"{exercise.chapter}.html: no solution block shows {target}"


# --- The check itself, on fixture pages ----------------------------------------------

def _numbered(code: str, first: int = 191) -> str:
    """Code as Sphinx renders a listing with line numbers: a span per number, inside the <pre>."""
    return "\n".join(
        f'<span class="linenos">{first + i}</span>{line}' for i, line in enumerate(code.splitlines())
    )


def _page(listing: str, solution: str = "") -> str:
    return (
        "<html><body><h1>Fixture</h1>"
        f'<div class="highlight"><pre>{listing}</pre></div>'
        '<div class="exercise admonition"><p>Write matmul.</p></div>'
        f'<div class="solution dropdown admonition"><pre>{solution}</pre></div>'
        "</body></html>"
    )


@pytest.fixture(scope="module")
def matmul_solution() -> str:
    return "\n".join("    " + line for line in solution_lines("matmul")["matmul"])


def test_solution_check_fails_when_a_listing_shows_the_solution(matmul_solution) -> None:
    leaks = leaked_solutions("fixture.html", _page(matmul_solution))
    assert leaks == [
        "fixture.html: the solution of exercise matmul (matmul) is shown outside its solution block"
    ]


def test_solution_check_fails_on_a_listing_with_line_numbers(matmul_solution) -> None:
    assert leaked_solutions("fixture.html", _page(_numbered(matmul_solution)))


def test_solution_check_fails_on_part_of_a_solution(matmul_solution) -> None:
    loops = "\n".join(line for line in matmul_solution.splitlines() if "range(" in line)
    assert leaked_solutions("fixture.html", _page(loops))


def test_solution_check_passes_when_the_solution_is_only_in_its_block(matmul_solution) -> None:
    stub = 'def matmul(A, B):\n    raise NotImplementedError("exercise matmul: write matmul here")'
    assert leaked_solutions("fixture.html", _page(stub, solution=matmul_solution)) == []
