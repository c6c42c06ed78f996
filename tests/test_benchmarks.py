"""The Dense benchmark runs and reports what it measured, consistently.

These tests check the harness, never the speed: no assertion depends on how fast
anything ran.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks import dense as bench

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    """Run the documented command in quick mode once; return its JSON and its stdout."""
    path = tmp_path_factory.mktemp("bench") / "quick.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.dense", "--quick", "--json", str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(path.read_text(encoding="utf-8")), result.stdout


def test_json_has_setup_and_one_case_per_shape_and_dtype(quick_run):
    data, _ = quick_run
    assert data["schema"] == bench.SCHEMA
    assert data["mode"] == "quick"
    cases = {(tuple(case["shape"]), case["dtype"]) for case in data["cases"]}
    assert cases == {(shape, dtype) for shape in bench.QUICK_SHAPES for dtype in bench.DTYPES}
    assert data["threads"]["numpy_blas"], "threadpoolctl found no BLAS for numpy"
    assert data["threads"]["numpy_blas"][0]["num_threads"] >= 1
    assert data["environment"]["numpy"] == np.__version__


def test_every_candidate_has_one_sample_per_round(quick_run):
    data, _ = quick_run
    expected = {"dense", "dense_array", "numpy", "numpy_lw"} | ({"torch"} if bench.torch is not None else set())
    for case in data["cases"]:
        assert set(case["samples_us"]) == expected
        for samples in case["samples_us"].values():
            assert len(samples) == data["settings"]["rounds"]
            assert all(value > 0 for value in samples)


def test_medians_and_ratios_are_computed_from_the_same_run(quick_run):
    data, _ = quick_run
    for case in data["cases"]:
        medians = {name: float(np.median(s)) for name, s in case["samples_us"].items()}
        assert case["median_us"] == pytest.approx(medians, rel=1e-12)
        ratios = case["ratios"]
        assert ratios["dense_over_numpy"] == pytest.approx(medians["dense"] / medians["numpy"])
        assert ratios["dense_minus_numpy_us"] == pytest.approx(medians["dense"] - medians["numpy"])
        assert ratios["dense_array_minus_numpy_us"] == pytest.approx(
            medians["dense_array"] - medians["numpy"])
        assert ratios["dense_array_over_numpy"] == pytest.approx(medians["dense_array"] / medians["numpy"])
        assert ratios["numpy_lw_over_dense"] == pytest.approx(medians["numpy_lw"] / medians["dense"])
        if "torch" in medians:
            assert ratios["dense_over_torch"] == pytest.approx(medians["dense"] / medians["torch"])
        minima = {name: float(np.min(s)) for name, s in case["samples_us"].items()}
        assert case["min_us"] == pytest.approx(minima, rel=1e-12)
        assert case["ratios_at_min"] == pytest.approx(bench.ratios_from(minima))
        flops = math.prod(case["shape"]) * 2
        assert case["flops"] == flops
        assert case["gflops_at_median"]["dense"] == pytest.approx(flops / (medians["dense"] * 1e3))


def test_candidates_compute_the_same_result(quick_run):
    data, _ = quick_run
    for case in data["cases"]:
        tolerance = 1e-5 if case["dtype"] == "float32" else 1e-12
        for name, difference in case["max_abs_diff_from_dense"].items():
            assert difference <= tolerance, (case["label"], case["dtype"], name, difference)


def test_targets_report_the_measured_ratio_or_not_run(quick_run):
    data, stdout = quick_run
    by_key = {(case["label"], case["dtype"]): case for case in data["cases"]}
    assert len(data["targets"]) == len(bench.TARGETS)
    for target in data["targets"]:
        label, dtype = target["case"].split()
        case = by_key.get((label, dtype))
        if case is None or target["ratio"] not in case["ratios"]:
            assert target["status"] == "not run" and target["measured"] is None
        else:
            assert target["measured"] == case["ratios"][target["ratio"]]
            assert target["status"] == ("met" if target["measured"] <= target["limit"] else "missed")
    assert "dense/numpy" in stdout and "targets" in stdout


def test_ratios_from_medians_by_hand():
    ratios = bench.ratios_from(
        {"dense": 3.0, "dense_array": 2.5, "numpy": 2.0, "numpy_lw": 4.5, "torch": 6.0})
    assert ratios == {
        "dense_over_numpy": 1.5,
        "dense_minus_numpy_us": 1.0,
        "dense_array_over_numpy": 1.25,
        "dense_array_minus_numpy_us": 0.5,
        "numpy_lw_over_dense": 1.5,
        "dense_over_torch": 0.5,
    }


@pytest.mark.parametrize("argv", [["--rounds", "0"], ["--threads", "0"], ["--round-ms", "0"]])
def test_bad_arguments_are_refused(argv):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)
