"""The exercises' checks, judged by the answers learners write.

``tests/exercises/answers/<exercise>/`` holds typical wrong answers (each names its
mistake in its first line) and right answers written differently from the package's own
code (each says how). Each answer is put into a workspace file the way a learner would,
the stub's body replaced by it (``exercise_answers.workspace_text``), and checked on that
exact text: every wrong answer must fail, every right one must pass with its own code.
Most are checked in this process with ``check_source``; one run of the real ``check``
command takes a workspace of answers through the subprocess path a learner uses.

The README states the counts; a test keeps it true.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from exercise_answers import all_answers, reference_body, workspace_text
from tinytorch_layers.exercises import EXERCISES, check_source, get_exercise, write_workspace

ANSWERS = all_answers()
README = Path(__file__).resolve().parents[1] / "README.md"
# A wrong answer must fail on an example, not because its own file is broken.
BROKEN = ("NameError", "SyntaxError", "IndentationError", "UnboundLocalError", "ImportError",
          "ModuleNotFoundError")
MIN_WRONG, MIN_RIGHT = 8, 2


@pytest.fixture(autouse=True)
def _numpy_global_state():
    """Some wrong answers seed numpy's global generator: put its state back afterwards."""
    state = np.random.get_state()
    yield
    np.random.set_state(state)


@pytest.mark.parametrize("answer", ANSWERS, ids=[answer.id for answer in ANSWERS])
def test_answer_gets_its_verdict(answer):
    result = check_source(answer.exercise, workspace_text(answer))
    if answer.right:
        assert result.status == "passed" and not result.package_code, f"{answer.reason}\n{result}"
    else:
        assert result.status == "failed", f"{answer.reason}\n{result}"
        assert result.failure is not None, f"{answer.reason}\n{result}"
        assert not result.failure.got.startswith(BROKEN), f"{answer.reason}\n{result}"


def _counts() -> dict[str, tuple[int, int]]:
    """``{exercise: (wrong answers, right answers)}``, in book order."""
    wrong = Counter(a.exercise for a in ANSWERS if not a.right)
    right = Counter(a.exercise for a in ANSWERS if a.right)
    return {e.name: (wrong[e.name], right[e.name]) for e in EXERCISES}


def test_every_coding_exercise_has_its_share_of_wrong_and_right_answers():
    short = {name: counts for name, counts in _counts().items()
             if counts[0] < MIN_WRONG or counts[1] < MIN_RIGHT}
    assert not short, f"(wrong, right) below ({MIN_WRONG}, {MIN_RIGHT}): {short}"


def _normalised(code: str) -> str:
    return ast.dump(ast.parse(code))


def test_right_answers_are_written_differently_from_the_package():
    for answer in (a for a in ANSWERS if a.right):
        exercise = get_exercise(answer.exercise)
        same = [t for t in answer.bodies
                if _normalised(answer.bodies[t]) == _normalised(reference_body(exercise.name, t))]
        assert not same, f"{answer.id}: {same} is the package's own code"
    for answer in ANSWERS:  # a section names a target, and a file is about something
        assert answer.bodies, f"{answer.id} has no code"


def test_the_readme_states_the_corpus_counts():
    text = README.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (\d+ of \d+) \| \d+ of \d+ \|$", text, flags=re.MULTILINE))
    right_rows = dict(re.findall(r"^\| `(\w+)` \| \d+ of \d+ \| (\d+ of \d+) \|$", text, flags=re.MULTILINE))
    expected = {name: (f"{wrong} of {wrong}", f"{right} of {right}") for name, (wrong, right) in _counts().items()}
    assert {name: (rows.get(name), right_rows.get(name)) for name in expected} == expected
    wrong_total = sum(w for w, _ in _counts().values())
    right_total = sum(r for _, r in _counts().values())
    assert f"{wrong_total} of {wrong_total} wrong answers" in text
    assert f"{right_total} of {right_total} right answers" in text


def test_answers_through_the_check_command(tmp_path):
    """A workspace of answers, checked by the command a learner runs, one process per exercise."""
    write_workspace(tmp_path)
    expected = {}
    for number, exercise in enumerate(EXERCISES):
        right = number % 2 == 0  # half of the exercises get a right answer, half a wrong one
        answer = next(a for a in ANSWERS if a.exercise == exercise.name and a.right == right)
        (tmp_path / exercise.filename).write_text(workspace_text(answer), encoding="utf-8")
        expected[exercise.name] = "passed" if right else "failed"
    result = subprocess.run(
        [sys.executable, "-m", "tinytorch_layers.exercises", "check", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    found = {}
    for line in result.stdout.splitlines():
        name, _, status = line.partition(" ")
        if name in expected:
            found[name] = status.strip().partition(" (")[0]
    assert found == expected, result.stdout + result.stderr
    assert result.returncode == 1
