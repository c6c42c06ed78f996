"""Guards for the book's promise: a wrong example or a broken cell cannot go unnoticed.

Each guard runs the real machinery on a tiny fixture chapter, once with deliberate
mistakes and once unchanged, so that a guard which could never fail would itself fail:

* the suite's chapter runner (``tests/chapter_runs.py``, in the reader's kernel), through
  pytest in a subprocess, as ``scripts/test.sh`` runs it;
* the in-process runner of the mutation check (Sybil, ``tests/chapter_sybil.py``);
* the strict build of ``scripts/build_book.sh``, which executes the chapters itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from book_build import JUPYTEXT_HEADER, REPO_ROOT, build_environment, strict_build_command
from chapter_runs import order_conflicts, plan, run_chapter
from chapter_sybil import chapter_sybil

WRONG_OUTPUT = "'this is not what the example prints'"

FIXTURE_CHAPTER = JUPYTEXT_HEADER + """
# Fixture chapter

The mean of the numbers is computed in a code cell, $\\bar x$ = {glue:text}`mean`.

```{code-cell} ipython3
import numpy as np
from myst_nb import glue

values = np.array([1.0, 2.0, 3.0])
glue("mean", float(values.mean()), display=False)
```

```python
>>> float(values.mean())
2.0
```

```{code-cell} ipython3
:tags: [raises-exception]

values.reshape(2, 2)
```

```pycon
>>> values.shape
(3,)
```

## Exercises

```{exercise} Add them up
:label: ex-fixture-sum

Compute the sum of `values`.
```

```{solution-start} ex-fixture-sum
:class: dropdown
```

```{code-cell} ipython3
total = float(values.sum())
```

The solution's code ran too:

```{doctest}
>>> total
6.0
```

```{solution-end}
```
"""

# Deliberate mistakes: (what it is, the text replaced, its replacement). A failing code cell
# stops its chapter, so the two code-cell mistakes go into two copies of the fixture.
MISTAKES = [
    ("a changed expected output", ">>> float(values.mean())\n2.0", f">>> float(values.mean())\n{WRONG_OUTPUT}"),
    ("an example that writes to stderr", ">>> values.shape\n(3,)",
     ">>> values.shape\n(3,)\n>>> _ = __import__('sys').stderr.write('a warning')"),
    ("a broken code cell", "total = float(values.sum())", "total = float(values.summ())"),
]
NOT_RAISING = ("a raises-exception cell that raises nothing", "values.reshape(2, 2)", "values.reshape(3, 1)")


def with_mistakes(mistakes=tuple(MISTAKES)) -> str:
    text = FIXTURE_CHAPTER
    for _, before, after in mistakes:
        assert before in text
        text = text.replace(before, after)
    return text


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line that contains ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def write_chapter(folder: Path, name: str, text: str) -> Path:
    path = folder / "book" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the suite's chapter runner ----------------------------------------------------------------
def test_chapter_runner_passes_the_unchanged_fixture(tmp_path: Path) -> None:
    record = run_chapter(write_chapter(tmp_path, "fixture", FIXTURE_CHAPTER))
    statuses = {key: outcome["status"] for key, outcome in record["outcomes"].items()}
    # three code cells (one must raise, one is a solution) and three examples (python fence,
    # pycon fence, {doctest} directive); the last needs the solution's name
    assert list(statuses.values()) == ["passed"] * 6, record["outcomes"]
    assert record["glued"] == {"mean": "2.0"}, "the runner's glue did not emit myst-nb's display data"
    assert record["download"]["problems"] == []
    # The reader's part: the chapter without the solution, examples as cells.
    sources = [source for source, _ in record["download"]["cells"]]
    assert len(sources) == 4 and not any("total" in source for source in sources)


def run_pytest_on(folder: Path, *options: str) -> tuple[subprocess.CompletedProcess, dict[str, tuple[str, str]]]:
    """pytest on ``folder/book`` with a copy of the root conftest.py (which collects the
    ``book/*.md`` next to it); each item's outcome and report, by name."""
    shutil.copy(REPO_ROOT / "conftest.py", folder / "conftest.py")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    report = folder / "report.xml"
    env = {**build_environment(), "PYTHONPATH": str(REPO_ROOT / "tests")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(folder / "pytest.ini"),
         "--rootdir", str(folder), f"--junitxml={report}", *options, str(folder / "book")],
        cwd=folder, env=env, capture_output=True, text=True,
    )
    outcomes = {}
    for case in ElementTree.parse(report).iter("testcase"):
        found = [child for child in case if child.tag in ("failure", "skipped", "error")]
        status = found[-1].tag if found else "passed"
        outcomes[f"{case.get('classname')}.{case.get('name')}"] = (status, "".join(
            child.get("message", "") + (child.text or "") for child in found))
    return result, outcomes


def test_chapter_runner_reports_each_mistake_at_its_line(tmp_path: Path) -> None:
    text, other = with_mistakes(), with_mistakes([NOT_RAISING])
    write_chapter(tmp_path, "fixture", text)
    write_chapter(tmp_path, "other", other)
    result, all_outcomes = run_pytest_on(tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log

    not_raising = line_of(other, "values.reshape(3, 1)") - 3  # the cell's fence
    status, message = all_outcomes.pop(f"book.other.md.line:{not_raising}", ("missing", ""))
    assert status == "failure" and f"book/other.md:{not_raising}: code cell is tagged raises-exception but raised nothing" in message, log
    outcomes = {name.removeprefix("book.fixture.md."): outcome for name, outcome in all_outcomes.items()
                if name.startswith("book.fixture.md.")}

    changed = line_of(text, ">>> float(values.mean())")
    status, message = outcomes[f"line:{changed}"]
    assert status == "failure" and f"book/fixture.md:{changed}" in message and WRONG_OUTPUT in message, log
    assert f"book/fixture.md:{changed}: example failed" in result.stdout

    stderr = line_of(text, "stderr.write")
    status, message = outcomes[f"line:{stderr}"]
    assert status == "failure" and "wrote to stderr: a warning" in message, log

    broken = line_of(text, "values.summ()")
    status, message = outcomes[f"line:{broken - 1}"]
    assert status == "failure" and "AttributeError" in message and f"book/fixture.md:{broken}" in message, log
    status, message = outcomes[f"line:{line_of(text, '>>> total')}"]
    assert status == "skipped" and f"book/fixture.md:{broken - 1} failed earlier" in message, log

    assert sum(status == "passed" for status, _ in outcomes.values()) == 3, outcomes


def test_a_later_cell_may_not_depend_on_a_solution(tmp_path: Path) -> None:
    """The runner runs the solutions after the reader's part (the downloadable notebook has
    none); a cell outside the solution that reads what a solution assigns would see other
    values there than in the book, so the chapter is refused."""
    moved = FIXTURE_CHAPTER.replace(
        "The solution's code ran too:\n\n```{doctest}\n>>> total\n6.0\n```\n\n```{solution-end}\n```\n",
        "```{solution-end}\n```\n\nThe solution's code ran too:\n\n```{doctest}\n>>> total\n6.0\n```\n",
    )
    assert moved != FIXTURE_CHAPTER
    _, steps = plan(write_chapter(tmp_path, "moved", moved))
    conflicts, _ = order_conflicts(steps)
    solution_cell = f"line:{line_of(moved, 'total = float') - 1}"
    assert list(conflicts) == [solution_cell] and "['total']" in conflicts[solution_cell][0]
    _, steps = plan(write_chapter(tmp_path, "fixture", FIXTURE_CHAPTER))
    assert order_conflicts(steps)[0] == {}


# --- registered claims, evaluated after the chapter's examples (issue 18) ------------------------
CLAIM_TEXT = "\nAll three values add up to 6.0, twice the largest of them.\n"
CLAIM_REGISTRY = """
[[fixture]]
phrase = "add up to 6.0, twice the largest"
kind = "claim"
reason = "the sum of values, and its ratio to the largest"
check = "total = float(values.sum())"
value = "(float(values.sum()), float(values.sum() / values.max()))"
"""


def write_claims(folder: Path, text: str, registry: str) -> None:
    write_chapter(folder, "fixture", FIXTURE_CHAPTER + text)
    (folder / "book" / "_numbers.toml").write_text(registry, encoding="utf-8")


@pytest.mark.parametrize("runner", ["kernel", "sybil"])
def test_a_claim_that_the_code_contradicts_fails_the_chapter_at_its_line(tmp_path: Path, runner: str) -> None:
    """A claim whose number is changed (in the text and the registry's phrase alike) fails the
    chapter's tests with the line and both values, under both runners; unchanged, it passes."""
    right = tmp_path / "right"
    write_claims(right, CLAIM_TEXT, CLAIM_REGISTRY)
    result, outcomes = run_pytest_on(right, f"--chapter-runner={runner}")
    assert result.returncode == 0, result.stdout + result.stderr
    line = line_of(FIXTURE_CHAPTER + CLAIM_TEXT, "add up to 6.0")
    if runner == "kernel":
        assert outcomes[f"book.fixture.md.claim:{line}"] == ("passed", "")

    wrong = tmp_path / "wrong"
    write_claims(wrong, CLAIM_TEXT.replace("6.0", "7.0"), CLAIM_REGISTRY.replace("6.0", "7.0"))
    result, outcomes = run_pytest_on(wrong, f"--chapter-runner={runner}")
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    expected = (f"book/fixture.md:{line}: claim 'add up to 7.0, twice the largest' does not hold: the text "
                "says '7.0' (7), the value `(float(values.sum()), float(values.sum() / values.max()))` gives 6")
    failed = [message for status, message in outcomes.values() if status in ("failure", "error")]
    assert len(failed) == 1 and expected in failed[0], log
    if runner == "kernel":  # its own item, named by the line
        assert outcomes[f"book.fixture.md.claim:{line}"][0] == "failure"


# --- the mutation check's runner (Sybil, in this process) ---------------------------------------
def run_sybil(folder: Path, text: str) -> dict[int, tuple[str, str]]:
    """Each example's line and outcome, evaluated as the Sybil items evaluate them."""
    path = write_chapter(folder, "fixture", text)
    document = chapter_sybil(path.parent).parse(path)
    outcomes = {}
    for example in document.examples():
        try:
            failure = example.evaluate()
        except pytest.skip.Exception as skipped:
            outcomes[example.line] = ("skipped", str(skipped))
        except Exception as error:  # noqa: BLE001 - any exception is a failure, reported
            outcomes[example.line] = ("failed", f"{error}\n{getattr(error, '__notes__', '')}")
        else:
            outcomes[example.line] = ("failed", failure) if failure else ("passed", "")
    return outcomes


def test_sybil_runs_the_unchanged_fixture(tmp_path: Path) -> None:
    outcomes = run_sybil(tmp_path, FIXTURE_CHAPTER)
    assert [status for status, _ in outcomes.values()] == ["passed"] * 6, outcomes


def test_sybil_reports_each_mistake_at_its_line(tmp_path: Path) -> None:
    text = with_mistakes()
    outcomes = run_sybil(tmp_path, text)
    changed = line_of(text, ">>> float(values.mean())")
    assert outcomes[changed][0] == "failed" and f"book/fixture.md:{changed}" in outcomes[changed][1]
    assert WRONG_OUTPUT in outcomes[changed][1]
    other = with_mistakes([NOT_RAISING])
    not_raising = line_of(other, "values.reshape(3, 1)") - 3
    assert "tagged raises-exception but raised nothing" in run_sybil(tmp_path, other)[not_raising][1]
    broken = line_of(text, "values.summ()")
    assert outcomes[broken - 1][0] == "failed" and "AttributeError" in outcomes[broken - 1][1]
    assert f'fixture.md", line {broken}' in outcomes[broken - 1][1]
    assert outcomes[line_of(text, ">>> total")] == ("skipped", f"book/fixture.md:{broken - 1} failed earlier in this chapter")


# --- the strict build, executing --------------------------------------------------------------
ORPHAN = JUPYTEXT_HEADER.replace("---\njupytext:", "---\norphan: true\njupytext:")


def build_fixture_book(folder: Path, chapters: dict[str, str]) -> tuple[subprocess.CompletedProcess, str, list[str]]:
    """Build a book of fixture chapters as scripts/build_book.sh does (executing them); the
    result, its log and the log's warning and error lines."""
    source = folder / "src"
    source.mkdir()
    for name, text in chapters.items():
        text = text if name == "index" else text.replace(JUPYTEXT_HEADER, ORPHAN)
        (source / f"{name}.md").write_text(text, encoding="utf-8")
    result = subprocess.run(
        strict_build_command(source, folder / "html"),
        cwd=folder, env=build_environment(), capture_output=True, text=True,
    )
    log = result.stdout + result.stderr
    return result, log, [line for line in log.splitlines() if re.search(r"WARNING|ERROR|Error", line)]


def test_strict_build_executes_the_fixture_and_fails_on_stderr_in_a_cell(tmp_path: Path) -> None:
    """The unchanged fixture builds with its glued value; a copy whose cell writes to stderr
    (a numpy warning) fails the build, which names it."""
    stderr = FIXTURE_CHAPTER.replace(
        "values = np.array([1.0, 2.0, 3.0])", "values = np.array([1.0, 2.0, 3.0]) / np.array([1.0, 0.0, 1.0])")
    assert stderr != FIXTURE_CHAPTER
    stderr = stderr.replace("ex-fixture-sum", "ex-fixture-sum-copy")  # labels are unique in a book
    result, log, problems = build_fixture_book(tmp_path, {"index": FIXTURE_CHAPTER, "stderr": stderr})
    assert result.returncode != 0, log
    assert any("stderr.md" in line and "stderr was found in the cell outputs" in line for line in problems), log
    assert not any("index.md" in line for line in problems), log
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert '<span class="pasted-text">2.0</span>' in page, "the unchanged chapter's glued mean is not on its page"


def test_strict_build_fails_on_a_broken_cell(tmp_path: Path) -> None:
    broken = FIXTURE_CHAPTER.replace("values = np.array([1.0, 2.0, 3.0])", "values = np.arrray([1.0, 2.0, 3.0])")
    assert broken != FIXTURE_CHAPTER
    result, log, _ = build_fixture_book(tmp_path, {"index": broken})
    assert result.returncode != 0, log
    assert "AttributeError" in log and "index.md" in log, log
