"""Guards for the book's promise: a wrong example or a broken cell cannot go unnoticed.

Each guard runs the real machinery (the Sybil conftest under pytest, the strict
sphinx-build with the book's conf.py) in a subprocess on a temporary copy, once
with a single deliberate mistake and once unchanged, so that a guard which could
never fail would itself fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from book_build import JUPYTEXT_HEADER, REPO_ROOT, build_environment, strict_build_command

CHAPTERS_WITH_DOCTESTS = ["matmul", "dense", "activations", "initialization", "performance"]
WRONG_OUTPUT = "'this is not what the example prints'"

FIXTURE_CHAPTER = JUPYTEXT_HEADER + """
# Fixture chapter

The mean of the numbers is computed in a code cell, $\\bar x = 2$.

```{code-cell} ipython3
import numpy as np

values = np.array([1.0, 2.0, 3.0])
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

```{solution-end}
```

The solution's code ran too:

```{doctest}
>>> total
6.0
```
"""


def first_doctest_output(text: str) -> tuple[int, int] | None:
    """(line of the ``>>>`` example, line of its first output line), 1-based, or None."""
    lines = text.splitlines()
    in_fence = False
    for i, line in enumerate(lines):
        if re.match(r"^```+\s*(python|pycon)\s*$", line) or re.match(r"^```+\{doctest\}", line):
            in_fence = True
            continue
        if in_fence and line.startswith("```"):
            in_fence = False
            continue
        if not (in_fence and line.startswith(">>> ")):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if following.strip() and not following.startswith((">>>", "...", "```")):
            return i + 1, i + 2
    return None


def chapter_for_guard() -> tuple[str, str, int, int]:
    """A real chapter with a ``>>>`` example that prints something; else the fixture."""
    for name in CHAPTERS_WITH_DOCTESTS:
        text = (REPO_ROOT / "book" / f"{name}.md").read_text(encoding="utf-8")
        found = first_doctest_output(text)
        if found:
            return name, text, *found
    example_line, output_line = first_doctest_output(FIXTURE_CHAPTER)
    return "fixture", FIXTURE_CHAPTER, example_line, output_line


def run_sybil(tmp_path: Path, chapter: str, text: str) -> subprocess.CompletedProcess:
    """Run the book's Sybil conftest under pytest on ``book/<chapter>.md`` in ``tmp_path``."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / f"{chapter}.md").write_text(text, encoding="utf-8")
    shutil.copy(REPO_ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path), str(tmp_path / "book")],
        cwd=tmp_path, capture_output=True, text=True,
    )


def test_changed_doctest_output_fails_and_names_the_line(tmp_path):
    chapter, text, example_line, output_line = chapter_for_guard()
    lines = text.splitlines(keepends=True)
    lines[output_line - 1] = WRONG_OUTPUT + "\n"
    result = run_sybil(tmp_path, chapter, "".join(lines))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"book/{chapter}.md:{example_line}" in result.stdout, result.stdout
    assert WRONG_OUTPUT in result.stdout


def test_unchanged_chapter_passes_under_sybil(tmp_path):
    chapter, text, _, _ = chapter_for_guard()
    result = run_sybil(tmp_path, chapter, text)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b[1-9]\d* passed", result.stdout), result.stdout


def test_sybil_runner_semantics_on_the_fixture(tmp_path):
    result = run_sybil(tmp_path, "fixture", FIXTURE_CHAPTER)
    # three code cells (one must raise, one is a solution) and three doctests
    # (python fence, pycon fence, {doctest} directive); the last needs the solution's name
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 passed" in result.stdout, result.stdout


def test_raises_exception_cell_that_does_not_raise_fails(tmp_path):
    text = FIXTURE_CHAPTER.replace("values.reshape(2, 2)", "values.reshape(3, 1)")
    result = run_sybil(tmp_path, "fixture", text)
    assert result.returncode == 1
    assert "tagged raises-exception but raised nothing" in result.stdout


def test_broken_code_cell_fails_with_its_line_under_sybil(tmp_path):
    text = FIXTURE_CHAPTER.replace("values = np.array", "values = np.arrray")
    line = text.splitlines().index("values = np.arrray([1.0, 2.0, 3.0])") + 1
    result = run_sybil(tmp_path, "fixture", text)
    assert result.returncode == 1
    assert "AttributeError" in result.stdout
    assert f'fixture.md", line {line}' in result.stdout, result.stdout
    assert "failed earlier in this chapter" in result.stdout or "skipped" in result.stdout


def build_fixture_book(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.md").write_text(text, encoding="utf-8")
    return subprocess.run(
        strict_build_command(source, tmp_path / "html"),
        cwd=tmp_path, env=build_environment(), capture_output=True, text=True,
    )


def test_strict_build_of_the_unchanged_fixture_passes(tmp_path):
    result = build_fixture_book(tmp_path, FIXTURE_CHAPTER)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "html" / "index.html").is_file()


@pytest.mark.parametrize(
    ("mistake", "replacement", "expected_in_log"),
    [
        ("broken cell", "values = np.arrray([1.0, 2.0, 3.0])", "AttributeError"),
        ("stderr in a cell", "values = np.array([1.0, 2.0, 3.0]) / np.array([1.0, 0.0, 1.0])",
         "stderr was found in the cell outputs"),
    ],
    ids=["broken-cell", "stderr-in-cell"],
)
def test_strict_build_fails_on_a_broken_cell(tmp_path, mistake, replacement, expected_in_log):
    text = FIXTURE_CHAPTER.replace("values = np.array([1.0, 2.0, 3.0])", replacement)
    assert text != FIXTURE_CHAPTER
    result = build_fixture_book(tmp_path, text)
    log = result.stdout + result.stderr
    assert result.returncode != 0, f"{mistake}: the build passed\n{log}"
    assert expected_in_log in log, log
    assert "index.md" in log, "the log should name the failing chapter"
