"""The exercise checker against a careless or hostile learner (issue 12).

Each test is a learner file that misbehaves. It asserts the verdict and the message, that
the check ended in time (bounds are generous: the machine may be loaded), that no process
the learner's code started is left, and that no learner file changed.

Left-over processes are found by a marker in the environment, which every process the
checker starts inherits, whatever session or process group it moves to.
"""

from __future__ import annotations

import doctest
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import tinytorch_layers

import pytest

from tinytorch_layers.exercises import check_source, check_workspace, solution_source, stub_source, write_workspace
from tinytorch_layers.exercises.checking import leftover_raise_hint
from tinytorch_layers.exercises.cli import main
from tinytorch_layers.exercises.processes import MARGIN
from tinytorch_layers.exercises.catalogue import ALL_EXERCISES
from tinytorch_layers.exercises.registry import EXERCISES

LINUX = sys.platform.startswith("linux")
needs_linux = pytest.mark.skipif(
    not LINUX, reason="reads /proc, and only on Linux does the checker kill processes that left its session"
)
needs_posix = pytest.mark.skipif(os.name != "posix", reason="needs fork, process groups and POSIX signals")
not_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="file permissions do not stop root"
)
MARK_VARIABLE = "TINYTORCH_TEST_MARK"
SLACK = 10.0  # seconds: a loaded, shared machine; a hang takes far longer


# ---------------------------------------------------------------- helpers
@pytest.fixture
def mark(monkeypatch) -> str:
    """A marker in this test's environment, inherited by everything the checker starts."""
    value = uuid.uuid4().hex
    monkeypatch.setenv(MARK_VARIABLE, value)
    return value


def marked_processes(mark: str) -> list[str]:
    """The command lines of running processes whose environment holds ``mark``."""
    needle = f"{MARK_VARIABLE}={mark}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            if needle in environ.split(b"\0"):
                found.append(Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
    return found


def assert_nothing_left(mark: str) -> None:
    """No process holding ``mark`` runs (checked on Linux, where /proc shows environments)."""
    if not LINUX:
        return
    deadline = time.monotonic() + 3  # SIGKILLed processes need a moment to be gone
    while (left := marked_processes(mark)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"processes left running: {left}"


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def replace_stub(name: str, body: str) -> str:
    """The stub of ``name`` with its (single) ``raise NotImplementedError`` line replaced."""
    lines = stub_source(name).splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith('raise NotImplementedError("'))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index : index + 1] = [indent + line if line else line for line in body.splitlines()]
    return "\n".join(lines) + "\n"


def check(directory: Path, *names: str, timeout: float = 10.0) -> tuple[dict, float]:
    """Check ``names`` in this process; the results by name and the seconds it took."""
    start = time.monotonic()
    results = {r.exercise: r for r in check_workspace(directory, names, timeout=timeout)}
    return results, time.monotonic() - start


def run_cli(*args: str, mark: str, cwd: Path | None = None, command: list[str] | None = None):
    """Run the checker's command line in a new session; the process and its start time."""
    env = {**os.environ, MARK_VARIABLE: mark}
    command = command or [sys.executable, "-m", "tinytorch_layers.exercises"]
    process = subprocess.Popen(
        [*command, *map(str, args)], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )
    return process, time.monotonic()


# A grandchild in a session of its own that keeps the output pipes open and never ends.
ESCAPING_GRANDCHILD = """
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            time.sleep(0.05)
    os._exit(0)
"""
ENDLESS = "while True:\n    pass"


# ---------------------------------------------------------------- time limits and processes
@needs_linux
def test_a_grandchild_in_a_new_session_neither_holds_up_the_check_nor_survives_it(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    (tmp_path / "matmul.py").write_text(replace_stub("matmul", ENDLESS) + ESCAPING_GRANDCHILD)
    before = snapshot(tmp_path)
    results, seconds = check(tmp_path, "matmul", timeout=1.5)
    assert results["matmul"].status == "failed"
    assert results["matmul"].message.startswith("timed out after 1.5 s")
    assert seconds < 1.5 + MARGIN + SLACK
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


@needs_linux
def test_correct_code_that_starts_background_processes_passes_and_they_are_stopped(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    background = (
        "\nimport subprocess, sys\n"
        "subprocess.Popen([sys.executable, '-c', 'import time\\nwhile True: time.sleep(0.05)'],"
        " start_new_session=True)\n" + ESCAPING_GRANDCHILD
    )
    (tmp_path / "dense_cost.py").write_text(solution_source("dense_cost") + background)
    before = snapshot(tmp_path)
    results, seconds = check(tmp_path, "dense_cost", timeout=5)
    assert results["dense_cost"].status == "passed", str(results["dense_cost"])
    assert seconds < 5 + MARGIN + SLACK
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


@needs_posix
@needs_linux
@pytest.mark.parametrize(("name", "status"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_stops_every_check_at_once_with_a_summary_and_no_traceback(tmp_path, mark, name, status):
    write_workspace(tmp_path, solutions=True)
    for exercise in ALL_EXERCISES:  # every check would run until its (long) time limit
        path = tmp_path / exercise.filename
        path.write_text(path.read_text() + "\nwhile True:\n    pass\n")
    before = snapshot(tmp_path)
    process, _ = run_cli("check", tmp_path, "--timeout", "120", mark=mark)
    deadline = time.monotonic() + 60
    # the checker, two supervisors and two runners: both checks have started
    while len(marked_processes(mark)) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    signalled = time.monotonic()
    process.send_signal(getattr(signal, name))
    stdout, stderr = process.communicate(timeout=60)
    assert time.monotonic() - signalled < MARGIN + SLACK
    assert process.returncode == status, stdout + stderr
    assert stdout.strip().splitlines()[-1] == (
        f"interrupted by {name} after 0 of {len(ALL_EXERCISES)} exercises: 0 passed, 0 failed, 0 not started"
    )
    assert "Traceback" not in stderr
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "1e9"])
def test_a_time_limit_that_is_not_finite_positive_and_bounded_is_refused(tmp_path, capsys, value):
    write_workspace(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(tmp_path), "--timeout", value])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout must be a number of seconds above 0 and at most 600" in err, err
    with pytest.raises(ValueError, match="time limit must be"):
        next(check_workspace(tmp_path, timeout=float(value)))


@pytest.mark.parametrize("value", ["0", "-2", "1000"])
def test_a_number_of_jobs_out_of_range_is_refused(tmp_path, capsys, value):
    write_workspace(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(tmp_path), "--jobs", value])
    assert exit_info.value.code == 2
    assert f"--jobs must be from 1 to 32, got {value}" in capsys.readouterr().err


# ---------------------------------------------------------------- output
def test_bytes_that_are_not_utf8_on_stderr_are_shown_replaced_and_lose_no_result(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    crash = '\nimport os, sys\nsys.stderr.buffer.write(b"bad \\xff\\xfe bytes\\n")\nsys.stderr.flush()\nos._exit(3)\n'
    (tmp_path / "matmul.py").write_text(solution_source("matmul") + crash)
    before = snapshot(tmp_path)
    results, seconds = check(tmp_path, "matmul", "dense_cost")
    assert results["matmul"].status == "failed"
    assert "exit code 3" in results["matmul"].message
    assert "bad \ufffd\ufffd bytes" in results["matmul"].message
    assert results["dense_cost"].status == "passed"
    assert seconds < 2 * (10 + MARGIN) + SLACK
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


def test_long_output_is_shown_as_its_tail_with_the_number_of_lines_left_out(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    noisy = '\nimport os, sys\nfor i in range(30000):\n    print("debug line", i)\nsys.stdout.flush()\nos._exit(3)\n'
    (tmp_path / "matmul.py").write_text(solution_source("matmul") + noisy)
    before = snapshot(tmp_path)
    results, seconds = check(tmp_path, "matmul")
    assert seconds < 10 + MARGIN + SLACK
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before
    message = results["matmul"].message
    assert "[29980 earlier lines left out]" in message
    assert message.rstrip().endswith("debug line 29999")
    assert len(message.splitlines()) < 25


def test_debug_prints_inside_a_function_are_shortened_in_the_report():
    source = solution_source("dense_cost").replace(
        "    return 2 * batch_size", "    for i in range(100_000):\n        print('debug', i)\n    return 2 * batch_size"
    )
    result = check_source("dense_cost", source)
    assert result.status == "failed"
    got = result.failure.got.splitlines()
    assert got[0].startswith("[") and "earlier lines left out]" in got[0]
    assert len(got) <= 21 and "debug 99999" in got


@needs_posix
def test_a_flood_on_stderr_does_not_grow_the_checker(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    flood = "\nimport sys\nchunk = b'x' * (1 << 20)\nfor _ in range(200):\n    sys.stderr.buffer.write(chunk)\n"
    (tmp_path / "dense_cost.py").write_text(solution_source("dense_cost") + flood)
    before = snapshot(tmp_path)
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-c", measure, sys.executable, "-m", "tinytorch_layers.exercises",
               "check", str(tmp_path), "dense_cost"]
    status, peak = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout.split()
    peak_mib = int(peak) / (1024 if LINUX else 1024 * 1024)
    assert status == "0"  # it passed
    # 200 MiB went through the checker; the largest of its processes stayed far below that
    assert peak_mib < 150, f"{peak_mib:.0f} MiB"
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- verdicts for correct code
def test_a_file_with_a_latin1_coding_declaration_is_read_in_that_encoding(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    text = "# -*- coding: latin-1 -*-\n# Übung: café\n" + solution_source("dense_cost")
    (tmp_path / "dense_cost.py").write_bytes(text.encode("latin-1"))
    before = snapshot(tmp_path)
    results, seconds = check(tmp_path, "dense_cost")
    assert results["dense_cost"].status == "passed", str(results["dense_cost"])
    assert seconds < 10 + MARGIN + SLACK
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


def test_deleting_an_import_the_learner_does_not_use_keeps_the_examples_working():
    source = solution_source("matmul")
    assert "import numpy as np\n" in source and "np.zeros(" in source
    # the learner spells it numpy; the examples still use np
    source = re.sub(r"\bnp\.", "numpy.", source.replace("import numpy as np\n", "import numpy\n"))
    assert not re.search(r"\bnp\b", source.split('"""')[-1])  # np is gone from the code
    result = check_source("matmul", source)
    assert result.status == "passed", str(result)


def test_check_from_inside_the_workspace_never_imports_the_learners_module_named_files(tmp_path, mark):
    write_workspace(tmp_path, solutions=True)
    for module in ("random", "inspect", "copy"):
        (tmp_path / f"{module}.py").write_text(f"raise RuntimeError('the learner\\'s {module}.py was imported')\n")
    before = snapshot(tmp_path)
    script = Path(sys.executable).with_name("tinytorch-exercises")
    assert script.exists(), "the console script is missing: run scripts/setup.sh"
    for command in ([sys.executable, "-m", "tinytorch_layers.exercises"], [str(script)]):
        process, _ = run_cli("check", ".", "matmul", mark=mark, cwd=tmp_path, command=command)
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, f"{command}: {stdout}{stderr}"
        assert re.search(r"^matmul +passed", stdout, flags=re.MULTILINE), stdout
        assert "was imported" not in stdout + stderr
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- the soft check
def test_a_pass_with_the_packages_own_function_is_reported_as_such(tmp_path, mark, capsys):
    imported = solution_source("matmul") + "\nfrom tinytorch_layers.matmul import matmul  # a shortcut\n"
    result = check_source("matmul", imported)
    assert result.passed and result.package_code == ["tinytorch_layers.matmul.matmul"]
    examples = len(doctest.DocTestParser().get_examples(tinytorch_layers.matmul.__doc__))
    assert str(result).startswith(f"matmul: passed ({examples} examples), but uses the package's own code")
    write_workspace(tmp_path, solutions=True)
    (tmp_path / "matmul.py").write_text(imported)
    before = snapshot(tmp_path)
    assert main(["check", str(tmp_path), "matmul"]) == 1  # not a pass of the learner's own code
    assert "but uses the package's own code" in capsys.readouterr().out
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


def test_a_pass_through_super_is_reported_as_using_the_packages_code():
    result = check_source("dense_forward", replace_stub("dense_forward", "return super().forward(x)"))
    assert result.passed and result.package_code == ["tinytorch_layers.dense.Dense.forward"], str(result)


def test_the_reference_solutions_do_not_count_as_using_the_packages_code():
    for exercise in EXERCISES:
        result = check_source(exercise.name, solution_source(exercise.name))
        assert result.own_pass, str(result)


# ---------------------------------------------------------------- the result channel
def test_the_learners_code_cannot_forge_the_result_through_argv_its_folder_or_open_files(tmp_path, mark):
    forge = """
import json, os, sys
fake = {"exercise": "matmul", "status": "passed", "examples": 99}
texts = [json.dumps(fake), json.dumps({"outcome": "reported", "result": fake})]
for name in sys.argv[1:] + os.listdir("."):
    for text in texts:
        try:
            with open(name, "w") as file:
                file.write(text)
        except OSError:
            pass
for fd in range(3, 256):
    for text in texts:
        try:
            os.write(fd, text.encode())
        except OSError:
            pass
"""
    write_workspace(tmp_path)
    (tmp_path / "matmul.py").write_text(stub_source("matmul") + forge)
    before = snapshot(tmp_path)
    results, seconds = check(tmp_path, "matmul")
    assert results["matmul"].status == "not started", str(results["matmul"])
    assert seconds < 10 + MARGIN + SLACK
    assert_nothing_left(mark)
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------- words that mislead
def test_an_indentation_error_is_called_an_indentation_error():
    source = replace_stub("dense_init", "self.use_bias = use_bias\n    self.input_size = input_size")
    result = check_source("dense_init", source)
    assert result.status == "failed"
    assert re.match(r"IndentationError at <?dense_init\.py>?:\d+: unexpected indent", result.message), result.message


def test_a_folder_or_a_broken_link_named_like_the_file_is_not_called_missing(tmp_path):
    write_workspace(tmp_path, solutions=True)
    (tmp_path / "matmul.py").unlink()
    (tmp_path / "matmul.py").mkdir()
    (tmp_path / "softmax.py").unlink()
    (tmp_path / "softmax.py").symlink_to(tmp_path / "nowhere.py")
    before = snapshot(tmp_path)
    results, _ = check(tmp_path, "matmul", "softmax")
    assert snapshot(tmp_path) == before
    assert results["matmul"].message == f"matmul.py in {tmp_path} is a folder, not a file"
    assert "softmax.py in" in results["softmax"].message
    assert "symbolic link to a file that does not exist" in results["softmax"].message


def test_correct_code_below_the_stubs_raise_gets_a_hint():
    source = replace_stub("dense_cost", 'raise NotImplementedError("not yet")\nreturn 2 * batch_size * input_size * output_size')
    result = check_source("dense_cost", source)
    line = next(i for i, text in enumerate(source.splitlines(), 1) if 'raise NotImplementedError("not yet")' in text)
    assert f"hint: dense_cost.py:{line}: the code below `raise NotImplementedError(...)` never runs" in result.message


def test_correct_code_above_a_leftover_raise_gets_a_hint_and_the_given_code_alone_does_not():
    raise_line = 'raise NotImplementedError("exercise dense_cost: write dense_parameter_count here")'
    source = stub_source("dense_cost").replace(
        raise_line, "total = input_size * output_size + (output_size if use_bias else 0)\n    " + raise_line)
    result = check_source("dense_cost", source)
    line = next(i for i, text in enumerate(source.splitlines(), 1) if raise_line in text)
    assert result.status == "not started"
    assert result.message == (f"hint: dense_cost.py:{line}: your code in dense_parameter_count runs, but the "
                              "`raise NotImplementedError(...)` left in it stops the function before it returns; "
                              "delete that line")
    # a raise inside a loop, as SGD.step's stub has it, with the learner's code above it
    nested = stub_source("sgd_momentum").replace(
        "            raise NotImplementedError", "            parameter.data -= 0.1 * grad\n            raise NotImplementedError")
    assert "your code in SGD.step runs" in check_source("sgd_momentum", nested).message
    assert check_source("sgd_momentum", stub_source("sgd_momentum")).message == ""


def test_no_hint_points_at_code_the_workspace_gave_below_a_raise():
    """Deleting a raise above the stub's own code (which may need a name the learner has
    not defined yet) would break the file: only the learner's code below it gets the hint."""
    stub = "def f(x):\n    raise NotImplementedError\n    return Tensor(out)\n"
    assert leftover_raise_hint(stub.splitlines(), "f", stub, "f.py") == ""
    mine = stub.replace("    return Tensor(out)\n", "    out = x\n    return Tensor(out)\n")
    assert leftover_raise_hint(mine.splitlines(), "f", stub, "f.py") == (
        "hint: f.py:2: the code below `raise NotImplementedError(...)` never runs; delete that line")


# ---------------------------------------------------------------- operating-system errors
@pytest.mark.parametrize("where", ["/proc/self/tinytorch-work", "file.txt/work"])
def test_start_where_nothing_can_be_written_is_one_line_and_status_2(tmp_path, capsys, where):
    (tmp_path / "file.txt").write_text("x")
    target = where if where.startswith("/") else str(tmp_path / where)
    assert main(["start", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err


@not_root
def test_start_into_a_read_only_folder_is_one_line_and_status_2(tmp_path, capsys):
    tmp_path.chmod(0o500)
    try:
        assert main(["start", str(tmp_path)]) == 2
    finally:
        tmp_path.chmod(0o700)
    err = capsys.readouterr().err
    assert "Permission denied" in err and len(err.strip().splitlines()) == 1


@not_root
def test_check_of_an_unsearchable_folder_is_one_line_and_status_2(tmp_path, capsys):
    write_workspace(tmp_path)
    tmp_path.chmod(0o600)
    try:
        assert main(["check", str(tmp_path)]) == 2
    finally:
        tmp_path.chmod(0o700)
    err = capsys.readouterr().err
    assert "Permission denied" in err and len(err.strip().splitlines()) == 1


def test_an_unreadable_folder_is_one_line_and_status_2_even_for_root(tmp_path, capsys, monkeypatch):
    write_workspace(tmp_path)
    real_listdir = os.listdir

    def refuse(path="."):
        if Path(path) == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path}: Permission denied\n"


def test_start_never_writes_through_a_symbolic_link(tmp_path, capsys):
    work, outside = tmp_path / "work", tmp_path / "outside"
    work.mkdir()
    outside.mkdir()
    (outside / "notes.py").write_text("mine\n")
    (work / "matmul.py").symlink_to(outside / "created.py")  # dangling
    (work / "softmax.py").symlink_to(outside / "notes.py")
    assert main(["start", str(work)]) == 1
    assert "already holds matmul.py, softmax.py" in capsys.readouterr().err
    assert main(["start", str(work), "--force"]) == 1
    assert "never writes through a link" in capsys.readouterr().err
    assert sorted(p.name for p in outside.iterdir()) == ["notes.py"]
    assert (outside / "notes.py").read_text() == "mine\n"
    assert sorted(p.name for p in work.iterdir()) == ["matmul.py", "softmax.py"]
