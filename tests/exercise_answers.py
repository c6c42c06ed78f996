"""The project's corpus of exercise answers, and how a learner's workspace file is made from one.

Each file ``tests/exercises/answers/<exercise>/<name>.py`` is one answer to one exercise:
what a learner would write in place of the stub's ``raise NotImplementedError(...)`` (or,
in a find-the-bug exercise, in place of the given code with the mistake). Its first line
says whether the answer is right or wrong and why::

    # wrong: the bias gradient is the mean over the batch, not the sum
    # right: another loop order (k in the middle), same sums

and the code follows. An exercise with several targets has one section per target, each
headed ``# --- <target>``; a target an answer leaves out gets the package's own code, so
that the answer is judged on the part it is about.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from tinytorch_layers.exercises import get_exercise, stub_source
from tinytorch_layers.exercises.source import BEGIN_MARKER, END_MARKER, _planted, _target_lines

ANSWERS = Path(__file__).parent / "exercises" / "answers"
SECTION = "# --- "


@dataclass(frozen=True)
class Answer:
    """One answer file: its exercise, whether it is right, what it says, its code per target."""

    path: Path
    exercise: str
    right: bool
    reason: str
    bodies: dict[str, str]

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.path.stem}"


def read_answer(path: Path) -> Answer:
    """Parse one answer file; a file without a ``# right:``/``# wrong:`` first line is an error."""
    exercise = get_exercise(path.parent.name)
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0] if lines else ""
    kind, _, reason = head.partition(":")
    if kind not in ("# right", "# wrong") or not reason.strip():
        raise ValueError(f"{path}: the first line must be '# right: why' or '# wrong: why'")
    bodies: dict[str, list[str]] = {}
    target = exercise.targets[0] if len(exercise.targets) == 1 else None
    for line in lines[1:]:
        if line.startswith(SECTION):
            target = line[len(SECTION):].strip()
            if target not in exercise.targets:
                raise ValueError(f"{path}: {target!r} is not a target of {exercise.name}")
            bodies[target] = []
        elif target is not None:
            bodies.setdefault(target, []).append(line)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"{path}: code before the first '{SECTION}<target>' line")
    return Answer(
        path, exercise.name, kind == "# right", reason.strip(),
        {name: "\n".join(body).strip("\n") + "\n" for name, body in bodies.items()},
    )


def all_answers() -> list[Answer]:
    return [read_answer(path) for path in sorted(ANSWERS.glob("*/*.py"))]


def _region(exercise: str, target: str) -> tuple[list[str], str]:
    """The package's solution region of ``target`` (dedented) and the indent of its markers."""
    lines = _target_lines(get_exercise(exercise), target)
    begin = next(i for i, line in enumerate(lines) if line.strip() == BEGIN_MARKER)
    end = next(i for i, line in enumerate(lines) if line.strip() == END_MARKER)
    indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
    return textwrap.dedent("\n".join(lines[begin + 1 : end])).splitlines(), indent


def reference_body(exercise: str, target: str) -> str:
    """The package's own code for ``target``, as an answer body."""
    return "\n".join(_region(exercise, target)[0]) + "\n"


def _replace_block(text: str, block: list[str], body: str) -> str:
    """``text`` with the lines ``block`` (compared stripped) replaced by ``body``, indented alike."""
    lines = text.splitlines()
    wanted = [line.strip() for line in block]
    for start in range(len(lines) - len(block) + 1):
        if [line.strip() for line in lines[start : start + len(block)]] == wanted:
            first = lines[start]
            indent = first[: len(first) - len(first.lstrip())]
            new = [indent + line if line.strip() else "" for line in body.rstrip("\n").splitlines()]
            return "\n".join(lines[:start] + new + lines[start + len(block):]) + "\n"
    raise ValueError(f"block not found: {block[:2]}...")


def workspace_text(answer: Answer) -> str:
    """The learner's file: the workspace stub with each target's body replaced by the answer's."""
    exercise = get_exercise(answer.exercise)
    text = stub_source(exercise)
    for target in exercise.targets:
        body = answer.bodies.get(target) or reference_body(exercise.name, target)
        if exercise.bug is None:
            stub_line = f'raise NotImplementedError("exercise {exercise.name}: write {target} here")'
            text = _replace_block(text, [stub_line], body)
        else:  # the learner edits the given code, which holds the planted mistake
            region, _ = _region(exercise.name, target)
            text = _replace_block(text, _planted(exercise, region), body)
    return text
