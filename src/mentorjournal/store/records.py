"""Rows in and out: the one place where values are encrypted on the way in and decrypted on the
way out. Values arrive as JSON-able dicts (``codec`` makes them from domain objects); each
non-plaintext column is stored as AES-GCM over its padded JSON, bound to table, column and the
row's binding — its id, row version, times and links (``store.fields``).

Every write keeps the ledger of rows (``store.ledger``) up to date in the same transaction and
raises the row's version by one; every column of a written row holds a value (a ``None`` is
stored encrypted, as JSON ``null``), so a NULL there is tampering.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, Table, delete, func, insert, select, update
from sqlmodel import SQLModel

from mentorjournal.errors import TamperedData
from mentorjournal.store import ledger
from mentorjournal.store import tables as t
from mentorjournal.store.fields import FieldCipher, row_binding

LINK_COLUMNS = ("relationship_id", "meeting_id", "action_id")
# The plaintext columns of a row, in the order they are bound into each of its values.
BOUND_ORDER = ("id", "row_version", "created_at", "updated_at", *LINK_COLUMNS)
PLAIN_COLUMNS = frozenset(BOUND_ORDER)
CHUNK = 500  # ids per "IN (…)" list

TABLES: dict[str, type[SQLModel]] = {
    "relationship": t.RelationshipRow,
    "meeting": t.MeetingRow,
    "reflection": t.ReflectionRow,
    "action": t.ActionRow,
    "review": t.ReviewRow,
    "wellbeing": t.WellbeingRow,
    "support_contact": t.SupportContactRow,
    "own_prompt": t.OwnPromptRow,
    "setting": t.SettingRow,
    # schema 6: kept by the journal itself (``journal.history``, ``journal.bin``)
    "history": t.HistoryRow,
    "entry_state": t.EntryStateRow,
    "bin": t.BinRow,
    "tombstone": t.TombstoneRow,
}


def table(name: str) -> Table:
    return TABLES[name].__table__  # type: ignore[attr-defined, no-any-return]


@functools.cache
def cipher_columns(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in table(name).columns if c.name not in PLAIN_COLUMNS)


@functools.cache
def bound_columns(name: str) -> tuple[str, ...]:
    present = set(table(name).c.keys())
    return tuple(c for c in BOUND_ORDER if c in present)


def binding(name: str, row: Mapping[str, Any] | RowMapping) -> bytes:
    return row_binding([row[c] for c in bound_columns(name)])


def to_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _version(value: Any) -> int:
    """A stored row version: a positive whole number, or the row was altered."""
    if type(value) is not int or value < 1:
        raise TamperedData()
    return value


def sealed_row(
    cipher: FieldCipher, name: str, plain: dict[str, Any], data: Mapping[str, bytes]
) -> dict[str, Any]:
    """``plain`` (every bound column) and every encrypted column sealed from ``data`` (JSON)."""
    bound = binding(name, plain)
    row = dict(plain)
    for column in cipher_columns(name):
        row[column] = cipher.encrypt(data.get(column, b"null"), name, column, bound)
    return row


class RowReader:
    """Turns stored rows of one table, given as tuples in the order of ``names``, into dicts of
    plain values: plaintext columns as they are, the others decrypted and decoded.

    Every written row holds a value in each encrypted column, so a NULL there was put in
    outside MentorJournal: TamperedData, never a silent default."""

    def __init__(self, cipher: FieldCipher, name: str, names: list[str]) -> None:
        self.cipher = cipher
        self.name = name
        self.plain = [(i, n) for i, n in enumerate(names) if n in PLAIN_COLUMNS]
        self.bound_at = [names.index(c) for c in bound_columns(name)]
        self.secret_at = [i for i, n in enumerate(names) if n not in PLAIN_COLUMNS]
        self.secret = [names[i] for i in self.secret_at]
        self.version_at = names.index("row_version")

    def read(
        self, values: Sequence[Any], prefilter: Callable[[bytes], bool] | None = None
    ) -> dict[str, Any] | None:
        """The row; None when a ``prefilter`` is given and none of its decrypted values (JSON
        bytes, before decoding) passes it."""
        _version(values[self.version_at])
        bound = row_binding([values[i] for i in self.bound_at])
        opened = self.cipher.decrypt_values(
            self.name, bound, self.secret, [values[i] for i in self.secret_at]
        )
        if None in opened:
            raise TamperedData()
        if prefilter is not None and not any(prefilter(d) for d in opened):  # type: ignore[arg-type]
            return None
        row = {n: values[i] for i, n in self.plain}
        for key, data in zip(self.secret, opened, strict=True):
            row[key] = decode_json(data)  # type: ignore[arg-type]
        return row


def decode_json(data: bytes) -> Any:
    """The stored JSON of one value. Most values are one string: read those with the C string
    scanner directly (several times quicker than ``json.loads`` for 10,000s of fields)."""
    if data[:1] == b'"' and data[-1:] == b'"':
        text = data.decode("utf-8")
        value, end = scanstring(text, 1)
        if end == len(text):
            return value
    return json.loads(data)


# --- writing ---------------------------------------------------------------------------------


def insert_rows(
    conn: Connection, cipher: FieldCipher, name: str, rows: list[dict[str, Any]]
) -> None:
    """New rows, each at row version 1; a column not given is stored as an encrypted null."""
    if not rows:
        return
    cipher.check_writable()
    changes = ledger.changes(conn, cipher)
    sealed = []
    for values in rows:
        plain = {c: values.get(c) for c in bound_columns(name)}
        plain["row_version"] = 1
        data = {c: to_json(values[c]) for c in cipher_columns(name) if c in values}
        sealed.append(sealed_row(cipher, name, plain, data))
        changes.add(name, binding(name, plain))
    conn.execute(insert(table(name)), sealed)


def update_row(conn: Connection, cipher: FieldCipher, name: str, values: dict[str, Any]) -> int:
    """Rewrite one row at its next version: the columns in ``values`` changed, every other
    value as stored (decrypted and sealed again, as each value is bound to the row's version).
    0 when there is no such row."""
    cipher.check_writable()
    tbl = table(name)
    row_id = values["id"]
    kept = [c for c in cipher_columns(name) if c not in values]
    wanted = [tbl.c[c] for c in (*bound_columns(name), *kept)]
    current = conn.execute(select(*wanted).where(tbl.c.id == row_id)).mappings().first()
    if current is None:
        return 0
    version = _version(current["row_version"])
    opened = cipher.decrypt_values(name, binding(name, current), kept, [current[c] for c in kept])
    if None in opened:
        raise TamperedData()
    data: dict[str, bytes] = dict(zip(kept, opened, strict=True))  # type: ignore[arg-type]
    data.update((c, to_json(values[c])) for c in cipher_columns(name) if c in values)
    plain = {c: values.get(c, current[c]) for c in bound_columns(name)}
    plain["row_version"] = version + 1
    if "created_at" in plain:
        plain["created_at"] = current["created_at"]
    row = sealed_row(cipher, name, plain, data)
    row.pop("id")
    result = conn.execute(
        update(tbl).where(tbl.c.id == row_id, tbl.c.row_version == version).values(**row)
    )
    changes = ledger.changes(conn, cipher)
    changes.remove(name, binding(name, current))
    changes.add(name, binding(name, plain))
    return int(result.rowcount)


@functools.cache
def links() -> list[tuple[str, str, str, str]]:
    """(child table, column, parent table, what deleting the parent does) for every link."""
    found = []
    for child in TABLES:
        for column in table(child).columns:
            for fk in column.foreign_keys:
                found.append((child, column.name, fk.column.table.name, str(fk.ondelete)))
    return found


def _in_chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _rows_linked(conn: Connection, child: str, column: str, ids: set[str]) -> list[Any]:
    tbl = table(child)
    cols = [tbl.c[c] for c in bound_columns(child)]
    out: list[Any] = []
    for chunk in _in_chunks(ids):
        out += conn.execute(select(*cols).where(tbl.c[column].in_(chunk))).mappings().all()
    return out


def doomed_rows(conn: Connection, name: str, row_id: str) -> dict[str, dict[str, Any]] | None:
    """What deleting one row deletes: per table, the bound columns of each row by id — the row
    and everything ``ON DELETE CASCADE`` takes with it (a relationship's meetings, reflections,
    actions, reviews and check-ins; an action's reviews). None when there is no such row."""
    tbl = table(name)
    root = (
        conn.execute(select(*[tbl.c[c] for c in bound_columns(name)]).where(tbl.c.id == row_id))
        .mappings()
        .first()
    )
    if root is None:
        return None
    doomed: dict[str, dict[str, Any]] = {n: {} for n in TABLES}
    doomed[name][row_id] = root
    frontier = {name: {row_id}}
    while frontier:  # follow ON DELETE CASCADE as far as it goes
        step: dict[str, set[str]] = {}
        for child, column, parent, ondelete in links():
            if ondelete == "CASCADE" and parent in frontier:
                for row in _rows_linked(conn, child, column, frontier[parent]):
                    if row["id"] not in doomed[child]:
                        doomed[child][row["id"]] = row
                        step.setdefault(child, set()).add(row["id"])
        frontier = step
    return doomed


def unlinked_by(
    conn: Connection, doomed: dict[str, dict[str, Any]]
) -> list[tuple[str, str, str, str]]:
    """(table, column, id, the doomed row's id) of each row only linked to a doomed row (its
    link is ``ON DELETE SET NULL``)."""
    found = []
    for child, column, parent, ondelete in links():
        if ondelete == "SET NULL" and doomed[parent]:
            for row in _rows_linked(conn, child, column, set(doomed[parent])):
                if row["id"] not in doomed[child]:
                    found.append((child, column, str(row["id"]), str(row[column])))
    return found


def delete_row(conn: Connection, cipher: FieldCipher, name: str, row_id: str) -> int:
    """Delete one row with everything the schema deletes with it (``doomed_rows``), each taken
    out of the ledger; rows only linked to a deleted meeting are unlinked and sealed again at
    their next version, as the schema's ``ON DELETE SET NULL`` would (silently) have done. 0
    when there is no such row."""
    cipher.check_writable()
    doomed = doomed_rows(conn, name, row_id)
    if doomed is None:
        return 0
    for child, column, child_id, _parent in unlinked_by(conn, doomed):
        update_row(conn, cipher, child, {"id": child_id, column: None})
    changes = ledger.changes(conn, cipher)
    for child in reversed(list(TABLES)):  # children before their parents
        rows = doomed[child]
        for row in rows.values():
            changes.remove(child, binding(child, row))
        child_tbl = table(child)
        for chunk in _in_chunks(rows):
            conn.execute(delete(child_tbl).where(child_tbl.c.id.in_(chunk)))
    return 1


# --- reading ---------------------------------------------------------------------------------


def select_rows(
    conn: Connection,
    cipher: FieldCipher,
    name: str,
    columns: Iterable[str] | None = None,
    ids: Iterable[str] | None = None,
    prefilter: Callable[[bytes], bool] | None = None,
    unreadable: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Every row of a table (or those with ``ids``), decrypted: only ``columns`` when given;
    plain columns always. With a ``prefilter``, only rows where at least one decrypted value
    (its JSON bytes) passes it are decoded and given. With an ``unreadable`` list (a journal
    opened read-only after it was altered), a row that does not open is left out and its id
    put there, instead of stopping everything with TamperedData."""
    tbl = table(name)
    if columns is None:
        stmt = select(tbl)
    else:
        wanted = set(columns) | (PLAIN_COLUMNS & set(tbl.c.keys()))
        stmt = select(*[c for c in tbl.columns if c.name in wanted])
    if ids is not None:
        stmt = stmt.where(tbl.c.id.in_(list(ids)))
    result = conn.execute(stmt)
    reader = RowReader(cipher, name, list(result.keys()))
    for values in result:
        try:
            row = reader.read(values, prefilter)
        except (TamperedData, ValueError):
            if unreadable is None:
                raise TamperedData() from None
            unreadable.append(str(values[reader.bound_at[0]]))
            continue
        if row is not None:
            yield row


def tally(conn: Connection, cipher: FieldCipher) -> ledger.Ledger:
    """The ledger as the rows now stand (sum and counts; no counter): at unlock, against the
    sealed one. Reads only the plaintext columns (each table's ``ix_<table>_rows`` index holds
    them all)."""
    found = ledger.Ledger()
    total = 0
    dbapi = conn.connection.driver_connection  # this transaction's own: 10,000s of tuples
    assert dbapi is not None
    for name in TABLES:
        digest = functools.partial(cipher.digest, name)
        sql = f"SELECT {', '.join(bound_columns(name))} FROM {name}"  # our own names only
        rows = dbapi.execute(sql).fetchall()
        total += sum(digest(row_binding(row)) for row in rows)
        found.rows[name] = len(rows)
    found.total = total % ledger.MODULUS
    return found


def link_groups_query(name: str) -> Select[Any]:
    """The query behind ``link_groups``; on the reflection table an index answers it alone."""
    tbl = table(name)
    return select(tbl.c.relationship_id, tbl.c.meeting_id, func.max(tbl.c.created_at)).group_by(
        tbl.c.relationship_id, tbl.c.meeting_id
    )


def link_groups(conn: Connection, name: str) -> list[tuple[str, str | None, str]]:
    """(relationship, meeting, newest created_at) per distinct link: plaintext only, one query."""
    return [(str(r[0]), r[1], str(r[2])) for r in conn.execute(link_groups_query(name))]


def stamp(name: str, row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A row's plaintext columns (id, version, times, links): they change whenever it does."""
    return tuple(row[c] for c in bound_columns(name))


def row_stamps(conn: Connection, name: str) -> dict[str, tuple[Any, ...]]:
    """Every row's ``stamp``, by id: plaintext only (the table's rows index holds them all)."""
    tbl = table(name)
    query = select(*[tbl.c[c] for c in bound_columns(name)])
    return {str(r[0]): tuple(r) for r in conn.execute(query)}


def existing_ids(conn: Connection, name: str) -> set[str]:
    tbl = table(name)
    return {r[0] for r in conn.execute(select(tbl.c.id))}


def linked_ids(conn: Connection, name: str, relationship_ids: Iterable[str]) -> list[str]:
    """The ids of a table's rows that belong to these relationships: plaintext only."""
    tbl = table(name)
    wanted = sorted(set(relationship_ids))
    found: list[str] = []
    for chunk in _in_chunks(wanted):
        found += [
            r[0] for r in conn.execute(select(tbl.c.id).where(tbl.c.relationship_id.in_(chunk)))
        ]
    return found


def existing_ids_among(conn: Connection, name: str, ids: Iterable[str]) -> list[str]:
    """Those of ``ids`` that have a row in the table."""
    tbl = table(name)
    found: list[str] = []
    for chunk in _in_chunks(ids):
        found += [r[0] for r in conn.execute(select(tbl.c.id).where(tbl.c.id.in_(chunk)))]
    return found
