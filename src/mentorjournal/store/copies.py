"""Another copy of a journal (a snapshot from a sync folder, a sync tool's conflicted copy, a
backup), read for merging: its bytes are read once into memory and everything after that —
the checks, an upgrade of an older copy to this version's schema, its reads — happens on the
copy in memory. Its file is opened only for reading and never written, moved or re-moded.

Refused with a sentence, before any key is asked for: a file that is no journal, one cut short
or damaged, one holding schema objects this version never makes, one written by a newer version.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.pool import StaticPool

from mentorjournal.errors import (
    AlteredLayout,
    JournalError,
    JournalMissing,
    JournalTooNew,
    NotAJournal,
    StorageError,
    TamperedData,
)
from mentorjournal.store import migrations
from mentorjournal.store.db import (
    SQLITE_HEADER,
    Database,
    _on_begin,
    _on_connect,
    check_journal_file,
    check_layout,
)

DAMAGED = "{name} is damaged (perhaps cut off while it was copied or synced), so it cannot be read."
NOT_JOURNAL = "{name} is not a MentorJournal journal."
ALTERED = (
    "{name} holds something MentorJournal never puts there, so it was altered; nothing was "
    "merged from it."
)
TOO_NEW = (
    "{name} was written by a newer version of MentorJournal; update MentorJournal on this "
    "computer to merge it."
)


def read_bytes(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (opened for reading only)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise StorageError(f"{path} cannot be read: {exc.strerror}.") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAJournal(NOT_JOURNAL.format(name=path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise StorageError(f"{path} cannot be read: {exc.strerror}.") from None
    finally:
        os.close(fd)


def _whole(data: bytes) -> bool:
    """The bytes hold whole pages, as many as the header says (when it says)."""
    if len(data) < 100 or not data.startswith(SQLITE_HEADER):
        return False
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1) or len(data) % page_size:
        return False
    pages = int.from_bytes(data[28:32], "big")
    counted = data[24:28] == data[92:96]
    return not counted or len(data) >= pages * page_size


class CopyDatabase(Database):
    """A journal's copy held in memory: the ``Database`` interface over it, its file untouched."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self._guard = threading.Lock()
        self._active = 0
        self._disposed = False
        self._stale = False
        self._header_fd = None
        self._memory = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            self._memory.deserialize(data)
        except sqlite3.Error:
            self._memory.close()
            raise NotAJournal(DAMAGED.format(name=path)) from None
        memory = self._memory
        self.engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self.seen_counter = b""

    def change_counter(self) -> bytes:
        return b""

    def backup_to(self, target: Path) -> None:
        raise StorageError("A copy being merged is not backed up.")

    def dispose(self) -> None:
        super().dispose()
        self._memory.close()


def open_copy(path: Path, data: bytes | None = None) -> CopyDatabase:
    """The journal file at ``path`` (or its bytes ``data``, read already) read into memory,
    checked, and brought to this version's schema there. NotAJournal, JournalTooNew (or
    StorageError) with a sentence otherwise."""
    path = Path(path)
    if data is None:
        try:
            check_journal_file(path)
        except NotAJournal:
            raise NotAJournal(NOT_JOURNAL.format(name=path)) from None
        except JournalMissing:
            raise JournalMissing(f"There is no file at {path}, so nothing was merged.") from None
        data = read_bytes(path)
    if not _whole(data):
        raise NotAJournal(DAMAGED.format(name=path))
    db = CopyDatabase(path, data)
    try:
        _check_and_upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return db


def _check_and_upgrade(db: CopyDatabase) -> None:
    name = db.path
    try:
        version = _inspect(db)
        if isinstance(version, int) and version < migrations.LATEST:
            with db.write() as conn:  # in memory: the file is as it was
                migrations.migrate(conn)
    except AlteredLayout:
        raise TamperedData(ALTERED.format(name=name)) from None
    except JournalError:  # SQLite could not read it
        raise NotAJournal(DAMAGED.format(name=name)) from None
    if version == "no journal":
        raise NotAJournal(NOT_JOURNAL.format(name=name))
    if version == "too new":
        raise JournalTooNew(TOO_NEW.format(name=name))
    if version == "damaged":
        raise NotAJournal(DAMAGED.format(name=name))


def _inspect(db: CopyDatabase) -> int | str:
    """The copy's schema version, or what is wrong with it in a word."""
    with db.read() as conn:
        tables = {
            row[0]
            for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not {"schema_version", "vault"} <= tables:
            return "no journal"
        version = migrations.current_version(conn)
        if version < 1:
            return "no journal"
        if version > migrations.LATEST:
            return "too new"
        check_layout(conn, version)
        if conn.exec_driver_sql("PRAGMA quick_check").scalar() != "ok":
            return "damaged"
    return version
