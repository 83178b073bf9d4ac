"""A whole, printable HTML page made from Markdown the app wrote: one renderer for both.

The HTML is the Markdown rendered by markdown-it-py (CommonMark, raw HTML off), so the two files
of one document carry the same headings, lists and paragraphs; a person's words reach the
Markdown escaped (``markdown_text``), and raw HTML could not pass here even if they did not.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from mentorjournal.exchange.visible import escape_controls

PRINT_CSS = """
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 42em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
h4 { font-size: 1em; font-style: italic; margin: 0.8em 0 0.2em; }
h1 + p { color: #555; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p, li { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


def markdown_to_html(markdown: str) -> str:
    """The body's HTML for ``markdown``: CommonMark with raw HTML off."""
    return MarkdownIt("commonmark", {"html": False}).render(markdown)


def render_page(title: str, markdown: str) -> str:
    """A complete, self-contained HTML page: ``title`` (plain text) and the rendered Markdown."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(escape_controls(' '.join(title.split())))}</title>",
            f"<style>\n{PRINT_CSS}\n</style>",
            "</head>",
            "<body>",
            markdown_to_html(markdown).rstrip("\n"),
            "</body>",
            "</html>",
            "",
        ]
    )
