"""Read the book's MyST markdown: one reader for the Sphinx extensions and the tests.

Whatever needs to know where a chapter's code cells, ``>>>`` examples, directives, exercise
solutions or ``%`` comments are asks this module: the downloadable notebooks
(``reader_notebook``, ``solution_stripping``), the tests' chapter runner
(``tests/chapter_runs.py``) and the tests that read chapters. It parses with myst-parser's
own markdown-it parser and the MyST extensions of ``conf.py``, so a fence, a role or a
directive is found exactly where the build finds it, never inside a code span or a code block;
the bodies of directives that hold markdown (``{note}``, ``{exercise}``, ``{solution}``...)
are read the same way, with their lines counted in the chapter's file.

Needs myst-parser (and PyYAML), not Sphinx.
"""

from __future__ import annotations

import doctest
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

# The MyST extensions of the book (conf.py reads them from here).
MYST_EXTENSIONS = ("amsmath", "colon_fence", "deflist", "dollarmath", "substitution")
FENCES = ("fence", "colon_fence")
# Directives whose body is code, math, options or data, never markdown with blocks of its own.
NOT_MARKDOWN = {
    "code-cell", "code-block", "code", "sourcecode", "literalinclude", "math", "eval-rst",
    "glue", "glue:any", "glue:figure", "glue:math", "doctest", "testcode", "testoutput",
    "raw", "toctree", "exercise-end", "solution-end", "image", "figure-md", "csv-table",
}
# Fences whose ``>>>`` lines are examples (```` ```python ````, ```` ```pycon ````...);
# a ``{doctest}`` directive holds examples too.
EXAMPLE_LANGUAGES = ("python", "pycon", "py", "")


@cache
def parser() -> MarkdownIt:
    """myst-parser's markdown-it parser with the book's MyST extensions."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)


@cache
def tokens(text: str) -> tuple[Token, ...]:
    """The markdown-it tokens of a text, parsed once per text."""
    return tuple(parser().parse(text))


@dataclass(frozen=True)
class Directive:
    """A ``{name} argument`` fence: its options (as strings) and its body.

    ``body_offset`` is how many lines the body's first line lies below the opening fence
    (one, plus the lines of the options).
    """

    name: str
    argument: str
    options: dict[str, str]
    body: str
    body_offset: int

    @property
    def text(self) -> str:
        """The body without its leading and trailing blank lines."""
        return self.body.strip("\n")


def directive(token: Token) -> Directive | None:
    """The directive a fence token opens, or None for a plain fence.

    Examples:
        >>> found = directive(tokens("```{note} A title\\n:class: tip\\nSome *text*.\\n```\\n")[0])
        >>> found.name, found.argument, found.options, found.text, found.body_offset
        ('note', 'A title', {'class': 'tip'}, 'Some *text*.', 2)
    """
    if token.type not in FENCES:
        return None
    match = re.match(r"^\{([\w:-]+)\}\s*(.*)$", token.info.strip())
    if not match:
        return None
    lines = token.content.split("\n")
    options: dict[str, str] = {}
    skip = 0
    if lines and lines[0].strip() == "---":  # a YAML block of options
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            loaded = yaml.safe_load("\n".join(lines[1:end])) or {}
            options = {str(k): str(v) for k, v in loaded.items()}
            skip = end + 1
    else:
        while skip < len(lines) and (option := re.match(r"^\s*:([\w-]+):\s*(.*)$", lines[skip])):
            value = option.group(2).strip()
            # MyST reads option values as YAML: a quoted value loses its quotes.
            if value[:1] in ("'", '"'):
                value = str(yaml.safe_load(value))
            options[option.group(1)] = value
            skip += 1
    return Directive(match.group(1), match.group(2).strip(), options, "\n".join(lines[skip:]), 1 + skip)


def top_level_blocks(token_list: list[Token] | tuple[Token, ...]) -> list[tuple[Token, list[Token]]]:
    """Each top-level block: its first token and all tokens up to its closing one."""
    blocks = []
    i = 0
    while i < len(token_list):
        token = token_list[i]
        if token.nesting == 1:
            depth, j = 1, i + 1
            while depth:
                depth += token_list[j].nesting
                j += 1
            blocks.append((token, list(token_list[i:j])))
            i = j
        else:
            blocks.append((token, [token]))
            i += 1
    return blocks


def example_text(token: Token) -> str | None:
    """The ``>>>`` examples a block holds: a fence of them (```` ```python ````,
    ```` ```pycon ````...) or a ``{doctest}`` directive; else None."""
    if token.type not in FENCES:
        return None
    found = directive(token)
    if found is not None:
        return found.body if found.name == "doctest" else None
    if token.type == "fence" and token.info.strip() in EXAMPLE_LANGUAGES:
        return token.content if token.content.lstrip().startswith(">>>") else None
    return None


def tags_of(options: dict[str, str]) -> list[str]:
    """The ``tags`` option of a code cell, from ``:tags: [a, b]`` or a YAML block."""
    tags = options.get("tags", "")
    return [t.strip().strip("'\"") for t in tags.strip().strip("[]").split(",") if t.strip()]


@dataclass(frozen=True)
class Block:
    """A fenced block or a ``%`` comment of a chapter, with where it is.

    Attributes:
        kind: ``code-cell``, ``examples`` (a fence of ``>>>`` examples or a ``{doctest}``),
            ``fence`` (any other fence of code), ``directive`` (any other directive) or
            ``comment``.
        line: 1-based line of the opening fence (of the comment) in the file.
        end: 1-based line of the block's last line.
        name: the directive's name, the fence's language, or the comment's text.
        argument, options: the directive's (empty for a fence).
        body: the content without the options.
        body_line: 1-based line of the body's first line.
        solution: inside an exercise solution (a ``{solution}`` directive, or between
            ``{solution-start}`` and ``{solution-end}``), or one of those directives.
        depth: 0 at the top level, 1 inside a directive, and so on.
    """

    kind: str
    line: int
    end: int
    name: str
    argument: str
    options: dict[str, str]
    body: str
    body_line: int
    solution: bool
    depth: int

    @property
    def tags(self) -> list[str]:
        return tags_of(self.options)

    @property
    def source(self) -> str:
        """The body without leading and trailing blank lines (a code cell's source)."""
        return self.body.strip("\n")

    def examples(self) -> list[doctest.Example]:
        """The ``>>>`` examples of an ``examples`` block; ``lineno`` is the 1-based line of
        each ``>>>`` in the file."""
        found = doctest.DocTestParser().get_examples(self.body)
        for example in found:
            example.lineno += self.body_line
        return found


def _fence_tokens(text: str, offset: int, depth: int) -> Iterator[tuple[Token, Directive | None, int, int]]:
    """``(token, directive, 0-based line offset of the token's text, depth)`` for every
    fence and comment, in document order, including those in the bodies of directives that
    hold markdown."""
    for token in tokens(text):
        if token.map is None or token.type not in (*FENCES, "myst_line_comment"):
            continue
        found = directive(token)
        yield token, found, offset, depth
        if found is not None and found.name not in NOT_MARKDOWN:
            yield from _fence_tokens(found.body, offset + token.map[0] + found.body_offset, depth + 1)


def blocks(text: str) -> list[Block]:
    """Every fenced block and ``%`` comment of a MyST text, in document order.

    Examples:
        >>> chapter = "```{code-cell} ipython3\\n:tags: [raises-exception]\\n1 / 0\\n```\\n\\n" \\
        ...     "```{solution-start} ex-a\\n```\\n```python\\n>>> 1 + 1\\n2\\n```\\n```{solution-end}\\n```\\n"
        >>> [(b.kind, b.line, b.name, b.solution) for b in blocks(chapter)]
        [('code-cell', 1, 'code-cell', False), ('directive', 6, 'solution-start', True), ('examples', 8, 'python', True), ('directive', 12, 'solution-end', True)]
        >>> [b.tags for b in blocks(chapter)][0], blocks(chapter)[2].examples()[0].lineno
        (['raises-exception'], 9)
    """
    spans = solution_spans(text)[0]
    found = []
    for token, directive_found, offset, depth in _fence_tokens(text, 0, 0):
        line = offset + token.map[0]
        end = offset + token.map[1] - 1
        solution = any(start <= line < stop for start, stop in spans)
        if token.type == "myst_line_comment":
            found.append(Block("comment", line + 1, end + 1, token.content.strip(), "", {}, "", line + 1,
                               solution, depth))
            continue
        examples = example_text(token)
        if directive_found is not None:
            kind = "code-cell" if directive_found.name == "code-cell" else "directive"
            if examples is not None:
                kind = "examples"
            found.append(Block(kind, line + 1, end + 1, directive_found.name, directive_found.argument,
                               directive_found.options, directive_found.body,
                               line + 1 + directive_found.body_offset, solution, depth))
        else:
            found.append(Block("examples" if examples is not None else "fence", line + 1, end + 1,
                               token.info.strip(), "", {}, token.content, line + 2, solution, depth))
    return found


def code_cells(text: str, *, solutions: bool = True) -> list[Block]:
    """The ``{code-cell}`` blocks of a chapter; with ``solutions=False`` without those of
    exercise solutions."""
    return [b for b in blocks(text) if b.kind == "code-cell" and (solutions or not b.solution)]


def solution_spans(text: str, gated: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Where a text's exercise solutions are: 0-based ``[start, stop)`` line spans, and whether
    the text ends inside a gated solution.

    A ``{solution}`` directive is a span; so is everything from a ``{solution-start}`` fence
    through the fence of its ``{solution-end}``, which may lie in a later text (a later cell of
    a notebook): ``gated`` says the text starts inside one.

    Examples:
        >>> solution_spans("a\\n```{solution-start} ex\\n```\\nb\\n```{solution-end}\\n```\\nc\\n")
        ([(1, 6)], False)
        >>> solution_spans("b\\n```{solution-end}\\n```\\nc\\n", gated=True)
        ([(0, 3)], False)
    """
    spans: list[tuple[int, int]] = []
    start = 0 if gated else None
    for token, found, offset, _depth in _fence_tokens(text, 0, 0):
        name = found.name if found is not None else None
        first, stop = offset + token.map[0], offset + token.map[1]
        if start is not None:  # inside a gated solution
            if name == "solution-end":
                spans.append((start, stop))
                start = None
        elif name in ("solution", "solution-end"):  # a stray end is dropped too
            spans.append((first, stop))
        elif name == "solution-start":
            start = first
    if start is not None:
        spans.append((start, len(text.splitlines())))
    return _merged(spans), start is not None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


@dataclass(frozen=True)
class Exercise:
    """An exercise directive (``{exercise}`` or ``{exercise-start}``) and its solution.

    ``solution`` is the 1-based ``(first, last)`` line of the solution's content: the body of
    its ``{solution}`` directive, or the lines between ``{solution-start}`` and
    ``{solution-end}``; None when it has none.
    """

    label: str
    line: int
    solution: tuple[int, int] | None


def exercises(text: str) -> list[Exercise]:
    """The exercises of a chapter, in order, with where their solutions are.

    Examples:
        >>> chapter = "```{exercise-start} Sum\\n:label: ex-sum\\n```\\nAdd.\\n```{exercise-end}\\n```\\n" \\
        ...     "```{solution-start} ex-sum\\n:class: dropdown\\n```\\nTwo.\\n```{solution-end}\\n```\\n"
        >>> exercises(chapter)
        [Exercise(label='ex-sum', line=1, solution=(10, 10))]
    """
    found = blocks(text)
    solutions: dict[str, tuple[int, int]] = {}
    for index, block in enumerate(found):
        if block.name == "solution":
            solutions[block.argument] = (block.body_line, block.end - 1)
        elif block.name == "solution-start":
            end = next((b for b in found[index + 1:] if b.name == "solution-end"), None)
            solutions[block.argument] = (block.end + 1, (end.line if end else len(text.splitlines()) + 1) - 1)
    return [Exercise(block.options["label"], block.line, solutions.get(block.options["label"]))
            for block in found if block.name in ("exercise", "exercise-start") and "label" in block.options]


def headings(text: str) -> list[tuple[int, str, int]]:
    """``(level, title, 1-based line)`` of every heading of a text (not inside directives).

    Examples:
        >>> headings("# Title\\n\\nText.\\n\\n## Summary\\n")
        [(1, 'Title', 1), (2, 'Summary', 5)]
    """
    found = []
    token_list = tokens(text)
    for token, inline in zip(token_list, token_list[1:]):
        if token.type == "heading_open" and token.map:
            found.append((int(token.tag[1:]), inline.content, token.map[0] + 1))
    return found
