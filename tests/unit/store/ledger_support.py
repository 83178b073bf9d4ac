"""Tampering with rows the way someone with the file but without the key can: delete a row, copy
one under a new id, re-link one, put one (or the whole file) back to an older copy, change a
plaintext time. Each works on the closed file with ``sqlite3`` and no foreign keys, as a person
with the SQLite shell would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

REFUSED = (
    "{what}, so the journal was not opened and nothing was changed; “mentorjournal export” can "
    "still save what is intact."
)
MOVED = (
    "Entries were moved to another relationship, meeting or action, changed or put back to an "
    "older copy outside MentorJournal"
)


def sql(path: Path, statement: str, *args: Any) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement, args)
        conn.commit()
    finally:
        conn.close()


def row(path: Path, table: str, row_id: str) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        found = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return dict(found)
    finally:
        conn.close()


def put_row(path: Path, table: str, values: dict[str, Any]) -> None:
    """Insert ``values`` as a row, or replace the row with that id."""
    keys = list(values)
    sql(
        path,
        f"INSERT OR REPLACE INTO {table} ({', '.join(keys)}) VALUES ({', '.join('?' * len(keys))})",
        *[values[k] for k in keys],
    )


def delete_row(path: Path, table: str, row_id: str) -> None:
    sql(path, f"DELETE FROM {table} WHERE id = ?", row_id)


def copy_row(path: Path, table: str, row_id: str, new_id: str) -> None:
    put_row(path, table, {**row(path, table, row_id), "id": new_id})


def relink(path: Path, table: str, row_id: str, column: str, other: str | None) -> None:
    sql(path, f"UPDATE {table} SET {column} = ? WHERE id = ?", other, row_id)


def refused(what: str) -> str:
    return REFUSED.format(what=what)
