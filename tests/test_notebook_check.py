"""``check`` from a notebook: the cells each chapter ends with, run with answers in the reader's kernel.

One notebook runs here, in a fresh kernel of the reader's environment (``.venv-reader``):
the check cells of the matmul and dense chapters, as a reader downloads them, with a right
and a wrong answer written in, a method written as a function taking ``self`` and as a
class, a question with one wrong answer, and a lambda. The verdicts it prints are asserted. The rest are
cheap checks of how ``check`` turns notebook functions into a workspace file.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from browser_support import BOOK_SOURCE, code_cells
from reader_environment import reader_kernel_manager
from tinytorch_layers.exercises import ALL_EXERCISES, check_source, stub_source
from tinytorch_layers.exercises.catalogue import CHAPTERS, find_exercise
from tinytorch_layers.exercises.notebook import notebook_source
from tinytorch_layers.exercises.source import _find_definition

ANSWERS = Path(__file__).resolve().parent / "exercises" / "answers"
HEADING = "### Checking your work in the notebook"
WIDTH = max(len(e.name) for e in ALL_EXERCISES)


def check_cells(chapter: str) -> list[str]:
    """The code cells of a chapter's closing section, which end its downloadable notebook."""
    text = (BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8")
    start = text.index(HEADING)
    first = text[:start].count("\n") + 1
    return [source for line, source in code_cells(text, solutions=False) if line > first]


def calls(source: str) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check"]


def written(cell: str, answer_file: str) -> str:
    """A check cell with the body of an answer from the corpus in place of its raise line."""
    body = (ANSWERS / answer_file).read_text(encoding="utf-8")
    lines = cell.splitlines()
    index = next(i for i, line in enumerate(lines) if "raise NotImplementedError(" in line)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index : index + 1] = [indent + line if line else line for line in body.splitlines()]
    return "\n".join(lines)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_ends_with_a_check_cell_for_each_of_its_exercises(chapter):
    cells = check_cells(chapter)
    assert cells[0] == "from tinytorch_layers.exercises import check"
    checked = {}
    for cell in cells[1:]:
        for call in calls(cell):
            checked[call.args[0].value] = call
    assert sorted(checked) == sorted(e.name for e in ALL_EXERCISES if e.chapter == chapter)
    defined = {node.name: node for cell in cells for node in ast.parse(cell).body if isinstance(node, ast.FunctionDef)}
    for name, call in checked.items():
        exercise = find_exercise(name)
        if exercise.kind == "question":  # every answer asked for, by its name
            assert [k.arg for k in call.keywords] == list(exercise.targets), name
            continue
        assert len(call.args) - 1 == len(exercise.targets), name
        stub = ast.parse(stub_source(exercise))
        for target, argument in zip(exercise.targets, call.args[1:]):
            # the cell starts from the workspace's stub: the same code, the same raise
            given = _find_definition(stub, target)
            cell = defined[argument.id]
            assert _body(cell) == _body(given), (
                f"{chapter}: {argument.id} is not the stub of {target}; "
                "copy the stubs again with: python scripts/exercise_check_cells.py")
            assert [a.arg for a in cell.args.args] == [a.arg for a in given.args.args], argument.id


def _body(function: ast.FunctionDef) -> list[str]:
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return [ast.dump(statement) for statement in body]


def test_the_notebook_check_prints_the_verdicts_of_the_command_line_in_the_readers_kernel(tmp_path):
    (matmul_cell,) = [c for c in check_cells("matmul") if 'check("matmul",' in c]
    dense = {call.args[0].value: cell for cell in check_cells("dense") for call in calls(cell)}
    cells = [
        "import numpy as np\nfrom tinytorch_layers import Dense, Tensor",
        check_cells("matmul")[0],
        written(matmul_cell, "matmul/right_k_in_the_middle.py"),
        written(matmul_cell, "matmul/wrong_row_times_row.py"),
        written(dense["dense_forward"], "dense_forward/right_dot_products.py"),
        dense["dense_predict"].replace("output_shape=...", "output_shape=(16, 20, 100)")
                              .replace("parameter_count=...", "parameter_count=30100")
                              .replace("parameter_bytes=...", "parameter_bytes=8 * 30100"),
        "class ViaSuper(Dense):\n    def forward(self, x):\n        return super().forward(x)\n\n\n"
        'check("dense_forward", ViaSuper)',
        'check("matmul", lambda A, B: A @ B)',
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in cells])
    NotebookClient(notebook, km=reader_kernel_manager(), timeout=300, allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
               for cell in notebook.cells]
    errors = [next((o for o in cell.outputs if o.output_type == "error"), None) for cell in notebook.cells]
    assert errors[:-1] == [None] * (len(cells) - 1), errors
    right, wrong, method, question, via_super = printed[2:7]
    assert right == f"{'matmul':<{WIDTH}}  passed (15 examples)\n"
    assert wrong.startswith(f"{'matmul':<{WIDTH}}  failed\n    first failing example (matmul):\n")
    assert "    expected:\n" in wrong and "    got:\n" in wrong
    assert re.search(r"matmul\.py:\d", wrong) is None  # no line of a file the reader never sees
    assert re.fullmatch(rf"{'dense_forward':<{WIDTH}}  passed \(\d+ examples\)\n", method), method
    assert question.splitlines() == [
        f"{'dense_predict':<{WIDTH}}  failed (2 of 4 answers right)",
        "    output_shape: right",
        "    parameter_count: right",
        "    parameter_bytes: wrong: that is eight bytes a number (float64); the layer is float32",
        "    forward_flops: not answered yet",
    ]
    # a class defined in a cell (its source found through its method's cell), calling super()
    assert re.match(rf"{'dense_forward':<{WIDTH}}  passed \(\d+ examples\), but uses the package's own code\n",
                    via_super), via_super
    assert errors[-1]["ename"] == "TypeError" and "cannot use a lambda" in errors[-1]["evalue"]
    assert list(tmp_path.iterdir()) == []  # nothing written next to the notebook


# ------------------------------------------------------------------ the file check() writes
def _defined(source: str, name: str = "__main__") -> dict:
    """Run ``source`` as a module of that name whose functions inspect can read."""
    import linecache
    import types

    filename = f"<notebook-cell-{abs(hash(source))}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module = types.ModuleType(name)
    exec(compile(source, filename, "exec"), module.__dict__)
    return module.__dict__


def test_a_method_written_as_a_class_and_a_helper_it_calls_are_taken_along():
    namespace = _defined(textwrap.dedent('''
        import numpy as np
        from tinytorch_layers import Dense, Tensor
        SCALE = 1.0
        def affine(x, w, b):
            return x @ w + b * SCALE
        class MyDense(Dense):
            def forward(self, x):
                data = self._checked_input(x)
                self.last_input = data
                rows = data if data.ndim == 2 else data.reshape(-1, self.input_size)
                out = affine(rows, self.weights.data, self.bias.data if self.bias is not None else 0)
                return Tensor(out.reshape(*data.shape[:-1], self.output_size).astype(self.weights.dtype))
    '''))
    source, notes = notebook_source(find_exercise("dense_forward"), (namespace["MyDense"],), {})
    assert notes == []
    assert "def affine(x, w, b):" in source and "SCALE = 1.0" in source
    assert "from tinytorch_layers.dense import Dense" in source and source.rstrip().endswith("Dense = MyDense")
    assert check_source("dense_forward", source).status == "passed"


def test_data_of_the_notebook_is_named_in_a_note_and_unknown_answers_are_refused():
    namespace = _defined("import numpy as np\nTABLE = np.arange(3)\n"
                         "def my_matmul(A, B):\n    return TABLE\n")
    _, notes = notebook_source(find_exercise("matmul"), (namespace["my_matmul"],), {})
    assert notes == ["my_matmul uses the notebook's TABLE (ndarray), which the check's process does not "
                     "have: pass it as an argument or create it inside the function"]
    with pytest.raises(ValueError, match="dense_predict has no answer output_shapes; its answers are output_shape"):
        notebook_source(find_exercise("dense_predict"), (), {"output_shapes": (1, 2)})
    with pytest.raises(TypeError, match="the answer output_shape must be a number"):
        notebook_source(find_exercise("dense_predict"), (), {"output_shape": object()})
    with pytest.raises(TypeError, match="built-in"):
        notebook_source(find_exercise("matmul"), (len,), {})


def test_the_copying_script_restores_a_drifted_check_cell():
    """scripts/exercise_check_cells.py, which the failure above names, puts back a stub's
    given code that a chapter's cell has lost, and leaves the rest of the chapter alone."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "exercise_check_cells", Path(__file__).resolve().parents[1] / "scripts" / "exercise_check_cells.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    text = (BOOK_SOURCE / "dense.md").read_text(encoding="utf-8")
    given = '    self.input_size = positive_int("input_size", input_size)\n'
    assert text.count(given) == 1  # only in the check cell
    drifted = text.replace(given, '    self.input_size = _check_size("input_size", input_size)\n')
    assert script.rewrite_chapter(drifted) == text
    assert script.rewrite_chapter(text) == text
