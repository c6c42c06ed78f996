"""Turn a chapter's executed notebook into one that plain Jupyter runs and shows as the book does.

myst-nb's executed notebook keeps the chapter's MyST markup in its markdown cells and imports
``myst_nb`` for ``glue``. A reader with only the package, numpy, matplotlib and a Jupyter kernel
would see raw ``{glue:text}`` roles, a ``literalinclude`` directive instead of the listing, and
a ``ModuleNotFoundError`` in the first cell. This module rewrites the notebook:

* ``from myst_nb import glue`` becomes a small local ``glue`` that only displays (the book's
  ``glue(..., display=False)`` calls then do nothing; myst-nb has already taken the glue
  outputs out of the executed notebook and saved them next to it, ``<page>.glue.json``);
* every role is replaced by text: a ``{glue:text}`` by the glued value formatted as the book
  formats it, a cross-reference (``ref``, ``numref``, ``doc``, ``py:*``) by an ordinary markdown
  link that the caller resolves (see :class:`Context`), ``{math}`` by ``$...$``;
* directives become plain markdown: ``literalinclude`` an inlined code block, an exercise a
  heading, an admonition a blockquote with a bold title; ``(label)=`` targets and ``+++``
  breaks are dropped; solutions must have been stripped before (``solution_stripping``);
* a ````python`` or ````pycon`` fence of ``>>>`` examples, or a ``{doctest}`` directive,
  becomes runnable code cells: one cell per example
  that shows output, with the expected output kept as a comment (an example that expects an
  exception is tagged ``raises-exception``).

The markdown is read with myst-parser's own markdown-it parser (``myst_reading``), so a role or a fence is found
exactly where the book's build finds it, never inside a code span or a code block. Anything the
converter does not know raises :class:`UnsupportedMarkup`, so a new construct in a chapter fails
the build instead of reaching readers as raw MyST.

The module needs no Sphinx: the Sphinx side (``notebook_downloads``) supplies the callables that
resolve references and read included files.
"""

from __future__ import annotations

import doctest
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import nbformat
from markdown_it.token import Token
from myst_nb.core.variables import format_plain_text

from myst_reading import directive, example_text, parser, top_level_blocks

# The line that makes a chapter depend on myst-nb, and what replaces it.
GLUE_IMPORT = "from myst_nb import glue"
GLUE_STAND_IN = '''\
def glue(name, value, display=True):
    """Stand-in for myst_nb.glue: the book quotes glued values in its text."""
    if display:
        from IPython.display import display as show
        show(value)'''

ADMONITIONS = {
    "note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error",
    "seealso", "admonition",
}
CROSS_REFERENCE_ROLES = {"ref", "numref", "doc", "any", "term", "eq"}
DROPPED_DIRECTIVES = {"exercise-end", "solution-end"}
MARKER_TAG = "from-doctest"  # metadata tag of the code cells made from >>> examples


class UnsupportedMarkup(ValueError):
    """A role or directive the converter has no plain-markdown form for."""


@dataclass
class Link:
    """A resolved cross-reference: the text the book shows and where it points."""

    text: str
    url: str
    code: bool = False  # shown in code style (Python objects)


@dataclass
class Context:
    """What the conversion needs from the book.

    Attributes:
        resolve: ``resolve(role, content)`` returns the :class:`Link` for a cross-reference
            role such as ``("ref", "preface")`` or ``("py:func", "~tinytorch_layers.matmul")``.
        include: ``include(argument, options)`` returns the text a ``literalinclude`` shows
            (``options`` are the directive's options, as strings).
        glued: the text/plain representation of each glued value, by name (myst-nb's
            ``<page>.glue.json``).
    """

    resolve: Callable[[str, str], Link]
    include: Callable[[str, dict[str, str]], str]
    glued: dict[str, str] = field(default_factory=dict)


# -- glue -----------------------------------------------------------------------------------
def format_glued(text: str, content: str) -> str:
    """The text a ``{glue:text}`` role with this content shows: myst-nb's own formatting.

    Examples:
        >>> format_glued("1234.5678", "key:,.1f")
        '1,234.6'
        >>> format_glued("'below it'", "key")
        'below it'
    """
    _key, _, spec = content.rpartition(":") if ":" in content else (content, "", "s")
    return format_plain_text(text, spec)


# -- directives -----------------------------------------------------------------------------
def _blockquote(title: str, body: str) -> str:
    quoted = [f"> **{title}**"]
    if body.strip():
        quoted.append(">")
        quoted += [f"> {line}".rstrip() for line in body.splitlines()]
    return "\n".join(quoted) + "\n"


def _directive_markdown(token: Token, context: Context) -> str:
    found = directive(token)
    name, argument, options, body = found.name, found.argument, found.options, found.text
    if name in DROPPED_DIRECTIVES:
        return ""
    if name == "literalinclude":
        code = context.include(argument, options).rstrip("\n")
        language = options.get("language", "")
        caption = options.get("caption")
        heading = f"`{caption}`:\n\n" if caption else ""
        fence = "`" * max(3, _longest_backtick_run(code) + 1)
        return f"{heading}{fence}{language}\n{code}\n{fence}\n"
    if name in ("exercise", "exercise-start"):
        title = convert_inline(argument, context) if argument else ""
        heading = f"### Exercise: {title}" if title else "### Exercise"
        rest = _markdown_only(body, context)
        return f"{heading}\n" + (f"\n{rest}" if rest.strip() else "")
    if name in ADMONITIONS:
        title = argument if name == "admonition" and argument else name.capitalize()
        if name == "seealso":
            title = "See also"
        return _blockquote(convert_inline(title, context), _markdown_only(body, context))
    if name == "math":
        return f"$$\n{body}\n$$\n"
    if name in ("solution", "solution-start"):
        raise UnsupportedMarkup(f"a {{{name}}} directive reached the reader's notebook: strip solutions first")
    raise UnsupportedMarkup(f"no plain-markdown form for the directive {{{name}}}")


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


# -- roles ----------------------------------------------------------------------------------
def _role_markdown(name: str, content: str, context: Context) -> str:
    if name in ("glue:text", "glue"):
        key = content.rsplit(":", 1)[0] if ":" in content else content
        if key not in context.glued:
            raise UnsupportedMarkup(f"{{glue:text}} names {key!r}, which the notebook never glued")
        try:
            return format_glued(context.glued[key], content)
        except (TypeError, ValueError) as error:  # as in the book, where myst-nb warns
            raise UnsupportedMarkup(f"cannot format the glued {key!r}: {error}") from error
    if name == "math":
        return f"${content}$"
    if name in CROSS_REFERENCE_ROLES or name.startswith("py:"):
        link = context.resolve(name, content)
        text = f"`{link.text}`" if link.code else link.text.replace("[", r"\[").replace("]", r"\]")
        return f"[{text}]({link.url})"
    raise UnsupportedMarkup(f"no plain-markdown form for the role {{{name}}}")


def _replace_roles(text: str, tokens: list[Token], context: Context) -> str:
    """Replace, in ``text`` (the source lines of a block), every role markdown-it found in it."""
    position = 0
    for token in tokens:
        for child in token.children or []:
            if child.type != "myst_role":
                continue
            name = child.meta["name"]
            for ticks in ("`", "``", "```"):
                source = f"{{{name}}}{ticks}{child.content}{ticks}"
                found = text.find(source, position)
                if found >= 0:
                    break
            else:
                raise UnsupportedMarkup(f"cannot locate the role {{{name}}}`{child.content}` in its text")
            replacement = _role_markdown(name, child.content, context)
            text = text[:found] + replacement + text[found + len(source):]
            position = found + len(replacement)
    return text


def convert_inline(text: str, context: Context) -> str:
    """A line of MyST (a title, an argument) with its roles replaced."""
    tokens = parser().parse(text)
    return _replace_roles(text, tokens, context).strip()


# -- blocks ---------------------------------------------------------------------------------
def doctest_cells(code: str) -> list[tuple[str, list[str]]]:
    """Code cells (source, tags) for a fence of ``>>>`` examples.

    A cell ends after each example that expects output, so Jupyter shows that output under it.

    Examples:
        >>> doctest_cells(">>> x = 2\\n>>> x + 1\\n3\\n>>> 1 / 0\\nTraceback (most recent call last):\\n...\\nZeroDivisionError: division by zero\\n")
        [('x = 2\\nx + 1\\n# Expected output:\\n# 3', []), ('1 / 0\\n# Expected: ZeroDivisionError: division by zero', ['raises-exception'])]
    """
    cells: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for example in doctest.DocTestParser().get_examples(code):
        pending.append(example.source.rstrip("\n"))
        if example.exc_msg is not None:
            pending.append(f"# Expected: {example.exc_msg.strip().splitlines()[-1]}")
            cells.append(("\n".join(pending), ["raises-exception"]))
            pending = []
        elif example.want:
            comment = "\n".join(f"# {line}".rstrip() for line in example.want.rstrip("\n").splitlines())
            cells.append(("\n".join(pending + ["# Expected output:", comment]), []))
            pending = []
    if pending:
        cells.append(("\n".join(pending), []))
    return cells


def convert_markdown(text: str, context: Context) -> list[dict[str, Any]]:
    """The cells (markdown, and code for ``>>>`` examples) that a markdown cell becomes."""
    lines = text.splitlines(keepends=True)
    cells: list[dict[str, Any]] = []
    markdown: list[str] = []
    position = 0
    # Examples between Sybil's "% skip: start if(...)" and "% skip: end" need something
    # the reader may not have (PyTorch): their cells carry nbclient's skip-execution tag.
    optional = False

    def flush() -> None:
        chunk = "".join(markdown).strip("\n")
        if chunk.strip():
            cells.append(nbformat.v4.new_markdown_cell(chunk))
        markdown.clear()

    for first, tokens in top_level_blocks(parser().parse(text)):
        if first.map is None:
            continue
        start, end = first.map
        markdown.extend(lines[position:start])  # blank lines between blocks
        position = end
        block = "".join(lines[start:end])
        if first.type == "myst_line_comment":
            comment = first.content.strip()
            if comment.startswith("skip: start"):
                optional = True
            elif comment.startswith("skip: end"):
                optional = False
            continue
        if first.type in ("myst_target", "myst_block_break"):
            continue
        examples = example_text(first)
        if examples is not None:
            flush()
            for source, tags in doctest_cells(examples):
                metadata = {"tags": tags + [MARKER_TAG] + (["skip-execution"] if optional else [])}
                cells.append(nbformat.v4.new_code_cell(source, metadata=metadata))
        elif directive(first) is not None:
            markdown.append(_directive_markdown(first, context))
        elif first.type in ("fence", "code_block", "math_block", "math_block_label", "amsmath", "html_block"):
            markdown.append(block)
        else:
            markdown.append(_replace_roles(block, tokens, context))
    markdown.extend(lines[position:])
    flush()
    return cells


def _markdown_only(text: str, context: Context) -> str:
    """Convert the body of a directive, which must stay one markdown block (no code cells)."""
    parts = []
    for cell in convert_markdown(text, context):
        if cell.cell_type == "code":  # e.g. >>> examples inside a note: keep them as a fence
            parts.append(f"```python\n{cell.source}\n```")
        else:
            parts.append(cell.source)
    return "\n\n".join(parts)


# -- the notebook ---------------------------------------------------------------------------
def reader_notebook(notebook: dict[str, Any], context: Context) -> dict[str, Any]:
    """Return a copy of ``notebook`` that plain Jupyter runs and renders (see the module doc).

    Args:
        notebook: An executed chapter notebook (nbformat 4 dict), solutions already stripped.
        context: How to resolve references and includes, and the glued values.

    Raises:
        UnsupportedMarkup: a role or directive has no plain form here.
    """
    # Reading the JSON through nbformat joins multi-line sources and gives a copy.
    converted = nbformat.reads(json.dumps(notebook), as_version=4)
    cells = []
    for cell in converted.cells:
        if cell.cell_type == "markdown":
            cells.extend(convert_markdown(cell.source, context))
            continue
        if cell.cell_type == "code":
            cell.source = "\n".join(
                GLUE_STAND_IN if line.strip() == GLUE_IMPORT else line for line in cell.source.split("\n")
            )
        cells.append(cell)
    for cell in cells:
        cell.pop("id", None)  # nbformat assigns fresh ids below
    result = nbformat.v4.new_notebook(metadata=converted.get("metadata", {}))
    result.cells = cells
    result.nbformat, result.nbformat_minor = 4, 5
    for cell in result.cells:
        cell["id"] = nbformat.v4.new_code_cell().id
    return dict(nbformat.from_dict(result))
