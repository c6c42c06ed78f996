"""The checker's results as one JSON document, for instructors and autograders.

``check --format json`` prints::

    {"exercises": [RECORD, ...], "passed": 1, "failed": 0, "not_started": 24, "interrupted": null}

with one RECORD per checked exercise, in book order::

    {"name": "matmul", "kind": "code", "status": "failed",
     "examples_passed": 3, "examples_total": 15, "uses_package_code": [],
     "first_failure": {"target": "matmul", "line": 40, "example": ">>> matmul(A, B)",
                       "expected": "...", "got": "...", "message": ""},
     "message": ""}

``status`` is "passed", "failed" or "not started"; a pass with ``uses_package_code`` not
empty ran the package's own solution. ``first_failure`` is null unless the exercise
failed. For a code exercise it names the function, the example, its line in the learner's
file, the documented output and what the learner's code gave; for a failure that is not an
example (a syntax error, a time-out) only ``message`` is set. For a question it names the
first answer that is not right (``target``), its line and the hint (``message``); its
``example``, ``expected`` and ``got`` are null, so the right value is never shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .catalogue import ALL_EXERCISES
from .checking import FAILED, NOT_STARTED, PASSED, ExerciseResult

__all__ = ["FORMATS", "json_report", "record", "verdict_lines"]

FORMATS = ("text", "json")


def _first_failure(result: ExerciseResult) -> dict[str, Any] | None:
    if result.status != FAILED:
        return None
    failure = {"target": None, "line": None, "example": None, "expected": None, "got": None, "message": result.message}
    if result.kind == "question" and result.answers:
        answer = next((a for a in result.answers if a["status"] != "right"), None)
        if answer is not None:
            failure.update(target=answer["name"], line=answer["line"],
                           message=answer["hint"] or f"{answer['name']} is not answered yet")
    elif result.failure is not None:
        failure.update(target=result.failure.target, line=result.failure.line, example=result.failure.source,
                       expected=result.failure.expected, got=result.failure.got)
    return failure


def record(result: ExerciseResult) -> dict[str, Any]:
    """One exercise's record (see the module's docstring).

    Examples:
        >>> from tinytorch_layers.exercises import check_source, stub_source
        >>> entry = record(check_source("dense_cost", stub_source("dense_cost")))
        >>> entry["name"], entry["kind"], entry["status"], entry["examples_passed"], entry["examples_total"]
        ('dense_cost', 'code', 'not started', 0, 6)
    """
    return {
        "name": result.exercise,
        "kind": result.kind,
        "status": result.status,
        "examples_passed": result.examples_passed,
        "examples_total": result.examples_total,
        "uses_package_code": list(result.package_code),
        "first_failure": _first_failure(result),
        "message": result.message,
    }


def json_report(results: Sequence[ExerciseResult], interrupted: str | None = None) -> str:
    """The JSON document ``check --format json`` prints: the records and the counts."""
    counts = {key: sum(r.status == status for r in results)
              for key, status in (("passed", PASSED), ("failed", FAILED), ("not_started", NOT_STARTED))}
    return json.dumps({"exercises": [record(r) for r in results], **counts, "interrupted": interrupted}, indent=1)


def verdict_lines(result: ExerciseResult) -> str:
    """What ``check`` prints for one exercise: its name and verdict, then the details indented."""
    width = max(len(e.name) for e in ALL_EXERCISES)
    lines = [f"{result.exercise:<{width}}  {result.verdict()}"]
    details = result.details()
    if details:
        lines += ["    " + line for line in details.splitlines()]
    return "\n".join(lines)
