"""The per-field cipher: every value of every row, padded, sealed with AES-256-GCM and bound to
its place — table, column, and the row as it stands (id, row version, times and links).

A value is JSON; before encryption it is padded with spaces (JSON ignores them) to the next
power of two of at least ``MIN_PADDED`` bytes, so that every choice, date, time, number and
yes/no has one stored length per field, and a text shows only its size bucket.

The associated data of a value is ``mj5|table|column|`` followed by the row's binding (see
``row_binding``): a value moved to another row or column, a row re-linked to another
relationship, meeting or action, or one column put back to an older copy no longer opens.
Journals before schema 5 bound only the row id (``mj1``); ``decrypt_legacy`` reads those once,
for the upgrade.

The cipher also gives the keyed digest of a row (for the ledger of rows, ``store.ledger``) and
seals small records (the ledger itself), all under keys derived from the one data key.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mentorjournal.errors import ReadOnlyJournal, TamperedData

NONCE_BYTES = 12
TAG_BYTES = 16
LEGACY_BLOB = 1  # a value as schema versions 1 to 4 stored it
FIELD_BLOB = 2  # schema 5 on: padded, bound to the row's binding
SEAL_BLOB = 3  # a sealed record (the ledger)
MIN_PADDED = 64


def padded(data: bytes) -> bytes:
    """``data`` (JSON) padded with spaces to ``MIN_PADDED`` bytes or the next power of two."""
    size = MIN_PADDED
    while size < len(data):
        size *= 2
    return data + b" " * (size - len(data))


def unpadded(data: bytes) -> bytes:
    """A JSON value never ends in a space: every trailing space is padding."""
    return data.rstrip(b" ")


def row_binding(values: Sequence[str | int | None]) -> bytes:
    """The plaintext columns of a row (id, row version, times, links, in the table's order) as
    one unambiguous byte string: each value with its length, a missing one as ``-``."""
    parts = []
    for value in values:
        if value is None:
            parts.append("-")
        else:
            text = str(value)
            parts.append(f"{len(text)}:{text}")
    return "|".join(parts).encode("utf-8", "surrogatepass")


@functools.cache
def _ad_prefix(table: str, column: str) -> bytes:
    return f"mj5|{table}|{column}|".encode()


@functools.cache
def _legacy_prefix(table: str, column: str) -> bytes:
    return f"mj1|{table}|{column}|".encode()


def _subkey(data_key: bytes, label: bytes) -> bytes:
    return hmac.new(data_key, b"mj5|" + label, hashlib.sha256).digest()


class FieldCipher:
    """Encrypts and opens the values of one journal, with its data key.

    ``writable`` is False for a journal opened read-only (its file was altered): the row
    functions of ``store.records`` then refuse to write. ``counter_floor`` is the newest change
    counter this computer has seen of this journal (``store.seen``): the next write sets the
    journal's counter above it, so an older copy, once written to, is the current one."""

    def __init__(self, data_key: bytes) -> None:
        self._key: bytes | None = data_key
        self._aead: AESGCM | None = AESGCM(data_key)
        self._digest_key: bytes | None = _subkey(data_key, b"row digest")
        self.writable = True
        self.counter_floor = 0

    def data_key(self) -> bytes:
        """Only for re-wrapping the key (a new passphrase, a new data key)."""
        if self._key is None:
            raise RuntimeError("the journal is locked")
        return self._key

    def subkey(self, label: bytes) -> bytes:
        """A key for another purpose (e.g. naming this journal's state file), derived from the
        data key; it tells nothing about the data key."""
        return _subkey(self.data_key(), label)

    def check_writable(self) -> None:
        if not self.writable:
            raise ReadOnlyJournal()

    def _cipher(self) -> AESGCM:
        if self._aead is None:
            raise RuntimeError("the journal is locked")
        return self._aead

    # --- values ----------------------------------------------------------------------------

    def encrypt(self, data: bytes, table: str, column: str, binding: bytes) -> bytes:
        """One value (its JSON), padded, bound to its table, column and row."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher().encrypt(nonce, padded(data), _ad_prefix(table, column) + binding)
        return bytes([FIELD_BLOB]) + nonce + sealed

    def decrypt_values(
        self, table: str, binding: bytes, columns: Sequence[str], blobs: Sequence[bytes | None]
    ) -> list[bytes | None]:
        """Several values of one row, unpadded (a NULL stays ``None``: the caller decides);
        TamperedData for anything that does not open in exactly this place."""
        aead = self._cipher()
        return [
            None
            if blob is None
            else _open(aead, blob, FIELD_BLOB, _ad_prefix(table, column) + binding).rstrip(b" ")
            for column, blob in zip(columns, blobs, strict=True)
        ]

    def decrypt_legacy(
        self, table: str, row_id: str, columns: Sequence[str], blobs: Sequence[bytes | None]
    ) -> list[bytes | None]:
        """Values as schema versions 1 to 4 stored them (bound to table, column and row id
        only, not padded): read once, by the upgrade to version 5."""
        aead = self._cipher()
        rid = row_id.encode()
        return [
            None
            if blob is None
            else _open(aead, blob, LEGACY_BLOB, _legacy_prefix(table, column) + rid)
            for column, blob in zip(columns, blobs, strict=True)
        ]

    # --- rows and records ------------------------------------------------------------------

    def digest(self, table: str, binding: bytes) -> int:
        """A keyed 256-bit digest of one row's place and binding (for the ledger): keyed
        BLAKE2b, a pseudo-random function nobody without the key can compute."""
        if self._digest_key is None:
            raise RuntimeError("the journal is locked")
        mac = hashlib.blake2b(table.encode() + b"|" + binding, key=self._digest_key, digest_size=32)
        return int.from_bytes(mac.digest(), "big")

    def seal(self, data: bytes, label: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher().encrypt(nonce, data, f"mj5|seal|{label}".encode())
        return bytes([SEAL_BLOB]) + nonce + sealed

    def open_seal(self, blob: bytes, label: str) -> bytes:
        if (
            not isinstance(blob, bytes)
            or len(blob) < 1 + NONCE_BYTES + TAG_BYTES
            or blob[0] != SEAL_BLOB
        ):
            raise TamperedData()
        try:
            return self._cipher().decrypt(
                blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], f"mj5|seal|{label}".encode()
            )
        except InvalidTag as exc:
            raise TamperedData() from exc

    def forget(self) -> None:
        """Drop the keys (Python cannot wipe memory, but nothing keeps a reference)."""
        self._aead = None
        self._key = None
        self._digest_key = None


def _open(aead: AESGCM, blob: object, marker: int, associated: bytes) -> bytes:
    """One sealed value opened, with the mark of its format ``marker`` and its place
    ``associated``; TamperedData for anything that does not open exactly so."""
    if not isinstance(blob, bytes) or len(blob) < 1 + NONCE_BYTES + TAG_BYTES or blob[0] != marker:
        raise TamperedData()
    try:
        return aead.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], associated)
    except InvalidTag as exc:
        raise TamperedData() from exc
