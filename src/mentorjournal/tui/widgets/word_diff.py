"""What changed between two versions of a text, word by word, readable without colour.

Words only in the earlier version are shown ``[-like this-]``, words only in the later one
``{+like this+}`` (the marks say it; struck through and bold are extra). Long stretches that
did not change are cut to a few words either side of a change.
"""

from __future__ import annotations

import difflib
import re

from textual.content import Content

TOKENS = re.compile(r"\s+|\S+")
CONTEXT = 8  # words kept either side of a change
GONE = ("[-", "-]")
ADDED = ("{+", "+}")
ELLIPSIS = " … "

Change = tuple[str, str]  # ("same" | "gone" | "added", text)


def word_changes(old: str, new: str, context: int = CONTEXT) -> list[Change]:
    """From ``old`` to ``new``: runs of text kept, gone or added, in order; a long kept run
    is cut to ``context`` words at each end (``ELLIPSIS`` between)."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    out: list[Change] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("gone", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", "".join(b[j1:j2])))
    return [_cut(change, i, len(out), context) for i, change in enumerate(out)]


def _cut(change: Change, at: int, count: int, context: int) -> Change:
    kind, text = change
    if kind != "same":
        return change
    words = TOKENS.findall(text)
    keep = 2 * context  # words and the spaces between
    head = words[:keep] if at > 0 else []  # after a change: its context
    tail = words[-keep:] if at < count - 1 else []  # before a change
    if len(words) <= len(head) + len(tail) + 2 or count == 1:
        return change
    return kind, "".join(head) + ELLIPSIS + "".join(tail)


def unchanged(changes: list[Change]) -> bool:
    return all(kind == "same" for kind, _text in changes)


def as_content(changes: list[Change]) -> Content:
    """The changes with their marks (and struck through / bold, where there is colour)."""
    parts: list[str | tuple[str, str]] = []
    for kind, text in changes:
        if kind == "gone":
            parts.append((f"{GONE[0]}{text}{GONE[1]}", "strike"))
        elif kind == "added":
            parts.append((f"{ADDED[0]}{text}{ADDED[1]}", "bold"))
        else:
            parts.append(text)
    return Content.assemble(*parts)


def as_text(changes: list[Change]) -> str:
    """The same, as plain text (for tests and a person reading it aloud)."""
    return as_content(changes).plain
