"""A person's words inside Markdown the app writes: shown as typed, never taken as markup.

Every Markdown file the app writes (the export, the shared plan, the printable page made from
them) puts a person's text through this one module. Whatever was typed, a renderer (CommonMark,
markdown-it, pandoc's Markdown, GitHub's) shows the same words: no heading, list, quote, table,
emphasis, link, code, math or raw HTML that the person did not write through the app's own
structure. Each line typed stays a line (a hard break), and a blank line still parts paragraphs.

How: ``<``, ``>`` and ``&`` are written as entities (``&lt;``), so raw HTML never passes, not
even in an older renderer; every other character that is markup somewhere in a line
(``\\ ` * _ [ ] { } | ~ ^ $ #``) gets a backslash (CommonMark and pandoc both read a backslash
before any ASCII punctuation as the character itself); ``@`` does too where pandoc would read a
citation; and what starts a block only at the start of a line (``-``, ``+``, ``=``, ``:``,
``%``, ``1.``, ``a)``, ``(i)``) is escaped there. Indentation is dropped: rendered Markdown
drops it anyway, except that four spaces would turn a paragraph into code. Control characters
are written as their visible escapes (``\\x1b``), and only a line feed (or CR LF, or CR) ends
a line.
"""

from __future__ import annotations

import re

from mentorjournal.exchange.visible import escape_controls

# Markup wherever it stands in a line, in at least one renderer people use.
_EVERYWHERE = re.compile(r"([\\`*_\[\]{}|~^$#])")
# HTML's own characters as entities, which every Markdown reads as the character (an older
# one, Markdown.pl or Python-Markdown, would pass "\<b>" on as a tag).
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# A citation in pandoc (@doe99, [@doe]) but not an e-mail address (jo@example.com).
_CITATION = re.compile(r"(?<![0-9A-Za-z])@")
# What starts a block at the start of a line: list bullets, a setext underline (=, and - which
# is also a thematic break or YAML), definitions and fenced divs (:), a title block (%).
_LEADING = re.compile(r"[-+=:%]")
# An ordered-list marker: 1. 1) a. A) iv. (1) (a): its closing . or ) is escaped.
_ORDERED = re.compile(r"(\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+))([.)])(?=\s|$)")


def escape_line(line: str) -> str:
    """One line of a person's text, written so that a renderer shows exactly these words (a
    control character as its visible escape, ``\\x1b``; a tab stays a tab)."""
    text = escape_controls(line.strip(), keep="\t")
    text = _CITATION.sub(r"\\@", _EVERYWHERE.sub(r"\\\1", text)).translate(_HTML)
    if _LEADING.match(text):
        return "\\" + text
    return _ORDERED.sub(r"\1\\\2", text, count=1) if _ORDERED.match(text) else text


def inline(text: str) -> str:
    """A person's text on one line of Markdown (a heading, a list item's first words): line
    breaks become spaces, everything else as :func:`escape_line`."""
    return escape_line(" ".join(text.split()))


def lines(text: str) -> list[str]:
    """A person's text as Markdown lines: each line escaped, and each one that another line of
    text follows ends in two spaces (a hard break), so it stays a line when rendered. A blank
    line (any run of them) parts paragraphs."""
    out: list[str] = []
    for raw in text.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = escape_line(raw)
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        if out and out[-1]:
            out[-1] += "  "
        out.append(line)
    return out


def block(text: str) -> list[str]:
    """A person's text as paragraphs with a blank line after them; nothing for empty text."""
    found = lines(text)
    return [*found, ""] if found else []


def item(first: str, more: list[str] | None = None, indent: str = "") -> list[str]:
    """One list item at ``indent``: ``first`` (Markdown, already escaped) and lines of
    Markdown under it (as :func:`lines` makes them), kept inside the item."""
    pad = indent + "  "
    return [f"{indent}- {first}", *[(pad + ln) if ln else "" for ln in more or []]]


def listed(text: str) -> list[str]:
    """Text the app itself wrote as a list (a review's summary: one ``- …`` line per action
    reviewed): those lines are list items, each with its words escaped; any other line is a
    person's words, as in :func:`block`."""
    rows = text.strip().splitlines()
    if not rows or not all(row.startswith("- ") for row in rows):
        return block(text)
    return [*(ln for row in rows for ln in item(inline(row[2:]))), ""]
