"""Offer each chapter's executed notebook, without solutions, in the page's download menu.

sphinx-book-theme lists an ``.ipynb`` download only when ``context["ipynb_source"]``
is set, which it does itself only when a launch button is configured. This handler
runs just before the theme builds its header buttons (priority 500 < 501): it writes
the solution-stripped copy of myst-nb's executed notebook into ``_sources/`` and
sets ``ipynb_source``. The notebook is then rewritten for plain Jupyter
(``reader_notebook``): no myst-nb import, glued numbers as text, listings inlined,
cross-references as links to the HTML pages, ``>>>`` examples as code cells. The links are
absolute when ``html_baseurl`` is set (a published book), otherwise relative to the
notebook's place in the build (``_sources/``), so they work next to the built site.
The menu's ``.md`` download (Sphinx's copy of the source, made after this event) is
stripped the same way once the build has finished.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralIncludeReader
from sphinx.ext.intersphinx import missing_reference
from sphinx.util import logging
from sphinx.util.nodes import split_explicit_title

from reader_notebook import Context, Link, UnsupportedMarkup, reader_notebook
from solution_stripping import strip_solutions, strip_solutions_from_text

logger = logging.getLogger(__name__)


def _executed_notebook(app: Sphinx, pagename: str) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    if config is None or pagename not in app.env.found_docs:
        return None
    if app.env.metadata.get(pagename, {}).get("kernelspec") is None:
        return None  # a plain MyST page, not a notebook
    path = Path(config.output_folder) / f"{pagename}.ipynb"
    return path if path.is_file() else None


def _with_outputs(app: Sphinx, notebook: dict) -> dict:
    """The executed notebook with its outputs, also after a hit in myst-nb's cache.

    myst-nb 1.4 writes the notebook it read, not the one its cache client merged the
    cached outputs into (``nbformat.writes(notebook)`` in ``myst_nb/sphinx_.py``), so with
    ``nb_execution_mode = "cache"`` a chapter found in the cache is written without outputs.
    The page has them; so must its notebook: they are merged from the cache here, and the
    values glued without display are taken out of them, as myst-nb does for the page.
    """
    config = app.env.mystnb_config
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    if config.execution_mode != "cache" or any(cell.get("execution_count") for cell in code):
        return notebook
    import nbformat
    from jupyter_cache import get_cache
    from myst_nb.ext.glue import extract_glue_data_cell

    try:
        _, merged = get_cache(config.execution_cache_path).merge_match_into_notebook(
            nbformat.from_dict(notebook))
    except KeyError:  # not in the cache: nothing was run
        return notebook
    for cell in merged.cells:
        if cell.cell_type == "code":
            extract_glue_data_cell(cell)
    return json.loads(nbformat.writes(merged))


# Directive flags of literalinclude (no value) and its integer options.
_INCLUDE_FLAGS = {"lineno-match", "linenos", "diff", "force"}
_INCLUDE_INTEGERS = {"dedent", "lineno-start", "tab-width"}


def _glued(executed: Path) -> dict[str, str]:
    """The text/plain of each value the chapter glued: myst-nb saves them next to the
    executed notebook (``<page>.glue.json``), having taken them out of its outputs."""
    path = executed.with_suffix(".glue.json")
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value["data"]["text/plain"] for key, value in data.items() if "text/plain" in value["data"]}


def _context(app: Sphinx, pagename: str, executed: Path) -> Context:
    """Resolve references and includes exactly as the HTML build does, for ``pagename``."""
    env = app.env
    # The notebook is served from _sources/, one folder below the pages.
    base = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else "../"

    def resolve(role: str, content: str) -> Link:
        domain_name, _, reftype = role.rpartition(":")
        domain_name = domain_name or "std"
        has_title, title, target = split_explicit_title(content)
        code = domain_name == "py"
        if code:
            if not has_title and target.startswith("~"):
                title = target.lstrip("~").rsplit(".", 1)[-1]
            target = target.lstrip("~")
            title = title.lstrip("~")
            if not has_title and reftype in ("func", "meth") and app.config.add_function_parentheses:
                title += "()"
        node = pending_xref(
            "", refdomain=domain_name, reftype=reftype, reftarget=target,
            refexplicit=has_title, refdoc=pagename, refwarn=True,
        )
        content_node = nodes.literal(title, title) if code else nodes.inline(title, title)
        domain = env.get_domain(domain_name)
        resolved = domain.resolve_xref(env, pagename, app.builder, reftype, target, node, content_node)
        if resolved is None:
            resolved = missing_reference(app, env, node, content_node)  # intersphinx
        if resolved is None:
            raise UnsupportedMarkup(f"cannot resolve {{{role}}}`{content}`")
        uri = resolved.get("refuri") or app.builder.get_target_uri(pagename) + "#" + resolved["refid"]
        if uri.startswith("#"):
            uri = app.builder.get_target_uri(pagename) + uri
        if "://" not in uri:
            uri = base + uri
        return Link(text=resolved.astext(), url=uri, code=code)

    def include(argument: str, options: dict[str, str]) -> str:
        filename = Path(env.doc2path(pagename)).parent / argument
        values: dict[str, object] = {}
        for key, value in options.items():
            if key in _INCLUDE_FLAGS:
                values[key] = True
            elif key in _INCLUDE_INTEGERS:
                values[key] = int(value)
            else:
                values[key] = value
        text, _ = LiteralIncludeReader(str(filename.resolve()), values, app.config).read()
        return text

    return Context(resolve=resolve, include=include, glued=_glued(executed))


def add_notebook_download(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    if doctree is None:
        return
    executed = _executed_notebook(app, pagename)
    if executed is None:
        return
    notebook = strip_solutions(_with_outputs(app, json.loads(executed.read_text(encoding="utf-8"))))
    try:
        notebook = reader_notebook(notebook, _context(app, pagename, executed))
    except UnsupportedMarkup as error:
        # A warning fails the strict build: no reader gets raw MyST silently.
        logger.warning("the downloadable notebook keeps MyST markup: %s", error, location=pagename)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def strip_source_downloads(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for pagename in app.env.found_docs:
        source = Path(app.outdir) / "_sources" / f"{pagename}.md"
        if source.is_file():
            text = source.read_text(encoding="utf-8")
            stripped = strip_solutions_from_text(text)
            if stripped != text:
                source.write_text(stripped, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", add_notebook_download, priority=500)
    app.connect("build-finished", strip_source_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
