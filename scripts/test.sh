#!/usr/bin/env bash
# Set up the environment (idempotent) and run every test: package, docstring doctests,
# chapter code cells and doctests, exercises, the strict book build, notebooks and the browser.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k matmul`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Two processes (the development machine has two cores). loadfile keeps the tests of a file
# in one process: a chapter's examples share one namespace, in document order. The book is
# built once and shared; --no-loadscope-reorder hands out the files in the order
# tests/conftest.py sets, so that one process builds the book while the other runs the
# tests that do not need it.
exec .venv/bin/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder "$@"
