"""Sphinx configuration for the tinytorch_layers book.

Build with ``sphinx-build -c . book _build/html`` from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

project = "tinytorch_layers"
author = "The tinytorch_layers authors"
copyright = "2026, The tinytorch_layers authors"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_exercise",
    "sphinx_togglebutton",
    "sphinx_copybutton",
    "sphinx_design",
]

exclude_patterns = ["_build", "jupyter_execute", ".jupyter_cache", "_ext", "**.ipynb_checkpoints"]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]

nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_timeout = 120
nb_output_stderr = "warn"

html_theme = "sphinx_book_theme"
html_title = "tinytorch_layers"
html_context = {"default_mode": "light"}
