"""The one way to check in (issue 12, point 2), as key walks every check-in screen is driven by:
each starts on the score row and ends with the check-in saved, score 4 and the note "calm"."""

from __future__ import annotations

from pathlib import Path

from mentorjournal.domain import WellbeingCheckin
from tests.tui.conftest import reopen

NOTE = "calm"
WALKS = {
    # A digit, then typing: the typing goes into the note. Tab leaves the note; ctrl+s saves.
    "digit-type-tab-save": ("4", *NOTE, "tab", "ctrl+s"),
    # A digit, tab to the note, typing, tab on to the next field; ctrl+s saves.
    "digit-tab-type-tab-save": ("4", "tab", *NOTE, "tab", "ctrl+s"),
    # Enter in the note saves.
    "digit-tab-type-enter": ("4", "tab", *NOTE, "enter"),
}


def stored_checkins(journal_path: Path) -> list[tuple[int, str]]:
    """(score, note) of every check-in stored, as the journal on disk has them."""
    journal = reopen(journal_path)
    try:
        return [(c.score, c.note) for c in journal.all(WellbeingCheckin)]
    finally:
        journal.close()
