"""Question exercises: answers a learner predicts, checked against what the package computes.

A question asks for a few named answers: a value (``output_shape = ...`` in the workspace
file) or a small function (``def ratio_to_forward(...)``). The check computes every answer
with the package when it runs, so no expected value is stored anywhere, compares, and says
which answers are wrong. Where a wrong value is a typical one (the FLOPs halved, the bias
left out, float64's eight bytes), it names the kind of mistake; it never shows the right
value. The nine questions themselves are in :mod:`.question_bank`.
"""

from __future__ import annotations

import ast
import math
import numbers
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from .checking import FAILED, NOT_STARTED, PASSED, ExerciseResult, leftover_raise_hint

__all__ = [
    "Ask", "Outcome", "Question", "agrees", "check_answers", "function_answer", "question_source",
    "value_answer",
]

RIGHT, WRONG, NOT_ANSWERED = "right", "wrong", "not answered"
WIDTH = 88  # of the comments in a workspace file


class NotAnswered(Exception):
    """The learner's function still raises the stub's NotImplementedError."""


@dataclass(frozen=True)
class Outcome:
    """How an answer fared: checks that agreed, out of how many, and a hint when one did not."""

    passed: int
    total: int
    hint: str = ""

    @property
    def right(self) -> bool:
        return self.passed == self.total


@dataclass(frozen=True)
class Ask:
    """One answer a question asks for.

    Attributes:
        name: The name the learner defines (a variable, or a function).
        prompt: What to write, as the workspace file's comment says it.
        judge: Takes the learner's value (or function) and returns an :class:`Outcome`;
            raises :class:`NotAnswered` when a function is still the stub.
        checks: How many checks the judge makes.
        parameters: For a function answer, its parameters (``"batch_size, input_size"``);
            None for a value.
    """

    name: str
    prompt: str
    judge: Callable[[Any], Outcome]
    checks: int = 1
    parameters: str | None = None

    @property
    def is_function(self) -> bool:
        return self.parameters is not None


@dataclass(frozen=True)
class Question:
    """A question exercise: the question in short, and the answers it asks for."""

    name: str
    chapter: str
    title: str
    text: str
    asks: tuple[Ask, ...]
    kind: ClassVar[str] = "question"

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(ask.name for ask in self.asks)


# ------------------------------------------------------------------------ comparing answers
def agrees(got: Any, want: Any, rel: float = 1e-9) -> bool:
    """Whether an answer ``got`` is ``want``: numbers within ``rel``, tuples entry by entry.

    A tuple may be given as a list; a whole number as an int or a float; a bool is a
    bool, not a number.

    Examples:
        >>> agrees([16, 20, 100], (16, 20, 100)), agrees((16, 100), (16, 20, 100))
        (True, False)
        >>> agrees(0.5, 0.4985, rel=0.01), agrees(True, 1), agrees(120000.0, 120000)
        (True, False, True)
    """
    if hasattr(got, "item") and callable(got.item) and getattr(got, "shape", None) == ():
        got = got.item()  # a numpy scalar
    if isinstance(want, bool) or isinstance(got, bool):
        return isinstance(got, bool) and isinstance(want, bool) and got == want
    if isinstance(want, tuple):
        return isinstance(got, (tuple, list)) and len(got) == len(want) and all(
            agrees(g, w, rel) for g, w in zip(got, want)
        )
    if isinstance(want, numbers.Real):
        if not isinstance(got, numbers.Real):
            return False
        return math.isclose(float(got), float(want), rel_tol=rel, abs_tol=rel * 1e-3)
    if isinstance(want, str):
        return isinstance(got, str) and " ".join(got.split()) == " ".join(want.split())
    return bool(got == want)


def _first_hint(got: Any, mistakes: Sequence[tuple[Any, str]], rel: float) -> str:
    for wrong, hint in mistakes:
        if agrees(got, wrong, rel):
            return hint
    return ""


NO_MATCH = "it does not agree with what the package computes"


def value_answer(expected: Callable[[], Any], mistakes: Callable[[], Sequence[tuple[Any, str]]] = lambda: (),
                 rel: float = 1e-9, kind: str = "") -> Callable[[Any], Outcome]:
    """A judge for a value: ``expected()`` computes it with the package when checked.

    ``mistakes()`` gives typical wrong values with a hint each; ``kind`` says what the
    value must be (``"a tuple of ints"``), for the hint when it is something else.
    """

    def judge(value: Any) -> Outcome:
        want = expected()
        if agrees(value, want, rel):
            return Outcome(1, 1)
        hint = _first_hint(value, mistakes(), rel) or NO_MATCH
        if kind and not _same_kind(value, want):
            hint = f"it should be {kind}, got {type(value).__name__}"
        return Outcome(0, 1, hint)

    return judge


def _same_kind(value: Any, want: Any) -> bool:
    """Whether ``value`` is at least the kind of thing ``want`` is: a sequence, a bool, a number, a string."""
    if isinstance(want, tuple):
        return isinstance(value, (tuple, list))
    if isinstance(want, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(want, bool)
    if isinstance(want, numbers.Real):
        return isinstance(value, numbers.Real)  # numpy's numbers are registered as Real too
    return isinstance(value, type(want))


def call_learner(function: Callable, arguments: tuple) -> Any:
    """Call the learner's function; a NotImplementedError means it is not answered yet."""
    try:
        return function(*arguments)
    except NotImplementedError:
        raise NotAnswered from None


def _shown(value: Any) -> str:
    """An argument as a hint shows it: its repr, or its type and shape when that is long."""
    text = repr(value)
    if len(text) <= 40:
        return text
    shape = getattr(value, "shape", None)
    return f"<{type(value).__name__} of shape {shape}>" if shape is not None else f"<{type(value).__name__}>"


def _arguments(names: str, arguments: tuple) -> str:
    return ", ".join(f"{name.strip()}={_shown(value)}" for name, value in zip(names.split(","), arguments))


def function_answer(reference: Callable[..., Any], cases: Sequence[tuple], parameters: str,
                    mistakes: Sequence[tuple[Callable[..., Any], str]] = (), rel: float = 1e-9,
                    ) -> Callable[[Callable], Outcome]:
    """A judge for a function: called on every case, compared with ``reference`` of the same case.

    ``reference`` computes the answer with the package; ``mistakes`` are typical wrong
    functions with a hint each. The first case that disagrees is named by its arguments
    (never by the value it should give).
    """

    def judge(function: Callable) -> Outcome:
        passed, first = 0, ""
        for case in cases:
            try:
                got = call_learner(function, case)
            except NotAnswered:
                raise
            except Exception as error:  # noqa: BLE001 - the learner's error is the result
                if not first:
                    first = f"for {_arguments(parameters, case)} it raised {type(error).__name__}: {error}"
                continue
            if agrees(got, reference(*case), rel):
                passed += 1
            elif not first:
                hint = _first_hint(got, [(wrong(*case), hint) for wrong, hint in mistakes], rel) or NO_MATCH
                first = f"for {_arguments(parameters, case)}, {hint}"
        return Outcome(passed, len(cases), first)

    return judge


# ------------------------------------------------------------------------ the workspace file
def _comment(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent + "# ", subsequent_indent=indent + "# ")


def question_source(question: Question, docstring: bool = True) -> str:
    """The learner's workspace file of a question: the question in short, then one ``...`` per answer.

    With ``docstring`` False, only the answers (what a chapter shows under the question).
    """
    parts = []
    if docstring:
        text = textwrap.fill(" ".join(question.text.split()), WIDTH)
        parts.append(
            f'"""Question {question.name}: {question.title}.\n\nBook chapter: {question.chapter}.\n\n{text}\n\n'
            + textwrap.fill(
                "Replace each ``...`` below with your answer, and the ``raise NotImplementedError(...)`` "
                "of each function with its code. The check computes every answer with the package "
                "and says which of yours are wrong, without showing the right values.", WIDTH)
            + f"\n\nCheck your answers with::\n\n    python -m tinytorch_layers.exercises check DIR {question.name}\n"
            + '"""\n'
        )
    for ask in question.asks:
        if ask.is_function:
            body = textwrap.fill(ask.prompt, WIDTH - 4, initial_indent='    """', subsequent_indent="    ")
            parts.append(
                f"\ndef {ask.name}({ask.parameters}):\n{body}\"\"\"\n"
                f'    raise NotImplementedError("question {question.name}: write {ask.name} here")\n\n'
            )
        else:
            parts.append(f"{_comment(ask.prompt)}\n{ask.name} = ...\n")
    return "\n".join(part.rstrip("\n") + "\n" for part in parts)


# ------------------------------------------------------------------------ checking answers
def _definition_lines(source: str) -> dict[str, int]:
    """The line where each top-level name of ``source`` is last bound (assigned or defined)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    lines: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines[node.name] = node.lineno
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        lines[name.id] = node.lineno
    return lines


def check_answers(question: Question, namespace: dict[str, Any], filename: str = "",
                  source: str = "") -> ExerciseResult:
    """Judge every answer of ``question`` in ``namespace``, a learner module's globals.

    Passed when every answer is right; not started when none is answered yet (still
    ``...``, or a function that raises the stub's NotImplementedError); failed otherwise,
    with one line per answer: right, wrong (and why, without the expected value), or not
    answered yet.
    """
    name = Path(filename).name or question.filename
    where = _definition_lines(source)
    stub = question_source(question)
    answers, lines = [], []
    passed = total = 0
    for ask in question.asks:
        line = where.get(ask.name)
        status, hint = RIGHT, ""
        total += ask.checks
        if ask.name not in namespace:
            status, hint = WRONG, f"{name} does not define {ask.name}"
        else:
            value = namespace[ask.name]
            try:
                if value is Ellipsis:
                    raise NotAnswered
                if ask.is_function and not callable(value):
                    raise TypeError(f"it should be a function, def {ask.name}({ask.parameters}), "
                                    f"got {type(value).__name__}")
                outcome = ask.judge(value)
            except NotAnswered:
                status = NOT_ANSWERED
                hint = leftover_raise_hint(source.splitlines(), ask.name, stub, name) if ask.is_function else ""
            except TypeError as error:
                status, hint = WRONG, str(error)
            else:
                passed += outcome.passed
                if not outcome.right:
                    status, hint = WRONG, outcome.hint
        answers.append({"name": ask.name, "status": status, "hint": hint, "line": line})
        place = f" ({name}:{line})" if line else ""
        text = {RIGHT: "right", WRONG: f"wrong{place}: {hint}", NOT_ANSWERED: "not answered yet"}[status]
        lines.append(f"{ask.name}: {text}")
        if status == NOT_ANSWERED and hint:
            lines.append("    " + hint)
    statuses = {answer["status"] for answer in answers}
    status = PASSED if statuses == {RIGHT} else NOT_STARTED if statuses == {NOT_ANSWERED} else FAILED
    message = "\n".join(lines) if status == FAILED else "\n".join(
        answer["hint"] for answer in answers if answer["status"] == NOT_ANSWERED and answer["hint"]
    )
    return ExerciseResult(
        question.name, status, examples=total, message=message, filename=name, kind="question",
        examples_passed=passed, examples_total=total, answers=answers,
    )
