"""Killed (SIGKILL) in the middle of sealing every value again — ``rekey``, or the upgrade to
schema 5 — a journal is all of it or none of it: it opens, its ledger adds up, every entry reads
back, and the key in force is the old one (with the old recovery key) or the new one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.errors import WrongRecoveryKey
from mentorjournal.journal.codec import to_plain
from mentorjournal.journal.journal import Journal
from mentorjournal.store import db as db_module
from mentorjournal.store import migrations, vault
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.store.db import Database
from tests.fast_cli import PRELUDE
from tests.fixtures.make_fixtures import legacy_insert

PASS = "pass phrase words"
NEW_PASS = "quartz lantern meadow harbour"
COUNT = 4000
WORDS = "we talked about belonging and what it costs to speak up in a meeting " * 6
ROOT = Path(__file__).resolve().parents[3]  # the checkout: tests.fast_cli lives there
UNLOCKER = PRELUDE + (
    "import sys\nfrom mentorjournal.journal.journal import Journal\n"
    "print('opening', flush=True)\nJournal.open(sys.argv[1], sys.argv[2]).close()\n"
    "print('done', flush=True)\n"
)


def reflections(rel_id: str) -> list[dict[str, object]]:
    return [
        {
            "id": f"00000000-0000-4000-8000-{i:012d}",
            "relationship_id": rel_id,
            "written_at": "2025-01-01T18:00:00+00:00",
            "model": "gibbs",
            **{
                stage: f"{i} {WORDS[:400]}"
                for stage in ("description", "feelings", "evaluation", "analysis", "conclusion")
            },
            "action_plan": "",
            "meeting_id": None,
            "created_at": "2025-01-01T18:00:00+00:00",
            "updated_at": "2025-01-01T18:00:00+00:00",
        }
        for i in range(COUNT)
    ]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """A journal of schema 5 with 4,000 reflections of about 2 KB (and its recovery key), and
    one of schema 4 with the same, as version 4 stored them."""
    folder = tmp_path_factory.mktemp("reseal")
    current = folder / "current.db"
    journal, recovery_key = Journal.create(current, PASS, kdf=FAST_KDF_FOR_TESTS)
    rel = Relationship(title="Large")
    journal.save(rel)
    rows = [
        Reflection(**{k: v for k, v in r.items() if k not in ("created_at", "updated_at")})
        for r in reflections(rel.id)
    ]  # type: ignore[arg-type]
    journal.insert_new(rows)
    journal.close()

    old = folder / "v4.db"
    db_module._prepare_new_file(old)
    db = Database(old, Database._engine(old))
    try:
        with db.write() as conn:
            migrations.migrate(conn, upto=4)
            data_key, _ = vault.create(conn, PASS, FAST_KDF_FOR_TESTS)
            stamp = {"created_at": "2025-01-01T00:00:00+00:00"}
            stamp["updated_at"] = stamp["created_at"]
            legacy_insert(conn, data_key, "relationship", [{**to_plain(rel), **stamp}])
            legacy_insert(conn, data_key, "reflection", reflections(rel.id))
    finally:
        db.dispose()
    return current, recovery_key, old


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    out["MENTORJOURNAL_PASSPHRASE"] = PASS
    out.pop("MENTORJOURNAL_JOURNAL", None)
    return out


def kill_mid_transaction(proc: subprocess.Popen[str], db: Path) -> bool:
    """SIGKILL once the rollback journal holds a good part of the change. True when killed so."""
    hot = db.with_name(db.name + "-journal")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if hot.stat().st_size >= 3 * 1024 * 1024:
                proc.kill()
                proc.wait()
                return True
        except OSError:
            pass
        time.sleep(0.0005)
    proc.kill()
    proc.wait()
    return False


def check_whole(path: Path) -> int:
    journal = Journal.open(path, PASS)  # SQLite rolls an unfinished transaction back first
    try:
        assert journal.altered is None
        found = journal.all(Reflection)
        assert all(r.feelings.endswith(WORDS[:400]) for r in found)
        journal.save(Relationship(title="Written after the kill"))
        return len(found)
    finally:
        journal.close()


def test_a_killed_rekey_leaves_the_old_key_or_the_new_one(big, tmp_path: Path) -> None:
    current, old_recovery, _old = big
    killed, finished = tmp_path / "killed.db", tmp_path / "finished.db"
    shutil.copyfile(current, killed)
    shutil.copyfile(current, finished)
    command = [sys.executable, "-m", "tests.fast_cli", "--journal"]
    proc = subprocess.Popen(
        [*command, str(killed), "rekey"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        cwd=ROOT,
    )
    assert kill_mid_transaction(proc, killed)
    done = subprocess.run(
        [*command, str(finished), "rekey"],
        capture_output=True,
        text=True,
        env=env(),
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    new_recovery = done.stdout.splitlines()[-1].removeprefix("Recovery key: ")

    assert check_whole(killed) == COUNT  # nothing of the new key was kept: the old one opens
    Journal.recover(killed, old_recovery, NEW_PASS, kdf=FAST_KDF_FOR_TESTS).close()
    assert check_whole(finished) == COUNT
    with pytest.raises(WrongRecoveryKey):
        Journal.recover(finished, old_recovery, NEW_PASS, kdf=FAST_KDF_FOR_TESTS)
    Journal.recover(finished, new_recovery, NEW_PASS, kdf=FAST_KDF_FOR_TESTS).close()


def test_a_killed_upgrade_is_done_again_at_the_next_unlock(big, tmp_path: Path) -> None:
    _current, _recovery, old = big
    path = tmp_path / "v4.db"
    shutil.copyfile(old, path)
    proc = subprocess.Popen(
        [sys.executable, "-c", UNLOCKER, str(path), PASS],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "opening\n"
    assert kill_mid_transaction(proc, path)
    assert path.with_name("v4.db.v4.bak").exists()  # the copy put aside before anything
    assert check_whole(path) == COUNT
