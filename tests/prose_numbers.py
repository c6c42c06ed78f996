"""Find the numbers and measured claims the book states, the registry that allows them, and
evaluate the registered claims.

The book promises that a number in its prose is computed, not typed in, and that a claim
agrees with the code. This module is the checker behind that promise
(``tests/test_number_guard.py`` runs the static part; the chapter runners evaluate the
claims, see :func:`evaluate_claims`):

* **Running text** is what markdown-it (with MyST's plugins, the parser the book is
  built with) gives as ``text`` tokens of paragraphs, headings, list items, tables and
  the prose inside directives such as ``{note}`` or ``{exercise}``; the ``caption`` and
  ``alt`` text a code cell gives its figure; and the prose of the package's docstrings
  (``tinytorch_layers/*.py``), which the API pages show and the chapters' exercise stubs
  copy. Left out: front matter, code cells and fences, inline code, every role but math
  (so ``{glue:text}`` values, ``{ref}``, ``{doc}``...), labels ``(x)=``, ``%`` comments,
  HTML, directive options, link targets, the text of bare links, and, in docstrings, the
  ``>>>`` examples with their output and literal blocks.
* **A number** is a run of digits (with a decimal point, thousands commas, an exponent,
  a sign or a percent sign) that is not part of a name: ``float32``, ``x86-64``,
  ``AVX-512``, ``2-D`` and ``ex-1`` are names, not numbers.
* **A number word** counts too: ``four`` or more (``eight``, ``twelve``, ``thirty``,
  ``hundred``...); ``one``, ``two`` and ``three`` only where they state a result (after
  ``factor of``, before ``times``, ``decimal`` or ``orders of magnitude``), since
  elsewhere they are ordinary English far more often ("one matrix product", "two ways");
  fractions (``half``, ``a third``, ``two thirds``, ``a quarter``...) and multiples
  (``twice``, ``double``, ``triple``...).
* **A number in math** (``$...$``, ``$$...$$``, ``{math}``, ``:math:``) counts when it is
  a measured value rather than notation: a side of a relation (``=``, ``\\approx``,
  ``<``, ``\\le``...) that is wholly numeric, such as ``17`` in ``$x = 17$``, ``1/4`` in
  ``$\\sigma'(0) = 1/4$`` or ``0.38`` in ``$\\approx 0.38$``; or a formula that is wholly
  numeric on its own, such as ``$10^{-7}$`` or ``$\\tfrac12$``. A side with a letter in it
  is notation (``x_{42}``, ``n^2``, ``2 N n_{in} n_{out}``, ``2/n``), and so is a list or
  an interval without a relation (``$(0, 1)$``). Wholly numeric means digits, decimal
  points, ``+ - / ^ \\cdot \\times \\frac \\tfrac \\pm``, brackets, braces and spacing only.
* **A measured word** in a figure's ``alt`` text or ``caption`` (``fastest``, ``nearly``,
  ``falls``, ``stays flat``... see ``MEASURED_WORDS``) must be covered by a registered
  claim, which asserts it: a reader who hears the alt text cannot see the plot to check
  it. And no entry of a kind other than ``claim`` may have a measured word in its phrase,
  anywhere, so that a definition cannot hide a claim.

A number found is allowed when the document's section of the registry
(``book/_numbers.toml``) has an entry whose ``phrase`` covers it; see
:func:`load_registry` for the format, and :func:`evaluate_claims` for how a claim's
assertion is checked.
"""

from __future__ import annotations

import ast
import math
import operator
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

REGISTRY_NAME = "_numbers.toml"
KINDS = ("definition", "citation", "version", "claim", "reference")
ENTRY_KEYS = {"phrase", "kind", "reason", "check", "value", "assert", "tolerance"}

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
_UNITS = {
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "hundreds": 100, "thousand": 1e3, "thousands": 1e3,
    "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "trillion": 1e12,
    "trillions": 1e12, "dozen": 12, "dozens": 12,
}
_SMALL = {"one": 1, "two": 2, "three": 3}
_MULTIPLES = {
    "twice": 2, "double": 2, "doubles": 2, "doubled": 2, "doubling": 2, "thrice": 3,
    "triples": 3, "tripled": 3, "tripling": 3, "quadruple": 4, "quadruples": 4,
    "quadrupled": 4,  # not "triple": "the triple loop" is a name
}
_HALVES = {"half": 0.5, "halves": 0.5, "halved": 0.5, "halving": 0.5}
_DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10,
                 "sixteenth": 16, "hundredth": 100, "thousandth": 1e3, "millionth": 1e6}
_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join(_UNITS) + r")\b"
    # one, two, three where they state a result
    r"|(?<=\bfactor of )(?:one|two|three)\b"
    r"|\b(?:one|two|three)(?= (?:times|decimals?|significant|orders? of magnitude)\b)"
    # multiples and fractions
    r"|\b(?:" + "|".join(_MULTIPLES) + r")\b(?! precision)"  # "double precision": a name
    r"|\b(?:" + "|".join(_HALVES) + r")\b(?!-)"
    # "a third of", "a quarter.", not the ordinal of "a third run"
    r"|\b(?:a|an|one|two|three|four|five) (?:" + "|".join(_DENOMINATORS) + r")s?\b"
    r"(?=\s+(?:of|as|to|less|more)\b|\s*[,.;:)\]]|\s*$)",
    re.IGNORECASE,
)

# Words that state a measurement or a comparison. In a figure's alt text or caption each
# must be covered by a registered claim; no other kind of entry may contain one.
MEASURED_WORDS = (
    "fast", "faster", "fastest", "slow", "slower", "slowest", "slowly", "quickly", "quicker",
    "steep", "steeper", "steepest", "steeply", "nearly", "almost", "roughly", "approximately",
    "about", "close to", "near", "at least", "at most", "always", "never", "higher",
    "highest", "lower", "lowest", "larger", "largest", "smaller", "smallest", "greater",
    "greatest", "more", "most", "less", "least", "fewer", "much", "far", "rise", "rises",
    "rising", "fall", "falls", "falling", "climb", "climbs", "climbing", "drop", "drops",
    "dropping", "decline", "declines", "declining", "grow", "grows", "growing", "shrink",
    "shrinks", "shrinking", "explode", "explodes", "exploding", "vanish", "vanishes",
    "vanishing", "flat", "level", "steady", "sits on", "sit on", "lies on", "lie on",
    "better", "best", "worse", "worst", "a little", "slightly",
)
_MEASURED = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w).replace(r"\ ", " ") for w in MEASURED_WORDS),
                               key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

# Math: relations that make each side a statement of its own, and separators of pieces.
_RELATION = re.compile(
    r"\\(?:approx|simeq|sim|le|leq|ge|geq|ne|neq|lesssim|gtrsim|ll|gg|equiv|to)(?![A-Za-z])"
    r"|<=|>=|!=|[=<>≈≤≥]"
)
_SEPARATOR = re.compile(r",|;|&|\\\\|\\q?quad(?![A-Za-z])")
_SPACING = re.compile(r"\\[,;:! ]")
# 0 and 1 alone are constants of notation in math: $x \ge 0$, $e^0 = 1$, $i = 1, \dots$.
_NOTATION_CONSTANTS = {"0", "1", "-1", "+1", "−1", "\\pm1"}
_NUMERIC_MACROS = re.compile(
    r"\\(?:frac|tfrac|dfrac|cdot|times|pm|mp|left|right|big|Big|bigl|bigr|,|;|!| )(?![A-Za-z])"
)
_NUMERIC_CHARS = set("0123456789.+-−/^*(){}[]%\\ ")


@dataclass(frozen=True)
class Line:
    """One line of running text: its parts (prose and math) and where it is."""

    line: int  # 1-based line in the document's file
    parts: tuple[tuple[str, str], ...]  # ("text" | "math", content)
    figure: bool = False  # a figure's alt text or caption

    @property
    def text(self) -> str:
        """The line as a phrase is matched against it: math written as ``$...$``."""
        return "".join(content if kind == "text" else f"${content}$" for kind, content in self.parts)

    @property
    def prose(self) -> str:
        """The line with its math blanked (the same length as :attr:`text`)."""
        return "".join(content if kind == "text" else " " * (len(content) + 2) for kind, content in self.parts)


@dataclass(frozen=True)
class Found:
    """One number (or measured word) in running text: where it is and the text around it."""

    chapter: str  # the document's registry section: a chapter stem or a module path
    line: int  # 1-based line in the file
    number: str  # as written
    text: str  # the running text of the line it is on, markup removed, math as $...$
    shown: str = ""  # the file as failures name it
    kind: str = "number"  # "number", "math" or "measured" (a measured word in a figure)
    at: int = -1  # its position in ``text``, when known

    def __str__(self) -> str:
        where = self.shown or f"book/{self.chapter}.md"
        what = "measured word" if self.kind == "measured" else "number"
        return f"{where}:{self.line}: {what} {self.number!r} in {self.text.strip()!r}"


@dataclass(frozen=True)
class Entry:
    """One registry entry: a phrase of a document that may state its number(s)."""

    chapter: str
    phrase: str
    kind: str
    reason: str
    check: str | None
    value: str | None = None
    assertion: str | None = None
    tolerance: float | str | None = None

    def covers(self, found: Found) -> bool:
        """Whether ``found`` lies inside an occurrence of this entry's phrase on its line."""
        positions = ([_normal_position(found.text, found.at)] if found.at >= 0
                     else _positions(_normalise(found.text), found.number))
        return any(at <= pos < at + len(phrase) for at, phrase in self._occurrences(found.text)
                   for pos in positions)

    def occurs_in(self, text: str) -> bool:
        return any(True for _ in self._occurrences(text))

    def _occurrences(self, text: str) -> Iterator[tuple[int, str]]:
        target, phrase = _normalise(text), _normalise(self.phrase)
        start = 0
        while phrase and (at := target.find(phrase, start)) >= 0:
            yield at, phrase
            start = at + 1


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _normal_position(text: str, at: int) -> int:
    """Where position ``at`` of ``text`` lies in ``_normalise(text)``."""
    prefix = text[:at]
    position = len(" ".join(prefix.split()))
    return position + 1 if prefix.strip() and prefix[-1].isspace() else position


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


# ------------------------------------------------------------------------ finding numbers
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
        >>> numbers_in_text("saves about half, a third of it, twice as long, two thirds, a sixteenth")
        ['half', 'a third', 'twice', 'two thirds', 'a sixteenth']
        >>> numbers_in_text("three times as long, to three decimal places, two orders of magnitude")
        ['three', 'three', 'two']
        >>> numbers_in_text("the third layer, one layer, two ways, a half-open interval, doubling n")
        ['doubling']
        >>> numbers_in_text("A third run, in double precision, saves a fifth of it")
        ['a fifth']
    """
    return [number for _, number in _text_numbers(text, before)]


def _text_numbers(text: str, before: str = "") -> list[tuple[int, str]]:
    """(position, number) of the numbers and number words of a line, in order."""
    # Blank out names so the digits inside them are not read as numbers.
    blanked = _NAME.sub(lambda m: _keep_words(m.group()), text)
    found = [(m.start(), m.group()) for m in _NUMBER.finditer(blanked)]
    # Number words, with the previous line's end in front for the "factor of" rule.
    joined = f"{before[-20:]} {text}" if before else text
    shift = len(joined) - len(text)
    found += [(m.start() - shift, m.group()) for m in _NUMBER_WORD.finditer(joined) if m.start() >= shift]
    return [(at, number.rstrip(",")) for at, number in sorted(found)]


def _keep_words(name: str) -> str:
    # A plain word stays (number words are matched on the original text); only the
    # characters of a name that holds a digit are blanked.
    return " " * len(name) if any(ch.isdigit() for ch in name) else name


def numbers_in_math(tex: str) -> list[str]:
    """The measured values in a math formula (see the module's doc for the rule).

    Examples:
        >>> numbers_in_math("x = 17"), numbers_in_math(r"\\approx 0.38")
        (['17'], ['0.38'])
        >>> numbers_in_math(r"\\sigma'(0) = 1/4"), numbers_in_math(r"10^{-7}"), numbers_in_math(r"\\tfrac12")
        (['1/4'], ['10^{-7}'], ['\\\\tfrac12'])
        >>> numbers_in_math(r"16 \\times 20 = 320")
        ['16 \\\\times 20', '320']
        >>> [numbers_in_math(t) for t in ["x_{42}", "n^2", r"2 N n_{in} n_{out}", "(0, 1)", "2/n", r"[0, \\infty)"]]
        [[], [], [], [], [], []]
        >>> numbers_in_math(r"i = 1, \\dots, m"), numbers_in_math(r"x = 0.5, \\quad y = 2")
        ([], ['0.5', '2'])
        >>> numbers_in_math(r"x \\ge 0"), numbers_in_math(r"e^0 = 1"), numbers_in_math(r"l^4/5 = 1.8\\,v^2")
        ([], [], [])
    """
    tex = _SPACING.sub(" ", tex)
    has_relation = bool(_RELATION.search(tex))
    pieces = [piece.strip() for side in _RELATION.split(tex) for piece in _SEPARATOR.split(side)]
    pieces = [piece for piece in pieces if piece]
    if not has_relation and len(pieces) != 1:
        return []  # a list or an interval: notation
    return [piece for piece in pieces
            if _wholly_numeric(piece) and re.sub(r"[\s(){}\[\]]", "", piece) not in _NOTATION_CONSTANTS]


def _wholly_numeric(piece: str) -> bool:
    rest = _NUMERIC_MACROS.sub(" ", piece)
    return any(ch.isdigit() for ch in rest) and set(rest) <= _NUMERIC_CHARS


def measured_words(text: str) -> list[str]:
    """The measured words of a figure's alt text or caption (``MEASURED_WORDS``).

    Examples:
        >>> measured_words("The loss falls fastest for the learning rate 0.1 and sits on the line")
        ['falls', 'fastest', 'sits on']
        >>> measured_words("A grid of digits, each titled with its label")
        []
    """
    return [m.group() for m in _MEASURED.finditer(text)]


# ---------------------------------------------------------------------------- running text
def _inline_lines(token: Token, first_line: int) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """(0-based line, parts) of an inline token; ``first_line`` is 0-based."""
    line = first_line
    parts: dict[int, list[tuple[str, str]]] = {}
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
            parts.setdefault(line, []).append(("text", child.content))
        elif child.type == "math_inline":
            parts.setdefault(line, []).append(("math", child.content))
        else:
            parts.setdefault(line, []).append(("text", " "))  # code, roles: a gap, not text
        line += child.content.count("\n") if child.type != "text" else 0
    yield from parts.items()


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


def _math_lines(content: str, first_line: int) -> Iterator[Line]:
    """A display-math block, line by line (``first_line`` is 1-based, the block's first)."""
    for offset, tex in enumerate(content.split("\n")):
        if tex.strip():
            yield Line(first_line + offset, (("math", tex.strip()),))


def running_lines(source: str, line_offset: int = 0) -> Iterator[Line]:
    """Every line of running text (prose and math) of a MyST document."""
    for token in tokens(source):
        if token.type == "inline" and token.map:
            for n, parts in _inline_lines(token, token.map[0] + line_offset):
                yield Line(n + 1, tuple(parts))
        elif token.type in ("math_block", "amsmath") and token.map:
            first = token.map[0] + 1 + line_offset + (1 if token.content.startswith("\n") else 0)
            yield from _math_lines(token.content.strip("\n"), first)
        elif token.type == "fence" and token.map and token.info.strip() == "{math}":
            yield from _math_lines(token.content, token.map[0] + 2 + line_offset)
        elif token.type == "fence" and token.map and token.info.strip().startswith("{code-cell}"):
            for n, text in _figure_texts(token):
                for inner in running_lines(text):  # a caption is MyST: its math is math
                    yield Line(n + 1 + line_offset, inner.parts, figure=True)
        elif token.type in ("fence", "colon_fence") and token.map:
            nested = _directive_body(token)
            if nested:
                body, start = nested
                yield from running_lines(body, line_offset + start)


def running_text(source: str, line_offset: int = 0) -> Iterator[tuple[int, str]]:
    """(1-based line, running text) for every line of prose in a MyST document."""
    for line in running_lines(source, line_offset):
        yield line.line, line.text


def numbers_on_lines(name: str, lines: list[Line], shown: str = "") -> list[Found]:
    """Every number of ``lines`` (and every measured word of their figures' texts)."""
    found = []
    previous_line, previous_prose = 0, ""
    for line in lines:
        before = previous_prose if line.line == previous_line + 1 else ""
        text = line.text
        here = [(at, Found(name, line.line, number, text, shown, at=at))
                for at, number in _text_numbers(line.prose, before)]
        at = 0
        for kind, content in line.parts:
            if kind == "math":
                here += [(at, Found(name, line.line, number, text, shown, kind="math",
                                    at=at + 1 + max(content.find(number), 0)))
                         for number in numbers_in_math(content)]
            at += len(content) + (2 if kind == "math" else 0)
        if line.figure:
            here += [(m.start(), Found(name, line.line, m.group(), text, shown, kind="measured", at=m.start()))
                     for m in _MEASURED.finditer(line.prose)]
        found += [item for _, item in sorted(here, key=lambda pair: pair[0])]
        previous_line, previous_prose = line.line, line.prose
    return found


def find_numbers(chapter: str, source: str) -> list[Found]:
    """Every number in the running text of ``source``, the text of ``book/<chapter>.md``."""
    return numbers_on_lines(chapter, list(running_lines(source)), f"book/{chapter}.md")


# ------------------------------------------------------------------------------ docstrings
_ROLE = re.compile(r":(?P<role>[\w:+-]+):`(?P<body>[^`]*)`")
_LITERAL = re.compile(r"``[^`]*``|`[^`]*`")
_RST_DIRECTIVE = re.compile(r"^\s*\.\. (?P<name>[\w:-]+)::")


def _docstring_parts(text: str) -> list[tuple[str, str]]:
    """One docstring line as parts: ``:math:`` roles are math, other roles and literals gaps."""
    parts: list[tuple[str, str]] = []
    at = 0
    for match in _ROLE.finditer(text):
        parts += _literal_gaps(text[at:match.start()])
        parts.append(("math", match["body"]) if match["role"] == "math" else ("text", " "))
        at = match.end()
    parts += _literal_gaps(text[at:])
    return parts


def _literal_gaps(text: str) -> list[tuple[str, str]]:
    return [("text", _LITERAL.sub(lambda m: " " * len(m.group()), text))] if text else []


def docstring_lines(docstring: str, first_line: int) -> Iterator[Line]:
    """The running text of a docstring, line by line (``first_line``: the line it starts on).

    Left out: ``>>>`` examples and their output, literal blocks (after a line ending in
    ``::``) and the bodies of directives other than ``.. math::``, whose lines are math.

    Examples:
        >>> doc = '''Saves about half.
        ...
        ... Examples:
        ...     >>> f(784)
        ...     1.000638
        ...
        ...     Afterwards 12 more.
        ...
        ... .. math::
        ...
        ...     x = 0.5
        ... '''
        >>> [(line.line, line.text.strip()) for line in docstring_lines(doc, 10)]
        [(10, 'Saves about half.'), (12, 'Examples:'), (16, 'Afterwards 12 more.'), (20, '$x = 0.5$')]
    """
    skip_indent: int | None = None  # inside a literal block or directive deeper than this
    math_indent: int | None = None  # inside a ``.. math::`` block deeper than this
    in_example = False  # an example's continuation and output run to the next blank line
    for offset, raw in enumerate(docstring.split("\n")):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        number = first_line + offset
        if stripped.startswith(">>>"):
            in_example = True
            continue
        if in_example:
            in_example = bool(stripped)
            continue
        if not stripped:
            continue
        if skip_indent is not None and indent <= skip_indent:
            skip_indent = None
        if math_indent is not None and indent <= math_indent:
            math_indent = None
        if math_indent is not None:
            yield Line(number, (("math", stripped),))
            continue
        if skip_indent is not None:
            continue
        directive = _RST_DIRECTIVE.match(raw)
        if directive and directive["name"] == "math":
            math_indent = indent
            rest = raw[directive.end():].strip()
            if rest:
                yield Line(number, (("math", rest),))
            continue
        if directive or stripped.endswith("::"):
            skip_indent = indent
            if directive:
                continue
        yield Line(number, tuple(_docstring_parts(raw)))


def module_docstring_lines(path: Path) -> list[Line]:
    """The running text of every docstring in a Python file (module, classes, functions)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    found: list[Line] = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        body = getattr(node, "body", [])
        if not body or not isinstance(body[0], ast.Expr):
            continue
        constant = body[0].value
        if not (isinstance(constant, ast.Constant) and isinstance(constant.value, str)):
            continue
        found += docstring_lines(constant.value, constant.lineno)
    return sorted(found, key=lambda line: line.line)


def module_code_lines(path: Path) -> set[str]:
    """The ``>>>`` and ``...`` lines of a module's docstrings and its code, stripped."""
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}


# --------------------------------------------------------------------------- the documents
@dataclass
class Document:
    """A chapter or a module: its registry section, its name in failures, its text."""

    name: str  # the registry section: "dense", or "tinytorch_layers/dense.py"
    shown: str  # "book/dense.md", "tinytorch_layers/dense.py"
    lines: list[Line]
    code: set[str]  # lines of code a claim's check may name

    @classmethod
    def chapter(cls, stem: str, source: str) -> Document:
        return cls(stem, f"book/{stem}.md", list(running_lines(source)), code_lines(source))

    @classmethod
    def module(cls, path: Path, root: Path) -> Document:
        name = path.relative_to(root).as_posix()
        return cls(name, name, module_docstring_lines(path), module_code_lines(path))

    def numbers(self) -> list[Found]:
        return numbers_on_lines(self.name, self.lines, self.shown)


def package_modules(root: Path) -> list[Path]:
    """The package's modules whose docstrings the API pages and exercise stubs show."""
    return sorted((root / "tinytorch_layers").glob("*.py"))


# ------------------------------------------------------------------------------ the registry
class RegistryError(ValueError):
    """The registry file is malformed; the message names the entry."""


def load_registry(path: Path) -> dict[str, list[Entry]]:
    """Read the registry: one TOML array of tables per document.

    Each entry is a ``[[<document>]]`` table, where ``<document>`` is a chapter's file
    stem (``dense``) or a package module's path, quoted (``["tinytorch_layers/dense.py"]``),
    with the keys:

    * ``phrase``: words of the document's running text that contain the number(s), as
      written on one line (case and runs of spaces ignored; math written as ``$...$``),
      e.g. ``"784 inputs"``. Only numbers inside an occurrence of the phrase are allowed,
      so registering ``"784 inputs"`` does not allow ``"784 multiplications"``.
    * ``kind``: ``definition`` (a value the text chooses, e.g. a layer size),
      ``citation`` (a year, edition or value of a cited work), ``version`` (a software
      version), ``reference`` (a section, step or list position) or ``claim`` (a result
      the reader could get wrong). Only a claim's phrase may hold a measured word
      (``MEASURED_WORDS``).
    * ``reason``: why the number may be typed in.
    * ``check``: required for a ``claim``: the visible example that computes it, e.g. a
      ``>>>`` example or an ``assert`` in a code cell; it must occur verbatim within one
      line of a code cell, fence or doctest of the same document.
    * ``value``, ``assert``: a claim needs at least one, evaluated in the document's
      namespace after its examples have run (:func:`evaluate_claims`). ``value`` is an
      expression whose value the number(s) of the phrase must equal, as written (one
      number, or a list or tuple with one value per number of the phrase, in order);
      ``assert`` an expression that must be true. A claim whose phrase holds no number
      (a comparison: "nearly", "sits on") needs ``assert`` and is used where its phrase
      occurs.
    * ``tolerance``: how far the value may lie from a written number: an absolute
      number, or a string ``"5%"`` relative to the written number. By default, half a unit
      of the last digit written (``0.38`` allows 0.375 to 0.385, ``784`` allows 783.5 to
      784.5), half a unit for a whole-number word (``twice`` allows 1.5 to 2.5), and
      0.005 for a fraction word (``half`` stands for 0.50, ``a third`` for 0.33); a
      number in math is exact (a relative 1e-9).
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    registry: dict[str, list[Entry]] = {}
    for chapter, entries in data.items():
        if not isinstance(entries, list):
            raise RegistryError(f"{path.name}: [{chapter}] must be entries written [[{chapter}]]")
        for index, raw in enumerate(entries, 1):
            where = f"{path.name}: entry {index} of [[{chapter}]]"
            unknown = set(raw) - ENTRY_KEYS
            if unknown:
                raise RegistryError(f"{where} has unknown keys {sorted(unknown)}")
            for key in ("phrase", "kind", "reason"):
                if not str(raw.get(key, "")).strip():
                    raise RegistryError(f"{where} needs a {key!r}")
            if raw["kind"] not in KINDS:
                raise RegistryError(f"{where}: kind {raw['kind']!r} is not one of {KINDS}")
            phrase = raw["phrase"]
            if raw["kind"] == "claim":
                if not str(raw.get("check", "")).strip():
                    raise RegistryError(
                        f"{where} ({phrase!r}) is a claim: name the code that checks it in 'check'"
                    )
                if not (str(raw.get("value", "")).strip() or str(raw.get("assert", "")).strip()):
                    raise RegistryError(
                        f"{where} ({phrase!r}) is a claim: give it a 'value' that the number(s) "
                        "of the phrase must equal, or an 'assert' that must hold"
                    )
                for key in ("value", "assert"):
                    if raw.get(key) is not None:
                        try:
                            compile(raw[key], key, "eval")
                        except SyntaxError as error:
                            raise RegistryError(f"{where} ({phrase!r}): {key} is not an expression: {error}") from None
                if "tolerance" in raw:
                    _tolerance(raw["tolerance"], 1.0, where)
            else:
                for key in ("value", "assert", "tolerance"):
                    if key in raw:
                        raise RegistryError(f"{where} ({phrase!r}): only a claim has a {key!r}")
                words = measured_words(phrase)
                if words:
                    raise RegistryError(
                        f"{where} ({phrase!r}) is a {raw['kind']}, but its phrase states a "
                        f"measurement ({', '.join(repr(w) for w in words)}): register that part as "
                        "a claim with its assertion, and keep the other phrase short"
                    )
            registry.setdefault(chapter, []).append(
                Entry(chapter, phrase, raw["kind"], raw["reason"], raw.get("check"),
                      raw.get("value"), raw.get("assert"), raw.get("tolerance"))
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
    at = next((i for i, word in enumerate(words) if found.number.split()[0] in word), 0)
    phrase = " ".join(words[max(at - 2, 0) : at + 3]).replace("\\", "\\\\").replace('"', '\\"')
    section = found.chapter if re.fullmatch(r"[\w-]+", found.chapter) else f'"{found.chapter}"'
    if found.kind == "measured":
        return (
            f"[[{section}]]\n"
            f'phrase = "{phrase}"  # words of that line around the measured word\n'
            'kind = "claim"\n'
            'reason = "what the figure shows, and why"\n'
            'check = "the code line that draws or computes it"\n'
            'assert = "an expression, true in the namespace after the run, that states it"\n'
        )
    return (
        f"[[{section}]]\n"
        f'phrase = "{phrase}"  # words of that line around the number\n'
        'kind = "definition"  # or citation, version, reference, claim\n'
        'reason = "why the number may be typed in"\n'
        '# a claim also needs: check = "a code line that shows it",\n'
        '#   value = "an expression equal to the number as written" or assert = "..."\n'
    )


@dataclass(frozen=True)
class Report:
    """What the guard found wrong in the book."""

    unregistered: list[Found]
    unchecked: list[str]  # claims whose check is not in the document's code
    unused: list[str]  # entries that cover nothing (stale after an edit)

    def message(self) -> str:
        parts = []
        if self.unregistered:
            parts.append(
                "Numbers typed into running text, or measured words in a figure's text, that "
                "nothing computes or registers:\n"
                + "\n".join(f"  {found}" for found in self.unregistered)
                + "\nFix each one: glue a computed result from a cell ({glue:text}`name`), or, "
                "if it is a definition, citation, version, reference or checked claim, register "
                "it in book/_numbers.toml under its document's banner, e.g.\n\n"
                + _example_entry(self.unregistered[0])
            )
        if self.unchecked:
            parts.append(
                "Registered claims whose check is not in the document's code:\n"
                + "\n".join(f"  {item}" for item in self.unchecked)
            )
        if self.unused:
            parts.append(
                "Registry entries that match nothing in their document (remove or correct them):\n"
                + "\n".join(f"  {item}" for item in self.unused)
            )
        return "\n\n".join(parts)

    def __bool__(self) -> bool:
        return bool(self.unregistered or self.unchecked or self.unused)


def check_documents(documents: list[Document], registry: dict[str, list[Entry]]) -> Report:
    """Check documents against the registry."""
    unregistered: list[Found] = []
    unchecked: list[str] = []
    used: set[int] = set()
    for document in documents:
        entries = registry.get(document.name, [])
        for found in document.numbers():
            covering = [e for e in entries if e.covers(found)]
            if found.kind == "measured":
                covering = [e for e in covering if e.kind == "claim"]
            if not covering:
                unregistered.append(found)
            used.update(id(e) for e in covering)
        for entry in entries:
            if entry.kind == "claim" and id(entry) not in used and entry.assertion:
                if any(entry.occurs_in(line.text) for line in document.lines):
                    used.add(id(entry))  # a comparison without a number, asserted
            if entry.check and not any(entry.check.strip() in line for line in document.code):
                unchecked.append(
                    f"[[{document.name}]] {entry.phrase!r}: check {entry.check!r} is not a line of "
                    f"code in {document.shown}"
                )
    names = {document.name for document in documents}
    unused = [
        f"[[{entry.chapter}]] {entry.phrase!r}"
        + ("" if entry.chapter in names else f" (no document {entry.chapter})")
        for entries in registry.values()
        for entry in entries
        if id(entry) not in used
    ]
    return Report(unregistered, unchecked, unused)


def check_book(chapters: dict[str, str], registry: dict[str, list[Entry]],
               modules: list[Document] | None = None) -> Report:
    """Check chapters (stem -> MyST text), and optionally module documents, against the registry."""
    documents = [Document.chapter(stem, source) for stem, source in chapters.items()]
    return check_documents(documents + list(modules or []), registry)


# ---------------------------------------------------------------------------------- claims
@dataclass(frozen=True)
class Claim:
    """A registered claim, found in its document: what to evaluate and what the text says."""

    document: str
    shown: str
    line: int  # 0 when the phrase is not in the document
    key: str  # the test item's name: claim:LINE (claim:LINE-2 for a second one on the line)
    phrase: str
    written: tuple[str, ...]  # the numbers of the phrase, as written
    value: str | None
    assertion: str | None
    tolerance: float | str | None

    @property
    def where(self) -> str:
        return f"{self.shown}:{self.line}"


@dataclass(frozen=True)
class ClaimFailure:
    """A claim that does not hold: its item key and the message naming both values."""

    key: str
    line: int
    message: str


def claims_of(document: Document, entries: list[Entry]) -> list[Claim]:
    """The claims of a document's registry entries, at the line of each phrase's first
    occurrence, with the numbers the phrase covers there (found as the guard finds them)."""
    found_on: dict[int, list[Found]] = {}
    for found in document.numbers():
        if found.kind != "measured":
            found_on.setdefault(found.line, []).append(found)
    claims: list[Claim] = []
    taken: dict[int, int] = {}
    for entry in entries:
        if entry.kind != "claim":
            continue
        line = next((line for line in document.lines if entry.occurs_in(line.text)), None)
        number = line.line if line else 0
        written = tuple(f.number for f in found_on.get(number, []) if entry.covers(f))
        taken[number] = taken.get(number, 0) + 1
        key = f"claim:{number}" + (f"-{taken[number]}" if taken[number] > 1 else "")
        claims.append(Claim(document.name, document.shown, number, key, entry.phrase, written,
                            entry.value, entry.assertion, entry.tolerance))
    return claims


def written_numbers(phrase: str) -> list[str]:
    """The numbers of a phrase, in order, found as in running text (math as ``$...$``).

    Examples:
        >>> written_numbers("saves about half of its 784 inputs, $x = 0.38$, twice")
        ['half', '784', '0.38', 'twice']
    """
    parts = [("math" if i % 2 else "text", piece) for i, piece in enumerate(phrase.split("$"))]
    line = Line(1, tuple((kind, content) for kind, content in parts if content))
    return [found.number for found in numbers_on_lines("", [line])]


def number_value(written: str) -> tuple[float, float]:
    """The value of a number as written, and the default tolerance of that writing.

    Examples:
        >>> number_value("0.38"), number_value("1,797"), number_value("12%"), number_value("1e-7")
        ((0.38, 0.005), (1797.0, 0.5), (12.0, 0.5), (1e-07, 5e-08))
        >>> number_value("twice"), number_value("a third"), number_value("eight"), number_value("two thirds")
        ((2.0, 0.5), (0.3333333333333333, 0.005), (8.0, 0.5), (0.6666666666666666, 0.005))
        >>> number_value(r"\\tfrac12"), number_value(r"16 \\times 20"), number_value("10^{-7}")
        ((0.5, 5e-10), (320.0, 3.2e-07), (1e-07, 1e-16))
    """
    text = written.strip().replace("−", "-")
    word = text.casefold()
    if word in _UNITS or word in _SMALL:
        return float(_UNITS.get(word) or _SMALL[word]), 0.5
    if word in _MULTIPLES:
        return float(_MULTIPLES[word]), 0.5
    if word in _HALVES:
        return _HALVES[word], 0.005
    fraction = re.fullmatch(r"(\w+) (" + "|".join(_DENOMINATORS) + r")s?", word)
    if fraction:
        value = _NUMERATORS[fraction[1]] / _DENOMINATORS[fraction[2]]
        return value, min(0.005, value / 10)
    plain = re.fullmatch(r"[-+]?\d(?:[\d,]*\d)?(?:\.(\d+))?(?:[eE]([-+]?\d+))?%?", text)
    if plain:
        value = float(text.rstrip("%").replace(",", ""))
        decimals = len(plain[1] or "") - int(plain[2] or 0)
        return value, 0.5 * 10.0 ** -decimals
    value = _math_value(text)
    return value, abs(value) * 1e-9


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.Pow: operator.pow, ast.USub: operator.neg,
              ast.UAdd: operator.pos}


def _math_value(tex: str) -> float:
    """The value of a wholly numeric TeX formula (``\\frac{1}{4}``, ``2^{24}``, ``16 \\times 20``)."""
    text = tex.replace("\\%", "").replace("%", "")
    text = re.sub(r"\\[tdc]?frac\s*(\d)\s*(\d)", r"(\1)/(\2)", text)  # \tfrac12
    text = re.sub(r"\\[tdc]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"((\1)/(\2))", text)
    text = re.sub(r"\\(?:times|cdot)(?![A-Za-z])", "*", text)
    text = re.sub(r"\\(?:left|right|big|Big|bigl|bigr|,|;|!| )", " ", text)
    text = text.replace("\\pm", "").replace("^", "**").replace("{", "(").replace("}", ")")
    text = text.replace("[", "(").replace("]", ")").replace("−", "-")
    text = re.sub(r"\)\s*\(", ")*(", text)  # (a)(b): a product
    return float(_evaluate_arithmetic(ast.parse(text.strip(), mode="eval").body))


def _evaluate_arithmetic(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate_arithmetic(node.left), _evaluate_arithmetic(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate_arithmetic(node.operand))
    raise ValueError(f"not arithmetic: {ast.dump(node)}")


def _tolerance(tolerance: float | str, written: float, where: str = "") -> float:
    if isinstance(tolerance, str):
        match = re.fullmatch(r"\s*([\d.]+)\s*%\s*", tolerance)
        if not match:
            raise RegistryError(f"{where}: tolerance {tolerance!r} is neither a number nor 'N%'")
        return abs(written) * float(match[1]) / 100
    if isinstance(tolerance, (int, float)) and tolerance >= 0:
        return float(tolerance)
    raise RegistryError(f"{where}: tolerance {tolerance!r} is neither a number nor 'N%'")


# The expressions sent to the namespace: they give plain Python values, which a kernel
# reports by repr and the runner reads back.
_AS_FLOATS = "(lambda v: [float(x) for x in (v if isinstance(v, (list, tuple)) else [v])])(({}))"
_AS_BOOL = "bool(({}))"


def namespace_evaluator(namespace: Mapping[str, Any]) -> Callable[[str], Any]:
    """Evaluate expressions in a namespace (a copy of it: nothing is added to the chapter's)."""

    def evaluate(expression: str) -> Any:
        return eval(expression, dict(namespace))  # noqa: S307 - the registry's own expressions

    return evaluate


def literal(text: str) -> Any:
    """A value back from its ``repr`` (lists of floats and bools, ``nan`` and ``inf`` included)."""
    return eval(text, {"__builtins__": {}}, {"nan": math.nan, "inf": math.inf})  # noqa: S307


def judge_claim(claim: Claim, evaluate: Callable[[str], Any]) -> str | None:
    """Why the claim does not hold (naming the line and both values), or None if it holds."""
    problems = []
    if claim.line == 0:
        return f"{claim.shown}: claim {claim.phrase!r}: the phrase is not in the text"
    if claim.value:
        try:
            values = evaluate(_AS_FLOATS.format(claim.value))
        except Exception as error:  # noqa: BLE001 - any error of the expression is the verdict
            values, problems = None, [f"value `{claim.value}` raised {type(error).__name__}: {error}"]
        if values is not None and len(values) != len(claim.written):
            problems.append(
                f"the text states {len(claim.written)} number(s) {list(claim.written)}, "
                f"the value `{claim.value}` gives {len(values)}: {values}"
            )
        elif values is not None:
            for written, value in zip(claim.written, values):
                expected, default = number_value(written)
                allowed = default if claim.tolerance is None else _tolerance(claim.tolerance, expected)
                if not abs(value - expected) <= allowed * (1 + 1e-9) + 1e-300:
                    problems.append(
                        f"the text says {written!r} ({expected:.6g}), the value `{claim.value}` gives "
                        f"{value:.6g} (allowed: within {allowed:.3g})"
                    )
    if claim.assertion:
        try:
            holds = evaluate(_AS_BOOL.format(claim.assertion))
        except Exception as error:  # noqa: BLE001
            problems.append(f"assert `{claim.assertion}` raised {type(error).__name__}: {error}")
        else:
            if holds is not True:
                problems.append(f"assert `{claim.assertion}` is {holds!r}")
    if not problems:
        return None
    return f"{claim.where}: claim {claim.phrase!r} does not hold: " + "; ".join(problems)


def document_claims(path: Path) -> list[Claim]:
    """The registered claims of a chapter file, from the registry next to it."""
    registry_path = path.parent / REGISTRY_NAME
    if not registry_path.is_file():
        return []
    entries = load_registry(registry_path).get(path.stem, [])
    return claims_of(Document.chapter(path.stem, path.read_text(encoding="utf-8")), entries)


def evaluate_claims(chapter: str | Path, namespace: Mapping[str, Any] | Callable[[str], Any], *,
                    claims: list[Claim] | None = None) -> list[ClaimFailure]:
    """Evaluate the registered claims of a chapter in its namespace; return those that fail.

    Call it after every example of the chapter has run. ``chapter`` is the chapter's file
    (``book/<chapter>.md``; its claims come from the ``_numbers.toml`` next to it), or any
    name when ``claims`` are given. ``namespace`` is the chapter's namespace (a dict, as
    Sybil has it in the test process) or a function that evaluates an expression there
    and returns its value (as ``tests/chapter_runs.py`` does through the reader's kernel;
    it is sent expressions that give plain floats and bools).

    For each claim, ``value`` is evaluated and compared with every number of the phrase as
    written (see :func:`load_registry` for the tolerance), and ``assert`` must be true. A
    failure names the file and line of the phrase, what the text says and what the code
    gives.

    Examples:
        >>> doc = Document("fixture", "book/fixture.md", [Line(3, (("text", "it saves about half"),))], set())
        >>> claim = claims_of(doc, [Entry("fixture", "about half", "claim", "r", "c", value="saved / total")])
        >>> evaluate_claims("fixture", {"saved": 784.0, "total": 1569.0}, claims=claim)
        []
        >>> [f.message for f in evaluate_claims("fixture", {"saved": 1.0, "total": 3.0}, claims=claim)]
        ["book/fixture.md:3: claim 'about half' does not hold: the text says 'half' (0.5), the value `saved / total` gives 0.333333 (allowed: within 0.005)"]
    """
    if claims is None:
        claims = document_claims(Path(chapter))
    evaluate = namespace if callable(namespace) else namespace_evaluator(namespace)
    failures = []
    for claim in claims:
        message = judge_claim(claim, evaluate)
        if message:
            failures.append(ClaimFailure(claim.key, claim.line, message))
    return failures
