"""The newest change counter of each journal seen on this computer, kept outside the journal, so
that a whole file put back to an older copy (its own ledger is consistent) is noticed.

One small file per journal (and home folder) in ``platformdirs.user_state_dir("mentorjournal")/
seen``. Its name is a keyed hash (HMAC-SHA256 under a key derived from the journal's data key, of
a tag of the home folder), so it tells nobody which journal it belongs to, or anything about
it; its content is the counter and a MAC under another derived key, so an edited file is
ignored. Nothing here is ever fatal: a state folder
that cannot be written only means nothing is remembered.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from pathlib import Path

from mentorjournal.store import atomic
from mentorjournal.store.fields import FieldCipher
from mentorjournal.store.identity import home_tag


def folder() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("mentorjournal")) / "seen"


def _names(cipher: FieldCipher) -> list[Path]:
    """This home folder's file (each home folder its own: two copies of one journal kept by
    two people, or two simulated computers, on one computer), then the one kept for every
    home folder before (read only)."""
    key = cipher.subkey(b"seen name")
    names = [hmac.new(key, b"journal|" + home_tag().encode(), hashlib.sha256).hexdigest()]
    names.append(hmac.new(key, b"journal", hashlib.sha256).hexdigest())
    return [folder() / name[:40] for name in names]


def _place(cipher: FieldCipher) -> tuple[Path, bytes]:
    return _names(cipher)[0], cipher.subkey(b"seen mac")


def _mac(key: bytes, counter: int) -> str:
    return hmac.new(key, str(counter).encode(), hashlib.sha256).hexdigest()


def recall(cipher: FieldCipher) -> int:
    """The newest counter remembered for this journal; 0 when none (or the file was edited)."""
    key = cipher.subkey(b"seen mac")
    for path in _names(cipher):
        try:
            counter_text, mac = path.read_text(encoding="ascii").split()
            counter = int(counter_text)
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        return counter if hmac.compare_digest(mac, _mac(key, counter)) else 0
    return 0


def remember(cipher: FieldCipher, counter: int) -> None:
    """Keep ``counter`` if it is newer than the one remembered."""
    if counter <= recall(cipher):
        return
    path, key = _place(cipher)
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
        atomic.write_bytes(path, f"{counter} {_mac(key, counter)}\n".encode("ascii"))
