"""The other processes these tests start, and the helpers that start and watch them.

Other processes are real subprocesses (Python scripts over ``Journal``, raw ``sqlite3`` lock
holders, or the ``mentorjournal`` command line). Here: the passphrase they use, the repository
root they run from, the sentence they print when the journal is in use, the script texts
(``WRITER``, ``HOLDER``, ``EXCLUSIVE``, ``SHORT_WAIT_CLI``, ``LOCK_PROBE``) and ``env``,
``start``, ``wait_for_line``, ``finish``, ``release_later`` and ``cli``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.fast_cli import PRELUDE

PASS = "pass phrase words"
ROOT = Path(__file__).resolve().parents[3]
BUSY_SENTENCE = "The journal is in use by another MentorJournal window; close it and try again."

# A second process that writes through Journal: N actions, each in its own short transaction,
# reading the list now and then (so it reloads what the other process wrote).
WRITER = r"""
import sys, time
from pathlib import Path
from mentorjournal.domain import ActionStep
from mentorjournal.journal.journal import Journal

path, passphrase, rel_id, who, count, go = sys.argv[1:7]
journal = Journal.open(path, passphrase)
print("ready", flush=True)
deadline = time.monotonic() + 30
while not Path(go).exists() and time.monotonic() < deadline:
    time.sleep(0.005)
for i in range(int(count)):
    journal.save(ActionStep(relationship_id=rel_id, title=f"{who}-{i:03d}"))
    if i % 25 == 0:
        journal.actions()
print("done", flush=True)
# Wait for the other writer to finish too, then say how many this journal sees.
other = Path(go).with_name("finished-" + ("b" if who == "a" else "a"))
Path(go).with_name("finished-" + who).touch()
deadline = time.monotonic() + 60
while not other.exists() and time.monotonic() < deadline:
    time.sleep(0.01)
print("sees", len(journal.actions()), flush=True)
journal.close()
"""

# A second process that holds the write lock (writing a relationship) until the file named
# ``release`` appears (or 30 s pass), then commits.
HOLDER = r"""
import sys, time
from pathlib import Path
from mentorjournal.journal.journal import Journal
from mentorjournal.store import records

path, passphrase, title, release = sys.argv[1:5]
journal = Journal.open(path, passphrase)
values = {"id": "11111111-1111-4111-8111-111111111111", "title": title,
          "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00"}
with journal._db.write() as conn:
    records.insert_rows(conn, journal._cipher, "relationship", [values])
    print("holding", flush=True)
    deadline = time.monotonic() + 30
    while not Path(release).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
print("committed", flush=True)
journal.close()
"""

# A process holding an EXCLUSIVE lock (nobody else may even read) until ``release`` appears.
EXCLUSIVE = r"""
import sqlite3, sys, time
from pathlib import Path
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
deadline = time.monotonic() + 30
while not Path(sys.argv[2]).exists() and time.monotonic() < deadline:
    time.sleep(0.01)
conn.execute("COMMIT")
print("committed", flush=True)
"""

# The command line with a short busy timeout (the real one waits 5 s).
SHORT_WAIT_CLI = r"""
import sys
from mentorjournal.store import db
db.BUSY_TIMEOUT_S = float(sys.argv[1])
from mentorjournal.cli import main
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
raise SystemExit(main(sys.argv[2:], kdf=FAST_KDF_FOR_TESTS))
"""

LOCK_PROBE = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    conn.execute("BEGIN IMMEDIATE")
    print("got the write lock")
except sqlite3.OperationalError as exc:
    print(exc)
"""


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    out["MENTORJOURNAL_PASSPHRASE"] = PASS
    out.pop("MENTORJOURNAL_JOURNAL", None)
    return out


def start(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        cwd=ROOT,
    )


def wait_for_line(proc: subprocess.Popen[str], expected: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != expected:
        proc.kill()
        raise AssertionError(f"expected {expected!r}, got {line!r}: {proc.stderr.read()!r}")


def finish(proc: subprocess.Popen[str], timeout: float = 60) -> tuple[str, str]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out, err


def release_later(release: Path, seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, release.touch)
    timer.start()
    return timer


def cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.fast_cli", *argv],
        capture_output=True,
        text=True,
        env=env(),
        cwd=ROOT,
        timeout=timeout,
    )
