"""Rendering the Markdown the app writes, as readers will: markdown-it-py (CommonMark, with
tables and strikethrough on) and, where it is installed, pandoc; and reading the HTML back as
the elements it holds and the text of each block."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

PANDOC = shutil.which("pandoc")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (Debian package pandoc; .ci/run installs it)"
)
# Everything that is a block of text in the HTML.
BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "td", "th", "dt", "dd"}


def markdown_it(markdown: str) -> str:
    """CommonMark as markdown-it-py renders it, with GitHub's tables and strikethrough too; raw
    HTML is let through here, so that any that the Markdown held would show."""
    engine = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return engine.render(markdown)


def pandoc(markdown: str, reader: str = "markdown") -> str:
    """pandoc's HTML for the Markdown (its own Markdown, every default extension on)."""
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", reader, "-t", "html", "--wrap=none"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


@dataclass
class Page:
    """An HTML page read back: every element's tag in order, headings (level, text), and the
    text of each block (a <br> as a line break)."""

    tags: list[str] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[tuple[str, list[str]]] = []  # the blocks being read, innermost last

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.page.tags.append(tag)
        if tag == "br" and self.open:
            self.open[-1][1].append("\n")
        elif tag in BLOCKS:
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and self.open and self.open[-1][0] == tag:
            _tag, parts = self.open.pop()
            text = "\n".join(line.strip() for line in "".join(parts).split("\n")).strip()
            if tag[0] == "h" and tag[1:].isdigit():
                self.page.headings.append((tag, text))
            self.page.blocks.append(text)

    def handle_data(self, data: str) -> None:
        if self.open:
            # A line break in the HTML's source is a space; only <br> breaks a line.
            self.open[-1][1].append(data.replace("\n", " "))


def read_page(page: str) -> Page:
    reader = _Reader()
    reader.feed(page)
    reader.close()
    return reader.page
