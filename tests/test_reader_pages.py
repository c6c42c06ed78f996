"""The first pages a newcomer reads: what the book is, for whom, how to get and run the code and
how the exercises work come before any word about how the book is tested; and the install
command the preface gives is the one the notebook tests' environment is made with."""

from __future__ import annotations

import re
import tomllib

from book_build import BOOK_SOURCE, REPO_ROOT

# The preface's sections a newcomer needs, in the order they must come.
NEWCOMER_SECTIONS = ["## Who this book is for", "## Getting the code", "## Running a chapter yourself", "## Exercises"]
TESTING = re.compile(r"\btest", re.IGNORECASE)
READER_INSTALL = re.compile(r'python -m pip install -e "\.\[(\w+)\]"')


def _text(page: str) -> str:
    return (BOOK_SOURCE / f"{page}.md").read_text(encoding="utf-8")


def test_preface_explains_the_book_before_its_testing() -> None:
    text = _text("preface")
    positions = [text.find(heading) for heading in NEWCOMER_SECTIONS]
    assert all(position >= 0 for position in positions), f"the preface lacks one of {NEWCOMER_SECTIONS}"
    assert positions == sorted(positions), f"the preface should have, in order: {NEWCOMER_SECTIONS}"
    first_test = TESTING.search(text)
    assert first_test and first_test.start() > positions[-1], (
        "the preface speaks of tests before it has said how to get the code, run a chapter and "
        f"do the exercises: {text[first_test.start() - 80:first_test.start() + 20]!r}"
    )


def test_landing_page_points_a_newcomer_to_the_preface_before_the_testing() -> None:
    text = _text("index")
    preface, exercises = text.find("{doc}`preface`"), text.find("exercises")
    first_test = TESTING.search(text)
    assert 0 <= exercises and 0 <= preface, "the landing page names neither the preface nor the exercises"
    assert first_test is None or first_test.start() > max(preface, exercises)


def test_preface_install_command_is_the_notebook_tests_environment() -> None:
    text = _text("preface")
    section = text[text.find("## Getting the code"):text.find("## Running a chapter yourself")]
    commands = READER_INSTALL.findall(section)
    assert len(commands) == 1, f"'Getting the code' should give one install command, found {commands}"
    extra = commands[0]
    extras = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    assert extra in extras, f"the preface installs the extra {extra!r}, which pyproject.toml lacks"
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert f"-e '.[{extra}]'" in setup, f"scripts/setup.sh does not build the reader's environment from [{extra}]"
