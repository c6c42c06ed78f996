"""Run an exercise's doctests against a learner's code and say what happened.

The examples always come from the package's own docstrings, never from the learner's file,
so editing the docstring in the workspace cannot change the specification.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys
import traceback
import types
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .registry import Exercise, get_exercise
from .source import reference_docstring, solution_source

__all__ = [
    "FAILED",
    "NOT_STARTED",
    "PASSED",
    "ExerciseResult",
    "Failure",
    "check_module",
    "check_source",
    "load_module",
    "verify_solution",
]

PASSED, FAILED, NOT_STARTED = "passed", "failed", "not started"

# ELLIPSIS for tracebacks and long messages, NORMALIZE_WHITESPACE for wrapped arrays;
# FAIL_FAST because later examples build on earlier ones: the first failure is the news.
OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.FAIL_FAST


@dataclass
class Failure:
    """The first example that did not give the documented output.

    Attributes:
        target: The function or method whose docstring holds the example.
        source: The example's code, as ``>>>`` lines.
        expected: The output the docstring documents.
        got: The output the learner's code gave, or the exception it raised.
        line: The example's line in the learner's file, when it can be found there.
    """

    target: str
    source: str
    expected: str
    got: str
    line: int | None = None


@dataclass
class ExerciseResult:
    """The outcome of checking one exercise: passed, failed or not started.

    ``message`` explains a failure that is not a doctest failure (a syntax error, a
    missing function, a timeout); ``failure`` holds the first failing example.
    """

    exercise: str
    status: str
    examples: int = 0
    message: str = ""
    failure: Failure | None = None
    filename: str = field(default="", repr=False)

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExerciseResult:
        failure = data.get("failure")
        return cls(**{**data, "failure": Failure(**failure) if failure else None})

    def details(self) -> str:
        """The lines under the one-line verdict: what failed and where."""
        lines = [self.message] if self.message else []
        if self.failure is not None:
            where = self.failure.target
            if self.failure.line is not None:
                where += f", {self.filename}:{self.failure.line}"
            lines.append(f"first failing example ({where}):")
            lines.extend(f"    {line}" for line in self.failure.source.splitlines())
            lines.append("expected:")
            lines.extend(f"    {line}" for line in (self.failure.expected or "(no output)\n").splitlines())
            lines.append("got:")
            lines.extend(f"    {line}" for line in (self.failure.got or "(no output)\n").splitlines())
        return "\n".join(lines)

    def __str__(self) -> str:
        verdict = f"{self.exercise}: {self.status}"
        if self.passed:
            verdict += f" ({self.examples} examples)"
        details = self.details()
        return verdict + ("\n" + _indent(details) if details else "")


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _exception_text(exc_info: tuple, filename: str) -> str:
    """``Type: message``, plus where in the learner's file it was raised, if there."""
    exc_type, exc_value, tb = exc_info
    text = "".join(traceback.format_exception_only(exc_type, exc_value)).strip()
    frames = [f for f in traceback.extract_tb(tb) if filename and f.filename == filename]
    if frames:
        text += f"\n(raised at {Path(filename).name}:{frames[-1].lineno}: {frames[-1].line})"
    return text


class _Recorder(doctest.DocTestRunner):
    """A DocTestRunner that keeps the first failure instead of printing it."""

    def __init__(self, filename: str) -> None:
        super().__init__(optionflags=OPTIONFLAGS, verbose=False)
        self.filename = filename
        self.first: tuple[doctest.Example, str, bool] | None = None  # example, got, not started

    def report_start(self, out, test, example) -> None:  # noqa: D102 - silence
        pass

    def report_success(self, out, test, example, got) -> None:  # noqa: D102
        pass

    def report_failure(self, out, test, example, got) -> None:  # noqa: D102
        if self.first is None:
            self.first = (example, self._condense(example, got), False)

    def _condense(self, example: doctest.Example, got: str) -> str:
        """A wrong exception as its last line and place; a missing one said in words."""
        if got.startswith("Traceback (most recent call last):"):
            lines = [line for line in got.splitlines() if line.strip()]
            places = re.findall(r'File "(.*)", line (\d+)', got)
            mine = [line for path, line in places if self.filename and path == self.filename]
            where = f"\n(raised at {Path(self.filename).name}:{mine[-1]})" if mine else ""
            return lines[-1] + where
        if example.exc_msg is not None:
            return got + "(no exception was raised)\n"
        return got

    def report_unexpected_exception(self, out, test, example, exc_info) -> None:  # noqa: D102
        if self.first is None:
            stub = issubclass(exc_info[0], NotImplementedError)
            self.first = (example, _exception_text(exc_info, self.filename), stub)


def _example_line(lines: list[str], start: int, example: doctest.Example) -> int | None:
    """The 1-based line of ``example`` in the learner's file, searching from ``start``."""
    first = ">>> " + example.source.splitlines()[0]
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].strip() == first.strip():
            return number
    return None


def _learner_function(exercise: Exercise, target: str, namespace: dict[str, Any], filename: str):
    """The learner's function for ``target``, or a message saying why there is none."""
    name = Path(filename).name or exercise.filename
    owner = exercise.class_name
    if owner:
        cls = namespace.get(owner)
        if not isinstance(cls, type):
            return None, f"{name} does not define the class {owner}"
        method = target.rpartition(".")[2]
        if method not in vars(cls):  # inherited from the package: not the learner's code
            return None, f"{name}: class {owner} does not define {method}"
        return vars(cls)[method], ""
    function = namespace.get(target)
    if not callable(function):
        return None, f"{name} does not define the function {target}"
    return function, ""


def check_module(
    exercise: Exercise | str, namespace: dict[str, Any], filename: str = ""
) -> ExerciseResult:
    """Run the exercise's doctests with ``namespace`` (a learner module's globals) as globals.

    RuntimeWarnings (overflow in ``exp``, division of inf by inf) count as failures.
    """
    exercise = exercise if isinstance(exercise, Exercise) else get_exercise(exercise)
    result = ExerciseResult(exercise.name, PASSED, filename=Path(filename).name)
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines() if filename else []
    except OSError:
        lines = []
    first_failures: list[tuple[Failure, bool]] = []
    for target in exercise.targets:
        function, problem = _learner_function(exercise, target, namespace, filename)
        if function is None:
            return ExerciseResult(exercise.name, FAILED, message=problem, filename=result.filename)
        start = getattr(getattr(function, "__code__", None), "co_firstlineno", 1)
        test = doctest.DocTestParser().get_doctest(
            reference_docstring(exercise, target), dict(namespace), target, filename or None, 0
        )
        runner = _Recorder(filename)
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            runner.run(test, out=lambda text: None, clear_globs=True)
        result.examples += runner.tries
        if runner.first is not None:
            example, got, not_started = runner.first
            source = "\n".join(
                ("... " if i else ">>> ") + line for i, line in enumerate(example.source.splitlines())
            )
            failure = Failure(target, source, example.want or example.exc_msg or "", got)
            failure.line = _example_line(lines, start, example)
            first_failures.append((failure, not_started))
    if not first_failures:
        return result
    if len(first_failures) == len(exercise.targets) and all(stub for _, stub in first_failures):
        result.status = NOT_STARTED
        result.failure = None
        return result
    result.status = FAILED
    # A real mistake is more useful to show than a part that is still a stub.
    result.failure = next((f for f, stub in first_failures if not stub), first_failures[0][0])
    return result


def load_module(path: Path, module_name: str) -> types.ModuleType:
    """Import a learner's file by path, writing no bytecode next to it."""
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses and pickling look classes up here
    spec.loader.exec_module(module)
    return module


def describe_import_error(exc: BaseException, path: Path) -> str:
    """One readable line or two for an exception raised while importing a learner's file."""
    if isinstance(exc, SyntaxError):
        where = f"{path.name}:{exc.lineno}" if exc.lineno else path.name
        text = f"SyntaxError at {where}: {exc.msg}"
        if exc.text:
            text += f"\n    {exc.text.strip()}"
        return text
    return f"{path.name} raised an error when imported: " + _exception_text(
        (type(exc), exc, exc.__traceback__), str(path)
    )


def check_source(exercise: Exercise | str, source: str) -> ExerciseResult:
    """Check an exercise against ``source``, the text of a workspace file, in this process.

    Used by the book to run the doctests against the reference solution. The learner's
    command line checks each file in a subprocess instead, with a time limit.

    Examples:
        >>> check_source("dense_cost", solution_source("dense_cost")).status
        'passed'
        >>> from tinytorch_layers.exercises.source import stub_source
        >>> check_source("dense_cost", stub_source("dense_cost")).status
        'not started'
    """
    exercise = exercise if isinstance(exercise, Exercise) else get_exercise(exercise)
    module = types.ModuleType(f"tinytorch_exercise_{exercise.name}")
    filename = f"<{exercise.filename}>"
    try:
        exec(compile(source, filename, "exec"), module.__dict__)  # noqa: S102 - our own source
    except BaseException as exc:  # the source is being checked: any error is a result
        return ExerciseResult(exercise.name, FAILED, message=describe_import_error(exc, Path(filename)))
    return check_module(exercise, module.__dict__)


def verify_solution(exercise: Exercise | str) -> ExerciseResult:
    """Run the exercise's doctests against the package's own solution; raise if one fails.

    Examples:
        >>> print(verify_solution("xavier_uniform"))
        xavier_uniform: passed (... examples)
    """
    result = check_source(exercise, solution_source(exercise))
    if not result.passed:
        raise AssertionError(f"the reference solution does not pass its own doctests:\n{result}")
    return result
