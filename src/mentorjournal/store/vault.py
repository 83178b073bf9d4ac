"""The vault row: the data key wrapped by the passphrase and by the recovery key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from mentorjournal.errors import NotAJournal, TamperedData
from mentorjournal.store import crypto
from mentorjournal.store.crypto import KdfParams
from mentorjournal.store.tables import Vault

VAULT = Vault.__table__  # type: ignore[attr-defined]
WRAP_BYTES = 1 + crypto.NONCE_BYTES + crypto.KEY_BYTES + 16
KEY_COLUMNS = (
    "cipher",
    "kdf",
    "pass_salt",
    "pass_wrap",
    "recovery_salt",
    "recovery_wrap",
    "created_at",
)


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class VaultRecord:
    cipher: str
    kdf: KdfParams
    pass_salt: bytes
    pass_wrap: bytes
    recovery_salt: bytes
    recovery_wrap: bytes
    created_at: str


def read(conn: Connection) -> VaultRecord:
    wanted = [VAULT.c[name] for name in KEY_COLUMNS]  # every schema version has these
    row = conn.execute(select(*wanted).where(VAULT.c.id == 1)).mappings().first()
    if row is None:
        raise NotAJournal("The journal's key record is missing, so it cannot be opened.")
    try:
        kdf = KdfParams.from_json(row["kdf"])
        record = VaultRecord(
            cipher=str(row["cipher"]),
            kdf=kdf,
            pass_salt=bytes(row["pass_salt"]),
            pass_wrap=bytes(row["pass_wrap"]),
            recovery_salt=bytes(row["recovery_salt"]),
            recovery_wrap=bytes(row["recovery_wrap"]),
            created_at=str(row["created_at"]),
        )
    except (ValueError, KeyError, TypeError, OverflowError) as exc:
        raise TamperedData("The journal's key record is damaged, so it cannot be opened.") from exc
    if record.cipher != crypto.CIPHER_NAME:
        raise TamperedData("The journal names a cipher this version does not know.")
    crypto.check_kdf(kdf)  # before anything is derived: too weak, absurd or unknown
    if not (
        len(record.pass_salt) == len(record.recovery_salt) == crypto.SALT_BYTES
        and len(record.pass_wrap) == len(record.recovery_wrap) == WRAP_BYTES
    ):
        raise TamperedData("The journal's key record is damaged, so it cannot be opened.")
    return record


def create(conn: Connection, passphrase: str, kdf: KdfParams) -> tuple[bytes, str]:
    """A new data key and recovery key; returns both (the recovery key is shown once)."""
    crypto.check_kdf(kdf)
    data_key = crypto.new_data_key()
    recovery_key = crypto.new_recovery_key()
    pass_salt, pass_wrap = crypto.wrap_with_passphrase(passphrase, data_key, kdf)
    rec_salt, rec_wrap = crypto.wrap_with_recovery(recovery_key, data_key)
    stamp = now_text()
    conn.execute(
        insert(VAULT).values(
            id=1,
            cipher=crypto.CIPHER_NAME,
            kdf=kdf.to_json(),
            pass_salt=pass_salt,
            pass_wrap=pass_wrap,
            recovery_salt=rec_salt,
            recovery_wrap=rec_wrap,
            created_at=stamp,
            updated_at=stamp,
        )
    )
    return data_key, recovery_key


def rewrap_passphrase(conn: Connection, data_key: bytes, passphrase: str, kdf: KdfParams) -> None:
    """Only the wrap changes: no row of the journal is touched."""
    crypto.check_kdf(kdf)
    salt, wrapped = crypto.wrap_with_passphrase(passphrase, data_key, kdf)
    conn.execute(
        update(VAULT)
        .where(VAULT.c.id == 1)
        .values(kdf=kdf.to_json(), pass_salt=salt, pass_wrap=wrapped, updated_at=now_text())
    )


def rekey(conn: Connection, data_key: bytes, passphrase: str, kdf: KdfParams) -> str:
    """Wrap a new data key under the same passphrase (this version's KDF) and a new recovery
    key; returns the recovery key (shown once). The old wraps are gone."""
    crypto.check_kdf(kdf)
    recovery_key = crypto.new_recovery_key()
    pass_salt, pass_wrap = crypto.wrap_with_passphrase(passphrase, data_key, kdf)
    rec_salt, rec_wrap = crypto.wrap_with_recovery(recovery_key, data_key)
    conn.execute(
        update(VAULT)
        .where(VAULT.c.id == 1)
        .values(
            kdf=kdf.to_json(),
            pass_salt=pass_salt,
            pass_wrap=pass_wrap,
            recovery_salt=rec_salt,
            recovery_wrap=rec_wrap,
            updated_at=now_text(),
        )
    )
    return recovery_key


def describe(path: Path) -> dict[str, Any]:
    """What can be known of a journal without its passphrase: path, schema, cipher, KDF."""
    from mentorjournal.store import migrations
    from mentorjournal.store.db import Database

    db = Database.open(path, migrate=False)
    try:
        with db.read() as conn:
            record = read(conn)
            version = migrations.current_version(conn)
    finally:
        db.dispose()
    return {
        "path": str(path.resolve()),
        "schema_version": version,
        "cipher": record.cipher,
        "kdf": {
            "name": record.kdf.name,
            "memory_kib": record.kdf.memory_kib,
            "iterations": record.kdf.iterations,
            "lanes": record.kdf.lanes,
        },
        "created_at": record.created_at,
    }
