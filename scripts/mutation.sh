#!/usr/bin/env bash
# The mutation check (issue 13): how many small changes to tinytorch_layers/*.py do the
# documentation's examples (docstrings + chapters) catch, and how many do the unit tests?
# Prints both scores and every surviving mutant with its file and line. Takes minutes, so
# it is not part of scripts/test.sh. Arguments go to mutation/run.py, e.g.
# `bash scripts/mutation.sh --only dense,matmul` or `--suite doc`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("mutmut") != "3.8.1")' 2>/dev/null; then
    echo "mutation.sh: installing the mutation extra (mutmut) into .venv ..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
fi
exec .venv/bin/python mutation/run.py "$@"
