"""The SQLite file: safe creation, checks before opening, pragmas, transactions, migrations.

Nothing happens at import time; an engine exists only once ``Database`` is made for a path.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import NullPool

from mentorjournal.errors import (
    AlteredLayout,
    JournalBusy,
    JournalExists,
    JournalMissing,
    JournalTooNew,
    NotAJournal,
    StorageError,
)
from mentorjournal.store import atomic, folder, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
TRUNCATED = (
    "The journal file is damaged (it is shorter than it should be, perhaps cut off while it was "
    "copied) and cannot be read; it was left as it is."
)
NO_SCHEMA_ROW = (
    "{path} is not a MentorJournal journal, or it is damaged: it has a journal's tables but no "
    "record of their version; it was left as it is."
)
FOREIGN_OBJECT = (
    "The journal file holds {what} that MentorJournal never makes, so it has been altered; it "
    "was not opened and nothing was changed."
)
FOREIGN_WHAT = {"trigger": "a trigger", "view": "a view", "index": "an index", "table": "a table"}
CHANGED_LAYOUT = (
    "The layout of the journal file's tables was changed outside MentorJournal, so it has been "
    "altered; it was not opened and nothing was changed."
)
UPGRADE_FAILED = (
    "This journal was written by an older version of MentorJournal and must be upgraded to "
    "open, but the upgrade could not be saved (is the disk full, or the file or its folder "
    "read-only?); it was left as it is."
)


def _prepare_new_file(path: Path) -> None:
    """Make the folder (0700 if we create it) and an empty file 0600 before SQLite opens it."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise StorageError(f"The journal cannot be created at {path}: {exc.strerror}.") from exc
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise JournalExists() from exc
    except OSError as exc:
        raise StorageError(f"The journal cannot be created at {path}: {exc.strerror}.") from exc
    os.close(fd)
    os.chmod(path, 0o600)


def check_journal_file(path: Path) -> None:
    """Refuse, with a sentence, anything that is plainly not a journal — before SQLite opens it."""
    if not path.exists():
        raise JournalMissing(
            f"There is no journal at {path}; create one with “mentorjournal init”."
        )
    if path.is_dir():
        raise NotAJournal(f"{path} is a folder, not a journal file.")
    try:  # O_NONBLOCK: opening a pipe must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
            header = os.read(fd, len(SQLITE_HEADER)) if regular else b""
        finally:
            os.close(fd)
    except OSError as exc:
        raise StorageError(f"The journal at {path} cannot be read: {exc.strerror}.") from exc
    if not regular:
        raise NotAJournal(
            f"{path} is not a regular file (a pipe or a device?), so it is not a journal; "
            "it was left as it is."
        )
    if not header:
        raise NotAJournal(f"{path} is empty (0 bytes), so it is not a readable journal.")
    if header != SQLITE_HEADER:
        raise NotAJournal(f"{path} is not a MentorJournal journal (it is not a database file).")


def cut_short(path: Path) -> bool:
    """True when the file is shorter than its own header says (or not whole pages): read from
    the 100-byte header, without SQLite, for a file whose schema can no longer be read."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return False
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is valid (SQLite 3.7.0 on)
    return size % page_size != 0 or (counted and size < pages * page_size)


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA secure_delete = ON")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cur.close()


def _on_begin(conn: Connection) -> None:
    # Writers take the write lock at once (no deadlock between two writers); readers do not,
    # so a read-only journal can still be read.
    writing = conn.get_execution_options().get("mj_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def storage_error(exc: Exception) -> Exception:
    """Turn a database failure into one of our sentences."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return JournalBusy()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return NotAJournal("The journal file is damaged and cannot be read; it was left as it is.")
    if "readonly" in text or "read-only" in text:
        return StorageError("The journal is read-only here, so nothing could be saved.")
    if "disk" in text or "full" in text or "i/o" in text:
        return StorageError()
    return StorageError(f"The journal could not be read or saved ({text}); nothing was changed.")


def check_layout(conn: Connection, version: int) -> None:
    """Refuse (AlteredLayout, a sentence) a file holding any schema object this version did not
    create — a trigger could undo every edit or swallow an import, a view could stand in for a
    table — or one of its own tables or indexes defined otherwise, or missing. Only reads: no
    trigger fires before this."""
    found = migrations.schema_objects(conn.exec_driver_sql(migrations.MASTER_QUERY))
    expected = migrations.expected_schema(version)
    if found == expected:
        return
    names = {(kind, name) for kind, name, _table, _sql in expected}
    for kind, name, _table, _sql in sorted(found - expected):
        if (kind, name) not in names:
            raise AlteredLayout(FOREIGN_OBJECT.format(what=FOREIGN_WHAT.get(kind, "an object")))
    raise AlteredLayout(CHANGED_LAYOUT)


def consistent_copy(path: Path) -> bytes:
    """The whole journal file as one consistent state (SQLite's online backup into memory, so
    no other file is opened by name): what backups and sync snapshots write. Still encrypted:
    the file's own bytes, never anything decrypted. ``sqlite3.Error`` or OSError on failure."""
    src = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    copy = sqlite3.connect(":memory:")
    try:
        src.backup(copy)
        return copy.serialize()
    finally:
        copy.close()
        src.close()


class Database:
    """One journal file. ``write()`` and ``read()`` give a connection inside one transaction."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        # The file's change counter is read through one descriptor kept open until dispose():
        # closing any descriptor of the file would drop every SQLite lock this process holds on
        # it (POSIX advisory locks), letting another process write in the middle of ours.
        self._guard = threading.Lock()
        self._active = 0  # transactions under way; the descriptor outlives them all
        self._disposed = False
        self._stale = False  # another process wrote before one of our writes
        try:
            self._header_fd: int | None = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            self._header_fd = None
        self.seen_counter = self.change_counter()

    @classmethod
    def create(cls, path: Path) -> Database:
        path = Path(path)
        if path.exists():
            raise JournalExists(f"A journal already exists at {path}; it was left as it is.")
        _prepare_new_file(path)
        folder.tighten(path)
        db = cls(path, cls._engine(path))
        try:
            with db.write() as conn:
                migrations.migrate(conn)
        except Exception:
            db.dispose()
            with contextlib.suppress(OSError):
                path.unlink()
            raise
        return db

    @classmethod
    def open(cls, path: Path, *, migrate: bool = True) -> Database:
        path = Path(path)
        check_journal_file(path)
        folder.tighten(path)
        db = cls(path, cls._engine(path))
        try:
            db._check_and_migrate(migrate)
        except Exception:
            db.dispose()
            raise
        return db

    @staticmethod
    def _engine(path: Path) -> Engine:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
            poolclass=NullPool,
        )
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
        return engine

    def _check_and_migrate(self, migrate: bool) -> None:
        try:
            with self.read() as conn:
                tables = {
                    row[0]
                    for row in conn.exec_driver_sql(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    )
                }
                if not {"schema_version", "vault"} <= tables:
                    raise NotAJournal(
                        f"{self.path} is a database, but not a MentorJournal journal."
                    )
                version = migrations.current_version(conn)
                if version < 1:  # every journal records at least version 1 as it is made
                    raise NotAJournal(NO_SCHEMA_ROW.format(path=self.path))
                self._check_whole(conn)
                if version <= migrations.LATEST:
                    check_layout(conn, version)
        except NotAJournal:
            # The schema's last page may be the one cut off: SQLite then finds it malformed
            # before the size can be compared, so the header says what was lost.
            if cut_short(self.path):
                raise NotAJournal(TRUNCATED) from None
            raise
        if version > migrations.LATEST:
            raise JournalTooNew()
        if version < migrations.LATEST and migrate:
            try:
                with self.write() as conn:
                    migrations.migrate(conn, before=self._backup_before_migration)
            except StorageError as exc:
                raise StorageError(UPGRADE_FAILED) from exc

    def _check_whole(self, conn: Connection) -> None:
        """Refuse a file cut short (e.g. a copy that stopped early): SQLite would read the missing
        end as zeros, and the next write would make the damage part of the file."""
        page_size = int(conn.exec_driver_sql("PRAGMA page_size").scalar() or 0)
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise StorageError(
                f"The journal at {self.path} cannot be read: {exc.strerror}."
            ) from exc
        if page_size and (size % page_size or size < pages * page_size):
            raise NotAJournal(TRUNCATED)

    def _backup_before_migration(self, version: int) -> None:
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        if not target.exists():
            self.backup_to(target)

    @contextlib.contextmanager
    def _transaction(self, writing: bool) -> Iterator[Connection]:
        with self._guard:
            self._active += 1
        try:
            before = b""
            try:
                with self.engine.connect() as raw:
                    # The transaction's own state: what it changes in the ledger of rows, and
                    # what must be done just before it commits (store.ledger).
                    state: dict[str, Any] = {}
                    conn = raw.execution_options(mj_write=writing, mj_transaction=state)
                    with conn.begin():
                        if writing:
                            # We hold the write lock: nobody else can commit until we end.
                            before = self.change_counter()
                            with self._guard:
                                if before != self.seen_counter:
                                    self._stale = True
                        yield conn
                        for hook in state.pop("before_commit", ()):
                            hook(conn)
            except (OperationalError, DatabaseError) as exc:
                raise storage_error(exc) from None
            if writing:
                self._written(before)
        finally:
            with self._guard:
                self._active -= 1
                if self._disposed and self._active == 0:
                    self._close_header()

    def _written(self, before: bytes) -> None:
        """After our commit the counter is one more than it was under our lock (rollback-journal
        mode); reading it again could already include another process's commit."""
        if len(before) == 4:
            after = ((int.from_bytes(before, "big") + 1) % 2**32).to_bytes(4, "big")
        else:  # a new, empty file had no header yet
            after = self.change_counter()
        with self._guard:
            self.seen_counter = after

    def write(self) -> contextlib.AbstractContextManager[Connection]:
        """One transaction holding the write lock: all of it is stored, or none of it."""
        return self._transaction(True)

    def read(self) -> contextlib.AbstractContextManager[Connection]:
        """One read transaction: a consistent view of the file."""
        return self._transaction(False)

    def change_counter(self) -> bytes:
        """SQLite's file change counter (header bytes 24–27): it moves whenever any process
        commits a change, so an open journal knows when another window has written."""
        fd = self._header_fd
        try:
            if not hasattr(os, "pread"):  # Windows: no POSIX locks to lose by closing a file
                with self.path.open("rb") as fh:
                    fh.seek(24)
                    return fh.read(4)
            return b"" if fd is None else os.pread(fd, 4, 24)
        except OSError:
            return b""

    def changed_elsewhere(self) -> bool:
        """True (once) when another process committed since we last read or wrote."""
        current = self.change_counter()
        with self._guard:
            if current != self.seen_counter or self._stale:
                self.seen_counter = current
                self._stale = False
                return True
            return False

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the encrypted file (``consistent_copy``), made 0600 through a new,
        exclusively created temporary file (``atomic``): never a ``.part``, never a link."""
        target = Path(target)
        if target.exists() or target.is_symlink():
            raise JournalExists(f"{target} already exists; choose another name.")
        try:
            atomic.write_bytes(target, consistent_copy(self.path))
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"The backup could not be written to {target}: {exc}.") from None

    def dispose(self) -> None:
        self.engine.dispose()
        with self._guard:
            self._disposed = True
            if self._active == 0:
                self._close_header()

    def _close_header(self) -> None:
        """With ``_guard`` held and no transaction under way."""
        fd, self._header_fd = self._header_fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
