"""Each chapter executed once per test run, in the reader's kernel, for three checks.

A chapter used to run three times per test run: its examples in-process (Sybil), its code
cells in the strict build (myst-nb), and its downloadable notebook in the reader's kernel.
Here one execution serves all three:

* **the chapter's checks**: every code cell and every ``>>>`` example is a pytest item,
  ``book/<chapter>.md::line:N``; an example's output is compared as doctest compares it
  (Sybil's output checker, the option flags of the root ``conftest.py``) and a failure is
  reported as ``book/<chapter>.md:LINE``; a code cell tagged ``raises-exception`` must raise;
  after a code cell fails, the rest of the chapter is skipped with a pointer to it;
* **the strict build**: the executed code cells go into myst-nb's jupyter-cache (keyed on
  the code cells' source), which the tests' build reads with ``nb_execution_mode = "cache"``,
  so it renders this run's outputs without executing anything (``tests/conftest.py``);
* **the downloadable notebook**: the cells a reader downloads (the chapter without its
  solutions, each ``>>>`` example a cell) run first, in a fresh kernel of the reader's
  environment (``.venv-reader``), in an empty folder; the run notes any error, any output on
  stderr, and which module files the kernel loaded (``tests/test_notebooks.py`` checks
  them, and that the built notebook holds exactly these cells).

The solutions' cells and examples run after the reader's part, in document order. So that
this order cannot change a result, the runner fails a chapter in which a solution and a
later cell that is not a solution share a name that either assigns, or share data (an
``rng`` they both draw from); then the solutions see what they would see in place, and the
reader's notebook what it would see with them.

The kernel side is ``tests/chapter_kernel.py``; ``from myst_nb import glue`` runs as its
``glue``, which emits the display data myst-nb's does. The kernel starts with the build's
``book/_ext/kernel_startup.py`` (SVG figures) and with ``TINYTORCH_BOOK_QUICK=1``, which
the performance chapter reads to time smaller products (``scripts/build_book.sh``, the
build a reader runs, leaves it unset).

Runs are shared by the test processes through files in the run's temporary folder, one
lock per chapter: whichever process needs a chapter first runs it.
"""

from __future__ import annotations

import ast
import doctest
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock, Timeout

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "book" / "_ext"))

import myst_reading  # noqa: E402

KERNEL_SIDE = Path(__file__).resolve().parent / "chapter_kernel.py"
KERNEL_STARTUP = REPO_ROOT / "book" / "_ext" / "kernel_startup.py"
QUICK_ENV = "TINYTORCH_BOOK_QUICK"
# The option flags of the chapters' examples (as the root conftest.py gives Sybil).
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
CELL_TIMEOUT_SECONDS = 300  # as conf.py's nb_execution_timeout
GLUE_IMPORT = "from myst_nb import glue"
KERNEL_GLUE_IMPORT = "from _chapter_runs import glue"
RESULT = "application/vnd.tinytorch.chapter-run+json"
_SKIP = re.compile(r"^skip:\s*(?P<what>next|start|end)(?:\s+if\((?P<arguments>.*)\))?\s*$")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class ChapterError(ValueError):
    """The chapter has a block the runner cannot run as the book means it."""


# ---------------------------------------------------------------------------------- the plan
@dataclass
class Step:
    """A code cell or one ``>>>`` example, with its place in the chapter."""

    key: str  # the pytest item's name, line:N
    line: int  # 1-based line of the code cell's fence or of the example's >>>
    kind: str  # "cell", "example", "fence" (code that is shown, never run) or "claim"
    solution: bool
    source: str
    cell_index: int | None = None  # the code cell's index in the notebook
    body_line: int = 0  # a code cell's first line of code
    tags: list[str] = field(default_factory=list)
    want: str = ""
    exc_msg: str | None = None
    options: dict[int, bool] = field(default_factory=dict)  # doctest's per-example options
    condition: str | None = None  # "LINE:arguments" of the "% skip: start if(...)" it is under
    skipped: str | None = None  # why the step is not run at all
    download_cells: list[tuple[str, list[str]]] = field(default_factory=list)  # what the reader gets


def read_notebook(path: Path):
    """The chapter as myst-nb reads it for the build (the same cells, metadata and sources)."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    config = MdParserConfig(enable_extensions=set(myst_reading.MYST_EXTENSIONS))
    return read_myst_markdown_notebook(path.read_text(encoding="utf-8"), config=config,
                                       add_source_map=True, path=path)


def is_notebook(path: Path) -> bool:
    """Whether myst-nb treats the page as a notebook (its front matter names a kernel)."""
    import yaml

    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), flags=re.S)
    return bool(match) and "kernelspec" in (yaml.safe_load(match.group(1)) or {})


def plan(path: Path) -> tuple[Any, list[Step]]:
    """The notebook myst-nb reads from a chapter, and the chapter's steps in document order."""
    from reader_notebook import GLUE_STAND_IN, MARKER_TAG, doctest_cells

    notebook = read_notebook(path)
    code_indices = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    steps: list[Step] = []
    # Sybil's "% skip:" comments: "next" skips the next step; "start" the steps up to "end",
    # or, with "if(condition, reason=...)", runs or skips them as the condition decides (it is
    # evaluated once, in the chapter's namespace, before the first of them).
    skip_next: str | None = None
    condition: str | None = None
    skipping: str | None = None
    cells_seen = 0

    def add(step: Step) -> None:
        nonlocal skip_next
        if skip_next is not None:
            step.skipped, step.condition, skip_next = f"skip: next at line {step.line - 1}", None, None
        elif skipping:
            step.skipped = skipping
        else:
            step.condition = condition
        steps.append(step)

    for block in myst_reading.blocks(path.read_text(encoding="utf-8")):
        if block.kind == "comment":
            match = _SKIP.match(block.name)
            if match is None:
                continue
            what, arguments = match["what"], match["arguments"]
            if what == "next" and arguments:
                raise ChapterError(f"{path.name}:{block.line}: use skip: start if(...) and skip: end")
            if what == "next":
                skip_next = ""
            elif what == "start":
                condition = f"{block.line}:{arguments}" if arguments else None
                skipping = None if arguments else f"skip: start at line {block.line}"
            else:
                condition = skipping = None
            continue
        if block.kind == "code-cell":
            index = code_indices[cells_seen]
            cells_seen += 1
            if notebook.metadata["source_map"][index] != block.line:
                raise ChapterError(f"{path.name}:{block.line}: myst-nb reads a code cell at line "
                                   f"{notebook.metadata['source_map'][index]} here")
            if skip_next is not None or skipping or condition:
                raise ChapterError(f"{path.name}:{block.line}: a code cell cannot be skipped")
            source = notebook.cells[index].source
            step = Step(f"line:{block.line}", block.line, "cell", block.solution, source, index,
                        block.body_line, list(notebook.cells[index].metadata.get("tags", [])))
            step.download_cells = [(source.replace(GLUE_IMPORT, GLUE_STAND_IN), step.tags)]
            steps.append(step)
        elif block.kind == "examples":
            if block.depth > 0 and not block.solution:
                raise ChapterError(
                    f"{path.name}:{block.line}: >>> examples inside a directive are not cells of "
                    "the downloadable notebook; move them out of the directive"
                )
            optional = ["skip-execution"] if (condition or skipping) else []
            cells = [(source, tags + [MARKER_TAG] + optional) for source, tags in doctest_cells(block.body)]
            for number, example in enumerate(block.examples()):
                step = Step(f"line:{example.lineno}", example.lineno, "example", block.solution,
                            example.source, want=example.want, exc_msg=example.exc_msg,
                            options=dict(example.options))
                if example.options.get(doctest.SKIP):
                    step.skipped = "doctest: +SKIP"
                if number == 0:
                    step.download_cells = cells
                add(step)
        elif block.kind == "fence" and block.name in ("python", "pycon"):
            if skip_next is None and not skipping and not condition:
                raise ChapterError(
                    f"{path.name}:{block.line}: a ```{block.name} fence without >>> examples is "
                    "neither run nor shown as runnable: make it a {code-cell}, write it as >>> "
                    "examples, or put `% skip: next` before it"
                )
            add(Step(f"line:{block.line}", block.line, "fence", block.solution, block.body,
                     skipped="code that is not run"))
    if cells_seen != len(code_indices):
        raise ChapterError(f"{path.name}: myst-nb reads {len(code_indices)} code cells, the chapter has {cells_seen}")
    return notebook, steps


# -------------------------------------------------------------------------- order of the run
def _names(source: str) -> tuple[set[str], set[str]]:
    """(names assigned, names read) in the notebook's namespace by a piece of code.

    Python's own scope analysis (``symtable``) decides: a function's parameters and local
    variables are its own, but a global it reads or declares, at any depth, counts.
    """
    import symtable

    from IPython.core.inputtransformer2 import TransformerManager

    try:
        table = symtable.symtable(TransformerManager().transform_cell(source), "<cell>", "exec")
    except SyntaxError:
        return set(), set()
    assigned, read = set(), set()

    def visit(scope: symtable.SymbolTable, top: bool) -> None:
        for symbol in scope.get_symbols():
            if not (top or symbol.is_global()):
                continue  # local to a function or a class body
            if symbol.is_referenced():
                read.add(symbol.get_name())
            if symbol.is_assigned() or symbol.is_imported() or (top and symbol.is_namespace()):
                if top or symbol.is_declared_global():
                    assigned.add(symbol.get_name())
        for child in scope.get_children():
            visit(child, False)

    visit(table, True)
    return assigned, read


def order_conflicts(steps: list[Step]) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """What could make the runner's order (the reader's part first, then the solutions) give
    other results than document order: for a solution and a later step that is not one, a
    name one assigns and the other reads (returned as messages by the solution's key), and
    the names both read (returned to be asked whether they hold data)."""
    conflicts: dict[str, list[str]] = {}
    shared: dict[str, set[str]] = {}
    names = {step.key: _names(step.source) for step in steps}
    for i, solution in enumerate(steps):
        if not solution.solution:
            continue
        for later in steps[i + 1:]:
            if later.solution:
                continue
            s_assigned, s_read = names[solution.key]
            l_assigned, l_read = names[later.key]
            clash = (s_assigned & l_read) | (l_assigned & s_read)
            if clash:
                conflicts.setdefault(solution.key, []).append(
                    f"line {later.line} (not a solution) and this solution both use {sorted(clash)}, "
                    "which one of them assigns"
                )
            both = (s_read & l_read) - clash
            if both:
                shared.setdefault(solution.key, set()).update(both)
    return conflicts, shared


# ------------------------------------------------------------------------------- the kernel
class Kernel:
    """A kernel of the reader's environment, with the runner's helpers loaded."""

    def __init__(self, cwd: Path) -> None:
        import nbformat
        from nbclient import NotebookClient

        from reader_environment import reader_kernel_manager

        self.nbformat = nbformat
        self.notebook = nbformat.v4.new_notebook()
        self.client = NotebookClient(
            self.notebook, km=reader_kernel_manager(), timeout=CELL_TIMEOUT_SECONDS,
            interrupt_on_timeout=True, allow_errors=True, resources={"metadata": {"path": str(cwd)}},
        )
        # A reader's kernel draws figures inline: an inherited MPLBACKEND=Agg would make
        # plt.show() warn on stderr instead. The build's kernels draw them as SVG.
        self.env = {name: value for name, value in os.environ.items() if name != "MPLBACKEND"}
        self.env["PYTHONSTARTUP"] = str(KERNEL_STARTUP)
        self.env[QUICK_ENV] = "1"

    def __enter__(self) -> Kernel:
        self._context = self.client.setup_kernel(env=self.env, cleanup_kc=True)
        self._context.__enter__()
        reply = self.client.wait_for_reply(self.client.kc.kernel_info())
        self.language_info = reply["content"]["language_info"]
        # Load the helpers without binding a name in the chapter's namespace.
        text = KERNEL_SIDE.read_text(encoding="utf-8")
        cell = self.run(
            '(lambda module: (exec(%r, module.__dict__), __import__("sys").modules.__setitem__('
            '"_chapter_runs", module)))(__import__("types").ModuleType("_chapter_runs"));' % text
        )
        errors = [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"]
        if errors:
            raise RuntimeError(f"the chapter runner's kernel helpers failed to load: {errors}")
        return self

    def __exit__(self, *exc_info) -> None:
        self._context.__exit__(*exc_info)

    def run(self, source: str, tags: list[str] | None = None):
        """Execute a cell; return it with its outputs (errors are outputs, not exceptions)."""
        cell = self.nbformat.v4.new_code_cell(source, metadata={"tags": list(tags or [])})
        self.notebook.cells.append(cell)
        return self.client.execute_cell(cell, len(self.notebook.cells) - 1)

    def call(self, function: str, *arguments: Any) -> tuple[Any, list]:
        """Call a helper of chapter_kernel.py; return its report and the cell's other outputs."""
        listed = ", ".join(repr(argument) for argument in arguments)
        cell = self.run(f'__import__("_chapter_runs").{function}({listed})')
        report, other = None, []
        for output in cell.outputs:
            if output.output_type == "display_data" and RESULT in output.get("data", {}):
                report = output["data"][RESULT]
            else:
                other.append(output)
        return report, other


# ------------------------------------------------------------------------------ comparisons
def judge(step: Step, result: dict) -> str | None:
    """doctest's verdict on an example (None when it passed), with Sybil's output checker."""
    from sybil.evaluators.doctest import OutputChecker

    flags = DOCTEST_FLAGS
    for option, on in step.options.items():
        flags = flags | option if on else flags & ~option
    checker = OutputChecker()
    example = doctest.Example(step.source, step.want, step.exc_msg, lineno=step.line)
    got = result["got"]
    if "exc_msg" not in result:
        if checker.check_output(step.want, got, flags):
            return None
        return _failure(example) + checker.output_difference(example, got, flags)
    if step.exc_msg is None:
        return _failure(example) + "Exception raised:\n" + _indent(result["traceback"])
    exc_msg = result["exc_msg"]
    if checker.check_output(step.exc_msg, exc_msg, flags):
        return None
    if flags & doctest.IGNORE_EXCEPTION_DETAIL and checker.check_output(
        doctest._strip_exception_details(step.exc_msg), doctest._strip_exception_details(exc_msg), flags
    ):
        return None
    return _failure(example) + checker.output_difference(example, got + result["traceback"], flags)


def _failure(example: doctest.Example) -> str:
    return "Failed example:\n" + _indent(example.source)


def _indent(text: str) -> str:
    return "".join(f"    {line}" for line in text.splitlines(True))


def _error_output(cell) -> Any:
    return next((output for output in cell.outputs if output.output_type == "error"), None)


def _stderr(outputs) -> str:
    return "".join(o.get("text", "") for o in outputs if o.output_type == "stream" and o.name == "stderr")


def _traceback_text(error, step: Step, shown: str) -> str:
    """IPython's traceback without colours, with the cell's lines as lines of the chapter."""
    text = _ANSI.sub("", "\n".join(error.get("traceback", [])))

    def chapter_line(match: re.Match) -> str:
        return f"{shown}, line {step.body_line + int(match.group(1)) - 1}"

    return re.sub(r"Cell In\[\d+\], line (\d+)", chapter_line, text)


# --------------------------------------------------------------------------------- the run
def run_chapter(path: Path, *, shown: str | None = None, cache_path: Path | None = None) -> dict:
    """Execute a chapter once (see the module's doc) and return the record of the run.

    Args:
        path: the chapter, ``.../book/<chapter>.md``.
        shown: how failures name the chapter (default ``book/<chapter>.md``).
        cache_path: a jupyter-cache folder to store the executed notebook in, for the build,
            when every code cell ran.

    Returns:
        A JSON-able dict: ``outcomes`` (item name -> status, message, seconds), ``download``
        (the cells of the reader's part as the downloadable notebook must hold them, its
        problems, and the kernel's module files), ``glued`` (text of each glued value) and
        ``cached``.
    """
    shown = shown or f"book/{path.name}"
    started = time.monotonic()
    record: dict[str, Any] = {"chapter": path.stem, "outcomes": {}, "download": {}, "glued": {},
                              "cached": False}
    outcomes = record["outcomes"]
    try:
        notebook, steps = plan(path)
    except ChapterError as error:
        record["error"] = str(error)
        return record
    conflicts, shared = order_conflicts(steps)
    reader_part = [step for step in steps if not step.solution]
    solutions = [step for step in steps if step.solution]
    executed: dict[int, Any] = {}
    problems: list[str] = []
    first_failure: str | None = None
    kernel_lost = False  # a cell timed out or the kernel died: nothing more is asked of it
    decisions: dict[str, dict | None] = {}  # the skip conditions, by the line of their comment

    with tempfile.TemporaryDirectory(prefix=f"{path.stem}-") as folder, Kernel(Path(folder)) as kernel:

        def run_steps(part: list[Step]) -> None:
            nonlocal first_failure, kernel_lost
            for step in part:
                at = f"{shown}:{step.line}"
                if first_failure is not None:
                    outcomes[step.key] = {"status": "skipped", "message": f"{first_failure} failed earlier in this chapter"}
                    continue
                if step.skipped:
                    outcomes[step.key] = {"status": "skipped", "message": step.skipped}
                    continue
                if step.condition is not None:
                    if step.condition not in decisions:
                        decisions[step.condition] = kernel.call("skip_when", step.condition.partition(":")[2])[0]
                    decision = decisions[step.condition]
                    if decision is None or decision.get("error"):
                        outcomes[step.key] = {"status": "failed", "message": f"{at}: skip condition failed: {decision}"}
                        continue
                    if decision["skip"]:
                        outcomes[step.key] = {"status": "skipped", "message": decision["reason"] or "skip: start if(...)"}
                        continue
                t0 = time.monotonic()
                try:
                    message, stderr = (_run_cell if step.kind == "cell" else _run_example)(kernel, step, at, shown, executed)
                except Exception as error:  # a timeout or a dead kernel: nothing more runs
                    message, stderr = f"{at}: {type(error).__name__}: {error}", ""
                    first_failure, kernel_lost = at, True
                if message and step.kind == "cell":
                    first_failure = at  # what follows would fail on what the cell did not define
                if stderr:  # fails the step (and the strict build), but the chapter goes on
                    message = message or f"{at} wrote to stderr: {stderr.strip()[:300]}"
                if message and not step.solution:
                    problems.append(message.splitlines()[0])
                outcomes[step.key] = {"status": "failed" if message else "passed", "message": message or "",
                                      "seconds": round(time.monotonic() - t0, 3)}

        run_steps(reader_part)
        record["download"] = {
            "cells": [cell for step in reader_part for cell in step.download_cells],
            "problems": problems,
            "probe": None if kernel_lost else kernel.call("probe")[0],
        }
        run_steps(solutions)
        if not kernel_lost:
            _check_order(kernel, conflicts, shared, outcomes, shown, steps)
            after_examples(path, kernel, record)
        if first_failure is None:
            record["glued"] = _glued(executed)
            if cache_path is not None:
                store(notebook, executed, kernel.language_info, path, cache_path, time.monotonic() - started)
                record["cached"] = True
    record["seconds"] = round(time.monotonic() - started, 2)
    return record


def _run_cell(kernel: Kernel, step: Step, at: str, shown: str, executed: dict) -> tuple[str | None, str]:
    source = "\n".join(KERNEL_GLUE_IMPORT if line.strip() == GLUE_IMPORT else line for line in step.source.split("\n"))
    cell = kernel.run(source, step.tags)
    executed[step.cell_index] = cell
    error = _error_output(cell)
    must_raise = "raises-exception" in step.tags
    if error is not None and not must_raise:
        where = kernel.call("error_line")[0] or {}
        line = f" at {shown}:{step.body_line + where['line'] - 1}" if where.get("line") else ""
        return (f"{at}: code cell raised {error.ename}{line}: {error.evalue}\n"
                f"{_traceback_text(error, step, shown)}"), _stderr(cell.outputs)
    if error is None and must_raise:
        return f"{at}: code cell is tagged raises-exception but raised nothing", _stderr(cell.outputs)
    return None, _stderr(cell.outputs)


def _run_example(kernel: Kernel, step: Step, at: str, shown: str, executed: dict) -> tuple[str | None, str]:
    result, other = kernel.call("run_example", step.source, f"{shown}:{step.line}")
    stderr = _stderr(other)
    if result is None:
        error = next((o for o in other if o.output_type == "error"), None)
        return f"{at}: the example did not run: {error.ename if error else other}", stderr
    verdict = judge(step, result)
    return (f"{at}: example failed\n{verdict}" if verdict else None), stderr


def _check_order(kernel: Kernel, conflicts, shared, outcomes, shown: str, steps: list[Step]) -> None:
    """Fail the solutions that could see, or change, what a later cell of the reader sees."""
    names = sorted(set().union(*shared.values())) if shared else []
    kinds = kernel.call("kinds", names)[0] if names else {}
    for step in steps:
        messages = list(conflicts.get(step.key, []))
        data = sorted(name for name in shared.get(step.key, ()) if kinds.get(name) == "data")
        if data:
            messages.append(f"a later cell that is not a solution reads the same data {data}")
        if messages and outcomes.get(step.key, {}).get("status") == "passed":
            outcomes[step.key] = {
                "status": "failed",
                "message": f"{shown}:{step.line}: this solution runs after the reader's cells (the "
                           "downloadable notebook has no solutions), so it must not share state with a "
                           "later cell that is not a solution: " + "; ".join(messages)
                           + ". Use other names in the solution.",
            }


def after_examples(path: Path, kernel: Kernel, record: dict) -> None:
    """The one hook for checks that need the chapter's namespace after every example has run:
    the claims of ``book/_numbers.toml`` (issue 18). Each claim is evaluated in the kernel by
    ``prose_numbers.evaluate_claims`` and its verdict goes into ``record["outcomes"]`` under its
    key, ``claim:LINE``, for which ``ChapterFile.collect`` yields an item. After a failed code
    cell the claims are skipped like the rest of the chapter. The mutation check's runner has
    its counterpart in Sybil's ``teardown`` (``tests/chapter_sybil.py``)."""
    from prose_numbers import document_claims, evaluate_claims

    claims = document_claims(path)
    outcomes = record["outcomes"]
    earlier = next((o["message"] for o in outcomes.values()
                    if o["status"] == "skipped" and o["message"].endswith("failed earlier in this chapter")), None)
    if earlier is not None:
        for claim in claims:
            outcomes[claim.key] = {"status": "skipped", "message": earlier}
        return
    failures = {failure.key: failure.message for failure in evaluate_claims(path, kernel_evaluator(kernel), claims=claims)}
    for claim in claims:
        message = failures.get(claim.key, "")
        outcomes[claim.key] = {"status": "failed" if message else "passed", "message": message}


class ClaimEvaluationError(RuntimeError):
    """The kernel could not evaluate a claim's expression; the message says why."""


def kernel_evaluator(kernel: Kernel):
    """Evaluate an expression in the chapter's namespace in the kernel; return its plain value
    (the expressions ``evaluate_claims`` sends give floats, lists of floats or bools)."""
    from prose_numbers import literal

    def evaluate(expression: str):
        report, other = kernel.call("evaluate", expression)
        if report is None:
            raise ClaimEvaluationError(f"the kernel gave no value: {other}")
        if "error" in report:
            raise ClaimEvaluationError(report["error"])
        return literal(report["value"])

    return evaluate


def _glued(executed: dict) -> dict[str, str]:
    """The text/plain of every value the run glued, by name."""
    glued = {}
    for cell in executed.values():
        for output in cell.outputs:
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if scrapbook:
                prefix = scrapbook.get("mime_prefix", "")
                text = output.get("data", {}).get(prefix + "text/plain")
                if text is not None:
                    glued[scrapbook["name"]] = text
    return glued


def store(notebook, executed: dict, language_info: dict, path: Path, cache_path: Path, seconds: float) -> None:
    """Put the executed notebook into the jupyter-cache the build reads (its code cells in
    order, numbered 1, 2, ... as a run of the notebook alone numbers them)."""
    import copy

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    result = copy.deepcopy(notebook)
    result.metadata["language_info"] = language_info
    count = 0
    for index, cell in enumerate(result.cells):
        if cell.cell_type != "code":
            continue
        count += 1
        ran = executed[index]
        cell.execution_count = count
        cell.outputs = copy.deepcopy(ran.outputs)
        for output in cell.outputs:
            if "execution_count" in output:
                output["execution_count"] = count
            if output.output_type == "error":
                output["traceback"] = [re.sub(rf"In\[{ran.execution_count}\]", f"In[{count}]", line)
                                       for line in output["traceback"]]
    cache_path.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache_path) + ".lock"):
        get_cache(str(cache_path)).cache_notebook_bundle(
            CacheBundleIn(result, str(path), data={"execution_seconds": seconds}),
            check_validity=False, overwrite=True,
        )


# ------------------------------------------------------------------ sharing runs across processes
def shared_folder(config) -> Path:
    """The temporary folder every process of this test run shares (pytest-xdist's workers'
    folders have the controller's as their parent)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def cache_folder(folder: Path) -> Path:
    """The jupyter-cache of this test run, which the tests' build reads."""
    return folder / "jupyter_cache"


def chapter_run(path: Path, folder: Path, *, wait: bool = True) -> dict | None:
    """The record of the chapter's run in this test run: read it if a process made it, else
    run the chapter now. With ``wait=False``, None when another process is running it."""
    record = folder / "chapter-runs" / f"{path.stem}.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(record) + ".lock")
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout:
        return None
    try:
        if record.is_file():
            return json.loads(record.read_text(encoding="utf-8"))
        result = run_chapter(path, cache_path=cache_folder(folder))
        record.write_text(json.dumps(result), encoding="utf-8")
        return result
    finally:
        lock.release()


def run_every_chapter(paths: list[Path], folder: Path) -> dict[str, dict]:
    """Every chapter's record: first those no other process is running, then the rest."""
    records: dict[str, dict] = {}
    for path in paths:
        found = chapter_run(path, folder, wait=False)
        if found is not None:
            records[path.stem] = found
    for path in paths:
        if path.stem not in records:
            records[path.stem] = chapter_run(path, folder)
    return records


def notebook_chapters(book: Path) -> list[Path]:
    return [path for path in sorted(book.glob("*.md")) if is_notebook(path)]


# ---------------------------------------------------------------------------- pytest items
class ChapterFailure(AssertionError):
    """A step of a chapter failed; the message starts with ``book/<chapter>.md:LINE``."""


class ChapterFile(pytest.File):
    """A chapter: one item per code cell and per ``>>>`` example, in document order."""

    def collect(self):
        try:
            _, steps = plan(self.path)
        except ChapterError as error:
            yield ChapterItem.from_parent(self, name="read", step=None, problem=str(error))
            return
        for step in steps:
            yield ChapterItem.from_parent(self, name=step.key, step=step, problem=None)
        # The registered claims of book/_numbers.toml, judged after the chapter has run.
        from prose_numbers import RegistryError, document_claims

        try:
            claims = document_claims(self.path)
        except RegistryError as error:
            yield ChapterItem.from_parent(self, name="claims", step=None, problem=str(error))
            return
        for claim in claims:
            step = Step(claim.key, max(claim.line, 1), "claim", False, claim.value or claim.assertion or "")
            yield ChapterItem.from_parent(self, name=claim.key, step=step, problem=None)

    def record(self) -> dict:
        if not hasattr(self, "_record"):
            self._record = chapter_run(self.path, shared_folder(self.config))
        return self._record


class ChapterItem(pytest.Item):
    def __init__(self, *, step: Step | None, problem: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.step, self.problem = step, problem

    def runtest(self) -> None:
        if self.problem:
            raise ChapterFailure(self.problem)
        record = self.parent.record()
        if "error" in record:
            raise ChapterFailure(record["error"])
        outcome = record["outcomes"].get(self.name)
        if outcome is None:
            raise ChapterFailure(f"{self.reportinfo()[2]}: the chapter's run did not reach this step")
        if outcome["status"] == "skipped":
            pytest.skip(outcome["message"])
        if outcome["status"] == "failed":
            raise ChapterFailure(outcome["message"])

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ChapterFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        line = self.step.line if self.step else 1
        return self.path, line - 1, f"{self.path.parent.name}/{self.path.name}:{line}"


def collect_chapter(file_path: Path, parent) -> ChapterFile | None:
    """For the root conftest.py: a chapter that is a notebook, else nothing to collect."""
    return ChapterFile.from_parent(parent, path=file_path) if is_notebook(file_path) else None
