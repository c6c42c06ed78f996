"""The package's namespace: every exported name, imported from its module on first use.

Each check runs in a fresh interpreter, where nothing has been imported yet: the loader
(``tinytorch_layers/__init__.py``) resolves a name only the first time it is asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def _fresh(code: str) -> object:
    """Run ``code`` in a new interpreter and return the JSON it prints last."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, check=True, timeout=120)
    return json.loads(done.stdout.splitlines()[-1])


def test_importing_the_package_imports_no_module_of_it_and_not_numpy():
    loaded = _fresh("""
        import json, sys
        import tinytorch_layers
        print(json.dumps(sorted(m for m in sys.modules if m.startswith(("numpy", "tinytorch_layers.")))))
    """)
    assert loaded == []


def test_every_exported_name_is_its_modules_object_and_listed():
    found = _fresh("""
        import importlib, json
        import tinytorch_layers
        homes = tinytorch_layers._HOMES
        same = {name: getattr(tinytorch_layers, name) is getattr(
                    importlib.import_module(f"tinytorch_layers.{home}"), name)
                for name, home in homes.items()}
        print(json.dumps({"same": same, "all": tinytorch_layers.__all__,
                          "in_dir": all(n in dir(tinytorch_layers) for n in homes),
                          "dir_sorted": dir(tinytorch_layers) == sorted(dir(tinytorch_layers)),
                          "cached": "Dense" in vars(tinytorch_layers)}))
    """)
    assert found["same"] and all(found["same"].values()), found["same"]
    assert found["all"] == sorted(found["same"])
    assert found["in_dir"] and found["dir_sorted"] and found["cached"]


def test_an_unknown_name_is_an_attribute_error_naming_it():
    message = _fresh("""
        import json
        import tinytorch_layers
        try:
            tinytorch_layers.Dence
        except AttributeError as error:
            print(json.dumps(str(error)))
    """)
    assert message == "module 'tinytorch_layers' has no attribute 'Dence'"


def test_matmul_stays_the_function_after_its_module_is_imported():
    kinds = _fresh("""
        import json
        import tinytorch_layers
        import tinytorch_layers.matmul
        from tinytorch_layers import matmul
        print(json.dumps([callable(tinytorch_layers.matmul), callable(matmul)]))
    """)
    assert kinds == [True, True]
