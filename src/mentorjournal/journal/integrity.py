"""Taking a journal's key: schema 5's re-encryption finished if still to do, the ledger of rows
checked against the rows, and the journal's change counter against the newest this computer
has seen; and replacing the data key (``rekey``).

A journal whose rows do not add up was changed outside MentorJournal: it is refused with a
sentence saying what was found (``JournalAltered``), or — asked for explicitly, to export what
is intact — opened read-only. A whole file older than one seen here opens, with a warning.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from mentorjournal.errors import JournalAltered, JournalError, StorageError, TamperedData
from mentorjournal.store import crypto, ledger, records, seen, upgrade, vault
from mentorjournal.store.crypto import KdfParams
from mentorjournal.store.db import UPGRADE_FAILED, Database
from mentorjournal.store.fields import FieldCipher

REFUSED = (
    "{what}, so the journal was not opened and nothing was changed; “mentorjournal export” can "
    "still save what is intact."
)
READ_ONLY = (
    "{what}: the journal is open read-only, so nothing can be changed, and only what is intact "
    "can be read."
)
OLDER_COPY = (
    "This journal file is older than one already opened on this computer (it is at change "
    "{count}, where change {seen} was seen here), so an older copy may have been put in its "
    "place and recent entries may be missing; saving anything makes this copy the current one."
)


def sentence(template: str, what: str) -> str:
    return template.format(what=what[:1].upper() + what[1:])


@dataclass
class Opened:
    """A journal's key taken: the cipher, and what the person must be told."""

    cipher: FieldCipher
    altered: str | None = None  # opened read-only: what was found
    warnings: list[str] = field(default_factory=list)


def _finish_upgrade(db: Database, cipher: FieldCipher) -> None:
    with db.read() as conn:
        if not upgrade.pending(conn):
            return
    try:
        with db.write() as conn:
            upgrade.finish(conn, cipher)
    except StorageError as exc:
        raise StorageError(UPGRADE_FAILED) from exc


def _check(db: Database, cipher: FieldCipher) -> tuple[ledger.Ledger, str | None]:
    """The sealed ledger, and what the rows show was done outside MentorJournal (or None)."""
    with db.read() as conn:
        sealed = ledger.read(conn, cipher)
        if sealed is None:
            raise TamperedData()
        found = records.tally(conn, cipher)
    return sealed, ledger.problem(sealed, found)


def take_key(db: Database, key: bytes, *, altered_ok: bool, remember: bool) -> Opened:
    cipher = FieldCipher(key)
    try:
        _finish_upgrade(db, cipher)
        sealed, what = _check(db, cipher)
        opened = Opened(cipher)
        if what is not None:
            if not altered_ok:
                raise JournalAltered(sentence(REFUSED, what))
            cipher.writable = False
            opened.altered = sentence(READ_ONLY, what)
        newest = seen.recall(cipher)
        if sealed.counter < newest:
            opened.warnings.append(OLDER_COPY.format(count=sealed.counter, seen=newest))
            cipher.counter_floor = newest
        elif remember and opened.altered is None:
            seen.remember(cipher, sealed.counter)
    except BaseException:
        cipher.forget()
        raise
    return opened


def remember_newest(db: Database, cipher: FieldCipher) -> None:
    """Before the key is dropped: remember the journal's counter as it now stands."""
    if not cipher.writable:
        return
    with contextlib.suppress(JournalError):
        with db.read() as conn:
            sealed = ledger.read(conn, cipher)
        if sealed is not None:
            seen.remember(cipher, sealed.counter)


def rekey(
    db: Database, cipher: FieldCipher, passphrase: str, kdf: KdfParams
) -> tuple[FieldCipher, str]:
    """A new data key: every value re-encrypted, a new ledger, the key wrapped under the same
    passphrase and a new recovery key — one transaction. Returns the new cipher and the new
    recovery key (shown once)."""
    cipher.check_writable()
    new = FieldCipher(crypto.new_data_key())
    new.counter_floor = cipher.counter_floor
    try:
        with db.write() as conn:
            sealed = ledger.read(conn, cipher)
            if sealed is None:
                raise TamperedData()
            what = ledger.problem(sealed, records.tally(conn, cipher))
            if what is not None:  # never seal an altered journal under a new key
                raise JournalAltered(sentence(REFUSED, what))
            fresh = upgrade.rekey(conn, cipher, new)
            recovery_key = vault.rekey(conn, new.data_key(), passphrase, kdf)
    except BaseException:
        new.forget()
        raise
    # Both keys' memories: a backup made before (the old key) is older than this.
    seen.remember(cipher, fresh.counter)
    seen.remember(new, fresh.counter)
    return new, recovery_key
