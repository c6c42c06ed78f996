r"""Handwritten digits, split and standardised for training (needs scikit-learn)."""

from __future__ import annotations

import importlib.util
import numbers
from pathlib import Path

import numpy as np

from .init import RngLike, as_generator

__all__ = ["load_digits_split"]

INSTALL_HINT = (
    "load_digits_split needs scikit-learn, which tinytorch_layers does not install by "
    "itself: pip install scikit-learn (or pip install 'tinytorch_layers[book]')"
)


def stratified_indices(
    labels: np.ndarray, test_fraction: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled train and test row indices, every class with its share of the test set.

    The test set has ``ceil(test_fraction * n)`` rows, as in scikit-learn's
    ``train_test_split``; class ``c`` gets ``floor(test_fraction * n_c)`` of them, and the
    rows left over go to the classes with the largest remainders. So every class has
    within one row of its exact share, and a small test set is not short of one digit.

    Examples:
        >>> labels = np.array([0] * 10 + [1] * 5)
        >>> train, test = stratified_indices(labels, 0.2, np.random.default_rng(0))
        >>> len(train), sorted(labels[test].tolist())
        (12, [0, 0, 1])

        Three test rows from 6 + 4: the exact shares are 1.5 and 1.0, so each class gets
        one and the larger remainder (class 0) the third. Every row is used once:

        >>> labels = np.array([0] * 6 + [1] * 4)
        >>> train, test = stratified_indices(labels, 0.25, np.random.default_rng(0))
        >>> np.bincount(labels[test]).tolist(), sorted(np.concatenate([train, test]).tolist())
        ([2, 1], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    """
    classes, counts = np.unique(labels, return_counts=True)
    exact = test_fraction * counts
    per_class = np.floor(exact).astype(int)
    missing = int(np.ceil(test_fraction * len(labels))) - int(per_class.sum())
    # stable sort: equal remainders are served in class order
    per_class[np.argsort(-(exact - per_class), kind="stable")[:missing]] += 1
    train_parts, test_parts = [], []
    for label, n_test in zip(classes, per_class):
        members = rng.permutation(np.flatnonzero(labels == label))
        test_parts.append(members[:n_test])
        train_parts.append(members[n_test:])
    train = rng.permutation(np.concatenate(train_parts))
    test = rng.permutation(np.concatenate(test_parts))
    return train, test


def load_digits_split(
    test_fraction: float = 0.2, rng: RngLike = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""scikit-learn's 1,797 8x8 digits as standardised float32 ``x_train, y_train, x_test, y_test``.

    The images come with scikit-learn (``sklearn.datasets.load_digits``; nothing is
    downloaded): 64 pixels with values 0 to 16, labels 0 to 9. The split is stratified
    (every digit has the same share of the test set) and shuffled with ``rng``. Each pixel
    is then standardised, :math:`(x - \mu) / \sigma`, with the mean and standard deviation
    of the **training** rows only: the test set plays the part of data not seen yet, so
    nothing about it may shape the model. Pixels that are constant in the training set
    (in the default split, the top-left corner and the first and last pixels of row 4,
    counting from 0, which are 0 in every image) have :math:`\sigma = 0`; they are only
    centred.

    The file is read directly from the installed scikit-learn, as ``load_digits`` reads it,
    without importing scikit-learn: that import takes seconds, the file a few milliseconds.

    Args:
        test_fraction: The share of each digit held out for the test set, in (0, 1).
        rng: A :class:`numpy.random.Generator` or an int seed for the shuffles.

    Returns:
        ``x_train (n_train, 64)`` and ``x_test (n_test, 64)`` in float32, ``y_train`` and
        ``y_test`` in int64.

    Raises:
        ImportError: scikit-learn is not installed; the message says what to install.
        ValueError: ``test_fraction`` is not strictly between 0 and 1, or leaves a split
            empty.

    Examples:
        >>> x_train, y_train, x_test, y_test = load_digits_split()
        >>> x_train.shape, x_test.shape, x_train.dtype, y_train.dtype
        ((1437, 64), (360, 64), dtype('float32'), dtype('int64'))
        >>> np.bincount(y_test).tolist()  # 35 to 37 of each digit
        [36, 37, 35, 37, 36, 36, 36, 36, 35, 36]
        >>> round(float(x_train.mean()), 6), round(float(x_train[:, 10].std()), 4)
        (0.0, 1.0)
        >>> bool(np.array_equal(x_test, load_digits_split(rng=0)[2]))  # the default seed is 0
        True
        >>> for bad in (0, 1, 20):  # a fraction strictly between 0 and 1, not a percentage
        ...     try:
        ...         load_digits_split(test_fraction=bad)
        ...     except ValueError as error:
        ...         print(error)
        test_fraction must be between 0 and 1 (exclusive), got 0
        test_fraction must be between 0 and 1 (exclusive), got 1
        test_fraction must be between 0 and 1 (exclusive), got 20
        >>> load_digits_split(test_fraction=0.9999)  # every digit rounds up to the test set
        Traceback (most recent call last):
        ...
        ValueError: test_fraction=0.9999 leaves 0 training and 1797 test images; choose a fraction that keeps both non-empty
        >>> load_digits_split(test_fraction=0.0005)[2].shape  # ceil(0.0005 * 1797) = 1 test image
        (1, 64)
        >>> load_digits_split(test_fraction="0.2")
        Traceback (most recent call last):
        ...
        TypeError: test_fraction must be a number, got '0.2'
    """
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, numbers.Real):
        raise TypeError(f"test_fraction must be a number, got {test_fraction!r}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    generator = as_generator(rng)
    images, labels = _read_digits()
    train, test = stratified_indices(labels, float(test_fraction), generator)
    if len(train) == 0 or len(test) == 0:
        raise ValueError(
            f"test_fraction={test_fraction!r} leaves {len(train)} training and {len(test)} "
            f"test images; choose a fraction that keeps both non-empty"
        )
    mean = images[train].mean(axis=0)
    std = images[train].std(axis=0)
    std[std == 0] = 1.0  # a constant pixel: centre it, do not divide by zero
    standardised = ((images - mean) / std).astype(np.float32)
    return standardised[train], labels[train], standardised[test], labels[test]


def _read_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 digits as float64 pixels ``(1797, 64)`` and int64 labels, from scikit-learn's file.

    ``sklearn.datasets.load_digits`` reads ``datasets/data/digits.csv.gz`` of the package:
    one image per row, 64 pixel values, then the label. Finding the package does not
    import it.
    """
    try:
        spec = importlib.util.find_spec("sklearn")
    except (ImportError, ValueError) as error:
        raise ImportError(INSTALL_HINT) from error
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(INSTALL_HINT)
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data" / "digits.csv.gz"
    if not path.is_file():
        raise ImportError(f"this scikit-learn has no digits file at {path}. {INSTALL_HINT}")
    table = np.loadtxt(path, delimiter=",")
    return table[:, :-1], table[:, -1].astype(np.int64)
