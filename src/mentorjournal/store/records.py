"""Rows in and out: the one place where values are encrypted on the way in and decrypted on the
way out. Values arrive as JSON-able dicts (``codec`` makes them from domain objects); each
non-plaintext column is stored as AES-GCM over its JSON, tied to table, column and row id.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import Connection, Select, Table, delete, func, insert, select, update
from sqlmodel import SQLModel

from mentorjournal.errors import TamperedData
from mentorjournal.store import migrations
from mentorjournal.store import tables as t
from mentorjournal.store.crypto import FieldCipher

PLAIN_COLUMNS = frozenset(
    {"id", "created_at", "updated_at", "relationship_id", "meeting_id", "action_id"}
)

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
}


def table(name: str) -> Table:
    return TABLES[name].__table__  # type: ignore[attr-defined, no-any-return]


def cipher_columns(name: str) -> list[str]:
    return [c.name for c in table(name).columns if c.name not in PLAIN_COLUMNS]


def encrypt_values(cipher: FieldCipher, name: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Plain columns pass through; every other known column becomes ciphertext."""
    row_id = str(values["id"])
    out: dict[str, Any] = {}
    for column in table(name).columns:
        key = column.name
        if key not in values:
            continue
        if key in PLAIN_COLUMNS:
            out[key] = values[key]
        else:
            data = json.dumps(values[key], ensure_ascii=False, separators=(",", ":")).encode()
            out[key] = cipher.encrypt(data, name, key, row_id)
    return out


class RowReader:
    """Turns stored rows of one table, given as tuples in the order of ``names``, into dicts of
    plain values: plaintext columns as they are, the others decrypted and decoded.

    Every written row holds a value in each encrypted column (a ``None`` is stored encrypted,
    as JSON ``null``), so a NULL there was put in outside MentorJournal: TamperedData, never a
    silent default. Only a column added by a later schema version may be NULL, in a row
    written before it existed (it reads as None)."""

    def __init__(self, cipher: FieldCipher, name: str, names: list[str]) -> None:
        self.cipher = cipher
        self.name = name
        self.plain = [(i, n) for i, n in enumerate(names) if n in PLAIN_COLUMNS]
        self.secret_at = [i for i, n in enumerate(names) if n not in PLAIN_COLUMNS]
        self.secret = [names[i] for i in self.secret_at]
        self.id_at = names.index("id")
        may_be_null = migrations.columns_added_later().get(name, frozenset())
        self.required = [k for k, n in enumerate(self.secret) if n not in may_be_null]

    def read(
        self, values: Sequence[Any], prefilter: Callable[[bytes], bool] | None = None
    ) -> dict[str, Any] | None:
        """The row; None when a ``prefilter`` is given and none of its decrypted values (JSON
        bytes, before decoding) passes it."""
        opened = self.cipher.decrypt_values(
            self.name, str(values[self.id_at]), self.secret, [values[i] for i in self.secret_at]
        )
        for k in self.required:
            if opened[k] is None:
                raise TamperedData()
        if prefilter is not None and not any(d is not None and prefilter(d) for d in opened):
            return None
        row = {n: values[i] for i, n in self.plain}
        for key, data in zip(self.secret, opened, strict=True):
            row[key] = None if data is None else decode_json(data)
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


def insert_rows(
    conn: Connection, cipher: FieldCipher, name: str, rows: list[dict[str, Any]]
) -> None:
    if rows:
        conn.execute(insert(table(name)), [encrypt_values(cipher, name, r) for r in rows])


def update_row(conn: Connection, cipher: FieldCipher, name: str, values: dict[str, Any]) -> int:
    tbl = table(name)
    data = encrypt_values(cipher, name, values)
    data.pop("id")
    data.pop("created_at", None)
    result = conn.execute(update(tbl).where(tbl.c.id == values["id"]).values(**data))
    return int(result.rowcount)


def delete_row(conn: Connection, name: str, row_id: str) -> int:
    tbl = table(name)
    return int(conn.execute(delete(tbl).where(tbl.c.id == row_id)).rowcount)


def select_rows(
    conn: Connection,
    cipher: FieldCipher,
    name: str,
    columns: Iterable[str] | None = None,
    ids: Iterable[str] | None = None,
    prefilter: Callable[[bytes], bool] | None = None,
) -> Iterator[dict[str, Any]]:
    """Every row of a table (or those with ``ids``), decrypted: only ``columns`` when given;
    plain columns always. With a ``prefilter``, only rows where at least one decrypted value
    (its JSON bytes) passes it are decoded and given."""
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
        row = reader.read(values, prefilter)
        if row is not None:
            yield row


def link_groups_query(name: str) -> Select[Any]:
    """The query behind ``link_groups``; on the reflection table an index answers it alone."""
    tbl = table(name)
    return select(tbl.c.relationship_id, tbl.c.meeting_id, func.max(tbl.c.created_at)).group_by(
        tbl.c.relationship_id, tbl.c.meeting_id
    )


def link_groups(conn: Connection, name: str) -> list[tuple[str, str | None, str]]:
    """(relationship, meeting, newest created_at) per distinct link: plaintext only, one query."""
    return [(str(r[0]), r[1], str(r[2])) for r in conn.execute(link_groups_query(name))]


def existing_ids(conn: Connection, name: str) -> set[str]:
    tbl = table(name)
    return {r[0] for r in conn.execute(select(tbl.c.id))}
