"""Small fixes that let the API reference document the package from its top level.

The reference documents each public name where users import it from,
``tinytorch_layers.<name>``. Three things need help for that to work cleanly:

1. References that name the defining module (``tinytorch_layers.init.INITIALIZERS``)
   are resolved to the top-level entry when the name is in ``tinytorch_layers.__all__``.
2. Re-exported constants have their ``#:`` doc comment in the defining module, which
   autodoc does not look in; without this it shows the docstring of the value's type.
3. napoleon reads a property's first line ``Words: more words`` as ``type: description``.
   The package writes types only in annotations, so property docstrings are kept as written.
"""

from __future__ import annotations

import importlib
import pkgutil

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer

import tinytorch_layers

PACKAGE = "tinytorch_layers"
_PROPERTY_DOCS: dict[str, list[str]] = {}


def _top_level_alias(target: str) -> str | None:
    parts = target.split(".")
    if len(parts) < 3 or parts[0] != PACKAGE:
        return None
    # tinytorch_layers.<module>.<Name>[.<member>]: map onto the first exported name.
    for i in range(2, len(parts)):
        if parts[i] in tinytorch_layers.__all__:
            return ".".join([PACKAGE, *parts[i:]])
    return None


def resolve_submodule_path(app: Sphinx, env: BuildEnvironment, node, contnode) -> nodes.Node | None:
    if node.get("refdomain") != "py":
        return None
    alias = _top_level_alias(node.get("reftarget", ""))
    if alias is None:
        return None
    return env.domains["py"].resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], alias, node, contnode
    )


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


def remember_property_doc(app: Sphinx, what: str, name: str, obj, options, lines: list[str]) -> None:
    if what == "property":
        _PROPERTY_DOCS[name] = list(lines)


def restore_property_doc(app: Sphinx, what: str, name: str, obj, options, lines: list[str]) -> None:
    if what == "property" and name in _PROPERTY_DOCS:
        lines[:] = _PROPERTY_DOCS.pop(name)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("missing-reference", resolve_submodule_path)
    # napoleon processes docstrings at the default priority 500: run before and after it.
    app.connect("autodoc-process-docstring", use_defining_module_comment, priority=400)
    app.connect("autodoc-process-docstring", remember_property_doc, priority=400)
    app.connect("autodoc-process-docstring", restore_property_doc, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
