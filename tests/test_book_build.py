"""The whole book builds strictly (warnings are errors, every cell executed)."""

from __future__ import annotations

import pytest

CHAPTERS = ["index", "preface", "matmul", "dense", "initialization", "activations", "performance", "api"]


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_page_is_built(built_book, page):
    html = built_book / f"{page}.html"
    assert html.is_file(), f"{html.name} missing from the built book"
    assert "<h1" in html.read_text(encoding="utf-8")
