"""When another window changed the entry this screen saves: what to show and what to say.

A screen saves only the fields it changed (``Journal.save_fields``); what it gets back is the
entry as stored, which may hold another window's words too. ``catch_up`` works out what the
screen should show then (what is stored, plus anything typed since the save began),
``bring_text`` puts a text into a TextArea without moving the person's cursor, and
``other_window_notice`` says in a sentence what was combined.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.widgets import TextArea

from mentorjournal.domain import WellbeingCheckin
from mentorjournal.journal.field_saves import FieldEdit, Stored
from mentorjournal.journal.merging import OTHER_WINDOW, merge_value

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

D = TypeVar("D")


def catch_up(sent: D, now: D, stored: D) -> D:
    """What a screen shows after a save: field by field (drafts are tuples), the stored value
    with what was typed since ``sent`` was read (``now``) merged in."""
    assert isinstance(sent, tuple) and isinstance(now, tuple) and isinstance(stored, tuple)
    values = [merge_value(s, n, t).value for s, n, t in zip(sent, now, stored, strict=True)]
    make = getattr(type(now), "_make", type(now))  # a NamedTuple, or a plain tuple
    return make(values)  # type: ignore[no-any-return]


def bring_text(area: TextArea, text: str) -> None:
    """Make ``area`` hold ``text`` by one edit of the part that differs (it can be undone),
    keeping the cursor on the words it was on; text added right at the cursor goes after it."""
    old = area.text
    if old == text:
        return
    start = 0
    limit = min(len(old), len(text))
    while start < limit and old[start] == text[start]:
        start += 1
    end_old, end_new = len(old), len(text)
    while end_old > start and end_new > start and old[end_old - 1] == text[end_new - 1]:
        end_old -= 1
        end_new -= 1
    top, bottom = _location(old, start), _location(old, end_old)
    cursor = area.cursor_location
    area.replace(text[start:end_new], top, bottom)
    if top == bottom == cursor:
        area.cursor_location = cursor  # the other window's words follow the typing, not before


def _location(text: str, index: int) -> tuple[int, int]:
    """(row, column) in a TextArea of the character at ``index`` of its text."""
    return text.count("\n", 0, index), index - (text.rfind("\n", 0, index) + 1)


def other_window_notice(results: Iterable[Stored[Any]], labels: Mapping[str, str]) -> str:
    """A sentence on what another window had changed in the same fields ("" when nothing)."""
    marked: list[str] = []
    merged: list[str] = []
    replaced: list[str] = []
    for result in results:
        marked += [labels.get(k, k) for k in result.marked]
        merged += [labels.get(k, k) for k in result.merged if k not in result.marked]
        replaced += [labels.get(k, k) for k in result.replaced]
    sentences = []
    if marked:
        sentences.append(
            f"Another window changed the same lines of the {_words(marked)}: both are kept, "
            f"its lines under “{OTHER_WINDOW}”."
        )
    if merged:
        sentences.append(f"Another window changed the {_words(merged)} too: both changes are kept.")
    if replaced:
        sentences.append(
            f"Another window had changed the {_words(replaced)} as well: this choice is saved."
        )
    return " ".join(sentences)


def tell(app: App[Any], notice: str) -> None:
    """Show ``other_window_notice``'s sentence, if there is one."""
    if notice:
        app.notify(notice, title="Changed in another window too", timeout=12)


def store_checkin(
    journal: Journal, loaded: WellbeingCheckin | None, edited: WellbeingCheckin
) -> tuple[WellbeingCheckin, str]:
    """A check-in shown since ``loaded`` (None: a new one) and ``edited`` on screen: its score,
    note and time stored onto it as stored now. Returns it, and a sentence (see ``tell``)."""
    if loaded is None:
        return journal.save(edited), ""
    was = {"score": loaded.score, "note": loaded.note, "at": loaded.at}
    now = {"score": edited.score, "note": edited.note, "at": edited.at}
    edit = FieldEdit.between(WellbeingCheckin, loaded.id, was, now, computed={"at"})
    [stored] = journal.save_edits([edit])
    return stored.entry, other_window_notice([stored], {"score": "well-being score"})


def _words(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
