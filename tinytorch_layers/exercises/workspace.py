"""Write a learner's workspace, and check it one exercise per subprocess."""

from __future__ import annotations

import math
import os
import stat
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .catalogue import ALL_EXERCISES, find_exercise
from .checking import FAILED, NOT_STARTED, ExerciseResult
from .processes import run_check
from .questions import Question
from .registry import Exercise
from .source import solution_source, stub_source

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_JOBS",
    "MAX_TIMEOUT",
    "README_NAME",
    "WorkspaceExistsError",
    "check_workspace",
    "readme_text",
    "validate_jobs",
    "validate_timeout",
    "write_workspace",
]

README_NAME = "README.md"
DEFAULT_TIMEOUT = 10.0
MAX_TIMEOUT = 600.0  # ten minutes: far more than any exercise needs
MAX_JOBS = 32
COMMAND = "python -m tinytorch_layers.exercises"


class WorkspaceExistsError(FileExistsError):
    """``start`` would overwrite files; the message names them."""


def readme_text() -> str:
    """The README written into every workspace."""
    rows = "\n".join(
        f"| `{e.filename}` | {e.kind} | {e.title} | {e.chapter} |" for e in ALL_EXERCISES
    )
    return f"""# tinytorch_layers exercises

Each file here is one exercise of the book. In a *code* exercise you write a function or
method of the `tinytorch_layers` package: its signature and docstring are kept, and its
body is `raise NotImplementedError(...)` (in `scale_shift_bug.py`, code with a mistake for
you to find). The examples in the docstring are the specification; the checker runs them
against your file. A *question* asks you to predict values (a shape, a count, a size) or
to write a small function: replace each `...` with your answer. The checker computes each
answer with the package and says which of yours are wrong, without showing the right ones.

| file | kind | what you write | chapter |
| --- | --- | --- | --- |
{rows}

See where you stand (every exercise starts as "not started"); run this in the folder
that holds this README:

    {COMMAND} check .

Write an exercise (replace the whole `raise NotImplementedError(...)` line with your
code), then check that exercise alone:

    {COMMAND} check . matmul

From another folder, give this folder's path instead of `.`. The checker never changes
your files. It stops an exercise that runs longer than {DEFAULT_TIMEOUT:g} seconds
(`--timeout` changes that). `{COMMAND} list` lists the exercises in book order. The
checker gives feedback, not proof: your code runs with your own permissions.
"""


def _workspace_files(solutions: bool) -> dict[str, str]:
    def render(exercise: Exercise | Question) -> str:
        if solutions and exercise.kind == "code":
            return solution_source(exercise)
        return stub_source(exercise.name)

    files = {exercise.filename: render(exercise) for exercise in ALL_EXERCISES}
    files[README_NAME] = readme_text()
    return files


def write_workspace(directory: Path | str, *, force: bool = False, solutions: bool = False) -> list[Path]:
    """Write one file per exercise and a README into ``directory``; return their paths.

    Args:
        directory: Created if missing. Files in it that are not workspace files are never
            touched or deleted.
        force: Overwrite workspace files that already exist (losing the work in them).
        solutions: Write the package's own solutions of the coding exercises instead of
            their stubs (for testing the checker; a learner wants the stubs). Questions are
            always written unanswered: no answer is stored anywhere.

    Raises:
        WorkspaceExistsError: Without ``force``, when any file to be written exists (a
            dangling symbolic link counts); with it, when one is not a regular file (a link
            is never written through). Nothing is written then.
        NotADirectoryError: ``directory`` exists and is not a directory.
        OSError: The folder cannot be created or written.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(f"{directory} exists and is not a directory")
    files = _workspace_files(solutions)
    existing = sorted(name for name in files if os.path.lexists(directory / name))
    if existing and not force:
        raise WorkspaceExistsError(
            f"{directory} already holds {', '.join(existing)}; nothing was written. "
            f"Use --force to overwrite these files (your work in them is lost), or choose "
            f"another directory."
        )
    odd = [name for name in existing if not stat.S_ISREG(os.lstat(directory / name).st_mode)]
    if odd:
        raise WorkspaceExistsError(
            f"in {directory}, {', '.join(odd)} is not a regular file (a symbolic link or a "
            f"folder); nothing was written. start never writes through a link, even with "
            f"--force: remove it, or choose another directory."
        )
    directory.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a link made since the check above is refused, not followed; O_EXCL:
    # without --force, a file made since then is not overwritten.
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | (os.O_TRUNC if force else os.O_EXCL)
    paths = []
    for name, text in files.items():
        path = directory / name
        with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as file:
            file.write(text)
        paths.append(path)
    return paths


def validate_timeout(timeout: float) -> float:
    """``timeout`` as a float if it is finite and in (0, MAX_TIMEOUT]; else a ValueError."""
    try:
        value = float(timeout)
    except (TypeError, ValueError):
        raise TypeError(f"the time limit must be a number of seconds, got {timeout!r}") from None
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise ValueError(
            f"the time limit must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, got {timeout!r}"
        )
    return value


def validate_jobs(jobs: int) -> int:
    """``jobs`` if it is an integer from 1 to MAX_JOBS; else a ValueError or TypeError."""
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise TypeError(f"the number of jobs must be an integer, got {jobs!r}")
    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"the number of jobs must be from 1 to {MAX_JOBS}, got {jobs}")
    return jobs


def _file_problem(directory: Path, exercise: Exercise | Question) -> str:
    """Why the learner's file of ``exercise`` cannot be checked, or "" if it can.

    Raises:
        OSError: The folder cannot be searched (permission denied and the like).
    """
    path = directory / exercise.filename
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.lexists(path):
            return f"{exercise.filename} in {directory} is a symbolic link to a file that does not exist"
        return f"{exercise.filename} is missing from {directory}"
    if stat.S_ISDIR(mode):
        return f"{exercise.filename} in {directory} is a folder, not a file"
    if not stat.S_ISREG(mode):
        return f"{exercise.filename} in {directory} is not a regular file"
    return ""


def check_workspace(
    directory: Path | str,
    names: Sequence[str] = (),
    *,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 2,
) -> Iterator[ExerciseResult]:
    """Check exercises of a workspace, each in its own subprocess; yield results in book order.

    Each check ends within ``timeout`` plus ``processes.MARGIN`` seconds. Closing the
    generator early (or an exception such as KeyboardInterrupt while it waits) stops the
    running checks, kills their processes and drops the queued ones.

    Args:
        directory: The workspace folder.
        names: Exercises to check; all of them when empty.
        timeout: Seconds each exercise may run before it is stopped and reported.
        jobs: How many exercises to check at the same time.

    Raises:
        ValueError: A name is not an exercise, or ``timeout`` or ``jobs`` is out of range.
        NotADirectoryError: ``directory`` is not a directory.
        OSError: The folder or a file in it cannot be read.
    """
    timeout, jobs = validate_timeout(timeout), validate_jobs(jobs)
    directory = Path(directory)
    if not directory.is_dir():
        raise NotADirectoryError(f"{directory} is not a directory; create it with: {COMMAND} start {directory}")
    os.listdir(directory)  # an unreadable folder is an error now, not six failures later
    wanted = {find_exercise(name).name for name in names}
    chosen = [e for e in ALL_EXERCISES if not wanted or e.name in wanted]
    problems = {e.name: _file_problem(directory, e) for e in chosen}
    stop = threading.Event()

    def check(exercise: Exercise | Question) -> ExerciseResult:
        if problems[exercise.name]:
            return ExerciseResult(exercise.name, FAILED, filename=exercise.filename, message=problems[exercise.name],
                                  kind=exercise.kind)
        return run_check(exercise, (directory / exercise.filename).resolve(), timeout, stop)

    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="exercise-check")
    try:
        futures = [pool.submit(check, e) for e in chosen]
        for future in futures:
            yield future.result()
    finally:
        stop.set()  # running checks kill their processes within processes.STOP_GRACE
        pool.shutdown(wait=True, cancel_futures=True)


def summary_line(results: Sequence[ExerciseResult]) -> str:
    """``2 passed, 3 failed, 1 not started``."""
    counts = {status: sum(r.status == status for r in results) for status in ("passed", FAILED, NOT_STARTED)}
    return ", ".join(f"{count} {status}" for status, count in counts.items())
