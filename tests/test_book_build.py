"""The whole book builds strictly (warnings are errors, every cell executed) and works offline."""

from __future__ import annotations

import re

import pytest

CHAPTERS = [
    "index", "preface", "matmul", "dense", "activations", "backprop", "gradcheck",
    "initialization", "training", "performance", "api", "api-core", "api-layers", "api-training",
]

# Resources a browser loads by itself: scripts, stylesheets, fonts, images, frames.
# (Plain <a href> links to other sites are fine: nothing is fetched until clicked.)
LOADED_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""",
    re.IGNORECASE,
)
CSS_REMOTE_URL = re.compile(r"""url\(\s*["']?((?:https?:)?//[^)"']+)""", re.IGNORECASE)


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_page_is_built(built_book, page):
    html = built_book / f"{page}.html"
    assert html.is_file(), f"{html.name} missing from the built book"
    assert "<h1" in html.read_text(encoding="utf-8")


def test_search_page_and_index_are_built(built_book):
    assert (built_book / "search.html").is_file()
    assert (built_book / "searchindex.js").is_file()


def test_no_page_loads_anything_from_another_host(built_book):
    remote = {}
    for page in built_book.rglob("*.html"):
        found = LOADED_RESOURCE.findall(page.read_text(encoding="utf-8"))
        if found:
            remote[str(page.relative_to(built_book))] = sorted(set(found))
    for sheet in (built_book / "_static").rglob("*.css"):
        found = CSS_REMOTE_URL.findall(sheet.read_text(encoding="utf-8", errors="replace"))
        if found:
            remote[str(sheet.relative_to(built_book))] = sorted(set(found))
    assert not remote, f"resources loaded from other hosts: {remote}"


def test_math_is_typeset_in_the_build_and_needs_no_script(built_book):
    """Formulas arrive as MathJax's CommonHTML (book/_ext/mathjax_local.py): no math script,
    one local stylesheet, its fonts in the build, and hidden MathML for screen readers."""
    page = (built_book / "matmul.html").read_text(encoding="utf-8")
    assert "<mjx-container" in page, "the matmul chapter has math but no typeset formula"
    assert "<mjx-assistive-mml" in page, "the formulas carry no MathML for screen readers"
    scripts = re.findall(r'<script[^>]*src="([^"]*mathjax[^"]*)"', page, re.IGNORECASE)
    assert not scripts, f"the page still loads MathJax scripts: {scripts}"
    assert '_static/mathjax-chtml.css' in page, "the page does not link the formulas' stylesheet"
    css = (built_book / "_static" / "mathjax-chtml.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"""url\(["']?([^)"']+\.woff)["']?\)""", css))
    assert fonts, "the formulas' stylesheet names no font"
    missing = [font for font in fonts if not (built_book / "_static" / font).is_file()]
    assert not missing, f"fonts the formulas need are not in the build: {missing}"

def test_icon_fonts_keep_every_icon_the_pages_use(built_book):
    """The theme's icon fonts are cut down after the build (book/_ext/icon_font_subset.py):
    every icon class a page uses must still have its glyph in the solid or regular font."""
    import sys

    from book_build import BOOK_SOURCE
    from fontTools.ttLib import TTFont

    sys.path.insert(0, str(BOOK_SOURCE / "_ext"))
    import icon_font_subset

    fonts = built_book / icon_font_subset.FONT_DIR
    glyphs = set()
    for name in ("fa-solid-900.woff2", "fa-regular-400.woff2"):
        glyphs |= set(TTFont(fonts / name).getBestCmap())
    names = icon_font_subset.icon_classes(built_book)
    needed = icon_font_subset.icons_in_use(built_book, names)
    assert {"fa-bars", "fa-magnifying-glass", "fa-download"} <= names, f"icon classes found: {sorted(names)}"
    missing = sorted(hex(code) for code in needed - glyphs)
    assert not missing, f"icons the pages use are missing from the subset fonts: {missing}"
    assert (fonts / "fa-solid-900.woff2").stat().st_size < 20_000, "the solid icon font was not subset"
    assert "fontawesome.js" not in (built_book / "matmul.html").read_text(encoding="utf-8")
    assert not (built_book / "_static" / "scripts" / "fontawesome.js").exists()


def test_the_pages_show_this_runs_execution_of_the_chapters(built_book, request):
    """The build rendered the outputs of this test run's chapter runs and executed nothing
    itself: every value the chapters glued, timings included (they differ from run to run),
    is the one the runner's kernel glued."""
    import json

    from book_build import BOOK_SOURCE
    from chapter_runs import chapter_run, notebook_chapters, shared_folder

    executed = built_book.parent / "jupyter_execute"  # myst-nb's output folder, beside the HTML
    checked = 0
    for path in notebook_chapters(BOOK_SOURCE):
        record = chapter_run(path, shared_folder(request.config))
        glue_file = executed / f"{path.stem}.glue.json"
        built = json.loads(glue_file.read_text(encoding="utf-8")) if glue_file.is_file() else {}
        shown = {name: value["data"]["text/plain"] for name, value in built.items() if "text/plain" in value["data"]}
        assert shown == record["glued"], f"{path.stem}: the build glued other values than the chapter run"
        checked += len(shown)
    assert checked > 100, f"only {checked} glued values compared"
