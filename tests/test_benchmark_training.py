"""The training benchmark runs and reports what it measured, consistently.

Like tests/test_benchmarks.py, these check the harness, never the speed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks import training as bench
from book_build import BOOK_SOURCE
from chapter_runs import chapter_run, shared_folder

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    path = tmp_path_factory.mktemp("bench") / "training.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.training", "--quick", "--json", str(path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(path.read_text(encoding="utf-8")), result.stdout


def test_steps_have_one_sample_per_round_and_medians_from_them(quick_run):
    data, _ = quick_run
    assert data["schema"] == bench.SCHEMA and data["mode"] == "quick"
    assert [case["shape"] for case in data["steps"]] == [list(s) for s in bench.QUICK_STEPS]
    expected = {"tinytorch", "tinytorch_dx"} | ({"torch"} if bench.torch is not None else set())
    for case in data["steps"] + [data["backward"]]:
        for name, samples in case["samples_us"].items():
            assert len(samples) == data["settings"]["rounds"] and all(v > 0 for v in samples)
            assert case["median_us"][name] == pytest.approx(float(np.median(samples)), rel=1e-12)
    for case in data["steps"]:
        assert set(case["samples_us"]) == expected
        if "torch" in expected:
            m = case["median_us"]
            assert case["tinytorch_over_torch"] == pytest.approx(m["tinytorch"] / m["torch"])
    b = data["backward"]
    assert b["backward_over_forward"] == pytest.approx(b["median_us"]["backward"] / b["median_us"]["forward"])


def test_the_first_step_agrees_with_torch(quick_run):
    data, _ = quick_run
    for case in data["steps"]:
        differences = case["first_step_abs_diff"]
        if bench.torch is None:
            assert differences == {}
        else:
            assert differences["loss"] < 1e-5
            assert differences["weight_grad"] < 1e-5 and differences["bias_grad"] < 1e-5


def test_recipe_and_targets_are_reported(quick_run):
    data, stdout = quick_run
    recipe = data["recipe"]
    assert recipe["recipe"] == bench.QUICK_RECIPE
    assert len(recipe["accuracies"]) == len(recipe["seconds"]) == data["settings"]["recipe_runs"]
    assert recipe["median_accuracy"] == pytest.approx(float(np.median(recipe["accuracies"])))
    assert all(0.9 < a <= 1.0 for a in recipe["accuracies"])  # a run that trains at all
    for target in data["targets"]:
        if target["measured"] is None:
            assert target["status"] == "not run"
        else:
            ok = target["measured"] >= target["limit"] if target["bound"] == ">=" else target["measured"] <= target["limit"]
            assert target["status"] == ("met" if ok else "missed")
    assert "targets" in stdout and "recipe" in stdout


def test_evaluate_targets_by_hand():
    result = {
        "steps": [{"label": "a", "tinytorch_over_torch": 0.9}, {"label": "b"}],
        "backward": {"label": "c", "backward_over_forward": 2.5},
        "recipe": {"median_seconds": 0.4, "median_accuracy": 0.965},
    }
    statuses = [row["status"] for row in bench.evaluate_targets(result)]
    assert statuses == ["met", "not run", "missed", "met", "missed"]


@pytest.mark.parametrize("argv", [["--rounds", "0"], ["--recipe-runs", "0"], ["--threads", "0"]])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)


def test_the_recipe_is_the_one_the_training_chapter_chooses(request: pytest.FixtureRequest):
    """RECIPE (and the README) say that the benchmark trains the recipe the chapter "Training
    on handwritten digits" chooses on its validation split: the width, learning rate and
    number of epochs that this test run's execution of the chapter glued."""
    record = chapter_run(BOOK_SOURCE / "training.md", shared_folder(request.config))
    assert "error" not in record, record.get("error")
    glued = record["glued"]
    chosen = {"hidden": int(glued["recipe-width"]), "lr": float(glued["recipe-lr"]),
              "epochs": int(glued["recipe-epochs"])}
    assert chosen == {key: bench.RECIPE[key] for key in chosen}, "change RECIPE to the chapter's choice"
