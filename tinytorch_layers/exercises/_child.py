"""Check one exercise file in a fresh process: ``python -m tinytorch_layers.exercises._child``.

Arguments: the exercise name, the learner's file, and the JSON file to write the result to.
The parent process gives this process a time limit and reads the JSON afterwards, so
anything the learner's code prints cannot be mistaken for the result.
"""

from __future__ import annotations

import json
import sys

sys.dont_write_bytecode = True  # before any import of the learner's file

from pathlib import Path  # noqa: E402

from .checking import FAILED, ExerciseResult, check_module, describe_import_error, load_module  # noqa: E402


def main(name: str, path: str, result_path: str) -> None:
    file = Path(path)
    try:
        module = load_module(file, f"tinytorch_exercise_{name}")
    except BaseException as exc:  # SyntaxError, SystemExit, anything: report it, do not crash
        result = ExerciseResult(name, FAILED, message=describe_import_error(exc, file), filename=file.name)
    else:
        result = check_module(name, vars(module), str(file))
    Path(result_path).write_text(json.dumps(result.to_json()), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
