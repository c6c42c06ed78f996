"""The command line: ``tinytorch-exercises list|start|check`` (or ``python -m tinytorch_layers.exercises``).

Exit status: 0 when every checked exercise passed on the learner's own code; 1 when one did
not, or ``start`` refused to overwrite; 2 for a usage or operating-system error (one line on
stderr, no traceback); 128 + the signal's number when interrupted by SIGINT, SIGTERM or
SIGHUP (130, 143, 129), after stopping every check and printing what was checked so far.

``check --format json`` prints one JSON document instead of text, for an autograder: see
:func:`.report.json_report`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from .catalogue import ALL_EXERCISES
from .report import FORMATS, json_report, verdict_lines
from .workspace import (
    COMMAND,
    DEFAULT_TIMEOUT,
    MAX_JOBS,
    MAX_TIMEOUT,
    README_NAME,
    WorkspaceExistsError,
    check_workspace,
    summary_line,
    validate_jobs,
    validate_timeout,
    write_workspace,
)

__all__ = ["main", "run"]

INTERRUPTING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description=(
            "Exercises for the tinytorch_layers book. A code exercise is a function or method "
            "of the package with its body removed; its docstring examples are the "
            "specification, and the package's own code is the reference solution. A question "
            "asks for values or a small function, which the checker compares with what the "
            "package computes, without showing the right values."
        ),
        epilog=f"Typical use: {COMMAND} start my-work, edit a file, {COMMAND} check my-work matmul",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="list the exercises in book order: kind (code or question) and chapter")
    start = commands.add_parser(
        "start", help="write a workspace: one file per exercise and a README",
        description="Write one file per exercise and a README into DIR (created if missing). "
        "Refuses to overwrite existing workspace files unless --force, and never writes "
        "through a symbolic link; never deletes files.",
    )
    start.add_argument("directory", metavar="DIR")
    start.add_argument("--force", action="store_true", help="overwrite existing workspace files (their work is lost)")
    check = commands.add_parser(
        "check", help="run the exercises' doctests against your files",
        description="Check each exercise in its own process: one line per exercise (passed, "
        "failed or not started), the first failing example of each failed code exercise, "
        "each answer of a failed question, and a summary. Exit status 0 only if every "
        "checked exercise passed with your own code. Your files are not changed. This is "
        "feedback, not proof: your code runs with your permissions.",
    )
    check.add_argument("directory", metavar="DIR")
    check.add_argument("names", nargs="*", metavar="NAME", help="exercises to check (default: all)")
    check.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"stop an exercise that runs longer than this (default {DEFAULT_TIMEOUT:g}, at most {MAX_TIMEOUT:g})",
    )
    check.add_argument(
        "--jobs", type=int, default=2, help=f"exercises checked at the same time (default 2, at most {MAX_JOBS})"
    )
    check.add_argument(
        "--format", choices=FORMATS, default="text",
        help="text (default), or json: one JSON document with a record per exercise (name, kind, "
        "status, examples passed and total, first failure) and the counts, for an autograder; "
        "the exit status is the same",
    )
    return parser


def list_lines() -> list[str]:
    """The lines ``list`` prints: a header, then one aligned row per exercise in book order."""
    rows = [("", "exercise", "kind", "chapter", "what you write or answer")]
    rows += [(f"{number}.", e.name, e.kind, e.chapter, e.title) for number, e in enumerate(ALL_EXERCISES, start=1)]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return [
        f"{number:>{widths[0]}} {name:<{widths[1]}}  {kind:<{widths[2]}}  {chapter:<{widths[3]}}  {title}".rstrip()
        for number, name, kind, chapter, title in rows
    ]


def _list() -> int:
    print("\n".join(list_lines()))
    return 0


def _start(directory: str, force: bool) -> int:
    try:
        write_workspace(directory, force=force)
    except WorkspaceExistsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(ALL_EXERCISES)} exercise files and {README_NAME} to {directory}.")
    print(f"Next: {COMMAND} check {_quoted(directory)}")
    return 0


def _quoted(path: str) -> str:
    """``path`` as a shell word, so that the printed command can be run as it is."""
    import shlex

    return shlex.quote(path)


class Interrupted(Exception):
    """SIGINT, SIGTERM or SIGHUP arrived while checking."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Turn SIGINT, SIGTERM and SIGHUP into one Interrupted exception in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(number, frame):  # noqa: ARG001
        for other in INTERRUPTING:  # the first signal wins; the cleanup after it must finish
            signal.signal(other, lambda *_: None)
        raise Interrupted(number)

    previous = {number: signal.signal(number, interrupt) for number in INTERRUPTING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    known = {e.name for e in ALL_EXERCISES}
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(
            f"unknown exercise {', '.join(map(repr, unknown))}; "
            f"choose from: {', '.join(e.name for e in ALL_EXERCISES)}"
        )  # exits with status 2
    try:
        validate_timeout(args.timeout)
    except ValueError:
        parser.error(f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, got {args.timeout:g}")
    try:
        validate_jobs(args.jobs)
    except ValueError:
        parser.error(f"--jobs must be from 1 to {MAX_JOBS}, got {args.jobs}")
    results = []
    count = len(set(args.names)) if args.names else len(ALL_EXERCISES)
    text = args.format == "text"
    try:
        with _interruptible(), contextlib.closing(
            check_workspace(args.directory, args.names, timeout=args.timeout, jobs=args.jobs)
        ) as checks:
            for result in checks:
                results.append(result)
                if text:
                    print(verdict_lines(result), flush=True)
    except Interrupted as interruption:
        name = signal.Signals(interruption.number).name
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            if text:
                print(f"interrupted by {name} after {len(results)} of {count} exercises: {summary_line(results)}",
                      flush=True)
            else:
                print(json_report(results, interrupted=name), flush=True)
        return 128 + interruption.number
    print(summary_line(results) if text else json_report(results))
    return 0 if all(r.own_pass for r in results) else 1



def _describe(error: OSError) -> str:
    """One line for an operating-system error: the path and the reason."""
    if error.filename is None or isinstance(error, (WorkspaceExistsError, NotADirectoryError)) and not error.strerror:
        return str(error)
    return f"{error.filename}: {error.strerror or error}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            return _list()
        if args.command == "start":
            return _start(args.directory, args.force)
        return _check(parser, args)
    except BrokenPipeError:  # the reader of our output has gone (``check DIR | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 1
    except OSError as error:
        print(f"error: {_describe(error)}", file=sys.stderr)
        return 2


def run() -> None:
    """The ``tinytorch-exercises`` console script."""
    sys.exit(main())
