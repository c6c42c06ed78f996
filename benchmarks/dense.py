"""Time ``Dense.forward`` against the bare numpy expression and ``torch.nn.Linear``.

Run from the repository root::

    python -m benchmarks.dense                 # three shapes, float32 and float64
    python -m benchmarks.dense --quick         # smallest shapes, few rounds (used by the tests)
    python -m benchmarks.dense --threads 1 --json my-run.json

Candidates, all computing ``x @ W + b`` on the same numbers:

- ``dense``: ``layer(x)`` with a :class:`~tinytorch_layers.Tensor` input, the whole call path.
- ``dense_array``: ``layer(x)`` with ``x`` an ndarray of the layer's dtype, as the chapters
  call a layer: the input conversion's fast path for arrays.
- ``numpy``: the bare expression ``x @ W + b``, with ``W`` a C-ordered (row-major)
  ``(input_size, output_size)`` array holding the layer's weights: the layout any freshly
  made numpy array has, so this is the expression as one would write it.
- ``numpy_lw``: the same expression on the very arrays the layer holds; the layer stores
  ``W`` column-major (see ``tinytorch_layers.dense._x_times_w``), so this shows what that
  layout does to the plain ``x @ W``.
- ``torch``: ``torch.nn.Linear`` holding the same weights, under ``torch.inference_mode()``;
  only when PyTorch is installed.

How it times: every case first calls each candidate a few times (warm-up), then picks one
number of calls per round so that a round of the slowest candidate lasts about
``--round-ms``. Then it runs ``--rounds`` rounds; each round times every numpy candidate
once, in an order that rotates from round to round, so a burst of load from other processes
falls on all of them alike. torch runs in blocks of rounds that alternate with numpy's, with
a pause at each switch (see ``time_interleaved``: two thread pools on two cores must not
spin against each other). A candidate's time is the median over rounds of the time per
call, and every ratio is computed from the medians of the same run. No result is compared
with a stored number: the targets are reported, never enforced.

At the tiny size the arithmetic is a dozen multiply-adds, so ``dense - numpy`` there is the
cost of the layer's Python work per call (its checks, the conversion of the input, the
Tensor it returns), in microseconds: the overhead a small network pays in every layer.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import os
import platform
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tinytorch_layers import Dense, Tensor, dense_forward_flops
from tinytorch_layers.timing import time_rounds

try:  # PyTorch is optional: without it the torch column is left out.
    import torch
except ImportError:  # pragma: no cover - depends on the environment
    torch = None

try:
    import threadpoolctl
except ImportError:  # pragma: no cover - threadpoolctl is in the bench and book extras
    threadpoolctl = None

SCHEMA = "tinytorch_layers.benchmarks.dense/2"
FULL_SHAPES = ((1, 4, 3), (32, 784, 512), (256, 1024, 1024))
QUICK_SHAPES = ((1, 4, 3), (4, 16, 8))
DTYPES = ("float32", "float64")
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "dense.json"

# The goals this package set itself; a case that was not run is reported as "not run".
TARGETS = (
    # (shape, dtype, ratio name, upper limit)
    ((32, 784, 512), "float32", "dense_over_numpy", 1.05),
    ((32, 784, 512), "float64", "dense_over_numpy", 1.05),
    ((256, 1024, 1024), "float32", "dense_over_numpy", 1.05),
    ((256, 1024, 1024), "float64", "dense_over_numpy", 1.05),
    ((1, 4, 3), "float32", "dense_minus_numpy_us", 1.0),
    ((1, 4, 3), "float64", "dense_minus_numpy_us", 1.0),
    ((1, 4, 3), "float32", "dense_array_minus_numpy_us", 1.0),
    ((1, 4, 3), "float64", "dense_array_minus_numpy_us", 1.0),
    ((32, 784, 512), "float32", "dense_over_torch", 1.1),
    ((1, 4, 3), "float32", "dense_over_torch", 0.5),
)


def shape_label(shape: Sequence[int]) -> str:
    """``(32, 784, 512)`` -> ``"32x784x512"`` (batch x input_size x output_size)."""
    return "x".join(str(n) for n in shape)


def make_candidates(
    batch: int, input_size: int, output_size: int, dtype: str, seed: int
) -> tuple[dict[str, Callable[[], Any]], dict[str, float]]:
    """Build the callables to time and check that they agree.

    Returns:
        The candidates by name, and the largest absolute difference of each one's output
        from the Dense layer's output.
    """
    rng = np.random.default_rng(seed)
    layer = Dense(input_size, output_size, rng=rng, dtype=dtype)
    # A non-zero bias, so that forgetting to add it would show in the agreement check.
    layer.bias.data[...] = rng.standard_normal(output_size).astype(dtype)
    x = rng.standard_normal((batch, input_size)).astype(dtype)
    x_tensor = Tensor(x)
    w, b = layer.weights.data, layer.bias.data
    w_c = np.ascontiguousarray(w)

    candidates: dict[str, Callable[[], Any]] = {
        "dense": lambda: layer(x_tensor),
        "dense_array": lambda: layer(x),
        "numpy": lambda: x @ w_c + b,
        "numpy_lw": lambda: x @ w + b,
    }
    if torch is not None:
        linear = torch.nn.Linear(input_size, output_size, dtype=getattr(torch, dtype))
        with torch.no_grad():  # torch stores the transpose: weight is (out, in)
            linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(w.T)))
            linear.bias.copy_(torch.from_numpy(b))
        x_torch = torch.from_numpy(x)
        candidates["torch"] = lambda: linear(x_torch)

    reference = np.asarray(layer(x_tensor).data)
    outputs = {
        "dense_array": candidates["dense_array"]().data,
        "numpy": candidates["numpy"](),
        "numpy_lw": candidates["numpy_lw"](),
    }
    if torch is not None:
        with torch.inference_mode():
            outputs["torch"] = candidates["torch"]().numpy()
    differences = {name: float(np.max(np.abs(out - reference))) for name, out in outputs.items()}
    return candidates, differences


def time_interleaved(
    candidates: dict[str, Callable[[], Any]],
    rounds: int,
    round_seconds: float,
    warmup: int,
    settle_seconds: float = 0.15,
    block: int = 10,
) -> tuple[int, dict[str, list[float]]]:
    """Time each candidate in ``rounds`` interleaved rounds (:func:`tinytorch_layers.timing.time_rounds`).

    numpy's candidates (one OpenBLAS thread pool) are interleaved round by round. torch
    has a thread pool of its own (OpenMP), and idle pool threads keep spinning for a
    while after a call (OpenBLAS's for about 0.1 s), taking a core the other pool needs.
    So torch runs in blocks of ``block`` rounds that alternate with numpy's blocks, with
    a pause of ``settle_seconds`` at each switch for the other pool to go to sleep.

    Returns:
        The number of calls per round and, per candidate, the seconds per call of each round.
    """
    groups = [[n for n in candidates if n != "torch"], [n for n in candidates if n == "torch"]]
    return time_rounds(candidates, rounds, min_seconds=round_seconds, warmup=warmup,
                       groups=[group for group in groups if group], block=block,
                       settle_seconds=settle_seconds)


def summarise(samples_us: dict[str, list[float]]) -> tuple[dict[str, float], dict[str, float]]:
    """Medians and minima in microseconds, per candidate."""
    medians = {name: float(np.median(values)) for name, values in samples_us.items()}
    minima = {name: float(np.min(values)) for name, values in samples_us.items()}
    return medians, minima


def ratios_from(medians: dict[str, float]) -> dict[str, float]:
    """The ratios the targets talk about, from one run's medians (microseconds)."""
    ratios = {
        "dense_over_numpy": medians["dense"] / medians["numpy"],
        "dense_minus_numpy_us": medians["dense"] - medians["numpy"],
        "dense_array_over_numpy": medians["dense_array"] / medians["numpy"],
        "dense_array_minus_numpy_us": medians["dense_array"] - medians["numpy"],
        "numpy_lw_over_dense": medians["numpy_lw"] / medians["dense"],
    }
    if "torch" in medians:
        ratios["dense_over_torch"] = medians["dense"] / medians["torch"]
    return ratios


def run_case(
    shape: tuple[int, int, int],
    dtype: str,
    rounds: int,
    round_seconds: float,
    warmup: int,
    seed: int,
    settle_seconds: float,
) -> dict[str, Any]:
    """Benchmark one (batch, input_size, output_size, dtype) case."""
    candidates, differences = make_candidates(*shape, dtype, seed)
    calls, samples = time_interleaved(candidates, rounds, round_seconds, warmup, settle_seconds)
    samples_us = {name: [t * 1e6 for t in values] for name, values in samples.items()}
    medians, minima = summarise(samples_us)
    flops = dense_forward_flops(*shape)
    return {
        "shape": list(shape),
        "label": shape_label(shape),
        "dtype": dtype,
        "flops": flops,
        "calls_per_round": calls,
        "samples_us": samples_us,
        "median_us": medians,
        "min_us": minima,
        "gflops_at_median": {name: flops / (t * 1e3) for name, t in medians.items()},
        "ratios": ratios_from(medians),
        # The same ratios from each candidate's fastest round: less sensitive to other
        # processes, reported for a loaded machine; the targets use the medians.
        "ratios_at_min": ratios_from(minima),
        "max_abs_diff_from_dense": differences,
    }


def thread_report() -> dict[str, Any]:
    """Which BLAS numpy uses, its kernel and threads, and torch's threads and backend."""
    report: dict[str, Any] = {"numpy_blas": [], "openmp": []}
    if threadpoolctl is not None:
        for pool in threadpoolctl.threadpool_info():
            if pool.get("user_api") == "blas":
                keys = ("internal_api", "version", "architecture", "num_threads", "threading_layer")
                report["numpy_blas"].append({key: pool.get(key) for key in keys})
            elif pool.get("user_api") == "openmp":  # e.g. torch's libgomp
                keys = ("prefix", "version", "num_threads")
                report["openmp"].append({key: pool.get(key) for key in keys})
    if torch is not None:
        config = torch.__config__.show()
        report["torch"] = {
            "version": torch.__version__,
            "num_threads": torch.get_num_threads(),
            "blas": "mkl" if "BLAS_INFO=mkl" in config else "other",
            "mkldnn": bool(torch.backends.mkldnn.is_available()),
        }
    return report


def environment() -> dict[str, Any]:
    """What the numbers depend on besides the code."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "numpy": np.__version__,
        "torch": None if torch is None else torch.__version__,
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
        "loadavg_1min_at_start": None if load is None else load[0],
    }


def evaluate_targets(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Compare the measured ratios with the package's goals (reported, not asserted)."""
    by_key = {(tuple(case["shape"]), case["dtype"]): case for case in cases}
    results = []
    for shape, dtype, ratio, limit in TARGETS:
        case = by_key.get((shape, dtype))
        measured = None if case is None else case["ratios"].get(ratio)
        results.append({
            "case": f"{shape_label(shape)} {dtype}",
            "ratio": ratio,
            "limit": limit,
            "measured": measured,
            "status": "not run" if measured is None else ("met" if measured <= limit else "missed"),
        })
    return results


def format_table(result: dict[str, Any]) -> str:
    """The results as a fixed-width text table, with the setup above it."""
    lines = []
    threads = result["threads"]
    for pool in threads["numpy_blas"]:
        lines.append(
            f"numpy {result['environment']['numpy']}: {pool['internal_api']} {pool['version']}, "
            f"kernel {pool['architecture']}, {pool['num_threads']} threads"
        )
    if "torch" in threads:
        t = threads["torch"]
        lines.append(f"torch {t['version']}: {t['blas']} (oneDNN {t['mkldnn']}), {t['num_threads']} threads")
    else:
        lines.append("torch: not installed (torch column left out)")
    env = result["environment"]
    lines.append(
        f"{env['cpu_count']} CPUs, 1-min load average {env['loadavg_1min_at_start']} at start, "
        f"{result['environment'].get('loadavg_1min_at_end')} at end; "
        f"{result['settings']['rounds']} interleaved rounds, medians in microseconds"
    )
    header = (
        f"{'shape':>16} {'dtype':>7} {'dense':>9} {'dense_arr':>9} {'numpy':>9} {'numpy_lw':>9}"
        f" {'torch':>9} {'dense/numpy':>11} {'dense-numpy':>11} {'arr-numpy':>11} {'dense/torch':>11}"
    )
    lines += ["", header, "-" * len(header)]
    for case in result["cases"]:
        m, r = case["median_us"], case["ratios"]
        torch_us = f"{m['torch']:9.1f}" if "torch" in m else f"{'-':>9}"
        over_torch = f"{r['dense_over_torch']:11.2f}" if "dense_over_torch" in r else f"{'-':>11}"
        lines.append(
            f"{case['label']:>16} {case['dtype']:>7} {m['dense']:9.1f} {m['dense_array']:9.1f}"
            f" {m['numpy']:9.1f} {m['numpy_lw']:9.1f} {torch_us} {r['dense_over_numpy']:11.3f}"
            f" {r['dense_minus_numpy_us']:9.2f}us {r['dense_array_minus_numpy_us']:9.2f}us {over_torch}"
        )
    lines += ["", "the same ratios from each candidate's fastest round (min over rounds):"]
    for case in result["cases"]:
        r = case["ratios_at_min"]
        over_torch = f"{r['dense_over_torch']:.3f}" if "dense_over_torch" in r else "-"
        lines.append(
            f"{case['label']:>16} {case['dtype']:>7}  dense/numpy {r['dense_over_numpy']:.3f}"
            f"  dense-numpy {r['dense_minus_numpy_us']:.2f}us"
            f"  arr-numpy {r['dense_array_minus_numpy_us']:.2f}us  dense/torch {over_torch}"
        )
    lines += ["", "targets (upper limits, on medians; reported, not enforced):"]
    for target in result["targets"]:
        measured = "-" if target["measured"] is None else f"{target['measured']:.3f}"
        lines.append(
            f"  {target['case']:>22}  {target['ratio']:<22} <= {target['limit']:<5}"
            f" measured {measured:>7}  {target['status']}"
        )
    return "\n".join(lines)


def run(
    shapes: Sequence[tuple[int, int, int]],
    dtypes: Sequence[str],
    rounds: int,
    round_seconds: float,
    warmup: int,
    seed: int,
    mode: str,
    settle_seconds: float = 0.15,
) -> dict[str, Any]:
    """Run every case and return the full result (what ``--json`` writes)."""
    env = environment()
    cases = []
    # inference_mode is entered once for the whole run: it only affects torch, and keeps
    # its per-call cost out of torch's numbers (the choice that favours torch).
    context = torch.inference_mode() if torch is not None else contextlib.nullcontext()
    with context:
        for shape in shapes:
            for dtype in dtypes:
                cases.append(
                    run_case(shape, dtype, rounds, round_seconds, warmup, seed, settle_seconds)
                )
    env["loadavg_1min_at_end"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "schema": SCHEMA,
        "mode": mode,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "settings": {
            "rounds": rounds,
            "round_seconds": round_seconds,
            "warmup_calls": warmup,
            "seed": seed,
            "settle_seconds": settle_seconds,
            "statistic": "median over rounds of seconds per call",
        },
        "environment": env,
        "threads": thread_report(),
        "cases": cases,
        "targets": evaluate_targets(cases),
    }


def thread_limit(threads: int | None) -> Any:
    """A context that keeps numpy's BLAS (threadpoolctl) and torch to ``threads`` threads.

    ``None`` changes nothing. Returns ``None`` when a limit is asked for and threadpoolctl
    is missing. Shared by the benchmarks' ``--threads`` option.
    """
    if threads is None:
        return contextlib.nullcontext()
    if threadpoolctl is None:
        return None
    limiter = threadpoolctl.threadpool_limits(limits=threads, user_api="blas")
    if torch is not None:
        torch.set_num_threads(threads)
    return limiter


def report(table: str, result: dict[str, Any], path: Path) -> None:
    """Print the table and write the result as JSON to ``path`` (its folder is made)."""
    print(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nJSON written to {path}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.dense",
        description="Time Dense.forward against x @ W + b in numpy and torch.nn.Linear.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="smallest shapes and few rounds: checks the harness, not the speed")
    parser.add_argument("--json", type=Path, default=None,
                        help=f"where to write the JSON result (default {DEFAULT_JSON.parent.name}/"
                             f"{DEFAULT_JSON.name} under benchmarks/)")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 61, quick 5)")
    parser.add_argument("--round-ms", type=float, default=None,
                        help="target duration of one candidate's round in ms (default 5, quick 2)")
    parser.add_argument("--threads", type=int, default=None,
                        help="limit numpy's BLAS (threadpoolctl) and torch to this many threads")
    parser.add_argument("--dtype", choices=DTYPES, action="append", help="only this dtype (repeatable)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for name in ("rounds", "threads"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name} must be at least 1, got {value}")
    if args.round_ms is not None and not args.round_ms > 0:
        parser.error(f"--round-ms must be positive, got {args.round_ms}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    shapes = QUICK_SHAPES if args.quick else FULL_SHAPES
    rounds = args.rounds or (5 if args.quick else 61)
    round_seconds = (args.round_ms or (2.0 if args.quick else 5.0)) / 1e3
    dtypes = tuple(args.dtype) if args.dtype else DTYPES
    limiter = thread_limit(args.threads)
    if limiter is None:
        print("--threads needs threadpoolctl", file=sys.stderr)
        return 2
    with limiter:
        result = run(shapes, dtypes, rounds, round_seconds, warmup=3 if args.quick else 10,
                     seed=args.seed, mode="quick" if args.quick else "full",
                     settle_seconds=0.05 if args.quick else 0.15)
    report(format_table(result), result, args.json or DEFAULT_JSON)
    return 0


if __name__ == "__main__":
    sys.exit(main())
