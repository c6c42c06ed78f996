"""The PDF of the whole book (scripts/build_pdf.sh): every chapter title and every figure is in it.

Building the PDF takes TeX Live and about a minute, so the default test command does not:
these tests run when ``TINYTORCH_PDF`` names a built PDF (``scripts/build_pdf.sh`` sets it
and runs them) and are skipped otherwise. They read the PDF with poppler's ``pdftotext`` and
``pdfimages`` (Debian's poppler-utils, which the script installs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from myst_nb.core.read import read_myst_markdown_notebook

from book_build import BOOK_SOURCE, REPO_ROOT
from browser_support import NOTEBOOK_CHAPTERS, REFERENCE_PAGES

PDF_ENV = "TINYTORCH_PDF"


@pytest.fixture(scope="module")
def pdf() -> Path:
    value = os.environ.get(PDF_ENV)
    if not value:
        pytest.skip(f"{PDF_ENV} is not set: build the PDF with `bash scripts/build_pdf.sh`")
    path = Path(value) if Path(value).is_absolute() else REPO_ROOT / value
    assert path.is_file(), f"{PDF_ENV}={value!r} is not a file"
    for tool in ("pdftotext", "pdfimages"):
        assert shutil.which(tool), f"{tool} is missing (Debian package poppler-utils)"
    return path


def _words(text: str) -> str:
    """Text with LaTeX's line-end hyphenation and typographic quotes undone, and all white
    space made single spaces."""
    text = re.sub(r"-\n(?=[a-z])", "", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf_text(pdf: Path) -> str:
    return _words(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def chapter_title(page: str) -> str:
    text = (BOOK_SOURCE / f"{page}.md").read_text(encoding="utf-8")
    match = re.search(r"^# (.+)$", text, flags=re.M)
    assert match, f"{page}.md has no level-1 title"
    return match.group(1).strip()


def figure_captions() -> list[tuple[str, str]]:
    """(chapter, caption) of every figure the chapters draw (myst-nb's ``figure`` cell option)."""
    captions = []
    for chapter in NOTEBOOK_CHAPTERS:
        notebook = read_myst_markdown_notebook((BOOK_SOURCE / f"{chapter}.md").read_text(encoding="utf-8"))
        for cell in notebook.cells:
            figure = cell.metadata.get("mystnb", {}).get("figure")
            if figure:
                captions.append((chapter, figure["caption"]))
    return captions


@pytest.mark.parametrize("page", NOTEBOOK_CHAPTERS + REFERENCE_PAGES)
def test_every_chapter_title_is_in_the_pdf(pdf_text: str, page: str) -> None:
    title = chapter_title(page)
    assert _words(title) in pdf_text, f"the PDF lacks the title of {page}.md: {title!r}"


def test_every_figure_is_in_the_pdf(pdf: Path, pdf_text: str) -> None:
    captions = figure_captions()
    assert captions, "the chapters draw no figure: the check below would prove nothing"
    missing = [f"{chapter}: {caption}" for chapter, caption in captions if _words(caption) not in pdf_text]
    assert not missing, "captions missing from the PDF:\n" + "\n".join(missing)
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2] == "image"]
    assert len(images) >= len(captions), f"the PDF embeds {len(images)} images for {len(captions)} figures"
