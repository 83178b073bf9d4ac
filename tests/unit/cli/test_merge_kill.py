"""A merge killed (SIGKILL) in the middle leaves the journal as it was — it opens, whole, with
none of the merge in it — and the copy merged from is never written, killed or not."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.sync_support import fingerprint

PASS = "pass phrase words"
COUNT = 4000
WORDS = "what belonging costs when you are the only one in the room who sees it " * 5


@pytest.fixture(scope="module")
def journals(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A journal, and a copy of it holding 4,000 reflections more."""
    folder = tmp_path_factory.mktemp("merge-kill")
    here = folder / "here.db"
    journal, _ = Journal.create(here, PASS, kdf=FAST_KDF_FOR_TESTS)
    rel = Relationship(title="Kept")
    journal.save(rel)
    journal.close()
    copy = folder / "copy.db"
    shutil.copy(here, copy)
    other = Journal.open(copy, PASS)
    other.save_many(
        Reflection(rel.id, other.now(), description=f"{i} {WORDS}", feelings=WORDS)
        for i in range(COUNT)
    )
    other.close()
    return here, copy


def start_merge(journal: Path, copy: Path, state: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, MENTORJOURNAL_PASSPHRASE=PASS, XDG_STATE_HOME=str(state))
    # The checkout, from this file's place: tests.fast_cli is there, and its src is the code
    # under test (a clean-clone CI installs the package non-editable, away from the tests).
    root = Path(__file__).resolve().parents[3]
    src = str(root / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), src, env.get("PYTHONPATH")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fast_cli", "--journal", str(journal), "merge", str(copy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=root,
    )


def kill_mid_merge(proc: subprocess.Popen[bytes], journal: Path) -> bool:
    """SIGKILL once the merge's write transaction has written to the file (its rollback
    journal is there and the file has grown). True when killed so."""
    hot = journal.with_name(journal.name + "-journal")
    size = journal.stat().st_size
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if hot.exists() and journal.stat().st_size > size + 256 * 1024:
            proc.kill()
            proc.wait()
            return True
        time.sleep(0.0005)
    proc.kill()
    proc.wait()
    return False


def test_a_killed_merge_leaves_the_journal_as_it_was(
    journals: tuple[Path, Path], tmp_path: Path
) -> None:
    here, copy = journals
    journal, other = tmp_path / "j.db", tmp_path / "copy.db"
    shutil.copy(here, journal)
    shutil.copy(copy, other)
    os.utime(other, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    copy_before = fingerprint(other)
    assert kill_mid_merge(start_merge(journal, other, tmp_path / "state"), journal)
    assert fingerprint(other) == copy_before

    reopened = Journal.open(journal, PASS)  # SQLite rolls the unfinished merge back
    try:
        assert reopened.reflections() == []
        assert [r.title for r in reopened.relationships()] == ["Kept"]
        reopened.verify()
    finally:
        reopened.close()
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()

    finished = start_merge(journal, other, tmp_path / "state")  # and once more, to the end
    out, err = finished.communicate(timeout=300)
    assert (finished.returncode, err) == (0, b"")
    assert out.startswith(f"From copy.db: {COUNT} reflections new".encode())
    assert fingerprint(other) == copy_before
    merged = Journal.open(journal, PASS)
    try:
        assert len(merged.reflections()) == COUNT
    finally:
        merged.close()
