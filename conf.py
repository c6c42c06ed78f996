"""Sphinx configuration for the tinytorch_layers book.

Build from the repository root: ``sphinx-build -W -n --keep-going -c . book _build/html``
(``scripts/build_book.sh`` does this). Tests add ``-D nb_execution_mode=force``.
The build needs no network: math is typeset with MathJax during the build (by Node.js,
``book/_ext/mathjax_local.py``), and the Python and NumPy cross-reference inventories are
kept in ``book/_intersphinx/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import tinytorch_layers

ROOT = Path(__file__).resolve().parent
BOOK = ROOT / "book"
sys.path.insert(0, str(BOOK / "_ext"))

# -- Project -------------------------------------------------------------------------
project = "tinytorch_layers"
author = "The tinytorch_layers authors"
copyright = "2026, The tinytorch_layers authors"
release = tinytorch_layers.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",  # the {doctest} directive
    "sphinx.ext.viewcode",
    "sphinx_exercise",
    "sphinx_togglebutton",
    "sphinx_copybutton",
    # Local extensions in book/_ext/
    "api_docs",
    "signature_html",  # multi-line signatures without <dl>/<dd> (accessibility)
    "mathjax_local",  # math typeset with MathJax at build time (needs node): no math script
    "notebook_downloads",
    "icon_font_subset",  # only the icons the pages show, from the theme's icon fonts
    "plain_code_spans",  # no <span> for names, brackets and spaces: they are the text colour
]

exclude_patterns = [
    "_build",
    "jupyter_execute",
    ".jupyter_cache",
    "_ext",
    "_intersphinx",
    "_static",
    "_templates",
    "**.ipynb_checkpoints",
]

# -- MyST and MyST-NB ----------------------------------------------------------------
# book/_ext/myst_reading.py, the reader of the extensions and the tests, holds the list.
from myst_reading import MYST_EXTENSIONS  # noqa: E402

myst_enable_extensions = list(MYST_EXTENSIONS)
myst_heading_anchors = 3

# "cache" re-executes a chapter only when its cells' source changes; the cache key
# ignores the package, so tests and CI force execution with -D nb_execution_mode=force.
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True  # a failing cell stops the build
nb_execution_timeout = 300  # seconds per cell; the timing cells in "From loops to BLAS" are the slowest
nb_output_stderr = "warn"  # stderr in a cell (e.g. a numpy RuntimeWarning) fails a -W build
nb_merge_streams = True
# Kernels started by the build run this file first: SVG figures for every chapter.
os.environ["PYTHONSTARTUP"] = str(BOOK / "_ext" / "kernel_startup.py")

# -- API reference -------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
# Signatures longer than this list one parameter per line (readable on a phone).
maximum_signature_line_length = 60
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# Local inventories: the build must not download anything.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.11/", str(BOOK / "_intersphinx" / "python3.11.inv")),
    "numpy": ("https://numpy.org/doc/stable/", str(BOOK / "_intersphinx" / "numpy.inv")),
}

# -- HTML ----------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_math_renderer = "mathjax_static"  # book/_ext/mathjax_local.py
html_title = "tinytorch_layers"
# Paths here are relative to this file (the repository root), not to book/.
html_static_path = ["book/_static"]
templates_path = ["book/_templates"]
html_favicon = "book/_static/favicon.svg"
html_css_files = ["custom.css"]
html_js_files = ["scroll-focus.js"]
html_context = {
    # "auto" follows the reader's system setting (prefers-color-scheme) until the reader picks
    # a mode with the theme switcher. (An empty value does the same but logs a console error.)
    "default_mode": "auto",
    # The meta description of every page (book/_templates/layout.html).
    "book_description": (
        "An open textbook on matrix multiplication and the Dense layer, with the small Python "
        "package it is about: every code cell and example runs when the book is built."
    ),
}
html_theme_options = {
    "use_download_button": True,
    "show_toc_level": 2,
    # sphinx-book-theme's theme.conf leaves pydata-sphinx-theme's top navbar empty, so that
    # only its own article header (sidebar toggle, download menu, search, contents toggle)
    # is drawn. pydata-sphinx-theme 0.20.0 (pinned by sphinx-book-theme 1.4.0) sets
    # navbar_persistent = ["search-button-field"] in Python whenever the user's options do
    # not name it, which overrides theme.conf; the navbar is then rendered after all, with a
    # second search box and hidden .primary-toggle/.secondary-toggle buttons placed before
    # the visible ones. Both themes bind their click handlers with
    # document.querySelector(".primary-toggle"), i.e. to the hidden buttons, so the visible
    # ones do nothing (upstream: executablebooks/sphinx-book-theme issues 935, 988, 999;
    # pull request 1000 overrides sections/header.html instead). Naming the option here
    # stops the injection at its source. tests/test_browser.py clicks the toggles.
    "navbar_persistent": [],
}
html_last_updated_fmt = None
html_copy_source = True

# Copy code without the >>> and ... prompts (and without the output lines).
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# -- PDF (scripts/build_pdf.sh: the LaTeX builder, then latexmk) ---------------------
# xelatex reads the chapters' Unicode (×, →, ≈) directly; pdflatex would need each mapped.
latex_engine = "xelatex"
# makeindex comes with TeX Live's base packages; xindy, Sphinx's default for xelatex, does not.
latex_use_xindy = False
# Title and author are LaTeX: the underscore must be escaped.
latex_documents = [
    ("index", "tinytorch_layers.tex", r"tinytorch\_layers", author.replace("_", r"\_"), "manual"),
]
