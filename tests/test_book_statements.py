"""Statements about the book that no number stands for, checked.

The number guard (``tests/test_number_guard.py``) and the registered claims check what a
number says. These tests check the rest of what issue 18 found wrong or missing, where a
sentence, not a number, was the defect:

* the landing page introduces every chapter of the book, the second part included;
* the preface's examples of what the guard reads are read by the guard (so the preface
  cannot promise more than is enforced);
* the false statements issue 18 found, removed at their source, do not come back (their
  true replacements are registered claims, evaluated with the chapters).
"""

from __future__ import annotations

import re

import pytest

from book_build import REPO_ROOT
from prose_numbers import measured_words, numbers_in_math, numbers_in_text


def _read(path: str) -> str:
    return (REPO_ROOT / path).read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_landing_page_introduces_every_chapter() -> None:
    index = _read("book/index.md")
    toctree = re.search(r"```\{toctree\}\n(?P<body>.*?)```", index, flags=re.S)["body"]
    chapters = [line.strip() for line in toctree.splitlines()
                if line.strip() and not line.startswith(":") and not line.strip().startswith("api")]
    prose = index[: index.index("```{toctree}")]
    missing = [name for name in chapters if f"{{doc}}`{name}`" not in prose]
    assert chapters and "training" in chapters and "backprop" in chapters
    assert not missing, f"index.md does not introduce the chapters {missing}"


# The examples the preface gives of what the guard reads, and what the guard must make of
# each: "number" (found as a number), "measured" (a measured word of a figure), "notation"
# (a formula the guard leaves alone).
PREFACE_EXAMPLES = {
    "four": "number", "a factor of two": "number", "three times": "number", "half": "number",
    "a third": "number", "twice": "number", "$x = 17$": "number", "$x_{42}$": "notation",
    "fastest": "measured", "nearly": "measured",
}


def test_the_preface_promises_what_the_guard_reads() -> None:
    preface = _read("book/preface.md")
    bullet = preface[preface.index("- **Prose and formulas.**"): preface.index("- **Code cells**")]
    shown = re.findall(r"`([^`]+)`", bullet)
    examples = [span for span in shown if span != "book/_numbers.toml"]
    assert examples == list(PREFACE_EXAMPLES), (
        "the preface's examples changed: update PREFACE_EXAMPLES to what they now promise")
    for example, meaning in PREFACE_EXAMPLES.items():
        if example.startswith("$"):
            found = numbers_in_math(example.strip("$"))
        elif meaning == "measured":
            found = measured_words(example)
        else:
            found = numbers_in_text(example)
        assert bool(found) == (meaning != "notation"), (example, meaning, found)


# False statements that issue 18 found, each with why it is false and what replaced it.
REMOVED = [
    ("book/performance.md", "four 128-bit units, the most that current cores have",
     "Arm cores with more vector throughput exist; the count is the chapter's assumption"),
    ("book/initialization.md", "at least $1/4$ whatever the input",
     "only for inputs symmetric about zero; the registered claim shows a shifted input at 0.0095"),
    ("book/initialization.md", "The rest still have slopes near one",
     "their mean slope is 0.38, now computed and glued"),
    ("book/initialization.md", "Training shows the consequence: {ref}`training` trains a network",
     "the training chapter's zero-weight plateau is zero gradients, not symmetry"),
    ("book/dense.md", "the 512 bias additions are conventionally left out",
     "the forward and backward counts differ in the bias convention, now stated with an example"),
    ("book/preface.md", "if the text and the code disagreed, the book would not build",
     "stronger than what is enforced; the preface now says exactly what is"),
    ("tinytorch_layers/dense.py", "saves a third of its backward",
     "skipping dL/dx saves about half (0.4998 for Dense(784, 512)), registered with its value"),
    ("tinytorch_layers/activations.py", "Jacobian-vector product",
     "the backward pass computes g^T J, a vector-Jacobian product"),
    ("tinytorch_layers/dense.py", "thousands of times slower",
     "the factor depends on the size; the chapters time it"),
    ("tinytorch_layers/init.py", "differ only in which fan they divide by",
     "He and LeCun divide by the same fan, with factors 2 and 1 (registered with its value)"),
    ("tinytorch_layers/data.py", "the corners are always 0",
     "three of the four corners are not; the constant pixels are named and asserted"),
]


@pytest.mark.parametrize("path, sentence, why", REMOVED, ids=[f"{p}:{s[:30]}" for p, s, _ in REMOVED])
def test_a_false_statement_of_issue_18_does_not_come_back(path: str, sentence: str, why: str) -> None:
    assert _flat(sentence) not in _flat(_read(path)), f"{path} says again {sentence!r}: {why}"
