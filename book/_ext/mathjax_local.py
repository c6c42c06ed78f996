"""Typeset the book's math with MathJax while the book is built: pages carry finished
formulas and load no math script.

MathJax 3 in the browser costs every page with a formula about 0.8 MiB of JavaScript (1.1 MiB
with the ``tex-chtml.js`` bundle, whose context menu also makes every formula a tab stop), more
than all the rest of a page. Here Node.js runs the same MathJax 3 (the copy shipped by the
``sphinx-mathjax-offline`` package) once per build, through ``mathjax_render.js``; each formula
becomes MathJax's CommonHTML markup, with hidden MathML for screen readers
(``assistive-mml``). One stylesheet, ``_static/mathjax-chtml.css``, holds the CSS of every
character used in the book, and the MathJax fonts it names are copied to
``_static/mathjax/woff-v2/``. A TeX error is a build warning (a failure under ``-W``).

Needs ``node`` (Debian: ``apt-get install nodejs``; ``.ci/run`` installs it).
"""

from __future__ import annotations

import atexit
import importlib
import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

RENDERER = "mathjax_static"
SCRIPT = Path(__file__).with_name("mathjax_render.js")
STYLESHEET = "mathjax-chtml.css"
FONTS = "mathjax/woff-v2"  # under _static/, as the stylesheet (also in _static/) names them
# Formulas per page, kept between builds: an incremental build rewrites some pages only, but
# the stylesheet must still cover the characters of all of them.
FORMULAS_FILE = "mathjax-formulas.json"


def mathjax_source() -> Path:
    """The full MathJax 3 copy inside the installed ``sphinx-mathjax-offline`` package."""
    package = importlib.import_module("sphinx-mathjax-offline")
    return Path(package.__file__).resolve().parent / "static" / "mathjax"


class Typesetter:
    """One Node.js process running MathJax for the whole build."""

    def __init__(self) -> None:
        node = shutil.which("node") or shutil.which("nodejs")
        if node is None:
            raise ExtensionError("the book's math is typeset with Node.js: install it (apt-get install nodejs)")
        self.process = subprocess.Popen(
            [node, str(SCRIPT), str(mathjax_source()), FONTS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        atexit.register(self.close)

    def ask(self, request: dict) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ExtensionError(f"the MathJax process stopped (exit code {self.process.poll()})")
        return json.loads(line)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.terminate()
            self.process.wait()


class State:
    typesetter: Typesetter | None = None
    written: dict[str, list[list]] = {}  # docname -> [tex, display] typeset in this build
    stored: dict[str, list[list]] = {}  # the same, from earlier builds


def _typeset(translator, node: nodes.Element, tex: str, display: bool) -> str:
    if State.typesetter is None:
        State.typesetter = Typesetter()
    State.written.setdefault(translator.builder.current_docname, []).append([tex, display])
    answer = State.typesetter.ask({"tex": tex, "display": display})
    if "error" in answer:
        logger.warning("TeX error in %r: %s", tex, answer["error"], location=node)
        return translator.encode(tex)
    return answer["html"]


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_typeset(self, node, node.astext(), display=False))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    """As ``sphinx.ext.mathjax.html_visit_displaymath``, with the TeX typeset here."""
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node.get("no-wrap", node.get("nowrap", False)):
        tex = node.astext()
    else:
        if node["number"]:
            number = get_node_equation_number(self, node)
            self.body.append(f'<span class="eqno">({number})')
            self.add_permalink_ref(node, _("Link to this equation"))
            self.body.append("</span>")
        parts = [part for part in node.astext().split("\n\n") if part.strip()]
        parts = [rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts]
        tex = r"\\".join(parts)
        if len(parts) > 1:
            tex = rf"\begin{{align}}\begin{{aligned}}{tex}\end{{aligned}}\end{{align}}"
    self.body.append(_typeset(self, node, tex, display=True))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def load_stored(app: Sphinx) -> None:
    path = Path(app.doctreedir) / FORMULAS_FILE
    State.stored = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    State.written = {}


def write_stylesheet_and_fonts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    formulas = {name: f for name, f in State.stored.items() if name in app.env.all_docs}
    formulas.update(State.written)
    if State.typesetter is None:
        State.typesetter = Typesetter()
    # Pages not rewritten in this build: typeset their formulas so the stylesheet covers them.
    for name, page_formulas in formulas.items():
        if name not in State.written:
            for tex, display in page_formulas:
                State.typesetter.ask({"tex": tex, "display": display})
    css = State.typesetter.ask({"stylesheet": True})["css"]
    State.typesetter.close()
    State.typesetter = None
    static = Path(app.outdir) / "_static"
    (static / STYLESHEET).write_text(css, encoding="utf-8")
    shutil.copytree(mathjax_source() / "output" / "chtml" / "fonts" / "woff-v2", static / FONTS, dirs_exist_ok=True)
    (Path(app.doctreedir) / FORMULAS_FILE).write_text(json.dumps(formulas), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    app.add_css_file(STYLESHEET)
    app.connect("builder-inited", load_stored)
    app.connect("build-finished", write_stylesheet_and_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
