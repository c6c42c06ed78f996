"""The numbers guard: every number in the book's running text is glued or registered, and
every registered claim asserts what the text says.

A number typed into the prose can drift from what the code computes. So every number
the chapters and the package's docstrings state in running text (see
``tests/prose_numbers.py`` for what counts as running text and as a number: digits,
number words, fractions and multiples, measured values in math, and the measured words of
a figure's alt text and caption) must either be glued from a cell with ``{glue:text}``
(then it is not in the text at all) or be covered by an entry of ``book/_numbers.toml``
that says why it may stand. An entry for a claim names the line of code that shows it,
which must be in the document, and carries a ``value`` or an ``assert`` that the chapter
runners evaluate after the chapter's examples (``claim:LINE`` items); the docstrings'
claims are evaluated here.

Run the guard alone with ``python -m pytest tests/test_number_guard.py -q``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import tinytorch_layers
from book_build import BOOK_SOURCE, JUPYTEXT_HEADER, REPO_ROOT
from prose_numbers import (
    REGISTRY_NAME,
    Document,
    Entry,
    Line,
    RegistryError,
    check_book,
    claims_of,
    evaluate_claims,
    find_numbers,
    load_registry,
    module_docstring_lines,
    numbers_on_lines,
    package_modules,
)


@pytest.fixture(scope="module")
def book_chapters() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(BOOK_SOURCE.glob("*.md"))}


@pytest.fixture(scope="module")
def package_documents() -> list[Document]:
    return [Document.module(path, REPO_ROOT) for path in package_modules(REPO_ROOT)]


@pytest.fixture(scope="module")
def registry() -> dict[str, list[Entry]]:
    return load_registry(BOOK_SOURCE / REGISTRY_NAME)


def test_guard_every_number_in_the_book_is_glued_or_registered(book_chapters, package_documents, registry) -> None:
    report = check_book(book_chapters, registry, package_documents)
    assert not report, report.message()


def test_guard_reads_every_module_of_the_package() -> None:
    names = [path.name for path in package_modules(REPO_ROOT)]
    assert "dense.py" in names and "activations.py" in names and "cost.py" in names


@pytest.mark.parametrize("path", package_modules(REPO_ROOT), ids=lambda path: path.name)
def test_docstring_claims_hold(path: Path, package_documents, registry) -> None:
    """A docstring's claims are evaluated in its module's namespace, with the package's
    public names (what a docstring example sees, plus the top-level imports)."""
    document = next(d for d in package_documents if d.name == path.relative_to(REPO_ROOT).as_posix())
    module = importlib.import_module(f"tinytorch_layers.{path.stem}")
    # The package loads its names on first use (its __getattr__), so ask for each one.
    public = {name: getattr(tinytorch_layers, name) for name in tinytorch_layers.__all__}
    namespace = {**public, **vars(module)}
    failures = evaluate_claims(document.name, namespace, claims=claims_of(document, registry.get(document.name, [])))
    assert not failures, "\n".join(failure.message for failure in failures)


# --- The guard itself, on fixture chapters ------------------------------------------

FIXTURE = (
    JUPYTEXT_HEADER
    + """
(fixture)=
# A fixture chapter

A Dense layer with 784 inputs.
Growing n multiplies the work by eight, and the layer
has 401,920 parameters.

```{code-cell} ipython3
x = 12345  # code is not prose
```

The glued count {glue:text}`count` and `inline 99` and $x_{42}$ are not prose.
"""
)


def _registry(tmp_path: Path, text: str) -> dict:
    path = tmp_path / REGISTRY_NAME
    path.write_text(text, encoding="utf-8")
    return load_registry(path)


def test_guard_fails_on_an_unregistered_result_naming_chapter_and_line(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        '[[fixture]]\nphrase = "784 inputs"\nkind = "definition"\nreason = "MNIST images"\n',
    )
    report = check_book({"fixture": FIXTURE}, registry)
    assert [(f.chapter, f.line, f.number) for f in report.unregistered] == [
        ("fixture", 17, "eight"),
        ("fixture", 18, "401,920"),
    ]
    message = report.message()
    assert "book/fixture.md:17: number 'eight'" in message
    assert "book/fixture.md:18: number '401,920'" in message
    assert "glue a computed result from a cell" in message and "_numbers.toml" in message
    assert '[[fixture]]\nphrase = "work by eight, and the"' in message


def test_guard_passes_when_every_number_is_registered_and_claims_are_checked(tmp_path) -> None:
    source = FIXTURE + "\n```python\n>>> dense_parameter_count(784, 512)\n401920\n```\n"
    registry = _registry(
        tmp_path,
        """
[[fixture]]
phrase = "784 inputs"
kind = "definition"
reason = "MNIST images"

[[fixture]]
phrase = "by eight"
kind = "claim"
reason = "the product does n**3 multiply-adds"
check = "x = 12345  # code is not prose"
value = "2**3"

[[fixture]]
phrase = "401,920 parameters"
kind = "claim"
reason = "784 * 512 + 512"
check = ">>> dense_parameter_count(784, 512)"
value = "784 * 512 + 512"
""",
    )
    report = check_book({"fixture": source}, registry)
    assert not report, report.message()


def test_guard_reports_a_claim_whose_check_is_not_in_the_chapter(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        """
[[fixture]]
phrase = "784 inputs"
kind = "definition"
reason = "MNIST images"

[[fixture]]
phrase = "by eight"
kind = "claim"
reason = "n**3"
check = ">>> work(2 * n) / work(n)"
value = "8"

[[fixture]]
phrase = "401,920"
kind = "definition"
reason = "a stand-in"
""",
    )
    report = check_book({"fixture": FIXTURE}, registry)
    assert not report.unregistered
    assert len(report.unchecked) == 1 and "work(2 * n) / work(n)" in report.unchecked[0]


def test_guard_reports_stale_entries_and_a_phrase_covers_only_its_own_number(tmp_path) -> None:
    registry = _registry(
        tmp_path,
        """
[[fixture]]
phrase = "784 multiplications"
kind = "definition"
reason = "not in the text"
""",
    )
    report = check_book({"fixture": FIXTURE}, registry)
    assert "784" in [f.number for f in report.unregistered]
    assert report.unused == ["[[fixture]] '784 multiplications'"]


def test_guard_registry_claims_must_name_their_check_and_assert_something(tmp_path) -> None:
    with pytest.raises(RegistryError, match="is a claim: name the code that checks it"):
        _registry(tmp_path, '[[fixture]]\nphrase = "by eight"\nkind = "claim"\nreason = "n**3"\nvalue = "8"\n')
    with pytest.raises(RegistryError, match="give it a 'value' .* or an 'assert'"):
        _registry(tmp_path, '[[fixture]]\nphrase = "by eight"\nkind = "claim"\nreason = "n**3"\ncheck = "x"\n')
    with pytest.raises(RegistryError, match="value is not an expression"):
        _registry(tmp_path, '[[fixture]]\nphrase = "by eight"\nkind = "claim"\nreason = "r"\ncheck = "x"\nvalue = "2 **"\n')
    with pytest.raises(RegistryError, match="only a claim has a 'value'"):
        _registry(tmp_path, '[[fixture]]\nphrase = "784 inputs"\nkind = "definition"\nreason = "r"\nvalue = "784"\n')
    with pytest.raises(RegistryError, match="tolerance"):
        _registry(tmp_path, '[[fixture]]\nphrase = "by eight"\nkind = "claim"\nreason = "r"\ncheck = "x"\nvalue = "8"\ntolerance = "a lot"\n')


def test_guard_reads_prose_inside_directives_but_not_their_options() -> None:
    source = (
        "# T\n\n```{note}\n:class: dropdown 7\n\nThe inner text says 13.\n```\n\n"
        ":::{tip}\nColon fences too: 14\n:::\n\n% a comment with 5\n\n$$\nx = 2\n$$\n\n"
        "See [the 2016 book](https://example.org/9) and <https://example.org/10>.\n"
    )
    found = [(f.line, f.number) for f in find_numbers("t", source)]
    assert found == [(6, "13"), (10, "14"), (16, "2"), (19, "2016")]  # x = 2: a value in math


def test_guard_reads_figure_captions_and_alt_text_of_code_cells() -> None:
    source = (
        "# T\n\n```{code-cell} ipython3\n---\nmystnb:\n  image:\n    alt: \"A plot of 25 layers\"\n"
        "  figure:\n    caption: \"Twelve curves\"\n    name: fig-x\n---\nx = 99\n```\n"
    )
    assert [(f.line, f.number) for f in find_numbers("t", source)] == [(7, "25"), (9, "Twelve")]


# --- What the guard reads: math, number words, figures, docstrings ------------------------
def _numbers(source: str) -> list[tuple[int, str]]:
    return [(found.line, found.number) for found in find_numbers("t", source)]


def test_guard_reads_measured_values_in_math_and_leaves_notation_alone() -> None:
    source = (
        "# T\n\nThe ratio is $x = 17$ here, about $\\approx 0.38$, and $10^{-7}$ alone.\n"
        "Notation: $x_{42}$, $n^2$, $2 N n_{in} n_{out}$, $(0, 1)$, $\\mathcal{N}(0, 2/n)$,\n"
        "$x \\ge 0$, $e^0 = 1$, $i = 1, \\dots, n$ and $W_{ij}$.\n\n"
        "$$\n\\sigma'(0) = 1/4, \\qquad y = xW + b\n$$\n"
    )
    assert _numbers(source) == [(3, "17"), (3, "0.38"), (3, "10^{-7}"), (8, "1/4")]


def test_a_registered_number_in_math_is_covered_by_a_phrase_with_its_math(tmp_path) -> None:
    source = "# T\n\nThe mean slope is $\\approx 0.38$ among them.\n"
    registry = _registry(tmp_path, '[[t]]\nphrase = "slope is $\\\\approx 0.38$"\nkind = "claim"\n'
                                   'reason = "r"\ncheck = "x"\nvalue = "0.38"\n')
    report = check_book({"t": source + "\n```python\nx\n```\n"}, registry)
    assert not report, report.message()


def test_guard_reads_fraction_and_multiple_words_in_claims() -> None:
    source = (
        "# T\n\nSkipping it saves about half of the work, or a third, and twice as long;\n"
        "the ratio is one to three decimal places, the two thirds, doubles, a quarter.\n"
        "The third layer and one product, two ways, a half-open interval, the triple loop.\n"
    )
    assert [number for _, number in _numbers(source)] == [
        "half", "a third", "twice", "three", "two thirds", "doubles", "a quarter",
    ]


def test_guard_reads_alt_text_and_captions_and_their_measured_words(tmp_path) -> None:
    source = (
        "# T\n\n```{code-cell} ipython3\n---\nmystnb:\n  image:\n"
        "    alt: \"Loss curves, falling for every candidate, fastest for the learning rate 0.1\"\n"
        "  figure:\n    caption: \"The curves of $y = 2$\"\n---\nloss = [3, 2, 1]\n```\n"
    )
    found = [(f.line, f.number, f.kind) for f in find_numbers("t", source)]
    assert found == [(7, "falling", "measured"), (7, "fastest", "measured"), (7, "0.1", "number"),
                     (9, "2", "math")]
    # A definition may allow the learning rate, but it cannot hide the measured words...
    with pytest.raises(RegistryError, match="states a measurement .*'fastest'"):
        _registry(tmp_path, '[[t]]\nphrase = "fastest for the learning rate 0.1"\nkind = "definition"\nreason = "r"\n')
    registry = _registry(tmp_path, '[[t]]\nphrase = "learning rate 0.1"\nkind = "definition"\nreason = "r"\n'
                                   '[[t]]\nphrase = "$y = 2$"\nkind = "definition"\nreason = "r"\n')
    report = check_book({"t": source}, registry)
    assert [f.number for f in report.unregistered] == ["falling", "fastest"]
    assert "measured word 'falling'" in report.message() and 'assert = "' in report.message()
    # ... which a claim with an assertion covers.
    registry = _registry(tmp_path, '[[t]]\nphrase = "learning rate 0.1"\nkind = "definition"\nreason = "r"\n'
                                   '[[t]]\nphrase = "$y = 2$"\nkind = "definition"\nreason = "r"\n'
                                   '[[t]]\nphrase = "falling for every candidate, fastest"\nkind = "claim"\n'
                                   'reason = "r"\ncheck = "loss = [3, 2, 1]"\nassert = "loss == sorted(loss)[::-1]"\n')
    assert not check_book({"t": source}, registry)


MODULE = '''"""A fixture module."""


def skip_input_grad(n):
    """Skipping dL/dx saves a third of the FLOPs, $x = 0.5$ and :math:`y = 0.25`.

    Args:
        n: the inputs, e.g. ``784`` in ``Dense(784, 10)``.

    Examples:
        >>> skip_input_grad(784)
        0.4998

    The literal block after this line is code::

        ratio = 123
    """
    return round(2 * n / (4 * n + 1), 4)
'''


def test_guard_reads_the_prose_of_docstrings_not_their_examples(tmp_path) -> None:
    path = tmp_path / "fixture_module.py"
    path.write_text(MODULE, encoding="utf-8")
    lines = module_docstring_lines(path)
    found = [(f.line, f.number) for f in numbers_on_lines("fixture_module.py", lines)]
    assert found == [(5, "a third"), (5, "0.5"), (5, "0.25")]  # not 784, 0.4998 or 123
    document = Document.module(path, tmp_path)
    registry = _registry(tmp_path, '[["fixture_module.py"]]\nphrase = "saves a third"\nkind = "claim"\n'
                                   'reason = "2 n / (4 n + 1)"\ncheck = ">>> skip_input_grad(784)"\n'
                                   'value = "skip_input_grad(784)"\n'
                                   '[["fixture_module.py"]]\nphrase = "$x = 0.5$ and $y = 0.25$"\n'
                                   'kind = "definition"\nreason = "r"\n')
    assert not check_documents_report([document], registry)
    # The docstring's claim is evaluated in the module's namespace: "a third" is wrong.
    namespace: dict = {}
    exec(compile(MODULE, str(path), "exec"), namespace)
    failures = evaluate_claims(document.name, namespace, claims=claims_of(document, registry["fixture_module.py"]))
    assert [f.message for f in failures] == [
        "fixture_module.py:5: claim 'saves a third' does not hold: the text says 'a third' (0.333333), "
        "the value `skip_input_grad(784)` gives 0.4998 (allowed: within 0.005)"
    ]


def check_documents_report(documents, registry):
    from prose_numbers import check_documents

    return check_documents(documents, registry)


# --- Claims that assert -----------------------------------------------------------------------
CLAIM_CHAPTER = JUPYTEXT_HEADER + """
# Claims

```{code-cell} ipython3
ratio = 1 + 1 / (2 * 784)
slopes = [0.2, 0.5, 0.44]
```

The ratio is 1.000638 for 784 inputs, 1.001 to three decimal places.
The slopes of the rest average 0.38, nowhere near one.
"""

CLAIM_REGISTRY = """
[[claims]]
phrase = "784 inputs"
kind = "definition"
reason = "the layer's size"

[[claims]]
phrase = "ratio is 1.000638"
kind = "claim"
reason = "1 + 1/(2 n_in)"
check = "ratio = 1 + 1 / (2 * 784)"
value = "ratio"

[[claims]]
phrase = "1.001 to three decimal places"
kind = "claim"
reason = "the ratio rounded to three decimals"
check = "ratio = 1 + 1 / (2 * 784)"
value = "(round(ratio, 3), 3)"

[[claims]]
phrase = "average 0.38, nowhere near one"
kind = "claim"
reason = "the mean slope"
check = "slopes = [0.2, 0.5, 0.44]"
value = "sum(slopes) / len(slopes)"
"""


def _claims(tmp_path: Path, chapter: str = CLAIM_CHAPTER, registry: str = CLAIM_REGISTRY):
    (tmp_path / "claims.md").write_text(chapter, encoding="utf-8")
    (tmp_path / REGISTRY_NAME).write_text(registry, encoding="utf-8")
    namespace: dict = {}
    exec("ratio = 1 + 1 / (2 * 784)\nslopes = [0.2, 0.5, 0.44]", namespace)
    return evaluate_claims(tmp_path / "claims.md", namespace)


def test_claims_that_agree_with_the_code_pass(tmp_path) -> None:
    assert _claims(tmp_path) == []
    report = check_book({"claims": CLAIM_CHAPTER}, load_registry(tmp_path / REGISTRY_NAME))
    assert not report, report.message()


def test_a_claim_whose_number_is_changed_in_the_text_fails_with_line_and_both_values(tmp_path) -> None:
    """The number edited in the prose alone leaves the phrase unregistered (the guard fails);
    edited in the prose and the registry's phrase, the claim's value disagrees."""
    chapter = CLAIM_CHAPTER.replace("average 0.38", "average 0.83")
    report = check_book({"claims": chapter}, load_registry(_write(tmp_path, CLAIM_REGISTRY)))
    assert [f.number for f in report.unregistered] == ["0.83"]
    failures = _claims(tmp_path, chapter, CLAIM_REGISTRY.replace("average 0.38", "average 0.83"))
    line = chapter.splitlines().index("The slopes of the rest average 0.83, nowhere near one.") + 1
    assert [(f.key, f.line) for f in failures] == [(f"claim:{line}", line)]
    assert failures[0].message == (
        f"book/claims.md:{line}: claim 'average 0.83, nowhere near one' does not hold: the text says "
        "'0.83' (0.83), the value `sum(slopes) / len(slopes)` gives 0.38 (allowed: within 0.005)"
    )


def _write(tmp_path: Path, registry: str) -> Path:
    path = tmp_path / REGISTRY_NAME
    path.write_text(registry, encoding="utf-8")
    return path


def test_a_claim_whose_expression_disagrees_or_asserts_false_fails(tmp_path) -> None:
    """Issue 18's own example: "one to three decimal places" for 1.000638, which rounds to
    1.001, is caught by the assertion that states it."""
    chapter = CLAIM_CHAPTER.replace("1.001 to three decimal places", "one to three decimal places")
    registry = CLAIM_REGISTRY.replace('value = "ratio"', 'value = "round(ratio, 3)"').replace(
        'phrase = "1.001 to three decimal places"', 'phrase = "one to three decimal places"').replace(
        'value = "(round(ratio, 3), 3)"', 'assert = "round(ratio, 3) == 1"')
    messages = [f.message for f in _claims(tmp_path, chapter, registry)]
    assert len(messages) == 2
    assert "the text says '1.000638' (1.00064), the value `round(ratio, 3)` gives 1.001" in messages[0]
    assert "claim 'one to three decimal places' does not hold: assert `round(ratio, 3) == 1` is False" in messages[1]


def test_a_claim_that_cannot_be_evaluated_or_counts_wrong_fails(tmp_path) -> None:
    registry = CLAIM_REGISTRY.replace('value = "ratio"', 'value = "ratio_of_nothing"').replace(
        'value = "sum(slopes) / len(slopes)"', 'value = "(0.38, 1.0)"')
    messages = [f.message for f in _claims(tmp_path, registry=registry)]
    assert len(messages) == 2 and "value `ratio_of_nothing` raised NameError" in messages[0]
    assert "the text states 1 number(s) ['0.38'], the value `(0.38, 1.0)` gives 2" in messages[1]


def test_claim_tolerances_follow_the_writing_or_the_entry() -> None:
    def verdict(text: str, value: str, tolerance=None) -> list[str]:
        document = Document("t", "book/t.md", [Line(1, (("text", text),))], set())
        entry = Entry("t", text, "claim", "r", "c", value=value, tolerance=tolerance)
        return [f.message for f in evaluate_claims("t", {}, claims=claims_of(document, [entry]))]

    assert verdict("0.38", "0.384") == [] and verdict("0.38", "0.386") != []  # half a unit of 0.01
    assert verdict("1,797 digits", "1797") == [] and verdict("1,797 digits", "1798") != []
    assert verdict("twice as long", "2.4") == [] and verdict("twice as long", "2.6") != []
    assert verdict("about half", "0.4998") == [] and verdict("about half", "0.45") != []
    assert verdict("about half", "0.45", tolerance=0.06) == [] and verdict("about half", "0.45", "5%") != []
    assert verdict("12%", "12.4") == [] and verdict("12%", "0.12") != []  # percent: the number as written


def test_a_claim_without_a_number_is_used_where_its_phrase_occurs(tmp_path) -> None:
    source = "# T\n\nThe curve sits on the line.\n\n```python\nx\n```\n"
    registry = _registry(tmp_path, '[[t]]\nphrase = "sits on the line"\nkind = "claim"\nreason = "r"\n'
                                   'check = "x"\nassert = "abs(gap) < 1e-3"\n')
    assert not check_book({"t": source}, registry)
    assert check_book({"t": source.replace("sits on", "lies near")}, registry).unused
    document = Document.chapter("t", source)
    claims = claims_of(document, registry["t"])
    assert evaluate_claims("t", {"gap": 1e-4}, claims=claims) == []
    assert "assert `abs(gap) < 1e-3` is False" in evaluate_claims("t", {"gap": 0.01}, claims=claims)[0].message
