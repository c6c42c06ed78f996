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

Every function takes the clock to read (``time.perf_counter`` by default); the examples use
a :class:`ManualClock`, which moves only when the timed code says so, so that they show
exact counts and times.
"""

from __future__ import annotations

import math
import time
import timeit
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["ManualClock", "calls_per_timing", "seconds_per_call", "time_rounds", "timed"]

Clock = Callable[[], float]


class ManualClock:
    """A clock that moves only when told to: for showing and testing timing code exactly.

    Examples:
        >>> clock = ManualClock()
        >>> clock()
        0.0
        >>> clock.advance(0.25)
        >>> clock.advance(0.5)
        >>> clock(), clock.calls  # the time, and how often the clock was read
        (0.75, 2)
    """

    def __init__(self) -> None:
        self.now = 0.0
        self.calls = 0

    def __call__(self) -> float:
        self.calls += 1
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds


def calls_per_timing(f: Callable[[], Any], min_seconds: float, *, clock: Clock = time.perf_counter) -> int:
    """How many calls of ``f()`` one timing needs to last at least ``min_seconds``: the
    count starts at one and is multiplied by four until a timing of that many calls lasts
    that long (:meth:`timeit.Timer.autorange` does the same with its own counts).

    Examples:
        A call that takes 1/256 s (times that are powers of two add up exactly):

        >>> clock = ManualClock()
        >>> calls_per_timing(lambda: clock.advance(1 / 256), 1 / 64, clock=clock)  # 4/256 = 1/64
        4
        >>> calls_per_timing(lambda: clock.advance(1 / 256), 1 / 32, clock=clock)  # 16/256 > 1/32
        16
        >>> calls_per_timing(lambda: clock.advance(1 / 256), 0.0, clock=clock)
        1
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
        A function whose every call takes 1/256 s, except where something else interrupts
        it: the interruptions only add time, and the shortest timing leaves them out.

        >>> clock, calls = ManualClock(), []
        >>> interrupted = {6: 1.0, 11: 0.5}  # the 6th and the 11th call take longer
        >>> def work(x):
        ...     calls.append(x)
        ...     clock.advance(1 / 256 + interrupted.get(len(calls), 0.0))
        >>> seconds_per_call(work, "x", clock=clock)  # repeat=3, min_seconds=0.01: 4 calls a timing
        0.00390625
        >>> len(calls), set(calls)  # 1 + 4 to choose the number, then three timings of 4
        (17, {'x'})
        >>> seconds_per_call(work, "x", repeat=1, min_seconds=0, clock=clock)
        0.00390625
        >>> seconds_per_call(work, "x", repeat=0)
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
                settle_seconds: float = 0.0, clock: Clock = time.perf_counter,
                sleep: Callable[[float], Any] = time.sleep) -> tuple[int, dict[str, list[float]]]:
    """Time several candidates against each other in ``rounds`` alternating rounds.

    Each candidate is first called ``warmup`` times (first calls pay for caches and
    allocations) and timed alone three times, once per call. Every timing then makes the
    same number of calls, enough for the slowest candidate to last ``min_seconds``. A round
    times each candidate once, starting with a different one each round, so that a burst of
    load falls on all of them alike.

    ``groups`` separates candidates that must not run between each other's calls, such as a
    library with a thread pool of its own whose idle threads keep spinning for a while after
    a call: groups take turns in blocks of ``block`` rounds, with a pause of
    ``settle_seconds`` (``sleep``) before each turn. By default all candidates form one
    group.

    Returns:
        The calls per timing, and for each candidate its seconds per call in each round.

    Raises:
        ValueError: fewer than one round, or a candidate in no group or in two.

    Examples:
        >>> clock, log = ManualClock(), []
        >>> def candidate(name, seconds):
        ...     def run():
        ...         log.append(name)
        ...         clock.advance(seconds)
        ...     return run
        >>> pair = {"a": candidate("a", 1 / 256), "b": candidate("b", 1 / 128)}
        >>> calls, seconds = time_rounds(pair, rounds=3, min_seconds=1 / 64, clock=clock)
        >>> calls  # b, the slower, lasts 1/64 s in two calls
        2
        >>> seconds
        {'a': [0.00390625, 0.00390625, 0.00390625], 'b': [0.0078125, 0.0078125, 0.0078125]}
        >>> "".join(log)  # a: one warm-up call and three alone; b the same; then the rounds
        'aaaabbbbaabbbbaaaabb'

        Two groups take turns in blocks of ten rounds, each after a pause:

        >>> log.clear()
        >>> pauses = []
        >>> calls, seconds = time_rounds(pair, rounds=11, min_seconds=0, warmup=0, groups=[["a"], ["b"]],
        ...                              settle_seconds=0.1, clock=clock, sleep=pauses.append)
        >>> calls, "".join(log[6:]), pauses
        (1, 'aaaaaaaaaabbbbbbbbbbab', [0.1, 0.1, 0.1, 0.1])
        >>> log.clear()
        >>> _ = time_rounds(pair, rounds=1, warmup=0, groups=[["a"], ["b"]], clock=clock, sleep=pauses.append)
        >>> pauses  # no pause asked for: none taken
        [0.1, 0.1, 0.1, 0.1]
        >>> calls, _ = time_rounds(pair, rounds=1, warmup=0, settle_seconds=0.5, clock=clock, sleep=pauses.append)
        >>> calls, len(pauses)  # the default 2 ms: one call of b; one group: nothing to settle
        (1, 4)
        >>> time_rounds(pair, rounds=0)
        Traceback (most recent call last):
        ...
        ValueError: rounds must be at least 1, got 0
        >>> time_rounds(pair, rounds=1, groups=[["a"]])
        Traceback (most recent call last):
        ...
        ValueError: each candidate must be in exactly one group: got [['a']] for ['a', 'b']
        >>> time_rounds(pair, rounds=1, groups=[["a", "b"], []])
        Traceback (most recent call last):
        ...
        ValueError: each candidate must be in exactly one group: got [['a', 'b'], []] for ['a', 'b']
    """
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, got {rounds}")
    names = list(candidates)
    groups = [list(group) for group in groups] if groups is not None else [names]
    if not all(groups) or sorted(name for group in groups for name in group) != sorted(names):
        raise ValueError(f"each candidate must be in exactly one group: got {groups} for {sorted(names)}")
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
                sleep(settle_seconds)  # let the other group's threads fall asleep
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
        >>> clock = ManualClock()
        >>> clock.advance(100.0)  # whatever time it is
        >>> def train(epochs):
        ...     clock.advance(0.25 * epochs)
        ...     return "trained"
        >>> timed(train, 3, clock=clock)
        ('trained', 0.75)
    """
    start = clock()
    result = f(*args)
    return result, clock() - start
