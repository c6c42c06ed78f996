"""Write a learner's workspace, and check it one exercise per subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import tinytorch_layers

from .checking import FAILED, NOT_STARTED, ExerciseResult
from .registry import EXERCISES, Exercise, get_exercise
from .source import solution_source, stub_source

__all__ = [
    "DEFAULT_TIMEOUT",
    "README_NAME",
    "WorkspaceExistsError",
    "check_workspace",
    "readme_text",
    "write_workspace",
]

README_NAME = "README.md"
DEFAULT_TIMEOUT = 10.0
COMMAND = "python -m tinytorch_layers.exercises"


class WorkspaceExistsError(FileExistsError):
    """``start`` would overwrite files; the message names them."""


def readme_text() -> str:
    """The README written into every workspace."""
    rows = "\n".join(
        f"| `{e.filename}` | {e.title} | {e.chapter} |" for e in EXERCISES
    )
    return f"""# tinytorch_layers exercises

Each file here is one exercise: a function or method of the `tinytorch_layers` package
with its signature and docstring kept and its body replaced by
`raise NotImplementedError(...)`. The examples in each docstring are the specification;
the checker runs them against your file.

| file | what you write | chapter |
| --- | --- | --- |
{rows}

See where you stand (every exercise starts as "not started"):

    {COMMAND} check DIR

Replace a `raise NotImplementedError(...)` with your code, then check that exercise alone:

    {COMMAND} check DIR matmul

Here DIR is this folder. The checker never changes your files. It stops an exercise that
runs longer than {DEFAULT_TIMEOUT:g} seconds (`--timeout` changes that). `{COMMAND} list`
lists the exercises in book order.
"""


def _workspace_files(solutions: bool) -> dict[str, str]:
    render = solution_source if solutions else stub_source
    files = {exercise.filename: render(exercise) for exercise in EXERCISES}
    files[README_NAME] = readme_text()
    return files


def write_workspace(directory: Path | str, *, force: bool = False, solutions: bool = False) -> list[Path]:
    """Write one file per exercise and a README into ``directory``; return their paths.

    Args:
        directory: Created if missing. Files in it that are not workspace files are never
            touched or deleted.
        force: Overwrite workspace files that already exist (losing the work in them).
        solutions: Write the package's own solutions instead of stubs (for testing the
            checker; a learner wants the stubs).

    Raises:
        WorkspaceExistsError: Without ``force``, when any file to be written exists.
        NotADirectoryError: ``directory`` exists and is not a directory.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(f"{directory} exists and is not a directory")
    files = _workspace_files(solutions)
    existing = sorted(name for name in files if (directory / name).exists())
    if existing and not force:
        raise WorkspaceExistsError(
            f"{directory} already holds {', '.join(existing)}; nothing was written. "
            f"Use --force to overwrite these files (your work in them is lost), or choose "
            f"another directory."
        )
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the learner's folder
    # The child must import this same package, installed or not.
    package_root = str(Path(tinytorch_layers.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


def _kill(process: subprocess.Popen) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)  # the child and anything it started
        else:  # pragma: no cover - Windows
            process.kill()
    except ProcessLookupError:
        pass
    process.communicate()


def _check_one(exercise: Exercise, directory: Path, timeout: float) -> ExerciseResult:
    path = directory / exercise.filename
    if not path.is_file():
        return ExerciseResult(
            exercise.name, FAILED, filename=exercise.filename,
            message=f"{exercise.filename} is missing from {directory}",
        )
    with tempfile.TemporaryDirectory(prefix="tinytorch-check-") as scratch:
        result_path = Path(scratch) / "result.json"
        command = [
            sys.executable, "-B", "-m", "tinytorch_layers.exercises._child",
            exercise.name, str(path.resolve()), str(result_path),
        ]
        process = subprocess.Popen(
            command, cwd=scratch, env=_child_environment(), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=hasattr(os, "killpg"),
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            return ExerciseResult(
                exercise.name, FAILED, filename=exercise.filename,
                message=f"timed out after {timeout:g} s (an endless loop, or far too slow?)",
            )
        if result_path.is_file():
            try:
                return ExerciseResult.from_json(json.loads(result_path.read_text(encoding="utf-8")))
            except (ValueError, TypeError):
                pass
        last = stderr.strip().splitlines()[-1:] if stderr else []
        return ExerciseResult(
            exercise.name, FAILED, filename=exercise.filename,
            message=f"the check stopped before reporting (exit code {process.returncode})"
            + (f": {last[0]}" if last else ""),
        )


def check_workspace(
    directory: Path | str,
    names: Sequence[str] = (),
    *,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 2,
) -> Iterator[ExerciseResult]:
    """Check exercises of a workspace, each in its own subprocess; yield results in book order.

    Args:
        directory: The workspace folder.
        names: Exercises to check; all of them when empty.
        timeout: Seconds each exercise may run before it is stopped and reported.
        jobs: How many exercises to check at the same time.

    Raises:
        ValueError: A name is not an exercise.
        NotADirectoryError: ``directory`` is not a directory.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise NotADirectoryError(f"{directory} is not a directory; create it with: {COMMAND} start {directory}")
    wanted = {get_exercise(name).name for name in names}
    chosen = [e for e in EXERCISES if not wanted or e.name in wanted]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_check_one, e, directory, timeout) for e in chosen]
        for future in futures:
            yield future.result()


def summary_line(results: Sequence[ExerciseResult]) -> str:
    """``2 passed, 3 failed, 1 not started``."""
    counts = {status: sum(r.status == status for r in results) for status in ("passed", FAILED, NOT_STARTED)}
    return ", ".join(f"{count} {status}" for status, count in counts.items())
