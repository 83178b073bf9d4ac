"""A journal file altered outside MentorJournal is refused with a sentence: a flipped byte, a
ciphertext moved to another row or column, a damaged key record."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentorjournal.domain import Reflection, Relationship, SupportContact
from mentorjournal.errors import NotAJournal, TamperedData, WrongPassphrase
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import ABOVE_CAPS, BELOW_FLOOR

TAMPERED_SENTENCE = (
    "Part of the journal file is damaged or has been altered, so it cannot be read; "
    "nothing was changed."
)


# --- tampering --------------------------------------------------------------------------------


def _blob(path: Path, table: str, column: str, row_id: str) -> bytes:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
    finally:
        conn.close()


def _put(path: Path, table: str, column: str, row_id: str, value: bytes) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))
        conn.commit()
    finally:
        conn.close()


def _read_all(path: Path, passphrase: str, kind: type) -> None:
    j = Journal.open(path, passphrase)
    try:
        j.all(kind)
    finally:
        j.close()


@pytest.mark.parametrize("offset", [0, 5, 20, -1])
def test_one_flipped_byte_in_a_ciphertext_is_tampered_data(
    journal: Journal, sample, passphrase: str, offset: int
) -> None:
    journal.close()
    rid = sample.reflection.id
    blob = bytearray(_blob(journal.path, "reflection", "feelings", rid))
    blob[offset] ^= 0x40
    _put(journal.path, "reflection", "feelings", rid, bytes(blob))
    with pytest.raises(TamperedData) as err:
        _read_all(journal.path, passphrase, Reflection)
    assert str(err.value) == TAMPERED_SENTENCE


def test_ciphertexts_swapped_between_rows_are_tampered_data(
    journal: Journal, sample, passphrase: str
) -> None:
    journal.close()
    a, b = sample.rel.id, sample.other_rel.id
    blob_a = _blob(journal.path, "relationship", "title", a)
    blob_b = _blob(journal.path, "relationship", "title", b)
    _put(journal.path, "relationship", "title", a, blob_b)
    _put(journal.path, "relationship", "title", b, blob_a)
    with pytest.raises(TamperedData):
        _read_all(journal.path, passphrase, Relationship)


def test_ciphertexts_swapped_between_columns_are_tampered_data(
    journal: Journal, sample, passphrase: str
) -> None:
    journal.close()
    rid = sample.reflection.id
    feelings = _blob(journal.path, "reflection", "feelings", rid)
    analysis = _blob(journal.path, "reflection", "analysis", rid)
    _put(journal.path, "reflection", "feelings", rid, analysis)
    _put(journal.path, "reflection", "analysis", rid, feelings)
    with pytest.raises(TamperedData):
        _read_all(journal.path, passphrase, Reflection)


def test_a_row_given_another_id_is_tampered_data(journal: Journal, sample, passphrase: str) -> None:
    journal.close()
    conn = sqlite3.connect(journal.path)
    conn.execute(
        "UPDATE support_contact SET id = ? WHERE id = ?",
        ("00000000-0000-4000-8000-000000000000", sample.contact.id),
    )
    conn.commit()
    conn.close()
    with pytest.raises(TamperedData):
        _read_all(journal.path, passphrase, SupportContact)


VAULT_DAMAGE = {
    "row deleted": ("DELETE FROM vault", None),
    "kdf not JSON": ("UPDATE vault SET kdf = '{'", None),
    "kdf unknown": (
        'UPDATE vault SET kdf = \'{"name": "md5", "memory_kib": 64, "iterations": 1, "lanes": 1}\'',
        None,
    ),
    "kdf too weak": (
        'UPDATE vault SET kdf = \'{"name": "argon2id", "memory_kib": 1, "iterations": 0,'
        ' "lanes": 1}\'',
        None,
    ),
    "kdf absurdly large": (
        'UPDATE vault SET kdf = \'{"name": "argon2id", "memory_kib": 4294967295,'
        ' "iterations": 3, "lanes": 4}\'',
        None,
    ),
    "kdf absurdly slow": (
        'UPDATE vault SET kdf = \'{"name": "argon2id", "memory_kib": 64,'
        ' "iterations": 4000000000, "lanes": 1}\'',
        None,
    ),
    "cipher renamed": ("UPDATE vault SET cipher = 'ROT13'", None),
    "salt emptied": ("UPDATE vault SET pass_salt = ?", b""),
    "wrap truncated": ("UPDATE vault SET pass_wrap = ?", b"\x01" + bytes(20)),
    "recovery salt emptied": ("UPDATE vault SET recovery_salt = ?", b""),
}


KEY_RECORD_DAMAGED = "The journal's key record is damaged, so it cannot be opened."
# Each damage, the error it must raise and the exact sentence a person is shown.
VAULT_REFUSALS: dict[str, tuple[type[Exception], str]] = {
    "row deleted": (NotAJournal, "The journal's key record is missing, so it cannot be opened."),
    "kdf not JSON": (TamperedData, KEY_RECORD_DAMAGED),
    "kdf unknown": (
        TamperedData,
        "The journal names a key-derivation method this version does not know.",
    ),
    # Refused before anything is derived (a downgrade, or a file made to hang the computer).
    "kdf too weak": (TamperedData, BELOW_FLOOR),
    "kdf absurdly large": (TamperedData, ABOVE_CAPS),
    "kdf absurdly slow": (TamperedData, ABOVE_CAPS),
    "cipher renamed": (TamperedData, "The journal names a cipher this version does not know."),
    "salt emptied": (TamperedData, KEY_RECORD_DAMAGED),
    "wrap truncated": (TamperedData, KEY_RECORD_DAMAGED),
    "recovery salt emptied": (TamperedData, KEY_RECORD_DAMAGED),
}


def test_every_vault_damage_has_its_expected_refusal() -> None:
    assert VAULT_REFUSALS.keys() == VAULT_DAMAGE.keys()


@pytest.mark.parametrize("damage", list(VAULT_DAMAGE))
def test_damaged_vault_row_is_refused_with_a_sentence(
    journal: Journal, passphrase: str, damage: str
) -> None:
    journal.close()
    sql, arg = VAULT_DAMAGE[damage]
    conn = sqlite3.connect(journal.path)
    conn.execute(sql, () if arg is None else (arg,))
    conn.commit()
    conn.close()
    before = journal.path.read_bytes()
    kind, sentence = VAULT_REFUSALS[damage]
    with pytest.raises((TamperedData, NotAJournal)) as err:
        Journal.open(journal.path, passphrase)
    assert type(err.value) is kind
    assert str(err.value) == sentence
    assert journal.path.read_bytes() == before


def test_flipped_byte_in_the_passphrase_wrap_does_not_open(
    journal: Journal, passphrase: str
) -> None:
    """AES-GCM cannot tell a damaged wrap from a wrong key: either way the journal stays shut."""
    journal.close()
    conn = sqlite3.connect(journal.path)
    wrap = bytearray(conn.execute("SELECT pass_wrap FROM vault").fetchone()[0])
    wrap[30] ^= 0x01
    conn.execute("UPDATE vault SET pass_wrap = ?", (bytes(wrap),))
    conn.commit()
    conn.close()
    with pytest.raises(WrongPassphrase):
        Journal.open(journal.path, passphrase)
