"""The performance chapter's promise: a measured rate above the estimated peak stops the build.

The chapter asserts, in its own cells, that each measured rate (one core, all cores,
float32) lies below the peak it estimates. These tests run those very assert statements,
taken from the chapter's source, with a rate above and below the peak: the first must
raise with both numbers in the message, the second must pass.
"""

from __future__ import annotations

import re

import pytest

from book_build import BOOK_SOURCE

PEAK_ASSERT = re.compile(
    r"^assert (?P<rate>\w+) <= (?P<peak>\w+), \(\n.*?fix the peak model\"\)$",
    flags=re.MULTILINE | re.DOTALL,
)


def peak_assertions() -> list[re.Match[str]]:
    return list(PEAK_ASSERT.finditer((BOOK_SOURCE / "performance.md").read_text(encoding="utf-8")))


def test_every_measured_rate_of_the_chapter_is_checked_against_a_peak() -> None:
    rates = [match["rate"] for match in peak_assertions()]
    assert rates == ["best_blas", "all_gflops", "gflops32"], rates


@pytest.mark.parametrize("match", peak_assertions(), ids=lambda m: m["rate"])
def test_a_rate_above_the_peak_fails_with_both_numbers(match: re.Match[str]) -> None:
    with pytest.raises(AssertionError) as raised:
        exec(match.group(0), {match["rate"]: 61.25, match["peak"]: 48.5})
    assert "61.2" in str(raised.value) and "48.5" in str(raised.value), str(raised.value)


@pytest.mark.parametrize("match", peak_assertions(), ids=lambda m: m["rate"])
def test_a_rate_below_the_peak_passes(match: re.Match[str]) -> None:
    exec(match.group(0), {match["rate"]: 30.0, match["peak"]: 48.5})
