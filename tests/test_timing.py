"""tinytorch_layers.timing, on a clock that the timed functions advance themselves.

A real clock makes timing tests flaky; here every call of a timed function moves a fake
clock forward by a known cost, so the counts, minima and orders are exact.
"""

from __future__ import annotations

import pytest

from tinytorch_layers.timing import calls_per_timing, seconds_per_call, time_rounds, timed


class Clock:
    """A clock that only moves when a timed function says it spent time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def spend(self, seconds: float) -> None:
        self.now += seconds


def test_calls_per_timing_grows_by_four_until_a_timing_is_long_enough() -> None:
    def count(cost: float) -> int:
        clock = Clock()
        return calls_per_timing(lambda: clock.spend(cost), 1e-3, clock=clock)

    assert count(1e-5) == 256  # 1, 4, 16, 64 calls of 10 us last less than 1 ms
    assert count(2e-3) == 1
    assert count(2.6e-4) == 4


def test_seconds_per_call_is_the_shortest_timing_per_call() -> None:
    clock = Clock()
    # Each timing of 4 calls: the calls cost 1 ms, plus an interruption in some timings.
    interruptions = iter([0.0, 5e-3, 0.0, 2e-3])  # the calibration, then the three timings

    def call() -> None:
        clock.spend(1e-3 + next(interruptions, 0.0))

    seconds = seconds_per_call(call, repeat=3, min_seconds=1e-3, clock=clock)
    assert seconds == pytest.approx(1e-3)  # the timing no interruption fell on
    with pytest.raises(ValueError, match="repeat must be at least 1, got 0"):
        seconds_per_call(call, repeat=0)


def test_seconds_per_call_divides_by_the_calls_of_one_timing() -> None:
    clock = Clock()
    assert seconds_per_call(lambda: clock.spend(1e-5), min_seconds=1e-3, clock=clock) == pytest.approx(1e-5)


def test_time_rounds_alternates_and_rotates_who_goes_first() -> None:
    clock = Clock()
    order: list[str] = []

    def candidate(name: str, cost: float):
        def run() -> None:
            order.append(name)
            clock.spend(cost)
        return run

    calls, seconds = time_rounds({"a": candidate("a", 1e-3), "b": candidate("b", 2e-3)}, rounds=3,
                                 min_seconds=4e-3, warmup=2, clock=clock)
    assert calls == 2  # enough calls for the slowest, b, to last 4 ms
    timed_order = order[2 + 3 + 2 + 3:]  # after each one's warm-up and three single calls
    assert timed_order == ["a", "a", "b", "b", "b", "b", "a", "a", "a", "a", "b", "b"]
    assert seconds == {"a": pytest.approx([1e-3] * 3), "b": pytest.approx([2e-3] * 3)}


def test_time_rounds_runs_groups_in_blocks() -> None:
    clock = Clock()
    order: list[str] = []
    candidates = {name: (lambda name=name: (order.append(name), clock.spend(1e-3))) for name in "abt"}
    time_rounds(candidates, rounds=3, min_seconds=1e-3, warmup=0, groups=[["a", "b"], ["t"]], block=2,
                clock=clock)
    timed_order = "".join(order[9:])  # after three single calls of each
    assert timed_order == "abba" + "tt" + "ab" + "t"  # blocks of two rounds per group, then one
    with pytest.raises(ValueError, match="exactly one group"):
        time_rounds(candidates, rounds=1, groups=[["a", "b"], ["b", "t"]])
    with pytest.raises(ValueError, match="rounds must be at least 1, got 0"):
        time_rounds(candidates, rounds=0)


def test_timed_returns_the_result_and_the_seconds() -> None:
    clock = Clock()

    def train(epochs: int) -> str:
        clock.spend(0.25 * epochs)
        return "trained"

    assert timed(train, 2, clock=clock) == ("trained", 0.5)
