"""Fixtures for the damaged-file tests: ``full_disk`` (SQLite refuses every write as a full disk
until freed), ``folder`` (a private folder whose mode is restored for cleanup) and ``filled`` (a
journal in it with one of everything)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.damaged_files.support import PASS, FullConnection


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make the disk full (for SQLite, as SQLAlchemy and the backup reach it); returns a function
    that frees it again."""
    original = sqlite3.connect

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["factory"] = FullConnection
        return original(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)

    def free() -> None:
        monkeypatch.setattr(sqlite3, "connect", original)
        monkeypatch.setattr(sqlite3.dbapi2, "connect", original)

    return free


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    f = tmp_path / "jr"
    f.mkdir(mode=0o700)
    yield f
    os.chmod(f, 0o700)  # so the temporary folder can be removed


@pytest.fixture
def filled(folder: Path, make_sample) -> Path:
    """A journal with one of everything in it."""
    path = folder / "j.db"
    j, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    make_sample(j)
    j.close()
    return path
