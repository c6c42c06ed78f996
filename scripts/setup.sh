#!/usr/bin/env bash
# Create two virtual environments (with python3.11, else python3) when they are missing or
# out of date, and install into them:
#   .venv         the package editable with its test extras (which include the book's tools);
#   .venv-reader  only what a reader installs to run a chapter's notebook, the package with
#                 its extra "reader" (numpy, matplotlib, ipykernel, threadpoolctl), with the kernel
#                 "tinytorch-reader" registered inside it. The notebook tests run every
#                 downloadable notebook with that kernel, so a notebook that needs a tool of
#                 the book (myst_nb, for example) fails its test.
# Idempotent and quiet: it does nothing when pyproject.toml is unchanged since the last
# install and the package in each environment is this checkout. The two environments are
# installed at the same time, without compiling every installed module to bytecode first
# (pip --no-compile: Python compiles a module when it is first imported, and most are never
# imported here); measured on a 2-core machine, 58 s became about 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=$(command -v python3.11 || command -v python3 || true)
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)

# up_to_date VENV STAMP MODULES: the stamp matches and the modules import, the package from here.
# -I: ignore the current directory, so the import proves the package is installed.
up_to_date() {
    [ -f "$2" ] && [ "$(cat "$2")" = "$wanted" ] && "$1/bin/python" -I -c "
import sys, $3
sys.exit(0 if tinytorch_layers.__file__.startswith(sys.argv[1]) else 1)" "$PWD/" 2>/dev/null
}

# install VENV WHAT ARGS...: create VENV if needed and pip install ARGS; show pip's log on failure.
install() {
    local venv=$1 what=$2
    shift 2
    if [ ! -x "$venv/bin/python" ]; then
        if [ -z "$PYTHON" ]; then
            echo "setup.sh: needs python3.11 or python3 (>= 3.11) with venv" >&2
            exit 1
        fi
        "$PYTHON" -m venv "$venv"
    fi
    echo "setup.sh: installing $what into $venv ..."
    local log
    log=$(mktemp)
    if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-compile "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
}

# The book build typesets its math with MathJax under Node.js (book/_ext/mathjax_local.py).
if ! command -v node >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "setup.sh: installing Debian's nodejs for the book build ..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs >/dev/null
    else
        echo "setup.sh: the book build needs Node.js; install it (sudo apt-get install nodejs)" >&2
    fi
fi

pids=()
VENV=.venv
stamp="$VENV/.tinytorch_layers-setup"
if ! up_to_date "$VENV" "$stamp" "tinytorch_layers, sphinx, myst_nb, sybil"; then
    ( install "$VENV" "tinytorch_layers[test]" -e '.[test]'
      echo "$wanted" > "$stamp" ) &
    pids+=($!)
fi

READER=.venv-reader
reader_stamp="$READER/.tinytorch_layers-reader-setup"
reader_kernel="$READER/share/jupyter/kernels/tinytorch-reader/kernel.json"
if ! { [ -f "$reader_kernel" ] &&
       up_to_date "$READER" "$reader_stamp" "tinytorch_layers, numpy, matplotlib, ipykernel"; }; then
    ( install "$READER" "tinytorch_layers[reader]" -e '.[reader]'
      # The kernel's argv is this environment's python, so any Jupyter client can start it.
      "$READER/bin/python" -m ipykernel install --prefix "$PWD/$READER" --name tinytorch-reader \
          --display-name "Python 3 (tinytorch_layers reader)" >/dev/null
      echo "$wanted" > "$reader_stamp" ) &
    pids+=($!)
fi

failed=0
for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
done
exit "$failed"
