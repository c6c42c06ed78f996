"""The project's mutation check: how much of tinytorch_layers do its examples pin down?

mutmut 3 (pinned in the ``mutation`` extra) writes the mutants: every small change it
knows (a flipped comparison, a changed constant, a dropped argument...) to every function
of ``tinytorch_layers/*.py`` (the ``exercises`` subpackage is left out), all in one copy of
the package under ``mutants/``, where a trampoline picks the mutant named by the
environment variable ``MUTANT_UNDER_TEST`` at call time.

This driver runs the suites itself instead of ``mutmut run``, for two reasons:

* two scores are wanted from one set of mutants: the documentation's (docstring
  examples and chapter examples) and the unit tests';
* a chapter's examples share one namespace in document order (tests/chapter_sybil.py), so a
  chapter must always run whole: running some of its items, as mutmut's per-test
  selection would, fails later ones with a NameError, a false kill.

Each suite is split into *units*: a module's docstring examples, a whole chapter, a
unit-test file. One run with no mutant active records which package functions each
unit calls (through the trampolines); a mutant is then run against only the units that
call its function, in a process forked from a warm parent, stopping at the first
failure. A mutant is *killed* when a unit fails or hangs (time limit), *survives*
otherwise. Mutants listed in ``mutation/equivalent.toml`` (changes that cannot alter
behaviour, each with its reason) are left out of both scores.

Usage (from the repository root; ``bash scripts/mutation.sh`` does this)::

    python mutation/run.py [--jobs 2] [--only dense,matmul] [--suite doc|unit|both]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "mutants"
PACKAGE = "tinytorch_layers"
# Copied into the work tree unchanged, so that the suites run there as they do here.
ALSO_COPY = ["book", "tests", "conftest.py", "pyproject.toml", f"{PACKAGE}/exercises",
             f"{PACKAGE}/py.typed"]
CHAPTERS_DIR = "book"
# Unit-test files that are not unit tests of the package's behaviour: they build the book
# (or a broken copy of a chapter, test_guards.py), drive the browser, run notebooks or the
# reader's pages, check the prose, the chapter runners or the exercise workspaces and
# checker (which read the package's source and so see the trampolines), or time benchmark
# scripts.
NOT_UNIT_TESTS = {
    "test_accessibility.py", "test_benchmark_training.py", "test_benchmarks.py",
    "test_book_build.py", "test_browser.py", "test_chapter_runners.py", "test_chapters.py",
    "test_exercise_answers.py", "test_exercises.py",
    "test_exercises_hostile.py", "test_exercises_learning.py", "test_guards.py",
    "test_notebook_check.py", "test_notebook_download.py", "test_notebooks.py", "test_number_guard.py",
    "test_reader_pages.py", "test_solutions_hidden.py",
}
# pytest options for every run: stop at the first failure, no cache, leave out the
# docstrings of the generated mutant functions (copies of the originals' docstrings), and
# run the chapters in this process (Sybil), where the mutants are: the suite's default
# runner executes them in a kernel of the reader's environment, which imports the package
# from the checkout, not from mutants/.
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-k", "not mutmut",
               "--no-header", "-o", "console_output_style=classic", "--chapter-runner=sybil"]


@dataclass
class Mutant:
    key: str            # tinytorch_layers.dense.xǁDenseǁforward__mutmut_3
    module: str         # dense
    function: str       # tinytorch_layers.dense.xǁDenseǁforward (trampoline name)
    line: int           # line of the change in tinytorch_layers/dense.py
    before: str
    after: str
    status: dict[str, str] = field(default_factory=dict)  # suite -> killed/survived/...


# ---------------------------------------------------------------- mutant generation

def _function_lines(code: str) -> dict[str, tuple[int, list[str]]]:
    """{qualified generated name: (first line, source lines)} for every def in ``code``."""
    lines = code.splitlines()
    found = {}
    for node in ast.parse(code).body:
        defs = [(None, node)] if isinstance(node, ast.FunctionDef) else []
        if isinstance(node, ast.ClassDef):
            defs = [(node.name, n) for n in node.body if isinstance(n, ast.FunctionDef)]
        for cls, fn in defs:
            found[fn.name] = (fn.lineno, lines[fn.lineno - 1:fn.end_lineno])
    return found


def generate(modules: list[str]) -> list[Mutant]:
    from mutmut.mutation.file_mutation import mutate_file_contents

    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / PACKAGE).mkdir(parents=True)
    for name in ALSO_COPY:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, WORK / name,
                            ignore=shutil.ignore_patterns("__pycache__", "_build"))
        elif source.exists():
            shutil.copy2(source, WORK / name)
    mutants = []
    for path in sorted((REPO / PACKAGE).glob("*.py")):
        code = path.read_text()
        module = path.stem
        if module not in modules:
            shutil.copy2(path, WORK / PACKAGE / path.name)
            continue
        mutated = mutate_file_contents(f"{PACKAGE}/{path.name}", code)
        (WORK / PACKAGE / path.name).write_text(mutated.code)
        generated = _function_lines(mutated.code)
        originals = {}
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ClassDef):
                for fn in node.body:
                    if isinstance(fn, ast.FunctionDef):
                        originals[f"x\u01c1{node.name}\u01c1{fn.name}"] = fn.lineno
        for node in ast.parse(code).body:
            if isinstance(node, ast.FunctionDef):
                originals[f"x_{node.name}"] = node.lineno
        for name in mutated.mutant_names:
            mangled = name.partition("__mutmut_")[0]
            orig_def, orig_lines = generated[f"{mangled}__mutmut_orig"]
            _, mutant_lines = generated[name]
            offset, before, after = 0, "", ""
            for i, (a, b) in enumerate(zip(orig_lines[1:], mutant_lines[1:]), start=1):
                if a != b:
                    offset, before, after = i, a.strip(), b.strip()
                    break
            else:
                if len(orig_lines) != len(mutant_lines):
                    offset = min(len(orig_lines), len(mutant_lines))
                    before = "(lines removed or added)"
            key = f"{PACKAGE}.{module}.{name}"
            mutants.append(Mutant(key=key, module=module, function=f"{PACKAGE}.{module}.{mangled}",
                                  line=originals[mangled] + offset, before=before, after=after))
    return mutants


# ---------------------------------------------------------------- running suites

def doc_units(modules_all: list[str]) -> list[str]:
    units = [f"{PACKAGE}/{m}.py" for m in modules_all]
    units += sorted(f"{CHAPTERS_DIR}/{p.name}" for p in (WORK / CHAPTERS_DIR).glob("*.md"))
    return units


def unit_test_units() -> list[str]:
    return sorted(f"tests/{p.name}" for p in (WORK / "tests").glob("test_*.py")
                  if p.name not in NOT_UNIT_TESTS)


def _child(mutant: str, units: list[str], hits_file: str | None) -> None:
    """Run in a forked child: activate ``mutant`` and run ``units``; exit with pytest's code."""
    import pytest

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    from mutmut.mutation import trampoline

    hits: set[str] = set()
    if hits_file:
        trampoline.record_trampoline_hit = lambda name, caller=None: hits.add(name)
    trampoline.set_mutant_under_test(mutant)
    code = pytest.main(units + PYTEST_ARGS)
    if hits_file:
        Path(hits_file).write_text(json.dumps(sorted(hits)))
    os._exit(int(code))


class Pool:
    """At most ``jobs`` forked children at once, each with a time limit."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.running: dict[int, tuple[object, float, float]] = {}  # pid -> (tag, start, limit)
        self.done: list[tuple[object, int, float]] = []

    def submit(self, tag, mutant: str, units: list[str], limit: float, hits_file=None) -> None:
        while len(self.running) >= self.jobs:
            self._reap(block=True)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, 0)
                _child(mutant, units, hits_file)
            finally:
                os._exit(99)
        self.running[pid] = (tag, time.monotonic(), limit)

    def _reap(self, block: bool) -> None:
        while True:
            now = time.monotonic()
            for pid, (tag, start, limit) in list(self.running.items()):
                if now - start > limit:
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    os.waitpid(pid, 0)
                    del self.running[pid]
                    self.done.append((tag, -9, now - start))
                    return
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid:
                tag, start, _ = self.running.pop(pid)
                self.done.append((tag, os.waitstatus_to_exitcode(status), time.monotonic() - start))
                return
            if not block:
                return
            time.sleep(0.05)

    def drain(self):
        while self.running:
            self._reap(block=True)
        done, self.done = self.done, []
        return done

    def results(self):
        done, self.done = self.done, []
        return done


def _exercises_read_the_checkouts_source() -> None:
    """Make the exercises build stubs and solutions from the checkout's files.

    They read the package's source text (a chapter shows a stub, or runs the given code of
    the find-the-bug exercise); in mutants/ that text is mutmut's rewrite, with trampolines
    no learner sees, and the bug could not be planted in it. The mutants still run: only the
    text the exercises display and execute is the original. The forked children inherit this.
    """
    from tinytorch_layers.exercises import source

    original = source._module_source

    def from_checkout(module_name: str) -> tuple[str, ast.Module]:
        package, _, module = module_name.partition(".")
        path = REPO / PACKAGE / f"{module}.py"
        if package != PACKAGE or "." in module or not path.is_file():
            return original(module_name)
        text = path.read_text(encoding="utf-8")
        return text, ast.parse(text)

    source._module_source = from_checkout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated module names to mutate")
    parser.add_argument("--suite", choices=["doc", "unit", "both"], default="both")
    parser.add_argument("--json", default=str(WORK / "results.json"))
    args = parser.parse_args()

    started = time.monotonic()
    # Not the package's __init__: its lazy loader resolves each public name once per
    # process, in the warm parent before any unit runs (and then caches it), so no unit is
    # ever recorded calling it and its mutants could only survive unrun.
    # tests/test_package.py tests that loader in fresh interpreters instead.
    all_modules = sorted(p.stem for p in (REPO / PACKAGE).glob("*.py") if p.stem != "__init__")
    modules = [m for m in args.only.split(",") if m] or all_modules
    mutants = generate(modules)
    equivalent = tomllib.loads((REPO / "mutation" / "equivalent.toml").read_text())
    equivalent_keys = {e["mutant"]: e["reason"] for e in equivalent.get("equivalent", [])}
    print(f"{len(mutants)} mutants in {len(modules)} modules "
          f"({sum(m.key in equivalent_keys for m in mutants)} listed as equivalent)", flush=True)

    os.chdir(WORK)
    sys.path.insert(0, str(WORK))
    os.environ["MPLBACKEND"] = "Agg"
    import numpy  # noqa: F401  warm imports, shared by every forked child
    import pytest  # noqa: F401
    import tinytorch_layers

    if not Path(tinytorch_layers.__file__).resolve().is_relative_to(WORK):
        sys.exit(f"mutation: imported {tinytorch_layers.__file__}, not the copy in mutants/")
    os.environ["TINYTORCH_MUTATION"] = "1"
    _exercises_read_the_checkouts_source()
    # Warm up: collect everything once here, so that the forked children find the
    # conftest's and the tests' imports (Sybil, IPython, hypothesis, matplotlib) loaded.
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "--chapter-runner=sybil",
                     PACKAGE, "book", "tests"])

    suites = {"doc": doc_units(all_modules), "unit": unit_test_units()}
    if args.suite != "both":
        suites = {args.suite: suites[args.suite]}
    pool = Pool(args.jobs)
    # One clean run per unit: it must pass, it gives the unit's time, and which functions it calls.
    hits_dir = Path(tempfile.mkdtemp(prefix="hits", dir=WORK))
    baseline: dict[str, tuple[float, set[str]]] = {}
    broken = []
    for suite, units in suites.items():
        for i, unit in enumerate(units):
            pool.submit((suite, unit), "stats", [unit], limit=900,
                        hits_file=str(hits_dir / f"{suite}{i}.json"))
    for (suite, unit), code, seconds in pool.drain():
        i = suites[suite].index(unit)
        hits_path = hits_dir / f"{suite}{i}.json"
        if code != 0 or not hits_path.exists():
            broken.append((suite, unit, code))
            continue
        baseline[unit] = (seconds, set(json.loads(hits_path.read_text())))
        print(f"  clean run {unit}: {seconds:.1f} s", flush=True)
    for suite, unit, code in broken:
        why = "has no examples" if code == 5 else f"fails with no mutant active (exit {code})"
        print(f"  left out: {unit} {why}", flush=True)
        suites[suite].remove(unit)
    print(f"clean runs done in {time.monotonic() - started:.0f} s", flush=True)

    todo = [m for m in mutants if m.key not in equivalent_keys]
    for suite, units in suites.items():
        t0, shown = time.monotonic(), 0
        for mutant in todo:
            chosen = [u for u in units if mutant.function in baseline[u][1]]
            if not chosen:
                mutant.status[suite] = "not called"
                continue
            # Chapters first in no particular order; cheap units first so that -x stops early.
            chosen.sort(key=lambda u: baseline[u][0])
            limit = 3 * sum(baseline[u][0] for u in chosen) + 20
            pool.submit((suite, mutant), mutant.key, chosen, limit)
            for (s, m), code, _ in pool.results():
                m.status[s] = _status(code)
            done = sum(suite in m.status for m in todo)
            if done // 25 > shown // 25:
                shown = done
                print(f"  {suite}: {done}/{len(todo)} after {time.monotonic() - t0:.0f} s", flush=True)
        for (s, m), code, _ in pool.drain():
            m.status[s] = _status(code)
        print(f"{suite}: {len(todo)} mutants run in {time.monotonic() - t0:.0f} s", flush=True)

    report(mutants, equivalent_keys, suites, started)
    Path(args.json).write_text(json.dumps(
        [{"key": m.key, "file": f"{PACKAGE}/{m.module}.py", "line": m.line, "before": m.before,
          "after": m.after, "status": m.status, "equivalent": m.key in equivalent_keys}
         for m in mutants], indent=1, ensure_ascii=False))
    return 0


def _status(code: int) -> str:
    if code == 0:
        return "survived"
    if code == -9:
        return "timeout"
    return "killed"


def report(mutants, equivalent_keys, suites, started) -> None:
    counted = [m for m in mutants if m.key not in equivalent_keys]
    names = {"doc": "documentation (docstring + chapter examples)", "unit": "unit tests"}
    print()
    for suite in suites:
        killed = sum(m.status.get(suite) in ("killed", "timeout") for m in counted)
        print(f"{names[suite]}: {killed}/{len(counted)} killed = "
              f"{100 * killed / max(len(counted), 1):.1f}%")
    print(f"({len(mutants)} mutants generated, {len(mutants) - len(counted)} equivalent left out; "
          f"{time.monotonic() - started:.0f} s)")
    for suite in suites:
        survivors = [m for m in counted if m.status.get(suite) not in ("killed", "timeout")]
        print(f"\nsurviving the {names[suite]} ({len(survivors)}):")
        for m in sorted(survivors, key=lambda m: (m.module, m.line)):
            print(f"  {PACKAGE}/{m.module}.py:{m.line}  {m.before}  ->  {m.after}   "
                  f"[{m.key.rpartition('.')[2]}{'' if m.status.get(suite) == 'survived' else ', ' + m.status.get(suite, '?')}]")


if __name__ == "__main__":
    sys.exit(main())
