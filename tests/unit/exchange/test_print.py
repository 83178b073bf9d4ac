"""The printable page (issue 15, point 3): paper by locale, margins, page numbers, headings kept
with their text and levels that differ; printed by headless Chromium on A4 (or Letter)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mentorjournal.exchange import html_page
from mentorjournal.exchange.markdown_export import export_html
from mentorjournal.journal.journal import Journal

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
        if (found := shutil.which(name))
    ),
    None,
)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium here to print with (.ci/run installs it)"
)
A4 = (595.28, 841.89)  # points
LETTER = (612.0, 792.0)


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({}, "A4"),
        ({"LANG": "C.UTF-8"}, "A4"),
        ({"LANG": "en_GB.UTF-8"}, "A4"),
        ({"LANG": "de_DE.UTF-8@euro"}, "A4"),
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_CA"}, "letter"),
        ({"LANG": "fr_CA.utf8"}, "letter"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "en_GB.UTF-8"}, "A4"),
        ({"LANG": "en_GB.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "letter"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "A4"),
        ({"LC_ALL": "", "LC_PAPER": "es_MX.UTF-8"}, "letter"),
    ],
)
def test_the_paper_is_the_locales(environ: dict[str, str], paper: str) -> None:
    assert html_page.paper_size(environ) == paper


def in_locale(monkeypatch: pytest.MonkeyPatch, lang: str | None) -> None:
    """This process's locale settings: LANG only (LC_ALL and LC_PAPER unset)."""
    for name in html_page.PAPER_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    if lang is not None:
        monkeypatch.setenv("LANG", lang)


def test_the_stylesheet_prints_well(monkeypatch: pytest.MonkeyPatch) -> None:
    in_locale(monkeypatch, None)
    page = html_page.render_page("T", "# T\n\n## Meetings\n\n### 2026-02-10\n\n#### Notes\n\nx\n")
    css = page[page.index("<style>") : page.index("</style>")]
    assert re.search(r"@page \{\s*size: A4;\s*margin: 20mm 18mm 22mm 18mm;", css)
    assert 'content: "Page " counter(page) " of " counter(pages);' in css
    assert "h1, h2, h3, h4 { break-after: avoid;" in css
    rules = {
        level: re.search(rf"^{level} \{{([^}}]*)\}}", css, re.M).group(1)  # type: ignore[union-attr]
        for level in ("h1", "h2", "h3", "h4")
    }
    assert len(set(rules.values())) == 4  # four levels, four looks
    assert "border-bottom" in rules["h2"] and "uppercase" in rules["h3"]
    in_locale(monkeypatch, "en_US.UTF-8")
    assert "size: letter;" in html_page.render_page("T", "x")


def print_to_pdf(page: str, folder: Path) -> bytes:
    assert CHROMIUM is not None
    source, pdf = folder / "page.html", folder / "page.pdf"
    source.write_text(page, encoding="utf-8")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # as root, in a container
            "--disable-gpu",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return pdf.read_bytes()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def assert_paper(pdf: bytes, paper: tuple[float, float]) -> None:
    sizes = page_sizes(pdf)
    assert len(sizes) >= 2  # the long story takes more than one page
    for width, height in sizes:
        assert abs(width - paper[0]) < 1.5 and abs(height - paper[1]) < 1.5, (width, height)


def long_story(journal: Journal, sample) -> None:
    from dataclasses import replace

    journal.save(replace(sample.held, notes="\n".join(["A line of notes."] * 150)))


@needs_chromium
def test_chromium_prints_the_export_on_a4(
    journal: Journal, sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_story(journal, sample)
    in_locale(monkeypatch, "en_GB.UTF-8")
    assert_paper(print_to_pdf(export_html(journal), tmp_path), A4)


@needs_chromium
def test_chromium_prints_on_letter_in_the_us(
    journal: Journal, sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_story(journal, sample)
    in_locale(monkeypatch, "en_US.UTF-8")
    assert_paper(print_to_pdf(export_html(journal, sample.rel.id), tmp_path), LETTER)
