"""The reader's environment: where it is, and a Jupyter kernel that runs in it.

``scripts/setup.sh`` creates ``.venv-reader`` with only what the preface asks a reader to
install (the package with numpy, matplotlib, ipykernel) and registers the kernel
``tinytorch-reader`` inside it. The notebook tests start that kernel, never the book's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parent.parent
READER_VENV = ROOT / ".venv-reader"
READER_KERNEL = "tinytorch-reader"
READER_KERNELS = READER_VENV / "share" / "jupyter" / "kernels"

# The last cell the tests append to a notebook: what the kernel ran in and which files it loaded.
PROBE_CELL = """\
import json, sys, sysconfig
print(json.dumps({
    "prefix": sys.prefix,
    "stdlib": [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"]],
    "files": sorted({m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)}),
}))"""


def reader_kernel_manager() -> KernelManager:
    """A kernel manager for the reader's kernel (fails the test when setup has not made it)."""
    if not (READER_KERNELS / READER_KERNEL / "kernel.json").is_file():
        pytest.fail(
            f"the reader's environment has no kernel {READER_KERNEL!r}: run `bash scripts/setup.sh`",
            pytrace=False,
        )
    specs = KernelSpecManager(kernel_dirs=[str(READER_KERNELS)])
    return KernelManager(kernel_name=READER_KERNEL, kernel_spec_manager=specs)


def files_outside_the_reader_environment(probe: dict) -> list[str]:
    """Module files the kernel loaded from anywhere but the reader's venv, the standard library
    of its base Python, and the package's own checkout (it is installed editable)."""
    allowed = (
        Path(probe["prefix"]).resolve(),
        *(Path(stdlib).resolve() for stdlib in probe["stdlib"]),
        (ROOT / "tinytorch_layers").resolve(),
    )
    outside = []
    for name in probe["files"]:
        path = Path(name).resolve()
        if not any(path.is_relative_to(root) for root in allowed):
            outside.append(name)
    return outside
