"""Shared fixtures: the strictly built book, built once per test run.

The suite runs in two processes (``pytest -n 2``, see ``scripts/test.sh``); the first
worker that needs the book builds it, under a file lock, and the other reuses that
build and its result. The build executes nothing: it renders the outputs of the chapter
runs of this test run (``tests/chapter_runs.py``), which either process may have made.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from browser_support import PAGE_WEIGHTS
from book_build import (
    BOOK_SOURCE,
    REPO_ROOT,
    TEST_BUILD_DIR,
    build_environment,
    strict_build_command,
    without_kernel_noise,
)
from chapter_runs import cache_folder, notebook_chapters, run_every_chapter, shared_folder


def _cached_chapters(cache: Path) -> dict[int, str]:
    from jupyter_cache import get_cache

    return {record.pk: Path(record.uri).stem for record in get_cache(str(cache)).list_cache_records()}


def _build(folder: Path) -> dict:
    """Run every chapter (those no other process has run), then build from their outputs."""
    records = run_every_chapter(notebook_chapters(BOOK_SOURCE), folder)
    cache = cache_folder(folder)
    before = _cached_chapters(cache)
    result = subprocess.run(
        strict_build_command(BOOK_SOURCE, TEST_BUILD_DIR, cache=cache),
        cwd=REPO_ROOT,
        env=build_environment(),
        capture_output=True,
        text=True,
    )
    # A chapter the runner stored but the build executed again: the build did not find the
    # runner's notebook under its own reading of the chapter.
    executed = sorted(set(_cached_chapters(cache).items()) - set(before.items()))
    missed = [name for _, name in executed if records.get(name, {}).get("cached")]
    return {
        "returncode": result.returncode,
        "log": f"{result.stdout}\n{without_kernel_noise(result.stderr)}",
        "missed": missed,
    }


@pytest.fixture(scope="session")
def built_book(request: pytest.FixtureRequest) -> Path:
    """Build the whole book once, strictly, and return the HTML folder.

    The command is ``sphinx-build -W -n --keep-going -E -T -D nb_execution_mode=cache
    -D nb_execution_cache_path=<this run's jupyter-cache> -c <repo> -b html <repo>/book
    <repo>/_build/test-html``, after every chapter has run (``tests/chapter_runs.py``). The
    test fails with the build log if it exits non-zero (any warning counts, including stderr
    printed by a code cell), and if the build executed a chapter that the runner had stored.
    """
    shared = shared_folder(request.config)
    record = shared / "built_book.json"
    with FileLock(str(shared / "built_book.lock")):
        if record.is_file():
            outcome = json.loads(record.read_text(encoding="utf-8"))
        else:
            outcome = _build(shared)
            record.write_text(json.dumps(outcome), encoding="utf-8")
    if outcome["returncode"] != 0:
        pytest.fail(
            f"strict book build failed (exit {outcome['returncode']}):\n{outcome['log']}",
            pytrace=False,
        )
    if outcome["missed"]:
        pytest.fail(
            f"the build executed {outcome['missed']} itself instead of rendering the chapter "
            "runs' outputs: tests/chapter_runs.py stored them under another key",
            pytrace=False,
        )
    return TEST_BUILD_DIR


# --- Hypothesis: one profile for every property test --------------------------------------
# derandomize and no example database: every run, local or CI, tries the same cases, so a
# failure is reproducible and a pass means the same thing everywhere. No deadline: a loaded
# machine must not fail a test that is correct. A test may ask for more cases
# (@settings(max_examples=...)); everything else comes from here.
settings.register_profile("tinytorch_layers", max_examples=25, deadline=None, derandomize=True, database=None)
settings.load_profile("tinytorch_layers")


# --- Run order: both processes busy from the start to the end ------------------------------

# Test files that need the built book.
NEEDS_THE_BOOK = {
    "test_accessibility.py", "test_browser.py", "test_notebook_download.py",
    "test_notebooks.py", "test_solutions_hidden.py",
}
# Test files whose tests may go to either process: the browser checks, in groups of the
# tests that share one loaded page (the same parameter). Every other file goes whole to one
# process (a chapter's examples share one namespace, and module fixtures run once).
SPREAD = {"test_browser.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """test_book_build.py first: the first process starts on the book at once (its fixture
    runs the chapters, from the first, then builds); then the chapters, from the last, which
    the second process runs meanwhile; then everything that does not need the book; then
    the tests that need it. (scripts/test.sh passes --no-loadscope-reorder, so that
    pytest-xdist hands out the work in this order, not largest first.) The sort is stable:
    a chapter's examples keep their document order."""
    chapters = sorted({item.path for item in items if item.path.suffix == ".md"}, reverse=True)

    def rank(item: pytest.Item) -> tuple[int, int]:
        name = item.path.name
        if name == "test_book_build.py":
            return 0, 0
        if item.path.suffix == ".md":
            return 1, chapters.index(item.path)
        return (3 if name in NEEDS_THE_BOOK else 2), 0

    items.sort(key=rank)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """With ``--dist loadfile`` (scripts/test.sh): pytest-xdist's load-by-file scheduling,
    except that the tests of the SPREAD files are handed out in groups of one parameter
    (one browser page) each. Other modes keep pytest-xdist's own scheduling."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path, _, test = nodeid.partition("::")
            if Path(path).name in SPREAD:
                return f"{path}::[{test.partition('[')[2]}" if "[" in test else nodeid
            return path

    return BookScheduling(config, log)


# --- Page weights: measured in the workers, printed once by the main process ----------------


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: send them to the main process
        workeroutput["page_weights"] = json.dumps(PAGE_WEIGHTS)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook
def pytest_testnodedown(node, error) -> None:
    PAGE_WEIGHTS.update(
        (name, tuple(value))
        for name, value in json.loads(node.workeroutput.get("page_weights", "{}")).items()
    )


def pytest_terminal_summary(terminalreporter) -> None:
    if not PAGE_WEIGHTS:
        return
    terminalreporter.write_sep("-", "page weight (uncompressed, everything a page loads)")
    for name, (size, files) in sorted(PAGE_WEIGHTS.items(), key=lambda item: -item[1][0]):
        terminalreporter.write_line(f"{name + '.html':<28}{size / 1024:8.0f} KiB  {files:3d} files")
