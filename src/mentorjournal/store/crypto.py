"""Key derivation and key wrapping.

A random 256-bit data key encrypts every field with AES-256-GCM (``store.fields``). The data
key is kept twice, wrapped: once by a key derived with Argon2id from the passphrase, once by a
random recovery key. Nothing here stores anything; ``store.vault`` keeps the wrapped keys in
the database.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
import unicodedata
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from mentorjournal.errors import TamperedData, WrongPassphrase, WrongRecoveryKey
from mentorjournal.store.fields import FieldCipher

__all__ = ["FieldCipher"]  # kept here too: it was here before schema 5

BLOB_VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32
SALT_BYTES = 16
RECOVERY_BYTES = 20  # 160 random bits, shown as 8 groups of 4 base32 characters
CIPHER_NAME = "AES-256-GCM"


# What a journal's stored KDF parameters may be. The floor is this version's default memory and
# iterations (any lanes): a file naming less was altered (the wrap binds its parameters, so
# nobody without the key can make a weaker wrap that opens). The caps (4× the default memory,
# at most 10 iterations: at worst ≈ 13× the default's time) keep a damaged or hostile file
# from making the unlock take minutes or exhaust memory; 1 GiB or t=64 is refused.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MAX_MEMORY_KIB = 256 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 16

BELOW_FLOOR = (
    "The journal's key-derivation settings are weaker than MentorJournal ever writes, so the "
    "file has been altered; it was not opened and nothing was changed."
)
ABOVE_CAPS = (
    "The journal's key-derivation settings ask for more memory or time than MentorJournal ever "
    "uses, so the file is damaged or has been altered; it was not opened and nothing was changed."
)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters. The default is what every real journal uses."""

    name: str = "argon2id"
    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    def problem(self) -> str | None:
        """Why a journal naming these parameters must not be opened (a sentence), or None.
        Checked before anything is derived."""
        if self.name != "argon2id":
            return "The journal names a key-derivation method this version does not know."
        if (
            self.memory_kib > MAX_MEMORY_KIB
            or self.iterations > MAX_ITERATIONS
            or self.lanes > MAX_LANES
        ):
            return ABOVE_CAPS
        valid = self.lanes >= 1 and 8 * self.lanes <= self.memory_kib and self.iterations >= 1
        at_floor = self.memory_kib >= MIN_MEMORY_KIB and self.iterations >= MIN_ITERATIONS
        if not valid or not (at_floor or self in _TEST_PERMITTED):
            return BELOW_FLOOR
        return None

    @classmethod
    def from_json(cls, text: str) -> KdfParams:
        data = json.loads(text)
        return cls(
            name=str(data["name"]),
            memory_kib=int(data["memory_kib"]),
            iterations=int(data["iterations"]),
            lanes=int(data["lanes"]),
        )


DEFAULT_KDF = KdfParams()
# Only for tests and benchmarks of everything but the KDF; never used unless asked for. It is
# below the floor, so a process opens journals made with it only after ``permit_test_kdf``.
FAST_KDF_FOR_TESTS = KdfParams(memory_kib=64, iterations=1, lanes=1)
_TEST_PERMITTED: set[KdfParams] = set()


def permit_test_kdf(params: KdfParams) -> None:
    """Let this process make and open journals with ``params`` although they are below the
    floor: for tests and benchmarks only, asked for explicitly in code (never read from a file,
    the environment or the command line)."""
    _TEST_PERMITTED.add(params)


def check_kdf(params: KdfParams) -> None:
    """Refuse (TamperedData, a sentence) parameters no journal of this version has."""
    problem = params.problem()
    if problem is not None:
        raise TamperedData(problem)


def rewrap_kdf(explicit: KdfParams | None = None) -> KdfParams:
    """The parameters of a new passphrase wrap: this version's default, never what the file
    says (a file altered to name weak parameters must not make the new wrap weak). ``explicit``
    (tests: the fast KDF) must itself pass ``check_kdf``."""
    params = explicit or DEFAULT_KDF
    check_kdf(params)
    return params


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on any keyboard gives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


class _EarlyKey:
    """A key derivation started before it is asked for (``begin_derive_key``)."""

    def __init__(self, passphrase: str, salt: bytes, params: KdfParams) -> None:
        self.inputs = (normalise_passphrase(passphrase), salt, params)
        self.key: bytes | None = None
        self.thread = threading.Thread(
            target=self._run, args=(passphrase, salt, params), daemon=True
        )
        self.thread.start()

    def _run(self, passphrase: str, salt: bytes, params: KdfParams) -> None:
        with contextlib.suppress(Exception):  # the derivation asked for later reports it
            self.key = _derive(passphrase, salt, params)

    def matches(self, passphrase: str, salt: bytes, params: KdfParams) -> bool:
        words, early_salt, early_params = self.inputs
        return (
            hmac.compare_digest(words, normalise_passphrase(passphrase))
            and early_salt == salt
            and early_params == params
        )


_early: list[_EarlyKey] = []


def begin_derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bool:
    """Start deriving this key in a thread (Argon2id does not hold the GIL), so that the program
    can go on loading; the next ``derive_key`` with the same inputs takes the result, once.
    False (nothing started) for parameters no journal has."""
    if params.problem() is not None:
        return False
    _early[:] = [_EarlyKey(passphrase, salt, params)]
    return True


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key from a passphrase (slow on purpose: Argon2id)."""
    if _early:
        early = _early.pop()
        if early.matches(passphrase, salt, params):
            early.thread.join()
            if early.key is not None:
                return early.key
    return _derive(passphrase, salt, params)


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    check_kdf(params)  # never derive with parameters no journal has (e.g. 1 GiB, t=64)
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


# --- recovery key -----------------------------------------------------------------------------


def new_recovery_key() -> str:
    """A random recovery key for a person to write down, e.g. ``ABCD-EFGH-…`` (8 groups)."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_key_bytes(recovery_key: str) -> bytes:
    """Decode a typed recovery key; spaces, dashes and case do not matter."""
    cleaned = "".join(ch for ch in recovery_key.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except (ValueError, TypeError) as exc:
        raise WrongRecoveryKey() from exc
    if len(raw) != RECOVERY_BYTES:
        raise WrongRecoveryKey()
    return raw


def recovery_wrapping_key(recovery_key: str, salt: bytes) -> bytes:
    """The recovery key already has 160 random bits: HMAC-SHA256 with the salt is enough."""
    return hmac.new(salt, recovery_key_bytes(recovery_key), hashlib.sha256).digest()


# --- wrapping the data key ------------------------------------------------------------------


def wrap_key(kek: bytes, data_key: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return bytes([BLOB_VERSION]) + nonce + AESGCM(kek).encrypt(nonce, data_key, associated)


def unwrap_key(kek: bytes, blob: bytes, associated: bytes) -> bytes | None:
    """The data key, or None when this key-encryption key does not open the wrap."""
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[0] != BLOB_VERSION:
        return None
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(kek).decrypt(nonce, body, associated)
    except InvalidTag:
        return None


def passphrase_wrap_ad(params: KdfParams, salt: bytes) -> bytes:
    return b"mj1|wrap|passphrase|" + params.to_json().encode() + b"|" + salt.hex().encode()


def recovery_wrap_ad(salt: bytes) -> bytes:
    return b"mj1|wrap|recovery|" + salt.hex().encode()


def wrap_with_passphrase(
    passphrase: str, data_key: bytes, params: KdfParams
) -> tuple[bytes, bytes]:
    """(salt, wrapped) for a data key under a passphrase."""
    salt = new_salt()
    kek = derive_key(passphrase, salt, params)
    return salt, wrap_key(kek, data_key, passphrase_wrap_ad(params, salt))


def unwrap_with_passphrase(
    passphrase: str, salt: bytes, wrapped: bytes, params: KdfParams
) -> bytes:
    kek = derive_key(passphrase, salt, params)
    key = unwrap_key(kek, wrapped, passphrase_wrap_ad(params, salt))
    if key is None:
        raise WrongPassphrase()
    return key


def wrap_with_recovery(recovery_key: str, data_key: bytes) -> tuple[bytes, bytes]:
    salt = new_salt()
    kek = recovery_wrapping_key(recovery_key, salt)
    return salt, wrap_key(kek, data_key, recovery_wrap_ad(salt))


def unwrap_with_recovery(recovery_key: str, salt: bytes, wrapped: bytes) -> bytes:
    kek = recovery_wrapping_key(recovery_key, salt)
    key = unwrap_key(kek, wrapped, recovery_wrap_ad(salt))
    if key is None:
        raise WrongRecoveryKey()
    return key
