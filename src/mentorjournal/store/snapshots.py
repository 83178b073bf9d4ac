"""Snapshots in a sync folder: each computer's encrypted copy of one journal.

A snapshot is the journal file itself as one consistent state (``db.consistent_copy``: SQLite's
online backup), still encrypted, named ``<journal id>.<computer id>.mjsnap``. Each computer
writes only the one with its own id, replacing it atomically (``store.atomic``: a new temporary
file renamed over it), so a sync tool never sees a half-written file and never gets two
computers' changes to one file (no sync conflict). Other computers' snapshots are only read.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path

from mentorjournal.errors import StorageError
from mentorjournal.store import atomic
from mentorjournal.store.db import consistent_copy

SUFFIX = ".mjsnap"
_NAME = re.compile(r"([0-9a-f]{16,64})\.([0-9a-f]{16,64})" + re.escape(SUFFIX))


def name(journal_id: str, computer_id: str) -> str:
    return f"{journal_id}.{computer_id}{SUFFIX}"


def parse(file_name: str) -> tuple[str, str] | None:
    """(journal id, computer id) of a snapshot's file name, or None for any other name."""
    found = _NAME.fullmatch(file_name)
    return (found.group(1), found.group(2)) if found else None


def fingerprint(path: Path) -> str:
    """What changes whenever the file is replaced (size and time of the change, to the
    nanosecond); "" when it cannot be read."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"


def others(folder: Path, journal_id: str, computer_id: str) -> list[Path]:
    """The snapshots of ``journal_id`` written by other computers, by name; links and anything
    but a regular file are left alone."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        parsed = parse(entry.name)
        if parsed is None or parsed[0] != journal_id or parsed[1] == computer_id:
            continue
        try:
            if stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                found.append(Path(entry.path))
        except OSError:
            continue
    return sorted(found)


def write(journal_path: Path, folder: Path, journal_id: str, computer_id: str) -> Path:
    """This computer's snapshot of the journal at ``journal_path``, replaced atomically in
    ``folder``; StorageError with a sentence when it cannot be written."""
    target = folder / name(journal_id, computer_id)
    if not folder.is_dir():
        raise StorageError(
            f"The sync folder {folder} is not there (is the drive or the sync tool's folder "
            "missing?), so no snapshot was written."
        )
    try:
        atomic.write_bytes(target, consistent_copy(journal_path))
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StorageError(
            f"The snapshot could not be written to the sync folder {folder}: {reason}."
        ) from None
    return target
