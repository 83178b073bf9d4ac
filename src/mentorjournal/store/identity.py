"""Which journal a file holds, and which computer this is.

A journal's id names it in the sync folder (``<journal id>.<computer id>.mjsnap``) and tells a
copy of this journal from another journal. It is worked out from the moment the journal was
made, as its key record (the vault) keeps it: every copy of a journal — a backup, a snapshot, a
conflicted copy made by a sync tool, a journal whose passphrase or data key changed since — has
the same one, journals made before this version included, and no schema change was needed. It
is plaintext (like the vault's own times): it says nothing of what is written.

The computer's id is random, made once and kept outside every journal in the user's state
folder (``platformdirs.user_state_dir``, beside the remembered change counters of
``store.seen``), so that each computer writes only its own snapshot.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sqlite3
from pathlib import Path

from mentorjournal.store import atomic

ID_LABEL = b"mentorjournal journal id|"
JOURNAL_ID_CHARS = 24
COMPUTER_ID_CHARS = 16
ID_PATTERN = re.compile(r"[0-9a-f]{16,64}")


def journal_id_of(created_at: str) -> str:
    """The id of the journal whose key record was made at ``created_at``."""
    digest = hashlib.sha256(ID_LABEL + created_at.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:JOURNAL_ID_CHARS]


def peek_journal_id(path: Path) -> str | None:
    """The journal id of the file at ``path``, read without its key and without writing
    anything (SQLite opens it read-only); None when it is no journal or cannot be read."""
    try:
        if not path.is_file():
            return None
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"  # no lock, no journal read
        conn = sqlite3.connect(uri, uri=True, timeout=0.5)
        try:
            row = conn.execute("SELECT created_at FROM vault WHERE id = 1").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    if row is None or not isinstance(row[0], str):
        return None
    return journal_id_of(row[0])


def state_folder() -> Path:
    from platformdirs import user_state_dir

    return Path(user_state_dir("mentorjournal"))


def home_tag() -> str:
    """A short tag of the home folder: what this computer keeps is kept per home folder."""
    return hashlib.sha256(str(Path.home()).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def known_computer_id() -> str | None:
    """This computer's id if it was made already (nothing is written)."""
    return _read_id(_id_path())


def _id_path() -> Path:
    return state_folder() / f"computer-id.{home_tag()}"


def computer_id() -> str:
    """This computer's id: made at random the first time it is needed and kept in the state
    folder, one per home folder (two people on one computer, or a state folder shared by two
    home folders, never share one). If the folder cannot be written, an id for this run only
    (its snapshot is then written again under a new name next time, which loses nothing)."""
    path = _id_path()
    found = _read_id(path)
    if found is not None:
        return found
    fresh = secrets.token_hex(COMPUTER_ID_CHARS // 2)
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        made = path.with_name(f"{path.name}.{fresh}")
        atomic.write_bytes(made, (fresh + "\n").encode())
        try:  # a link never replaces: two processes starting at once agree on the first one
            os.link(made, path)
        except FileExistsError:
            pass
        finally:
            made.unlink(missing_ok=True)
        return _read_id(path) or fresh
    return fresh


def _read_id(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if ID_PATTERN.fullmatch(text) else None
