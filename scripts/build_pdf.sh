#!/usr/bin/env bash
# Build the whole book as one PDF (Sphinx's LaTeX builder, then latexmk with xelatex) into
# _build/tinytorch_layers.pdf, and check it: every chapter title and every figure must be in it
# (tests/test_pdf.py). Installs what it needs from Debian's packages when missing (as root),
# and sets up .venv like the other scripts. Extra arguments go to sphinx-build, for example
#   bash scripts/build_pdf.sh -D nb_execution_mode=force   # run every cell again
set -euo pipefail
cd "$(dirname "$0")/.."

# TeX Live from Debian: latexmk, xelatex, the LaTeX packages Sphinx uses (fncychap and
# friends are in texlive-latex-extra), the GNU FreeFont that Sphinx sets for xelatex, and
# poppler's pdftotext/pdfimages for the check.
PACKAGES=(latexmk texlive-latex-extra texlive-xetex texlive-fonts-recommended fonts-freefont-otf poppler-utils)
if ! command -v latexmk >/dev/null || ! command -v xelatex >/dev/null ||
    ! command -v pdftotext >/dev/null || ! kpsewhich fncychap.sty >/dev/null ||
    [[ "$(fc-list : family)" != *FreeSerif* ]]; then
    if [ "$(id -u)" != 0 ]; then
        echo "build_pdf.sh: needs ${PACKAGES[*]}; run as root or install them with apt-get" >&2
        exit 1
    fi
    echo "build_pdf.sh: installing ${PACKAGES[*]} (a few minutes the first time) ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

bash scripts/setup.sh

# -M latexpdf: write the .tex into _build/latex/latex, then run latexmk there. The build is
# strict like the HTML one; every kernel start logs a note about TCP that is not a warning.
mkdir -p _build
status=0
.venv/bin/python -m sphinx -M latexpdf book _build/latex -W -n --keep-going -q -c . "$@" \
    >_build/pdf-build.log 2>&1 || status=$?
if [ "$status" != 0 ]; then
    grep -v -e "Kernel is running over TCP without encryption" \
            -e "KeyboardInterrupt caught in kernel" _build/pdf-build.log >&2 || true
    echo "build_pdf.sh: the PDF build failed (exit $status; LaTeX log in _build/latex/latex/)" >&2
    exit "$status"
fi
cp _build/latex/latex/tinytorch_layers.pdf _build/tinytorch_layers.pdf

TINYTORCH_PDF=_build/tinytorch_layers.pdf .venv/bin/python -m pytest tests/test_pdf.py -q -p no:cacheprovider
echo
echo "The book is in $PWD/_build/tinytorch_layers.pdf"
