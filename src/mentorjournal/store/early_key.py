"""Begin the slow key derivation while the rest of the program is still loading.

The command line knows the passphrase (from the environment, or typed) before it has imported
SQLAlchemy and SQLModel, which takes about a third of a second. Here the journal's key-derivation
parameters and passphrase salt are read with the standard library's ``sqlite3``, read-only, and
the key is derived in a thread meanwhile (``crypto.begin_derive_key``). Nothing else is read and
nothing is written. Anything unexpected (no file, not a journal, a busy or damaged file) means
only that nothing starts early: opening the journal the normal way then says what is wrong.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentorjournal.store import crypto


def begin(path: Path, passphrase: str) -> bool:
    """Start deriving the key of the journal at ``path``; whether it could be started."""
    try:
        if not path.is_file():
            return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
        try:
            row = conn.execute("SELECT kdf, pass_salt FROM vault WHERE id = 1").fetchone()
        finally:
            conn.close()
        params = crypto.KdfParams.from_json(row[0])
        salt = bytes(row[1])
    except (sqlite3.Error, OSError, ValueError, KeyError, TypeError, IndexError, OverflowError):
        return False
    return len(salt) == crypto.SALT_BYTES and crypto.begin_derive_key(passphrase, salt, params)
