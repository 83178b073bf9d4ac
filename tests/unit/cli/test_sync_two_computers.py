"""Two computers — two state folders (``XDG_STATE_HOME``: each its own computer id and sync
folder) and two journals — sharing one sync folder through ``mentorjournal sync-folder`` and
``mentorjournal sync``: the second computer's journal is made from the first one's snapshot,
each writes only its own snapshot, and after editing apart and syncing, nothing typed on either
is missing from either journal's export or history; syncing again changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from mentorjournal.domain import ActionStep, Reflection, Relationship
from mentorjournal.exchange.interchange import export_json
from mentorjournal.journal.journal import Journal
from mentorjournal.store import snapshots
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.cli_runner import PASS, Cli, assert_one_error_line, start_cli
from tests.unit.sync_support import MARKER, Clock, computer, edited, fingerprint, leaks


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    return start_cli(capsys, monkeypatch, tmp_path)


class Computer:
    """One simulated computer: its own state folder (``XDG_STATE_HOME``) — or, ``by_home``, its
    own home folder (``HOME``) with the state folder shared — and its own journal."""

    def __init__(
        self, run: Cli, monkeypatch: pytest.MonkeyPatch, home: Path, by_home: bool = False
    ) -> None:
        self.run, self.monkeypatch, self.home, self.by_home = run, monkeypatch, home, by_home
        self.journal = home / "data" / "journal.db"

    @contextmanager
    def inside(self) -> Iterator[None]:
        if not self.by_home:
            with computer(self.monkeypatch, self.home / "state"):
                yield
            return
        with self.monkeypatch.context() as m:
            m.setenv("HOME", str(self.home))
            yield

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        with self.inside():
            return self.run("--journal", str(self.journal), *argv)

    def edit(self, change, clock: Clock) -> None:  # noqa: ANN001
        with self.inside():
            edited(self.journal, PASS, change, clock)

    def export(self) -> str:
        with self.inside():
            journal = Journal.open(self.journal, PASS)
            try:
                return export_json(journal)
            finally:
                journal.close()


@pytest.fixture(params=["state folders", "home folders"])
def pair(request: pytest.FixtureRequest, run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    by_home = request.param == "home folders"
    work = Computer(run, monkeypatch, tmp_path / "work", by_home)
    home = Computer(run, monkeypatch, tmp_path / "home", by_home)
    shared = tmp_path / "Sync" / "MentorJournal"
    shared.parent.mkdir()
    return work, home, shared


def test_two_computers_edit_apart_and_sync(pair, tmp_path: Path) -> None:
    work, home, shared = pair
    clock = Clock()
    assert work("init")[0] == 0
    rel = Relationship(title="Reverse mentoring")
    base = Reflection(rel.id, clock(), description="First thoughts")
    work.edit(lambda j: j.save_many([rel, base]), clock)

    code, out, err = work("sync-folder", str(shared))
    assert (code, err) == (0, "")
    assert f"Sync folder: {shared}" in out
    assert len(list(shared.glob("*.mjsnap"))) == 1

    code, out, err = home("sync-folder", str(shared))  # no journal there yet: made from it
    assert (code, err) == (0, "")
    assert "There was no journal here yet: it was made from a snapshot" in out
    assert len(list(shared.glob("*.mjsnap"))) == 2  # each computer its own

    def at_work(j: Journal) -> None:
        r = j.get(Reflection, base.id)
        r.description = "First thoughts, then more at work"
        r.feelings = f"{MARKER} felt at work"
        j.save(r)
        j.save(ActionStep(rel.id, "Ask HR for the panel data"))

    def at_home(j: Journal) -> None:
        r = j.get(Reflection, base.id)
        r.description = "First thoughts, rewritten at home"
        r.analysis = "Analysed at home"
        j.save(r)
        j.save(Reflection(rel.id, clock(), description="A whole reflection from home"))

    work.edit(at_work, clock)
    home.edit(at_home, clock)
    for who in (work, home, work):
        code, out, err = who("sync")
        assert (code, err) == (0, ""), out

    for who in (work, home):
        text = who.export()
        for words in (  # (the older of the two descriptions is in its history: below)
            "felt at work",
            "Ask HR for the panel data",
            "Analysed at home",
            "A whole reflection from home",
        ):
            assert words in text
        journal = Journal.open(who.journal, PASS)
        try:
            current = journal.get(Reflection, base.id).description
            older = {v.text for v in journal.versions(base.id, "description")}
        finally:
            journal.close()
        typed = {
            "First thoughts",
            "First thoughts, then more at work",
            "First thoughts, rewritten at home",
        }
        assert typed <= older | {current}  # the one not current is in its history
    assert work.export() == home.export()
    assert leaks(MARKER, tmp_path) == []  # journals, snapshots, state: all encrypted

    # Nothing new anywhere: syncing again writes nothing, on either computer.
    before = [fingerprint(p) for p in (work.journal, home.journal, *sorted(shared.iterdir()))]
    for who in (work, home):
        code, out, _err = who("sync")
        assert code == 0
        assert "Nothing new from the other computers." in out
        assert "This computer's snapshot was up to date." in out
    after = [fingerprint(p) for p in (work.journal, home.journal, *sorted(shared.iterdir()))]
    assert after == before


def test_each_computer_writes_only_its_own_snapshot(pair) -> None:
    work, home, shared = pair
    work("init")
    work("sync-folder", str(shared))
    home("sync-folder", str(shared))
    names = sorted(p.name for p in shared.iterdir())
    computers = {snapshots.parse(n)[1] for n in names}  # type: ignore[index]
    journals = {snapshots.parse(n)[0] for n in names}  # type: ignore[index]
    assert len(names) == len(computers) == 2 and len(journals) == 1


def test_the_sync_folder_is_said_changed_and_turned_off(pair) -> None:
    work, _home, shared = pair
    work("init")
    assert work("sync-folder") == (
        0,
        "No sync folder is set for this journal on this computer; choose one with "
        "“mentorjournal sync-folder PATH”.\n",
        "",
    )
    work("sync-folder", str(shared))
    assert work("sync-folder")[1] == f"Sync folder: {shared}\n"
    assert f"Sync folder:    {shared}" in work("info")[1]
    code, out, _err = work("sync-folder", "--off")
    assert code == 0 and "no longer keeps a snapshot" in out
    code, out, err = work("sync")
    assert_one_error_line(code, out, err, "No sync folder is set")


def test_the_journals_own_folder_cannot_be_the_sync_folder(pair) -> None:
    work, _home, _shared = pair
    work("init")
    code, out, err = work("sync-folder", str(work.journal.parent))
    assert_one_error_line(code, out, err, "the sync folder must be another folder")


def test_joining_needs_a_snapshot_the_passphrase_opens(pair, run: Cli) -> None:
    work, home, shared = pair
    shared.mkdir()
    code, out, err = home("sync-folder", str(shared))
    assert_one_error_line(code, out, err, "no snapshot in")
    work("init")
    work("sync-folder", str(shared))
    run.env(passphrase="not the right words")
    code, out, err = home("sync-folder", str(shared))
    assert_one_error_line(code, out, err, "opens with that passphrase")
    assert not home.journal.exists()


def test_a_snapshot_is_written_only_when_the_journal_changed(pair) -> None:
    work, _home, shared = pair
    work("init")
    work("sync-folder", str(shared))
    (snap,) = shared.iterdir()
    before = fingerprint(snap)
    assert "was up to date" in work("sync")[1]
    assert fingerprint(snap) == before
    work.edit(lambda j: j.save(Relationship(title="New")), Clock())
    assert "snapshot is written" in work("sync")[1]
    assert fingerprint(snap) != before


def test_kdf_of_the_tests_is_the_one_used(pair) -> None:
    """(The fixtures make journals with the fast, test-only KDF.)"""
    assert FAST_KDF_FOR_TESTS.memory_kib < 1024
