#!/usr/bin/env bash
# Set up .venv if needed, then build the book strictly (warnings are errors) into _build/html.
# Code cells run through myst-nb's cache (_build/.jupyter_cache): only chapters whose cells
# changed are executed again. Extra arguments go to sphinx-build, for example
#   bash scripts/build_book.sh -D nb_execution_mode=force   # run every cell again
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# Every kernel start logs a note about TCP transport; it is not a warning of the book.
.venv/bin/python -m sphinx -W -n --keep-going -c . -b html book _build/html "$@" 2>&1 |
    { grep -v -e "Kernel is running over TCP without encryption" \
              -e "KeyboardInterrupt caught in kernel" || true; }

echo
echo "The book is in $PWD/_build/html/ (open index.html in a browser)."
