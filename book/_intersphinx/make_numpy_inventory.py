"""Write ``numpy.inv``: a local Sphinx inventory for NumPy's public names.

Debian ships no NumPy HTML documentation (so no ``objects.inv`` to copy) and the
book must build without network access. This script builds an inventory from the
installed NumPy, with the URIs NumPy's own documentation uses, so
``:class:`numpy.ndarray``` and friends resolve and link to numpy.org.

Run from the repository root after upgrading NumPy:
``python book/_intersphinx/make_numpy_inventory.py``.
"""

from __future__ import annotations

import inspect
import zlib
from pathlib import Path

import numpy as np

OUT = Path(__file__).with_name("numpy.inv")
GENERATED = "reference/generated/{name}.html#{name}"
RANDOM_GENERATED = "reference/random/generated/{name}.html#{name}"


def _public(obj) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def _role(obj) -> str:
    if inspect.isclass(obj):
        return "py:class"
    if callable(obj):  # functions, builtins and ufuncs are all written :func:
        return "py:function"
    return "py:data"


def numpy_entries() -> list[tuple[str, str, str]]:
    """(name, domain:role, uri) for the names a NumPy-using book refers to."""
    entries: list[tuple[str, str, str]] = []
    for name in _public(np):
        obj = getattr(np, name)
        if inspect.ismodule(obj):
            continue
        full = f"numpy.{name}"
        if isinstance(obj, type) and issubclass(obj, np.generic):
            # Scalar types (float32, int64, ...) live on one page.
            entries.append((full, "py:class", f"reference/arrays.scalars.html#{full}"))
            continue
        entries.append((full, _role(obj), GENERATED.format(name=full)))
    for cls in (np.ndarray, np.dtype):
        for member in _public(cls):
            full = f"numpy.{cls.__name__}.{member}"
            role = "py:method" if callable(getattr(cls, member)) else "py:attribute"
            entries.append((full, role, GENERATED.format(name=full)))
    for sub in ("linalg", "fft"):
        module = getattr(np, sub)
        for name in _public(module):
            if not inspect.ismodule(getattr(module, name)):
                full = f"numpy.{sub}.{name}"
                entries.append((full, _role(getattr(module, name)), GENERATED.format(name=full)))
    generator_page = "reference/random/generator.html#{name}"
    entries.append(("numpy.random.default_rng", "py:function",
                    generator_page.format(name="numpy.random.default_rng")))
    entries.append(("numpy.random.Generator", "py:class",
                    generator_page.format(name="numpy.random.Generator")))
    # Type hints name Generator by its defining module; point that name at the same page.
    entries.append(("numpy.random._generator.Generator", "py:class",
                    generator_page.format(name="numpy.random.Generator")))
    for member in _public(np.random.Generator):
        full = f"numpy.random.Generator.{member}"
        entries.append((full, "py:method", RANDOM_GENERATED.format(name=full)))
    for name in ("ArrayLike", "DTypeLike", "NDArray"):
        full = f"numpy.typing.{name}"
        entries.append((full, "py:data", f"reference/typing.html#{full}"))
    return entries


def write_inventory(entries: list[tuple[str, str, str]], path: Path) -> None:
    header = (
        "# Sphinx inventory version 2\n"
        "# Project: NumPy\n"
        f"# Version: {np.__version__}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    # "-" as display name means "same as the name"; "$" in a URI stands for the name.
    body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in sorted(set(entries)))
    path.write_bytes(header.encode() + zlib.compress(body.encode()))


if __name__ == "__main__":
    found = numpy_entries()
    write_inventory(found, OUT)
    print(f"wrote {len(set(found))} entries to {OUT.name}")
