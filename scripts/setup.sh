#!/usr/bin/env bash
# Create .venv (with python3.11, else python3) if it is missing, and install the package
# editable with its test extras (which include the book's tools). Idempotent and quiet:
# it does nothing when pyproject.toml is unchanged since the last install and the
# package in .venv is this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
    PYTHON=$(command -v python3.11 || command -v python3 || true)
    if [ -z "$PYTHON" ]; then
        echo "setup.sh: needs python3.11 or python3 (>= 3.11) with venv" >&2
        exit 1
    fi
    "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.tinytorch_layers-setup"
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
# -I: ignore the current directory, so the import proves the package is installed.
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] &&
    "$VENV/bin/python" -I -c '
import sys, tinytorch_layers, sphinx, myst_nb, sybil
sys.exit(0 if tinytorch_layers.__file__.startswith(sys.argv[1]) else 1)' "$PWD/" 2>/dev/null; then
    exit 0
fi

echo "setup.sh: installing tinytorch_layers[test] into $VENV ..."
log=$(mktemp)
if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]' >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
fi
rm -f "$log"
echo "$wanted" > "$stamp"
