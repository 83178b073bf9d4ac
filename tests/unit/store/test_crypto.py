"""Key derivation, key wrapping, the field cipher, and what they mean for a journal:
wrong passphrases, Unicode passphrases, recovery and passphrase changes."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.errors import (
    JournalLocked,
    TamperedData,
    WrongPassphrase,
    WrongRecoveryKey,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.store import crypto
from mentorjournal.store.crypto import (
    DEFAULT_KDF,
    FAST_KDF_FOR_TESTS,
    FieldCipher,
    KdfParams,
)
from mentorjournal.store.fields import row_binding

RECOVERY_RE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")
TAMPERED_SENTENCE = (
    "Part of the journal file is damaged or has been altered, so it cannot be read; "
    "nothing was changed."
)

# --- parameters -------------------------------------------------------------------------------


def test_default_kdf_is_the_designed_argon2id() -> None:
    assert KdfParams(name="argon2id", memory_kib=65536, iterations=3, lanes=4) == DEFAULT_KDF
    assert FAST_KDF_FOR_TESTS != DEFAULT_KDF


def test_kdf_params_json_round_trip() -> None:
    params = KdfParams(memory_kib=1024, iterations=2, lanes=2)
    assert params.to_json() == (
        '{"iterations": 2, "lanes": 2, "memory_kib": 1024, "name": "argon2id"}'
    )
    assert KdfParams.from_json(params.to_json()) == params


def test_passphrase_is_nfc_normalised() -> None:
    composed = "caf\u00e9"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert crypto.normalise_passphrase(decomposed) == "café".encode()
    assert crypto.normalise_passphrase(composed) == b"caf\xc3\xa9"


def test_derive_key_depends_on_passphrase_salt_and_parameters(monkeypatch) -> None:
    more = KdfParams(memory_kib=128, iterations=1, lanes=1)
    monkeypatch.setattr(crypto, "_TEST_PERMITTED", {FAST_KDF_FOR_TESTS, more})  # both explicit
    salt = bytes(range(16))
    key = crypto.derive_key("one two three", salt, FAST_KDF_FOR_TESTS)
    assert len(key) == 32
    assert crypto.derive_key("one two three", salt, FAST_KDF_FOR_TESTS) == key
    assert crypto.derive_key("one two thref", salt, FAST_KDF_FOR_TESTS) != key
    assert crypto.derive_key("one two three", bytes(16), FAST_KDF_FOR_TESTS) != key
    assert crypto.derive_key("one two three", salt, more) != key


def test_unknown_kdf_name_is_refused() -> None:
    with pytest.raises(TamperedData, match="key-derivation method"):
        crypto.derive_key("x", bytes(16), KdfParams(name="scrypt"))


# --- recovery keys ----------------------------------------------------------------------------


def test_recovery_key_format_and_randomness() -> None:
    keys = {crypto.new_recovery_key() for _ in range(20)}
    assert len(keys) == 20
    for key in keys:
        assert RECOVERY_RE.match(key), key
        assert len(crypto.recovery_key_bytes(key)) == 20


def test_recovery_key_forgives_case_dashes_spaces_and_look_alikes() -> None:
    key = "OIBA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAQ"
    raw = crypto.recovery_key_bytes(key)
    assert raw[:2] == bytes([0x72, 0x02])
    assert crypto.recovery_key_bytes(key.lower()) == raw
    assert crypto.recovery_key_bytes(key.replace("-", "")) == raw
    assert crypto.recovery_key_bytes(key.replace("-", " ")) == raw
    assert crypto.recovery_key_bytes("01" + "8" + key[3:]) == raw


@pytest.mark.parametrize(
    "typed",
    ["", "AAAA", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "AAAA-" * 8 + "AAAA", "éééé-" * 8],
)
def test_malformed_recovery_key_is_wrong_recovery_key(typed: str) -> None:
    with pytest.raises(WrongRecoveryKey):
        crypto.recovery_key_bytes(typed)


# --- wrapping ---------------------------------------------------------------------------------


def test_wrap_round_trip_and_binding() -> None:
    kek, data_key = bytes(32), crypto.new_data_key()
    blob = crypto.wrap_key(kek, data_key, b"ad")
    assert blob[0] == 1
    assert len(blob) == 1 + 12 + 32 + 16
    assert crypto.unwrap_key(kek, blob, b"ad") == data_key
    assert crypto.unwrap_key(kek, blob, b"other") is None
    assert crypto.unwrap_key(bytes([1]) + bytes(31), blob, b"ad") is None
    assert crypto.unwrap_key(kek, blob[:20], b"ad") is None
    assert crypto.unwrap_key(kek, bytes([2]) + blob[1:], b"ad") is None


def test_passphrase_wrap_binds_kdf_parameters_and_salt() -> None:
    salt = bytes(16)
    a = crypto.passphrase_wrap_ad(FAST_KDF_FOR_TESTS, salt)
    assert a == (
        b'mj1|wrap|passphrase|{"iterations": 1, "lanes": 1, "memory_kib": 64, "name": "argon2id"}|'
        + b"0" * 32
    )
    kek, data_key = bytes(32), crypto.new_data_key()
    blob = crypto.wrap_key(kek, data_key, a)
    downgraded = crypto.passphrase_wrap_ad(KdfParams(memory_kib=64, iterations=1, lanes=2), salt)
    assert crypto.unwrap_key(kek, blob, downgraded) is None
    assert crypto.unwrap_key(kek, blob, crypto.passphrase_wrap_ad(FAST_KDF_FOR_TESTS, b"x")) is None


def test_unwrap_with_passphrase_and_recovery() -> None:
    data_key = crypto.new_data_key()
    salt, wrapped = crypto.wrap_with_passphrase("right words", data_key, FAST_KDF_FOR_TESTS)
    assert len(salt) == 16
    assert crypto.unwrap_with_passphrase("right words", salt, wrapped, FAST_KDF_FOR_TESTS) == (
        data_key
    )
    with pytest.raises(WrongPassphrase):
        crypto.unwrap_with_passphrase("wrong words", salt, wrapped, FAST_KDF_FOR_TESTS)
    recovery_key = crypto.new_recovery_key()
    rsalt, rwrapped = crypto.wrap_with_recovery(recovery_key, data_key)
    assert crypto.unwrap_with_recovery(recovery_key.lower(), rsalt, rwrapped) == data_key
    with pytest.raises(WrongRecoveryKey):
        crypto.unwrap_with_recovery(crypto.new_recovery_key(), rsalt, rwrapped)


# --- the field cipher -------------------------------------------------------------------------


ROW = row_binding(["id-1", 1, "2026-01-01T00:00:00+00:00", None])


def test_field_cipher_blob_layout_and_fresh_nonces() -> None:
    cipher = FieldCipher(crypto.new_data_key())
    one = cipher.encrypt(b'"hello"', "reflection", "feelings", ROW)
    two = cipher.encrypt(b'"hello"', "reflection", "feelings", ROW)
    assert one[0] == 2
    assert len(one) == 1 + 12 + 64 + 16  # padded to 64 bytes
    assert one[1:13] != two[1:13]
    assert one != two
    assert b"hello" not in one
    opened = cipher.decrypt_values("reflection", ROW, ["feelings"], [one])
    assert opened == [b'"hello"']
    assert row_binding(["a|b", 7, None]) == b"3:a|b|1:7|-"


@pytest.mark.parametrize(
    "place",
    [
        ("meeting", "feelings", ROW),
        ("reflection", "analysis", ROW),
        ("reflection", "feelings", row_binding(["id-2", 1, "2026-01-01T00:00:00+00:00", None])),
        ("reflection", "feelings", row_binding(["id-1", 2, "2026-01-01T00:00:00+00:00", None])),
        ("reflection", "feelings", row_binding(["id-1", 1, "2026-01-01T00:00:00+00:00", "m"])),
        ("reflection", "feelings", row_binding(["id-1", 1, "2026-01-02T00:00:00+00:00", None])),
    ],
    ids=["table", "column", "row", "row version", "link", "time"],
)
def test_field_cipher_refuses_another_place(place: tuple[str, str, bytes]) -> None:
    cipher = FieldCipher(crypto.new_data_key())
    blob = cipher.encrypt(b'"hello"', "reflection", "feelings", ROW)
    table, column, binding = place
    with pytest.raises(TamperedData) as err:
        cipher.decrypt_values(table, binding, [column], [blob])
    assert str(err.value) == TAMPERED_SENTENCE


@pytest.mark.parametrize("damage", ["flip", "truncate", "version", "empty", "text"])
def test_field_cipher_refuses_damaged_blob(damage: str) -> None:
    cipher = FieldCipher(crypto.new_data_key())
    blob: object = bytearray(cipher.encrypt(b'"hello world"', "action", "title", ROW))
    assert isinstance(blob, bytearray)
    if damage == "flip":
        blob[15] ^= 0x01
    elif damage == "truncate":
        del blob[20:]
    elif damage == "version":
        blob[0] = 1  # a value as schema 4 stored it is no longer read as one of today's
    elif damage == "empty":
        blob = bytearray()
    else:
        blob = "text, not bytes"
    with pytest.raises(TamperedData):
        cipher.decrypt_values("action", ROW, ["title"], [bytes(blob) if damage != "text" else blob])


def test_forgotten_cipher_cannot_be_used() -> None:
    cipher = FieldCipher(crypto.new_data_key())
    cipher.forget()
    with pytest.raises(RuntimeError, match="locked"):
        cipher.encrypt(b"x", "a", "b", ROW)
    with pytest.raises(RuntimeError, match="locked"):
        cipher.data_key()
    with pytest.raises(RuntimeError, match="locked"):
        cipher.digest("a", ROW)


# --- passphrases and recovery on a journal ---------------------------------------------------


def test_wrong_passphrase_is_refused_with_its_sentence(journal: Journal, passphrase: str) -> None:
    journal.save(Relationship(title="x"))
    journal.close()
    with pytest.raises(WrongPassphrase) as err:
        Journal.open(journal.path, passphrase + " ")
    assert str(err.value) == "That passphrase does not open this journal."
    with pytest.raises(WrongPassphrase):
        Journal.open(journal.path, "")


def test_composed_and_decomposed_passphrase_both_open(tmp_path: Path) -> None:
    composed = "caf\u00e9 au lait"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed.encode() != decomposed.encode()
    j, _ = Journal.create(tmp_path / "c.db", decomposed, kdf=FAST_KDF_FOR_TESTS)
    rel = j.save(Relationship(title="Café"))
    j.close()
    for typed in (composed, decomposed):
        opened = Journal.open(tmp_path / "c.db", typed)
        assert opened.get(Relationship, rel.id).title == "Café"
        opened.close()


@pytest.mark.parametrize("form", ["as shown", "lowercase", "no dashes", "lowercase spaced"])
def test_recovery_sets_a_new_passphrase(tmp_path: Path, passphrase: str, form: str) -> None:
    path = tmp_path / "r.db"
    j, recovery_key = Journal.create(path, passphrase, kdf=FAST_KDF_FOR_TESTS)
    rel = j.save(Relationship(title="Kept"))
    j.close()
    typed = {
        "as shown": recovery_key,
        "lowercase": recovery_key.lower(),
        "no dashes": recovery_key.replace("-", ""),
        "lowercase spaced": recovery_key.lower().replace("-", " "),
    }[form]
    recovered = Journal.recover(path, typed, "brand new words")
    assert recovered.get(Relationship, rel.id).title == "Kept"
    recovered.close()
    with pytest.raises(WrongPassphrase):
        Journal.open(path, passphrase)
    reopened = Journal.open(path, "brand new words")
    assert [r.title for r in reopened.relationships()] == ["Kept"]
    reopened.close()


def test_wrong_recovery_key_is_refused(journal: Journal, passphrase: str) -> None:
    journal.close()
    before = journal.path.read_bytes()
    with pytest.raises(WrongRecoveryKey) as err:
        Journal.recover(journal.path, crypto.new_recovery_key(), "brand new words")
    assert str(err.value) == "That recovery key does not open this journal."
    with pytest.raises(WrongRecoveryKey):
        Journal.recover(journal.path, "not a key at all", "brand new words")
    assert journal.path.read_bytes() == before
    Journal.open(journal.path, passphrase).close()


def test_lock_drops_the_key_and_unlock_needs_the_passphrase(
    journal: Journal, passphrase: str
) -> None:
    rel = journal.save(Relationship(title="Locked away"))
    journal.lock()
    assert journal.is_locked
    with pytest.raises(JournalLocked):
        journal.all(Relationship)
    with pytest.raises(JournalLocked):
        journal.save(Relationship(title="y"))
    with pytest.raises(WrongPassphrase):
        journal.unlock("nope")
    assert journal.is_locked
    journal.unlock(passphrase)
    assert journal.get(Relationship, rel.id).title == "Locked away"


def _snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every column of every entry table, ordered by id."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
                " AND name NOT IN ('vault', 'schema_version') ORDER BY name"
            )
        ]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}
    finally:
        conn.close()


def _vault(path: Path) -> tuple[object, ...]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT pass_salt, pass_wrap, recovery_wrap FROM vault").fetchone()
    finally:
        conn.close()


def test_change_passphrase_rewraps_the_key_only(journal: Journal, make_sample) -> None:
    make_sample(journal)
    before, vault_before = _snapshot(journal.path), _vault(journal.path)
    assert sum(len(rows) for rows in before.values()) == 18
    journal.change_passphrase("a different passphrase")
    after, vault_after = _snapshot(journal.path), _vault(journal.path)
    assert after == before
    assert vault_after[0] != vault_before[0]
    assert vault_after[1] != vault_before[1]
    assert vault_after[2] == vault_before[2]
    journal.close()
    with pytest.raises(WrongPassphrase):
        Journal.open(journal.path, "pass phrase words")
    Journal.open(journal.path, "a different passphrase").close()
