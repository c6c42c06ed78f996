"""Tensor: construction, the dtype rule, errors, repr, arithmetic and numpy interop."""

from __future__ import annotations

import operator
import re

import numpy as np
import pytest

from tinytorch_layers import DEFAULT_DTYPE, Tensor
from tinytorch_layers.checks import as_array


def test_default_dtype_is_float32():
    assert DEFAULT_DTYPE == np.float32


def test_built_from_nested_lists():
    t = Tensor([[1, 2, 3], [4, 5, 6]])
    assert isinstance(t.data, np.ndarray)
    assert t.shape == (2, 3)
    assert t.ndim == 2
    assert t.size == 6
    assert t.dtype == np.float32
    np.testing.assert_array_equal(t.data, [[1, 2, 3], [4, 5, 6]])


@pytest.mark.parametrize(
    ("data", "expected_dtype"),
    [
        pytest.param([1, 2, 3], np.float32, id="int-list"),
        pytest.param([True, False], np.float32, id="bool-list"),
        pytest.param([[0.5, 1.5]], np.float32, id="float-list"),
        pytest.param((0.5, 1), np.float32, id="tuple"),
        pytest.param(3, np.float32, id="python-int"),
        pytest.param(2.5, np.float32, id="python-float"),
        pytest.param(True, np.float32, id="python-bool"),
        pytest.param(np.arange(3), np.float32, id="int64-array"),
        pytest.param(np.array([True, False]), np.float32, id="bool-array"),
        pytest.param(np.arange(3, dtype=np.uint8), np.float32, id="uint8-array"),
        pytest.param(np.zeros(3, dtype=np.float64), np.float64, id="float64-array-kept"),
        pytest.param(np.zeros(3, dtype=np.float32), np.float32, id="float32-array-kept"),
        pytest.param(np.zeros(3, dtype=np.float16), np.float16, id="float16-array-kept"),
        pytest.param(np.float64(1.0), np.float64, id="numpy-float64-scalar-kept"),
    ],
)
def test_dtype_rule(data, expected_dtype):
    # One rule: things without a float dtype of their own (ints, bools, Python numbers and
    # lists) become DEFAULT_DTYPE; a numpy float array or scalar keeps its dtype.
    assert Tensor(data).dtype == expected_dtype


def test_same_numbers_written_as_ints_or_floats_give_the_same_tensor():
    as_ints, as_floats = Tensor([[1, 2], [3, 4]]), Tensor([[1.0, 2.0], [3.0, 4.0]])
    assert as_ints.dtype == as_floats.dtype
    np.testing.assert_array_equal(as_ints.data, as_floats.data)


def test_explicit_dtype_overrides_the_rule():
    assert Tensor([1, 2], dtype=np.float64).dtype == np.float64
    assert Tensor(np.zeros(2), dtype=np.float32).dtype == np.float32


def test_tensor_of_tensor_keeps_dtype_and_values():
    inner = Tensor(np.array([1.0, 2.0]))
    outer = Tensor(inner)
    assert outer.dtype == np.float64
    np.testing.assert_array_equal(outer.data, inner.data)


@pytest.mark.parametrize(
    "ragged", [[[1, 2], [3]], [[1, 2], [3, [4]]], [[[1, 2]], [[3]]]], ids=["row", "nested", "deep"]
)
def test_ragged_list_is_a_clear_value_error(ragged):
    with pytest.raises(ValueError, match="ragged"):
        Tensor(ragged)


@pytest.mark.parametrize(
    "bad",
    ["abc", b"abc", ["a", "b"], None, object(), {"a": 1}, 1 + 2j, [1j, 2]],
    ids=["str", "bytes", "str-list", "None", "object", "dict", "complex", "complex-list"],
)
def test_non_numeric_input_is_a_type_error(bad):
    with pytest.raises(TypeError, match="numeric"):
        Tensor(bad)


def test_repr_shows_values_and_dtype():
    assert repr(Tensor([[1, 2], [3, 4]])) == (
        "Tensor([[1., 2.],\n        [3., 4.]], dtype=float32)"
    )
    assert repr(Tensor(np.array([0.5]))) == "Tensor([0.5], dtype=float64)"


# --- arithmetic -----------------------------------------------------------------------

ELEMENTWISE = [operator.add, operator.sub, operator.mul, operator.truediv]
LEFT = np.array([[1.0, -2.0], [3.0, 4.0]], dtype=np.float32)
RIGHT = np.array([[0.5, 2.0], [-1.5, 8.0]], dtype=np.float32)


def _other_forms(array):
    """The same right-hand operand as a Tensor, an ndarray and a nested list."""
    return {"tensor": Tensor(array), "ndarray": array, "list": array.tolist()}


@pytest.mark.parametrize("op", ELEMENTWISE + [operator.matmul], ids=lambda op: op.__name__)
@pytest.mark.parametrize("form", ["tensor", "ndarray", "list"])
def test_tensor_op_other_returns_tensor_matching_numpy(op, form):
    other = _other_forms(RIGHT)[form]
    result = op(Tensor(LEFT), other)
    assert isinstance(result, Tensor)
    assert result.dtype == np.float32
    np.testing.assert_allclose(result.data, op(LEFT, RIGHT), rtol=1e-6)


@pytest.mark.parametrize("op", ELEMENTWISE + [operator.matmul], ids=lambda op: op.__name__)
@pytest.mark.parametrize("form", ["ndarray", "list"])
def test_other_op_tensor_returns_tensor_matching_numpy(op, form):
    # ndarray + Tensor must reach Tensor.__radd__ rather than numpy's own loop.
    other = _other_forms(LEFT)[form]
    result = op(other, Tensor(RIGHT))
    assert isinstance(result, Tensor)
    np.testing.assert_allclose(result.data, op(LEFT, RIGHT), rtol=1e-6)


@pytest.mark.parametrize("op", ELEMENTWISE, ids=lambda op: op.__name__)
@pytest.mark.parametrize("scalar", [3, 2.5, np.float32(2.5)], ids=["int", "float", "np.float32"])
def test_scalar_on_either_side(op, scalar):
    t = Tensor(LEFT)
    right, left = op(t, scalar), op(scalar, t)
    assert isinstance(right, Tensor) and isinstance(left, Tensor)
    # A Python or float32 scalar must not promote float32 data to float64.
    assert right.dtype == left.dtype == np.float32
    np.testing.assert_allclose(right.data, op(LEFT, np.float32(scalar)), rtol=1e-6)
    np.testing.assert_allclose(left.data, op(np.float32(scalar), LEFT), rtol=1e-6)


def test_arithmetic_does_not_modify_operands():
    a, b = Tensor(LEFT.copy()), Tensor(RIGHT.copy())
    _ = a + b, a - b, a * b, a / b, a @ b, -a
    np.testing.assert_array_equal(a.data, LEFT)
    np.testing.assert_array_equal(b.data, RIGHT)


def test_negation():
    result = -Tensor(LEFT)
    assert isinstance(result, Tensor)
    np.testing.assert_array_equal(result.data, -LEFT)


# --- numpy interop --------------------------------------------------------------------


def test_asarray_gives_the_data_back_without_copying():
    t = Tensor(LEFT)
    assert np.asarray(t) is t.data
    assert t.numpy() is t.data


def test_array_protocol_dtype_and_copy():
    t = Tensor(LEFT)
    as_f64 = np.asarray(t, dtype=np.float64)
    assert as_f64.dtype == np.float64
    np.testing.assert_array_equal(as_f64, LEFT)
    copied = np.array(t)  # np.array copies by default
    assert not np.shares_memory(copied, t.data)
    with pytest.raises(ValueError, match="without a copy"):
        np.array(t, dtype=np.float64, copy=False)


def test_numpy_functions_accept_a_tensor():
    t = Tensor(LEFT)
    assert float(np.sum(t)) == pytest.approx(float(LEFT.sum()))
    np.testing.assert_array_equal(np.maximum(t, 0), np.maximum(LEFT, 0))


def test_len_and_indexing():
    t = Tensor(LEFT)
    assert len(t) == 2
    row = t[1]
    assert isinstance(row, Tensor)
    np.testing.assert_array_equal(row.data, LEFT[1])
    assert isinstance(t[0, 1], Tensor) and float(t[0, 1].data) == -2.0


# --- gradients ----------------------------------------------------------------------


def test_grad_is_none_until_filled_for_every_way_of_making_a_tensor():
    assert Tensor([1.0]).grad is None
    assert (Tensor([1.0]) + 1).grad is None  # made by _wrap
    assert Tensor([[1.0, 2.0]])[0].grad is None


def test_accumulate_grad_stores_then_adds_in_the_tensor_dtype():
    t = Tensor(np.zeros((2, 2), dtype=np.float32))
    first = np.ones((2, 2), dtype=np.float32)
    t.accumulate_grad(first)
    assert t.grad is first  # a fresh gradient is stored without a copy
    t.accumulate_grad(np.full((2, 2), 2.0))  # float64 in, float32 kept
    assert t.grad.dtype == np.float32 and t.grad.tolist() == [[3.0, 3.0], [3.0, 3.0]]
    with pytest.raises(ValueError, match=r"gradient of shape \(4,\) does not match the tensor's shape \(2, 2\)"):
        t.accumulate_grad(np.ones(4))


def test_a_float64_first_gradient_is_converted():
    t = Tensor(np.zeros(3, dtype=np.float32))
    t.accumulate_grad(np.ones(3))
    assert t.grad.dtype == np.float32


def test_non_numeric_data_names_its_dtype_and_type():
    with pytest.raises(TypeError, match="got dtype complex128 from list$"):
        Tensor([1 + 2j])


def test_float_array_with_its_own_dtype_is_not_copied():
    a = np.zeros(3)
    assert Tensor(a, dtype=np.float64).data is a
    g = np.ones(3, dtype=np.float32)
    t = Tensor(np.zeros(3, dtype=np.float32))
    t.accumulate_grad(g)
    assert t.grad is g  # documented: a first gradient of the right dtype is stored as it is


# --- as_array: the one input conversion of the layers, the activations and the loss ---


def test_as_array_returns_the_common_inputs_without_a_copy():
    a = np.ones((2, 3), dtype=np.float32)
    assert as_array(a) is a
    assert as_array(a, np.dtype(np.float32)) is a
    assert as_array(Tensor(a)) is a
    assert as_array(Tensor(a), np.dtype(np.float32)) is a
    assert as_array(np.ones(2, dtype=np.float16)).dtype == np.float16  # floats keep theirs
    # A dtype equal to the one asked for but another object (numpy makes one for an explicit
    # byte order) is cast with copy=False: still the caller's array.
    native = np.ones(2, dtype=np.dtype(np.float32).newbyteorder("="))
    assert as_array(native, np.dtype(np.float32)) is native


@pytest.mark.parametrize(
    "data",
    [np.ones(3), np.arange(3), np.array([True, False, True]), [1, 2, 3], [0.1, 0.2, 0.3], 3, 0.1,
     np.ones(3, dtype=">f4")],
    ids=["float64", "int64", "bool", "int-list", "float-list", "int", "float", "big-endian"],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_as_array_with_a_dtype_casts_once(data, dtype):
    array = as_array(data, np.dtype(dtype))
    assert array.dtype == dtype
    # One cast from the input's own values: a float64 target sees no float32 rounding.
    np.testing.assert_array_equal(array, np.asarray(data, dtype=np.float64).astype(dtype))


def test_as_array_without_a_dtype_follows_the_tensor_rule():
    for data in ([1, 2], np.arange(2), 2.5, np.zeros(2, dtype=np.float64), np.float64(1.5)):
        assert as_array(data).dtype == Tensor(data).dtype


def test_as_array_does_not_change_the_callers_array():
    a = np.arange(6.0).reshape(2, 3)
    converted = as_array(a, np.dtype(np.float32))
    converted[...] = 0
    np.testing.assert_array_equal(a, np.arange(6.0).reshape(2, 3))
    assert a.dtype == np.float64


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ("3", TypeError, "Tensor data must be numeric, got a string: '3'"),
        (np.array([1 + 2j]), TypeError, "got dtype complex128 from ndarray"),
        ([[1, 2], [3]], ValueError, "Tensor data is ragged"),
        (np.array(["a"]), TypeError, "got dtype <U1 from ndarray"),
    ],
    ids=["string", "complex-array", "ragged", "string-array"],
)
@pytest.mark.parametrize("dtype", [None, np.dtype(np.float32)], ids=["no-dtype", "float32"])
def test_as_array_refuses_what_tensor_refuses(data, error, message, dtype):
    with pytest.raises(error, match=re.escape(message)):
        as_array(data, dtype)
    with pytest.raises(error, match=re.escape(message)):
        Tensor(data)


def _calls_that_convert_an_input():
    """Every place a module turns a caller's input into an array: forward and backward."""
    from tinytorch_layers import (Dense, ReLU, ScaleShift, Sigmoid, Softmax,
                                  SoftmaxCrossEntropy, Tanh)

    def backward_of(module, x):
        def call(grad):
            module(x)
            return module.backward(grad)
        return call

    x = np.ones((1, 3), dtype=np.float32)
    calls = {"SoftmaxCrossEntropy": lambda z: SoftmaxCrossEntropy()(z, np.array([0]))}
    for make in (lambda: Dense(3, 3, rng=0), lambda: ScaleShift(3), ReLU, Sigmoid, Tanh, Softmax):
        name = type(make()).__name__
        calls[name] = make()
        calls[f"{name}.backward"] = backward_of(make(), x)
    return calls


CONVERTING_CALLS = _calls_that_convert_an_input()


@pytest.mark.parametrize("name", list(CONVERTING_CALLS))
def test_every_module_refuses_bad_input_with_the_tensor_errors(name):
    call = CONVERTING_CALLS[name]
    with pytest.raises(ValueError, match=re.escape("Tensor data is ragged")):
        call([[1, 2, 3], [4, 5]])
    with pytest.raises(TypeError, match=re.escape("Tensor data must be numeric, got a string")):
        call("abc")
    with pytest.raises(TypeError, match=re.escape("got dtype complex128 from ndarray")):
        call(np.full((1, 3), 1 + 2j))
    # ...and takes nested lists as Tensor does.
    assert call([[0.5, 1.0, 2.0]]) is not None
