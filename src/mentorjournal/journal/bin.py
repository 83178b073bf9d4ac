"""Recently deleted: deleting an entry moves it, with everything deleted with it, into the bin
for ``BIN_DAYS`` days, from which it can be restored whole; then (or when the bin is emptied)
it is removed for good, with its history.

In the bin an entry is no longer in its table — so nothing that reads entries (home, agenda,
insight, search, export) sees it — but one ``bin`` row holds it and its children (encrypted,
in the ledger of rows like every row), with the links that the deletion undid (check-ins and
actions of a deleted meeting), put back when it is restored.

Every deletion leaves a tombstone (the entry's id and when it was deleted, kept for good, also
after the bin is emptied), so merging another copy of the journal never brings it back.

A mixin of ``Journal``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mentorjournal.domain import new_id
from mentorjournal.errors import (
    InvalidEntry,
    JournalBusy,
    NotFound,
    StorageError,
    TamperedData,
)
from mentorjournal.journal import history_rows
from mentorjournal.journal.codec import from_plain
from mentorjournal.journal.history import KIND_OF, EntryHistory
from mentorjournal.journal.history_rows import HISTORY, STATE
from mentorjournal.journal.merge_batch import MergeBatch
from mentorjournal.store import records

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from mentorjournal.store.fields import FieldCipher

BIN = "bin"
TOMBSTONE = "tombstone"
BIN_DAYS = 30
ALREADY_BACK = "That entry is in the journal already, so it was left in Recently deleted."
PARENT_GONE = (
    "Its relationship is not in the journal (is it in Recently deleted too? restore that "
    "first), so it was left in Recently deleted."
)


@dataclass(frozen=True)
class BinItem:
    """One deletion: the entry deleted (``entry``) and how many of each kind went with it."""

    id: str
    entry: Any
    deleted_at: datetime
    with_it: dict[type, int] = field(default_factory=dict)

    @property
    def purge_on(self) -> datetime:
        return self.deleted_at + timedelta(days=BIN_DAYS)


@dataclass(frozen=True)
class Tombstone:
    """An entry was deleted at ``deleted_at`` (the latest time), and restored at
    ``restored_at`` (None: never, or not since)."""

    entry_id: str
    kind: type | None
    deleted_at: datetime
    restored_at: datetime | None = None

    @property
    def deleted(self) -> bool:
        return self.restored_at is None or self.restored_at < self.deleted_at


def _rows_of(item: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    try:
        return [(str(r["table"]), dict(r["values"])) for r in item["rows"]]
    except (KeyError, TypeError) as exc:
        raise TamperedData() from exc


def _item(row: dict[str, Any]) -> BinItem:
    rows = _rows_of(row)
    kind = KIND_OF[row["kind"]]
    root = next(v for t, v in rows if v["id"] == row["root"] and t == row["kind"])
    counts: dict[type, int] = {}
    for table, values in rows:
        if values["id"] != row["root"]:
            counts[KIND_OF[table]] = counts.get(KIND_OF[table], 0) + 1
    when = datetime.fromisoformat(row["created_at"])
    return BinItem(row["id"], from_plain(kind, root, stored=True), when, counts)


class RecycleBin(EntryHistory):
    """Moving entries to the bin, restoring them, emptying it; tombstones. (A deleted entry
    keeps its history: the bin is built on it.)"""

    if TYPE_CHECKING:
        _stored: dict[str, set[str]]

        def _forget(self) -> None: ...

    # --- deleting --------------------------------------------------------------------------

    def _remove(
        self,
        conn: Connection,
        cipher: FieldCipher,
        name: str,
        entry_id: str,
        *,
        to_bin: bool,
        when: datetime | None = None,
    ) -> bool:
        """Inside a write transaction: delete one entry and what goes with it, into the bin
        (``to_bin``) or for good, with a tombstone for each (deleted ``when``: now unless
        given). False: no such entry."""
        doomed = records.doomed_rows(conn, name, entry_id)
        if doomed is None:
            return False
        stamp = when or self.now()
        ids = {t: list(rows) for t, rows in doomed.items() if rows}
        if to_bin:
            kept = []
            for table in records.TABLES:  # parents first
                for values in records.select_rows(conn, cipher, table, ids=ids.get(table, [])):
                    values.pop("row_version", None)
                    kept.append({"table": table, "values": values})
            unlinked = [list(link) for link in records.unlinked_by(conn, doomed)]
            moment = stamp.isoformat()
            row: dict[str, Any] = {"id": new_id(), "created_at": moment, "updated_at": moment}
            row.update(kind=name, root=entry_id, rows=kept, unlinked=unlinked)
            records.insert_rows(conn, cipher, BIN, [row])
        records.delete_row(conn, cipher, name, entry_id)
        for table, table_ids in ids.items():
            self._bury(conn, cipher, table, table_ids, stamp)
        if not to_bin:
            self._let_go(conn, cipher, [i for table_ids in ids.values() for i in table_ids])
        for table, table_ids in ids.items():
            self._stored.get(table, set()).difference_update(table_ids)
        return True

    def _bury(
        self, conn: Connection, cipher: FieldCipher, table: str, ids: list[str], when: datetime
    ) -> None:
        """A tombstone for each id (deleted now; a restore before this is past)."""
        moment = when.isoformat()
        present = set(records.existing_ids_among(conn, TOMBSTONE, ids))
        for entry_id in ids:
            values: dict[str, Any] = {"id": entry_id, "updated_at": moment, "kind": table}
            values.update(deleted_at=moment, restored_at=None)
            if entry_id in present:
                records.update_row(conn, cipher, TOMBSTONE, values)
            else:
                records.insert_rows(conn, cipher, TOMBSTONE, [{**values, "created_at": moment}])

    def _let_go(self, conn: Connection, cipher: FieldCipher, ids: Iterable[str]) -> None:
        """The history and field marks of entries gone for good."""
        wanted = list(ids)
        for name in (HISTORY, STATE):
            there = records.existing_ids_among(conn, name, wanted)
            history_rows.delete_rows(conn, cipher, name, there)

    @contextlib.contextmanager
    def merge_batch(self) -> Iterator[MergeBatch]:
        """One write transaction for a merge (``journal.merge_batch``): all of it is stored,
        or none of it."""
        cipher = self._need_cipher()
        cipher.check_writable()
        with self._mutex:
            try:
                with self._db.write() as conn:
                    yield MergeBatch(self, conn, cipher, self.now())
            finally:
                self._forget()

    # --- the bin ---------------------------------------------------------------------------

    def bin_items(self) -> list[BinItem]:
        """What is in Recently deleted, the newest deletion first."""
        cipher = self._need_cipher()
        with self._db.read() as conn:
            rows = list(records.select_rows(conn, cipher, BIN))
        return sorted((_item(r) for r in rows), key=lambda i: i.deleted_at, reverse=True)

    def binned_entries(self) -> list[tuple[BinItem, list[Any]]]:
        """Each item of the bin with every entry deleted with it (for an export that asks)."""
        cipher = self._need_cipher()
        with self._db.read() as conn:
            rows = list(records.select_rows(conn, cipher, BIN))
        out = []
        for row in rows:
            entries: list[Any] = [from_plain(KIND_OF[t], v, stored=True) for t, v in _rows_of(row)]
            out.append((_item(row), entries))
        return sorted(out, key=lambda pair: pair[0].deleted_at, reverse=True)

    def restore_from_bin(self, item_id: str) -> Any:
        """Put one deletion back whole (the entry, what went with it, the links it undid).
        Returns the entry restored."""
        cipher = self._need_cipher()
        with self._mutex:
            with self._db.write() as conn:
                row = next(iter(records.select_rows(conn, cipher, BIN, ids=[item_id])), None)
                if row is None:
                    raise NotFound()
                item = _item(row)
                self._put_back(conn, cipher, row)
                history_rows.delete_rows(conn, cipher, BIN, [item_id])
            self._forget()
        return item.entry

    def _put_back(self, conn: Connection, cipher: FieldCipher, row: dict[str, Any]) -> None:
        rows = _rows_of(row)
        root_table, root_id = str(row["kind"]), str(row["root"])
        if records.existing_ids_among(conn, root_table, [root_id]):
            raise InvalidEntry(ALREADY_BACK)
        present = {
            t: set(records.existing_ids_among(conn, t, [v["id"] for tt, v in rows if tt == t]))
            for t in records.TABLES
        }
        coming: dict[str, set[str]] = {}
        restored: list[tuple[str, str]] = []
        for table, values in rows:  # parents first
            if values["id"] in present[table]:
                continue
            if not self._links_hold(conn, table, values, coming, root=values["id"] == root_id):
                continue
            records.insert_rows(conn, cipher, table, [values])
            coming.setdefault(table, set()).add(values["id"])
            restored.append((table, values["id"]))
        for link in row.get("unlinked") or []:
            table, column, child_id, parent_id = (str(x) for x in link)
            self._relink(conn, cipher, table, column, child_id, parent_id)
        stamp = self.now().isoformat()
        for table, entry_id in restored:
            values = {"id": entry_id, "updated_at": stamp, "restored_at": stamp}
            records.update_row(conn, cipher, TOMBSTONE, values)
            self._stored.setdefault(table, set()).add(entry_id)

    def _links_hold(
        self,
        conn: Connection,
        table: str,
        values: dict[str, Any],
        coming: dict[str, set[str]],
        *,
        root: bool,
    ) -> bool:
        """Each link of a row coming back names a row there (or coming back too): an optional
        link that does not is left empty; a row whose required link does not stays out."""
        for child, column, parent, ondelete in records.links():
            target = values.get(column) if child == table else None
            if target is None or target in coming.get(parent, ()):
                continue
            if records.existing_ids_among(conn, parent, [target]):
                continue
            if ondelete == "SET NULL":
                values[column] = None
            elif root:
                raise InvalidEntry(PARENT_GONE)
            else:
                return False
        return True

    def _relink(
        self,
        conn: Connection,
        cipher: FieldCipher,
        table: str,
        column: str,
        child: str,
        parent: str,
    ) -> None:
        """A link the deletion undid, put back when both rows are there and it is still empty."""
        tbl = records.table(table)
        found = conn.execute(tbl.select().with_only_columns(tbl.c[column]).where(tbl.c.id == child))
        current = found.first()
        parent_table = next(p for c, col, p, _o in records.links() if c == table and col == column)
        if current is None or current[0] is not None:
            return
        if records.existing_ids_among(conn, parent_table, [parent]):
            records.update_row(conn, cipher, table, {"id": child, column: parent})

    def empty_bin(self) -> int:
        """Remove everything in Recently deleted for good; returns how many deletions."""
        return self._purge(lambda _when: True)

    def purge_bin(self) -> int:
        """Remove for good what was deleted ``BIN_DAYS`` days ago or more (by the journal's
        clock): done at every unlock — where a journal that cannot be written now (read-only,
        or busy in another window) is opened all the same, and tried again next time.
        Returns how many deletions."""
        if self._cipher_read_only():
            return 0
        limit = self.now() - timedelta(days=BIN_DAYS)
        try:
            return self._purge(lambda when: when <= limit)
        except (StorageError, JournalBusy):
            return 0

    def _cipher_read_only(self) -> bool:
        return not self._need_cipher().writable

    def _purge(self, expired: Callable[[datetime], bool]) -> int:
        cipher = self._need_cipher()
        with self._db.read() as conn:
            tbl = records.table(BIN)
            stamps = conn.execute(tbl.select().with_only_columns(tbl.c.id, tbl.c.created_at))
            doomed = [str(i) for i, when in stamps if expired(datetime.fromisoformat(when))]
        if not doomed:
            return 0
        with self._mutex, self._db.write() as conn:
            rows = list(records.select_rows(conn, cipher, BIN, ids=doomed))
            gone: list[str] = []
            for row in rows:
                for table, values in _rows_of(row):
                    if not records.existing_ids_among(conn, table, [values["id"]]):
                        gone.append(values["id"])
            self._let_go(conn, cipher, gone)
            history_rows.delete_rows(conn, cipher, BIN, [r["id"] for r in rows])
        return len(rows)

    # --- tombstones ------------------------------------------------------------------------

    def tombstones(self) -> list[Tombstone]:
        """Every entry ever deleted (also those restored since: ``Tombstone.deleted``)."""
        cipher = self._need_cipher()
        with self._db.read() as conn:
            rows = list(records.select_rows(conn, cipher, TOMBSTONE))
        return [
            Tombstone(
                r["id"],
                KIND_OF.get(r["kind"]),
                datetime.fromisoformat(r["deleted_at"]),
                None if r["restored_at"] is None else datetime.fromisoformat(r["restored_at"]),
            )
            for r in rows
        ]
