"""Remove exercise solutions from a notebook before readers download it.

sphinx-exercise solutions reach the executed notebook as raw MyST text, in two forms:

* a ``{solution}`` directive inside a markdown cell: the directive's fence through its
  matching closing fence is removed;
* a gated solution: a ``{solution-start}`` fence, any cells (usually code cells), and a
  ``{solution-end}`` fence. Everything from the opening fence through the closing
  fence of ``{solution-end}`` is removed, across cells; text before the opening fence
  and after the end (often the exercise statement itself) is kept.

This module needs no Sphinx: it works on the plain notebook dict (nbformat JSON), or on
a chapter's MyST text for the ``.md`` source download. Where the solutions are is read by
``myst_reading``, with the parser of the build.
"""

from __future__ import annotations

import copy
from typing import Any

from myst_reading import solution_spans


def _source_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _without_solutions(text: str, gated: bool) -> tuple[str, bool]:
    """``text`` without its solutions, and whether it ends inside a gated solution;
    ``gated`` says it starts inside one (a solution-start in an earlier cell)."""
    spans, gated_after = solution_spans(text, gated)
    lines = text.splitlines(keepends=True)
    kept = [line for number, line in enumerate(lines) if not any(start <= number < stop for start, stop in spans)]
    return "".join(kept), gated_after


def strip_solutions(notebook: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of ``notebook`` without exercise solutions.

    Args:
        notebook: A notebook as a dict (nbformat 4 JSON), for example the executed
            notebook myst-nb writes for a chapter.

    Returns:
        A new notebook dict: cells inside gated solutions are dropped, ``{solution}``
        blocks are cut out of markdown cells, and cells left empty are dropped.
        The input is not modified.
    """
    stripped = copy.deepcopy(notebook)
    gated = False
    cells = []
    for cell in stripped.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = _source_text(cell)
            new_text, gated = _without_solutions(text, gated)
            if not new_text.strip():
                continue
            if new_text != text:
                cell["source"] = new_text.strip("\n")
        elif gated:
            continue
        cells.append(cell)
    stripped["cells"] = cells
    return stripped


def strip_solutions_from_text(text: str) -> str:
    """Return a chapter's MyST text without its exercise solutions (both forms above).

    Examples:
        >>> chapter = "Intro\n```{solution-start} ex-a\n```\nx = 1\n```{solution-end}\n```\nEnd\n"
        >>> strip_solutions_from_text(chapter)
        'Intro\nEnd\n'
    """
    return _without_solutions(text, False)[0]
