"""axe-core accessibility checks of every page, in Chromium.

They take minutes (colour contrast looks at every piece of text, on 16 pages, in two
colour schemes), so they run from their own command, ``bash scripts/test_accessibility.sh``,
which CI runs after the default suite; ``scripts/test.sh`` reports them as skipped. The
browser, the server and the page fixtures are those of ``tests/test_browser.py``.
"""

from __future__ import annotations

import os

import pytest

from test_browser import (  # noqa: F401 (fixtures are found by name)
    DESKTOP_VIEWPORT,
    PHONE_VIEWPORT,
    Visit,
    _at_viewport,
    _keep_reports,
    _restore,
    _screenshot_shared_page_on_failure,
    book_url,
    browser,
    chapter,
)

pytestmark = pytest.mark.skipif(
    not os.environ.get("TINYTORCH_ACCESSIBILITY"),
    reason="slow: run with bash scripts/test_accessibility.sh (sets TINYTORCH_ACCESSIBILITY=1)",
)

# All of axe-core's rules for WCAG 2.0 to 2.2 at levels A and AA (target-size among them, which
# axe leaves out of a default run) and all its best practices (unique landmark names, no empty
# table header, one main landmark, ...). Not run: the AAA rules (enhanced contrast), the
# experimental rules, and the duplicate-id rules of WCAG 4.1.1, which WCAG 2.2 made obsolete.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


# What axe checks at each (width, colour scheme). Colour contrast, by far the slowest rule
# (it looks at every piece of text), depends on the colour scheme and not on the width, so it
# runs once per scheme; every other rule runs at both widths, in both schemes.
AXE_RUNS = (
    (DESKTOP_VIEWPORT, "light", "all"),
    (DESKTOP_VIEWPORT, "dark", "all"),
    (PHONE_VIEWPORT, "light", "all but color-contrast"),
    (PHONE_VIEWPORT, "dark", "all but color-contrast"),
)


def test_no_accessibility_violations_in_either_mode_at_either_width(chapter: Visit) -> None:
    """axe-core (all its rules: WCAG 2.0-2.2, A and AA, and best practices) at desktop and
    phone width, in light and dark mode. The page is loaded once; width and colour scheme
    change in place, as a reader's would."""
    from axe_playwright_python.sync_playwright import Axe

    page = chapter.page
    page.evaluate(Axe().axe_script)
    # Colours fade in over a CSS transition when the scheme changes; axe must see the end
    # state, not a frame in between (seen once as a contrast failure of the search button).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    failures = []
    try:
        for viewport, scheme, rules in AXE_RUNS:
            _at_viewport(chapter, viewport, scheme)
            # The theme follows the system setting ("default_mode": "auto" in conf.py).
            page.wait_for_function("scheme => document.documentElement.dataset.theme === scheme", arg=scheme, timeout=5_000)
            result = page.evaluate(
                """async ([tags, contrast]) => {
                    const r = await axe.run(document, {
                        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
                        rules: {'color-contrast': {enabled: contrast}}});
                    const ran = new Set([...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable]
                                        .map(rule => rule.id));
                    const skip = ['experimental', 'deprecated'];
                    return {
                        // Rules of the tags asked for that did not run (contrast aside when off).
                        missing: axe.getRules(tags).filter(rule =>
                            !rule.tags.some(tag => skip.includes(tag)) && !ran.has(rule.ruleId) &&
                            (contrast || rule.ruleId !== 'color-contrast')).map(rule => rule.ruleId),
                        best_practices: axe.getRules(['best-practice']).filter(rule => ran.has(rule.ruleId)).length,
                        violations: r.violations.map(v => `${v.id} (${v.impact}, ${v.nodes.length}x): ${v.help}; e.g. ${v.nodes[0].target.join(' ')}`),
                    };
                }""",
                [AXE_TAGS, rules == "all"],
            )
            # Every rule of those tags ran (passed, failed or found nothing to check), best practices too.
            assert not result["missing"] and result["best_practices"] > 0, result
            failures += [f"{viewport['width']} px, {scheme}: {violation}" for violation in result["violations"]]
    finally:
        _restore(chapter)
    assert not failures, f"{chapter.url}: accessibility violations:\n" + "\n".join(failures)
