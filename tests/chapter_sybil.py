"""The chapters run in the test process with Sybil: the runner the mutation check uses.

``--chapter-runner=sybil`` (root ``conftest.py``) collects every chapter with the parsers
below, in document order and in one namespace per chapter:

* ``{code-cell} ipython3`` cells (a cell tagged ``raises-exception`` must raise),
* ```` ```python ```` fences and ``{code-cell} python`` (code, or ``>>>`` doctests),
* ``>>>`` doctests in ```` ```pycon ```` fences and ``{doctest}`` directives,
  including those inside exercise solution blocks.

A failure is reported at ``book/<chapter>.md:LINE``. The default runner,
``tests/chapter_runs.py``, runs the same cells and examples in the reader's kernel;
``tests/test_chapter_runners.py`` checks that the two find the same ones.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Iterable
from pathlib import Path

import pytest
from sybil import Document, Example, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.codeblock import PythonDocTestOrCodeBlockParser
from sybil.parsers.myst import (
    CodeBlockParser,
    DocTestDirectiveParser,
    PythonCodeBlockParser,
    SkipParser,
)

from chapter_runs import DOCTEST_FLAGS
from myst_reading import tags_of


class ChapterFailure(AssertionError):
    """An example in a chapter failed; the message starts with ``chapter.md:LINE``."""


def _location(example: Example) -> str:
    """``book/<chapter>.md:LINE``."""
    path = Path(example.path)
    return f"{path.parent.name}/{path.name}:{example.line}"


def _tags(region: Region) -> list[str]:
    """The ``tags`` option of a code cell, from ``:tags: [a, b]`` or a YAML block."""
    tags = region.lexemes.get("options", {}).get("tags", [])
    return tags_of({"tags": tags if isinstance(tags, str) else ",".join(tags)})


_MAGIC = re.compile(r"^\s*(%|!)", re.MULTILINE)


def _ipython_source(source: str) -> str:
    """Turn IPython syntax (``%timeit``, ``!cmd``) into plain Python when a cell uses it."""
    if not _MAGIC.search(source):
        return source
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _lines_before_code(example: Example) -> int:
    """How many lines of the chapter come before the cell's first line of code.

    Sybil's ``line_offset`` counts the opening fence but not the cell's options
    (``:tags: [...]`` and the blank line after them), so the code is found in the cell's
    own text instead.
    """
    text = example.document.text
    raw = text[example.region.start : example.region.end]
    code = str(example.parsed).lstrip("\n")
    at = raw.find(code[:200]) if code.strip() else -1
    if at < 0:
        return example.line + example.parsed.line_offset
    return text.count("\n", 0, example.region.start + at)


class IPythonCellParser(CodeBlockParser):
    """``{code-cell} ipython3`` cells, run as Python; ``raises-exception`` cells must raise."""

    language = "ipython3"

    def __init__(self) -> None:
        super().__init__(language=self.language)

    def evaluate(self, example: Example) -> None:
        __tracebackhide__ = True
        source = _ipython_source(str(example.parsed))
        if "get_ipython()" in source and "get_ipython" not in example.namespace:
            from IPython.core.interactiveshell import InteractiveShell

            example.namespace["get_ipython"] = InteractiveShell.instance
        must_raise = "raises-exception" in _tags(example.region)
        # Pad with newlines so that the code's line numbers are the chapter's: tracebacks
        # point at the chapter, and inspect.getsource (which `check` in a chapter's closing
        # cells uses) finds a function's own lines.
        padded = "\n" * _lines_before_code(example) + source
        code = compile(padded, example.path, "exec", dont_inherit=True)
        try:
            exec(code, example.namespace)
        except Exception as error:
            if must_raise:
                return
            raise ChapterFailure(
                f"{_location(example)}: code cell raised "
                f"{type(error).__name__}: {error}\n{traceback.format_exc()}"
            ) from error
        finally:
            example.namespace.pop("__builtins__", None)
        if must_raise:
            raise ChapterFailure(
                f"{_location(example)}: code cell is tagged raises-exception but raised nothing"
            )


class PyconParser(PythonDocTestOrCodeBlockParser):
    """``>>>`` examples in ```` ```pycon ```` fences."""

    codeblock_parser_class = CodeBlockParser

    def __init__(self, doctest_optionflags: int = 0) -> None:
        super().__init__(doctest_optionflags=doctest_optionflags)
        self.codeblock_parser = CodeBlockParser("pycon", PythonEvaluator())


def _with_location(parser):
    """Wrap a parser so failures start with ``book/<chapter>.md:LINE``.

    Once a block of code raises, the rest of its chapter is skipped with a pointer
    to that line, instead of failing again on every name the block did not define.
    """

    def located(document: Document) -> Iterable[Region]:
        _DOCUMENT_OF[id(document.namespace)] = document
        for region in parser(document):
            evaluator = region.evaluator

            def evaluate(example: Example, _evaluate=evaluator):
                __tracebackhide__ = True
                earlier = getattr(example.document, "first_failure", None)
                if earlier is not None:
                    pytest.skip(f"{earlier} failed earlier in this chapter")
                try:
                    result = _evaluate(example)
                except Exception as error:
                    example.document.first_failure = _location(example)
                    if not isinstance(error, ChapterFailure):
                        error.add_note(f"in {_location(example)}")
                    raise
                if result:  # doctest evaluators return the failure report as a string
                    return f"{_location(example)}: example failed\n{result}"
                return result

            region.evaluator = evaluate
            yield region

    return located


def _use_agg_backend(namespace: dict) -> None:
    """Draw figures off-screen. Not via MPLBACKEND: subprocesses (kernels) would inherit it."""
    import matplotlib

    matplotlib.use("Agg")


# The document of each chapter's namespace, for the teardown (Sybil passes it the namespace only).
_DOCUMENT_OF: dict[int, Document] = {}


def _close_figures(namespace: dict) -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def _check_claims(namespace: dict) -> None:
    """Evaluate the chapter's registered claims (``book/_numbers.toml``) after its examples:
    the counterpart of ``after_examples`` in ``tests/chapter_runs.py``. A claim that does not
    hold fails the teardown of the chapter's last item, with the line and both values."""
    from prose_numbers import evaluate_claims

    document = _DOCUMENT_OF.pop(id(namespace), None)
    if document is None or getattr(document, "first_failure", None) is not None:
        return  # a chapter that failed earlier is reported there
    failures = evaluate_claims(Path(document.path), namespace)
    if failures:
        raise ChapterFailure("\n".join(failure.message for failure in failures))


def _teardown(namespace: dict) -> None:
    try:
        _check_claims(namespace)
    finally:
        _close_figures(namespace)


def chapter_sybil(book: Path) -> Sybil:
    """Sybil for the chapters ``*.md`` in the folder ``book``."""
    return Sybil(
        parsers=[
            _with_location(IPythonCellParser()),
            _with_location(PythonCodeBlockParser(doctest_optionflags=DOCTEST_FLAGS)),
            _with_location(PyconParser(doctest_optionflags=DOCTEST_FLAGS)),
            _with_location(DocTestDirectiveParser(optionflags=DOCTEST_FLAGS)),
            SkipParser(),
        ],
        path=str(book),
        patterns=["*.md"],
        setup=_use_agg_backend,
        teardown=_teardown,
    )
