"""The writes a merge of two copies of a journal makes, in one transaction
(``Journal.merge_batch``): fields set with the marks they had on the copy they came from, the
replaced values kept in history, entries added, the other copy's earlier versions and
deletions taken in, entries marked "changed on two computers".

Used by the merge (issue 16); what to merge is decided there, not here. See
``docs/history.md`` for the whole API with an example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mentorjournal.errors import NotFound
from mentorjournal.journal import history_rows
from mentorjournal.journal.codec import from_plain
from mentorjournal.journal.history_chain import Mark, Version
from mentorjournal.journal.history_rows import EntryState
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from mentorjournal.journal.bin import RecycleBin, Tombstone
    from mentorjournal.store.fields import FieldCipher

TOMBSTONE = "tombstone"


class MergeBatch:
    """Writes into one open write transaction; made by ``Journal.merge_batch()``."""

    def __init__(
        self, journal: RecycleBin, conn: Connection, cipher: FieldCipher, stamp: datetime
    ) -> None:
        self.journal = journal
        self.conn = conn
        self.cipher = cipher
        self.stamp = stamp
        self.written: list[Any] = []

    def set_fields(
        self,
        kind: type,
        entry_id: str,
        values: Mapping[str, Any],
        marks: Mapping[str, Mark] | None = None,
        *,
        two_computers: Iterable[str] = (),
    ) -> Any:
        """Set fields of a stored entry (domain values). Each replaced text is kept in its
        history (unless that version is there already); each field set takes the mark given
        (its version id, time and how, as on the copy it came from) or a new one (how
        ``merge``); ``two_computers`` marks fields "changed on two computers" until seen.
        Returns the entry as it is now. NotFound: no such entry here."""
        row = self._row(kind, entry_id)
        if row is None:
            raise NotFound()
        entry: Any = from_plain(kind, row, stored=True)
        for name, value in values.items():
            setattr(entry, name, value)
        self.journal._validate(entry)
        given = {entry_id: dict(marks or {})}
        self.journal._write_rows(
            self.conn, self.cipher, [entry], self.stamp, how="merge", marks=given
        )
        self.written.append(entry)
        marked = list(two_computers)
        if marked:
            state = history_rows.read_states(self.conn, self.cipher, [entry_id]).get(entry_id)
            state = state or EntryState(entry_id, TABLE_OF[kind])
            for name in marked:
                state.two_computers[name] = self.stamp
            history_rows.write_state(self.conn, self.cipher, state, self.stamp.isoformat())
        return entry

    def add_entry(self, obj: Any, marks: Mapping[str, Mark] | None = None) -> None:
        """An entry only the other copy has, stored as it is there (its times too), with the
        marks of its fields there. Its parent (relationship, meeting, action) must be here
        (add parents first)."""
        self.journal._validate(obj)
        name = TABLE_OF[type(obj)]
        values = records_values(obj)
        records.insert_rows(self.conn, self.cipher, name, [values])
        given = {obj.id: dict(marks or {})}
        self.journal._history_after(self.conn, self.cipher, {}, [obj], self.stamp, marks=given)
        self.journal._stored.setdefault(name, set()).add(obj.id)
        self.written.append(obj)

    def add_versions(self, kind: type, entry_id: str, versions: Iterable[Version]) -> int:
        """Earlier versions from the other copy put into the entry's history, each in its
        place by time (one whose id is here already is left out); the retention rule then
        applies. Returns how many were added."""
        stored = history_rows.read_chains(self.conn, self.cipher, entry_id, TABLE_OF[kind])
        known = stored.chains.ids()
        added = 0
        for version in versions:
            if version.id not in known and version.entry_id == entry_id:
                stored.chains.add(version)
                known.add(version.id)
                added += 1
        if added:
            self.journal._retain(stored, self.stamp)
            history_rows.write_chains(self.conn, self.cipher, stored, self.stamp.isoformat())
        return added

    def delete(self, kind: type, entry_id: str, deleted_at: datetime | None = None) -> bool:
        """Move a stored entry to Recently deleted (as a deletion on the other copy at
        ``deleted_at``); False when it is not here."""
        when = deleted_at or self.stamp
        return self.journal._remove(
            self.conn, self.cipher, TABLE_OF[kind], entry_id, to_bin=True, when=when
        )

    def add_tombstone(self, tombstone: Tombstone) -> None:
        """Record a deletion made on the other copy (the later of the two records of one entry
        is kept: deletion and restore times each the newest known)."""
        found = records.select_rows(self.conn, self.cipher, TOMBSTONE, ids=[tombstone.entry_id])
        row = next(iter(found), None)
        kind = TABLE_OF.get(tombstone.kind, "") if tombstone.kind is not None else ""
        deleted = tombstone.deleted_at
        restored = tombstone.restored_at
        if row is not None:
            deleted = max(deleted, datetime.fromisoformat(row["deleted_at"]))
            if row["restored_at"] is not None:
                there = datetime.fromisoformat(row["restored_at"])
                restored = there if restored is None else max(restored, there)
            kind = kind or str(row["kind"])
        values: dict[str, Any] = {"id": tombstone.entry_id, "updated_at": self.stamp.isoformat()}
        values.update(
            kind=kind,
            deleted_at=deleted.isoformat(),
            restored_at=None if restored is None else restored.isoformat(),
        )
        if row is not None:
            records.update_row(self.conn, self.cipher, TOMBSTONE, values)
        else:
            values["created_at"] = deleted.isoformat()
            records.insert_rows(self.conn, self.cipher, TOMBSTONE, [values])

    def _row(self, kind: type, entry_id: str) -> dict[str, Any] | None:
        found = records.select_rows(self.conn, self.cipher, TABLE_OF[kind], ids=[entry_id])
        return next(iter(found), None)


def records_values(obj: Any) -> dict[str, Any]:
    """An entry's row values as it is (its own times; a time it lacks is left to the caller)."""
    from mentorjournal.journal.codec import to_plain

    values = to_plain(obj)
    for name in ("created_at", "updated_at"):
        if values.get(name) is None:
            raise ValueError(f"an entry added by a merge keeps its {name}")
    return values
