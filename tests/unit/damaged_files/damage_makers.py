"""The damage makers: ``DAMAGE`` maps each kind of damaged or foreign file to the function that
makes it and the sentence that names it; ``damaged`` applies one to a journal."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from mentorjournal.store import migrations
from tests.unit.damaged_files.support import DAMAGED, TRUNCATED

# --- damage makers: each turns the journal at ``path`` into a damaged or foreign file ----------


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _cut(keep: Callable[[int], int]) -> Callable[[Path], None]:
    def cut(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: keep(len(data))])

    return cut


def _scramble_schema(path: Path) -> None:
    """The first page after its 100-byte header (the root of the schema) overwritten: a file
    of the right length that SQLite finds malformed."""
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes([0xA5]) * (4096 - 100)
    path.write_bytes(bytes(data))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "zero bytes": (lambda p: p.write_bytes(b""), "is empty (0 bytes), so it is not a readable"),
    "not SQLite at all": (
        lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40),
        "is not a MentorJournal journal (it is not a database file).",
    ),
    # A file cut short is named as such wherever the cut falls, even when the lost end held
    # the schema (the header says how long the file should be).
    "truncated at half": (_cut(lambda n: n // 2), TRUNCATED),
    "truncated to the first page": (_cut(lambda n: 4096), TRUNCATED),
    "one byte short": (_cut(lambda n: n - 1), TRUNCATED),
    "schema scrambled, length intact": (_scramble_schema, DAMAGED),
    "SQLite but not a journal": (
        lambda p: (p.unlink(), _sql(p, "CREATE TABLE notes (body TEXT)")),
        "is a database, but not a MentorJournal journal.",
    ),
    "key row missing": (
        lambda p: _sql(p, "DELETE FROM vault"),
        "The journal's key record is missing, so it cannot be opened.",
    ),
    "key row damaged": (
        lambda p: _sql(p, "UPDATE vault SET kdf = 'not json'"),
        "The journal's key record is damaged, so it cannot be opened.",
    ),
    # Issue 14, point 5: a schema object this version never makes acts on every write.
    "trigger planted": (
        lambda p: _sql(
            p,
            "CREATE TRIGGER keep_old AFTER UPDATE ON meeting BEGIN "
            "UPDATE meeting SET notes = OLD.notes WHERE id = NEW.id; END",
        ),
        "The journal file holds a trigger that MentorJournal never makes, so it has been "
        "altered; it was not opened and nothing was changed.",
    ),
    "newer version": (
        lambda p: _sql(p, f"INSERT INTO schema_version VALUES ({migrations.LATEST + 1})"),
        "This journal was written by a newer version of MentorJournal; please upgrade.",
    ),
}


def damaged(filled: Path, kind: str) -> tuple[Path, str]:
    make, sentence = DAMAGE[kind]
    make(filled)
    return filled, sentence
