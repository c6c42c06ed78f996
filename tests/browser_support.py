"""Helpers shared by the notebook and browser tests: where the book is, what its chapters are,
how to read code cells out of a chapter, how to serve the HTML and how to start Chromium.

Nothing here is a test; the test modules import it.
"""

from __future__ import annotations

import contextlib
import html.parser
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK_SOURCE = ROOT / "book"
sys.path.insert(0, str(BOOK_SOURCE / "_ext"))

import myst_reading  # noqa: E402
from myst_reading import exercises  # noqa: E402
ARTIFACTS = ROOT / "_build" / "test-artifacts"

# The chapters a reader can download and run. The set is fixed by the book's plan; the tests
# check it against the toctree of the built book so a renamed or dropped chapter is noticed.
# The API reference is a page of the book but has no notebook.
NOTEBOOK_CHAPTERS = (
    "preface", "matmul", "dense", "activations", "backprop", "gradcheck", "initialization",
    "training", "performance",
)
REFERENCE_PAGES = ("api", "api-core", "api-layers", "api-training")

# Overrides the path of the Chromium binary (Debian's package installs /usr/bin/chromium).
CHROMIUM_ENV = "CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Flags that keep a headless Chromium quiet and offline on a CI machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Point the tests at an already built book (e.g. `_build/html`) instead of building one.
BOOK_HTML_ENV = "TINYTORCH_BOOK_HTML"
#: ``{page name: (bytes, requests)}`` measured by the page-weight test in this process;
#: tests/conftest.py gathers them from every worker and prints them at the end of the run.
PAGE_WEIGHTS: dict[str, tuple[int, int]] = {}


def in_ci() -> bool:
    """True when the environment variable ``CI`` is set to anything but empty/false/0."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_unless_ci(reason: str) -> None:
    """Skip the test, except in CI, where a missing prerequisite is a failure: CI never skips."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def book_html_dir(request: pytest.FixtureRequest) -> Path:
    """The built HTML: ``$TINYTORCH_BOOK_HTML`` if set, else the session's ``built_book``."""
    override = os.environ.get(BOOK_HTML_ENV)
    if override:
        path = Path(override)
        path = path if path.is_absolute() else ROOT / path
        if not (path / "index.html").is_file():
            pytest.fail(f"{BOOK_HTML_ENV}={override!r} has no index.html", pytrace=False)
        return path
    return Path(request.getfixturevalue("built_book"))


# ---------------------------------------------------------------------------------------------
# Reading the chapters' sources


def question_exercise_labels(chapter: str) -> list[str]:
    """Labels of a chapter's question exercises: ``ex-...`` exercises that the exercise
    registry does not list (nothing to write, an answer checked by an example)."""
    from tinytorch_layers.exercises.registry import EXERCISES

    source = BOOK_SOURCE / f"{chapter}.md"
    if not source.is_file():  # genindex, search: pages Sphinx makes, with no exercises
        return []
    labels = [exercise.label.removeprefix("ex-") for exercise in exercises(source.read_text(encoding="utf-8"))]
    return [label for label in labels if label not in {e.name for e in EXERCISES}]


def code_cells(md_text: str, *, solutions: bool = True) -> list[tuple[int, str]]:
    """The ``{code-cell}`` blocks of a MyST chapter as ``(line, source)``, source without options;
    with ``solutions=False`` without the cells that belong to an exercise solution.

    This is the book's own reading of the file (``myst_reading``, with the parser of the
    build), used to check what jupytext and the downloadable notebooks make of it.
    """
    return [(block.line, block.source) for block in myst_reading.code_cells(md_text, solutions=solutions)]


def solution_code(md_text: str) -> list[str]:
    """The code a chapter shows only as an exercise solution: its code cells, examples and
    code fences inside a ``{solution}`` or between ``{solution-start}`` and ``{solution-end}``."""
    return [block.source for block in myst_reading.blocks(md_text)
            if block.solution and block.kind in ("code-cell", "examples", "fence") and block.source.strip()]


def solution_only_lines(md_text: str, min_length: int = 12) -> set[str]:
    """Lines of solution code that occur nowhere else in the chapter, so that finding one in a
    notebook means the solution leaked. Short lines (``return out``) and comments are ignored."""
    in_solutions: dict[str, int] = {}
    for snippet in solution_code(md_text):
        for line in snippet.splitlines():
            in_solutions[line.strip()] = in_solutions.get(line.strip(), 0) + 1
    in_file: dict[str, int] = {}
    for line in md_text.splitlines():
        in_file[line.strip()] = in_file.get(line.strip(), 0) + 1
    return {
        line
        for line, count in in_solutions.items()
        if len(line) >= min_length and not line.startswith("#") and in_file.get(line, 0) == count
    }


# ---------------------------------------------------------------------------------------------
# Reading the built HTML


class _LinkCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, class attribute)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            attributes = dict(attrs)
            if attributes.get("href"):
                self.links.append((attributes["href"] or "", attributes.get("class") or ""))


def links(page_html: str) -> list[tuple[str, str]]:
    """Every ``<a href>`` of a page as ``(href, class)``."""
    collector = _LinkCollector()
    collector.feed(page_html)
    return collector.links


def ipynb_links(page_html: str) -> list[str]:
    """The hrefs of a page that point at a ``.ipynb`` file."""
    return [href for href, _ in links(page_html) if href.split("#")[0].split("?")[0].endswith(".ipynb")]


def toctree_pages(index_html: str) -> list[str]:
    """Page names (``matmul``) the landing page's toctree links to, in order."""
    start = index_html.find('class="toctree-wrapper')
    if start < 0:
        return []
    # The wrapper div holds one list; the first closing </div> after it ends it.
    end = index_html.find("</div>", start)
    pages = []
    for href, _cls in links(index_html[start:end]):
        page = href.split("#")[0]
        if page.endswith(".html") and "/" not in page:
            name = page.removesuffix(".html")
            if name not in pages:
                pages.append(name)
    return pages


# ---------------------------------------------------------------------------------------------
# Serving the HTML and finding Chromium


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def http_server(directory: Path, startup_timeout: float = 15.0) -> Iterator[str]:
    """Serve ``directory`` with ``python -m http.server`` on 127.0.0.1; yield its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"http.server exited with code {process.returncode} before serving")
            try:
                with urllib.request.urlopen(base_url + "index.html", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"http.server did not answer on port {port} within {startup_timeout}s")
                time.sleep(0.05)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def chromium_executable() -> str | None:
    """The Chromium binary to drive, or None when it is not installed."""
    candidate = os.environ.get(CHROMIUM_ENV, DEFAULT_CHROMIUM)
    if Path(candidate).is_file() and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which(candidate)


def artifact_path(nodeid: str, suffix: str) -> Path:
    """A file name in ``_build/test-artifacts`` derived from a test id."""
    safe = re.sub(r"[^\w.-]+", "_", nodeid).strip("_")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{safe}{suffix}"


_CHROMIUM: dict = {}


def shared_chromium(config, executable: str):
    """Start Playwright and Chromium once per process and stop them when pytest ends.

    Each browser test file has a session fixture ``browser``; Playwright's sync API cannot
    run twice in one process, so they share this one.
    """
    if "browser" not in _CHROMIUM:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _CHROMIUM["browser"] = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

        def stop() -> None:
            _CHROMIUM.pop("browser").close()
            playwright.stop()

        config.add_cleanup(stop)
    return _CHROMIUM["browser"]
