"""Schema objects planted in the file (issue 14, point 5): a trigger, a view, an index, a table
or a changed table definition that this version did not create is refused when the journal is
opened — before any of it can act — with one sentence, and the file is left exactly as it was.
``info`` and the command line say the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.errors import AlteredLayout
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.store.db import CHANGED_LAYOUT, FOREIGN_OBJECT

FOREIGN = (
    "The journal file holds {} that MentorJournal never makes, so it has been altered; it was "
    "not opened and nothing was changed."
)

# What is planted, and the sentence that refuses it.
PLANTED: dict[str, tuple[list[str], str]] = {
    # Undoes every edit of a meeting (the red team's trigger).
    "trigger reverting edits": (
        [
            "CREATE TRIGGER keep_old AFTER UPDATE ON meeting BEGIN "
            "UPDATE meeting SET notes = OLD.notes WHERE id = NEW.id; END"
        ],
        FOREIGN.format("a trigger"),
    ),
    # Makes an import "succeed" while nothing is stored.
    "trigger swallowing inserts": (
        [
            "CREATE TRIGGER swallow AFTER INSERT ON reflection BEGIN "
            "DELETE FROM reflection WHERE id = NEW.id; END"
        ],
        FOREIGN.format("a trigger"),
    ),
    "view": (["CREATE VIEW everything AS SELECT * FROM meeting"], FOREIGN.format("a view")),
    "index": (["CREATE INDEX ix_sneaky ON meeting (updated_at)"], FOREIGN.format("an index")),
    "table": (["CREATE TABLE notes_copy (body BLOB)"], FOREIGN.format("a table")),
    "statistics table (ANALYZE)": (["ANALYZE"], FOREIGN.format("a table")),
    "a column added to a table": (
        ["ALTER TABLE meeting ADD COLUMN spy TEXT DEFAULT 'x'"],
        CHANGED_LAYOUT,
    ),
    "an index of its own dropped": (["DROP INDEX ix_meeting_rel"], CHANGED_LAYOUT),
}


def plant(path: Path, statements: list[str]) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_the_sentences_are_the_ones_a_person_reads() -> None:
    assert FOREIGN_OBJECT.format(what="a view") == FOREIGN.format("a view")
    assert CHANGED_LAYOUT == (
        "The layout of the journal file's tables was changed outside MentorJournal, so it has "
        "been altered; it was not opened and nothing was changed."
    )


@pytest.mark.parametrize("what", list(PLANTED))
def test_a_planted_object_is_refused_on_open_and_nothing_changes(
    journal: Journal, sample, passphrase: str, what: str
) -> None:
    journal.close()
    statements, sentence = PLANTED[what]
    plant(journal.path, statements)
    before = journal.path.read_bytes()
    with pytest.raises(AlteredLayout) as err:
        Journal.open(journal.path, passphrase)
    assert str(err.value) == sentence
    with pytest.raises(AlteredLayout) as err:
        Journal.open_locked(journal.path)
    assert str(err.value) == sentence
    with pytest.raises(AlteredLayout) as err:
        Journal.info(journal.path)
    assert str(err.value) == sentence
    assert journal.path.read_bytes() == before
    assert sorted(p.name for p in journal.path.parent.iterdir()) == [journal.path.name]


@pytest.mark.parametrize("command", [["info"], ["export"], ["search", "panel"], ["backup", "B"]])
def test_the_command_line_refuses_a_planted_trigger_in_one_line(
    journal: Journal, sample, passphrase: str, capsys, monkeypatch, command: list[str]
) -> None:
    journal.close()
    plant(journal.path, PLANTED["trigger reverting edits"][0])
    before = journal.path.read_bytes()
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)
    argv = [str(journal.path.with_name("copy.db")) if a == "B" else a for a in command]
    code = cli.main(["--journal", str(journal.path), *argv], kdf=FAST_KDF_FOR_TESTS)
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == f"mentorjournal: {FOREIGN.format('a trigger')}\n"
    assert journal.path.read_bytes() == before
    assert not journal.path.with_name("copy.db").exists()


def test_an_untouched_journal_of_every_version_passes_the_check(journal: Journal) -> None:
    """The objects a journal of this version makes are exactly the expected ones (the fixture
    journals of older versions are opened in test_migration_fixtures)."""
    journal.close()
    Journal.info(journal.path)
