"""A process killed (SIGKILL) in the middle of a large import leaves a journal that opens, with all
of the import or none of it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import mentorjournal
from mentorjournal.domain import Reflection, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

PASS = "pass phrase words"
COUNT = 10_000
IMPORTER = r"""
import sys
from pathlib import Path
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf

permit_test_kdf(FAST_KDF_FOR_TESTS)
path, data, passphrase = sys.argv[1:4]
text = Path(data).read_bytes()
journal = Journal.open(path, passphrase)
print("ready", flush=True)
sys.stdin.readline()  # the test says when to begin, so that it is watching by then
result = interchange.import_text(journal, text)
journal.close()
print("done", result.total_added, flush=True)
"""


@pytest.fixture(scope="module")
def big_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """An empty journal to copy, and a file of 10,000 reflections of about 2.4 KB each."""
    folder = tmp_path_factory.mktemp("kill")
    empty = folder / "empty.db"
    Journal.create(empty, PASS, kdf=FAST_KDF_FOR_TESTS)[0].close()
    rel_id = str(uuid.uuid4())
    words = "we talked about belonging and what it costs to speak up in a meeting " * 6
    reflections = [
        {
            "id": str(uuid.UUID(int=i + 1, version=4)),
            "relationship_id": rel_id,
            "written_at": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T18:00:00+00:00",
            "description": f"{i} {words[:380]}",
            "feelings": words[:400],
            "evaluation": words[:400],
            "analysis": words[:400],
            "conclusion": words[:400],
            "action_plan": f"plan {i} " + words[:390],
        }
        for i in range(COUNT)
    ]
    doc = {
        "format": "mentorjournal",
        "version": 1,
        "relationships": [{"id": rel_id, "title": "Large import"}],
        "reflections": reflections,
    }
    data = folder / "big.json"
    data.write_text(json.dumps(doc), encoding="utf-8")
    assert data.stat().st_size > COUNT * 2400
    return empty, data, reflections[COUNT // 2]["id"]


def start_import(db: Path, data: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    src = str(Path(mentorjournal.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db), str(data), PASS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line != "ready\n":
        proc.kill()
        raise AssertionError(f"the importer did not start: {line!r} {proc.stderr.read()!r}")
    return proc


def begin(proc: subprocess.Popen[str]) -> subprocess.Popen[str]:
    """Let a started importer go on to import."""
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    return proc


def kill_when(proc: subprocess.Popen[str], db: Path, size: int) -> bool:
    """SIGKILL once the write transaction is under way: its rollback journal exists and the
    database file has reached ``size`` bytes. True when killed with the rollback journal there."""
    hot = db.with_name(db.name + "-journal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if hot.exists() and db.stat().st_size >= size:
            proc.kill()
            proc.wait()
            return True
        time.sleep(0.0005)
    proc.kill()
    proc.wait()
    return False


def reflections_after_reopening(db: Path) -> int:
    """Open the journal (SQLite rolls back an unfinished transaction), count, and write to it."""
    journal = Journal.open(db, PASS)
    try:
        count = len(journal.existing_ids(Reflection))
        journal.save(Relationship(title="Written after the crash"))
    finally:
        journal.close()
    assert not db.with_name(db.name + "-journal").exists()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    return count


def test_a_killed_import_leaves_all_or_nothing(tmp_path: Path, big_import) -> None:
    empty, data, middle_id = big_import
    base = empty.stat().st_size
    # Three importers at once: one killed as soon as the first page is written, one once a good
    # part of the rows are in the file (about 40 MB when finished), one left to finish.
    dbs = [tmp_path / name for name in ("first-page.db", "part-written.db", "finished.db")]
    for db in dbs:
        shutil.copyfile(empty, db)
    procs = [start_import(db, data) for db in dbs]
    # Each begins only when it is watched: started one after another on a busy machine, the
    # first could otherwise finish before the test looked at it.
    begin(procs[2])
    killed_mid = [
        kill_when(begin(procs[0]), dbs[0], base),
        kill_when(begin(procs[1]), dbs[1], base + 8 * 1024 * 1024),
    ]
    out, err = procs[2].communicate(timeout=120)
    assert (procs[2].returncode, out, err) == (0, f"done {COUNT + 1}\n", "")

    counts = [reflections_after_reopening(db) for db in dbs]
    assert counts[2] == COUNT
    for was_mid, count in zip(killed_mid, counts, strict=False):
        assert count in (0, COUNT), f"a partial import survived: {count} reflections"
        # Killed inside the transaction (the rollback journal was there): nothing was kept.
        assert not was_mid or count == 0
    assert killed_mid == [True, True]

    journal = Journal.open(dbs[2], PASS)
    try:
        middle = journal.get(Reflection, middle_id)
        assert middle.description.startswith(f"{COUNT // 2} we talked about belonging")
    finally:
        journal.close()
