"""Another copy of this journal, opened to be merged in: read into memory (``store.copies``: its
file is never written), checked to be a copy of this journal (its journal id), its key taken —
this journal's own data key when the copy shares it (a changed passphrase does not change it),
else a passphrase or recovery key the person gives — and its rows checked against its sealed
ledger, so that a copy changed outside MentorJournal is refused, with a sentence, before
anything of it is used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mentorjournal.errors import JournalError, TamperedData, WrongPassphrase, WrongRecoveryKey
from mentorjournal.store import copies, crypto, ledger, records, upgrade, vault
from mentorjournal.store.db import Database
from mentorjournal.store.fields import FieldCipher
from mentorjournal.store.identity import journal_id_of

ALTERED = "{name} was changed outside MentorJournal ({what}), so nothing was merged from it."
DAMAGED_KEYS = "{name} is damaged or was altered, so nothing was merged from it."


class NotThisJournal(JournalError):
    default = "That file is another journal, not a copy of this one, so nothing was merged."


class CopySecretNeeded(JournalError):
    """The copy's data key is not this journal's: its passphrase or recovery key is needed."""

    default = "That copy has another passphrase or data key; type its passphrase or recovery key."


@dataclass
class OtherCopy:
    path: Path
    db: Database
    cipher: FieldCipher

    def close(self) -> None:
        self.cipher.forget()
        self.db.dispose()


def looks_like_recovery_key(text: str) -> bool:
    try:
        crypto.recovery_key_bytes(text)
    except WrongRecoveryKey:
        return False
    return True


def open_other(
    path: Path, *, journal_id: str, data_key: bytes, secrets: Iterable[str] = ()
) -> OtherCopy:
    """The copy at ``path`` with its key taken and its rows checked. NotThisJournal for another
    journal; CopySecretNeeded when neither this journal's key nor any of ``secrets`` (its
    passphrase or recovery key) opens it; a sentence naming the file for anything else."""
    db = copies.open_copy(Path(path))
    try:
        cipher = _key_of(db, journal_id, data_key, secrets)
        try:
            _check(db, cipher)
        except BaseException:
            cipher.forget()
            raise
    except BaseException:
        db.dispose()
        raise
    return OtherCopy(db.path, db, cipher)


def _key_of(db: Database, journal_id: str, data_key: bytes, secrets: Iterable[str]) -> FieldCipher:
    name = db.path.name
    try:
        with db.read() as conn:
            record = vault.read(conn)
            sealed = conn.execute(
                ledger.VAULT.select().with_only_columns(ledger.VAULT.c.ledger)
            ).scalar()
    except TamperedData:
        raise TamperedData(DAMAGED_KEYS.format(name=name)) from None
    if journal_id_of(record.created_at) != journal_id:
        raise NotThisJournal(
            f"{name} is another journal, not a copy of this one, so nothing was merged from it."
        )
    ours = FieldCipher(data_key)
    if sealed is not None:
        with contextlib.suppress(TamperedData):
            ours.open_seal(sealed, ledger.LABEL)
            return ours
    ours.forget()
    for secret in secrets:
        key = _unwrap(record, secret)
        if key is not None:
            return FieldCipher(key)
    raise CopySecretNeeded(
        f"{name} has another passphrase or data key than this journal: type its passphrase "
        "or its recovery key to merge it."
    )


def _unwrap(record: vault.VaultRecord, secret: str) -> bytes | None:
    try:
        if looks_like_recovery_key(secret):
            return crypto.unwrap_with_recovery(secret, record.recovery_salt, record.recovery_wrap)
        return crypto.unwrap_with_passphrase(secret, record.pass_salt, record.pass_wrap, record.kdf)
    except (WrongPassphrase, WrongRecoveryKey):
        return None


def _check(db: Database, cipher: FieldCipher) -> None:
    """Finish an older copy's upgrade (in memory) and check its rows against its ledger."""
    name = db.path.name
    try:
        with db.read() as conn:
            pending = upgrade.pending(conn)
        if pending:
            with db.write() as conn:
                upgrade.finish(conn, cipher)
        with db.read() as conn:
            sealed = ledger.read(conn, cipher)
            found = records.tally(conn, cipher)
    except TamperedData:
        raise TamperedData(DAMAGED_KEYS.format(name=name)) from None
    if sealed is None:
        raise TamperedData(DAMAGED_KEYS.format(name=name))
    what = ledger.problem(sealed, found)
    if what is not None:
        raise TamperedData(ALTERED.format(name=name, what=what))


def check_with_passphrase(path: Path, data: bytes, passphrase: str) -> None:
    """The journal bytes ``data`` (read from ``path``) open with ``passphrase`` and add up;
    a JournalError with a sentence otherwise."""
    db = copies.open_copy(path, data)
    try:
        with db.read() as conn:
            record = vault.read(conn)
        key = _unwrap(record, passphrase)
        if key is None:
            raise WrongPassphrase()
        cipher = FieldCipher(key)
        try:
            _check(db, cipher)
        finally:
            cipher.forget()
    finally:
        db.dispose()
