"""The chapter runner's side in the reader's kernel (``tests/chapter_runs.py`` sends this text).

It is not imported from the tests: the reader's environment has nothing of them, and the
notebook checks ask the kernel which module files it loaded. ``chapter_runs`` executes this
text once in a fresh module, registered as ``_chapter_runs`` in ``sys.modules`` (a module
without a file), so the chapter's namespace stays the reader's.

Only the standard library and IPython (which every Jupyter kernel has) are used here.
"""

import io
import linecache
import sys
import traceback
import types

from IPython import get_ipython
from IPython.core.formatters import format_display_data
from IPython.display import display as _display
from IPython.display import publish_display_data

# The display type of what a helper reports to the runner.
RESULT = "application/vnd.tinytorch.chapter-run+json"
# myst_nb.glue's prefix for a value glued with display=False.
GLUE_PREFIX = "application/papermill.record/"


def glue(name, variable, display=True):
    """What ``from myst_nb import glue`` gives the build's kernel, for a kernel without myst-nb:
    the same display data (the value's formats, tagged for myst-nb by name), so the build
    reads the glued values from this run as it reads them from its own."""
    mimebundle, metadata = format_display_data(variable)
    mime_prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = dict(name=name, mime_prefix=mime_prefix)
    _display({mime_prefix + k: v for k, v in mimebundle.items()}, raw=True, metadata=metadata)


def _report(value):
    publish_display_data({RESULT: value})


def _future_flags(namespace):
    """The compiler flags of the ``__future__`` features imported into the namespace (as doctest)."""
    import __future__

    flags = 0
    for name in __future__.all_feature_names:
        feature = namespace.get(name)
        if feature is getattr(__future__, name):
            flags |= feature.compiler_flag
    return flags


def run_example(source, name):
    """Run one ``>>>`` example the way doctest does, in the chapter's namespace: compiled in
    ``single`` mode, so an expression's value is printed with ``repr``; report what it printed
    and, if it raised, the exception (the runner compares them with the expected output)."""
    namespace = get_ipython().user_ns
    # Tracebacks then show the example's own lines.
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    printed = io.StringIO()
    saved = sys.stdout, sys.displayhook
    sys.stdout, sys.displayhook = printed, sys.__displayhook__
    raised = None
    try:
        exec(compile(source, name, "single", _future_flags(namespace), True), namespace)
    except KeyboardInterrupt:
        raise
    except BaseException:
        raised = sys.exc_info()
    finally:
        sys.stdout, sys.displayhook = saved
    result = {"got": printed.getvalue()}
    if raised is not None:
        result["exc_msg"] = traceback.format_exception_only(*raised[:2])[-1]
        result["traceback"] = "".join(traceback.format_exception(*raised))
    _report(result)


def evaluate(expression):
    """Report the value of an expression in the chapter's namespace (``repr``), or its error."""
    try:
        value = eval(expression, get_ipython().user_ns)
    except Exception as error:
        _report({"error": f"{type(error).__name__}: {error}"})
    else:
        _report({"value": repr(value), "true": bool(value) if isinstance(value, (bool, int)) else None})


def skip_when(arguments):
    """Decide Sybil's ``% skip: start if(condition, reason=...)`` in the chapter's namespace."""

    def decide(condition, reason=None):
        return bool(condition), reason

    try:
        skip, reason = eval(f"decide({arguments})", get_ipython().user_ns, {"decide": decide})
    except Exception as error:
        _report({"error": f"{type(error).__name__}: {error}"})
    else:
        _report({"skip": skip, "reason": reason})


def kinds(names):
    """Report, for names of the chapter's namespace, whether each holds data (state a later
    cell can change) or a module, class or function."""
    namespace = get_ipython().user_ns
    code = (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType)
    _report({name: ("missing" if name not in namespace
                    else "code" if isinstance(namespace[name], code) else "data") for name in names})


def error_line():
    """Report the line, within its cell, at which the last cell's error was raised: the
    outermost frame below IPython's own (whatever ``%xmode`` shows)."""
    import IPython

    frames = traceback.extract_tb(getattr(sys, "last_traceback", None))
    inside_ipython = IPython.__file__.rsplit("/", 1)[0]
    lines = [frame.lineno for frame in frames if not frame.filename.startswith(inside_ipython)]
    _report({"line": lines[0] if lines else None})


def probe():
    """Report what the kernel runs in and every module file it has loaded."""
    import sysconfig

    paths = sysconfig.get_paths()
    _report({
        "prefix": sys.prefix,
        "stdlib": [paths["stdlib"], paths["platstdlib"]],
        "files": sorted({m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)}),
    })
