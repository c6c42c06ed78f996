"""Run an exercise's doctests against a learner's code and say what happened.

The examples always come from the package's own docstrings, never from the learner's file,
so editing the docstring in the workspace cannot change the specification.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import re
import sys
import tokenize
import traceback
import types
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .registry import Exercise, get_exercise
from .shorten import shorten_tail
from .source import reference_docstring, reference_object, solution_source, stub_source

__all__ = [
    "FAILED",
    "NOT_STARTED",
    "PASSED",
    "ExerciseResult",
    "Failure",
    "check_file",
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
    missing function, a timeout) or gives a hint; ``failure`` holds the first failing
    example. ``package_code`` names the package's own functions of this exercise that ran
    during the examples: a pass that used them is not the learner's own work.

    ``examples`` counts the examples that ran (the first failure stops a target's
    examples); ``examples_passed`` and ``examples_total`` count those that gave their
    documented output and all there are. A question exercise (``kind`` "question") has
    ``answers``: for each answer, its name, status ("right", "wrong", "not answered"), a
    hint that never shows the expected value, and its line in the learner's file.
    """

    exercise: str
    status: str
    examples: int = 0
    message: str = ""
    failure: Failure | None = None
    filename: str = field(default="", repr=False)
    package_code: list[str] = field(default_factory=list)
    kind: str = "code"
    examples_passed: int = 0
    examples_total: int = 0
    answers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    @property
    def own_pass(self) -> bool:
        """Passed, and without running the package's own code for the exercise."""
        return self.passed and not self.package_code

    def verdict(self) -> str:
        """``passed (9 examples)``, ``passed (9 examples), but uses the package's own code``, ...

        A question: ``passed (4 answers)``, ``failed (3 of 4 answers right)``.
        """
        if self.kind == "question" and self.answers and self.status != NOT_STARTED:
            right = sum(answer["status"] == "right" for answer in self.answers)
            if self.passed:
                return f"{self.status} ({len(self.answers)} answers)"
            return f"{self.status} ({right} of {len(self.answers)} answers right)"
        if not self.passed:
            return self.status
        text = f"{self.status} ({self.examples} examples)"
        return text + (", but uses the package's own code" if self.package_code else "")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExerciseResult:
        failure = data.get("failure")
        return cls(**{**data, "failure": Failure(**failure) if failure else None})

    def details(self) -> str:
        """The lines under the one-line verdict: what failed and where."""
        lines = [self.message] if self.message else []
        if self.package_code:
            lines.append(
                f"the examples ran {', '.join(self.package_code)} from the package itself "
                "(an import of it, or super()); write your own code for the exercise"
            )
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
        verdict = f"{self.exercise}: {self.verdict()}"
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


def _raised_by_example(tb) -> bool:
    """Whether the innermost Python frame of a traceback is a doctest example itself."""
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_filename.startswith("<doctest ")


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
            # A NotImplementedError from the learner's code (the stub's line); one that the
            # example's own code raised (``ndarray.data[0]`` is a memoryview, which raises it
            # for 2-D data) means something else was returned: a failure.
            stub = issubclass(exc_info[0], NotImplementedError) and not _raised_by_example(exc_info[2])
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


def _read_lines(filename: str) -> list[str]:
    """The learner's file as lines, decoded with its declared encoding; [] if unreadable."""
    if not filename:
        return []
    try:
        with tokenize.open(filename) as file:
            return file.read().splitlines()
    except (OSError, SyntaxError, UnicodeDecodeError):
        return []


def _example_namespace(exercise: Exercise, namespace: dict[str, Any]) -> dict[str, Any]:
    """The reference module's globals with the learner's definitions on top.

    The examples are written for the reference module, so they may use its names (``np``)
    even when the learner's file no longer imports them.
    """
    reference = vars(importlib.import_module(exercise.module))
    mine = {name: value for name, value in namespace.items() if not (name.startswith("__") and name.endswith("__"))}
    return {**reference, **mine}


def _package_code(exercise: Exercise) -> dict[types.CodeType, str]:
    """The code objects of the package's own solutions of ``exercise``, with their names."""
    codes = {}
    for target in exercise.targets:
        code = getattr(reference_object(exercise, target), "__code__", None)
        if code is not None:
            codes[code] = f"{exercise.module}.{target}"
    return codes


class _CodeWatcher:
    """A profile function that notes which of some code objects were called.

    Catches an accidental shortcut (importing the package's function, calling
    ``super().forward``); it is feedback, not a barrier: the learner's code can undo it.
    """

    def __init__(self, codes: dict[types.CodeType, str]) -> None:
        self.codes = codes
        self.seen: list[str] = []

    def __call__(self, frame, event, arg) -> None:  # noqa: ARG002 - the profile signature
        if event == "call" and frame.f_code in self.codes:
            name = self.codes[frame.f_code]
            if name not in self.seen:
                self.seen.append(name)

    def __enter__(self) -> _CodeWatcher:
        self.previous = sys.getprofile()
        sys.setprofile(self)
        return self

    def __exit__(self, *exc_info) -> None:
        sys.setprofile(self.previous)


def _find_function(tree: ast.Module, qualname: str) -> ast.FunctionDef | None:
    """The definition of ``qualname`` in ``tree``, following a rebinding such as
    ``matmul = my_matmul`` or, in a class, ``forward = my_forward`` to the top-level def
    (what ``check`` writes for functions defined in a notebook)."""

    def named(body: list[ast.stmt], name: str, depth: int = 0) -> ast.stmt | None:
        found = next((n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name), None)
        if found is not None or depth > 2:
            return found
        for statement in reversed(body):
            if (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Name)
                    and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)):
                return named(tree.body, statement.value.id, depth + 1)
        return None

    body: list[ast.stmt] = tree.body
    node = None
    for part in qualname.split("."):
        node = named(body, part)
        if node is None:
            return None
        body = node.body
    return node if isinstance(node, ast.FunctionDef) else None


def _is_not_implemented(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"


def _statements(function: ast.FunctionDef) -> list[str]:
    """A function's body, docstring left out, as comparable text (names and signature aside)."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]
    return [ast.dump(statement) for statement in body]


def _without_raises(body: list[ast.stmt]) -> str:
    """The AST of a function body, docstring and ``raise NotImplementedError`` lines left out."""
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]
    kept = []
    for statement in body:
        if _is_not_implemented(statement):
            continue
        for node in ast.walk(statement):  # a raise nested in a loop or a branch, too
            for name in ("body", "orelse", "finalbody"):
                block = getattr(node, name, None)
                if isinstance(block, list):
                    setattr(node, name, [s for s in block if not _is_not_implemented(s)] or [ast.Pass()])
        kept.append(statement)
    return "\n".join(ast.dump(statement) for statement in kept)


def leftover_raise_hint(lines: list[str], target: str, given: str | None, filename: str) -> str:
    """A hint when the learner wrote code but left the stub's ``raise NotImplementedError``.

    ``given`` is the stub's text: code it already holds around the raise is not the
    learner's. Code below the raise never runs; code above it runs, and then the raise
    stops the function. Returns "" when there is nothing to say.
    """
    try:
        function = _find_function(ast.parse("\n".join(lines)), target)
        stub = _find_function(ast.parse(given), target) if given is not None else None
    except (SyntaxError, ValueError):
        return ""
    if function is None:
        return ""
    raises = [node for node in ast.walk(function) if isinstance(node, ast.stmt) and _is_not_implemented(node)]
    if not raises or stub is not None and _statements(function) == _statements(stub):
        return ""  # no raise left, or only the code the workspace gave: not started, nothing to hint
    for node in ast.walk(function):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if not isinstance(block, list):
                continue
            for statement, following in zip(block, block[1:]):
                if _is_not_implemented(statement) and following:
                    return (
                        f"hint: {filename}:{statement.lineno}: the code below "
                        "`raise NotImplementedError(...)` never runs; delete that line"
                    )
    if stub is not None and _without_raises(function.body) == _without_raises(stub.body):
        return ""  # the given code, with the raise moved or reworded: nothing of the learner's yet
    return (
        f"hint: {filename}:{raises[0].lineno}: your code in {target} runs, but the "
        "`raise NotImplementedError(...)` left in it stops the function before it returns; "
        "delete that line"
    )


def _body_dump(source: str, target: str) -> str | None:
    """The AST of ``target``'s body in ``source``, docstring left out; None if not found."""
    try:
        function = _find_function(ast.parse(source), target)
    except (SyntaxError, ValueError):
        return None
    if function is None:
        return None
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]
    return "\n".join(ast.dump(statement) for statement in body)


def _bug_left_in(exercise: Exercise, lines: list[str]) -> bool:
    """Whether a find-the-bug exercise's target is still the code the workspace gave."""
    if exercise.bug is None or not lines:
        return False
    target = exercise.targets[0]
    given = _body_dump(stub_source(exercise), target)
    return given is not None and _body_dump("\n".join(lines), target) == given


def check_module(
    exercise: Exercise | str, namespace: dict[str, Any], filename: str = "", source: str | None = None
) -> ExerciseResult:
    """Run the exercise's doctests against ``namespace``, a learner module's globals.

    The examples run in the reference module's globals with ``namespace`` on top.
    ``source`` is the learner's file text (read from ``filename`` when not given), used to
    point at lines. RuntimeWarnings (overflow in ``exp``, division of inf by inf) count as
    failures.
    """
    exercise = exercise if isinstance(exercise, Exercise) else get_exercise(exercise)
    parser = doctest.DocTestParser()
    total = sum(len(parser.get_examples(reference_docstring(exercise, target))) for target in exercise.targets)
    result = ExerciseResult(exercise.name, PASSED, filename=Path(filename).name, examples_total=total)
    lines = source.splitlines() if source is not None else _read_lines(filename)
    functions = {}
    for target in exercise.targets:  # every function is there before any example runs
        function, problem = _learner_function(exercise, target, namespace, filename)
        if function is None:
            return ExerciseResult(exercise.name, FAILED, message=problem, filename=result.filename,
                                  examples_total=total)
        functions[target] = function
    globs = _example_namespace(exercise, namespace)
    first_failures: list[tuple[Failure, bool]] = []
    hints = []
    watcher = _CodeWatcher(_package_code(exercise))
    for target, function in functions.items():
        start = getattr(getattr(function, "__code__", None), "co_firstlineno", 1)
        test = parser.get_doctest(reference_docstring(exercise, target), dict(globs), target, filename or None, 0)
        runner = _Recorder(filename)
        with warnings.catch_warnings(), watcher:
            warnings.simplefilter("error", RuntimeWarning)
            failed, tried = runner.run(test, out=lambda text: None, clear_globs=True)
        result.examples += tried
        result.examples_passed += tried - failed
        if runner.first is not None:
            example, got, not_started = runner.first
            source_lines = "\n".join(
                ("... " if i else ">>> ") + line for i, line in enumerate(example.source.splitlines())
            )
            failure = Failure(target, source_lines, example.want or example.exc_msg or "", shorten_tail(got))
            failure.line = _example_line(lines, start, example)
            first_failures.append((failure, not_started))
            hint = leftover_raise_hint(lines, target, stub_source(exercise),
                                       result.filename or exercise.filename) if not_started else ""
            if hint:
                hints.append(hint)
    result.message = "\n".join(hints)
    if not first_failures:
        result.package_code = watcher.seen
        return result
    if len(first_failures) == len(exercise.targets) and all(stub for _, stub in first_failures):
        result.status = NOT_STARTED
        return result
    if _bug_left_in(exercise, lines):
        result.status = NOT_STARTED
        result.message = (
            f"{exercise.targets[0]} is still the code the workspace gave you, mistake included: "
            "find it with a gradient check, then fix it"
        )
        return result
    result.status = FAILED
    # A real mistake is more useful to show than a part that is still a stub.
    result.failure = next((f for f, stub in first_failures if not stub), first_failures[0][0])
    return result


def load_module(path: Path, module_name: str) -> types.ModuleType:
    """Import a learner's file by path (in its declared encoding), writing no bytecode."""
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
    if isinstance(exc, SyntaxError):  # IndentationError and TabError too, named as such
        where = f"{path.name}:{exc.lineno}" if exc.lineno else path.name
        text = f"{type(exc).__name__} at {where}: {exc.msg}"
        if exc.text:
            text += f"\n    {shorten_tail(exc.text.strip(), max_lines=1)}"
        return text
    return shorten_tail(f"{path.name} raised an error when imported: " + _exception_text(
        (type(exc), exc, exc.__traceback__), str(path)
    ))


def check_file(exercise: Any, path: Path | str) -> ExerciseResult:
    """Import the learner's file and check it, in this process (the checker's runner does).

    ``exercise`` is a coding exercise, a question (:mod:`.questions`) or the name of
    either. The file's folder goes last on ``sys.path``: a learner's file can import
    another one (``from matmul import matmul``) but cannot shadow numpy, the package or the
    standard library.
    """
    from .catalogue import find_exercise  # the questions import this module

    exercise = find_exercise(exercise) if isinstance(exercise, str) else exercise
    file = Path(path)
    sys.path.append(str(file.parent))
    try:
        module = load_module(file, f"tinytorch_exercise_{exercise.name}")
    except BaseException as exc:  # SyntaxError, SystemExit, anything: report it, do not crash
        return ExerciseResult(exercise.name, FAILED, message=describe_import_error(exc, file), filename=file.name,
                              kind=exercise.kind)
    if exercise.kind == "question":
        from .questions import check_answers

        return check_answers(exercise, vars(module), str(file), "\n".join(_read_lines(str(file))))
    return check_module(exercise, vars(module), str(file))


def check_source(exercise: Any, source: str) -> ExerciseResult:
    """Check an exercise or a question against ``source``, the text of a workspace file, in this process.

    Used by the book to run the doctests against the reference solution, and by the tests.
    The learner's command line checks each file in a subprocess instead, with a time limit.

    Examples:
        >>> check_source("dense_cost", solution_source("dense_cost")).status
        'passed'
        >>> from tinytorch_layers.exercises.source import stub_source
        >>> check_source("dense_cost", stub_source("dense_cost")).status
        'not started'
        >>> answered = stub_source("sigmoid_tails").replace("float32 = ...", "float32 = -17")
        >>> print(check_source("sigmoid_tails", answered))  # doctest: +NORMALIZE_WHITESPACE
        sigmoid_tails: failed (0 of 2 answers right)
            first_zero_float32: wrong (sigmoid_tails.py:...): the two tails are not mirror images:
            near zero a float keeps its relative precision, near one it does not
            first_zero_float64: not answered yet
    """
    from .catalogue import find_exercise  # the questions import this module

    exercise = find_exercise(exercise) if isinstance(exercise, str) else exercise
    module = types.ModuleType(f"tinytorch_exercise_{exercise.name}")
    filename = f"<{exercise.filename}>"
    try:
        exec(compile(source, filename, "exec"), module.__dict__)  # noqa: S102 - our own source
    except BaseException as exc:  # the source is being checked: any error is a result
        return ExerciseResult(exercise.name, FAILED, message=describe_import_error(exc, Path(filename)),
                              kind=exercise.kind)
    if exercise.kind == "question":
        from .questions import check_answers

        return check_answers(exercise, module.__dict__, exercise.filename, source)
    return check_module(exercise, module.__dict__, source=source)


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
