"""Reading and writing the rows of schema 6 that the journal keeps for itself, inside the
caller's transaction: each entry's field marks (``entry_state``: when each field last changed,
its version id, the fields changed on two computers) and its earlier versions (``history``).

Both are keyed by the entry's id; their values are encrypted and in the ledger of rows like
every other row (``store.records``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mentorjournal.errors import TamperedData
from mentorjournal.journal.history_chain import Chains, Mark
from mentorjournal.store import records

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from mentorjournal.store.fields import FieldCipher

STATE = "entry_state"
HISTORY = "history"


@dataclass
class EntryState:
    """What the journal knows of one entry's fields beyond their values."""

    entry_id: str
    kind: str  # the entry's table
    marks: dict[str, Mark] = field(default_factory=dict)
    two_computers: dict[str, datetime] = field(default_factory=dict)  # field → when marked
    since: datetime | None = None  # a field with no mark last changed then or before
    stored: bool = False

    def to_values(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "fields": {
                "marks": {k: m.to_plain() for k, m in self.marks.items()},
                "since": None if self.since is None else self.since.isoformat(),
            },
            "two_computers": {k: t.isoformat() for k, t in self.two_computers.items()},
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> EntryState:
        try:
            data = row["fields"]
            since = data.get("since")
            return cls(
                entry_id=str(row["id"]),
                kind=str(row["kind"]),
                marks={k: Mark.from_plain(v) for k, v in data["marks"].items()},
                two_computers={
                    k: datetime.fromisoformat(v) for k, v in row["two_computers"].items()
                },
                since=None if since is None else datetime.fromisoformat(since),
                stored=True,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise TamperedData() from exc


def read_states(
    conn: Connection, cipher: FieldCipher, ids: Iterable[str] | None = None
) -> dict[str, EntryState]:
    """The stored states of ``ids`` (of every entry when None)."""
    out: dict[str, EntryState] = {}
    if ids is None:
        chunks: list[list[str] | None] = [None]
    else:
        wanted = list(ids)
        chunks = [wanted[i : i + records.CHUNK] for i in range(0, len(wanted), records.CHUNK)]
    for chunk in chunks:
        for row in records.select_rows(conn, cipher, STATE, ids=chunk):
            out[row["id"]] = EntryState.from_row(row)
    return out


def write_state(conn: Connection, cipher: FieldCipher, state: EntryState, stamp: str) -> None:
    values = {"id": state.entry_id, "updated_at": stamp, **state.to_values()}
    if state.stored and records.update_row(conn, cipher, STATE, values):
        return
    values["created_at"] = stamp
    records.insert_rows(conn, cipher, STATE, [values])
    state.stored = True


@dataclass
class StoredChains:
    chains: Chains
    kind: str
    stored: bool


def read_chains(conn: Connection, cipher: FieldCipher, entry_id: str, kind: str) -> StoredChains:
    row = next(iter(records.select_rows(conn, cipher, HISTORY, ids=[entry_id])), None)
    if row is None:
        return StoredChains(Chains(entry_id), kind, stored=False)
    if not isinstance(row["versions"], dict):
        raise TamperedData()
    return StoredChains(Chains.from_plain(entry_id, row["versions"]), str(row["kind"]), True)


def write_chains(conn: Connection, cipher: FieldCipher, stored: StoredChains, stamp: str) -> None:
    entry_id = stored.chains.entry_id
    if not len(stored.chains):
        if stored.stored:
            delete_rows(conn, cipher, HISTORY, [entry_id])
            stored.stored = False
        return
    values = {
        "id": entry_id,
        "updated_at": stamp,
        "kind": stored.kind,
        "versions": stored.chains.to_plain(),
    }
    if stored.stored and records.update_row(conn, cipher, HISTORY, values):
        return
    values["created_at"] = stamp
    records.insert_rows(conn, cipher, HISTORY, [values])
    stored.stored = True


def delete_rows(conn: Connection, cipher: FieldCipher, name: str, ids: Iterable[str]) -> None:
    """Rows of one of schema 6's tables (none of them has rows linked to it)."""
    for entry_id in ids:
        records.delete_row(conn, cipher, name, entry_id)
