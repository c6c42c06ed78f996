"""The exercises: generated from the package, checked by its doctests, robust to learners.

Wrong solutions are made from the reference source by one textual change each, and each
change is asserted to apply, so the tests notice when the package's code moves on.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tinytorch_layers.exercises import (
    EXERCISES,
    WorkspaceExistsError,
    check_source,
    get_exercise,
    solution_lines,
    solution_source,
    stub_source,
    write_workspace,
)
from tinytorch_layers.exercises.cli import main
from tinytorch_layers.exercises.source import BEGIN_MARKER, END_MARKER, _find_definition, reference_object

NAMES = [exercise.name for exercise in EXERCISES]
BOOK_ORDER = ["matmul", "dense_init", "dense_forward", "dense_cost", "softmax",
              "dense_backward", "tanh_backward", "sigmoid_backward", "softmax_backward",
              "sequential_backward", "numerical_gradient", "scale_shift_bug", "xavier_uniform",
              "he_normal", "cross_entropy", "sgd_momentum"]
# Every exercise, the questions among them, as the book presents them.
ALL_ORDER = ["matmul", "matmul_views", "dense_init", "dense_forward", "dense_cost", "dense_predict",
             "dense_port_bug", "softmax", "sigmoid_tails", "dense_backward", "tanh_backward",
             "sigmoid_backward", "softmax_backward", "sequential_backward", "first_layer_flops",
             "numerical_gradient", "scale_shift_bug", "relu_kink", "xavier_uniform", "he_normal",
             "init_leaky_gain", "cross_entropy", "sgd_momentum", "stuck_loss", "performance_intensity"]
WIDTH = max(map(len, ALL_ORDER))  # check's column of exercise names


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m tinytorch_layers.exercises`` the way a learner does."""
    return subprocess.run(
        [sys.executable, "-m", "tinytorch_layers.exercises", *map(str, args)],
        capture_output=True, text=True, timeout=timeout,
    )


def verdicts(stdout: str) -> dict[str, str]:
    """``{exercise: status}`` from the one-line-per-exercise part of ``check``'s output."""
    found = {}
    for line in stdout.splitlines():
        name, _, status = line.partition("  ")
        if name in ALL_ORDER:
            found[name] = status.partition(" (")[0].strip()  # "passed (9 examples)" -> "passed"
    return found


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` (recursively) and the hash of its bytes."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def changed(source: str, old: str, new: str) -> str:
    """``source`` with every ``old`` replaced by ``new``; fails if there is no ``old``."""
    assert old in source, f"{old!r} is no longer in the reference source: update this test"
    return source.replace(old, new)


def replace_stub(name: str, body: str) -> str:
    """The stub of ``name`` with its (single) ``raise NotImplementedError`` line replaced."""
    stub = stub_source(name)
    lines = stub.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith('raise NotImplementedError("'))
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index : index + 1] = [indent + line if line else line for line in body.splitlines()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- plausible wrong solutions
# (id, exercise, old, new, a fragment of the first failing example's code)
WRONG_SOLUTIONS = [
    # i and j swapped: the result is the transpose, which only a non-symmetric product shows
    ("matmul-transposed", "matmul", "C[i, j] += a[i, k] * b[k, j]", "C[j, i] += a[i, k] * b[k, j]",
     "matmul(A, B)"),
    # the loop bounds swapped: fine for square matrices, an IndexError for the 2x3 example
    ("matmul-bounds-swapped", "matmul",
     "for i in range(m):  # each row of A\n        for j in range(p):",
     "for i in range(p):  # each row of A\n        for j in range(m):",
     "matmul(A23, B34)"),
    ("matmul-no-shape-check", "matmul", "    check_matmul_shapes(a.shape, b.shape)\n", "",
     "matmul(np.ones((32, 784)), np.ones((10, 784)))"),
    ("dense-init-transposed", "dense_init",
     "initializer(self.input_size, self.output_size,", "initializer(self.output_size, self.input_size,",
     "layer.weights.shape"),
    ("dense-init-fan-in-only", "dense_init", "get_initializer(init)", 'get_initializer("he_normal")',
     "wide.weights.data.std()"),
    ("dense-init-bias-always", "dense_init", " if self.use_bias else None", "", "use_bias=False"),
    ("dense-forward-bias-wrong-axis", "dense_forward",
     "out += self.bias.data", "out = out + self.bias.data.reshape(-1, 1)", ""),
    ("dense-forward-no-bias-check", "dense_forward",
     "if self.bias is not None:\n            out += self.bias.data",
     "if True:\n            out += self.bias.data", "no_bias(batch)"),
    ("dense-cost-no-bias", "dense_cost",
     "input_size * output_size + (output_size if use_bias else 0)", "input_size * output_size",
     "dense_parameter_count("),
    ("dense-cost-no-factor-2", "dense_cost",
     "return 2 * batch_size * input_size * output_size", "return batch_size * input_size * output_size",
     "dense_forward_flops("),
    ("xavier-uniform-fan-in-only", "xavier_uniform",
     "np.sqrt(6.0 / (fan_in + fan_out))", "np.sqrt(6.0 / fan_in)", "limit"),
    ("xavier-uniform-not-centred", "xavier_uniform", "(2 * unit - 1) * limit", "unit * limit", "W.min()"),
    ("softmax-no-max-subtraction", "softmax",
     "shifted = data - data.max(axis=self.axis, keepdims=True)", "shifted = data",
     "softmax(x)"),
    ("softmax-ignores-axis", "softmax", "axis=self.axis", "axis=-1", "Softmax(axis=0)"),
]


@pytest.mark.parametrize(
    ("exercise", "old", "new", "where"),
    [case[1:] for case in WRONG_SOLUTIONS],
    ids=[case[0] for case in WRONG_SOLUTIONS],
)
def test_a_plausible_wrong_solution_fails_its_exercise_and_only_it(exercise, old, new, where):
    wrong = {exercise: changed(solution_source(exercise), old, new)}
    results = {name: check_source(name, wrong.get(name) or solution_source(name)) for name in NAMES}
    assert results[exercise].status == "failed", str(results[exercise])
    assert where in results[exercise].failure.source, str(results[exercise])
    others = {name: r.status for name, r in results.items() if name != exercise}
    assert set(others.values()) == {"passed"}, others


def test_softmax_overflow_is_reported_as_the_runtime_warning():
    wrong = changed(solution_source("softmax"), "shifted = data - data.max(axis=self.axis, keepdims=True)",
                    "shifted = data")
    result = check_source("softmax", wrong)
    assert "RuntimeWarning: overflow encountered in exp" in result.failure.got


def test_a_wrong_exception_is_reported_as_one_line_and_a_missing_one_in_words():
    no_check = changed(solution_source("matmul"), "    check_matmul_shapes(a.shape, b.shape)\n", "")
    got = check_source("matmul", no_check).failure.got
    assert got.startswith("IndexError: index 10 is out of bounds") and "Traceback" not in got
    silent = changed(no_check, "    m, n = a.shape\n", "    if a.shape[1] != b.shape[0]:\n        return None\n    m, n = a.shape\n")
    assert check_source("matmul", silent).failure.got == "(no exception was raised)\n"


# ---------------------------------------------------------------- stubs and solutions
@pytest.mark.parametrize("name", NAMES)
def test_reference_solution_passes_and_stub_is_not_started(name):
    passed = check_source(name, solution_source(name))
    assert passed.status == "passed", str(passed)
    assert passed.examples >= 3 * len(get_exercise(name).targets)
    assert check_source(name, stub_source(name)).status == "not started"


def _solution_region(reference) -> list[str]:
    """The stripped lines between the markers that follow ``reference``'s ``def`` line."""
    lines = Path(inspect.getsourcefile(reference)).read_text().splitlines()
    start = inspect.getsourcelines(reference)[1]
    begin = next(i for i in range(start, len(lines)) if lines[i].strip() == BEGIN_MARKER)
    end = next(i for i in range(begin, len(lines)) if lines[i].strip() == END_MARKER)
    return [line.strip() for line in lines[begin + 1 : end] if line.strip()]


@pytest.mark.parametrize("name", NAMES)
def test_stub_keeps_signature_and_doctests_and_holds_no_solution_code(name):
    exercise = get_exercise(name)
    stub = stub_source(name)
    tree = ast.parse(stub)
    namespace: dict = {}
    exec(compile(stub, f"<{exercise.filename}>", "exec"), namespace)
    for target in exercise.targets:
        reference = reference_object(name, target)
        node = _find_definition(tree, target)
        # the docstring, doctests included, is the package's, word for word
        assert ast.get_docstring(node) == inspect.getdoc(reference)
        owner, _, method = target.rpartition(".")
        learner = vars(namespace[owner])[method] if owner else namespace[target]
        assert inspect.signature(learner) == inspect.signature(reference)
        # no line of the solution region survives in the stub (in a find-the-bug
        # exercise, no line the fix needs)
        stub_lines = {line.strip() for line in ast.get_source_segment(stub, node).splitlines()}
        secret = solution_lines(name)[target] if exercise.bug else _solution_region(reference)
        leaked = [line for line in secret if line in stub_lines]
        assert not leaked, f"{target}: solution lines in the stub: {leaked}"
    assert "SOLUTION" not in stub
    stubs = 0 if exercise.bug else len(exercise.targets)
    assert stub.count('raise NotImplementedError("') == stubs


def test_solution_markers_are_gone_from_the_solution_source():
    for name in NAMES:
        assert "SOLUTION" not in solution_source(name)


def test_the_learner_cannot_weaken_the_specification_by_editing_the_docstring():
    stub = stub_source("dense_cost")
    emptied = stub.replace(">>> dense_parameter_count(784, 512)\n        401920", "")
    emptied = emptied.replace('raise NotImplementedError("exercise dense_cost: write dense_parameter_count here")',
                              "return input_size * output_size")
    assert ">>> dense_parameter_count(784, 512)\n" not in emptied
    result = check_source("dense_cost", emptied)
    assert result.status == "failed" and "dense_parameter_count(" in result.failure.source


def test_one_function_of_two_written_is_failed_not_not_started():
    source = stub_source("dense_cost").replace(
        'raise NotImplementedError("exercise dense_cost: write dense_parameter_count here")',
        "return input_size * output_size + (output_size if use_bias else 0)",
    )
    result = check_source("dense_cost", source)
    assert result.status == "failed"
    assert result.failure.target == "dense_forward_flops"
    assert result.failure.got.startswith("NotImplementedError")


# ---------------------------------------------------------------- the command line
def test_list_shows_every_exercise_in_book_order_in_aligned_columns(capsys):
    assert main(["list"]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["exercise", "kind", "chapter", "what", "you", "write", "or", "answer"]
    assert [line.split()[:2] for line in lines] == [[f"{n}.", name] for n, name in enumerate(ALL_ORDER, 1)]
    kinds = {line.split()[1]: line.split()[2] for line in lines}
    assert {name for name, kind in kinds.items() if kind == "code"} == set(BOOK_ORDER)
    assert {name for name, kind in kinds.items() if kind == "question"} == set(ALL_ORDER) - set(BOOK_ORDER)
    chapters = [line.split()[3] for line in lines]
    assert chapters == ["matmul"] * 2 + ["dense"] * 5 + ["activations"] * 2 + ["backprop"] * 6 + \
        ["gradcheck"] * 3 + ["initialization"] * 3 + ["training"] * 3 + ["performance"]
    for column in ("exercise", "kind", "chapter", "what"):  # each column starts where its heading does
        start = header.index(column)
        assert all(line[start - 1] == " " and line[start] != " " for line in lines), column


def test_help_describes_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("list", "start", "check"):
        assert command in out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--timeout" in out
    assert "--format {text,json}" in out and "one JSON document with a record per exercise" in out


def test_fresh_workspace_fails_every_exercise_as_not_started(tmp_path):
    work = tmp_path / "my-work"
    started = run_cli("start", work)
    assert started.returncode == 0, started.stderr
    assert sorted(p.name for p in work.iterdir()) == sorted([f"{name}.py" for name in ALL_ORDER] + ["README.md"])
    before = snapshot(work)
    result = run_cli("check", work)
    assert result.returncode == 1
    assert verdicts(result.stdout) == dict.fromkeys(ALL_ORDER, "not started")
    assert result.stdout.strip().splitlines()[-1] == f"0 passed, 0 failed, {len(ALL_ORDER)} not started"
    # Nothing on a fresh workspace hints at an edit (which, followed literally, could break a
    # file): the only message is the find-the-bug exercise's, which asks for a gradient check.
    messages = [line.strip() for line in result.stdout.splitlines() if line.startswith("    ")]
    assert messages == ["ScaleShift.backward is still the code the workspace gave you, mistake included: "
                        "find it with a gradient check, then fix it"], messages
    assert snapshot(work) == before


def test_reference_workspace_passes_every_exercise(tmp_path):
    write_workspace(tmp_path, solutions=True)
    before = snapshot(tmp_path)
    result = run_cli("check", tmp_path, *BOOK_ORDER)  # the questions are written unanswered
    assert result.returncode == 0, result.stdout + result.stderr
    assert verdicts(result.stdout) == dict.fromkeys(BOOK_ORDER, "passed")
    assert f"{'matmul':<{WIDTH}}  passed (" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == f"{len(BOOK_ORDER)} passed, 0 failed, 0 not started"
    assert snapshot(tmp_path) == before  # byte-identical, and no __pycache__ or other new file


def test_check_of_named_exercises_only(tmp_path):
    write_workspace(tmp_path, solutions=True)
    (tmp_path / "softmax.py").write_text(stub_source("softmax"))
    result = run_cli("check", tmp_path, "dense_cost", "softmax")
    assert result.returncode == 1
    assert verdicts(result.stdout) == {"dense_cost": "passed", "softmax": "not started"}
    assert result.stdout.strip().splitlines()[-1] == "1 passed, 0 failed, 1 not started"
    assert run_cli("check", tmp_path, "dense_cost").returncode == 0


def test_a_wrong_solution_is_reported_with_its_first_failing_example_and_line(tmp_path):
    write_workspace(tmp_path, solutions=True)
    wrong = changed(solution_source("matmul"), "C[i, j] += a[i, k] * b[k, j]", "C[j, i] += a[i, k] * b[k, j]")
    (tmp_path / "matmul.py").write_text(wrong)
    result = run_cli("check", tmp_path, *BOOK_ORDER)
    assert result.returncode == 1
    assert verdicts(result.stdout) == {**dict.fromkeys(BOOK_ORDER, "passed"), "matmul": "failed"}
    line = next(i for i, text in enumerate(wrong.splitlines(), 1) if text.strip() == ">>> matmul(A, B)")
    assert f"first failing example (matmul, matmul.py:{line}):" in result.stdout
    assert "array([[19., 43.]," in result.stdout  # what the wrong code gave
    assert result.stdout.strip().splitlines()[-1] == f"{len(BOOK_ORDER) - 1} passed, 1 failed, 0 not started"


def test_check_format_json_gives_one_record_per_exercise_for_an_autograder(tmp_path):
    write_workspace(tmp_path, solutions=True)
    wrong = changed(solution_source("matmul"), "C[i, j] += a[i, k] * b[k, j]", "C[j, i] += a[i, k] * b[k, j]")
    (tmp_path / "matmul.py").write_text(wrong)
    predict = (tmp_path / "dense_predict.py").read_text().replace("output_shape = ...", "output_shape = (16, 100)")
    (tmp_path / "dense_predict.py").write_text(predict)
    result = run_cli("check", tmp_path, "matmul", "dense_cost", "dense_predict", "sigmoid_tails", "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)  # the whole output is one JSON document
    assert (report["passed"], report["failed"], report["not_started"], report["interrupted"]) == (1, 2, 1, None)
    records = {record["name"]: record for record in report["exercises"]}
    assert list(records) == ["matmul", "dense_cost", "dense_predict", "sigmoid_tails"]  # book order
    assert set(records["matmul"]) == {"name", "kind", "status", "examples_passed", "examples_total",
                                      "uses_package_code", "first_failure", "message"}
    line = next(i for i, text in enumerate(wrong.splitlines(), 1) if text.strip() == ">>> matmul(A, B)")
    matmul = records["matmul"]
    assert (matmul["kind"], matmul["status"]) == ("code", "failed")
    assert 0 < matmul["examples_passed"] < matmul["examples_total"]
    assert matmul["first_failure"]["target"] == "matmul" and matmul["first_failure"]["line"] == line
    assert matmul["first_failure"]["example"] == ">>> matmul(A, B)" and "array([[19., 43.]," in matmul["first_failure"]["got"]
    cost = records["dense_cost"]
    assert (cost["status"], cost["first_failure"], cost["uses_package_code"]) == ("passed", None, [])
    assert cost["examples_passed"] == cost["examples_total"] > 0
    question = records["dense_predict"]
    assert (question["kind"], question["status"], question["examples_passed"], question["examples_total"]) == (
        "question", "failed", 0, 4)
    failure = question["first_failure"]
    assert failure["target"] == "output_shape" and "every dimension but the last counts samples" in failure["message"]
    assert (failure["example"], failure["expected"], failure["got"]) == (None, None, None)  # no right value
    assert records["sigmoid_tails"]["status"] == "not started"
    assert result.stderr == ""


def test_unknown_exercise_name_is_a_usage_error(tmp_path):
    write_workspace(tmp_path)
    result = run_cli("check", tmp_path, "matmul", "convolution")
    assert result.returncode == 2
    assert "unknown exercise 'convolution'" in result.stderr
    assert "matmul, matmul_views, dense_init" in result.stderr  # it says what the names are
    assert result.stdout == ""


def test_check_of_a_missing_directory_is_an_error(tmp_path):
    result = run_cli("check", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "nowhere is not a directory" in result.stderr


# ---------------------------------------------------------------- start never destroys work
def test_start_refuses_to_overwrite_without_force_and_never_deletes(tmp_path, capsys):
    work = tmp_path / "work"
    write_workspace(work)
    (work / "matmul.py").write_text("# my work in progress\n")
    (work / "notes.txt").write_text("mine\n")
    before = snapshot(work)
    assert main(["start", str(work)]) == 1
    refused = capsys.readouterr().err
    assert "already holds" in refused and "matmul.py" in refused and "--force" in refused
    assert snapshot(work) == before
    assert main(["start", str(work), "--force"]) == 0
    assert (work / "matmul.py").read_text() == stub_source("matmul")
    assert (work / "notes.txt").read_text() == "mine\n"


def test_the_workspace_readme_lists_every_exercise_and_the_commands(tmp_path):
    write_workspace(tmp_path)
    readme = (tmp_path / "README.md").read_text()
    for name in ALL_ORDER:
        assert f"`{name}.py`" in readme
    assert "| `dense_predict.py` | question |" in readme
    assert "python -m tinytorch_layers.exercises check . matmul" in readme


def test_start_refuses_a_directory_holding_any_workspace_file(tmp_path):
    (tmp_path / "README.md").write_text("someone else's readme\n")
    with pytest.raises(WorkspaceExistsError, match="README.md"):
        write_workspace(tmp_path)
    assert (tmp_path / "README.md").read_text() == "someone else's readme\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_start_into_a_path_that_is_a_file_is_an_error(tmp_path, capsys):
    path = tmp_path / "file.txt"
    path.write_text("x")
    assert main(["start", str(path)]) == 2  # an operating-system error, not a refusal
    assert "not a directory" in capsys.readouterr().err


# ---------------------------------------------------------------- robustness of check
ROBUSTNESS = {
    # exercise: (file text, the status, a fragment of the report)
    "matmul": (
        # a thread that would keep the process alive for an hour after the checks
        solution_source("matmul") + "import threading, time\nthreading.Thread(target=time.sleep, args=(3600,)).start()\n",
        "passed", f"{'matmul':<{WIDTH}}  passed",
    ),
    "dense_init": (replace_stub("dense_init", "self.weights = (("), "failed", "SyntaxError at dense_init.py:"),
    "dense_forward": (
        stub_source("dense_forward").split("    def forward")[0] + "    pass\n",
        "failed", "class Dense does not define forward",
    ),
    "dense_cost": (
        solution_source("dense_cost").replace(
            "    return 2 * batch_size", '    print("debug:", batch_size)\n    return 2 * batch_size'
        ),
        "failed", "debug: 4",
    ),
    "xavier_uniform": (
        stub_source("xavier_uniform").replace("def xavier_uniform(", "def glorot_uniform("),
        "failed", "does not define the function xavier_uniform",
    ),
    "softmax": (stub_source("softmax") + 'raise RuntimeError("broken at import")\n', "failed",
                "RuntimeError: broken at import"),
    # the learning exercises, solved: their verdicts must not be disturbed by the others
    **{name: (solution_source(name), "passed", f"{name:<{WIDTH}}  passed")
       for name in NAMES[5:]},
}


def test_check_reports_every_kind_of_broken_file_and_changes_nothing(tmp_path):
    for name, (text, _, _) in ROBUSTNESS.items():
        (tmp_path / get_exercise(name).filename).write_text(text)
    before = snapshot(tmp_path)
    result = run_cli("check", tmp_path, *ROBUSTNESS, timeout=120)
    assert result.returncode == 1
    assert verdicts(result.stdout) == {name: status for name, (_, status, _) in ROBUSTNESS.items()}
    for name, (_, _, fragment) in ROBUSTNESS.items():
        assert fragment in result.stdout, f"{name}: {fragment!r} not in\n{result.stdout}"
    failed = sum(status == "failed" for _, status, _ in ROBUSTNESS.values())
    assert result.stdout.strip().splitlines()[-1] == f"{len(NAMES) - failed} passed, {failed} failed, 0 not started"
    assert "Traceback" not in result.stderr  # the checker itself did not crash
    assert snapshot(tmp_path) == before


def test_an_endless_loop_is_stopped_at_the_time_limit(tmp_path):
    write_workspace(tmp_path, solutions=True)
    (tmp_path / "matmul.py").write_text(replace_stub("matmul", "while True:\n    pass"))
    before = snapshot(tmp_path)
    result = run_cli("check", tmp_path, "matmul", "dense_cost", "--timeout", "1.5", timeout=60)
    assert result.returncode == 1
    assert verdicts(result.stdout)["matmul"] == "failed"
    assert "timed out after 1.5 s" in result.stdout
    assert snapshot(tmp_path) == before


def test_a_learner_file_may_import_another_one(tmp_path):
    write_workspace(tmp_path, solutions=True)
    source = solution_source("dense_forward").replace(
        "from tinytorch_layers.matmul import matmul", "from matmul import matmul  # the learner's own"
    )
    (tmp_path / "dense_forward.py").write_text(source)
    before = snapshot(tmp_path)
    result = run_cli("check", tmp_path, "dense_forward")
    assert result.returncode == 0, result.stdout
    assert snapshot(tmp_path) == before  # importing matmul.py wrote no __pycache__


def test_a_file_that_exits_the_interpreter_or_is_missing_is_reported(tmp_path):
    write_workspace(tmp_path)
    (tmp_path / "dense_cost.py").write_text(solution_source("dense_cost") + "import sys\nsys.exit(0)\n")
    (tmp_path / "softmax.py").write_text(solution_source("softmax") + "import os\nos._exit(3)\n")
    os.remove(tmp_path / "dense_init.py")
    result = run_cli("check", tmp_path, "dense_init", "dense_cost", "softmax")
    assert result.returncode == 1
    assert verdicts(result.stdout) == dict.fromkeys(["dense_init", "dense_cost", "softmax"], "failed")
    assert "dense_init.py is missing" in result.stdout
    assert "SystemExit" in result.stdout
    assert "exit code 3" in result.stdout
