"""Shared by the damaged-file tests: passphrases, the expected sentences, the import document,
``modes_apply`` (file modes bind even root), ``files_in``, the full-disk SQLite connection and
``v1_journal``.

Read-only cases run "as an ordinary user": when the tests run as root, the calling thread gives
up CAP_DAC_OVERRIDE for the test (and threads it starts inherit that), so file modes apply.
A full disk is simulated two ways: every write statement and backup refused with SQLite's own
"database or disk is full" error (``FullConnection`` here, installed by the ``full_disk``
fixture), and — closer to the metal — a command-line subprocess whose file-size limit
(RLIMIT_FSIZE) makes every write past the first bytes fail in the kernel.

Every sentence the tests expect lives here or in ``damage_makers.DAMAGE``, so that
``test_sentences`` sees them all.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fixtures.make_fixtures import fixture_path

PASS = "pass phrase words"
NEW_PASS = "quartz lantern meadow harbour"
READ_ONLY = "The journal is read-only here, so nothing could be saved."
FULL = "The journal could not be saved (is the disk full or read-only?); nothing was changed."
DAMAGED = "The journal file is damaged and cannot be read; it was left as it is."
TRUNCATED = (
    "The journal file is damaged (it is shorter than it should be, perhaps cut off while it was "
    "copied) and cannot be read; it was left as it is."
)
NEW_ENTRY_DOC = json.dumps(
    {
        "format": "mentorjournal",
        "version": 1,
        "relationships": [{"id": "6f1b4d1e-4a43-4b8e-9d4a-0c1a2b3c4d5e", "title": "Imported"}],
    }
)
UPGRADE_FAILED = (
    "This journal was written by an older version of MentorJournal and must be upgraded to "
    "open, but the upgrade could not be saved (is the disk full, or the file or its folder "
    "read-only?); it was left as it is."
)


# --- helpers ----------------------------------------------------------------------------------


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


_DAC_BITS = (1 << 1) | (1 << 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _set_effective(libc: ctypes.CDLL, change: Callable[[int], int]) -> int:
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    before = data[0].effective
    data[0].effective = change(before)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    return before


@contextlib.contextmanager
def modes_apply() -> Iterator[None]:
    """File modes bind this thread (and threads it starts) even when the tests run as root."""
    if os.geteuid() != 0:
        yield
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        saved = _set_effective(libc, lambda eff: eff & ~_DAC_BITS)
    except (OSError, AttributeError) as exc:
        pytest.skip(f"cannot drop root's file-permission override here: {exc}")
    try:
        yield
    finally:
        _set_effective(libc, lambda _eff: saved)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def write_verb(sql: str) -> bool:
    return (
        re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP|VACUUM)", sql, re.I)
        is not None
    )


def _full() -> sqlite3.OperationalError:
    return sqlite3.OperationalError("database or disk is full")


class _WritesFail:
    """Statements that would write fail as on a full disk; the others run."""

    def execute(self, sql, *args):  # type: ignore[no-untyped-def]
        if write_verb(sql):
            raise _full()
        return super().execute(sql, *args)  # type: ignore[misc]

    def executemany(self, sql, *args):  # type: ignore[no-untyped-def]
        if write_verb(sql):
            raise _full()
        return super().executemany(sql, *args)  # type: ignore[misc]


class FullCursor(_WritesFail, sqlite3.Cursor):
    pass


class FullConnection(_WritesFail, sqlite3.Connection):
    """Reads work; every statement that would write, and every backup, fails as a full disk."""

    def cursor(self, factory=None):  # type: ignore[no-untyped-def, override]
        return super().cursor(FullCursor)

    def backup(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        raise _full()


def v1_journal(folder: Path) -> Path:
    """A journal written by schema version 1 (opening it must upgrade it)."""
    path = folder / "j.db"
    shutil.copyfile(fixture_path(1), path)
    os.chmod(path, 0o600)
    return path
