"""The built book as a reader sees it: Debian's Chromium, driven by Playwright, offline.

One browser for the session; the HTML is served by ``python -m http.server`` on 127.0.0.1 and
every request to any other host is recorded and aborted, so a page that needs the network
(a CDN MathJax, a web font) fails here the way it would fail for an offline reader.

Without Chromium the tests skip, except when ``CI`` is set: CI never skips. On a failure, a
screenshot of each page the test had open goes to ``_build/test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import nbformat
import pytest

from browser_support import (
    BOOK_SOURCE,
    CHROMIUM_ARGS,
    CHROMIUM_ENV,
    DEFAULT_CHROMIUM,
    NOTEBOOK_CHAPTERS,
    REFERENCE_PAGES,
    artifact_path,
    book_html_dir,
    chromium_executable,
    http_server,
    skip_unless_ci,
)
from tinytorch_layers.exercises.registry import EXERCISES

PAGES = NOTEBOOK_CHAPTERS + REFERENCE_PAGES
LOCAL_HOST = "127.0.0.1"
PHONE_VIEWPORT = {"width": 375, "height": 812}
DEFAULT_TIMEOUT_MS = 20_000

# TeX that must never reach the reader as text: math delimiters and common commands.
RAW_TEX = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\\(?:sum|frac|sqrt|math[a-z]+|text|begin|end|cdot|times|left|right)\b")


# ---------------------------------------------------------------------------------------------
# Screenshots on failure: keep each phase's report on the test item so fixtures can see it.

_REPORTS = pytest.StashKey[dict]()


class _ReportKeeper:
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        report = yield
        item.stash.setdefault(_REPORTS, {})[report.when] = report
        return report


@pytest.fixture(scope="session", autouse=True)
def _keep_reports(request: pytest.FixtureRequest) -> None:
    manager = request.config.pluginmanager
    if not manager.has_plugin("tinytorch-browser-reports"):
        manager.register(_ReportKeeper(), "tinytorch-browser-reports")


def _test_failed(node: pytest.Item) -> bool:
    report = node.stash.get(_REPORTS, {}).get("call")
    return report is not None and report.failed


def _screenshot_if_failed(node: pytest.Item, visits: list[Visit]) -> None:
    if not _test_failed(node):
        return
    for number, visit in enumerate(visits):
        _save_screenshot(visit, artifact_path(node.nodeid, f"-{number}.png"))


def _save_screenshot(visit: Visit, path: Path) -> None:
    if visit.page.is_closed():
        return
    try:
        visit.page.screenshot(path=str(path), full_page=True)
    except Exception as error:  # a screenshot must never hide the real failure
        print(f"could not save a screenshot to {path}: {error}")
    else:
        print(f"screenshot: {path}")


# ---------------------------------------------------------------------------------------------
# The browser, the server and the pages


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_unless_ci("the playwright package is not installed (pip install playwright)")
    executable = chromium_executable()
    if executable is None:
        skip_unless_ci(
            f"Chromium is not installed at {os.environ.get(CHROMIUM_ENV, DEFAULT_CHROMIUM)} "
            "(apt-get install chromium, or point the CHROMIUM variable at a Chromium binary)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def book_url(browser, request: pytest.FixtureRequest) -> Iterator[str]:
    """The built book served on 127.0.0.1 (asks for the browser first: no build if no browser)."""
    with http_server(book_html_dir(request)) as url:
        yield url


@dataclass(repr=False)
class Visit:
    """A page and what happened on it since it was opened."""

    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Visit({self.url!r})"

    def problems(self) -> int:
        """How many problems were recorded so far (to ask later what an action added)."""
        return len(self.console_errors) + len(self.failed_requests) + len(self.offsite_requests)


def _visit(browser, url: str, viewport: dict | None = None) -> Visit:
    context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    visit = Visit(page=page, url=url)

    def keep_local(route) -> None:
        target = urlparse(route.request.url)
        if target.scheme in ("http", "https", "ws", "wss") and target.hostname != LOCAL_HOST:
            visit.offsite_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def record_failure(request) -> None:
        if request.url not in visit.offsite_requests:
            visit.failed_requests.append(f"{request.url}: {request.failure}")

    def record_status(response) -> None:
        if response.status >= 400:
            visit.failed_requests.append(f"{response.url}: HTTP {response.status}")

    context.route("**/*", keep_local)
    page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", record_failure)
    page.on("response", record_status)

    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    _settle(page)
    return visit


def _settle(page) -> None:
    """Wait until MathJax has typeset the page and the network is quiet."""
    page.evaluate(
        """async () => {
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
                await MathJax.startup.promise;
            }
        }"""
    )
    page.wait_for_load_state("networkidle")


def _close(visit: Visit) -> None:
    visit.page.context.close()


@pytest.fixture(scope="module", params=PAGES)
def chapter(request: pytest.FixtureRequest, browser, book_url: str) -> Iterator[Visit]:
    """Each page of the book, loaded once and shared by the checks below. pytest runs them
    page by page in file order: the read-only checks first, then the ones that resize the
    page (and size it back), open the solutions or open the download menu."""
    visit = _visit(browser, f"{book_url}{request.param}.html")
    yield visit
    _close(visit)


@pytest.fixture(autouse=True)
def _screenshot_shared_page_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    visits = [value for value in request.node.funcargs.values() if isinstance(value, Visit)]
    _screenshot_if_failed(request.node, visits)


class PageOpener:
    """Opens fresh pages for one test (state-changing checks) and closes them afterwards."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.visits: list[Visit] = []

    def __call__(self, path: str, viewport: dict | None = None) -> Visit:
        visit = _visit(self.browser, self.base_url + path, viewport)
        self.visits.append(visit)
        return visit


@pytest.fixture
def open_page(request: pytest.FixtureRequest, browser, book_url: str) -> Iterator[PageOpener]:
    opener = PageOpener(browser, book_url)
    yield opener
    _screenshot_if_failed(request.node, opener.visits)
    for visit in opener.visits:
        _close(visit)


def _assert_clean(visit: Visit) -> None:
    assert not visit.console_errors, f"{visit.url}: console errors:\n" + "\n".join(visit.console_errors)
    assert not visit.failed_requests, f"{visit.url}: failed requests:\n" + "\n".join(visit.failed_requests)
    assert not visit.offsite_requests, (
        f"{visit.url}: requests left {LOCAL_HOST} (blocked):\n" + "\n".join(visit.offsite_requests)
    )


def _assert_no_new_problems(visit: Visit, before: int, action: str) -> None:
    """What happened on a shared page while a test acted on it; what happened while it loaded
    is the load test's business."""
    if visit.problems() > before:
        pytest.fail(
            f"{visit.url}: {action} caused: console errors {visit.console_errors}, failed requests "
            f"{visit.failed_requests}, outside requests {visit.offsite_requests}",
            pytrace=False,
        )


# ---------------------------------------------------------------------------------------------
# Every page


def test_page_loads_without_errors_or_outside_requests(chapter: Visit) -> None:
    _assert_clean(chapter)


def test_math_is_rendered(chapter: Visit) -> None:
    found = chapter.page.evaluate(
        """() => {
            const root = document.querySelector('article') || document.body;
            const math = [...root.querySelectorAll('.math')];
            const unrendered = math
                .filter(el => !el.querySelector('mjx-container'))
                .map(el => el.textContent.trim().slice(0, 80));
            // The visible prose: code and rendered math removed, raw TeX would remain.
            const prose = root.cloneNode(true);
            prose.querySelectorAll('pre, code, script, style, textarea, mjx-container')
                .forEach(el => el.remove());
            return {unrendered, prose: prose.textContent};
        }"""
    )
    assert not found["unrendered"], f"{chapter.url}: math left as TeX: {found['unrendered'][:5]}"
    raw = sorted({match.group(0) for match in RAW_TEX.finditer(found["prose"])})
    if raw:
        first = RAW_TEX.search(found["prose"])
        context = found["prose"][max(0, first.start() - 60) : first.end() + 60].strip()
        pytest.fail(f"{chapter.url}: raw TeX {raw} visible in the text, e.g. ...{context}...", pytrace=False)


def test_figures_have_loaded_and_have_alt_text(chapter: Visit) -> None:
    images = chapter.page.evaluate(
        """async () => {
            const images = [...(document.querySelector('article') || document.body).querySelectorAll('img')];
            // Lazy images would wait for a scroll: load them all now.
            images.forEach(img => { img.loading = 'eager'; });
            await Promise.all(images.map(img => img.decode().catch(() => null)));
            return images.map(img => ({
                src: img.getAttribute('src'), alt: (img.getAttribute('alt') || '').trim(),
                width: img.naturalWidth,
            }));
        }"""
    )
    broken = [image["src"] for image in images if image["width"] == 0]
    assert not broken, f"{chapter.url}: images that did not load: {broken}"
    # myst-nb's default alt for a plotted figure is its file name, which tells a reader nothing.
    no_alt = [image["src"] for image in images if not image["alt"] or image["alt"] == image["src"]]
    assert not no_alt, (
        f"{chapter.url}: images without alt text (or with the file name as alt): {no_alt}; "
        "for a plot, give the code cell `mystnb: {image: {alt: ...}}` metadata"
    )


def test_page_fits_a_phone_screen(chapter: Visit, request: pytest.FixtureRequest) -> None:
    page = chapter.page
    desktop = page.viewport_size
    page.set_viewport_size(PHONE_VIEWPORT)
    try:
        sizes = page.evaluate(
            """async () => {
                // Two frames: the resize has been laid out.
                await new Promise(requestAnimationFrame);
                await new Promise(requestAnimationFrame);
                const doc = document.documentElement;
                // Elements past the right edge that no scrolling or clipping box contains.
                const contained = el => {
                    for (let up = el.parentElement; up && up !== doc; up = up.parentElement) {
                        if (getComputedStyle(up).overflowX !== 'visible') return true;
                    }
                    return false;
                };
                const wide = [...document.body.querySelectorAll('*')]
                    .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 1 && !contained(el))
                    .slice(0, 5)
                    .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 40)}`);
                return {scroll: doc.scrollWidth, client: doc.clientWidth, wide};
            }"""
        )
        too_wide = sizes["scroll"] > sizes["client"]
        if too_wide:  # the failure hook would see the page back at desktop width
            _save_screenshot(chapter, artifact_path(request.node.nodeid, "-phone.png"))
    finally:
        page.set_viewport_size(desktop)
    assert not too_wide, (
        f"{chapter.url} at {PHONE_VIEWPORT['width']} px scrolls sideways: scrollWidth {sizes['scroll']} > "
        f"clientWidth {sizes['client']}; elements reaching past the edge: {sizes['wide']}"
    )


def test_hidden_solutions_open_on_click(chapter: Visit) -> None:
    name = _page_name(chapter)
    solutions = chapter.page.locator("article .solution")
    count = solutions.count()
    # Every exercise has one solution: the coding ones the registry assigns to this
    # chapter, and the conceptual ones its source declares. A chapter that lost its
    # solutions fails here instead of passing with nothing to click.
    coding = sum(exercise.chapter == name for exercise in EXERCISES)
    source = BOOK_SOURCE / f"{name}.md"
    labels = re.findall(r"^:label: ex-\w+$", source.read_text(encoding="utf-8"), flags=re.MULTILINE) if source.is_file() else []
    expected = max(coding, len(labels))
    assert count == expected, (
        f"{name}: {count} solutions on the page, {expected} exercises "
        f"({coding} in the registry, {len(labels)} labelled in {source.name})"
    )
    before = chapter.problems()
    for index in range(count):
        solution = solutions.nth(index)
        body = solution.locator(":scope > :not(.admonition-title)").first
        assert body.count() == 1, f"{name}: solution {index} has no content"
        assert body.is_hidden(), f"{name}: solution {index} is visible before it is opened"
        # The chevron sphinx-togglebutton adds. (Clicking the title's "Exercise N" link instead
        # jumps to the exercise and throws in togglebutton.js: its handler misses that target.)
        toggle = solution.locator(".admonition-title .toggle-button")
        assert toggle.count() == 1, f"{name}: solution {index} has no toggle button"
        toggle.click()
        body.wait_for(state="visible", timeout=5_000)
        assert body.inner_text().strip(), f"{name}: solution {index} opened but shows no text"
    _assert_no_new_problems(chapter, before, "opening the solutions")


def test_download_menu_offers_the_notebook(chapter: Visit) -> None:
    name = _page_name(chapter)
    page = chapter.page
    link = page.locator('.dropdown-download-buttons a[href$=".ipynb"]')
    if name in REFERENCE_PAGES:
        assert link.count() == 0, f"{name} is a reference page but its download menu offers a notebook"
        return
    assert link.count() == 1, f"{name}: the download menu offers {link.count()} .ipynb links"
    before = chapter.problems()
    page.locator(".dropdown-download-buttons button").first.click()
    link.wait_for(state="visible", timeout=5_000)

    url = urljoin(page.url, link.get_attribute("href"))
    response = page.request.get(url)
    assert response.status == 200, f"{url} answered HTTP {response.status}"
    notebook = nbformat.reads(response.text(), as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3", f"{url}: kernel is not python3"
    _assert_no_new_problems(chapter, before, "opening the download menu")


def _page_name(visit: Visit) -> str:
    return Path(urlparse(visit.url).path).stem


# ---------------------------------------------------------------------------------------------
# The whole book


def test_search_finds_xavier_in_the_initialization_chapter(open_page: PageOpener) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    visit = open_page("search.html?q=Xavier")
    results = visit.page.locator("#search-results a")
    try:
        visit.page.locator('#search-results a[href^="initialization.html"]').first.wait_for(timeout=DEFAULT_TIMEOUT_MS)
    except PlaywrightTimeout:
        found = [results.nth(i).get_attribute("href") for i in range(results.count())]
        pytest.fail(f"searching 'Xavier' does not link to initialization.html; results: {found}", pytrace=False)
    _assert_clean(visit)


def test_requests_to_other_hosts_are_caught(open_page: PageOpener) -> None:
    """The guard the offline checks rely on: a request to another host is recorded and aborted."""
    visit = open_page("index.html")
    visit.page.evaluate("() => fetch('http://example.com/').catch(() => null)")
    assert visit.offsite_requests == ["http://example.com/"]
