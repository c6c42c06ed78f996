"""Find the numbers a chapter states in running text, and the registry that may allow them.

The book promises that a number in its prose is computed, not typed in. This module is
the checker behind that promise (``tests/test_number_guard.py`` runs it):

* **Running text** is what markdown-it (with MyST's plugins, the parser the book is
  built with) gives as ``text`` tokens of paragraphs, headings, list items, tables and
  the prose inside directives such as ``{note}`` or ``{exercise}``, plus the
  ``caption`` and ``alt`` text a code cell gives its figure. Left out: front
  matter, code cells and fences, inline code, ``$...$``/``$$...$$`` and ``{math}``,
  every role (so ``{glue:text}`` values, ``{ref}``, ``{doc}``...), labels ``(x)=``,
  ``%`` comments, HTML, directive options, link targets and the text of bare links.
* **A number** is a run of digits (with a decimal point, thousands commas, an exponent,
  a sign or a percent sign) that is not part of a name: ``float32``, ``x86-64``,
  ``AVX-512``, ``2-D`` and ``ex-1`` are names, not numbers.
* **A number word** counts too, when it is ``four`` or more (``eight``, ``twelve``,
  ``thirty``, ``hundred``...): ``one``, ``two`` and ``three`` are ordinary English far
  more often than results ("one matrix product", "two ways", "three loops"), except
  after ``factor of``, where they are a result ("a factor of two").

A number found is allowed when the chapter's section of the registry
(``book/_numbers.toml``) has an entry whose ``phrase`` covers it; see
:func:`load_registry` for the format.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

REGISTRY_NAME = "_numbers.toml"
KINDS = ("definition", "citation", "version", "claim", "reference")

# Directives whose body is code, math or options, never running text.
_NON_PROSE_DIRECTIVES = {
    "code-cell", "code-block", "code", "sourcecode", "literalinclude", "math", "eval-rst",
    "glue", "glue:any", "glue:figure", "glue:math", "doctest", "testcode", "testoutput",
    "raw", "toctree", "exercise-end", "solution-end", "image", "figure-md", "csv-table",
}
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}")
_OPTION = re.compile(r"^\s*:[\w-]+:")

# A name: starts with a letter or underscore and may carry digits and hyphenated parts
# (float32, x86-64, AVX-512, three-loop); or digits glued to "-D"/"D" (2-D, 3D).
_NAME = re.compile(r"(?<!\d)[A-Za-z_][\w]*(?:[-–][\w]+)*|\d+-?[Dd]\b")
_NUMBER = re.compile(
    r"(?<![\w.])[-+−]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:[eE][-+−]?\d+)?%?"
)
_WORDS = (
    "four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion "
    "dozen dozens"
).split()
_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join(_WORDS) + r")\b|(?<=\bfactor of )(?:one|two|three)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """One number in running text: where it is and the text around it."""

    chapter: str
    line: int  # 1-based line in the chapter file
    number: str  # as written
    text: str  # the running text of the line it is on, markup removed

    def __str__(self) -> str:
        return f"book/{self.chapter}.md:{self.line}: {self.number!r} in {self.text.strip()!r}"


@dataclass(frozen=True)
class Entry:
    """One registry entry: a phrase of a chapter that may state its number(s)."""

    chapter: str
    phrase: str
    kind: str
    reason: str
    check: str | None

    def covers(self, found: Found) -> bool:
        """Whether ``found`` lies inside an occurrence of this entry's phrase on its line."""
        start = 0
        target = _normalise(found.text)
        phrase = _normalise(self.phrase)
        while (at := target.find(phrase, start)) >= 0:
            if any(at <= pos < at + len(phrase) for pos in _positions(target, found.number)):
                return True
            start = at + 1
        return False


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _positions(text: str, number: str) -> list[int]:
    pattern = re.escape(_normalise(number))
    return [m.start() for m in re.finditer(pattern, text)]


@cache
def markdown_parser() -> MarkdownIt:
    """The markdown-it parser MyST uses, with the extensions the book enables (conf.py)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = {"dollarmath", "amsmath", "colon_fence", "deflist", "substitution"}
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


@cache
def tokens(source: str) -> tuple[Token, ...]:
    """The markdown-it tokens of a document, parsed once per source text."""
    return tuple(markdown_parser().parse(source))


def numbers_in_text(text: str, before: str = "") -> list[str]:
    """The numbers and number words in one line of running text.

    ``before`` is the end of the previous line of the same paragraph, so that "factor
    of" at the end of one line still makes a "two" at the start of the next count.

    Examples:
        >>> numbers_in_text("784 inputs, 16 per layer, 0.16 and 1,797 digits")
        ['784', '16', '0.16', '1,797']
        >>> numbers_in_text("float32, x86-64, AVX-512, a 2-D array, in 1e-7 of 12%")
        ['1e-7', '12%']
        >>> numbers_in_text("eight times the work, one product, a factor of two")
        ['eight', 'two']
        >>> numbers_in_text("of two per layer", before="loses a factor")
        ['two']
    """
    # Blank out names so the digits inside them are not read as numbers.
    blanked = _NAME.sub(lambda m: _keep_words(m.group()), text)
    found = [(m.start(), m.group()) for m in _NUMBER.finditer(blanked)]
    # Number words, with the previous line's end in front for the "factor of" rule.
    joined = f"{before[-20:]} {text}" if before else text
    shift = len(joined) - len(text)
    found += [(m.start() - shift, m.group()) for m in _NUMBER_WORD.finditer(joined) if m.start() >= shift]
    return [number.rstrip(",") for _, number in sorted(found)]


def _keep_words(name: str) -> str:
    # A plain word stays (number words are matched on the original text); only the
    # characters of a name that holds a digit are blanked.
    return " " * len(name) if any(ch.isdigit() for ch in name) else name


def _inline_lines(token: Token, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, running text) pairs of an inline token; ``first_line`` is 0-based."""
    line = first_line
    parts: dict[int, list[str]] = {}
    in_bare_link = 0
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            continue
        if child.type == "link_open" and child.markup in ("autolink", "linkify"):
            in_bare_link += 1
        elif child.type == "link_close" and child.markup in ("autolink", "linkify"):
            in_bare_link -= 1
        elif child.type == "text" and not in_bare_link:
            parts.setdefault(line, []).append(child.content)
        else:
            parts.setdefault(line, []).append(" ")  # code, math, roles: a gap, not text
        line += child.content.count("\n") if child.type != "text" else 0
    for number, chunks in parts.items():
        yield number, "".join(chunks)


def _directive_body(token: Token) -> tuple[str, int] | None:
    """The prose of a directive fence and the 0-based line it starts on, or None."""
    match = _DIRECTIVE.match(token.info.strip())
    if not match or match.group("name") in _NON_PROSE_DIRECTIVES:
        return None
    lines = token.content.splitlines()
    skip = 0
    if lines and lines[0].strip() == "---":  # a YAML block of options
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        skip = closing + 1 if closing is not None else 0
    else:
        while skip < len(lines) and _OPTION.match(lines[skip]):
            skip += 1
    body = "\n".join(lines[skip:])
    return body, token.map[0] + 1 + skip


def _figure_texts(token: Token) -> Iterator[tuple[int, str]]:
    """(0-based line, text) of the ``caption`` and ``alt`` a code cell gives its figure.

    They are in the cell's YAML options (``mystnb: figure: caption: ...``, ``image:
    alt: ...``) and the reader sees or hears them, so they count as running text. The
    line is the one of the key; a value over several lines is taken whole.
    """
    lines = token.content.splitlines()
    if not lines or lines[0].strip() != "---":
        return
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if closing is None:
        return
    try:
        options = yaml.safe_load("\n".join(lines[1:closing]))
    except yaml.YAMLError:
        return
    texts: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("caption", "alt") and isinstance(value, str):
                    texts.append((key, value))
                else:
                    walk(value)

    walk(options)
    for key, value in texts:
        at = next((i for i in range(1, closing) if lines[i].strip().startswith(f"{key}:")), 0)
        yield token.map[0] + 1 + at, " ".join(value.split())


def running_text(source: str, line_offset: int = 0) -> Iterator[tuple[int, str]]:
    """(1-based line, running text) for every line of prose in a MyST document."""
    for token in tokens(source):
        if token.type == "inline" and token.map:
            yield from ((n + 1, t) for n, t in _inline_lines(token, token.map[0] + line_offset))
        elif token.type == "fence" and token.map and token.info.strip().startswith("{code-cell}"):
            yield from ((n + 1 + line_offset, t) for n, t in _figure_texts(token))
        elif token.type in ("fence", "colon_fence") and token.map:
            nested = _directive_body(token)
            if nested:
                body, start = nested
                yield from running_text(body, line_offset + start)


def find_numbers(chapter: str, source: str) -> list[Found]:
    """Every number in the running text of ``source``, the text of ``book/<chapter>.md``."""
    found = []
    previous_line, previous_text = 0, ""
    for line, text in running_text(source):
        before = previous_text if line == previous_line + 1 else ""
        found += [Found(chapter, line, number, text) for number in numbers_in_text(text, before)]
        previous_line, previous_text = line, text
    return found


class RegistryError(ValueError):
    """The registry file is malformed; the message names the entry."""


def load_registry(path: Path) -> dict[str, list[Entry]]:
    """Read the registry: one TOML array of tables per chapter.

    Each entry is a ``[[<chapter>]]`` table (``<chapter>`` is the file stem, e.g.
    ``dense``) with the keys:

    * ``phrase``: words of the chapter's running text that contain the number(s), as
      written on one line (case and runs of spaces ignored), e.g. ``"784 inputs"``. Only
      numbers inside an occurrence of the phrase are allowed, so registering
      ``"784 inputs"`` does not allow ``"784 multiplications"``.
    * ``kind``: ``definition`` (a value the text chooses, e.g. a layer size),
      ``citation`` (a year or edition of a cited work), ``version`` (a software
      version), ``reference`` (a section, step or list position) or ``claim`` (a
      result the reader could get wrong).
    * ``reason``: why the number may be typed in.
    * ``check``: required for a ``claim``: code that computes or checks it, e.g. a
      ``>>>`` example or an ``assert`` in a code cell; it must occur verbatim within one
      line of a code cell, fence or doctest of the same chapter.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    registry: dict[str, list[Entry]] = {}
    for chapter, entries in data.items():
        if not isinstance(entries, list):
            raise RegistryError(f"{path.name}: [{chapter}] must be entries written [[{chapter}]]")
        for index, raw in enumerate(entries, 1):
            where = f"{path.name}: entry {index} of [[{chapter}]]"
            unknown = set(raw) - {"phrase", "kind", "reason", "check"}
            if unknown:
                raise RegistryError(f"{where} has unknown keys {sorted(unknown)}")
            for key in ("phrase", "kind", "reason"):
                if not str(raw.get(key, "")).strip():
                    raise RegistryError(f"{where} needs a {key!r}")
            if raw["kind"] not in KINDS:
                raise RegistryError(f"{where}: kind {raw['kind']!r} is not one of {KINDS}")
            if raw["kind"] == "claim" and not str(raw.get("check", "")).strip():
                raise RegistryError(
                    f"{where} ({raw['phrase']!r}) is a claim: name the code that checks it in 'check'"
                )
            registry.setdefault(chapter, []).append(
                Entry(chapter, raw["phrase"], raw["kind"], raw["reason"], raw.get("check"))
            )
    return registry


def code_lines(source: str) -> set[str]:
    """The lines of every code cell, fence and doctest of a chapter, stripped."""
    lines: set[str] = set()
    for token in tokens(source):
        if token.type in ("fence", "colon_fence", "code_block"):
            lines.update(line.strip() for line in token.content.splitlines())
    return lines


def _example_entry(found: Found) -> str:
    words = found.text.split()
    at = next((i for i, word in enumerate(words) if found.number in word), 0)
    phrase = " ".join(words[max(at - 2, 0) : at + 3]).replace('"', '\\"')
    return (
        f"[[{found.chapter}]]\n"
        f'phrase = "{phrase}"  # words of that line around the number\n'
        'kind = "definition"  # or citation, version, reference, claim\n'
        'reason = "why the number may be typed in"\n'
        '# check = "a code line of the chapter that checks it"  (a claim needs one)\n'
    )


@dataclass(frozen=True)
class Report:
    """What the guard found wrong in the book."""

    unregistered: list[Found]
    unchecked: list[str]  # claims whose check is not in the chapter's code
    unused: list[str]  # entries that cover nothing (stale after an edit)

    def message(self) -> str:
        parts = []
        if self.unregistered:
            parts.append(
                "Numbers typed into running text that nothing computes or registers:\n"
                + "\n".join(f"  {found}" for found in self.unregistered)
                + "\nFix each one: glue a computed result from a cell ({glue:text}`name`), or, "
                "if it is a definition, citation, version, reference or checked claim, register "
                "it in book/_numbers.toml under its chapter's banner, e.g.\n\n"
                + _example_entry(self.unregistered[0])
            )
        if self.unchecked:
            parts.append(
                "Registered claims whose check is not in the chapter's code:\n"
                + "\n".join(f"  {item}" for item in self.unchecked)
            )
        if self.unused:
            parts.append(
                "Registry entries that match no number in their chapter (remove or correct them):\n"
                + "\n".join(f"  {item}" for item in self.unused)
            )
        return "\n\n".join(parts)

    def __bool__(self) -> bool:
        return bool(self.unregistered or self.unchecked or self.unused)


def check_book(chapters: dict[str, str], registry: dict[str, list[Entry]]) -> Report:
    """Check chapters (stem -> MyST text) against the registry."""
    unregistered: list[Found] = []
    unchecked: list[str] = []
    used: set[int] = set()
    for chapter, source in chapters.items():
        entries = registry.get(chapter, [])
        for found in find_numbers(chapter, source):
            covering = [e for e in entries if e.covers(found)]
            if not covering:
                unregistered.append(found)
            used.update(id(e) for e in covering)
        code = code_lines(source)
        for entry in entries:
            if entry.check and not any(entry.check.strip() in line for line in code):
                unchecked.append(
                    f"[[{chapter}]] {entry.phrase!r}: check {entry.check!r} is not a line of "
                    f"code in book/{chapter}.md"
                )
    unused = [
        f"[[{entry.chapter}]] {entry.phrase!r}"
        + ("" if entry.chapter in chapters else f" (no chapter book/{entry.chapter}.md)")
        for entries in registry.values()
        for entry in entries
        if id(entry) not in used
    ]
    return Report(unregistered, unchecked, unused)
