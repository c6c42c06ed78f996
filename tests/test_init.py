"""Initialisers: the distributions they promise, dtypes, and explicit randomness."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tinytorch_layers import (
    INITIALIZERS,
    get_initializer,
    he_normal,
    lecun_normal,
    xavier_normal,
    xavier_uniform,
    zeros,
)
from tinytorch_layers.init import RNG_RULES, as_generator, rng_rules_broken

# fan_in != fan_out, so a scheme that divides by the wrong fan gets the wrong spread.
FAN_IN, FAN_OUT = 2000, 300
NORMAL_TARGET_STD = {
    xavier_normal: math.sqrt(2 / (FAN_IN + FAN_OUT)),
    he_normal: math.sqrt(2 / FAN_IN),
    lecun_normal: math.sqrt(1 / FAN_IN),
}
RANDOM_INITIALIZERS = [xavier_normal, xavier_uniform, he_normal, lecun_normal]


def _name(fn):
    return fn.__name__


@pytest.mark.parametrize("init", NORMAL_TARGET_STD, ids=_name)
def test_normal_std_matches_target(init):
    W = init(FAN_IN, FAN_OUT, rng=0).astype(np.float64)
    assert W.std() == pytest.approx(NORMAL_TARGET_STD[init], rel=0.02)


@pytest.mark.parametrize("init", RANDOM_INITIALIZERS, ids=_name)
def test_mean_is_near_zero(init):
    W = init(FAN_IN, FAN_OUT, rng=1).astype(np.float64)
    # Five standard errors of the mean: fails for any real offset, not for noise.
    assert abs(W.mean()) < 5 * W.std() / math.sqrt(W.size)


@pytest.mark.parametrize("init", NORMAL_TARGET_STD, ids=_name)
def test_normal_schemes_are_bell_shaped(init):
    # About 68.3 % of a normal sample lies within one std (a uniform one: 57.7 %).
    W = init(FAN_IN, FAN_OUT, rng=2).astype(np.float64)
    within_one_std = np.mean(np.abs(W) < NORMAL_TARGET_STD[init])
    assert within_one_std == pytest.approx(math.erf(1 / math.sqrt(2)), abs=0.005)


def test_xavier_uniform_bounds_and_variance():
    limit = math.sqrt(6 / (FAN_IN + FAN_OUT))
    W = xavier_uniform(FAN_IN, FAN_OUT, rng=3).astype(np.float64)
    assert np.all(np.abs(W) <= limit)
    # Both ends of [-limit, limit] are reached, not a narrower interval.
    assert W.max() > 0.999 * limit
    assert W.min() < -0.999 * limit
    assert W.var() == pytest.approx(limit**2 / 3, rel=0.02)
    # Flat: each tenth of the interval holds about a tenth of the values.
    counts, _ = np.histogram(W, bins=10, range=(-limit, limit))
    np.testing.assert_allclose(counts / W.size, 0.1, atol=0.005)


def test_xavier_uniform_and_normal_share_a_variance():
    normal = xavier_normal(FAN_IN, FAN_OUT, rng=4).astype(np.float64)
    uniform = xavier_uniform(FAN_IN, FAN_OUT, rng=4).astype(np.float64)
    assert uniform.var() == pytest.approx(normal.var(), rel=0.03)


def test_zeros_are_zeros():
    W = zeros(4, 3)
    assert W.shape == (4, 3)
    assert not np.any(W)


@pytest.mark.parametrize("init", list(INITIALIZERS.values()), ids=_name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_shape_and_dtype_honoured(init, dtype):
    W = init(7, 5, rng=0, dtype=dtype)
    assert isinstance(W, np.ndarray)
    assert W.shape == (7, 5)
    assert W.dtype == dtype


@pytest.mark.parametrize("init", list(INITIALIZERS.values()), ids=_name)
def test_default_dtype_is_float32(init):
    assert init(3, 2, rng=0).dtype == np.float32


@pytest.mark.parametrize("init", RANDOM_INITIALIZERS, ids=_name)
@pytest.mark.parametrize("dtype", [np.float16, np.int32])
def test_dtype_that_cannot_be_drawn_is_a_type_error(init, dtype):
    message = f"initialisers draw float32 or float64, got dtype {np.dtype(dtype)}"
    with pytest.raises(TypeError, match=f"^{message}$"):
        init(3, 2, rng=0, dtype=dtype)


@pytest.mark.parametrize("init", RANDOM_INITIALIZERS, ids=_name)
def test_same_seed_same_weights_different_seed_different(init):
    np.testing.assert_array_equal(init(6, 4, rng=7), init(6, 4, rng=7))
    assert not np.array_equal(init(6, 4, rng=7), init(6, 4, rng=8))


@pytest.mark.parametrize("init", RANDOM_INITIALIZERS, ids=_name)
def test_a_generator_is_used_and_advanced(init):
    rng = np.random.default_rng(11)
    first, second = init(6, 4, rng=rng), init(6, 4, rng=rng)
    assert not np.array_equal(first, second)
    # The same stream from a fresh generator reproduces both draws.
    replay = np.random.default_rng(11)
    np.testing.assert_array_equal(first, init(6, 4, rng=replay))
    np.testing.assert_array_equal(second, init(6, 4, rng=replay))


@pytest.mark.parametrize("init", list(INITIALIZERS.values()), ids=_name)
def test_global_random_state_is_untouched(init):
    before = np.random.get_state()
    init(50, 40, rng=0)
    init(50, 40, rng=None)
    init(50, 40, rng=np.random.default_rng(0))
    after = np.random.get_state()
    assert before[0] == after[0]
    np.testing.assert_array_equal(before[1], after[1])
    assert before[2:] == after[2:]


@pytest.mark.parametrize("init", list(INITIALIZERS.values()), ids=_name)
@pytest.mark.parametrize(
    "bad_rng",
    ["0", 1.5, True, object(), np.random.RandomState(0)],
    ids=["str", "float", "bool", "object", "legacy-RandomState"],
)
def test_bad_rng_is_a_type_error(init, bad_rng):
    with pytest.raises(TypeError, match="rng must be"):
        init(3, 2, rng=bad_rng)


def test_as_generator():
    rng = np.random.default_rng(0)
    assert as_generator(rng) is rng
    assert isinstance(as_generator(None), np.random.Generator)
    from_int = as_generator(5).standard_normal(3)
    from_np_int = as_generator(np.int64(5)).standard_normal(3)
    np.testing.assert_array_equal(from_int, from_np_int)


def test_registry_names():
    assert set(INITIALIZERS) == {
        "xavier_normal",
        "xavier_uniform",
        "he_normal",
        "lecun_normal",
        "zeros",
    }
    for name, fn in INITIALIZERS.items():
        assert fn.__name__ == name
        assert get_initializer(name) is fn


def test_get_initializer_passes_callables_through():
    def custom(fan_in, fan_out, *, rng=None, dtype=np.float32):
        return np.ones((fan_in, fan_out), dtype=dtype)

    assert get_initializer(custom) is custom


def test_unknown_name_lists_every_name():
    with pytest.raises(ValueError, match="'glorot'") as info:
        get_initializer("glorot")
    for name in INITIALIZERS:
        assert name in str(info.value)


def test_neither_name_nor_callable_is_a_type_error():
    with pytest.raises(TypeError, match="42"):
        get_initializer(42)


@pytest.mark.parametrize("init", list(INITIALIZERS.values()), ids=_name)
@pytest.mark.parametrize(
    ("fans", "error", "named"),
    [
        ((0, 3), ValueError, "fan_in must be a positive integer, got 0"),
        ((3, -2), ValueError, "fan_out must be a positive integer, got -2"),
        ((2.5, 3), TypeError, "fan_in must be a positive integer, got 2.5"),
        ((3, "4"), TypeError, "fan_out must be a positive integer, got '4'"),
        ((True, 3), TypeError, "fan_in must be a positive integer, got True"),
    ],
)
def test_bad_fans_are_rejected_naming_the_value(init, fans, error, named):
    with pytest.raises(error, match=named):
        init(*fans, rng=0)


def test_an_unknown_initialiser_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="choose one of: xavier_normal, xavier_uniform, he_normal, lecun_normal, zeros$"):
        get_initializer("glorot")


# --- rng_rules_broken: each rule is seen broken on its own, and every initialiser keeps all ---
def _ignores_rng(fan_in, fan_out, *, rng=None, dtype=np.float32):
    return np.random.default_rng().standard_normal((fan_in, fan_out)).astype(dtype)


def _reseeds_a_generator(fan_in, fan_out, *, rng=None, dtype=np.float32):
    seed = rng if isinstance(rng, int) else 0  # a Generator is replaced by seed 0
    return np.random.default_rng(seed).standard_normal((fan_in, fan_out)).astype(dtype)


def _replaces_a_generator_only(fan_in, fan_out, *, rng=None, dtype=np.float32):
    seed = 0 if isinstance(rng, np.random.Generator) else rng  # None still draws fresh numbers
    return np.random.default_rng(seed).standard_normal((fan_in, fan_out)).astype(dtype)


def _one_stream_for_every_seed(fan_in, fan_out, *, rng=None, dtype=np.float32):
    generator = np.random.default_rng(0) if isinstance(rng, int) else as_generator(rng)
    return generator.standard_normal((fan_in, fan_out)).astype(dtype)


def _seeds_numpys_global_state(fan_in, fan_out, *, rng=None, dtype=np.float32):
    np.random.seed(20260101)  # the seed rng_rules_broken sets itself: seen all the same
    return as_generator(rng).standard_normal((fan_in, fan_out)).astype(dtype)


def _draws_from_numpys_global_state(fan_in, fan_out, *, rng=None, dtype=np.float32):
    if rng is None:
        return np.random.standard_normal((fan_in, fan_out)).astype(dtype)
    return as_generator(rng).standard_normal((fan_in, fan_out)).astype(dtype)


def _right_via_default_rng(fan_in, fan_out, *, rng=None, dtype=np.float32):
    # default_rng returns a Generator unchanged, so this is as right as as_generator
    return np.random.default_rng(rng).uniform(-1, 1, (fan_in, fan_out)).astype(dtype)


@pytest.mark.parametrize(("initializer", "broken"), [
    (_ignores_rng, [RNG_RULES[0]]),
    (_reseeds_a_generator, [RNG_RULES[2]]),
    (_replaces_a_generator_only, [RNG_RULES[2]]),
    (_one_stream_for_every_seed, [RNG_RULES[1]]),
    (_seeds_numpys_global_state, [RNG_RULES[3]]),
    (_draws_from_numpys_global_state, [RNG_RULES[3]]),
    (_right_via_default_rng, []),
    # zeros draws nothing, so no seed changes its result: it is not held to these rules
    *[(function, []) for function in INITIALIZERS.values() if function is not zeros],
])
def test_rng_rules_broken_names_exactly_the_rules_broken(initializer, broken):
    assert rng_rules_broken(initializer) == broken


def test_rng_rules_broken_puts_the_callers_global_state_back():
    np.random.seed(7)
    expected = np.random.random(3)
    np.random.seed(7)
    rng_rules_broken(_draws_from_numpys_global_state)
    assert np.array_equal(np.random.random(3), expected)
