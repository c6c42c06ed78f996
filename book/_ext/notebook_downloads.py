"""Offer each chapter's executed notebook, without solutions, in the page's download menu.

sphinx-book-theme lists an ``.ipynb`` download only when ``context["ipynb_source"]``
is set, which it does itself only when a launch button is configured. This handler
runs just before the theme builds its header buttons (priority 500 < 501): it writes
the solution-stripped copy of myst-nb's executed notebook into ``_sources/`` and
sets ``ipynb_source``. The menu's ``.md`` download (Sphinx's copy of the source, made
after this event) is stripped the same way once the build has finished.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

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


def add_notebook_download(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    if doctree is None:
        return
    executed = _executed_notebook(app, pagename)
    if executed is None:
        return
    notebook = strip_solutions(json.loads(executed.read_text(encoding="utf-8")))
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
