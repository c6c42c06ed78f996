"""The chapters as notebooks: what a reader downloads from the book, and what jupytext opens.

A reader can take a chapter away in two ways: the executed ``.ipynb`` from the page's download
menu, or the chapter's ``.md`` opened with jupytext. Both must be real notebooks that run.
The downloaded notebook must also run and read well in plain Jupyter: it runs here with the
kernel of the reader's environment (``.venv-reader``: the package, matplotlib, ipykernel and
nothing else), and its markdown must hold no MyST syntax.
"""

from __future__ import annotations

import doctest
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jupytext
import nbformat
import pytest
import yaml

from book_build import REPO_ROOT
from browser_support import (
    BOOK_SOURCE,
    NOTEBOOK_CHAPTERS,
    REFERENCE_PAGES,
    book_html_dir,
    code_cells,
    ipynb_links,
    solution_only_lines,
    toctree_pages,
)
from chapter_runs import chapter_run, shared_folder
from reader_environment import (
    READER_VENV,
    files_outside_the_reader_environment,
    reader_kernel_manager,
)

sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))

from reader_notebook import GLUE_IMPORT, GLUE_STAND_IN, MARKER_TAG  # noqa: E402
from solution_stripping import strip_solutions_from_text  # noqa: E402



@pytest.fixture(scope="module")
def book_html(request: pytest.FixtureRequest) -> Path:
    return book_html_dir(request)


def downloadable_notebook(book_html: Path, chapter: str) -> Path:
    """The ``.ipynb`` the chapter's page links to, as a file of the build."""
    page = book_html / f"{chapter}.html"
    assert page.is_file(), f"the build has no page {page.name}"
    hrefs = ipynb_links(page.read_text(encoding="utf-8"))
    assert hrefs, f"{page.name} links to no .ipynb (the download menu should offer the notebook)"
    assert len(set(hrefs)) == 1, f"{page.name} links to several notebooks: {sorted(set(hrefs))}"
    # Resolve the link as a browser would, relative to the page, inside the build.
    url = urljoin(f"http://book/{chapter}.html", hrefs[0])
    notebook = book_html / urlparse(url).path.lstrip("/")
    assert notebook.is_file(), f"{page.name} links to {hrefs[0]}, which is not in the build"
    return notebook


def test_toctree_lists_the_chapters(book_html: Path) -> None:
    listed = toctree_pages((book_html / "index.html").read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(NOTEBOOK_CHAPTERS + REFERENCE_PAGES), (
        f"the landing page's toctree lists {listed}; the tests expect the chapters "
        f"{NOTEBOOK_CHAPTERS} and the reference pages {REFERENCE_PAGES}"
    )


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_download_is_the_executed_notebook_without_solutions(book_html: Path, chapter: str) -> None:
    path = downloadable_notebook(book_html, chapter)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)

    # Compare with the chapter as it was when the book was built (Sphinx keeps a copy).
    built_source = book_html / "_sources" / f"{chapter}.md"
    text = built_source.read_text(encoding="utf-8") if built_source.is_file() else _chapter_text(chapter)
    # The cells made from >>> examples were not run by the build (their expected output is a
    # comment in the cell); every other code cell was.
    not_run = [
        i for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and cell.get("execution_count") is None and not _from_doctest(cell)
    ]
    assert not not_run, f"{path.name}: code cells {not_run} were not executed (no execution_count)"
    raw = path.read_text(encoding="utf-8")
    assert "{solution" not in raw, f"{path.name} contains a {{solution}} directive: a solution was not stripped"
    sources = "\n".join(cell.source for cell in nb.cells)
    leaked = sorted(line for line in solution_only_lines(text) if line in sources)
    assert not leaked, f"{path.name} contains solution code: {leaked}"
    # The reader gets every code cell of the chapter except the solutions, in order, with the
    # myst-nb import replaced by the local glue (the cells made from >>> examples are checked below).
    got = [cell.source.strip("\n") for cell in nb.cells if cell.cell_type == "code" and not _from_doctest(cell)]
    expected = [
        (line, source.replace(GLUE_IMPORT, GLUE_STAND_IN)) for line, source in code_cells(text, solutions=False)
    ]
    for index, (line, source) in enumerate(expected):
        assert index < len(got), f"{path.name} stops before the code cell at {chapter}.md:{line}"
        assert got[index] == source, (
            f"{path.name}: code cell {index} is not the one at {chapter}.md:{line}:\n{got[index][:300]}"
        )
    assert len(got) == len(expected), f"{path.name} has {len(got) - len(expected)} code cells more than the chapter"


def _from_doctest(cell) -> bool:
    return MARKER_TAG in cell.get("metadata", {}).get("tags", [])


def _example_sources(text: str) -> list[str]:
    """The source of every ``>>>`` example of a chapter's text, in order."""
    return [example.source.rstrip("\n") for example in doctest.DocTestParser().get_examples(text)]


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_download_turns_every_example_into_a_code_cell(book_html: Path, chapter: str) -> None:
    """The >>> examples of the chapter (outside solutions) are code cells a reader can run,
    in order, each with its expected output kept as a comment."""
    nb = nbformat.read(downloadable_notebook(book_html, chapter), as_version=4)
    examples = _example_sources(strip_solutions_from_text(_chapter_text(chapter)))
    cells = [cell.source for cell in nb.cells if cell.cell_type == "code" and _from_doctest(cell)]
    code = [line for source in cells for line in source.split("# Expected")[0].rstrip("\n").splitlines()]
    assert code == "\n".join(examples).splitlines(), f"{chapter}.ipynb: the example cells are not the chapter's >>> examples"
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    kept = re.findall(r"^\s*>>> .*$", markdown, flags=re.M)
    assert not kept, f"{chapter}.ipynb keeps >>> examples in its markdown: {kept}"


# MyST that plain Jupyter would show as literal text.
MYST_SYNTAX = {
    "role": re.compile(r"\{[\w:.+-]+\}`"),
    "directive": re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{", re.M),
    "target": re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M),
    "colon fence": re.compile(r"^\s*:{3,}", re.M),
    "block break": re.compile(r"^\+\+\+", re.M),
}


def myst_syntax(markdown: str) -> list[str]:
    """The MyST constructs found in a markdown cell, as ``kind: text``."""
    return [f"{kind}: {match.group(0).strip()}" for kind, pattern in MYST_SYNTAX.items() for match in pattern.finditer(markdown)]


def test_myst_syntax_finder_sees_each_construct() -> None:
    """The check below is only as good as this finder: each construct alone is reported."""
    for text in ("see {ref}`preface`", "```{note}\nx\n```", "(label)=\n# Title", ":::{tip}\nx\n:::", "+++"):
        assert myst_syntax(text), f"not seen: {text!r}"
    assert myst_syntax("A $x$ formula, `code`, a [link](a.html#b) and\n```python\nx = {1: 2}\n```") == []


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_download_shows_no_myst_syntax_and_needs_no_myst_nb(book_html: Path, chapter: str) -> None:
    nb = nbformat.read(downloadable_notebook(book_html, chapter), as_version=4)
    found = [f"markdown cell {i}: {item}" for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
             for item in myst_syntax(cell.source)]
    assert not found, f"{chapter}.ipynb shows MyST syntax in plain Jupyter:\n" + "\n".join(found)
    imports = [
        i for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and re.search(r"^\s*(?:from|import)\s+myst_nb\b", cell.source, flags=re.M)
    ]
    assert not imports, f"{chapter}.ipynb: code cells {imports} use myst_nb"


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_download_shows_the_glued_numbers_the_page_shows(book_html: Path, chapter: str) -> None:
    """Every value the HTML page pastes with {glue:text} is in the notebook's text, in order."""
    page = (book_html / f"{chapter}.html").read_text(encoding="utf-8")
    pasted = [html.unescape(text) for text in re.findall(r'<span class="pasted-text">(.*?)</span>', page)]
    glued_in_source = len(re.findall(r"\{glue:text\}`", strip_solutions_from_text(_chapter_text(chapter))))
    assert len(pasted) == glued_in_source, f"{chapter}.html pastes {len(pasted)} values, the chapter glues {glued_in_source}"
    nb = nbformat.read(downloadable_notebook(book_html, chapter), as_version=4)
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    position = 0
    for value in pasted:
        found = markdown.find(value, position)
        assert found >= 0, f"{chapter}.ipynb lacks the glued value {value!r} (after position {position})"
        position = found + len(value)


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_download_links_lead_to_pages_of_the_built_book(book_html: Path, chapter: str) -> None:
    """Cross-references became markdown links; the relative ones work next to the built site
    (the notebook is served from _sources/) and reach an element with that id."""
    notebook_path = downloadable_notebook(book_html, chapter)
    nb = nbformat.read(notebook_path, as_version=4)
    links = [url for cell in nb.cells if cell.cell_type == "markdown"
             for url in re.findall(r"\]\(([^)\s]+)\)", cell.source)]
    if "{ref}`" in _chapter_text(chapter) or "{py:" in _chapter_text(chapter):
        assert links, f"{chapter}.ipynb has no links, though the chapter cross-references"
    broken = []
    for url in links:
        if "://" in url:
            continue
        path, _, anchor = url.partition("#")
        target = (notebook_path.parent / path).resolve()
        if not target.is_file():
            broken.append(f"{url}: no file {path}")
        elif anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            broken.append(f"{url}: {target.name} has no id {anchor!r}")
    assert not broken, f"{chapter}.ipynb has broken links:\n" + "\n".join(broken)


def test_reader_environment_lacks_the_book_tools() -> None:
    """The environment the notebooks run in has the package, numpy, matplotlib, ipykernel and
    threadpoolctl (the extra ``reader``), and none of the book's tools, so a notebook that needs
    one fails below."""
    reader_kernel_manager()  # fails with a clear message when setup.sh has not run
    probe = (
        "import importlib.util, json, sys;"
        "print(json.dumps({m: importlib.util.find_spec(m) is not None for m in sys.argv[1:]}))"
    )
    wanted = ["tinytorch_layers", "numpy", "matplotlib", "ipykernel", "threadpoolctl"]
    unwanted = ["myst_nb", "myst_parser", "sphinx", "jupytext", "nbclient", "sybil", "pytest"]
    result = subprocess.run(
        [str(READER_VENV / "bin" / "python"), "-I", "-c", probe, *wanted, *unwanted],
        capture_output=True, text=True, check=True,
    )
    found = json.loads(result.stdout)
    assert all(found[name] for name in wanted), f"the reader's environment lacks some of {wanted}: {found}"
    assert not any(found[name] for name in unwanted), f"the reader's environment has book tools: {found}"


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_downloaded_notebook_runs_clean(book_html: Path, chapter: str, request: pytest.FixtureRequest) -> None:
    """The notebook runs the way a reader runs it: a fresh kernel of the reader's environment,
    in an empty folder. The chapter runner did that in this test run: it ran the cells of the
    reader's part of the chapter first, before the solutions (tests/chapter_runs.py). Here:
    the built notebook holds exactly those cells, in order, and they ran without an error
    (outside cells tagged raises-exception), without output on stderr, and without loading a
    module from outside the reader's environment."""
    record = chapter_run(BOOK_SOURCE / f"{chapter}.md", shared_folder(request.config))
    assert "error" not in record, record.get("error")
    nb = nbformat.read(downloadable_notebook(book_html, chapter), as_version=4)
    got = [(cell.source, cell.metadata.get("tags", [])) for cell in nb.cells if cell.cell_type == "code"]
    ran = [(source, tags) for source, tags in record["download"]["cells"]]
    for index, (cell, expected) in enumerate(zip(got, ran)):
        assert cell[0] == expected[0], f"{chapter}.ipynb: code cell {index} is not the cell the runner ran:\n{cell[0][:300]}"
        if MARKER_TAG in expected[1]:  # the tags of the cells made from >>> examples
            assert cell[1] == expected[1], f"{chapter}.ipynb: code cell {index} has the tags {cell[1]}, not {expected[1]}"
    assert len(got) == len(ran), f"{chapter}.ipynb has {len(got)} code cells; the runner ran {len(ran)}"

    probe = record["download"]["probe"]
    assert probe is not None, f"{chapter}.ipynb did not run to its end:\n" + "\n".join(record["download"]["problems"])
    assert Path(probe["prefix"]).resolve() == READER_VENV.resolve(), f"the kernel ran in {probe['prefix']}"
    outside = files_outside_the_reader_environment(probe)
    assert not outside, f"{chapter}.ipynb loaded modules from outside the reader's environment: {outside[:10]}"
    problems = record["download"]["problems"]
    assert not problems, f"{chapter}.ipynb:\n" + "\n".join(problems)


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_the_check_cells_of_a_downloaded_notebook_say_not_started(book_html: Path, chapter: str) -> None:
    """The chapter says that its closing cells, with nothing written yet, each print "not
    started"; the downloaded notebook holds their outputs from this test run."""
    nb = nbformat.read(downloadable_notebook(book_html, chapter), as_version=4)
    checks = [cell for cell in nb.cells if cell.cell_type == "code" and re.search(r'^check\(\n? *"', cell.source, re.M)]
    if chapter in ("preface", "index"):
        assert not checks
        return
    assert checks, f"{chapter}.ipynb ends with no check cells"
    for cell in checks:
        name = re.search(r'^check\(\n? *"(\w+)"', cell.source, re.M).group(1)
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert re.match(rf"{name} +not started\n", printed), f"{chapter}.ipynb, check of {name}: {printed!r}"


def _front_matter(text: str) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", text, flags=re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def _chapter_text(chapter: str) -> str:
    return (BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_chapter_opens_as_a_notebook_with_jupytext(chapter: str) -> None:
    path = BOOK_SOURCE / f"{chapter}.md"
    text = path.read_text(encoding="utf-8")
    nb = jupytext.read(path)

    # Check the file's own front matter: jupytext would guess the format from the cells, but
    # myst-nb treats the chapter as a notebook only with the full header jupytext writes.
    front_matter = _front_matter(text)
    representation = front_matter.get("jupytext", {}).get("text_representation", {})
    assert representation.get("format_name") == "myst", (
        f"{path.name}: the front matter lacks jupytext's text_representation (format_name: myst)"
    )
    assert front_matter.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernelspec is not python3"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: jupytext sees no python3 kernel"

    expected = code_cells(text)
    assert expected, f"{path.name} has no {{code-cell}}: it would not be a notebook"
    got = [cell.source.strip("\n") for cell in nb.cells if cell.cell_type == "code"]
    assert len(got) == len(expected), (
        f"{path.name}: jupytext finds {len(got)} code cells, the file has {len(expected)} "
        f"{{code-cell}} blocks (at lines {[line for line, _ in expected]})"
    )
    for (line, source), read in zip(expected, got):
        assert read == source, f"{path.name}:{line}: jupytext reads this code cell differently:\n{read}"


def test_code_cell_reader_sees_what_jupytext_writes() -> None:
    """The test above compares jupytext with this module's own reading of the file; check that
    reading on a notebook jupytext itself wrote, options and nested fences included."""
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\n````{note}\n```python\nnot_a_cell = 1\n```\n````"),
        nbformat.v4.new_code_cell("x = 1\nx", metadata={"tags": ["raises-exception"]}),
        nbformat.v4.new_code_cell("print('a')", metadata={"mystnb": {"image": {"alt": "a picture"}}}),
    ]
    text = jupytext.writes(nb, fmt="md:myst")
    assert [source for _, source in code_cells(text)] == ["x = 1\nx", "print('a')"]


SOLUTIONS_CHAPTER = """\
(ex)=
# A chapter

```{code-cell} ipython3
import numpy as np
```

```{exercise} Square
:label: ex-square

Square a vector.
```

````{solution} ex-square
:class: dropdown

```python
squared_by_the_directive = np.arange(3) ** 2
```
````

```{solution-start} ex-square
:class: dropdown
```

```{code-cell} ipython3
:tags: [raises-exception]
squared_by_the_gated_cell = np.arange(3) ** 2
```

```{solution-end}
```

```{code-cell} ipython3
np.arange(3)
```
"""


def test_solution_code_is_told_apart_from_the_chapter_code() -> None:
    """The leak check above is only as good as this reading of a chapter's solutions."""
    assert [source for _, source in code_cells(SOLUTIONS_CHAPTER, solutions=False)] == [
        "import numpy as np",
        "np.arange(3)",
    ]
    assert len(code_cells(SOLUTIONS_CHAPTER)) == 3
    assert solution_only_lines(SOLUTIONS_CHAPTER) == {
        "squared_by_the_directive = np.arange(3) ** 2",
        "squared_by_the_gated_cell = np.arange(3) ** 2",
    }
