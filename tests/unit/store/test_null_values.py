"""A NULL put into an encrypted column of a written row (issue 14, point 4) is tampering: reading
the entry — whole, in part (home's outlines), or searched — raises the tampering sentence; it is
never read as the field's default (a held meeting back to "planned", a due date gone)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import TamperedData
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.store.test_tampering import TAMPERED_SENTENCE

# (kind, table, column, which sample entry): one of each kind of field.
FIELDS = {
    "text (a meeting's notes)": (Meeting, "meeting", "notes", "held"),
    "choice (a meeting's status)": (Meeting, "meeting", "status", "held"),
    "date (an action's due date)": (ActionStep, "action", "due_on", "open_action"),
    "choice (an action's owner)": (ActionStep, "action", "owner", "open_action"),
    "choice (a review's outcome)": (Review, "review", "outcome", "review"),
    "date and time (a reflection's written_at)": (
        Reflection,
        "reflection",
        "written_at",
        "reflection",
    ),
    "number (a check-in's score)": (WellbeingCheckin, "wellbeing", "score", "checkin"),
    "choice (a check-in's moment)": (WellbeingCheckin, "wellbeing", "moment", "checkin"),
    "yes or no (a prompt hidden)": (OwnPrompt, "own_prompt", "hidden", "theme"),
    "list (a meeting's themes)": (Meeting, "meeting", "themes", "held"),
    "title (a relationship's)": (Relationship, "relationship", "title", "rel"),
    "a support contact's name": (SupportContact, "support_contact", "name", "contact"),
    # Columns added by later schema versions: since schema 5 every row holds them too.
    "added in version 4 (a meeting's reason for cancelling)": (
        Meeting,
        "meeting",
        "cancel_reason",
        "cancelled",
    ),
    "added in version 4 (a relationship's time zone)": (
        Relationship,
        "relationship",
        "time_zone",
        "rel",
    ),
    "added in version 2 (an action's carried forward)": (
        ActionStep,
        "action",
        "carried_forward",
        "open_action",
    ),
}


def set_null(path: Path, table: str, column: str, row_id: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"UPDATE {table} SET {column} = NULL WHERE id = ?", (row_id,))
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("field", list(FIELDS))
def test_a_null_in_an_encrypted_column_is_tampering(
    journal: Journal, sample, passphrase: str, field: str
) -> None:
    kind, table, column, role = FIELDS[field]
    entry = getattr(sample, role)
    journal.close()
    set_null(journal.path, table, column, entry.id)
    before = journal.path.read_bytes()
    reopened = Journal.open(journal.path, passphrase)
    try:
        with pytest.raises(TamperedData) as err:
            reopened.get(kind, entry.id)
        assert str(err.value) == TAMPERED_SENTENCE
        with pytest.raises(TamperedData):
            reopened.outlines(kind, [column])
        with pytest.raises(TamperedData):
            list(reopened.entry_texts(kind, [column]))
    finally:
        reopened.close()
    assert journal.path.read_bytes() == before


def test_a_null_setting_is_tampering(journal: Journal, passphrase: str) -> None:
    journal.set_setting("auto_lock_minutes", 9)
    journal.close()
    set_null(journal.path, "setting", "value", "auto_lock_minutes")
    reopened = Journal.open(journal.path, passphrase)
    try:
        with pytest.raises(TamperedData) as err:
            reopened.settings()
        assert str(err.value) == TAMPERED_SENTENCE
    finally:
        reopened.close()


@pytest.mark.parametrize("command", [["export"], ["search", "panel"]])
def test_the_command_line_says_so_in_one_line(
    journal: Journal, sample, passphrase: str, capsys, monkeypatch, command: list[str]
) -> None:
    journal.close()
    set_null(journal.path, "meeting", "notes", sample.held.id)  # searched, and exported
    before = journal.path.read_bytes()
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)
    code = cli.main(["--journal", str(journal.path), *command], kdf=FAST_KDF_FOR_TESTS)
    out, err = capsys.readouterr()
    assert (code, out, err) == (1, "", f"mentorjournal: {TAMPERED_SENTENCE}\n")
    assert journal.path.read_bytes() == before
