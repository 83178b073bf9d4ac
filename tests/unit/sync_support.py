"""Shared by the tests of one journal on several computers: a computer is a state folder of its
own (``XDG_STATE_HOME``: where its id, its sync folder and what it merged are kept), and what
every file under a folder holds (to prove no plaintext reached it, or that a copy is unchanged).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

MARKER = "ZQX-SYNC-MARKER"


@contextmanager
def computer(monkeypatch: pytest.MonkeyPatch, state: Path) -> Iterator[Path]:
    """Everything inside runs as the computer whose state folder is ``state``."""
    with monkeypatch.context() as m:
        m.setenv("XDG_STATE_HOME", str(state))
        yield state


def files_under(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            for name in names:
                yield Path(root) / name


def leaks(marker: str, *folders: Path) -> list[Path]:
    """Files under ``folders`` whose bytes hold ``marker`` (UTF-8 or UTF-16)."""
    needles = (marker.encode(), marker.encode("utf-16-le"))
    return [p for p in files_under(*folders) if any(n in p.read_bytes() for n in needles)]


def fingerprint(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time, to show it was not written."""
    return path.read_bytes(), path.stat().st_mtime_ns


class Clock:
    """One clock for every simulated computer: each call ``step_seconds`` later (so every save
    is newer than the last, as on a real clock; 11 minutes: each save a version of its own,
    not part of the editing session before it)."""

    def __init__(self, step_seconds: float = 1) -> None:
        from datetime import UTC, datetime, timedelta

        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
        self.step = timedelta(seconds=step_seconds)

    def __call__(self):  # noqa: ANN204
        self.now += self.step
        return self.now


def edited(path: Path, passphrase: str, change, clock=None) -> None:  # noqa: ANN001
    """Open the journal at ``path``, let ``change(journal)`` edit it, close it."""
    from mentorjournal.journal.journal import Journal

    journal = Journal.open(path, passphrase)
    if clock is not None:
        journal.clock = clock
    try:
        change(journal)
    finally:
        journal.close()
