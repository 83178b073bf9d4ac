"""The ledger of rows: one authenticated commitment to every row of the journal.

Each row has a keyed digest over its table and binding (id, row version, times, links; see
``store.fields``); the ledger holds their sum modulo 2²⁵⁶, the number of rows of each table and
a change counter, sealed with the data key in the vault's ``ledger`` column. A write updates
it in the same transaction, in O(rows changed): the old digest of each changed row out, the
new one in, the counter one up. At unlock the sum is worked out again from the rows: a row
deleted, added, re-linked or put back to an older copy outside MentorJournal no longer adds up
(nobody without the key can compute a digest), and the sentence says what was found.

The change counter, remembered outside the file (``store.seen``), shows a whole file put back
to an older copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, update

from mentorjournal.errors import TamperedData
from mentorjournal.store.fields import FieldCipher
from mentorjournal.store.tables import Vault

VAULT = Vault.__table__  # type: ignore[attr-defined]
MODULUS = 2**256
LABEL = "ledger"
TRANSACTION = "mj_transaction"  # execution option: the write transaction's own state (db.py)


@dataclass
class Ledger:
    counter: int = 0
    total: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, digest: int) -> None:
        self.total = (self.total + digest) % MODULUS
        self.rows[table] = self.rows.get(table, 0) + 1

    def remove(self, table: str, digest: int) -> None:
        self.total = (self.total - digest) % MODULUS
        self.rows[table] = self.rows.get(table, 0) - 1

    def to_bytes(self) -> bytes:
        data = {"counter": self.counter, "total": f"{self.total:064x}", "rows": self.rows}
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Ledger:
        try:
            raw = json.loads(data)
            ledger = cls(
                counter=int(raw["counter"]),
                total=int(raw["total"], 16),
                rows={str(k): int(v) for k, v in raw["rows"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise TamperedData() from exc
        return ledger


def read(conn: Connection, cipher: FieldCipher) -> Ledger | None:
    """The sealed ledger, or None when the journal has none yet (an upgrade to schema 5 not
    finished: ``store.upgrade``)."""
    blob = conn.execute(select(VAULT.c.ledger).where(VAULT.c.id == 1)).scalar()
    if blob is None:
        return None
    return Ledger.from_bytes(cipher.open_seal(blob, LABEL))


def write(conn: Connection, cipher: FieldCipher, ledger: Ledger) -> None:
    conn.execute(
        update(VAULT).where(VAULT.c.id == 1).values(ledger=cipher.seal(ledger.to_bytes(), LABEL))
    )


class Changes:
    """What one write transaction does to the ledger; sealed just before it commits."""

    def __init__(self, conn: Connection, cipher: FieldCipher) -> None:
        self.cipher = cipher
        sealed = read(conn, cipher)
        if sealed is None:  # a journal of schema 5 always has one once its key was used
            raise TamperedData()
        self.ledger = sealed

    def add(self, table: str, binding: bytes) -> None:
        self.ledger.add(table, self.cipher.digest(table, binding))

    def remove(self, table: str, binding: bytes) -> None:
        self.ledger.remove(table, self.cipher.digest(table, binding))

    def seal(self, conn: Connection) -> None:
        # Above both the file's own counter and the newest this computer has seen: an older
        # copy written to becomes the newest.
        self.ledger.counter = max(self.ledger.counter, self.cipher.counter_floor) + 1
        write(conn, self.cipher, self.ledger)


def changes(conn: Connection, cipher: FieldCipher) -> Changes:
    """This write transaction's changes to the ledger (made on first use, sealed at commit)."""
    state: dict[str, Any] | None = conn.get_execution_options().get(TRANSACTION)
    if state is None:
        raise RuntimeError("rows are written only inside Database.write()")
    found = state.get("ledger")
    if found is None:
        found = state["ledger"] = Changes(conn, cipher)
        hooks: list[Callable[[Connection], None]] = state.setdefault("before_commit", [])
        hooks.append(found.seal)
    return found  # type: ignore[no-any-return]


# --- what the rows say against what the ledger says ---------------------------------------------


def _counted(ledger: Ledger) -> dict[str, int]:
    return {table: n for table, n in ledger.rows.items() if n}


def _entries(n: int) -> str:
    return f"{n} entr{'y was' if n == 1 else 'ies were'}"


def problem(sealed: Ledger, found: Ledger) -> str | None:
    """What was done to the rows outside MentorJournal (a clause), or None when they add up."""
    if found.total == sealed.total and _counted(found) == _counted(sealed):
        return None
    tables = set(sealed.rows) | set(found.rows)
    missing = sum(max(0, sealed.rows.get(t, 0) - found.rows.get(t, 0)) for t in tables)
    extra = sum(max(0, found.rows.get(t, 0) - sealed.rows.get(t, 0)) for t in tables)
    parts = []
    if missing:
        parts.append(f"{_entries(missing)} deleted")
    if extra:
        parts.append(f"{_entries(extra)} added")
    if parts:
        return " and ".join(parts) + " outside MentorJournal"
    return (
        "entries were moved to another relationship, meeting or action, changed or put back "
        "to an older copy outside MentorJournal"
    )
