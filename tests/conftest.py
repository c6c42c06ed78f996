"""Shared fixtures: the strictly built book, built once per test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BOOK_SOURCE = REPO_ROOT / "book"
TEST_BUILD_DIR = REPO_ROOT / "_build" / "test-html"
TEST_EXECUTION_CACHE = REPO_ROOT / "_build" / ".jupyter_cache-test"


def strict_build_command(source: Path, out: Path, *, confdir: Path = REPO_ROOT) -> list[str]:
    """The strict, always-executing sphinx-build command used by the tests.

    ``-E`` ignores a saved environment so every chapter is read and executed
    again: myst-nb's cache is keyed on cell source only and would not notice a
    change in the package.
    """
    return [
        sys.executable, "-m", "sphinx",
        "-W", "-n", "--keep-going", "-E", "-q",
        "-D", "nb_execution_mode=force",
        "-D", f"nb_execution_cache_path={TEST_EXECUTION_CACHE}",
        "-c", str(confdir),
        "-b", "html",
        str(source), str(out),
    ]


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the whole book once, strictly, and return the HTML folder.

    The test fails with the build log if sphinx-build exits non-zero
    (any warning counts, including stderr printed by a code cell).
    """
    result = subprocess.run(
        strict_build_command(BOOK_SOURCE, TEST_BUILD_DIR),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(
            f"strict book build failed (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    return TEST_BUILD_DIR
