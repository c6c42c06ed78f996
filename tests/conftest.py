"""Shared fixtures: the strictly built book, built once per test session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from book_build import (
    BOOK_SOURCE,
    REPO_ROOT,
    TEST_BUILD_DIR,
    build_environment,
    strict_build_command,
    without_kernel_noise,
)


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the whole book once, strictly, and return the HTML folder.

    The command is ``sphinx-build -W -n --keep-going -E -T -D nb_execution_mode=force
    -c <repo> -b html <repo>/book <repo>/_build/test-html``. The test fails with the
    build log if it exits non-zero (any warning counts, including stderr printed by a
    code cell).
    """
    result = subprocess.run(
        strict_build_command(BOOK_SOURCE, TEST_BUILD_DIR),
        cwd=REPO_ROOT,
        env=build_environment(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(
            f"strict book build failed (exit {result.returncode}):\n"
            f"{result.stdout}\n{without_kernel_noise(result.stderr)}",
            pytrace=False,
        )
    return TEST_BUILD_DIR
