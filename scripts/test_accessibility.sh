#!/usr/bin/env bash
# Set up the environment (idempotent), then run the axe-core accessibility checks of every
# page at desktop and phone width, in light and dark mode (tests/test_accessibility.py).
# Slow, so not part of scripts/test.sh; CI (.ci/run) runs both. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TINYTORCH_ACCESSIBILITY=1
exec .venv/bin/python -m pytest -n 2 --dist load tests/test_accessibility.py "$@"
