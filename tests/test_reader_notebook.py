"""The conversion of a chapter's notebook for plain Jupyter (book/_ext/reader_notebook.py), on
small notebooks with every construct the chapters use. The built downloads are checked in
tests/test_notebooks.py."""

from __future__ import annotations

import doctest
import sys

import nbformat
import pytest
from myst_nb.core.read import read_myst_markdown_notebook

from book_build import JUPYTEXT_HEADER, REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))

import reader_notebook  # noqa: E402
from reader_notebook import (  # noqa: E402
    GLUE_STAND_IN,
    MARKER_TAG,
    Context,
    Link,
    UnsupportedMarkup,
)

CHAPTER = JUPYTEXT_HEADER + """
(a-chapter)=
# A chapter

See the {ref}`preface`, {py:func}`~tinytorch_layers.matmul` and {numref}`fig-x`;
`{ref}` in a code span stays as it is.

```{code-cell} ipython3
from myst_nb import glue
glue("n", 4096, display=False)
```

The product takes {glue:text}`n:,` operations and {glue:text}`ratio:.1f` times longer.

```{literalinclude} ../tinytorch_layers/matmul.py
:language: python
:pyobject: matmul
:start-after: "# BEGIN"
:caption: tinytorch_layers/matmul.py
```

```python
>>> x = 2
>>> x + 1
3
>>> 1 / 0
Traceback (most recent call last):
...
ZeroDivisionError: division by zero
```

```{note}
A note with a {doc}`link <dense>`.
```

```text
{ref}`not-a-role-in-a-code-block`
```

```{doctest}
>>> y = 5
>>> y * 2
10
```

```pycon
>>> print("done")
done
```

## Exercises

```{exercise-start} Count the things
:label: ex-count
```

Count them.

```{exercise-end}
```
"""

LINKS = {
    ("ref", "preface"): Link("Preface", "../preface.html#preface"),
    ("py:func", "~tinytorch_layers.matmul"): Link("matmul()", "../api.html#tinytorch_layers.matmul", code=True),
    ("numref", "fig-x"): Link("Fig. 1", "../a.html#fig-x"),
    ("doc", "link <dense>"): Link("link", "../dense.html"),
}


def context(**changes) -> Context:
    def include(argument, options):
        assert argument == "../tinytorch_layers/matmul.py"
        assert options["start-after"] == "# BEGIN"  # the quotes of the YAML value are gone
        return "C = A @ B\nreturn C\n"

    values = dict(resolve=lambda role, content: LINKS[(role, content)], include=include,
                  glued={"n": "4096", "ratio": "2.345"})
    values.update(changes)
    return Context(**values)


def converted(text: str = CHAPTER, **changes) -> nbformat.NotebookNode:
    notebook = nbformat.from_dict(reader_notebook.reader_notebook(read_myst_markdown_notebook(text), context(**changes)))
    nbformat.validate(notebook)
    return notebook


def markdown_of(notebook) -> str:
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_roles_become_links_and_glued_values() -> None:
    text = markdown_of(converted())
    assert "See the [Preface](../preface.html#preface), [`matmul()`](../api.html#tinytorch_layers.matmul)" in text
    assert "and [Fig. 1](../a.html#fig-x);" in text
    assert "`{ref}` in a code span stays" in text
    assert "takes 4,096 operations and 2.3 times longer" in text  # myst-nb's own formatting
    assert "(a-chapter)=" not in text


def test_directives_become_plain_markdown() -> None:
    text = markdown_of(converted())
    assert "`tinytorch_layers/matmul.py`:\n\n```python\nC = A @ B\nreturn C\n```" in text
    assert "> **Note**\n>\n> A note with a [link](../dense.html)." in text
    assert "```text\n{ref}`not-a-role-in-a-code-block`\n```" in text  # a code block is left alone
    assert "### Exercise: Count the things\n\nCount them." in text
    assert "{exercise" not in text and "{note}" not in text and "literalinclude" not in text


def test_examples_become_code_cells_in_place() -> None:
    notebook = converted()
    cells = [(cell.cell_type, cell.source, cell.metadata.get("tags", [])) for cell in notebook.cells]
    examples = [cell for cell in cells if MARKER_TAG in cell[2]]
    assert examples == [
        ("code", "x = 2\nx + 1\n# Expected output:\n# 3", [MARKER_TAG]),
        ("code", "1 / 0\n# Expected: ZeroDivisionError: division by zero", ["raises-exception", MARKER_TAG]),
        ("code", "y = 5\ny * 2\n# Expected output:\n# 10", [MARKER_TAG]),  # the {doctest} directive
        ("code", 'print("done")\n# Expected output:\n# done', [MARKER_TAG]),  # the pycon fence
    ]
    kinds = [kind for kind, _, _ in cells]
    first = cells.index(examples[0])
    assert kinds[first - 1] == "markdown" and "{literalinclude}" not in cells[first - 1][1]
    assert cells[first + 2][0] == "markdown" and "**Note**" in cells[first + 2][1]  # the text after follows


def test_glue_import_is_replaced_by_a_local_stand_in() -> None:
    code = [cell.source for cell in converted().cells if cell.cell_type == "code"]
    assert code[0] == GLUE_STAND_IN + '\nglue("n", 4096, display=False)'
    namespace: dict = {}
    exec(code[0], namespace)  # runs without myst_nb, and displays nothing with display=False


def test_unknown_markup_and_missing_glue_are_errors_not_raw_text() -> None:
    with pytest.raises(UnsupportedMarkup, match="figure"):
        converted(JUPYTEXT_HEADER + "\n# T\n\n```{figure} a.png\n```\n")
    with pytest.raises(UnsupportedMarkup, match="abbr"):
        converted(JUPYTEXT_HEADER + "\n# T\n\nAn {abbr}`NN (neural network)`.\n")
    with pytest.raises(UnsupportedMarkup, match="never glued"):
        converted(glued={"n": "4096"})
    with pytest.raises(UnsupportedMarkup, match="strip solutions first"):
        converted(JUPYTEXT_HEADER + "\n# T\n\n```{solution} ex-a\nx\n```\n")


def test_the_module_examples_hold() -> None:
    # book/_ext is not collected by pytest's --doctest-modules, so run its examples here.
    result = doctest.testmod(reader_notebook)
    assert result.attempted >= 3 and result.failed == 0


def test_examples_sybil_skips_are_not_executed_by_a_reader_kernel() -> None:
    # The training chapter's PyTorch comparison sits between "% skip:" comments: the
    # reader's environment has no PyTorch, so those cells must not run unattended.
    text = (
        "% skip: start if(torch is None, reason='no torch')\n\n```python\n>>> 1 + 1\n2\n```\n\n"
        "% skip: end\n\n```python\n>>> 2 + 2\n4\n```\n"
    )
    cells = reader_notebook.convert_markdown(text, None)
    tags = [cell.metadata["tags"] for cell in cells if cell.cell_type == "code"]
    assert tags == [[reader_notebook.MARKER_TAG, "skip-execution"], [reader_notebook.MARKER_TAG]]
