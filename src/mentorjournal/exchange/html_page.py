"""A whole, printable HTML page made from Markdown the app wrote: one renderer for both.

Printed (a browser's "Save as PDF"), it has the paper of the person's locale (A4, or Letter in
the US, Canada …), margins, a page number at each page's foot, headings kept with their text,
each relationship starting on a page of its own, and heading levels that look different.

The HTML is the Markdown rendered by markdown-it-py (CommonMark, raw HTML off), so the two files
of one document carry the same headings, lists and paragraphs; a person's words reach the
Markdown escaped (``markdown_text``), and raw HTML could not pass here even if they did not.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping

from markdown_it import MarkdownIt

from mentorjournal.exchange.visible import escape_controls

# Where a locale's paper is Letter (glibc's LC_PAPER for these territories); A4 elsewhere.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "SV", "NI", "DO"}
)
# Which setting names the paper, first found wins (POSIX: LC_ALL over LC_PAPER over LANG).
PAPER_VARIABLES = ("LC_ALL", "LC_PAPER", "LANG")


def paper_size(environ: Mapping[str, str] | None = None) -> str:
    """The CSS page size for the person's locale: "letter" where Letter is the paper in use
    (en_US, en_CA, fr_CA, es_MX …), else "A4". Read from LC_ALL, then LC_PAPER, then LANG."""
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in PAPER_VARIABLES if env.get(name)), "")
    # language[_TERRITORY][.codeset][@modifier]
    territory = locale.split(".")[0].split("@")[0].partition("_")[2].upper()
    return "letter" if territory in LETTER_TERRITORIES else "A4"


SCREEN_CSS = """
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 42em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.75em; line-height: 1.2; margin: 0 0 0.3em; }
h2 { font-size: 1.3em; border-bottom: 1.5px solid #444; padding-bottom: 0.1em;
     margin: 1.6em 0 0.5em; }
h3 { font-size: 0.95em; text-transform: uppercase; letter-spacing: 0.06em; color: #444;
     margin: 1.3em 0 0.3em; }
h4 { font-size: 1em; font-style: italic; font-weight: normal; margin: 0.8em 0 0.15em; }
h1 + p { color: #555; }
ul { padding-left: 1.4em; }
"""

PRINT_CSS = """
@page {
  size: $paper;
  margin: 20mm 18mm 22mm 18mm;
  /* Empty boxes: a browser's own header and footer (date, file path) are left out. */
  @top-left { content: ""; }
  @top-center { content: ""; }
  @top-right { content: ""; }
  @bottom-left { content: ""; }
  @bottom-right { content: ""; }
  @bottom-center {
    content: "Page " counter(page) " of " counter(pages);
    font: 8.5pt Georgia, "Times New Roman", serif; color: #555;
  }
}
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  h1 ~ h1 { break-before: page; page-break-before: always; }
  p, li { orphans: 3; widows: 3; }
}
"""


def stylesheet(paper: str) -> str:
    """The page's CSS: for the screen, and for print on ``paper`` ("A4" or "letter") with its
    margins, a page number at the foot of each page, and headings kept with what follows."""
    return (SCREEN_CSS + PRINT_CSS.replace("$paper", paper)).strip()


def markdown_to_html(markdown: str) -> str:
    """The body's HTML for ``markdown``: CommonMark with raw HTML off."""
    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def render_page(title: str, markdown: str, *, paper: str | None = None) -> str:
    """A complete, self-contained HTML page: ``title`` (plain text) and the rendered Markdown,
    printed on ``paper`` (default: the locale's, see :func:`paper_size`)."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(escape_controls(' '.join(title.split())))}</title>",
            f"<style>\n{stylesheet(paper or paper_size())}\n</style>",
            "</head>",
            "<body>",
            markdown_to_html(markdown).rstrip("\n"),
            "</body>",
            "</html>",
            "",
        ]
    )
