"""The chapters as notebooks: what a reader downloads from the book, and what jupytext opens.

A reader can take a chapter away in two ways: the executed ``.ipynb`` from the page's download
menu, or the chapter's ``.md`` opened with jupytext. Both must be real notebooks that run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jupytext
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

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

CELL_TIMEOUT_SECONDS = 300


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
    not_run = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and cell.get("execution_count") is None]
    assert not not_run, f"{path.name}: code cells {not_run} were not executed (no execution_count)"
    raw = path.read_text(encoding="utf-8")
    assert "{solution" not in raw, f"{path.name} contains a {{solution}} directive: a solution was not stripped"
    sources = "\n".join(cell.source for cell in nb.cells)
    leaked = sorted(line for line in solution_only_lines(text) if line in sources)
    assert not leaked, f"{path.name} contains solution code: {leaked}"
    # The reader gets every code cell of the chapter except the solutions, in order.
    got = [cell.source.strip("\n") for cell in nb.cells if cell.cell_type == "code"]
    expected = code_cells(text, solutions=False)
    for index, (line, source) in enumerate(expected):
        assert index < len(got), f"{path.name} stops before the code cell at {chapter}.md:{line}"
        assert got[index] == source, (
            f"{path.name}: code cell {index} is not the one at {chapter}.md:{line}:\n{got[index][:300]}"
        )
    assert len(got) == len(expected), f"{path.name} has {len(got) - len(expected)} code cells more than the chapter"


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_downloaded_notebook_runs_clean(book_html: Path, chapter: str, tmp_path: Path) -> None:
    """Run the notebook the way a reader would: fresh kernel, in an empty folder."""
    nb = nbformat.read(downloadable_notebook(book_html, chapter), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    # A reader's kernel draws figures inline; an inherited MPLBACKEND=Agg would make plt.show()
    # warn on stderr instead.
    env = {name: value for name, value in os.environ.items() if name != "MPLBACKEND"}
    # nbclient raises CellExecutionError on an error, except in cells tagged raises-exception.
    NotebookClient(
        nb, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute(env=env)

    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        expected_to_fail = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        for output in cell.outputs:
            if output.output_type == "error" and not expected_to_fail:
                problems.append(f"cell {index}: {output.ename}: {output.evalue}")
            if output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {index} wrote to stderr: {output.text.strip()[:200]}")
    assert not problems, f"{chapter}.ipynb:\n" + "\n".join(problems)


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
