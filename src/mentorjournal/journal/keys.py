"""Changing a journal's keys: a new passphrase (the data key re-wrapped: no row is touched),
and a new data key (``rekey``: every value re-encrypted in one transaction, with a new
recovery key). A mixin of ``Journal``, using its lock, its key and file.
"""

from __future__ import annotations

import hmac
import threading
from typing import TYPE_CHECKING

from mentorjournal.errors import WrongPassphrase
from mentorjournal.journal import integrity
from mentorjournal.store import crypto, vault

if TYPE_CHECKING:
    from mentorjournal.store.crypto import KdfParams
    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher


class KeyChanges:
    """The passphrase and the data key of an open, unlocked journal."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database
        _cipher: FieldCipher | None
        _kdf: KdfParams

        def _need_cipher(self) -> FieldCipher: ...
        def _forget(self) -> None: ...

    def rekey(self, passphrase: str, *, kdf: KdfParams | None = None) -> str:
        """A new data key; every value re-encrypted in one transaction; the key wrapped under
        ``passphrase`` (checked first: it must be this journal's) and a new recovery key,
        returned to be shown once. Backups made before keep opening with what opened them."""
        if not self.verify_passphrase(passphrase):
            raise WrongPassphrase()
        params = crypto.rewrap_kdf(kdf)
        with self._mutex:
            old = self._need_cipher()
            new, recovery_key = integrity.rekey(self._db, old, passphrase, params)
            self._cipher = new
            self._kdf = params
            old.forget()
            self._forget()
        return recovery_key

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Re-wraps the data key only: not one row of the journal is rewritten. The new wrap
        uses this version's default KDF (``kdf``: an explicit test-only choice), never the
        parameters read from the file."""
        data_key = self._need_cipher().data_key()
        params = crypto.rewrap_kdf(kdf)
        with self._db.write() as conn:
            vault.rewrap_passphrase(conn, data_key, new_passphrase, params)
        self._kdf = params

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` unlocks this journal's key, derived with the vault's own KDF
        (as stored, not this session's); changes nothing."""
        with self._db.read() as conn:
            record = vault.read(conn)
        try:
            key = crypto.unwrap_with_passphrase(
                passphrase, record.pass_salt, record.pass_wrap, record.kdf
            )
        except WrongPassphrase:
            return False
        return hmac.compare_digest(key, self._need_cipher().data_key())
