"""load_digits_split: shapes, stratification, training-only statistics, and no eager sklearn."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tinytorch_layers import load_digits_split
from tinytorch_layers.data import stratified_indices

sklearn_datasets = pytest.importorskip("sklearn.datasets", reason="scikit-learn is not installed")


@pytest.fixture(scope="module")
def split():
    return load_digits_split()


def test_shapes_dtypes_and_sizes(split):
    x_train, y_train, x_test, y_test = split
    assert x_train.shape == (1437, 64) and x_test.shape == (360, 64)
    assert x_train.dtype == x_test.dtype == np.float32
    assert y_train.dtype == y_test.dtype == np.int64
    assert y_train.shape == (1437,) and y_test.shape == (360,)


def test_rows_are_the_images_standardised_with_training_statistics_only(split):
    x_train, y_train, x_test, y_test = split
    digits = sklearn_datasets.load_digits()
    train, test = stratified_indices(digits.target, 0.2, np.random.default_rng(0))
    raw_train, raw_test = digits.data[train], digits.data[test]
    np.testing.assert_array_equal(y_train, digits.target[train])
    np.testing.assert_array_equal(y_test, digits.target[test])
    mean, std = raw_train.mean(axis=0), raw_train.std(axis=0)
    std[std == 0] = 1.0
    np.testing.assert_allclose(x_train, (raw_train - mean) / std, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(x_test, (raw_test - mean) / std, rtol=1e-6, atol=1e-6)
    # training columns are standardised; the test set, seen through them, is not exactly
    varying = digits.data[train].std(axis=0) > 0
    np.testing.assert_allclose(x_train.mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(x_train[:, varying].std(axis=0), 1.0, rtol=1e-4)
    assert abs(float(x_test.mean())) > 1e-3


def test_train_and_test_are_disjoint_and_cover_the_data_set():
    digits = sklearn_datasets.load_digits()
    train, test = stratified_indices(digits.target, 0.2, np.random.default_rng(0))
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(len(digits.target)))


def test_stratified_every_digit_has_its_share(split):
    _, y_train, _, y_test = split
    digits = sklearn_datasets.load_digits()
    share = 0.2 * np.bincount(digits.target)
    assert np.all(np.abs(np.bincount(y_test) - share) < 1)  # each digit within one of its share
    assert len(y_test) == int(np.ceil(0.2 * len(digits.target)))  # 360, as train_test_split


def test_same_rng_same_split_other_rng_other_split():
    a = load_digits_split(rng=1)
    b = load_digits_split(rng=np.random.default_rng(1))
    c = load_digits_split(rng=2)
    for left, right in zip(a, b):
        np.testing.assert_array_equal(left, right)
    assert not np.array_equal(a[3], c[3])


def test_constant_pixels_are_centred_not_divided_by_zero(split):
    x_train, _, x_test, _ = split
    digits = sklearn_datasets.load_digits()
    constant = digits.data.std(axis=0) == 0  # pixel 0 is always blank
    assert constant.any()
    assert np.all(x_train[:, constant] == 0) and np.all(x_test[:, constant] == 0)


@pytest.mark.parametrize("fraction", [0, 1, -0.1, 1.5])
def test_bad_test_fraction_is_refused(fraction):
    with pytest.raises(ValueError, match="test_fraction must be between 0 and 1"):
        load_digits_split(test_fraction=fraction)


def test_fraction_that_empties_a_split_is_refused():
    with pytest.raises(ValueError, match="leaves 0 training and 1797 test images"):
        load_digits_split(test_fraction=0.9999)


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


def test_importing_the_package_does_not_import_sklearn():
    result = run_python("""
        import sys
        import tinytorch_layers
        import tinytorch_layers.exercises
        print(sorted(name for name in sys.modules if name.split('.')[0] == 'sklearn'))
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_without_sklearn_the_error_says_what_to_install():
    # A meta path finder that refuses sklearn stands in for an environment without it.
    result = run_python("""
        import sys
        class NoSklearn:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] == 'sklearn':
                    raise ImportError('No module named ' + repr(name))
        sys.meta_path.insert(0, NoSklearn())
        from tinytorch_layers import load_digits_split
        try:
            load_digits_split()
        except ImportError as error:
            print(error)
    """)
    assert result.returncode == 0, result.stderr
    assert "pip install scikit-learn" in result.stdout


def test_left_over_rows_go_to_the_largest_remainders_in_class_order():
    # Half of each class: classes of three rows have a remainder of 0.5, classes of two none.
    # Ten test rows by floor, 13 by ceil(25 / 2): the three left over go to the first three
    # classes of three rows (1, 3, 4), not to others with the same remainder (6, 9).
    counts = [2, 3, 2, 3, 3, 2, 3, 2, 2, 3]
    labels = np.repeat(np.arange(10), counts)
    _, test = stratified_indices(labels, 0.5, np.random.default_rng(0))
    assert np.bincount(labels[test]).tolist() == [1, 2, 1, 2, 2, 1, 1, 1, 1, 1]


def test_a_left_over_row_goes_to_the_larger_remainder_not_the_larger_class():
    # 8 and 3 rows at one half: exact shares 4 and 1.5; the sixth test row goes to class 1.
    labels = np.array([0] * 8 + [1] * 3)
    _, test = stratified_indices(labels, 0.5, np.random.default_rng(0))
    assert np.bincount(labels[test]).tolist() == [4, 2]


@pytest.mark.parametrize("fraction", ["0.2", True, None])
def test_a_test_fraction_that_is_not_a_number_is_a_type_error(fraction):
    with pytest.raises(TypeError, match=f"test_fraction must be a number, got {fraction!r}"):
        load_digits_split(test_fraction=fraction)


def test_a_test_set_of_one_image_is_allowed():
    x_train, _, x_test, y_test = load_digits_split(test_fraction=0.0005)  # ceil(0.9) = 1 row
    assert x_train.shape == (1796, 64) and x_test.shape == (1, 64) and y_test.shape == (1,)


def test_without_a_findable_sklearn_the_error_says_what_to_install(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImportError, match="pip install scikit-learn"):
        load_digits_split()


def test_an_sklearn_without_the_digits_file_is_named_in_the_error(monkeypatch, tmp_path):
    import importlib.machinery
    import importlib.util

    spec = importlib.machinery.ModuleSpec("sklearn", None, is_package=True)
    spec.submodule_search_locations = [str(tmp_path)]
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(ImportError, match=r"this scikit-learn has no digits file at .*digits\.csv\.gz"):
        load_digits_split()
