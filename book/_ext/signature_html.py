"""Multi-line API signatures without definition-list markup.

When a signature is longer than ``maximum_signature_line_length`` (conf.py), Sphinx's HTML
writer puts one parameter per line as ``<dd>`` items of a ``<dl>`` inside the signature's
``<dt>``. A ``<dl>`` with ``<dd>`` and no ``<dt>`` is invalid, and screen readers announce a
definition list of nothing (axe-core: ``definition-list``, serious). The same lines are
written here as ``<div>`` elements; ``custom.css`` indents them as the ``<dd>`` were.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

_LIST_TAG = re.compile(r"^(\s*)<(/?)(dl|dd)\b")


class SignatureListTranslator(HTML5Translator):
    def visit_desc_signature(self, node: nodes.Element) -> None:
        self._signature_start = len(self.body)
        super().visit_desc_signature(node)

    def depart_desc_signature(self, node: nodes.Element) -> None:
        super().depart_desc_signature(node)
        for index in range(self._signature_start, len(self.body)):
            self.body[index] = _LIST_TAG.sub(self._as_div, self.body[index])

    @staticmethod
    def _as_div(match: re.Match) -> str:
        space, closing, tag = match.groups()
        if closing:
            return f"{space}</div"
        kind = "sig-param-list" if tag == "dl" else "sig-param-line"
        return f'{space}<div data-sig="{kind}"'


def setup(app: Sphinx) -> dict:
    # pydata-sphinx-theme mixes its Bootstrap changes into whatever translator is registered.
    app.set_translator("html", SignatureListTranslator, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
