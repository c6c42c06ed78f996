"""matmul: the triple loop checked against numpy's ``@``, plus its shape errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tinytorch_layers import Tensor, matmul
from tinytorch_layers.matmul import check_matmul_shapes

# The loop runs m*n*p Python steps, so dimensions stay small, and more cases are cheap.
SMALL = settings(max_examples=60)
dims = st.integers(min_value=0, max_value=6)
finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, width=64)


@st.composite
def matrix_pairs(draw, dtype=np.float64):
    """Two matrices of shapes (m, n) and (n, p), any of m, n, p possibly zero."""
    m, n, p = draw(dims), draw(dims), draw(dims)
    elements = finite if dtype == np.float64 else finite.map(np.float32)
    A = draw(arrays(dtype, (m, n), elements=elements))
    B = draw(arrays(dtype, (n, p), elements=elements))
    return A, B


def _assert_matches_numpy(C, A, B, rtol):
    expected = A @ B
    assert C.shape == expected.shape
    assert C.dtype == expected.dtype
    # The loop adds in a different order from BLAS; allow rounding relative to the size of
    # the terms, since cancellation can make the sum itself tiny.
    scale = np.abs(A) @ np.abs(B)
    np.testing.assert_allclose(C, expected, rtol=rtol, atol=float(rtol * scale.max(initial=0)))


@SMALL
@given(matrix_pairs())
def test_matches_numpy_float64(pair):
    A, B = pair
    _assert_matches_numpy(matmul(A, B), A, B, rtol=1e-12)


@SMALL
@given(matrix_pairs(dtype=np.float32))
def test_matches_numpy_float32(pair):
    A, B = pair
    _assert_matches_numpy(matmul(A, B), A, B, rtol=1e-5)


@SMALL
@given(m=dims, p=dims)
def test_zero_inner_dimension_gives_zero_matrix(m, p):
    C = matmul(np.ones((m, 0)), np.ones((0, p)))
    assert C.shape == (m, p)
    assert np.all(C == 0)


@pytest.mark.parametrize(("m", "n", "p"), [(0, 3, 2), (2, 3, 0), (0, 0, 0)])
def test_zero_outer_dimensions_give_empty_result(m, n, p):
    assert matmul(np.ones((m, n)), np.ones((n, p))).shape == (m, p)


def test_small_product_by_hand():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    B = np.array([[5.0, 6.0], [7.0, 8.0]])
    # 1*5 + 2*7 = 19, 1*6 + 2*8 = 22, 3*5 + 4*7 = 43, 3*6 + 4*8 = 50
    np.testing.assert_array_equal(matmul(A, B), [[19.0, 22.0], [43.0, 50.0]])


def test_nan_propagates_to_its_row_and_column_only():
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((3, 4)), rng.standard_normal((4, 5))
    A[1, 2] = np.nan
    C = matmul(A, B)
    assert np.all(np.isnan(C[1]))
    assert not np.any(np.isnan(np.delete(C, 1, axis=0)))
    B[0, 3] = np.nan
    assert np.all(np.isnan(matmul(A, B)[:, 3]))


def test_ndarrays_in_ndarray_out():
    C = matmul(np.eye(2), np.ones((2, 3)))
    assert type(C) is np.ndarray


@pytest.mark.parametrize(
    ("left_is_tensor", "right_is_tensor"), [(True, True), (True, False), (False, True)]
)
def test_a_tensor_in_gives_a_tensor_out(left_is_tensor, right_is_tensor):
    rng = np.random.default_rng(1)
    A = rng.standard_normal((3, 4)).astype(np.float32)
    B = rng.standard_normal((4, 2)).astype(np.float32)
    C = matmul(Tensor(A) if left_is_tensor else A, Tensor(B) if right_is_tensor else B)
    assert isinstance(C, Tensor)
    np.testing.assert_allclose(C.data, A @ B, rtol=1e-5, atol=1e-6)


def test_nested_lists_are_accepted():
    np.testing.assert_array_equal(matmul([[1, 2, 3]], [[4], [5], [6]]), [[32.0]])


@pytest.mark.parametrize(
    ("a_dtype", "b_dtype", "expected"),
    [
        (np.float32, np.float32, np.float32),
        (np.float32, np.float64, np.float64),
        (np.int64, np.int64, np.float32),  # integers follow the Tensor dtype rule
    ],
)
def test_result_dtype(a_dtype, b_dtype, expected):
    assert matmul(np.ones((2, 2), a_dtype), np.ones((2, 2), b_dtype)).dtype == expected


def test_inputs_are_not_modified():
    A, B = np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4)
    A_before, B_before = A.copy(), B.copy()
    matmul(A, B)
    np.testing.assert_array_equal(A, A_before)
    np.testing.assert_array_equal(B, B_before)


@pytest.mark.parametrize(
    ("a_shape", "b_shape", "named"),
    [
        ((3,), (3, 2), r"A has shape \(3,\)"),
        ((2, 3), (3,), r"B has shape \(3,\)"),
        ((2, 2, 3), (3, 2), r"A has shape \(2, 2, 3\)"),
        ((2, 3), (1, 3, 2), r"B has shape \(1, 3, 2\)"),
        ((), (1, 1), r"A has shape \(\)"),
    ],
)
def test_non_2d_operands_are_rejected_naming_the_shape(a_shape, b_shape, named):
    with pytest.raises(ValueError, match=named):
        matmul(np.ones(a_shape), np.ones(b_shape))


def test_mismatch_message_names_both_shapes():
    with pytest.raises(ValueError) as info:
        matmul(np.zeros((32, 784)), np.zeros((10, 784)))
    message = str(info.value)
    assert message.startswith("Incompatible matrix dimensions")
    assert "32x784" in message and "10x784" in message


def test_mismatch_with_tensors_too():
    with pytest.raises(ValueError, match="^Incompatible matrix dimensions.*1x2.*3x1"):
        matmul(Tensor([[1, 2]]), Tensor([[3], [4], [5]]))


def test_check_matmul_shapes_accepts_compatible_shapes():
    assert check_matmul_shapes((32, 784), (784, 10)) is None
    assert check_matmul_shapes((0, 0), (0, 5)) is None


@pytest.mark.parametrize(("a", "b"), [(np.float32, np.float64), (np.float64, np.float32)])
def test_result_dtype_is_the_promotion_of_both_operands(a, b):
    assert matmul(np.ones((2, 2), a), np.ones((2, 2), b)).dtype == np.float64
