"""Shared fixtures: the strictly built book, built once per test run.

The suite runs in two processes (``pytest -n 2``, see ``scripts/test.sh``); the first
worker that needs the book builds it, under a file lock, and the other reuses that
build and its result.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

from browser_support import PAGE_WEIGHTS
from book_build import (
    BOOK_SOURCE,
    REPO_ROOT,
    TEST_BUILD_DIR,
    build_environment,
    strict_build_command,
    without_kernel_noise,
)


def _build() -> dict:
    result = subprocess.run(
        strict_build_command(BOOK_SOURCE, TEST_BUILD_DIR),
        cwd=REPO_ROOT,
        env=build_environment(),
        capture_output=True,
        text=True,
    )
    return {
        "returncode": result.returncode,
        "log": f"{result.stdout}\n{without_kernel_noise(result.stderr)}",
    }


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """Build the whole book once, strictly, and return the HTML folder.

    The command is ``sphinx-build -W -n --keep-going -E -T -D nb_execution_mode=force
    -c <repo> -b html <repo>/book <repo>/_build/test-html``. The test fails with the
    build log if it exits non-zero (any warning counts, including stderr printed by a
    code cell).
    """
    if not hasattr(request.config, "workerinput"):  # one process: nothing to share
        outcome = _build()
    else:
        # The parent of the per-worker temp folders is the same for every worker of a run.
        shared = tmp_path_factory.getbasetemp().parent
        record = shared / "built_book.json"
        with FileLock(str(shared / "built_book.lock")):
            if record.is_file():
                outcome = json.loads(record.read_text(encoding="utf-8"))
            else:
                outcome = _build()
                record.write_text(json.dumps(outcome), encoding="utf-8")
    if outcome["returncode"] != 0:
        pytest.fail(
            f"strict book build failed (exit {outcome['returncode']}):\n{outcome['log']}",
            pytrace=False,
        )
    return TEST_BUILD_DIR


# --- Run order: start the book build at once, and keep the other process busy meanwhile ----

# Test files that need the built book (about a minute to build).
NEEDS_THE_BOOK = {
    "test_accessibility.py", "test_browser.py", "test_notebook_download.py",
    "test_notebooks.py", "test_solutions_hidden.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """test_book_build.py first, so that the first process starts the build at once; then
    everything that does not need the book, which the second process runs while the book
    builds; then the tests that need it. (scripts/test.sh passes --no-loadscope-reorder, so
    that pytest-xdist hands out the files in this order, not largest first.) The sort is
    stable: a chapter's examples keep their document order."""

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        if name == "test_book_build.py":
            return 0
        return 2 if name in NEEDS_THE_BOOK else 1

    items.sort(key=rank)


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
