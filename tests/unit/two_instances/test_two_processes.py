"""Two processes on one journal: concurrent writers lose nothing, and a long write elsewhere makes
a write here wait or say the journal is in use (an exclusive lock elsewhere stops even a read).
Never a damaged file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.errors import JournalBusy
from mentorjournal.journal.journal import Journal
from mentorjournal.store import db as db_module
from tests.unit.two_instances.checks import integrity, titles
from tests.unit.two_instances.processes import (
    BUSY_SENTENCE,
    EXCLUSIVE,
    HOLDER,
    PASS,
    WRITER,
    finish,
    release_later,
    start,
    wait_for_line,
)


def test_two_processes_adding_200_actions_each_lose_nothing(path: Path, tmp_path: Path) -> None:
    rel = Relationship(title="Busy relationship")
    j = Journal.open(path, PASS)
    j.save(rel)
    j.close()
    go = tmp_path / "go"
    writers = [start(WRITER, path, PASS, rel.id, who, 200, go) for who in ("a", "b")]
    for proc in writers:
        wait_for_line(proc, "ready")
    go.touch()
    outs = [finish(proc, timeout=120)[0].split("\n") for proc in writers]
    assert [o[0] for o in outs] == ["done", "done"]
    # Whichever finished last read the list after both were done: it sees all 400.
    seen = sorted(int(o[1].split()[1]) for o in outs)
    assert seen[-1] == 400 and seen[0] >= 200, seen

    assert integrity(path) == [("ok",)]
    j = Journal.open(path, PASS)
    try:
        stored = sorted(a.title for a in j.actions())
    finally:
        j.close()
    assert stored == sorted(f"{who}-{i:03d}" for who in "ab" for i in range(200))


def test_a_long_write_elsewhere_makes_a_write_here_wait(path: Path, tmp_path: Path) -> None:
    release = tmp_path / "release"
    holder = start(HOLDER, path, PASS, "held elsewhere", release)
    j = Journal.open(path, PASS)
    try:
        wait_for_line(holder, "holding")
        release_later(release, 0.7)
        started = time.monotonic()
        j.save(Relationship(title="written here"))  # waits for the other commit
        waited = time.monotonic() - started
        finish(holder)
        assert waited >= 0.5
        assert titles(j) == {"held elsewhere", "written here"}
    finally:
        j.close()
    assert integrity(path) == [("ok",)]


def test_a_write_that_waits_too_long_says_the_journal_is_in_use(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.3)
    j = Journal.open(path, PASS)
    release = tmp_path / "release"
    holder = start(HOLDER, path, PASS, "held elsewhere", release)
    try:
        wait_for_line(holder, "holding")
        assert titles(j) == set()  # reading is fine while the other only writes
        started = time.monotonic()
        with pytest.raises(JournalBusy) as err:
            j.save(Relationship(title="written here"))
        assert time.monotonic() - started < 2.5
        assert str(err.value) == BUSY_SENTENCE
        release.touch()
        finish(holder)
        # The other process's committed write is there; ours was not half-stored.
        assert titles(j) == {"held elsewhere"}
        j.save(Relationship(title="written here"))
        assert titles(j) == {"held elsewhere", "written here"}
    finally:
        if holder.poll() is None:
            holder.kill()
        j.close()
    assert integrity(path) == [("ok",)]


def test_reading_while_another_holds_an_exclusive_lock(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.3)
    j = Journal.open(path, PASS)
    j.save(Relationship(title="before"))
    j.close()
    before = path.read_bytes()
    release = tmp_path / "release"
    holder = start(EXCLUSIVE, path, release)
    try:
        wait_for_line(holder, "holding")
        with pytest.raises(JournalBusy) as err:
            Journal.open(path, PASS)
        assert str(err.value) == BUSY_SENTENCE
        release.touch()
        finish(holder)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert path.read_bytes() == before
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == {"before"}
    finally:
        j.close()
