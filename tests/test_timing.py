"""tinytorch_layers.timing on a ManualClock, which only the timed code moves: exact counts,
minima and orders, none of them depending on the machine's speed or load."""

from __future__ import annotations

import pytest

from tinytorch_layers.timing import ManualClock, calls_per_timing, seconds_per_call, time_rounds, timed


def costing(clock: ManualClock, seconds: float, log: list | None = None, name: str = ""):
    """A function that takes ``seconds`` of the clock's time per call (and logs its name)."""

    def call(*args) -> None:
        if log is not None:
            log.append(name)
        clock.advance(seconds)

    return call


@pytest.mark.parametrize(("seconds", "min_seconds", "expected"),
                         [(1e-5, 1e-3, 256), (2e-3, 1e-3, 1), (2.6e-4, 1e-3, 4), (0.25, 1.0, 4), (0.5, 2.5, 16)])
def test_calls_per_timing_multiplies_by_four_until_a_timing_lasts_long_enough(seconds, min_seconds, expected):
    clock = ManualClock()
    assert calls_per_timing(costing(clock, seconds), min_seconds, clock=clock) == expected


def test_seconds_per_call_keeps_the_shortest_timing_and_the_defaults_time_three_times():
    clock, log = ManualClock(), []
    interruptions = iter([0.0] * 5 + [0.25] * 4 + [0.0] * 4 + [0.125] * 4)  # the first and last timing

    def call() -> None:
        log.append("call")
        clock.advance(0.00390625 + next(interruptions, 0.0))

    assert seconds_per_call(call, clock=clock) == 0.00390625
    assert len(log) == 1 + 4 + 3 * 4  # choosing 4 calls (>= 10 ms), then three timings of 4
    assert seconds_per_call(call, repeat=1, min_seconds=0.0, clock=clock) == 0.00390625
    assert len(log) == 17 + 1 + 1


def test_seconds_per_call_passes_the_arguments():
    clock, seen = ManualClock(), []
    seconds_per_call(lambda *args: (seen.append(args), clock.advance(1.0)), 1, 2, repeat=2, min_seconds=0,
                     clock=clock)
    assert seen == [(1, 2)] * 3


@pytest.mark.parametrize("repeat", [0, -1])
def test_seconds_per_call_needs_one_timing_at_least(repeat):
    with pytest.raises(ValueError, match=f"repeat must be at least 1, got {repeat}"):
        seconds_per_call(lambda: None, repeat=repeat)


def test_time_rounds_times_every_candidate_with_the_same_calls_in_rotating_order():
    clock, log = ManualClock(), []
    three = {name: costing(clock, seconds, log, name) for name, seconds in [("x", 0.5), ("y", 0.25), ("z", 1.0)]}
    calls, seconds = time_rounds(three, rounds=4, min_seconds=3.0, warmup=2, clock=clock)
    assert calls == 3  # the slowest, z, lasts 3 s in three calls
    assert seconds == {"x": [0.5] * 4, "y": [0.25] * 4, "z": [1.0] * 4}
    rounds = "".join(log[3 * (2 + 3):])  # after each one's two warm-up calls and three alone
    assert rounds == "xxxyyyzzz" + "yyyzzzxxx" + "zzzxxxyyy" + "xxxyyyzzz"


def test_time_rounds_alternates_groups_in_blocks_with_a_pause_before_each_turn():
    clock, log, pauses = ManualClock(), [], []
    candidates = {name: costing(clock, 1.0, log, name) for name in "pqt"}
    time_rounds(candidates, rounds=5, min_seconds=0.5, warmup=0, groups=[["p", "q"], ["t"]], block=2,
                settle_seconds=0.25, clock=clock, sleep=pauses.append)
    assert "".join(log[9:]) == "pqqp" + "tt" + "pqqp" + "tt" + "pq" + "t"
    assert pauses == [0.25] * 6
    time_rounds(candidates, rounds=3, warmup=0, groups=[["p", "q", "t"]], settle_seconds=0.25,
                clock=clock, sleep=pauses.append)
    time_rounds(candidates, rounds=3, warmup=0, groups=[["p", "q"], ["t"]], clock=clock, sleep=pauses.append)
    assert len(pauses) == 6  # one group, or no pause asked for: none


def test_time_rounds_defaults_warm_up_once_and_time_two_milliseconds_or_more():
    clock, log = ManualClock(), []
    calls, _ = time_rounds({"one": costing(clock, 0.0005, log, "one")}, rounds=12, clock=clock)
    assert calls == 4 and len(log) == 1 + 3 + 12 * 4  # 12 rounds: more than a default block


def test_time_rounds_default_block_is_ten_rounds():
    clock, log = ManualClock(), []
    pair = {name: costing(clock, 1.0, log, name) for name in "uv"}
    time_rounds(pair, rounds=12, warmup=0, min_seconds=0, groups=[["u"], ["v"]], clock=clock)
    assert "".join(log[6:]) == "u" * 10 + "v" * 10 + "uu" + "vv"


@pytest.mark.parametrize("groups", [[["a"]], [["a", "b"], ["b"]], [["a", "b"], []]])
def test_time_rounds_wants_each_candidate_in_exactly_one_group(groups):
    with pytest.raises(ValueError, match="each candidate must be in exactly one group"):
        time_rounds({"a": lambda: None, "b": lambda: None}, rounds=1, groups=groups)


def test_time_rounds_wants_one_round_at_least():
    with pytest.raises(ValueError, match="rounds must be at least 1, got 0"):
        time_rounds({"a": lambda: None}, rounds=0)


def test_timed_returns_the_result_and_the_time_between_two_readings():
    clock = ManualClock()
    clock.advance(7.0)
    assert timed(lambda epochs: clock.advance(0.5 * epochs) or epochs, 3, clock=clock) == (3, 1.5)
    assert clock.calls == 2


def test_manual_clock_moves_only_when_told():
    clock = ManualClock()
    assert (clock(), clock()) == (0.0, 0.0)
    clock.advance(2.0)
    clock.advance(0.5)
    assert (clock(), clock.calls) == (2.5, 3)
