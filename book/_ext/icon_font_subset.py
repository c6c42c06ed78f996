"""Cut the theme's Font Awesome web fonts down to the icons the book shows.

pydata-sphinx-theme draws its icons (menu, search, download, theme switcher, admonition
marks) from Font Awesome's fonts; the solid one alone is 112 KiB for about 2,000 icons, and
the book shows about twenty. After the build, the fonts in ``_static`` are replaced by subsets
holding the icons that the pages' ``fa-*`` classes name, plus every icon the theme's
stylesheet uses directly (``content: "\\f..."`` and ``--pst-icon-*`` values). The file names
stay. The stylesheet's 2,000 rules that give each icon class its code point (65 KiB of every
page) are cut down to the classes the pages use.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from sphinx.application import Sphinx

FONT_DIR = Path("_static") / "vendor" / "fontawesome" / "webfonts"
THEME_CSS = Path("_static") / "styles" / "pydata-sphinx-theme.css"
# The theme's SVG icon script (1.5 MiB, 1.7 MiB of source map) that no page loads any more
# (book/_templates/static/webpack-macros.html): not shipped.
UNUSED_SCRIPTS = [Path("_static") / "scripts" / name for name in ("fontawesome.js", "fontawesome.js.map")]
# A rule that gives icon classes their code point: .fa-bars{--fa:"\f0c9"} (selectors may share one).
_ICON_RULE = re.compile(r'([^{}]+)\{--fa:"\\([0-9a-f]+)')
_CODE_POINT = re.compile(r'"\\(f[0-9a-f]{3,4})')
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
_ICON_RULE_WHOLE = re.compile(r'(?<=[{}])([^{}@]+)\{--fa:"[^"]*"\}')


def icon_classes(outdir: Path) -> set[str]:
    """The ``fa-*`` class names in the built pages and scripts."""
    pages = [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]
    return {match for path in pages for match in _ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="ignore"))}


def trim_icon_rules(css: str, names: set[str]) -> str:
    def keep(rule: re.Match) -> str:
        selectors = {selector.strip().lstrip(".").split(":")[0] for selector in rule.group(1).split(",")}
        return rule.group(0) if selectors & names else ""

    return _ICON_RULE_WHOLE.sub(keep, css)


def icons_in_use(outdir: Path, names: set[str]) -> set[int]:
    css = (outdir / THEME_CSS).read_text(encoding="utf-8")
    by_name: dict[str, int] = {}
    for selectors, code in _ICON_RULE.findall(css):
        for selector in selectors.split(","):
            name = selector.strip().lstrip(".").split(":")[0]
            by_name[name] = int(code, 16)
    direct = {int(code, 16) for code in _CODE_POINT.findall(_ICON_RULE.sub("", css))}
    return {by_name[name] for name in names if name in by_name} | direct


def subset_fonts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if not (outdir / THEME_CSS).is_file():
        return
    for script in UNUSED_SCRIPTS:
        (outdir / script).unlink(missing_ok=True)
    names = icon_classes(outdir)
    keep = icons_in_use(outdir, names)
    css_path = outdir / THEME_CSS
    css_path.write_text(trim_icon_rules(css_path.read_text(encoding="utf-8"), names), encoding="utf-8")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    for path in (outdir / FONT_DIR).glob("*.woff2"):
        font = TTFont(path)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=keep & set(font.getBestCmap()))
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(path)


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", subset_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
