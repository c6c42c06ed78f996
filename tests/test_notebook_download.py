"""The downloadable notebooks: solution stripping (unit) and the built downloads."""

from __future__ import annotations

import copy
import json
import sys

import nbformat
import pytest
from myst_nb.core.read import read_myst_markdown_notebook

from book_build import JUPYTEXT_HEADER, REPO_ROOT
from browser_support import NOTEBOOK_CHAPTERS

sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))

from solution_stripping import strip_solutions, strip_solutions_from_text  # noqa: E402

GATED = JUPYTEXT_HEADER + """
# A chapter

```{code-cell} ipython3
x = 1
```

## Exercises

```{exercise} Double it
:label: ex-double

Write `double(v)`.
```

```{solution-start} ex-double
:class: dropdown
```

The solution multiplies by two:

```{code-cell} ipython3
def double(v):
    return SECRET_SOLUTION * v
```

```{solution-end}
```

Text after the solution stays.

```{code-cell} ipython3
y = 2
```
"""

DIRECTIVE = JUPYTEXT_HEADER + """
# A chapter

````{exercise} Halve it
:label: ex-half

Write `half(v)`.
````

````{solution} ex-half
:class: dropdown

```python
def half(v):
    return SECRET_SOLUTION / 2
```
````

:::{solution} ex-half
Also SECRET_SOLUTION in a colon fence.
:::

Closing words.
"""


def notebook_from(text: str) -> dict:
    return json.loads(nbformat.writes(read_myst_markdown_notebook(text)))


def all_text(notebook: dict) -> str:
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"])


def test_gated_solution_cells_are_removed_and_the_exercise_kept():
    notebook = notebook_from(GATED)
    assert "SECRET_SOLUTION" in all_text(notebook)  # the fixture really has a solution
    stripped = strip_solutions(notebook)
    text = all_text(stripped)
    assert "SECRET_SOLUTION" not in text
    assert "solution-start" not in text and "solution-end" not in text
    assert "The solution multiplies" not in text
    assert "Write `double(v)`." in text
    assert "Text after the solution stays." in text
    code = [c["source"] for c in stripped["cells"] if c["cell_type"] == "code"]
    assert [("".join(s)).strip() for s in code] == ["x = 1", "y = 2"]


def test_solution_directives_are_cut_out_of_markdown_cells():
    stripped = strip_solutions(notebook_from(DIRECTIVE))
    text = all_text(stripped)
    assert "SECRET_SOLUTION" not in text
    assert "{solution}" not in text
    assert "Write `half(v)`." in text
    assert "Closing words." in text


def test_stripping_leaves_the_input_alone_and_a_plain_notebook_unchanged():
    notebook = notebook_from(GATED)
    before = copy.deepcopy(notebook)
    strip_solutions(notebook)
    assert notebook == before
    plain = notebook_from(JUPYTEXT_HEADER + "\n# Title\n\n```{code-cell} ipython3\n1 + 1\n```\n")
    assert strip_solutions(plain) == plain


def test_markdown_source_loses_both_solution_forms_and_keeps_the_rest():
    for chapter in (GATED, DIRECTIVE):
        assert "SECRET_SOLUTION" in chapter
        text = strip_solutions_from_text(chapter)
        assert "SECRET_SOLUTION" not in text and "{solution" not in text
        assert "# A chapter" in text
    assert "Text after the solution stays." in strip_solutions_from_text(GATED)
    assert "Closing words." in strip_solutions_from_text(DIRECTIVE)


def test_stripped_notebook_is_valid_nbformat():
    stripped = strip_solutions(notebook_from(GATED))
    nbformat.validate(nbformat.from_dict(stripped))


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_chapter_page_offers_its_notebook_without_solutions(built_book, chapter):
    page = (built_book / f"{chapter}.html").read_text(encoding="utf-8")
    assert f"_sources/{chapter}.ipynb" in page, "download menu lacks the .ipynb entry"
    download = built_book / "_sources" / f"{chapter}.ipynb"
    notebook = nbformat.read(download, as_version=4)
    nbformat.validate(notebook)
    text = all_text(json.loads(nbformat.writes(notebook)))
    assert "{solution" not in text
    executed = [c for c in notebook.cells if c.cell_type == "code" and c.get("execution_count")]
    has_code = "{code-cell}" in (REPO_ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
    assert bool(executed) == has_code, "the download should be the executed notebook"


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_markdown_source_download_has_no_solutions(built_book, chapter):
    page = (built_book / f"{chapter}.html").read_text(encoding="utf-8")
    assert f"_sources/{chapter}.md" in page, "download menu lacks the .md entry"
    source = (built_book / "_sources" / f"{chapter}.md").read_text(encoding="utf-8")
    original = (REPO_ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
    assert "{solution" not in source
    assert ("{exercise-start}" in source) == ("{exercise-start}" in original)
