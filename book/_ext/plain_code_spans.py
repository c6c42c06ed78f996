"""Highlighted code without the spans that change nothing on the page.

Pygments wraps every name, bracket and run of spaces of a code block in its own
``<span class="n">``, ``"p"`` or ``"w"``; in this book that is about a third of a chapter's
HTML (a chapter's pages carry hundreds of code blocks, exercise stubs and solutions). The
theme's styles give those three classes the colour of the block's own text, in the light
and in the dark theme alike, so the spans can go and the page looks the same.
``tests/test_browser.py`` checks both halves in a browser: that a bare character of a code
block has the colour those spans would give it, in both themes, and that no page has them.

Only the HTML of code blocks changes: the stylesheet is written from the same styles, and
the LaTeX (PDF) build keeps its own formatter.
"""

from __future__ import annotations

from typing import Any

from pygments.formatters import HtmlFormatter
from pygments.token import Name, Punctuation, Whitespace
from sphinx.application import Sphinx

#: The token types written as bare text. Only these exact types: a subtype such as
#: ``Name.Builtin`` or ``Name.Function`` has colours of its own and keeps its span.
PLAIN_TOKENS = frozenset({Name, Punctuation, Whitespace})


class PlainSpansHtmlFormatter(HtmlFormatter):
    """Pygments' HTML formatter, with no span for the token types in :data:`PLAIN_TOKENS`."""

    def _get_css_classes(self, ttype: Any) -> str:
        # The per-token class lookup of the formatting pass (the stylesheet uses
        # _get_css_class, which is left alone); an empty class means no span at all.
        if ttype in PLAIN_TOKENS:
            return ""
        return super()._get_css_classes(ttype)


def _use_plain_spans(app: Sphinx) -> None:
    highlighter = getattr(app.builder, "highlighter", None)
    if highlighter is not None and highlighter.dest == "html":
        highlighter.formatter = PlainSpansHtmlFormatter


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _use_plain_spans)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
