"""The question exercises of the book, each checked against the package's own computation.

Every expected answer is computed when the check runs: a shape by running the layer, a
count or a size by the package's cost model, a gradient by ``numerical_gradient``, a
lowest loss by training with the package's loss and optimiser. Typical wrong answers are
computed the same way (float64's bytes, the FLOPs halved), so that a hint can name the
mistake; no right value is written down here, and none is shown to the learner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import numpy as np

from .. import (SGD, Dense, Sigmoid, SoftmaxCrossEntropy, Tensor, dense_backward_flops, dense_forward_flops,
                dense_memory_bytes, dense_parameter_count, matmul, numerical_gradient)
from .questions import Ask, NotAnswered, Outcome, Question, agrees, call_learner, function_answer, value_answer

__all__ = ["QUESTIONS"]

MADDS = "it counts multiply-adds; a multiply-add is two FLOPs"
FLOAT64 = "that is eight bytes a number (float64); the layer is float32"


def _choice(options: Iterable[str], right: Callable[[str], bool], hints: dict[str, str]) -> Callable[[object], Outcome]:
    """A judge for an answer that picks one of ``options`` (strings); ``right(option)`` runs it to see."""

    spelled = {"".join(option.split()): option for option in options}  # spaces do not matter

    def judge(value: object) -> Outcome:
        chosen = spelled.get("".join(value.split())) if isinstance(value, str) else None
        if chosen is None:
            return Outcome(0, 1, "answer with one of the strings the comment lists, as written there")
        if right(chosen):
            return Outcome(1, 1)
        return Outcome(0, 1, hints.get(chosen, "it does not agree with what the package computes"))

    return judge


def _raises(compute: Callable[[], object]) -> bool:
    try:
        compute()
    except ValueError:
        return True
    return False


# ---------------------------------------------------------------------------------- matmul
@cache
def _a_and_b() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.standard_normal((3, 5)), rng.standard_normal((5, 2))


def _product() -> np.ndarray:
    return matmul(*_a_and_b())


def _outer_terms_judge(value: object) -> Outcome:
    """Right if the sum of that many outer products (column k of A times row k of B) is A @ B."""
    a, b = _a_and_b()
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        return Outcome(0, 1, "it should be a positive int")
    if value > a.shape[1]:
        return Outcome(0, 1, "there are not that many columns of A to take an outer product of")
    total = sum(np.outer(a[:, k], b[k, :]) for k in range(int(value)))
    if np.allclose(total, _product()):
        return Outcome(1, 1)
    return Outcome(0, 1, "the sum has one term for each index the product sums over")


_TRANSPOSES = {"B.T @ A.T": lambda: matmul(_a_and_b()[1].T, _a_and_b()[0].T),
               "A.T @ B.T": lambda: matmul(_a_and_b()[0].T, _a_and_b()[1].T)}


def _linear_weight_and_input() -> tuple[np.ndarray, np.ndarray]:
    a, b = _a_and_b()
    return b.T, a  # nn.Linear(5, 2) stores (out, in) = B.T; the batch x is A


def _torch_output() -> np.ndarray:
    """The output of a Dense(5, 2) holding the layer's weights, (in, out)."""
    weight, x = _linear_weight_and_input()
    layer = Dense(5, 2, dtype=np.float64)
    layer.weights, layer.bias = Tensor(weight.T), Tensor(np.zeros(2))
    return layer(x).data


_TORCH = {
    "x @ weight": lambda: matmul(_linear_weight_and_input()[1], _linear_weight_and_input()[0]),
    "x @ weight.T": lambda: matmul(_linear_weight_and_input()[1], _linear_weight_and_input()[0].T),
    "weight @ x": lambda: matmul(*_linear_weight_and_input()),
}


def _gives_the_output(option: str) -> bool:
    try:
        return bool(np.allclose(_TORCH[option](), _torch_output()))
    except ValueError:
        return False


MATMUL_VIEWS = Question(
    "matmul_views", "matmul", "Shapes, multiply-adds and outer products of a 3x5 by 5x2 product",
    "Let A be a 3 x 5 matrix and B a 5 x 2 matrix. Predict the shapes of A @ B and of its "
    "transpose, which of B.T @ A.T and A.T @ B.T is defined, the multiply-adds and FLOPs of "
    "A @ B, the number and shape of the outer products that sum to A @ B, and which "
    "expression gives nn.Linear(5, 2)'s output for a batch x of 3 samples.",
    (
        Ask("product_shape", "The shape of A @ B, a tuple of ints.",
            value_answer(lambda: _product().shape, lambda: [(_product().T.shape, "that is the shape of the transpose")],
                         kind="a tuple of ints")),
        Ask("transposed_shape", "The shape of (A @ B).T, a tuple of ints.",
            value_answer(lambda: _product().T.shape,
                         lambda: [(_product().shape, "a transpose swaps the two sizes")], kind="a tuple of ints")),
        Ask("defined_product", 'Which product is defined: "B.T @ A.T" or "A.T @ B.T" (the string).',
            _choice(_TRANSPOSES, lambda option: not _raises(_TRANSPOSES[option]),
                    {"A.T @ B.T": "its inner sizes differ: apply the shape rule to each factor's transpose"})),
        Ask("multiply_adds", "The number of multiply-adds in A @ B, an int.",
            value_answer(lambda: dense_forward_flops(3, 5, 2) // 2,
                         lambda: [(dense_forward_flops(3, 5, 2), "that counts FLOPs; a multiply-add is one of "
                                   "each, two FLOPs"),
                                  (_product().size, "each output entry takes more than one multiply-add")])),
        Ask("flops", "The number of floating-point operations (FLOPs) of A @ B, an int.",
            value_answer(lambda: dense_forward_flops(3, 5, 2),
                         lambda: [(dense_forward_flops(3, 5, 2) // 2, MADDS)])),
        Ask("outer_terms", "How many outer products sum to A @ B, an int.", _outer_terms_judge),
        Ask("outer_term_shape", "The shape of each of those outer products, a tuple of ints.",
            value_answer(lambda: np.outer(_a_and_b()[0][:, 0], _a_and_b()[1][0, :]).shape,
                         lambda: [((5, 5), "an outer product of a column of A and a row of B has "
                                   "the size of each")], kind="a tuple of ints")),
        Ask("torch_expression",
            'nn.Linear(5, 2) stores its weight as a 2 x 5 matrix `weight`. For a batch x of shape '
            '3 x 5, which of "x @ weight", "x @ weight.T" and "weight @ x" gives the 3 x 2 output '
            '(the string)?',
            _choice(_TORCH, _gives_the_output,
                    {"x @ weight": "its inner sizes differ: nn.Linear stores its weight (out, in)",
                     "weight @ x": "its inner sizes differ: the batch comes first"})),
    ),
)


# ---------------------------------------------------------------------------------- dense
IN, OUT, LEADING = 300, 100, (16, 20)
SAMPLES = LEADING[0] * LEADING[1]


def _predicted_layer() -> Dense:
    return Dense(IN, OUT, rng=0)


def _parameter_bytes(dtype=np.float32, use_bias: bool = True) -> int:
    estimate = dense_memory_bytes(SAMPLES, IN, OUT, dtype=dtype, use_bias=use_bias)
    return estimate.weights + estimate.bias


DENSE_PREDICT = Question(
    "dense_predict", "dense", "Output shape, parameters, bytes and FLOPs of Dense(300, 100)",
    "A float32 layer Dense(300, 100) receives an input of shape (16, 20, 300). Without running "
    "anything, predict the shape of its output, its number of parameters, the bytes its weights "
    "and bias occupy, and the floating-point operations of the forward pass, counted as in the "
    "chapter.",
    (
        Ask("output_shape", "The shape of the output, a tuple of ints.",
            value_answer(lambda: _predicted_layer()(np.zeros((*LEADING, IN), dtype=np.float32)).shape,
                         lambda: [((LEADING[0], OUT), "every dimension but the last counts samples, and the "
                                   "output keeps them all"),
                                  ((SAMPLES, OUT), "the output keeps the input's leading dimensions as they are"),
                                  ((*LEADING, IN), "the last dimension becomes the layer's output size")],
                         kind="a tuple of ints")),
        Ask("parameter_count", "The number of parameters, weights and biases, an int.",
            value_answer(lambda: _predicted_layer().parameter_count,
                         lambda: [(dense_parameter_count(IN, OUT, use_bias=False), "the bias is left out"),
                                  (SAMPLES * dense_parameter_count(IN, OUT), "the parameters do not grow with "
                                   "the number of samples")])),
        Ask("parameter_bytes", "The bytes the weights and the bias occupy, an int.",
            value_answer(lambda: _predicted_layer().memory_bytes(SAMPLES).weights
                         + _predicted_layer().memory_bytes(SAMPLES).bias,
                         lambda: [(_parameter_bytes(np.float64), FLOAT64),
                                  (dense_parameter_count(IN, OUT), "that is the number of parameters, "
                                   "not their bytes"),
                                  (_parameter_bytes(use_bias=False), "the bias is left out"),
                                  (dense_memory_bytes(SAMPLES, IN, OUT).total, "that counts the input and "
                                   "the output too")])),
        Ask("forward_flops", "The FLOPs of the forward pass, an int.",
            value_answer(lambda: _predicted_layer().forward_flops(batch_size=SAMPLES),
                         lambda: [(dense_forward_flops(SAMPLES, IN, OUT) // 2, MADDS),
                                  (dense_forward_flops(1, IN, OUT), "off by a factor of the number of "
                                   "samples: that is one sample's cost"),
                                  (dense_forward_flops(LEADING[0], IN, OUT), "all the leading dimensions "
                                   "count samples, not only the first"),
                                  (dense_forward_flops(LEADING[1], IN, OUT), "all the leading dimensions "
                                   "count samples, not only the last of them")])),
    ),
)


def _port_judge(port: Callable) -> Outcome:
    """Run the learner's port on stand-ins for nn.Linear weights; compare with x W^T + b."""
    rng = np.random.default_rng(1)
    sizes = ((4, 4), (3, 5), (6, 2))  # (out, in): square, then two that are not
    passed, hint = 0, ""
    for out_features, in_features in sizes:
        weight = rng.standard_normal((out_features, in_features), dtype=np.float32)
        bias = rng.standard_normal(out_features, dtype=np.float32)
        x = rng.standard_normal((5, in_features), dtype=np.float32)
        expected = np.asarray(matmul(x, weight.T)) + bias  # what nn.Linear computes
        try:
            layer = call_learner(port, (weight, bias))
            got = np.asarray(layer(x).data)
        except NotAnswered:
            raise
        except Exception as error:  # noqa: BLE001 - the learner's error is the result
            hint = hint or (f"for a weight of shape {weight.shape} it raised {type(error).__name__}: {error}; "
                            "mind which of the weight's sizes is the input's")
            continue
        if got.shape == expected.shape and np.allclose(got, expected, atol=1e-5):
            passed += 1
        elif not hint:
            square = got.shape == expected.shape and np.allclose(got, np.asarray(matmul(x, weight)) + bias, atol=1e-5)
            hint = (f"for a weight of shape {weight.shape}, "
                    + ("the layer computes x @ weight: mind how nn.Linear stores its weight" if square
                       else "the layer's output differs from nn.Linear's"))
    return Outcome(passed, len(sizes), hint)


def _exposing_judge(sizes: object) -> Outcome:
    """Run the buggy port with these sizes: right if it fails at once."""
    if (not isinstance(sizes, (tuple, list)) or len(sizes) != 2
            or not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in sizes)):
        return Outcome(0, 1, "it should be a tuple of two ints, (in_features, out_features)")
    in_features, out_features = (int(n) for n in sizes)
    if not (1 <= in_features <= 4096 and 1 <= out_features <= 4096):
        return Outcome(0, 1, "choose sizes from 1 to 4096")
    rng = np.random.default_rng(2)
    weight = rng.standard_normal((out_features, in_features), dtype=np.float32)  # nn.Linear's layout
    try:
        ported = Dense(in_features, out_features)
        ported.weights = Tensor(weight)  # the bug: no transpose
        ported.bias = Tensor(np.zeros(out_features, dtype=np.float32))
        ported(rng.standard_normal((2, in_features), dtype=np.float32))
    except ValueError:
        return Outcome(1, 1)
    return Outcome(0, 1, "with these sizes the port runs without an error, so the bug stays hidden")


DENSE_PORT_BUG = Question(
    "dense_port_bug", "dense", "Port nn.Linear weights right, and sizes that expose the bug",
    "Code that ports a trained torch.nn.Linear(4, 4) to the package assigns `Dense(4, 4).weights "
    "= Tensor(weight)` with `weight = linear.weight.detach().numpy()`, and the bias likewise. It "
    "runs without an error, yet the outputs differ from PyTorch's. Write the port correctly, and "
    "give layer sizes that would have exposed the bug at once. Why nothing complains is for you "
    "to explain (in a comment, say); the check runs the two answers that can be run.",
    (
        Ask("port", "Return a Dense layer that computes what nn.Linear computes with this weight, "
                    "stored (out_features, in_features) as nn.Linear stores it, and this bias.",
            _port_judge, checks=3, parameters="weight, bias"),
        Ask("exposing_sizes", "(in_features, out_features) of an nn.Linear for which the buggy port "
                              "fails at its first forward pass, a tuple of two ints.", _exposing_judge),
    ),
)


# ---------------------------------------------------------------------------------- activations
def _first_exact(dtype: type, value: float, sign: int) -> int:
    """The whole number nearest zero, of sign ``sign``, at which the package's sigmoid is exactly ``value``."""
    xs = sign * np.arange(4000).astype(dtype)
    with np.errstate(under="ignore", over="ignore"):
        reached = Sigmoid()(xs).data == value
    return int(xs[reached][np.argmin(np.abs(xs[reached]))])


def _tail_mistakes(dtype: type) -> list[tuple[object, str]]:
    return [
        (-_first_exact(dtype, 1.0, +1), "the two tails are not mirror images: near zero a float keeps its "
                                        "relative precision, near one it does not"),
        (int(np.floor(np.log(np.finfo(dtype).tiny))), "below the smallest normal number there are still the "
                                                       "subnormal ones"),
        (int(np.ceil(np.log(np.finfo(dtype).tiny))), "below the smallest normal number there are still the "
                                                      "subnormal ones"),
    ]


SIGMOID_TAILS = Question(
    "sigmoid_tails", "activations", "Where the sigmoid first returns exactly 0.0, in float32 and float64",
    "In float32 the package's sigmoid returns exactly 1.0 from x = 17 on. Predict the whole "
    "number x nearest zero, on the negative side, from which it returns exactly 0.0, in float32 "
    "and in float64, and explain (in a comment) why the two tails differ so much. For x < 0 "
    "the package returns exp(x) / (1 + exp(x)).",
    tuple(
        Ask(f"first_zero_{name}", f"The whole number x nearest zero where Sigmoid gives exactly 0.0 in {name}.",
            value_answer(lambda dtype=dtype: _first_exact(dtype, 0.0, -1),
                         lambda dtype=dtype: _tail_mistakes(dtype)))
        for name, dtype in (("float32", np.float32), ("float64", np.float64))
    ),
)


# ---------------------------------------------------------------------------------- backprop
def _without_dx(batch: int, n_in: int, n_out: int) -> int:
    """The backward FLOPs less those of dX = dY W^T, an (N x out)(out x in) product."""
    return dense_backward_flops(batch, n_in, n_out) - dense_forward_flops(batch, n_out, n_in)


SIZES = ((256, 784, 512), (1, 1, 1), (3, 5, 2), (7, 2, 9))

FIRST_LAYER_FLOPS = Question(
    "first_layer_flops", "backprop", "Backward FLOPs without dX, and their ratio to the forward pass",
    "The first layer of a network receives the data, for which nothing upstream needs a "
    "gradient, so its backward pass can skip dX = dY W^T. Write its FLOPs for a batch of "
    "batch_size samples and a layer of input_size inputs and output_size outputs with a bias, "
    "and their ratio to the forward pass's FLOPs.",
    (
        Ask("backward_flops_without_dx", "The FLOPs of the backward pass without dX.",
            function_answer(_without_dx, SIZES, "batch_size, input_size, output_size", [
                (dense_backward_flops, "that includes dX, which the first layer skips"),
                (dense_forward_flops, "the bias gradient's sum over the batch is missing"),
                (lambda n, i, o: _without_dx(n, i, o) - dense_forward_flops(n, i, o) // 2, MADDS),
            ]), checks=len(SIZES), parameters="batch_size, input_size, output_size"),
        Ask("ratio_to_forward", "That number divided by the forward pass's FLOPs.",
            function_answer(lambda n, i, o: _without_dx(n, i, o) / dense_forward_flops(n, i, o), SIZES,
                            "batch_size, input_size, output_size", [
                                (lambda n, i, o: 1.0, "the bias gradient adds to the backward pass"),
                                (lambda n, i, o: dense_backward_flops(n, i, o) / dense_forward_flops(n, i, o),
                                 "that is the ratio with dX, which the first layer skips"),
                            ]), checks=len(SIZES), parameters="batch_size, input_size, output_size"),
    ),
)


# ---------------------------------------------------------------------------------- gradcheck
def _relu_sum(v: np.ndarray) -> float:
    return float(np.maximum(v, 0).sum())


def _central(x: float, step: float = 1e-6) -> float:
    return float(numerical_gradient(_relu_sum, np.array([x]), eps=step)[0])


ONE_SIDED = "0 and 1 are the slopes on one side each; a central difference takes a point on each side"
KINK_CASES = tuple((sign * factor * step, step) for step in (1e-6, 1e-3) for factor in (0.3, 0.9, 1.5, 10.0)
                   for sign in (1, -1))


def _kink_safe_reference(x: float, step: float) -> bool:
    """Whether the central difference at x agrees with ReLU's slope there (1 right of zero, 0 left)."""
    return abs(_central(x, step) - (1.0 if x > 0 else 0.0)) < 1e-6


RELU_KINK = Question(
    "relu_kink", "gradcheck", "The central difference at ReLU's kink, and when to trust it",
    "ReLU has no derivative at zero: its slope is 0 on the left and 1 on the right. Predict what "
    "the central difference returns for max(0, x) at exactly x = 0, and at x = 1e-7 with the "
    "default step of 1e-6; then write when a central difference with a given step can be trusted "
    "at x, which is why the chapter's check moves its inputs away from zero.",
    (
        Ask("at_zero", "The central difference of max(0, x) at x = 0, a float.",
            value_answer(lambda: _central(0.0), lambda: [(0.0, ONE_SIDED), (1.0, ONE_SIDED)], rel=1e-6)),
        Ask("near_zero", "The central difference of max(0, x) at x = 1e-7 with a step of 1e-6, a float.",
            value_answer(lambda: _central(1e-7), lambda: [
                (_central(0.0), "x is not exactly at the kink: the two points are not symmetric around it"),
                (1.0, "x - step lies left of the kink, where the function is flat"),
            ], rel=1e-6)),
        Ask("kink_safe", "True when the central difference of max(0, x) at x with this step equals ReLU's "
                         "slope at x (x is never exactly zero here), else False.",
            function_answer(_kink_safe_reference, KINK_CASES, "x, step"),
            checks=len(KINK_CASES), parameters="x, step"),
    ),
)


# ---------------------------------------------------------------------------------- initialization
@cache
def _symmetric_sample() -> np.ndarray:
    z = np.random.default_rng(3).standard_normal(1000)
    return np.concatenate([z, -z])  # exactly symmetric: the fractions below are exact


def _kept_fraction(a: float) -> float:
    """E[f(z)^2] / E[z^2] for the leaky ReLU of slope ``a``, measured on a symmetric sample."""
    z = _symmetric_sample()
    return float(np.mean(np.where(z >= 0, z, a * z) ** 2) / np.mean(z**2))


SLOPES = ((0.0,), (0.01,), (0.2,), (1.0,), (float(np.sqrt(5.0)),))
FANS = ((1,), (3,), (784,), (1024,))

LEAKY_GAIN = Question(
    "init_leaky_gain", "initialization", "A leaky ReLU's kept second moment and gain, nn.Linear's bound",
    "A leaky ReLU is f(z) = z for z >= 0 and a z for z < 0. For a z symmetric around zero, write "
    "the fraction of the second moment E[z^2] that survives f, and the gain of the weight "
    "variance that keeps the second moment steady through a stack of such layers (the factor "
    "by which its standard deviation exceeds LeCun's 1/sqrt(fan_in)). Then write the bound of "
    "PyTorch's nn.Linear weights, drawn uniformly within gain * sqrt(3 / fan_in) with a = sqrt(5).",
    (
        Ask("surviving_fraction", "E[f(z)^2] / E[z^2] for the slope a.",
            function_answer(_kept_fraction, SLOPES, "a", [
                (lambda a: (1 + a) / 2, "the negative side is scaled by a, so its square by a squared"),
                (lambda a: 0.5, "the negative half is not lost: it keeps a squared of its square"),
                (lambda a: 1 + a**2, "only half of a symmetric z is negative"),
            ]), checks=len(SLOPES), parameters="a"),
        Ask("gain", "The gain for the slope a.",
            function_answer(lambda a: _kept_fraction(a) ** -0.5, SLOPES, "a", [
                (lambda a: 1 / _kept_fraction(a), "the gain scales the standard deviation: take a square root"),
                (lambda a: _kept_fraction(a) ** 0.5, "inverted: the weights must make up for what f removes"),
                (lambda a: (2 / (1 + a)) ** 0.5, "a enters squared"),
            ]), checks=len(SLOPES), parameters="a"),
        Ask("linear_bound", "The bound of nn.Linear's uniform weights for fan_in inputs, simplified.",
            function_answer(lambda n: _kept_fraction(float(np.sqrt(5.0))) ** -0.5 * np.sqrt(3 / n), FANS, "fan_in", [
                (lambda n: np.sqrt(3 / n), "that is gain one, LeCun's; a = sqrt(5) gives another gain"),
                (lambda n: np.sqrt(6 / n), "that is He's uniform bound, a = 0"),
            ]), checks=len(FANS), parameters="fan_in"),
    ),
)


# ---------------------------------------------------------------------------------- performance
WIDE, BATCH, RIDGE = 1024, 256, 10


def _intensity(batch: int, dtype=np.float32) -> float:
    return dense_forward_flops(batch, WIDE, WIDE) / dense_memory_bytes(batch, WIDE, WIDE, dtype=dtype).total


def _flops_answer(batch: int) -> Callable[[object], Outcome]:
    return value_answer(lambda: dense_forward_flops(batch, WIDE, WIDE),
                        lambda: [(dense_forward_flops(batch, WIDE, WIDE) // 2, MADDS)])


def _bytes_answer(batch: int) -> Callable[[object], Outcome]:
    return value_answer(lambda: dense_memory_bytes(batch, WIDE, WIDE).total, lambda: [
        (dense_memory_bytes(batch, WIDE, WIDE, dtype=np.float64).total, FLOAT64),
        (dense_memory_bytes(batch, WIDE, WIDE).weights, "the input, the bias and the output count too"),
        (dense_memory_bytes(batch, WIDE, WIDE, use_bias=False).total, "the bias is left out"),
    ])


def _intensity_answer(batch: int) -> Callable[[object], Outcome]:
    return value_answer(lambda: _intensity(batch), lambda: [
        (1 / _intensity(batch), "inverted: intensity is FLOPs per byte"),
        (_intensity(batch) / 2, MADDS),
        (_intensity(batch, np.float64), FLOAT64),
    ], rel=0.01)


def _bound_choice() -> dict[str, bool]:
    above = {batch: _intensity(batch) > RIDGE for batch in (1, BATCH)}
    return {"single": above[1] and not above[BATCH], "batch": above[BATCH] and not above[1],
            "both": above[1] and above[BATCH], "neither": not (above[1] or above[BATCH])}


PERFORMANCE_INTENSITY = Question(
    "performance_intensity", "performance", "FLOPs, bytes and intensity of Dense(1024, 1024), one sample and 256",
    "Take a float32 Dense(1024, 1024) layer with its bias. For a single sample and for a batch "
    "of 256, predict the FLOPs of a forward pass and the bytes its input, weights, bias and "
    "output hold, and the arithmetic intensity of each; say which can be compute-bound on a "
    "machine whose ridge point is 10 FLOPs per byte. A colleague reports the rate of an n x n "
    "product as n**3 / seconds / 1e9 GFLOP/s: by what factor is that off?",
    (
        Ask("single_flops", "FLOPs of the forward pass for one sample, an int.", _flops_answer(1)),
        Ask("single_bytes", "Bytes of its input, weights, bias and output, an int.", _bytes_answer(1)),
        Ask("batch_flops", "FLOPs of the forward pass for 256 samples, an int.", _flops_answer(BATCH)),
        Ask("batch_bytes", "Bytes of its input, weights, bias and output, an int.", _bytes_answer(BATCH)),
        Ask("single_intensity", "FLOPs per byte for one sample (two decimals are enough).", _intensity_answer(1)),
        Ask("batch_intensity", "FLOPs per byte for 256 samples (two decimals are enough).",
            _intensity_answer(BATCH)),
        Ask("compute_bound", 'Which can be compute-bound at a ridge point of 10 FLOPs per byte: "single", '
                             '"batch", "both" or "neither" (the string).',
            _choice(("single", "batch", "both", "neither"), lambda option: _bound_choice()[option],
                    {"both": "compare each intensity with the ridge point", "single": "the other way round",
                     "neither": "compare each intensity with the ridge point"})),
        Ask("reported_over_true", "The colleague's reported rate divided by the true rate, a float.",
            value_answer(lambda: WIDE**3 / dense_forward_flops(WIDE, WIDE, WIDE),
                         lambda: [(dense_forward_flops(WIDE, WIDE, WIDE) / WIDE**3,
                                   "inverted: that is the true rate over the reported one"),
                                  (1.0, "the colleague counted multiply-adds, not FLOPs")])),
    ),
)


# ---------------------------------------------------------------------------------- training
@cache
def _trained_bias(labels: tuple[int, ...], classes: int) -> tuple[float, tuple[float, ...]]:
    """The lowest loss of scores shared by every sample, found by training them with SGD.

    The loss is convex in the shared scores, so plain gradient descent with the package's
    loss and optimiser reaches its minimum; returns that loss and the scores.
    """
    targets = np.array(labels)
    scores = Tensor(np.zeros(classes, dtype=np.float64))
    loss, optimiser = SoftmaxCrossEntropy(), SGD([scores], lr=2.0, momentum=0.9)
    for _ in range(600):
        scores.grad = None
        loss(np.tile(scores.data, (len(targets), 1)), targets)
        scores.grad = loss.backward().data.sum(axis=0)  # every sample shares the scores
        optimiser.step()
    return loss(np.tile(scores.data, (len(targets), 1)), targets), tuple(scores.data.tolist())


def _label_cases() -> tuple[tuple[tuple[int, ...], int], ...]:
    rng = np.random.default_rng(4)
    cases = []
    for classes, size, skew in ((3, 40, 1.0), (5, 120, 2.0), (10, 200, 0.3)):
        shares = rng.dirichlet(np.full(classes, 1.0 / skew))
        labels = np.concatenate([np.arange(classes), rng.choice(classes, size - classes, p=shares)])
        cases.append((tuple(int(k) for k in labels), classes))
    return tuple(cases)


LABELS = _label_cases()


def _loss_of_scores(scores: object, labels: tuple[int, ...], classes: int) -> float:
    row = np.asarray(scores, dtype=np.float64).reshape(-1)
    if row.shape != (classes,):
        raise ValueError(f"scores must hold one score for each of the {classes} classes, got shape {row.shape}")
    return SoftmaxCrossEntropy()(np.tile(row, (len(labels), 1)), np.array(labels))


def _best_scores_judge(best_scores: Callable) -> Outcome:
    passed, hint = 0, ""
    for labels, classes in LABELS:
        lowest = _trained_bias(labels, classes)[0]
        try:
            loss = _loss_of_scores(call_learner(best_scores, (np.array(labels), classes)), labels, classes)
        except NotAnswered:
            raise
        except Exception as error:  # noqa: BLE001 - the learner's error is the result
            hint = hint or f"for {classes} classes it raised {type(error).__name__}: {error}"
            continue
        if agrees(loss, lowest, rel=1e-6) or loss < lowest:
            passed += 1
        elif not hint:
            shares = np.bincount(labels, minlength=classes) / len(labels)
            returned = np.asarray(call_learner(best_scores, (np.array(labels), classes)), dtype=float)
            hint = f"for {classes} classes, the loss of these scores is above the lowest" + (
                ": these are probabilities, and softmax of them is not" if np.allclose(returned, shares)
                else ": equal scores are a uniform guess, and the labels are not balanced"
                if np.allclose(returned, returned.flat[0]) else "")
    return Outcome(passed, len(LABELS), hint)


STUCK_LOSS = Question(
    "stuck_loss", "training", "The lowest loss of scores shared by every sample, and such scores",
    "A network that can only learn its last bias gives the same scores to every sample. For "
    "integer labels from 0 to classes - 1 (every class present), write the lowest mean "
    "softmax cross-entropy loss such scores can reach, and scores that reach it. Compare with "
    "the last loss of the chapter's zeros curve.",
    (
        Ask("lowest_loss", "The lowest loss of scores shared by every sample, for these labels.",
            function_answer(lambda labels, classes: _trained_bias(tuple(labels), classes)[0],
                            tuple((np.array(labels), classes) for labels, classes in LABELS), "labels, classes", [
                                (lambda labels, classes: float(np.log(classes)),
                                 "that is the loss of equal scores, the lowest only for balanced labels"),
                                (lambda labels, classes: 0.0, "scores shared by every sample cannot fit "
                                                              "every label"),
                            ], rel=1e-6), checks=len(LABELS), parameters="labels, classes"),
        Ask("best_scores", "Scores, one for each class, that reach that loss (an array or a list).",
            _best_scores_judge, checks=len(LABELS), parameters="labels, classes"),
    ),
)


#: The question exercises, in book order.
QUESTIONS: tuple[Question, ...] = (
    MATMUL_VIEWS, DENSE_PREDICT, DENSE_PORT_BUG, SIGMOID_TAILS, FIRST_LAYER_FLOPS, RELU_KINK,
    LEAKY_GAIN, STUCK_LOSS, PERFORMANCE_INTENSITY,
)
