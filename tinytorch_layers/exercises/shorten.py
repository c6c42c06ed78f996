"""Shorten what a learner's code printed to what fits on a screen: the tail, with a count."""

from __future__ import annotations

__all__ = ["MAX_LINES", "MAX_WIDTH", "shorten_tail"]

MAX_LINES = 20
MAX_WIDTH = 200


def shorten_tail(text: str, total_lines: int | None = None, max_lines: int = MAX_LINES, width: int = MAX_WIDTH) -> str:
    """The last ``max_lines`` lines of ``text``, each cut to ``width`` characters.

    ``total_lines`` is how many lines the full output had, when ``text`` is already only
    its tail. A trailing newline is kept.

    Examples:
        >>> print(shorten_tail("".join(f"line {i}\\n" for i in range(100)), max_lines=2))
        [98 earlier lines left out]
        line 98
        line 99
        <BLANKLINE>
        >>> shorten_tail("x" * 250, width=10)
        'xxxxxxxxxx [240 more characters]'
    """
    lines = text.splitlines()
    total = len(lines) if total_lines is None else max(total_lines, len(lines))
    shown = [
        line if len(line) <= width else f"{line[:width]} [{len(line) - width} more characters]"
        for line in lines[-max_lines:]
    ]
    if total > len(shown):
        shown.insert(0, f"[{total - len(shown)} earlier lines left out]")
    return "\n".join(shown) + ("\n" if text.endswith("\n") else "")
