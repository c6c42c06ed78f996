"""The book's chapters under pytest, and how the test processes share the work.

Every ``book/*.md`` that is a notebook is collected with one test per code cell and per
``>>>`` example (``{code-cell} ipython3`` cells, ```` ```python ```` and ```` ```pycon ````
fences of examples, ``{doctest}`` directives, those inside exercise solutions included), run
in document order in one namespace per chapter; a failure is reported at
``book/<chapter>.md:LINE``. Two runners do this:

* ``--chapter-runner=kernel`` (the default): ``tests/chapter_runs.py`` executes each
  chapter once, in a kernel of the reader's environment, and the same execution gives the
  strict build its outputs and checks the downloadable notebook;
* ``--chapter-runner=sybil``: Sybil, in this process, with the parsers below. The mutation
  check (``mutation/run.py``) needs it, since its mutants live in the test process; it is also
  the quickest way to run one chapter's examples while writing.

``tests/test_chapter_runners.py`` checks that both find the same code cells and examples.
Package docstrings are collected separately by pytest's ``--doctest-modules`` (see
pyproject.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
BOOK_DIR = ROOT / "book"
sys.path.insert(0, str(ROOT / "tests"))

from chapter_runs import collect_chapter  # noqa: E402
from chapter_sybil import chapter_sybil  # noqa: E402

_collect_with_sybil = chapter_sybil(BOOK_DIR).pytest()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--chapter-runner", choices=("kernel", "sybil"), default="kernel",
        help="run the chapters once each in the reader's kernel (kernel, the default), or "
             "in this process with Sybil (sybil: what the mutation check uses)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix != ".md" or file_path.parent != BOOK_DIR:
        return None
    if parent.config.getoption("chapter_runner") == "sybil":
        return _collect_with_sybil(file_path, parent)
    return collect_chapter(file_path, parent)
