"""The unlock screen and a journal changed outside MentorJournal (issue 14): rows deleted, added,
moved or put back are refused after the passphrase with the sentence saying what was found (the
app does not open such a journal; ``mentorjournal export`` saves what is intact); a whole file
older than one opened before on this computer opens, with a warning on screen."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.unlock import UnlockScreen
from tests.tui.conftest import reopen, unlock
from tests.tui.screen_text import screen_text, until

DELETED = (
    "1 entry was deleted outside MentorJournal, so the journal was not opened and nothing was "
    "changed; “mentorjournal export” can still save what is intact. ctrl+q quits."
)


def shown(app: object) -> str:
    """The screen's words in one line (the dialog's borders left out)."""
    text = screen_text(app).replace("│", " ").replace("▌", " ")  # type: ignore[arg-type]
    return " ".join(text.split())


async def test_rows_deleted_outside_are_refused_after_the_passphrase(
    make_app, new_journal, journal_path: Path
) -> None:
    rel = Relationship(title="Reverse mentoring with Amara")
    meeting = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 11, 10, 10, tzinfo=UTC))
    new_journal.save_many([rel, meeting])
    new_journal.close()
    conn = sqlite3.connect(journal_path)
    conn.execute("DELETE FROM meeting")
    conn.commit()
    conn.close()
    before = journal_path.read_bytes()

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: DELETED in shown(app), "the sentence on the unlock screen")
        assert isinstance(app.screen, UnlockScreen) and app.journal is None
        box = app.screen.query_one("#passphrase", Input)
        assert box.disabled and box.value == ""
        await pilot.press("ctrl+q")
    assert journal_path.read_bytes() == before


async def test_an_older_copy_of_the_file_opens_with_a_warning(
    make_app, new_journal, journal_path: Path, tmp_path: Path
) -> None:
    new_journal.save(Relationship(title="Kept in the older copy"))
    new_journal.close()
    older = tmp_path / "older.db"
    shutil.copyfile(journal_path, older)
    journal = reopen(journal_path)
    journal.save(Relationship(title="Written after the copy"))
    journal.close()
    shutil.copyfile(older, journal_path)

    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await until(
            pilot,
            lambda: (
                "This journal file is older than one already opened on this computer" in shown(app)
            ),
            "the warning",
        )
        assert "Kept in the older copy" in shown(app)
        await pilot.press("ctrl+q")
