"""Sealing every value of the journal again, in one transaction: the upgrade to schema 5, and a
new data key (``rekey``).

Schema 5's own steps (``store.migrations``) only add columns, at open, like every step before
it, after the file was copied aside. Its values must then be re-encrypted — padded, bound to
their row's version, times and links — which needs the key: ``finish`` does it as soon as the
key is known, in the caller's write transaction, and seals the first ledger. A killed process
leaves either the journal as schema 4 stored its values (the vault's ledger still empty: done
again at the next unlock) or all of it done. Nothing else writes rows of such a journal:
``store.ledger`` refuses a write without a sealed ledger.

A journal in that state whose rows are not all as schema 4 stored them (a row version set, a
value already sealed the new way, a NULL where a value was always written) was altered, and is
refused rather than sealed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, select, update

from mentorjournal.errors import TamperedData
from mentorjournal.store import ledger, migrations, records
from mentorjournal.store.fields import FieldCipher
from mentorjournal.store.ledger import Ledger
from mentorjournal.store.records import TABLES, binding, bound_columns, cipher_columns

FIRST_SEALED = 5


def pending(conn: Connection) -> bool:
    """Whether the journal's values still wait for schema 5's re-encryption."""
    if migrations.current_version(conn) < FIRST_SEALED:
        return False
    blob = conn.execute(select(ledger.VAULT.c.ledger).where(ledger.VAULT.c.id == 1)).scalar()
    return blob is None


def finish(conn: Connection, cipher: FieldCipher) -> bool:
    """In a write transaction: re-encrypt every value of a journal upgraded to schema 5 and
    seal its first ledger; False (nothing done) when that was done already."""
    if not pending(conn):
        return False
    cipher.check_writable()
    fresh = Ledger(counter=1)
    for name in TABLES:
        _reseal(conn, name, cipher, cipher, fresh, legacy=True)
    ledger.write(conn, cipher, fresh)
    return True


def rekey(conn: Connection, old: FieldCipher, new: FieldCipher) -> Ledger:
    """In a write transaction: every value opened with the old key and sealed with the new one,
    and a new ledger (its digests are keyed by the data key too); returns it."""
    sealed = ledger.read(conn, old)
    if sealed is None:
        raise TamperedData()
    fresh = Ledger(counter=max(sealed.counter, old.counter_floor) + 1)
    for name in TABLES:
        _reseal(conn, name, old, new, fresh, legacy=False)
    ledger.write(conn, new, fresh)
    return fresh


def _opened(
    name: str, row: RowMapping, old: FieldCipher, legacy: bool
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(plaintext columns at the row's new version, each value's JSON) of one stored row."""
    columns = cipher_columns(name)
    blobs = [row[c] for c in columns]
    plain = {c: row[c] for c in bound_columns(name)}
    if legacy:
        if row["row_version"] is not None:
            raise TamperedData()
        opened = old.decrypt_legacy(name, str(row["id"]), columns, blobs)
        may_be_null = migrations.columns_added_later().get(name, frozenset())
        if any(d is None and c not in may_be_null for c, d in zip(columns, opened, strict=True)):
            raise TamperedData()
        plain["row_version"] = 1
    else:
        if type(row["row_version"]) is not int or row["row_version"] < 1:
            raise TamperedData()
        opened = old.decrypt_values(name, binding(name, row), columns, blobs)
        if None in opened:
            raise TamperedData()
    data = {c: b"null" if d is None else d for c, d in zip(columns, opened, strict=True)}
    return plain, data


def _reseal(
    conn: Connection, name: str, old: FieldCipher, new: FieldCipher, fresh: Ledger, legacy: bool
) -> None:
    tbl = records.table(name)
    updates = []
    for row in conn.execute(select(tbl)).mappings():
        plain, data = _opened(name, row, old, legacy)
        sealed = records.sealed_row(new, name, plain, data)
        fresh.add(name, new.digest(name, binding(name, plain)))
        sealed["row_id"] = sealed.pop("id")
        updates.append(sealed)
    if updates:
        stmt = update(tbl).where(tbl.c.id == bindparam("row_id"))
        conn.execute(stmt, updates)
