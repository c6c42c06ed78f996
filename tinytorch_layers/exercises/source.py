"""Workspace files generated from the package's own source: one source, no copies.

A solution region in the package is a block of lines between ``# BEGIN SOLUTION`` and
``# END SOLUTION`` comments inside a function or method. The stub keeps the signature and
the docstring (the doctests are the specification) and replaces the region with a
``raise NotImplementedError``; the solution keeps the region and drops the markers.
"""

from __future__ import annotations

import ast
import builtins
import doctest
import importlib
import importlib.util
import sys
import textwrap
from pathlib import Path

from .registry import Exercise, get_exercise

__all__ = [  # the package re-exports most of them (tinytorch_layers.exercises)
    "BEGIN_MARKER", "END_MARKER", "reference_docstring", "reference_object", "Listing",
    "show_definition_stub", "show_solution", "show_stub", "solution_lines", "solution_source",
    "stub_source",
]

BEGIN_MARKER = "# BEGIN SOLUTION"
END_MARKER = "# END SOLUTION"
PACKAGE = "tinytorch_layers"


def _as_exercise(exercise: Exercise | str) -> Exercise:
    return exercise if isinstance(exercise, Exercise) else get_exercise(exercise)


def reference_object(exercise: Exercise | str, target: str):
    """The package's function or method called ``target`` (a qualified name)."""
    obj = importlib.import_module(_as_exercise(exercise).module)
    for part in target.split("."):
        obj = getattr(obj, part)
    return obj


def reference_docstring(exercise: Exercise | str, target: str) -> str:
    """The docstring of the reference ``target``: its examples are the specification."""
    doc = reference_object(exercise, target).__doc__
    if not doc or ">>>" not in doc:
        raise ValueError(f"{_as_exercise(exercise).name}: {target} has no doctest examples")
    return doc


def _module_source(module_name: str) -> tuple[str, ast.Module]:
    spec = importlib.util.find_spec(module_name)
    if spec is None or spec.origin is None:
        raise ValueError(f"cannot find the source of module {module_name!r}")
    text = Path(spec.origin).read_text(encoding="utf-8")
    return text, ast.parse(text)


def _find_definition(tree: ast.Module, qualname: str) -> ast.FunctionDef:
    body: list[ast.stmt] = tree.body
    node: ast.AST | None = None
    for part in qualname.split("."):
        node = next(
            (
                n
                for n in body
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and n.name == part
            ),
            None,
        )
        if node is None:
            raise ValueError(f"no definition of {qualname!r} found")
        body = node.body
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        raise ValueError(f"{qualname!r} is not a function or method")
    return node


def _definition_lines(lines: list[str], node: ast.FunctionDef) -> list[str]:
    """The definition's lines, decorators included, plus trailing comments in its body.

    The ast ends a function at its last statement; an ``# END SOLUTION`` after a final
    ``return`` is a comment indented deeper than ``def``, so it is taken along.
    """
    start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
    end = node.end_lineno or node.lineno
    while end < len(lines):
        line = lines[end]
        indent = len(line) - len(line.lstrip())
        if not line.strip().startswith("#") or indent <= node.col_offset:
            break
        end += 1
    return lines[start:end]


def _fill_region(exercise: Exercise, target: str, lines: list[str], solution: bool) -> list[str]:
    begins = [i for i, line in enumerate(lines) if line.strip().startswith(BEGIN_MARKER)]
    ends = [i for i, line in enumerate(lines) if line.strip().startswith(END_MARKER)]
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        raise ValueError(
            f"{exercise.module}.{target} needs exactly one {BEGIN_MARKER!r} ... "
            f"{END_MARKER!r} pair, found {len(begins)} and {len(ends)}"
        )
    begin, end = begins[0], ends[0]
    if solution:
        region = lines[begin + 1 : end]
    elif exercise.bug is not None:  # find-the-bug: the solution with a mistake planted
        region = _planted(exercise, lines[begin + 1 : end])
    else:
        indent = lines[begin][: len(lines[begin]) - len(lines[begin].lstrip())]
        region = [f'{indent}raise NotImplementedError("exercise {exercise.name}: write {target} here")']
    return lines[:begin] + region + lines[end + 1 :]


def _planted(exercise: Exercise, region: list[str]) -> list[str]:
    """The solution region of a find-the-bug exercise with its bug put in."""
    correct, planted = exercise.bug
    text = "\n".join(region)
    if text.count(correct) != 1:
        raise ValueError(
            f"exercise {exercise.name}: {correct!r} must occur once in the solution region, "
            f"found {text.count(correct)} times"
        )
    return text.replace(correct, planted).split("\n")


def _names_used(nodes: list[ast.AST]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        for child in ast.walk(node):
            if isinstance(child, ast.Name):
                names.add(child.id)
    return names


def _example_trees(docstring: str) -> list[ast.AST]:
    trees = []
    for example in doctest.DocTestParser().get_examples(docstring):
        try:
            trees.append(ast.parse(example.source))
        except SyntaxError:  # an example that is not plain Python adds no names
            continue
    return trees


def _module_bindings(module_name: str, tree: ast.Module) -> dict[str, tuple[str, str | None]]:
    """Map each top-level name of a module to how a workspace file imports it.

    The value is ``(module, attribute)``: ``("numpy", None)`` means ``import numpy as name``,
    ``("tinytorch_layers.tensor", "Tensor")`` means ``from tinytorch_layers.tensor import Tensor``.
    Names the module defines itself are imported from the module.
    """
    package = module_name.rpartition(".")[0]
    bindings: dict[str, tuple[str, str | None]] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bindings[alias.asname] = (alias.name, None)
                else:  # ``import a.b`` binds ``a``
                    top = alias.name.partition(".")[0]
                    bindings[top] = (top, None)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            source = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            for alias in node.names:
                bindings[alias.asname or alias.name] = (source, alias.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bindings[node.name] = (module_name, node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in _names_used([target]):
                    bindings[name] = (module_name, name)
    return bindings


def _import_lines(names: set[str], bindings: dict[str, tuple[str, str | None]]) -> list[str]:
    """Import statements for ``names``, grouped standard library / third party / package."""
    groups: dict[int, dict[str, set[str]]] = {0: {}, 1: {}, 2: {}}
    for name in sorted(names):
        if name not in bindings:
            continue  # a local variable
        source, attribute = bindings[name]
        top = source.partition(".")[0]
        rank = 2 if top == PACKAGE else 0 if top in sys.stdlib_module_names else 1
        if attribute is None:
            line = f"import {source}" + ("" if source == name else f" as {name}")
            groups[rank].setdefault(line, set())
        else:
            spelled = attribute if attribute == name else f"{attribute} as {name}"
            groups[rank].setdefault(f"from {source} import", set()).add(spelled)
    blocks = []
    for rank in sorted(groups):
        lines = []
        # ``import x`` lines first, then ``from x import ...``, each sorted (the isort habit)
        for key in sorted(groups[rank], key=lambda k: (k.startswith("from"), k)):
            lines.append(f"{key} {', '.join(sorted(groups[rank][key]))}" if groups[rank][key] else key)
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks).splitlines()


def _header(exercise: Exercise, check_hint: str) -> str:
    what = " and ".join(exercise.targets)
    task = (
        f"Write {what}: replace each\n``raise NotImplementedError(...)`` with your code."
        if exercise.bug is None
        else f"{what} below has a mistake in it: find it\n(a gradient check will locate it) "
        f"and fix it."
    )
    inherit = ""
    if exercise.class_name:
        inherit = (
            f"\n{exercise.class_name} below inherits everything else from "
            f"{PACKAGE}.{exercise.class_name},\nso only what you write here is yours.\n"
        )
    return (
        f'"""Exercise {exercise.name}: {exercise.title}.\n\n'
        f"Book chapter: {exercise.chapter}. {task} The docstring examples are the\n"
        f"specification; the imports are the ones the given code needs, and the public\n"
        f"names the package's own solution uses.\n{inherit}\n"
        f"Check your work with::\n\n    {check_hint}\n"
        f'"""\n\nfrom __future__ import annotations\n'
    )


def _without_docstring(block: list[str]) -> list[str]:
    """A dedented definition's lines with its docstring left out."""
    definition = ast.parse("\n".join(block)).body[0]
    first = definition.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return block[: first.lineno - 1] + block[first.end_lineno :]
    return block


def _render(exercise: Exercise | str, solution: bool, docstrings: bool = True) -> str:
    exercise = _as_exercise(exercise)
    text, tree = _module_source(exercise.module)
    lines = text.splitlines()
    bodies: list[list[str]] = []
    used: list[ast.AST] = []
    solution_only: set[str] = set()
    for target in exercise.targets:
        node = _find_definition(tree, target)
        used.extend(_example_trees(reference_docstring(exercise, target)))
        block = textwrap.dedent("\n".join(_definition_lines(lines, node))).splitlines()
        if not docstrings:
            block = _without_docstring(block)
        body = _fill_region(exercise, target, block, solution)
        bodies.append(body)
        used.append(ast.parse("\n".join(body)))
        if not solution:
            # What the package's own solution uses, public names only: a stub imports
            # numpy and Tensor for the learner, but no private helper that does the work.
            reference = _names_used([ast.parse("\n".join(_fill_region(exercise, target, block, True)))])
            solution_only |= {name for name in reference if not name.startswith("_")}

    needed = (_names_used(used) | solution_only) - set(exercise.defined_names) - set(dir(builtins))
    bindings = _module_bindings(exercise.module, tree)
    owner = exercise.class_name
    if owner:  # the class in the workspace subclasses the package's class
        needed.add(PACKAGE)
        bindings[PACKAGE] = (PACKAGE, None)
    imports = _import_lines(needed, bindings)
    if docstrings:
        parts = [_header(exercise, f"python -m {PACKAGE}.exercises check DIR {exercise.name}")]
    else:  # a listing for the book: the instructions were shown with the stub
        parts = ["from __future__ import annotations\n"]
    if imports:
        parts.append("\n".join(imports) + "\n")
    if owner:
        methods = "\n\n".join(textwrap.indent("\n".join(body), "    ") for body in bodies)
        written = " and ".join(t.rpartition(".")[2] for t in exercise.targets)
        doc = f'    """{PACKAGE}.{owner}, with {written} written by you."""'
        parts.append(f"\nclass {owner}({PACKAGE}.{owner}):\n{doc}\n\n{methods}\n")
    else:
        parts.append("\n" + "\n\n\n".join("\n".join(body) for body in bodies) + "\n")
    return "\n".join(parts)


def stub_source(exercise: Exercise | str) -> str:
    """The learner's workspace file: signatures and doctests kept, solutions replaced.

    For a question (:mod:`.questions`), the question in short and one ``...`` per answer.

    Examples:
        >>> stub = stub_source("dense_cost")
        >>> "def dense_forward_flops(" in stub, ">>> dense_forward_flops(1, 784, 512)" in stub
        (True, True)
        >>> "2 * batch_size" in stub, stub.count('raise NotImplementedError("')
        (False, 2)
    """
    question = _question(exercise)
    if question is not None:
        from .questions import question_source

        return question_source(question)
    return _render(exercise, solution=False)


def _question(exercise: Exercise | str):
    """The question called ``exercise``, or None for a coding exercise."""
    if isinstance(exercise, Exercise):
        return None
    from .catalogue import find_exercise  # the questions need the package; coding stubs do not

    found = find_exercise(exercise) if isinstance(exercise, str) else exercise
    return found if found.kind == "question" else None


def solution_source(exercise: Exercise | str) -> str:
    """The same file with the package's own code in place of each stub.

    Examples:
        >>> source = solution_source("dense_cost")
        >>> "return 2 * batch_size * input_size * output_size" in source
        True
        >>> 'raise NotImplementedError("' in source, "SOLUTION" in source
        (False, False)
    """
    return _render(exercise, solution=True)


class Listing:
    """Python source that Jupyter and the book show as a highlighted code block.

    The object's Markdown form is a fenced ``python`` block, which myst-nb renders with
    the book's syntax highlighting; its plain form is the source itself.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return f"````python\n{self.text.rstrip()}\n````\n"


def show_stub(exercise: Exercise | str) -> Listing:
    """The workspace file of ``exercise``, for display in a notebook.

    For a question, the file's answers without its docstring: the chapter states the
    question just above.

    Examples:
        >>> print(show_stub("sigmoid_tails").text)
        # The whole number x nearest zero where Sigmoid gives exactly 0.0 in float32.
        first_zero_float32 = ...
        <BLANKLINE>
        # The whole number x nearest zero where Sigmoid gives exactly 0.0 in float64.
        first_zero_float64 = ...
        <BLANKLINE>
    """
    question = _question(exercise)
    if question is not None:
        from .questions import question_source

        return Listing(question_source(question, docstring=False))
    return Listing(stub_source(exercise))


def show_solution(exercise: Exercise | str) -> Listing:
    """The package's solution of ``exercise`` with its imports, docstrings left out.

    Examples:
        >>> print(show_solution("dense_cost").text)  # doctest: +NORMALIZE_WHITESPACE
        from __future__ import annotations
        <BLANKLINE>
        <BLANKLINE>
        def dense_parameter_count(input_size: int, output_size: int, use_bias: bool = True) -> int:
            return input_size * output_size + (output_size if use_bias else 0)
        <BLANKLINE>
        <BLANKLINE>
        def dense_forward_flops(batch_size: int, input_size: int, output_size: int) -> int:
            return 2 * batch_size * input_size * output_size
    """
    return Listing(_render(exercise, solution=True, docstrings=False))


def _target_lines(exercise: Exercise, target: str) -> list[str]:
    text, tree = _module_source(exercise.module)
    node = _find_definition(tree, target)
    return textwrap.dedent("\n".join(_definition_lines(text.splitlines(), node))).splitlines()


def show_definition_stub(exercise: Exercise | str, target: str | None = None) -> Listing:
    """One target's signature and docstring with its solution replaced by the stub line.

    For a chapter's text before the exercise: it shows what the function promises (its
    examples included) without the code the learner is asked to write. ``target``
    defaults to the exercise's only target.

    Examples:
        >>> listing = show_definition_stub("softmax").text
        >>> listing.splitlines()[0]
        'def forward(self, x: Any) -> Tensor:'
        >>> "NotImplementedError" in listing, "exps" in listing
        (True, False)
    """
    exercise = _as_exercise(exercise)
    if target is None:
        if len(exercise.targets) != 1:
            raise ValueError(f"exercise {exercise.name} has several targets; name one of {exercise.targets}")
        target = exercise.targets[0]
    elif target not in exercise.targets:
        raise ValueError(f"{target!r} is not a target of exercise {exercise.name}: {exercise.targets}")
    lines = _fill_region(exercise, target, _target_lines(exercise, target), solution=False)
    return Listing("\n".join(lines) + "\n")


def solution_lines(exercise: Exercise | str) -> dict[str, list[str]]:
    """The solution of each target: the lines between its markers, stripped, blank ones left out.

    These are the lines a page must not show outside the exercise's solution block.

    Examples:
        >>> solution_lines("dense_cost")["dense_forward_flops"]
        ['return 2 * batch_size * input_size * output_size']
    """
    exercise = _as_exercise(exercise)
    solutions = {}
    for target in exercise.targets:
        lines = _target_lines(exercise, target)
        _fill_region(exercise, target, lines, solution=True)  # raises unless one marker pair
        begin = next(i for i, line in enumerate(lines) if line.strip().startswith(BEGIN_MARKER))
        end = next(i for i, line in enumerate(lines) if line.strip().startswith(END_MARKER))
        region = [line.strip() for line in lines[begin + 1 : end] if line.strip()]
        if exercise.bug is not None:  # the learner is given the rest: only the fix is secret
            given = {line.strip() for line in _planted(exercise, lines[begin + 1 : end])}
            region = [line for line in region if line not in given]
        solutions[target] = region
    return solutions
