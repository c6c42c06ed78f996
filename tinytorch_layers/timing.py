r"""Timing code: the one helper behind every time the book and the benchmarks measure.

A time is the **shortest** of several timings. Everything else a machine does while a timing
runs (other programs, interrupts, another process evicting the caches) can only make that
timing longer, never shorter, so the shortest is the estimate least disturbed by the load:
the statistic the documentation of Python's :mod:`timeit` recommends. The chapters quote
these minima. When two pieces of code are compared, they are timed in alternating rounds
(:func:`time_rounds`), so that both meet the same load; each keeps its shortest round. The
benchmarks (``benchmarks/``) keep every round and report the median over rounds as well,
the typical cost of a call on a busy machine, which is what their targets are stated on.

One timing makes ``number`` calls in a row, as many as it takes to last ``min_seconds``:
one call of a fast function is too short for the clock.
"""

from __future__ import annotations

import math
import time
import timeit
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["calls_per_timing", "seconds_per_call", "time_rounds", "timed"]

Clock = Callable[[], float]


def calls_per_timing(f: Callable[[], Any], min_seconds: float, *, clock: Clock = time.perf_counter) -> int:
    """How many calls of ``f()`` one timing needs to last at least ``min_seconds``: the
    count starts at one and is multiplied by four until a timing of that many calls lasts
    that long (:meth:`timeit.Timer.autorange` does the same with its own counts).

    Examples:
        >>> calls_per_timing(lambda: None, min_seconds=0.0)
        1
        >>> ticks = iter(range(100))  # a clock that advances one second per reading
        >>> calls_per_timing(lambda: None, min_seconds=1.0, clock=lambda: next(ticks))
        1
        >>> calls_per_timing(lambda: None, min_seconds=1e-3) >= 4  # a call lasts far less
        True
    """
    timer = timeit.Timer(f, timer=clock)
    number = 1
    while timer.timeit(number) < min_seconds:
        number *= 4
    return number


def seconds_per_call(f: Callable[..., Any], *args: Any, repeat: int = 3, min_seconds: float = 0.01,
                     clock: Clock = time.perf_counter) -> float:
    """Seconds per call of ``f(*args)``: the shortest of ``repeat`` timings, each of
    :func:`calls_per_timing` calls (at least ``min_seconds`` long).

    Raises:
        ValueError: ``repeat`` is less than one.

    Examples:
        >>> seconds = seconds_per_call(sorted, list(range(1000)), repeat=2, min_seconds=1e-3)
        >>> 0 < seconds < 1e-3  # a sort of 1000 sorted numbers takes microseconds
        True
        >>> seconds_per_call(sorted, [], repeat=0)
        Traceback (most recent call last):
        ...
        ValueError: repeat must be at least 1, got 0
    """
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    timer = timeit.Timer(lambda: f(*args), timer=clock)
    number = calls_per_timing(lambda: f(*args), min_seconds, clock=clock)
    return min(timer.repeat(repeat=repeat, number=number)) / number


def time_rounds(candidates: dict[str, Callable[[], Any]], rounds: int, *, min_seconds: float = 2e-3,
                warmup: int = 1, groups: Sequence[Sequence[str]] | None = None, block: int = 10,
                settle_seconds: float = 0.0, clock: Clock = time.perf_counter) -> tuple[int, dict[str, list[float]]]:
    """Time several candidates against each other in ``rounds`` alternating rounds.

    Each candidate is first called ``warmup`` times (first calls pay for caches and
    allocations). Every timing then makes the same number of calls, enough for the slowest
    candidate to last ``min_seconds``. A round times each candidate once, starting with a
    different one each round, so that a burst of load falls on all of them alike.

    ``groups`` separates candidates that must not run between each other's calls, such as a
    library with a thread pool of its own whose idle threads keep spinning for a while after
    a call: groups take turns in blocks of ``block`` rounds, with a pause of
    ``settle_seconds`` at each change. By default all candidates form one group.

    Returns:
        The calls per timing, and for each candidate its seconds per call in each round.

    Raises:
        ValueError: fewer than one round, or a candidate in no group or in two.

    Examples:
        >>> calls, seconds = time_rounds({"sum": lambda: sum(range(100)),
        ...                               "max": lambda: max(range(100))}, rounds=3)
        >>> calls >= 1, sorted(seconds), [len(s) for s in seconds.values()]
        (True, ['max', 'sum'], [3, 3])
        >>> min(seconds["sum"]) > 0
        True
        >>> time_rounds({"a": lambda: None}, rounds=0)
        Traceback (most recent call last):
        ...
        ValueError: rounds must be at least 1, got 0
        >>> time_rounds({"a": lambda: None, "b": lambda: None}, rounds=1, groups=[["a"]])
        Traceback (most recent call last):
        ...
        ValueError: each candidate must be in exactly one group: got [['a']] for ['a', 'b']
    """
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, got {rounds}")
    names = list(candidates)
    groups = [list(group) for group in groups] if groups is not None else [names]
    if sorted(name for group in groups for name in group) != sorted(names):
        raise ValueError(f"each candidate must be in exactly one group: got {groups} for {sorted(names)}")
    groups = [group for group in groups if group]
    slowest = 0.0
    for name in names:
        for _ in range(warmup):
            candidates[name]()
        slowest = max(slowest, min(timeit.repeat(candidates[name], number=1, repeat=3, timer=clock)))
    calls = max(1, math.ceil(min_seconds / max(slowest, 1e-9)))
    samples: dict[str, list[float]] = {name: [] for name in names}
    done = 0
    while done < rounds:
        size = min(block, rounds - done)
        for group in groups:
            if len(groups) > 1 and settle_seconds:
                time.sleep(settle_seconds)  # let the other group's threads fall asleep
            for round_index in range(done, done + size):
                shift = round_index % len(group)  # rotate: no candidate always goes first
                for name in group[shift:] + group[:shift]:
                    samples[name].append(timeit.timeit(candidates[name], number=calls, timer=clock) / calls)
        done += size
    return calls, samples


def timed(f: Callable[..., Any], *args: Any, clock: Clock = time.perf_counter) -> tuple[Any, float]:
    """Call ``f(*args)`` once; return its result and the seconds it took (for a run too long
    and too costly to repeat, such as training a network).

    Examples:
        >>> result, seconds = timed(sum, [1, 2, 3])
        >>> result, seconds >= 0
        (6, True)
    """
    start = clock()
    result = f(*args)
    return result, clock() - start
