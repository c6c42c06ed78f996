"""The question exercises: right answers pass, typical wrong ones fail with a hint, no value leaks.

Each answer is written into the question's workspace file as a learner would (``name = ...``
replaced, a function's stub replaced by its code) and the file is checked in this process
(``check_source``); the command line and the notebook check run the same function in a
subprocess (``tests/test_exercises.py``, ``tests/test_notebook_check.py``).
"""

from __future__ import annotations

import ast
import json
import textwrap

import pytest

from tinytorch_layers.exercises import QUESTIONS, check_source, stub_source
from tinytorch_layers.exercises.report import json_report

NAMES = [question.name for question in QUESTIONS]


def answered(name: str, answers: dict[str, str]) -> str:
    """The question's workspace file with some answers written in: a value as its source
    text, a function as its whole ``def``."""
    text = stub_source(name)
    tree = ast.parse(text)
    lines = text.splitlines()
    for node in reversed(tree.body):  # from the bottom, so earlier line numbers stay valid
        target = node.name if isinstance(node, ast.FunctionDef) else (
            node.targets[0].id if isinstance(node, ast.Assign) else None)
        if target not in answers:
            continue
        if isinstance(node, ast.FunctionDef):
            replacement = textwrap.dedent(answers[target]).strip().splitlines()
        else:
            replacement = [f"{target} = {answers[target]}"]
        lines[node.lineno - 1 : node.end_lineno] = replacement
    return "\n".join(lines) + "\n"


def port(body: str) -> str:
    return f"def port(weight, bias):\n    from tinytorch_layers import Dense, Tensor\n{textwrap.indent(body, '    ')}"


# For each question: right answers (two ways where there is a choice of spelling), and
# typical wrong ones, each with (the answer that is wrong, a fragment of its hint).
RIGHT = {
    "matmul_views": [
        dict(product_shape="(3, 2)", transposed_shape="(2, 3)", defined_product='"B.T @ A.T"',
             multiply_adds="30", flops="60", outer_terms="5", outer_term_shape="(3, 2)",
             torch_expression='"x @ weight.T"'),
        dict(product_shape="[3, 2]", transposed_shape="(2, 3)", defined_product='"B.T@A.T"',
             multiply_adds="3 * 5 * 2", flops="2 * 3 * 5 * 2", outer_terms="5", outer_term_shape="(3, 2)",
             torch_expression='"x @ weight.T"'),
    ],
    "dense_predict": [
        dict(output_shape="(16, 20, 100)", parameter_count="30100", parameter_bytes="120400",
             forward_flops="19200000"),
        dict(output_shape="(16, 20, 100)", parameter_count="300 * 100 + 100",
             parameter_bytes="4 * (300 * 100 + 100)", forward_flops="2 * 16 * 20 * 300 * 100"),
    ],
    "dense_port_bug": [
        dict(port=port("layer = Dense(weight.shape[1], weight.shape[0])\n"
                       "layer.weights, layer.bias = Tensor(weight.T), Tensor(bias)\nreturn layer"),
             exposing_sizes="(4, 3)"),
        dict(port=port("out_features, in_features = weight.shape\nlayer = Dense(in_features, out_features)\n"
                       "layer.weights = Tensor(weight.transpose().copy())\nlayer.bias = Tensor(bias)\n"
                       "return layer"),
             exposing_sizes="[784, 10]"),
    ],
    "sigmoid_tails": [dict(first_zero_float32="-104", first_zero_float64="-746")],
    "first_layer_flops": [
        dict(backward_flops_without_dx="def backward_flops_without_dx(batch_size, input_size, output_size):\n"
                                       "    return 2 * batch_size * input_size * output_size + batch_size * output_size",
             ratio_to_forward="def ratio_to_forward(batch_size, input_size, output_size):\n"
                              "    return 1 + 1 / (2 * input_size)"),
        dict(backward_flops_without_dx="def backward_flops_without_dx(n, i, o):\n"
                                       "    dw, db = 2 * n * i * o, n * o\n    return dw + db",
             ratio_to_forward="def ratio_to_forward(n, i, o):\n"
                              "    return backward_flops_without_dx(n, i, o) / (2 * n * i * o)"),
    ],
    "relu_kink": [
        dict(at_zero="0.5", near_zero="0.55",
             kink_safe="def kink_safe(x, step):\n    return abs(x) >= step"),
        dict(at_zero="1 / 2", near_zero="(1e-7 + 1e-6) / 2e-6",
             kink_safe="def kink_safe(x, step):\n    return not -step < x < step"),
    ],
    "init_leaky_gain": [
        dict(surviving_fraction="def surviving_fraction(a):\n    return (1 + a**2) / 2",
             gain="def gain(a):\n    return (2 / (1 + a * a)) ** 0.5",
             linear_bound="def linear_bound(fan_in):\n    return 1 / fan_in ** 0.5"),
        dict(surviving_fraction="def surviving_fraction(a):\n    return 0.5 + 0.5 * a * a",
             gain="def gain(a):\n    import math\n    return math.sqrt(1 / surviving_fraction(a))",
             linear_bound="def linear_bound(fan_in):\n    import math\n"
                          "    return gain(math.sqrt(5)) * math.sqrt(3 / fan_in)"),
    ],
    "stuck_loss": [
        dict(lowest_loss="def lowest_loss(labels, classes):\n    import numpy as np\n"
                         "    shares = np.bincount(labels, minlength=classes) / len(labels)\n"
                         "    return float(-(shares * np.log(shares)).sum())",
             best_scores="def best_scores(labels, classes):\n    import numpy as np\n"
                         "    return np.log(np.bincount(labels, minlength=classes) / len(labels))"),
        dict(lowest_loss="def lowest_loss(labels, classes):\n    import math\n    n = len(labels)\n"
                         "    counts = [list(labels).count(k) for k in range(classes)]\n"
                         "    return -sum(c / n * math.log(c / n) for c in counts)",
             best_scores="def best_scores(labels, classes):\n    import math\n"
                         "    return [math.log(list(labels).count(k)) + 3.0 for k in range(classes)]"),
    ],
    "performance_intensity": [
        dict(single_flops="2097152", single_bytes="4206592", batch_flops="536870912", batch_bytes="6295552",
             single_intensity="0.5", batch_intensity="85.28", compute_bound='"batch"', reported_over_true="0.5"),
        dict(single_flops="2 * 1024 * 1024", single_bytes="4 * (1024 + 1024 * 1024 + 1024 + 1024)",
             batch_flops="256 * 2 * 1024**2", batch_bytes="4 * (256 * 1024 + 1024**2 + 1024 + 256 * 1024)",
             single_intensity="2097152 / 4206592", batch_intensity="85.3", compute_bound='" batch "',
             reported_over_true="1 / 2"),
    ],
}

WRONG = {
    "matmul_views": [
        (dict(flops="30", multiply_adds="60"), {"flops": "a multiply-add is two FLOPs",
                                                 "multiply_adds": "that counts FLOPs"}),
        (dict(defined_product='"A.T @ B.T"', torch_expression='"x @ weight"'),
         {"defined_product": "inner sizes differ", "torch_expression": "stores its weight (out, in)"}),
        (dict(product_shape="(2, 3)", outer_terms="3"), {"product_shape": "shape of the transpose",
                                                         "outer_terms": "one term for each index"}),
    ],
    "dense_predict": [
        (dict(output_shape="(320, 100)", parameter_bytes="240800"),
         {"output_shape": "leading dimensions", "parameter_bytes": "float64"}),
        (dict(forward_flops="9600000", parameter_count="30000"),
         {"forward_flops": "multiply-adds", "parameter_count": "the bias is left out"}),
        (dict(forward_flops="60000", parameter_bytes="30100"),
         {"forward_flops": "off by a factor of the number of samples", "parameter_bytes": "not their bytes"}),
    ],
    "dense_port_bug": [
        (dict(port=port("layer = Dense(*weight.shape[::-1])\nlayer.weights, layer.bias = Tensor(weight), "
                        "Tensor(bias)\nreturn layer"), exposing_sizes="(4, 4)"),
         {"port": "the layer computes x @ weight", "exposing_sizes": "the bug stays hidden"}),
        (dict(port=port("layer = Dense(*weight.shape)\nlayer.weights, layer.bias = Tensor(weight.T), "
                        "Tensor(bias)\nreturn layer"), exposing_sizes="(3, 4, 5)"),
         {"port": "mind which of the weight's sizes is the input's", "exposing_sizes": "a tuple of two ints"}),
    ],
    "sigmoid_tails": [
        (dict(first_zero_float32="-17", first_zero_float64="-37"),
         {"first_zero_float32": "not mirror images", "first_zero_float64": "not mirror images"}),
        (dict(first_zero_float32="-88", first_zero_float64="-709"),
         {"first_zero_float32": "subnormal", "first_zero_float64": "subnormal"}),
    ],
    "first_layer_flops": [
        (dict(backward_flops_without_dx="def backward_flops_without_dx(n, i, o):\n    return 4 * n * i * o + n * o",
              ratio_to_forward="def ratio_to_forward(n, i, o):\n    return 1.0"),
         {"backward_flops_without_dx": "that includes dX", "ratio_to_forward": "the bias gradient adds"}),
        (dict(backward_flops_without_dx="def backward_flops_without_dx(n, i, o):\n    return 2 * n * i * o",
              ratio_to_forward="def ratio_to_forward(n, i, o):\n    return (4 * n * i * o + n * o) / (2 * n * i * o)"),
         {"backward_flops_without_dx": "sum over the batch is missing", "ratio_to_forward": "the ratio with dX"}),
    ],
    "relu_kink": [
        (dict(at_zero="0.0", near_zero="0.5"),
         {"at_zero": "a point on each side", "near_zero": "not exactly at the kink"}),
        (dict(near_zero="1.0", kink_safe="def kink_safe(x, step):\n    return x != 0"),
         {"near_zero": "lies left of the kink", "kink_safe": "for x=3e-07, step=1e-06"}),
    ],
    "init_leaky_gain": [
        (dict(surviving_fraction="def surviving_fraction(a):\n    return (1 + a) / 2",
              gain="def gain(a):\n    return 2 / (1 + a * a)"),
         {"surviving_fraction": "its square by a squared", "gain": "take a square root"}),
        (dict(gain="def gain(a):\n    return (2 / (1 + a)) ** 0.5",
              linear_bound="def linear_bound(fan_in):\n    return (3 / fan_in) ** 0.5"),
         {"gain": "a enters squared", "linear_bound": "gain one"}),
    ],
    "stuck_loss": [
        (dict(lowest_loss="def lowest_loss(labels, classes):\n    import math\n    return math.log(classes)",
              best_scores="def best_scores(labels, classes):\n    import numpy as np\n"
                          "    return np.bincount(labels, minlength=classes) / len(labels)"),
         {"lowest_loss": "the loss of equal scores", "best_scores": "these are probabilities"}),
        (dict(lowest_loss="def lowest_loss(labels, classes):\n    return 0.0",
              best_scores="def best_scores(labels, classes):\n    return [0.0] * classes"),
         {"lowest_loss": "cannot fit every label", "best_scores": "uniform guess"}),
    ],
    "performance_intensity": [
        (dict(single_bytes="8413184", reported_over_true="2.0"),
         {"single_bytes": "float64", "reported_over_true": "inverted"}),
        (dict(single_intensity="2.0", compute_bound='"both"', batch_bytes="4194304"),
         {"single_intensity": "intensity is FLOPs per byte", "compute_bound": "compare each intensity",
          "batch_bytes": "the input, the bias and the output count too"}),
    ],
}


def test_every_question_has_right_and_typical_wrong_answers():
    assert sorted(RIGHT) == sorted(WRONG) == sorted(NAMES)
    for name in NAMES:
        assert len(RIGHT[name]) >= 1 and len(WRONG[name]) >= 2, name
        for answers in RIGHT[name]:
            assert set(answers) == {ask.name for ask in QUESTIONS[NAMES.index(name)].asks}, name


@pytest.mark.parametrize("name", NAMES)
def test_right_answers_pass(name):
    for answers in RIGHT[name]:
        result = check_source(name, answered(name, answers))
        assert result.status == "passed", f"{answers}\n{result}"
        assert result.examples_passed == result.examples_total > 0


def _values_of_the_right_answers(name: str) -> set[str]:
    """The literal values of the first right answer set, as they would be printed."""
    shown = set()
    for text in RIGHT[name][0].values():
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            continue  # a function
        if isinstance(value, str):  # a choice: shown would be its quoted form
            shown |= {repr(value), f'"{value}"'}
        else:
            shown |= {repr(value), str(value)} - {"0.5", "5"}  # too short to mean anything alone
    return shown


@pytest.mark.parametrize("name", NAMES)
def test_typical_wrong_answers_fail_with_their_hint_and_never_show_the_right_value(name):
    for wrong, hints in WRONG[name]:
        result = check_source(name, answered(name, {**RIGHT[name][0], **wrong}))
        assert result.status == "failed", f"{wrong}\n{result}"
        statuses = {answer["name"]: answer for answer in result.answers}
        for answer, fragment in hints.items():
            assert statuses[answer]["status"] == "wrong", f"{answer}\n{result}"
            assert fragment in statuses[answer]["hint"], f"{answer}: {fragment!r} not in\n{result}"
        right = {answer for answer in statuses if answer not in wrong}
        assert {statuses[answer]["status"] for answer in right} <= {"right"}, str(result)
        shown = str(result) + json_report([result])
        for value in _values_of_the_right_answers(name):
            assert value not in shown, f"{name}: the right value {value} is shown:\n{shown}"


def test_a_fresh_question_is_not_started_and_a_half_answered_one_says_what_is_left():
    for name in NAMES:
        assert check_source(name, stub_source(name)).status == "not started", name
    result = check_source("dense_predict", answered("dense_predict", {"output_shape": "(16, 20, 100)"}))
    assert result.verdict() == "failed (1 of 4 answers right)"
    assert "parameter_count: not answered yet" in result.message
    record = json.loads(json_report([result]))["exercises"][0]
    assert record["kind"] == "question" and record["first_failure"]["target"] == "parameter_count"
    assert (record["examples_passed"], record["examples_total"]) == (1, 4)


def test_an_answer_of_the_wrong_kind_is_named():
    result = check_source("dense_predict", answered("dense_predict", {"output_shape": '"16 x 20 x 100"'}))
    hint = result.answers[0]["hint"]
    assert "it should be a tuple of ints, got str" in hint


def test_code_above_a_leftover_raise_in_a_function_answer_gets_a_hint():
    source = stub_source("first_layer_flops").replace(
        '    raise NotImplementedError("question first_layer_flops: write ratio_to_forward here")',
        '    ratio = 1.0\n    raise NotImplementedError("question first_layer_flops: write ratio_to_forward here")',
    )
    result = check_source("first_layer_flops", source)
    assert result.status == "not started"
    line = source.splitlines().index(
        '    raise NotImplementedError("question first_layer_flops: write ratio_to_forward here")') + 1
    assert f"hint: first_layer_flops.py:{line}: your code in ratio_to_forward runs" in result.message
