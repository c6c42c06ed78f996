"""How the tests build the book: the strict command and its environment.

Shared by ``tests/conftest.py`` (the ``built_book`` fixture) and the guards.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BOOK_SOURCE = REPO_ROOT / "book"
TEST_BUILD_DIR = REPO_ROOT / "_build" / "test-html"
# The front matter myst-nb needs to treat a Markdown file as a notebook (fixture chapters).
JUPYTEXT_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""
KERNEL_NOISE = ("Kernel is running over TCP without encryption", "KeyboardInterrupt caught in kernel")


def strict_build_command(source: Path, out: Path, *, cache: Path | None = None,
                         confdir: Path = REPO_ROOT) -> list[str]:
    """The strict sphinx-build command of the tests.

    With ``cache``, the code cells' outputs come from that jupyter-cache, which the chapter
    runner filled in this test run (``tests/chapter_runs.py``): ``nb_execution_mode=cache``
    renders a chapter found there without executing it, and executes one it does not find.
    Without, every chapter is executed (``force``), as ``scripts/build_book.sh`` does the
    first time. ``-E`` ignores a saved environment so every chapter is read again; ``-T``
    puts the traceback of a failing cell in the log.
    """
    execution = ["-D", "nb_execution_mode=force"] if cache is None else [
        "-D", "nb_execution_mode=cache", "-D", f"nb_execution_cache_path={cache}"]
    return [
        sys.executable, "-m", "sphinx",
        "-W", "-n", "--keep-going", "-E", "-q", "-T",
        *execution,
        "-c", str(confdir),
        "-b", "html",
        str(source), str(out),
    ]


def build_environment() -> dict[str, str]:
    """The environment for sphinx-build: without MPLBACKEND, which would stop the
    kernels from using the inline backend and so drop every figure from the book."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    return env


def without_kernel_noise(log: str) -> str:
    """Drop the lines every kernel start prints (they are not warnings of the book)."""
    return "\n".join(line for line in log.splitlines() if not any(n in line for n in KERNEL_NOISE))
