r"""Weight initialisers: where a layer's random starting point comes from.

Each function returns a fresh ``(fan_in, fan_out)`` array drawn from the generator it is
given, so the same seed always gives the same weights and the global numpy state is never
touched. The variance-preserving schemes differ in the fan they divide by and in the
factor above it (He's 2 for ReLU against LeCun's 1):

=================  ======================================  ==========================
name               distribution                            scale
=================  ======================================  ==========================
``xavier_normal``  :math:`\mathcal{N}(0, \sigma^2)`        :math:`\sigma = \sqrt{2/(n_{in}+n_{out})}`
``xavier_uniform`` :math:`\mathcal{U}(-l, l)`              :math:`l = \sqrt{6/(n_{in}+n_{out})}`
``he_normal``      :math:`\mathcal{N}(0, \sigma^2)`        :math:`\sigma = \sqrt{2/n_{in}}`
``lecun_normal``   :math:`\mathcal{N}(0, \sigma^2)`        :math:`\sigma = \sqrt{1/n_{in}}`
``zeros``          all zeros                               (breaks learning: symmetry)
=================  ======================================  ==========================
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

import numpy as np

from .checks import check_fans, initializer_dtype
from .tensor import DEFAULT_DTYPE

__all__ = [
    "INITIALIZERS",
    "RngLike",
    "as_generator",
    "get_initializer",
    "he_normal",
    "lecun_normal",
    "rng_rules_broken",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]

RngLike = Union[np.random.Generator, int, None]
Initializer = Callable[..., np.ndarray]


def as_generator(rng: RngLike) -> np.random.Generator:
    """Return ``rng`` if it is a Generator, else ``np.random.default_rng(rng)``.

    An int is a seed; ``None`` draws fresh entropy from the operating system. Neither
    reads nor changes numpy's global random state.

    Examples:
        >>> int(as_generator(0).integers(100)) == int(as_generator(0).integers(100))
        True
        >>> rng = np.random.default_rng(1)
        >>> as_generator(rng) is rng  # a Generator is used as it is, not reseeded
        True
        >>> as_generator(0.5)
        Traceback (most recent call last):
        ...
        TypeError: rng must be a numpy Generator, an int seed or None, got 0.5
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is not None and (isinstance(rng, bool) or not isinstance(rng, (int, np.integer))):
        raise TypeError(f"rng must be a numpy Generator, an int seed or None, got {rng!r}")
    return np.random.default_rng(rng)


#: The rules of :func:`rng_rules_broken`, in the order it tries them.
RNG_RULES = (
    "the same seed gives the same weights",
    "another seed gives other weights",
    "a Generator moves on from one call to the next",
    "numpy's global random state is left alone",
)


def rng_rules_broken(initializer: Initializer) -> list[str]:
    """Which of the initialisers' rules about ``rng`` ``initializer`` breaks (none: ``[]``).

    Every initialiser here draws from the generator it is given (``as_generator``): an int
    seed makes the weights reproducible, a Generator is used as it is, so that each call with
    it draws new numbers, and numpy's global random state is neither read nor changed, with
    ``rng=None`` too. The rules are tried on ``(3, 2)`` weights in float64.

    Examples:
        >>> rng_rules_broken(xavier_normal)
        []
        >>> def fixed_seed(fan_in, fan_out, *, rng=None, dtype=np.float32):
        ...     return np.random.default_rng(0).standard_normal((fan_in, fan_out)).astype(dtype)
        >>> rng_rules_broken(fixed_seed)
        ['another seed gives other weights', 'a Generator moves on from one call to the next']
        >>> def global_seed(fan_in, fan_out, *, rng=None, dtype=np.float32):
        ...     np.random.seed(rng if isinstance(rng, int) else 0)
        ...     return np.random.standard_normal((fan_in, fan_out)).astype(dtype)
        >>> callers = np.random.get_state(legacy=False)["state"]
        >>> rng_rules_broken(global_seed)
        ['a Generator moves on from one call to the next', "numpy's global random state is left alone"]
        >>> now = np.random.get_state(legacy=False)["state"]  # the caller's state is put back
        >>> bool(np.array_equal(callers["key"], now["key"])), callers["pos"] == now["pos"]
        (True, True)
    """
    def draw(rng: RngLike) -> np.ndarray:
        return np.asarray(initializer(3, 2, rng=rng, dtype=np.float64))

    # The caller's global state is put back whatever the function does to it.
    callers_state = np.random.get_state()
    try:
        broken = []
        if not np.array_equal(draw(1), draw(1)):
            broken.append(RNG_RULES[0])
        if np.array_equal(draw(1), draw(2)):
            broken.append(RNG_RULES[1])
        generator = np.random.default_rng(5)
        if np.array_equal(draw(generator), draw(generator)):
            broken.append(RNG_RULES[2])
        # From the middle of a stream, as after any use: a function that draws from
        # numpy's global generator moves it on, one that seeds it (to any seed) rewinds it.
        np.random.seed(20260101)
        np.random.random(3)
        before = _global_state()
        draw(None)
        if _global_state() != before:
            broken.append(RNG_RULES[3])
    finally:
        np.random.set_state(callers_state)
    return broken


def _global_state() -> tuple:
    """Everything numpy's global generator holds: its key, its position, a cached normal."""
    state = np.random.get_state(legacy=False)
    return state["state"]["key"].tobytes(), state["state"]["pos"], state["has_gauss"], state["gauss"]


def xavier_normal(
    fan_in: int, fan_out: int, *, rng: RngLike = None, dtype: Any = DEFAULT_DTYPE
) -> np.ndarray:
    r"""Xavier (Glorot) normal: :math:`W_{ij} \sim \mathcal{N}(0, 2 / (n_{in} + n_{out}))`.

    From Glorot and Bengio (2010), "Understanding the difficulty of training deep
    feedforward neural networks": averaging the two fans keeps the variance of both the
    activations and the gradients roughly constant from layer to layer. Also known as
    Glorot normal; the default of :class:`~tinytorch_layers.Dense`.

    Args:
        fan_in: Number of inputs of the layer (rows of W).
        fan_out: Number of outputs of the layer (columns of W).
        rng: A Generator, an int seed, or None for fresh entropy.
        dtype: A float dtype for the result.

    Returns:
        An array of shape ``(fan_in, fan_out)``.

    Examples:
        >>> W = xavier_normal(784, 512, rng=0)
        >>> W.shape, W.dtype
        ((784, 512), dtype('float32'))
        >>> round(float(W.std() / np.sqrt(2 / (784 + 512))), 2)
        1.0
        >>> xavier_normal(784, 512, rng=0, dtype=np.float64).dtype
        dtype('float64')
        >>> xavier_normal(4, 3, dtype=np.int32)  # numpy's Generator draws only floats
        Traceback (most recent call last):
        ...
        TypeError: initialisers draw float32 or float64, got dtype int32
    """
    check_fans(fan_in, fan_out)
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return _normal(fan_in, fan_out, std, rng, dtype)


def xavier_uniform(
    fan_in: int, fan_out: int, *, rng: RngLike = None, dtype: Any = DEFAULT_DTYPE
) -> np.ndarray:
    r"""Xavier (Glorot) uniform: weights uniform on an interval centred on 0, variance :math:`2/(n_{in}+n_{out})`.

    The variance is that of :func:`xavier_normal`, with bounded values. Keras's default.

    Args:
        fan_in: Number of inputs of the layer (rows of W).
        fan_out: Number of outputs of the layer (columns of W).
        rng: A Generator (used as it is), an int seed, or None for fresh entropy (see
            ``as_generator``); numpy's global random state is neither read nor changed.
        dtype: float32 or float64, the dtype of the result.

    Returns:
        An array of shape ``(fan_in, fan_out)``, uniform on :math:`[-l, l)`, where the
        bound :math:`l` follows from the variance.

    Examples:
        >>> W = xavier_uniform(300, 100, rng=0)
        >>> type(W).__name__, W.shape, W.dtype
        ('ndarray', (300, 100), dtype('float32'))
        >>> xavier_uniform(3, 2, rng=0, dtype=np.float64).dtype
        dtype('float64')

        The uniform distribution on :math:`[-l, l)` has the variance :math:`l^2/3`. Every
        value lies inside, and among so many draws the largest and the smallest come
        close to the ends (a correct draw of ``W.size`` values misses ``0.999 * limit``
        with a probability of ``2 * 0.9995 ** W.size``, below ``1e-6``):

        >>> limit = np.sqrt(3 * 2 / (300 + 100))  # l**2 / 3 = 2 / (fan_in + fan_out)
        >>> bool(np.all(np.abs(W) <= np.float32(limit)))
        True
        >>> bool(W.max() > 0.999 * limit), bool(W.min() < -0.999 * limit)
        (True, True)
        >>> bool(2 * 0.9995 ** W.size < 1e-6)
        True

        The mean and the variance agree with those of :math:`U(-l, l)` within five
        standard errors of their estimates from :math:`n` draws: :math:`\sqrt{v/n}` for
        the mean and :math:`v\sqrt{0.8/n}` for the variance :math:`v` (the fourth moment
        of :math:`U(-l, l)` is :math:`l^4/5 = 1.8\,v^2`). An estimate that is nearly
        normal lands further out with a probability below ``1e-6``, whichever stream of
        random numbers a correct implementation draws:

        >>> n, v = W.size, limit**2 / 3
        >>> bool(abs(W.mean()) < 5 * np.sqrt(v / n)), bool(abs(W.var() - v) < 5 * v * np.sqrt(0.8 / n))
        (True, True)
        >>> import math
        >>> bool(math.erfc(5 / math.sqrt(2)) < 1e-6)  # P(|normal| > 5 standard deviations)
        True

        The same seed gives the same weights, another seed others; a Generator moves on
        from one call to the next; numpy's global state is not touched
        (:func:`~tinytorch_layers.init.rng_rules_broken` tries each rule):

        >>> from tinytorch_layers.init import rng_rules_broken
        >>> rng_rules_broken(xavier_uniform)
        []
    """
    check_fans(fan_in, fan_out)
    dtype = initializer_dtype(dtype)
    # BEGIN SOLUTION
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    unit = as_generator(rng).random((fan_in, fan_out), dtype=dtype.type)
    return ((2 * unit - 1) * limit).astype(dtype, copy=False)
    # END SOLUTION


def he_normal(
    fan_in: int, fan_out: int, *, rng: RngLike = None, dtype: Any = DEFAULT_DTYPE
) -> np.ndarray:
    r"""He (Kaiming) normal: zero-mean normal weights for a layer whose inputs come from ReLU.

    From He et al. (2015), "Delving deep into rectifiers": the variance is chosen so that
    the second moment of the pre-activations stays the same from one ReLU layer to the
    next, although ReLU sets about half of its inputs to zero. Also known as Kaiming
    normal. The arguments are those of :func:`xavier_uniform`: ``fan_in`` rows (the
    inputs of the layer) by ``fan_out`` columns (its outputs), drawn from ``rng`` (a
    Generator, used as it is, an int seed, or None for fresh entropy) in ``dtype``
    (float32 or float64); the result is an array of shape ``(fan_in, fan_out)``.

    Examples:
        >>> W = he_normal(1000, 200, rng=0)
        >>> type(W).__name__, W.shape, W.dtype, he_normal(3, 2, rng=0, dtype=np.float64).dtype
        ('ndarray', (1000, 200), dtype('float32'), dtype('float64'))

        Half of the second moment is lost in the ReLU, so ``fan_in * Var(W) = 2`` makes up
        for it. The mean and the variance agree within five standard errors of their
        estimates from :math:`n` normal draws (:math:`\sqrt{v/n}` and :math:`v\sqrt{2/n}`),
        and the tails are a normal distribution's, reaching beyond four standard deviations
        (a uniform one stops at :math:`\sqrt 3`):

        >>> n, v = W.size, 2 / 1000
        >>> bool(abs(W.mean()) < 5 * np.sqrt(v / n)), bool(abs(W.var() - v) < 5 * v * np.sqrt(2 / n))
        (True, True)
        >>> bool(np.abs(W).max() > 4 * np.sqrt(v))
        True

        Like every initialiser here, it keeps the rules of
        :func:`~tinytorch_layers.init.rng_rules_broken`: the same seed, the same weights; a
        Generator moves on; numpy's global state is untouched.

        >>> from tinytorch_layers.init import rng_rules_broken
        >>> rng_rules_broken(he_normal)
        []
    """
    check_fans(fan_in, fan_out)
    dtype = initializer_dtype(dtype)
    # BEGIN SOLUTION
    std = np.sqrt(2.0 / fan_in)
    return as_generator(rng).standard_normal((fan_in, fan_out), dtype=dtype.type) * dtype.type(std)
    # END SOLUTION


def lecun_normal(
    fan_in: int, fan_out: int, *, rng: RngLike = None, dtype: Any = DEFAULT_DTYPE
) -> np.ndarray:
    r"""LeCun normal: :math:`W_{ij} \sim \mathcal{N}(0, 1 / n_{in})`.

    From LeCun et al. (1998), "Efficient BackProp", where it was proposed for the scaled
    tanh :math:`1.7159 \tanh(2x/3)`: the output of a unit has the variance
    :math:`n_{in} \operatorname{Var}(W) \, \mathbb{E}[x^2] = \mathbb{E}[x^2]`, the second
    moment of its input. Also the recommended start for SELU. It takes the arguments of
    :func:`xavier_normal` and returns, like it, an array of shape ``(fan_in, fan_out)``.

    Examples:
        >>> W = lecun_normal(1000, 200, rng=0)
        >>> round(float(W.std() * np.sqrt(1000)), 2)
        1.0
        >>> bool(np.array_equal(W, lecun_normal(1000, 200, rng=0))), lecun_normal(2, 2, dtype=np.float64).dtype
        (True, dtype('float64'))
    """
    check_fans(fan_in, fan_out)
    std = np.sqrt(1.0 / fan_in)
    return _normal(fan_in, fan_out, std, rng, dtype)


def zeros(
    fan_in: int, fan_out: int, *, rng: RngLike = None, dtype: Any = DEFAULT_DTYPE
) -> np.ndarray:
    """All zeros: every output unit starts, and stays, identical (a cautionary example).

    ``rng`` is accepted so all initialisers share one signature; it draws nothing, but a
    bad value is still rejected, as it would be by the others.

    Examples:
        >>> zeros(2, 3).tolist()
        [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
        >>> zeros(2, 3).dtype, zeros(2, 3, dtype=np.float64).dtype  # float32 unless asked
        (dtype('float32'), dtype('float64'))
        >>> zeros(0, 3)  # every initialiser checks its fans, this one too
        Traceback (most recent call last):
        ...
        ValueError: fan_in must be a positive integer, got 0
        >>> zeros(2, 3.0)
        Traceback (most recent call last):
        ...
        TypeError: fan_out must be a positive integer, got 3.0
        >>> zeros(2, 3, rng="0")  # draws nothing, but refuses what the others refuse
        Traceback (most recent call last):
        ...
        TypeError: rng must be a numpy Generator, an int seed or None, got '0'
    """
    check_fans(fan_in, fan_out)
    as_generator(rng)  # validates only: a typo in rng should fail with every initialiser
    return np.zeros((fan_in, fan_out), dtype=dtype)


def _normal(fan_in: int, fan_out: int, std: float, rng: RngLike, dtype: Any) -> np.ndarray:
    """Draw ``N(0, std**2)`` samples of shape ``(fan_in, fan_out)``."""
    dtype = initializer_dtype(dtype)
    # standard_normal draws float32 directly, so no float64 temporary is made.
    return as_generator(rng).standard_normal((fan_in, fan_out), dtype=dtype.type) * dtype.type(std)


#: The initialisers by the names :class:`~tinytorch_layers.Dense` accepts.
INITIALIZERS: dict[str, Initializer] = {
    "xavier_normal": xavier_normal,
    "xavier_uniform": xavier_uniform,
    "he_normal": he_normal,
    "lecun_normal": lecun_normal,
    "zeros": zeros,
}


def get_initializer(init: str | Initializer) -> Initializer:
    """Look up an initialiser by name, or pass a callable through.

    Raises:
        ValueError: ``init`` is a name that is not in :data:`INITIALIZERS`.
        TypeError: ``init`` is neither a string nor a callable.

    Examples:
        >>> get_initializer("he_normal") is he_normal
        True
        >>> get_initializer("glorot")
        Traceback (most recent call last):
        ...
        ValueError: Unknown initialiser 'glorot'; choose one of: xavier_normal, xavier_uniform, he_normal, lecun_normal, zeros
        >>> get_initializer(0.01)  # a scale is not an initialiser
        Traceback (most recent call last):
        ...
        TypeError: init must be a name or a callable, got 0.01
    """
    if isinstance(init, str):
        if init not in INITIALIZERS:
            names = ", ".join(INITIALIZERS)
            raise ValueError(f"Unknown initialiser {init!r}; choose one of: {names}")
        return INITIALIZERS[init]
    if callable(init):
        return init
    raise TypeError(f"init must be a name or a callable, got {init!r}")
