"""Check an exercise from a notebook: ``check("matmul", my_matmul)``.

The functions and classes given are turned back into a workspace file: their source (from
``inspect.getsource``; IPython keeps each cell's source for it), the imports of the
exercise's stub, and what they use from the notebook (modules, the package's names, other
functions and classes of the notebook, numbers and strings). That file goes into a
temporary folder, never next to the notebook, and is checked exactly as the command line
checks a workspace file: in its own process, with a time limit, with the same verdict.
"""

from __future__ import annotations

import ast
import builtins
import dis
import importlib
import inspect
import linecache
import re
import sys
import tempfile
import textwrap
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .catalogue import find_exercise
from .questions import Question
from .registry import Exercise
from .report import verdict_lines
from .source import stub_source
from .workspace import DEFAULT_TIMEOUT, check_workspace, validate_timeout

__all__ = ["check", "notebook_source"]

PACKAGE = "tinytorch_layers"
LITERALS = (int, float, complex, str, bytes, bool, type(None), tuple, frozenset)


def check(name: str, /, *definitions: Callable | type, timeout: float = DEFAULT_TIMEOUT, **answers: Any) -> None:
    """Check exercise ``name`` against functions or answers defined in a notebook; print the verdict.

    It runs the same examples as ``python -m tinytorch_layers.exercises check``, in its
    own process, stopped after ``timeout`` seconds, and prints the same verdict (and, for
    a failure, the same details). Nothing is written next to the notebook.

    What is accepted:

    - a **function** exercise takes the function, under any name:
      ``check("matmul", my_matmul)``; one with two functions takes both, in the order the
      exercise lists them or named as in the package
      (``check("dense_cost", my_parameter_count, my_forward_flops)``);
    - a **method** exercise (``Dense.forward``) takes a function whose first parameter is
      ``self`` (``check("dense_forward", forward)``), or a class that defines the method,
      such as ``class MyDense(Dense)`` (write a class when the method calls ``super()``);
    - a **question** takes its answers as keywords,
      ``check("dense_predict", output_shape=(16, 20, 100), ...)``, a function answer as a
      function; an answer left out counts as not answered yet;
    - more functions or classes may follow, as helpers the others call.

    The functions may use modules, the package's names, other functions and classes of the
    notebook, and numbers or strings; other data of the notebook (an array, say) is not
    taken to the check's process: pass it as an argument, or create it inside the function.
    A lambda, a built-in function or the package's own function is refused with a
    ``TypeError``; an unknown exercise or answer name with a ``ValueError``.
    """
    exercise = find_exercise(name)
    source, notes = notebook_source(exercise, definitions, answers)
    timeout = validate_timeout(timeout)
    with tempfile.TemporaryDirectory(prefix="tinytorch-notebook-check-") as folder:
        (Path(folder) / exercise.filename).write_text(source, encoding="utf-8")
        checks = check_workspace(folder, [exercise.name], timeout=timeout, jobs=1)
        try:
            result = next(checks)
        finally:
            checks.close()  # stops the check's processes if interrupted
    for note in notes:
        print(f"note: {note}")
    print(_without_file_lines(verdict_lines(result), exercise.filename))


def _without_file_lines(text: str, filename: str) -> str:
    r"""The report without lines of the temporary file, which the notebook's reader never sees.

    Examples:
        >>> _without_file_lines("a: wrong (a.py:12): no\nValueError: x\n(raised at a.py:3)", "a.py")
        'a: wrong: no\nValueError: x'
    """
    name = re.escape(filename)
    patterns = (
        (rf"\(raised at {name}:\d+: ", "(raised at: "),  # a line of code follows: keep it
        (rf"\n?[ ]*\(raised at {name}:\d+\)", ""),
        (rf" \({name}:\d+\)", ""),
        (rf", {name}:\d+\)", ")"),
        (rf"{name}:\d+: ", ""),
    )
    for pattern, replacement in patterns:
        text = re.sub(pattern, replacement, text)
    return text


# ------------------------------------------------------------------------------- the source
def notebook_source(exercise: Exercise | Question, definitions: tuple, answers: dict[str, Any]
                    ) -> tuple[str, list[str]]:
    """The workspace file that ``check`` writes for ``definitions`` and ``answers``, and notes.

    The notes name what a definition uses from the notebook that the file cannot hold.
    """
    for definition in definitions:
        _refuse_what_cannot_be_checked(definition)
    if exercise.kind == "question":
        return _question_source(exercise, definitions, answers)
    if answers:
        raise TypeError(f"check({exercise.name!r}, ...) takes the functions you wrote, not keywords "
                        f"{', '.join(sorted(answers))}: keywords are a question's answers")
    return _code_source(exercise, definitions)


def _refuse_what_cannot_be_checked(definition: object) -> None:
    if isinstance(definition, (types.BuiltinFunctionType, types.BuiltinMethodType)) or (
        callable(definition) and not isinstance(definition, (types.FunctionType, type))
    ):
        raise TypeError(f"check cannot use {definition!r}, which is built-in or not a function: it takes "
                        "functions written with def and classes, whose source it can read")
    if not isinstance(definition, (types.FunctionType, type)):
        raise TypeError(f"check takes the functions or classes you wrote, got {type(definition).__name__} "
                        f"{definition!r}; a question's answers go as keywords, e.g. output_shape=(2, 3)")
    if definition.__name__ == "<lambda>":
        raise TypeError("check cannot use a lambda: define the function with def, under any name")
    if (getattr(definition, "__module__", None) or "").split(".")[0] == PACKAGE:
        raise TypeError(f"{definition.__module__}.{definition.__qualname__} is the package's own code; "
                        "check your own version, defined in the notebook")
    code = getattr(definition, "__code__", None)
    if code is not None and code.co_freevars:
        raise TypeError(f"{definition.__name__} uses variables of the function it is defined in "
                        f"({', '.join(code.co_freevars)}); define it at the top level of a cell")
    try:
        _source_of(definition)
    except (OSError, TypeError, SyntaxError):
        raise TypeError(f"the source of {definition.__name__} cannot be found; define it in a notebook "
                        "cell or a file") from None


def _source_of(definition: object) -> str:
    """The source of a function or class, dedented.

    ``inspect.getsource`` finds a class through its module's file, which a notebook's
    ``__main__`` does not have; a method's code knows its cell, so the class is looked up
    there instead.
    """
    try:
        return textwrap.dedent(inspect.getsource(definition))
    except (OSError, TypeError):
        if not isinstance(definition, type):
            raise
    for member in vars(definition).values():
        code = getattr(member, "__code__", None)
        if code is None:
            continue
        lines = linecache.getlines(code.co_filename)
        for node in ast.walk(ast.parse("".join(lines))):
            if isinstance(node, ast.ClassDef) and node.name == definition.__name__ and (
                node.lineno <= code.co_firstlineno <= (node.end_lineno or node.lineno)
            ):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                return textwrap.dedent("".join(lines[start - 1 : node.end_lineno]))
    raise OSError(f"could not find the source of {definition.__name__}")


def _code_source(exercise: Exercise, definitions: tuple) -> tuple[str, list[str]]:
    owner = exercise.class_name
    names = [t.rpartition(".")[2] for t in exercise.targets]
    glue: list[str] = []
    if owner:
        classes = [d for d in definitions if isinstance(d, type) and any(n in vars(d) for n in names)]
        if classes:
            if classes[0].__name__ != owner:
                glue.append(f"{owner} = {classes[0].__name__}")
        else:
            chosen = _match(exercise, [d for d in definitions if isinstance(d, types.FunctionType)], names)
            body = "\n".join(f"    {method} = {function.__name__}" for method, function in chosen.items())
            glue.append(f"class {owner}({PACKAGE}.{owner}):\n    \"\"\"The class of the exercise, with your "
                        f"methods.\"\"\"\n\n{body}")
    else:
        chosen = _match(exercise, [d for d in definitions if isinstance(d, types.FunctionType)], names)
        glue += [f"{target} = {function.__name__}" for target, function in chosen.items()
                 if function.__name__ != target]
    imports = _stub_imports(stub_source(exercise))
    if owner:
        imports.append(f"import {PACKAGE}")
    return _assemble(exercise, imports, definitions, glue)


def _match(exercise: Exercise, functions: list, names: list[str]) -> dict[str, Callable]:
    """Which function is each target: the one of its name, or else the functions given first,
    in the order of the exercise's targets (any further ones are helpers)."""
    chosen = {name: f for name in names for f in functions if f.__name__ == name}
    if len(chosen) == len(names):
        return chosen
    if len(functions) >= len(names) and not chosen:
        return dict(zip(names, functions))
    given = ", ".join(f.__name__ for f in functions) or "nothing"
    raise ValueError(f"check({exercise.name!r}, ...) needs a function for each of {', '.join(exercise.targets)}, "
                     f"in that order or named {', '.join(names)}; got {given}")


def _question_source(question: Question, definitions: tuple, answers: dict[str, Any]) -> tuple[str, list[str]]:
    asks = {ask.name: ask for ask in question.asks}
    unknown = sorted(set(answers) - set(asks))
    if unknown:
        raise ValueError(f"{question.name} has no answer {', '.join(unknown)}; its answers are {', '.join(asks)}")
    functions = {d.__name__: d for d in definitions if isinstance(d, types.FunctionType)}
    glue, given = [], list(definitions)
    for name, ask in asks.items():
        value = answers.get(name, functions.get(name, ...))
        if ask.is_function and isinstance(value, types.FunctionType):
            _refuse_what_cannot_be_checked(value)
            if value not in given:
                given.append(value)
            if value.__name__ != name:
                glue.append(f"{name} = {value.__name__}")
        else:
            glue.append(f"{name} = {_literal(name, value)}")
    return _assemble(question, [], tuple(given), glue)


def _literal(name: str, value: Any) -> str:
    """Python source for an answer's value: a number, a string, a bool, a tuple or list of them."""
    if value is ...:
        return "..."
    if hasattr(value, "tolist") and callable(value.tolist):  # a numpy scalar or array
        value = value.tolist()
    text = repr(value)
    try:
        if ast.literal_eval(text) == value:
            return text
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    raise TypeError(f"the answer {name} must be a number, a string, a bool, or a tuple or list of them; "
                    f"got {type(value).__name__}")


def _stub_imports(stub: str) -> list[str]:
    """The stub's import statements, ``from __future__`` left out."""
    tree = ast.parse(stub)
    return [ast.get_source_segment(stub, node) for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom)) and getattr(node, "module", None) != "__future__"]


def _assemble(exercise: Exercise | Question, imports: list[str], definitions: tuple,
              glue: list[str]) -> tuple[str, list[str]]:
    helpers: list[object] = []
    bindings: dict[str, str] = {}
    notes: list[str] = []
    pending = list(definitions)
    seen: list[object] = []
    while pending:
        definition = pending.pop(0)
        if any(definition is other for other in seen):
            continue
        seen.append(definition)
        namespace = _globals_of(definition)
        for name in sorted(_free_names(definition)):
            if name not in namespace or name in bindings:
                continue
            value = namespace[name]
            if any(value is other for other in seen + pending):
                continue
            line = _binding(name, value, definition)
            if line is not None:
                bindings[name] = line
            elif _is_notebook_definition(value, definition):
                helpers.append(value)
                pending.append(value)
            elif name not in vars(builtins):
                notes.append(f"{definition.__name__} uses the notebook's {name} ({type(value).__name__}), "
                             "which the check's process does not have: pass it as an argument or create it "
                             "inside the function")
    sources = [_source_of(d).rstrip() for d in helpers + list(definitions)]
    parts = [f'"""{exercise.name}, sent from a notebook by check()."""',
             "from __future__ import annotations",
             "\n".join(dict.fromkeys(imports + list(bindings.values()))),
             *sources, *glue]
    return "\n\n\n".join(part for part in parts if part) + "\n", notes


def _globals_of(definition: object) -> dict[str, Any]:
    """The namespace a function or class was defined in (a class's: its methods')."""
    if isinstance(definition, types.FunctionType):
        return definition.__globals__
    for member in vars(definition).values():
        if isinstance(member, types.FunctionType):
            return member.__globals__
    module = sys.modules.get(definition.__module__)
    return vars(module) if module is not None else {}


def _code_names(code: types.CodeType) -> set[str]:
    names = {i.argval for i in dis.get_instructions(code) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _code_names(constant)
    return names


def _free_names(definition: object) -> set[str]:
    """The global names a function or class reads, its default values and decorators included."""
    tree = ast.parse(_source_of(definition))
    node = tree.body[0]
    header = list(getattr(node, "decorator_list", []))
    if isinstance(node, ast.ClassDef):
        header += node.bases + [k.value for k in node.keywords]
        header += [statement for statement in node.body if not isinstance(statement, (ast.FunctionDef,
                                                                                       ast.AsyncFunctionDef))]
        names = set().union(*(_code_names(f.__code__) for f in vars(definition).values()
                              if isinstance(f, types.FunctionType)))
    else:
        header += node.args.defaults + [d for d in node.args.kw_defaults if d is not None]
        names = _code_names(definition.__code__)
    return names | {n.id for part in header for n in ast.walk(part) if isinstance(n, ast.Name)}


def _is_notebook_definition(value: object, user: object) -> bool:
    return (isinstance(value, (types.FunctionType, type)) and value.__name__ != "<lambda>"
            and getattr(value, "__module__", None) == getattr(user, "__module__", None))


def _binding(name: str, value: object, user: object) -> str | None:
    """An import or assignment that gives ``name`` the value ``value`` in the file, or None."""
    if isinstance(value, types.ModuleType):
        return f"import {value.__name__}" + ("" if value.__name__ == name else f" as {name}")
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if module and qualname and module != getattr(user, "__module__", None) and module != "__main__":
        try:
            found = getattr(importlib.import_module(module), qualname, None)
        except ImportError:
            found = None
        if found is value:
            return f"from {module} import {qualname}" + ("" if qualname == name else f" as {name}")
        public = getattr(importlib.import_module(module.split(".")[0]), qualname, None) if "." in module else None
        if public is value:
            return f"from {module.split('.')[0]} import {qualname}" + ("" if qualname == name else f" as {name}")
    for public in (PACKAGE, "numpy"):  # from tinytorch_layers import DEFAULT_DTYPE, and the like
        if getattr(importlib.import_module(public), name, None) is value:
            return f"from {public} import {name}"
    if isinstance(value, LITERALS):
        try:
            if ast.literal_eval(repr(value)) == value:
                return f"{name} = {value!r}"
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    return None
