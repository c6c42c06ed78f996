"""Remove exercise solutions from a notebook before readers download it.

sphinx-exercise solutions reach the executed notebook as raw MyST text, in two forms:

* a ``{solution}`` directive inside a markdown cell: the directive's fence through its
  matching closing fence is removed;
* a gated solution: a ``{solution-start}`` fence, any cells (usually code cells), and a
  ``{solution-end}`` fence. Everything from the opening fence through the closing
  fence of ``{solution-end}`` is removed, across cells; text before the opening fence
  and after the end (often the exercise statement itself) is kept.

This module needs no Sphinx: it works on the plain notebook dict (nbformat JSON), or on
a chapter's MyST text for the ``.md`` source download.
"""

from __future__ import annotations

import copy
import re
from typing import Any

# An opening fence of a solution directive: ``` or ::: (three or more), then the name.
_OPENING = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\s*\{(?P<name>solution|solution-start|solution-end)\}")


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` is a closing fence for an opening ``fence`` (same char, at least as long)."""
    stripped = line.strip()
    return (
        len(stripped) >= len(fence)
        and set(stripped) == {fence[0]}
    )


def _source_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


class _Stripper:
    """Walks the cells in order; ``gated`` is True between solution-start and solution-end."""

    def __init__(self) -> None:
        self.gated = False

    def markdown(self, text: str) -> str:
        kept: list[str] = []
        lines = text.splitlines(keepends=True)
        i = 0
        while i < len(lines):
            match = _OPENING.match(lines[i])
            name = match["name"] if match else None
            if self.gated and name != "solution-end":
                i += 1
                continue
            if name is None:
                kept.append(lines[i])
                i += 1
                continue
            if name == "solution-start":
                self.gated = True
            elif name == "solution-end":
                self.gated = False
            # Skip the directive through its closing fence (a directive with no
            # closing fence in this cell runs to the end of the cell).
            fence = match["fence"]
            i += 1
            while i < len(lines) and not _closes(lines[i], fence):
                i += 1
            i += 1
        return "".join(kept)


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
    walker = _Stripper()
    cells = []
    for cell in stripped.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = _source_text(cell)
            new_text = walker.markdown(text)
            if not new_text.strip():
                continue
            if new_text != text:
                cell["source"] = new_text.strip("\n")
        elif walker.gated:
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
    return _Stripper().markdown(text)
