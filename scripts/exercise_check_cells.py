"""Rewrite the functions in the chapters' closing check cells from the exercises' stubs.

Each chapter ends with hidden cells (tagged ``remove-cell``) that its downloadable notebook
keeps: one per exercise, starting from the same code as the workspace's stub file, so that a
cell run as it is says "not started". The stub is made from the package's own source
(``tinytorch_layers.exercises.stub_source``), so when that source changes, the cells are
copied again with this script rather than by hand:

    .venv/bin/python scripts/exercise_check_cells.py          # rewrite the chapters
    .venv/bin/python scripts/exercise_check_cells.py --check  # only say which cells differ

Only the function definitions are rewritten; what a cell has before them (an import its
signature needs) and after them (the ``check(...)`` call with its names) is kept.
``tests/test_notebook_check.py`` fails, naming this script, when a cell and its stub differ.
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
import textwrap
from pathlib import Path

from tinytorch_layers.exercises import stub_source
from tinytorch_layers.exercises.catalogue import CHAPTERS, find_exercise
from tinytorch_layers.exercises.source import _find_definition

BOOK = Path(__file__).resolve().parent.parent / "book"
HEADING = "### Checking your work in the notebook"
CELL = re.compile(r"(```\{code-cell\} ipython3\n:tags: \[remove-cell\]\n\n)(.*?)(\n```\n)", re.S)


def stub_function(exercise, target: str, name: str) -> str:
    """The stub's definition of ``target`` (a function or a method), as a function ``name``."""
    stub = stub_source(exercise)
    lines = stub.splitlines()
    node = _find_definition(ast.parse(stub), target)
    # The signature without annotations: a notebook evaluates them when the cell runs, and
    # names such as ``RngLike`` are imported only in the workspace file.
    arguments = _without_annotations(node.args)
    signature = f"def {name}({ast.unparse(arguments)}):"
    if len(signature) > 99:
        one_per_line = ast.unparse(arguments).replace(", ", ",\n    ")
        signature = f"def {name}(\n    {one_per_line},\n):"
    statements = node.body
    if isinstance(statements[0], ast.Expr) and isinstance(statements[0].value, ast.Constant):
        statements = statements[1:]  # the docstring: the workspace file has it, the cell does not
    body = textwrap.dedent("\n".join(lines[statements[0].lineno - 1 : node.end_lineno]))
    return signature + "\n" + textwrap.indent(body, "    ")


def _without_annotations(arguments: ast.arguments) -> ast.arguments:
    arguments = copy.deepcopy(arguments)
    for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                     arguments.vararg, arguments.kwarg]:
        if argument is not None:
            argument.annotation = None
    return arguments


def rewrite_cell(source: str) -> str:
    """``source`` with each function its ``check`` call names replaced by the stub's code."""
    tree = ast.parse(source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "check"]
    if len(calls) != 1:
        return source
    call = calls[0]
    exercise = find_exercise(call.args[0].value)
    if exercise.kind == "question":
        return source
    names = [argument.id for argument in call.args[1:]]
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    lines = source.splitlines()
    before = "\n".join(lines[: functions[0].lineno - 1]).rstrip()
    after = "\n".join(lines[functions[-1].end_lineno:]).strip()
    defs = [stub_function(exercise, target, name) for target, name in zip(exercise.targets, names)]
    parts = ([before] if before else []) + defs + [after]
    return "\n\n\n".join(parts)


def rewrite_chapter(text: str) -> str:
    start = text.index(HEADING)
    tail = CELL.sub(lambda m: m.group(1) + rewrite_cell(m.group(2)) + m.group(3), text[start:])
    return text[:start] + tail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a cell differs")
    args = parser.parse_args(argv)
    differ = []
    for chapter in CHAPTERS:
        path = BOOK / f"{chapter}.md"
        text = path.read_text(encoding="utf-8")
        new = rewrite_chapter(text)
        if new != text:
            differ.append(path.name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    verb = "differ from the stubs" if args.check else "rewritten"
    print(f"{verb}: {', '.join(differ)}" if differ else "every check cell starts from its stub")
    return 1 if (args.check and differ) else 0


if __name__ == "__main__":
    sys.exit(main())
