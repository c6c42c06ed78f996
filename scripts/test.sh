#!/usr/bin/env bash
# Set up the environment (idempotent) and run every test: package, docstring doctests,
# chapter code cells and doctests, exercises, the strict book build, notebooks and the browser.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k matmul`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
