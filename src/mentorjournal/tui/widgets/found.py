"""What search found, shown where it is: the words marked in the entry and scrolled into view.

Search matches case-folded text (``search.find_in``); the same rule finds the words again here
in the text a field holds, so what is marked is what was matched.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Region
from textual.widgets import Input, Static, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection

from mentorjournal.journal.search import find_in

MARK = "bold reverse"  # visible without colour (NO_COLOR) too


def span_of(text: str, term: str) -> tuple[int, int] | None:
    """Where ``term`` first occurs in ``text`` as search matches it: start and length in
    ``text``; None when it is not there (or ``term`` is blank)."""
    needle = term.strip().casefold()
    if not needle:
        return None
    found = find_in({"text": text}, ("text",), needle)
    return None if found is None else (found[1], found[2])


def location(text: str, offset: int) -> tuple[int, int]:
    """A character offset in ``text`` as a (row, column) location of a TextArea."""
    row = text.count("\n", 0, offset)
    return row, offset - (text.rfind("\n", 0, offset) + 1)


def mark_in_text_area(area: TextArea, term: str) -> bool:
    """Select the first match of ``term`` in ``area`` and scroll it to the middle; whether
    there was one."""
    span = span_of(area.text, term)
    if span is None:
        return False
    start, length = span
    area.selection = Selection(location(area.text, start), location(area.text, start + length))
    area.scroll_cursor_visible(center=True)
    return True


def mark_in_input(box: Input, term: str) -> bool:
    """Select the first match of ``term`` in ``box``; whether there was one."""
    span = span_of(box.value, term)
    if span is None:
        return False
    start, length = span
    box.selection = InputSelection(start, start + length)
    return True


def mark_in_field(field: Input | TextArea, term: str) -> bool:
    if isinstance(field, TextArea):
        return mark_in_text_area(field, term)
    return mark_in_input(field, term)


def line_of(shown: Static, text: str, offset: int) -> int:
    """The line (from 0) on which the character at ``offset`` of ``text`` is drawn, once
    ``shown`` wraps ``text`` to its width: the height of the text up to the end of that word."""
    end = offset
    while end < len(text) and not text[end].isspace():
        end += 1
    width = shown.content_region.width
    rules: Any = shown.styles  # read as a widget reads them for its own height
    return max(Content(text[:end]).get_height(rules, width) - 1, 0)


def region_of_line(shown: Static, line: int) -> Region:
    """Line ``line`` of ``shown`` in the coordinates of the container it scrolls in."""
    top = shown.virtual_region.y + shown.styles.gutter.top
    return Region(0, top + line, 1, 1)
