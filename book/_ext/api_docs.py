"""Show the ``#:`` doc comments of re-exported constants in the API reference.

The reference documents each public name where users import it from,
``tinytorch_layers.<name>``. Re-exported constants have their ``#:`` doc comment in the
defining module, which autodoc does not look in; without this it shows the docstring of
the value's type.
"""

from __future__ import annotations

import importlib
import pkgutil

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer

import tinytorch_layers

PACKAGE = "tinytorch_layers"


def _defining_module_comment(attribute: str) -> list[str] | None:
    for info in pkgutil.iter_modules(tinytorch_layers.__path__, prefix=f"{PACKAGE}."):
        module = importlib.import_module(info.name)
        if attribute not in getattr(module, "__dict__", {}):
            continue
        docs = ModuleAnalyzer.for_module(info.name).find_attr_docs()
        if ("", attribute) in docs:
            return list(docs[("", attribute)])
    return None


def use_defining_module_comment(app: Sphinx, what: str, name: str, obj, options, lines: list[str]) -> None:
    parts = name.split(".")
    if what != "data" or len(parts) != 2 or parts[0] != PACKAGE:
        return
    comment = _defining_module_comment(parts[1])
    if comment is not None:
        lines[:] = comment


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.autodoc")
    # napoleon processes docstrings at the default priority 500: run before it.
    app.connect("autodoc-process-docstring", use_defining_module_comment, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
