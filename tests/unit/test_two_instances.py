"""Two windows or commands on one journal: each sees what the other wrote, concurrent writers lose
nothing, a long write elsewhere makes a write here wait or say the journal is in use, and an entry
deleted elsewhere is never brought back by a stale copy. Never a damaged file.

Other processes are real subprocesses (Python scripts over ``Journal``, raw ``sqlite3`` lock
holders, or the ``mentorjournal`` command line); the app is driven with Textual's pilot.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.errors import JournalBusy, NotFound
from mentorjournal.journal import Journal
from mentorjournal.store import db as db_module
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

PASS = "pass phrase words"
ROOT = Path(__file__).resolve().parents[2]
BUSY_SENTENCE = "The journal is in use by another MentorJournal window; close it and try again."
DELETED_SENTENCE = (
    "That entry was deleted, perhaps in another MentorJournal window, so this change was not saved."
)

# A second process that writes through Journal: N actions, each in its own short transaction,
# reading the list now and then (so it reloads what the other process wrote).
WRITER = r"""
import sys, time
from pathlib import Path
from mentorjournal.domain import ActionStep
from mentorjournal.journal import Journal

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
from mentorjournal.journal import Journal
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
raise SystemExit(main(sys.argv[2:]))
"""


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    out["MENTORJOURNAL_PASSPHRASE"] = PASS
    out.pop("MENTORJOURNAL_JOURNAL", None)
    return out


def start(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
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
        [sys.executable, "-m", "mentorjournal", *argv],
        capture_output=True,
        text=True,
        env=env(),
        cwd=ROOT,
        timeout=timeout,
    )


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def titles(journal: Journal) -> set[str]:
    return {r.title for r in journal.relationships()}


def import_file(folder: Path, name: str, titles_: list[str]) -> Path:
    doc = {
        "format": "mentorjournal",
        "version": 1,
        "relationships": [{"id": str(uuid.uuid4()), "title": t} for t in titles_],
    }
    path = folder / f"{name}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "shared" / "j.db"
    Journal.create(p, PASS, kdf=FAST_KDF_FOR_TESTS)[0].close()
    return p


# --- two journals in one process -------------------------------------------------------------


def test_each_sees_what_the_other_wrote_both_ways(path: Path) -> None:
    a = Journal.open(path, PASS)
    b = Journal.open(path, PASS)
    try:
        assert titles(a) == titles(b) == set()
        assert a.settings() == b.settings() == {}
        a.save(Relationship(title="written by A"))
        assert titles(b) == {"written by A"}
        rel = b.relationships()[0]
        rel.purpose = "changed by B"
        b.save(rel)
        b.save(Relationship(title="written by B"))
        b.set_setting("auto_lock_minutes", 9)
        assert titles(a) == {"written by A", "written by B"}
        assert a.get(Relationship, rel.id).purpose == "changed by B"
        assert a.setting("auto_lock_minutes") == 9
        a.delete(a.get(Relationship, rel.id))
        assert titles(b) == {"written by B"}
    finally:
        a.close()
        b.close()


def test_a_write_here_does_not_hide_a_write_made_there_just_before(path: Path) -> None:
    """A's own commit moves the change counter too; B's commit before it must still be seen."""
    a = Journal.open(path, PASS)
    b = Journal.open(path, PASS)
    try:
        assert titles(a) == set()  # A has read (and cached) the relationships
        assert a.settings() == {}
        b.save(Relationship(title="from B"))
        b.set_setting("theme", "ansi-dark")
        a.save(Relationship(title="from A"))  # no read in between
        assert titles(a) == {"from A", "from B"}
        assert a.setting("theme") == "ansi-dark"
        a.set_setting("theme", "nord")
        b.save(Relationship(title="from B again"))
        a.set_setting("auto_lock_minutes", 3)
        assert a.settings() == {"theme": "nord", "auto_lock_minutes": 3}
        assert titles(a) == {"from A", "from B", "from B again"}
    finally:
        a.close()
        b.close()


def test_an_entry_deleted_elsewhere_is_not_brought_back(path: Path) -> None:
    a = Journal.open(path, PASS)
    rel = Relationship(title="Shared relationship")
    meeting = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 3, 1, 10, tzinfo=UTC))
    a.save_many([rel, meeting])
    b = Journal.open(path, PASS)
    try:
        stale_rel = a.get(Relationship, rel.id)
        stale_meeting = a.get(Meeting, meeting.id)
        b.delete(b.get(Relationship, rel.id))  # the meeting goes with it

        stale_rel.purpose = "typed in A after B deleted it"
        with pytest.raises(NotFound) as err:
            a.save(stale_rel)
        assert str(err.value) == DELETED_SENTENCE
        stale_meeting.notes = "notes typed in A"
        with pytest.raises(NotFound):
            a.save(stale_meeting)
        # All or nothing: a new entry in the same batch is not stored either.
        with pytest.raises(NotFound):
            a.save_many([Relationship(title="new in the same batch"), stale_rel])

        assert titles(a) == titles(b) == set()
        assert a.meetings() == b.meetings() == []
        a.save(Relationship(title="A new one still saves"))
        assert titles(b) == {"A new one still saves"}
    finally:
        a.close()
        b.close()
    assert integrity(path) == [("ok",)]


def test_an_entry_deleted_here_can_be_written_again_here(journal: Journal) -> None:
    """Only a row that vanished behind this journal's back is refused."""
    rel = Relationship(title="Kept")
    journal.save(rel)
    journal.delete(rel)
    journal.save(rel)
    assert [r.id for r in journal.relationships()] == [rel.id]


LOCK_PROBE = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    conn.execute("BEGIN IMMEDIATE")
    print("got the write lock")
except sqlite3.OperationalError as exc:
    print(exc)
"""


def test_checking_for_changes_keeps_this_process_locks(path: Path) -> None:
    """Reading the change counter must not close a descriptor of the file: closing one drops
    every lock the process holds on it (POSIX), and another process could write mid-commit."""
    a = Journal.open(path, PASS)
    b = Journal.open(path, PASS)
    try:
        with a._db.write() as conn:
            conn.exec_driver_sql("SELECT COUNT(*) FROM relationship").all()
            b.relationships()  # B looks for changes while A holds the write lock
            b.settings()
            probe = subprocess.run(
                [sys.executable, "-c", LOCK_PROBE, str(path)],
                capture_output=True,
                text=True,
                timeout=30,
            )
        assert probe.stdout.strip() == "database is locked", probe.stderr
    finally:
        a.close()
        b.close()


# --- two processes ----------------------------------------------------------------------------


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


# --- the command line alongside an open journal ----------------------------------------------


def test_the_command_line_and_an_open_journal_see_each_other(path: Path, tmp_path: Path) -> None:
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == set()
        done = cli("--journal", str(path), "import", str(import_file(tmp_path, "x", ["by CLI"])))
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        assert titles(j) == {"by CLI"}
        j.save(Relationship(title="by the open journal"))
        exported = cli("--journal", str(path), "export")
        assert exported.returncode == 0, exported.stderr
        got = {r["title"] for r in json.loads(exported.stdout)["relationships"]}
        assert got == {"by CLI", "by the open journal"}
    finally:
        j.close()


def test_two_imports_at_once_both_land(path: Path, tmp_path: Path) -> None:
    files = [
        import_file(tmp_path, name, [f"{name}-{i}" for i in range(300)]) for name in ("p", "q")
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mentorjournal", "--journal", str(path), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            cwd=ROOT,
        )
        for f in files
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, err) == (0, "")
        assert out == "Imported 300 relationships.\n"
    assert integrity(path) == [("ok",)]
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == {f"{n}-{i}" for n in "pq" for i in range(300)}
    finally:
        j.close()


@pytest.mark.parametrize("held_by", ["writer", "exclusive"])
def test_the_command_line_says_in_one_line_that_the_journal_is_in_use(
    path: Path, tmp_path: Path, held_by: str
) -> None:
    data = import_file(tmp_path, "x", ["by CLI"])
    release = tmp_path / "release"
    holder = (
        start(HOLDER, path, PASS, "held elsewhere", release)
        if held_by == "writer"
        else start(EXCLUSIVE, path, release)
    )
    try:
        wait_for_line(holder, "holding")
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                SHORT_WAIT_CLI,
                "0.3",
                "--journal",
                str(path),
                "import",
                str(data),
            ],
            capture_output=True,
            text=True,
            env=env(),
            cwd=ROOT,
            timeout=60,
        )
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr == f"mentorjournal: {BUSY_SENTENCE}\n"
        release.touch()
        finish(holder)
    finally:
        if holder.poll() is None:
            holder.kill()
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == ({"held elsewhere"} if held_by == "writer" else set())
    finally:
        j.close()
    assert integrity(path) == [("ok",)]


# --- the app and the command line, in both orders ----------------------------------------------


def home_titles(app) -> list[str]:  # noqa: ANN001
    from mentorjournal.tui.screens.home import RelationshipItem

    return [item.standing.relationship.title for item in app.screen.query(RelationshipItem)]


async def settle(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_app_first_then_the_command_line(path: Path, tmp_path: Path) -> None:
    from mentorjournal.tui.app import MentorJournalApp

    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*PASS, "enter")
        await settle(pilot)
        assert app.journal is not None and home_titles(app) == []

        done = cli("--journal", str(path), "import", str(import_file(tmp_path, "x", ["by CLI"])))
        assert (done.returncode, done.stderr) == (0, "")
        app.screen.refresh_standings()
        await settle(pilot)
        assert home_titles(app) == ["by CLI"]

        app.journal.save(Relationship(title="by the app"))  # as a screen's worker would
        exported = cli("--journal", str(path), "export")
        assert exported.returncode == 0, exported.stderr
        got = {r["title"] for r in json.loads(exported.stdout)["relationships"]}
        assert got == {"by CLI", "by the app"}

        done = cli("--journal", str(path), "import", str(import_file(tmp_path, "y", ["later"])))
        assert done.returncode == 0
        app.screen.refresh_standings()
        await settle(pilot)
        assert sorted(home_titles(app)) == ["by CLI", "by the app", "later"]
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert integrity(path) == [("ok",)]


async def test_command_line_first_then_the_app_waits_or_says_in_use(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.unlock import UnlockScreen

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.3)
    release = tmp_path / "release"
    holder = start(EXCLUSIVE, path, release)
    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            wait_for_line(holder, "holding")
            await pilot.press(*PASS, "enter")
            await settle(pilot)
            assert isinstance(app.screen, UnlockScreen) and app.journal is None
            shown = str(app.screen.query_one("#unlock-message", Static).render())
            assert shown == BUSY_SENTENCE
            release.touch()
            finish(holder)
            # Once the other is done, the same passphrase opens it.
            await pilot.press(*PASS, "enter")
            await settle(pilot)
            assert app.journal is not None and home_titles(app) == []
            await pilot.press("ctrl+q")
    finally:
        if holder.poll() is None:
            holder.kill()
    assert app.return_code == 0

    # A command holding the write lock for a moment: the app's save waits for it, and both stay.
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 5.0)
    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*PASS, "enter")
        await settle(pilot)
        release = tmp_path / "release-2"
        holder = start(HOLDER, path, PASS, "held by a command", release)
        wait_for_line(holder, "holding")
        release_later(release, 0.7)
        app.journal.save(Relationship(title="by the app"))
        finish(holder)
        app.screen.refresh_standings()
        await settle(pilot)
        assert sorted(home_titles(app)) == ["by the app", "held by a command"]
        await pilot.press("ctrl+q")
    assert integrity(path) == [("ok",)]
