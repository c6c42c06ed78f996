"""Check one exercise file in a fresh process: ``python -m tinytorch_layers.exercises._child``.

Arguments: the exercise name, the learner's file, and the JSON file to write the result to.
The parent process gives this process a time limit and reads the JSON afterwards, so
anything the learner's code prints cannot be mistaken for the result.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .checking import FAILED, ExerciseResult, check_module, describe_import_error, load_module


def main(name: str, path: str, result_path: str) -> None:
    sys.dont_write_bytecode = True  # no __pycache__ next to the learner's files
    file = Path(path)
    # Last on the path, so a learner's file can import another one (``from matmul import
    # matmul``) but cannot shadow numpy or the package.
    sys.path.append(str(file.parent))
    try:
        module = load_module(file, f"tinytorch_exercise_{name}")
    except BaseException as exc:  # SyntaxError, SystemExit, anything: report it, do not crash
        result = ExerciseResult(name, FAILED, message=describe_import_error(exc, file), filename=file.name)
    else:
        result = check_module(name, vars(module), str(file))
    Path(result_path).write_text(json.dumps(result.to_json()), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
    # Leave now: a thread or atexit hook the learner's code started must not keep the
    # process alive past the time limit once the result is written.
    sys.stdout.flush()
    os._exit(0)
