"""The command line: ``python -m tinytorch_layers.exercises list|start|check``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .checking import PASSED
from .registry import EXERCISES
from .workspace import (
    COMMAND,
    DEFAULT_TIMEOUT,
    README_NAME,
    WorkspaceExistsError,
    check_workspace,
    summary_line,
    write_workspace,
)

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description=(
            "Exercises for the tinytorch_layers book. Each exercise is a function or method "
            "of the package with its body removed; its docstring examples are the "
            "specification, and the package's own code is the reference solution."
        ),
        epilog=f"Typical use: {COMMAND} start my-work, edit a file, {COMMAND} check my-work matmul",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="list the exercises in book order, with their chapter")
    start = commands.add_parser(
        "start", help="write a workspace: one file per exercise and a README",
        description="Write one file per exercise and a README into DIR (created if missing). "
        "Refuses to overwrite existing workspace files unless --force; never deletes files.",
    )
    start.add_argument("directory", metavar="DIR")
    start.add_argument("--force", action="store_true", help="overwrite existing workspace files (their work is lost)")
    check = commands.add_parser(
        "check", help="run the exercises' doctests against your files",
        description="Check each exercise in its own process: one line per exercise (passed, "
        "failed or not started), the first failing example of each failure, and a summary. "
        "Exit status 0 only if every checked exercise passed. Your files are not changed.",
    )
    check.add_argument("directory", metavar="DIR")
    check.add_argument("names", nargs="*", metavar="NAME", help="exercises to check (default: all)")
    check.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"stop an exercise that runs longer than this (default {DEFAULT_TIMEOUT:g})",
    )
    check.add_argument("--jobs", type=int, default=2, help="exercises checked at the same time (default 2)")
    return parser


def _list() -> int:
    width = max(len(e.name) for e in EXERCISES)
    for number, exercise in enumerate(EXERCISES, start=1):
        print(f"{number}. {exercise.name:<{width}}  chapter {exercise.chapter:<14}  {exercise.title}")
    return 0


def _start(directory: str, force: bool) -> int:
    try:
        write_workspace(directory, force=force)
    except (WorkspaceExistsError, NotADirectoryError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(EXERCISES)} exercise files and {README_NAME} to {directory}.")
    print(f"Next: {COMMAND} check {directory}")
    return 0


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    known = {e.name for e in EXERCISES}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(
            f"unknown exercise {', '.join(map(repr, unknown))}; "
            f"choose from: {', '.join(e.name for e in EXERCISES)}"
        )  # exits with status 2
    if args.timeout <= 0:
        parser.error(f"--timeout must be positive, got {args.timeout:g}")
    results = []
    width = max(len(e.name) for e in EXERCISES)
    try:
        for result in check_workspace(args.directory, args.names, timeout=args.timeout, jobs=args.jobs):
            results.append(result)
            counted = f" ({result.examples} examples)" if result.status == PASSED else ""
            print(f"{result.exercise:<{width}}  {result.status}{counted}", flush=True)
            details = result.details()
            if details:
                print("\n".join("    " + line for line in details.splitlines()), flush=True)
    except NotADirectoryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary_line(results))
    return 0 if all(r.status == PASSED for r in results) else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "list":
        return _list()
    if args.command == "start":
        return _start(args.directory, args.force)
    return _check(parser, args)
