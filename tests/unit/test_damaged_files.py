"""Damaged, foreign, read-only and full: each case gets one clear sentence — from ``Journal``, from
the command line (exit 1, one line, no traceback) and on the app's unlock screen (the app stays
up) — and the file is never overwritten or "repaired".

``test_store``, ``test_tampering`` and ``test_cli`` already cover opening a zero-byte, random,
header-then-garbage, foreign-SQLite or too-new file and a damaged key record through ``Journal``
(and some through the command line). This file adds truncated files, read-only files and
folders, a full disk, the same cases through the command line, and all of them through the app.

Read-only cases run "as an ordinary user": when the tests run as root, the calling thread gives
up CAP_DAC_OVERRIDE for the test (and threads it starts inherit that), so file modes apply.
A full disk is simulated two ways: every write statement and backup refused with SQLite's own
"database or disk is full" error, and — closer to the metal — a command-line subprocess whose
file-size limit (RLIMIT_FSIZE) makes every write past the first bytes fail in the kernel.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mentorjournal import cli, interchange
from mentorjournal.domain import Relationship, SupportContact
from mentorjournal.errors import JournalError, NotAJournal, StorageError
from mentorjournal.journal import Journal
from mentorjournal.store import db as db_module
from mentorjournal.store import migrations
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.fixtures.make_fixtures import PASSPHRASE as V1_PASSPHRASE
from tests.fixtures.make_fixtures import fixture_path

PASS = "pass phrase words"
NEW_PASS = "quartz lantern meadow harbour"
ROOT = Path(__file__).resolve().parents[2]
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


class FullCursor(sqlite3.Cursor):
    def execute(self, sql, *args):  # type: ignore[no-untyped-def, override]
        if write_verb(sql):
            raise _full()
        return super().execute(sql, *args)

    def executemany(self, sql, *args):  # type: ignore[no-untyped-def, override]
        if write_verb(sql):
            raise _full()
        return super().executemany(sql, *args)


class FullConnection(sqlite3.Connection):
    """Reads work; every statement that would write, and every backup, fails as a full disk."""

    def cursor(self, factory=None):  # type: ignore[no-untyped-def, override]
        return super().cursor(FullCursor)

    def execute(self, sql, *args):  # type: ignore[no-untyped-def, override]
        if write_verb(sql):
            raise _full()
        return super().execute(sql, *args)

    def executemany(self, sql, *args):  # type: ignore[no-untyped-def, override]
        if write_verb(sql):
            raise _full()
        return super().executemany(sql, *args)

    def backup(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        raise _full()


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


def v1_journal(folder: Path) -> Path:
    """A journal written by schema version 1 (opening it must upgrade it)."""
    path = folder / "j.db"
    shutil.copyfile(fixture_path(1), path)
    os.chmod(path, 0o600)
    return path


# --- damage makers: each turns the journal at ``path`` into a damaged or foreign file ----------


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _cut(keep: Callable[[int], int]) -> Callable[[Path], None]:
    def cut(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: keep(len(data))])

    return cut


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "zero bytes": (lambda p: p.write_bytes(b""), "is empty (0 bytes), so it is not a readable"),
    "not SQLite at all": (
        lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40),
        "is not a MentorJournal journal (it is not a database file).",
    ),
    "truncated at half": (_cut(lambda n: n // 2), DAMAGED),
    "truncated to the first page": (_cut(lambda n: 4096), DAMAGED),
    "one byte short": (_cut(lambda n: n - 1), TRUNCATED),
    "SQLite but not a journal": (
        lambda p: (p.unlink(), _sql(p, "CREATE TABLE notes (body TEXT)")),
        "is a database, but not a MentorJournal journal.",
    ),
    "key row missing": (
        lambda p: _sql(p, "DELETE FROM vault"),
        "The journal's key record is missing, so it cannot be opened.",
    ),
    "key row damaged": (
        lambda p: _sql(p, "UPDATE vault SET kdf = 'not json'"),
        "The journal's key record is damaged, so it cannot be opened.",
    ),
    "newer version": (
        lambda p: _sql(p, f"INSERT INTO schema_version VALUES ({migrations.LATEST + 1})"),
        "This journal was written by a newer version of MentorJournal; please upgrade.",
    ),
}


def damaged(filled: Path, kind: str) -> tuple[Path, str]:
    make, sentence = DAMAGE[kind]
    make(filled)
    return filled, sentence


# --- through Journal: what test_store and test_tampering do not cover yet ------------------------


@pytest.mark.parametrize(
    "kind", ["truncated at half", "truncated to the first page", "one byte short"]
)
def test_a_truncated_journal_is_refused_and_left_as_it_is(filled: Path, folder: Path, kind: str):
    path, sentence = damaged(filled, kind)
    before = files_in(folder)
    with pytest.raises(NotAJournal) as err:
        Journal.open(path, PASS)
    assert str(err.value) == sentence
    with pytest.raises(NotAJournal):
        Journal.info(path)
    assert files_in(folder) == before


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_journal_opens_reads_and_refuses_every_write(
    filled: Path, folder: Path, where: str, tmp_path: Path
) -> None:
    os.chmod(filled if where == "file" else folder, 0o400 if where == "file" else 0o500)
    before = files_in(folder)
    with modes_apply():
        journal = Journal.open(filled, PASS)
        try:
            exported = interchange.export_json(journal)
            assert len(journal.relationships()) == 2
            # A copy (the journal's own objects are its cache), as every screen edits one.
            contact = dataclasses.replace(journal.all(SupportContact)[0], note="changed")
            attempts: list[Callable[[], object]] = [
                lambda: journal.save(Relationship(title="new")),
                lambda: journal.save(contact),
                lambda: journal.save_many([Relationship(title="a"), Relationship(title="b")]),
                lambda: journal.set_setting("theme", "nord"),
                lambda: journal.delete(journal.relationships()[0]),
                lambda: journal.change_passphrase(NEW_PASS),
                lambda: interchange.import_text(journal, NEW_ENTRY_DOC),
            ]
            for attempt in attempts:
                with pytest.raises(StorageError) as err:
                    attempt()
                assert str(err.value) == READ_ONLY
            # Nothing half-done is shown either: the entries read back as they are on disk.
            assert journal.get(SupportContact, contact.id).note == "24 hours"
            assert interchange.export_json(journal) == exported
            # A backup to somewhere writable still works (it only reads the journal).
            journal.backup(tmp_path / "copy.db")
        finally:
            journal.close()
        assert files_in(folder) == before
    copy = Journal.open(tmp_path / "copy.db", PASS)
    try:
        assert interchange.export_json(copy) == exported
    finally:
        copy.close()


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_journal_that_needs_an_upgrade_is_left_as_it_is(
    folder: Path, where: str
) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    os.chmod(path if where == "file" else folder, 0o400 if where == "file" else 0o500)
    with modes_apply(), pytest.raises(StorageError) as err:
        Journal.open(path, V1_PASSPHRASE)
    assert str(err.value) == UPGRADE_FAILED
    assert path.read_bytes() == original
    left = set(files_in(folder)) - {"j.db"}
    # A copy made before the upgrade failed may stay beside it (it is the same journal).
    assert left <= {"j.db.v1.bak"}
    assert not (where == "folder" and left)
    assert Journal.info(path)["schema_version"] == 1


def test_full_disk_refuses_every_write_and_changes_nothing(
    filled: Path, folder: Path, full_disk, tmp_path: Path
) -> None:
    journal = Journal.open(filled, PASS)
    try:
        exported = interchange.export_json(journal)
        before = files_in(folder)
        contact = dataclasses.replace(journal.all(SupportContact)[0], note="changed")
        attempts: list[Callable[[], object]] = [
            lambda: journal.save(Relationship(title="new", purpose="x" * 100_000)),
            lambda: journal.save(contact),
            lambda: journal.set_setting("theme", "nord"),
            lambda: journal.delete(journal.relationships()[0]),
            lambda: journal.change_passphrase(NEW_PASS),
            lambda: interchange.import_text(journal, NEW_ENTRY_DOC),
        ]
        for attempt in attempts:
            with pytest.raises(StorageError) as err:
                attempt()
            assert str(err.value) == FULL
        with pytest.raises(StorageError) as err:
            journal.backup(tmp_path / "copy.db")
        assert str(err.value).startswith(f"The backup could not be written to {tmp_path}/copy.db")
        assert not list(tmp_path.glob("copy.db*"))
        assert journal.get(SupportContact, contact.id).note == "24 hours"
        assert interchange.export_json(journal) == exported
        assert files_in(folder) == before
        full_disk()  # space is freed: the same journal saves again
        journal.save(contact)
        assert journal.get(SupportContact, contact.id).note == "changed"
    finally:
        journal.close()


def test_full_disk_when_creating_leaves_no_file(folder: Path, full_disk) -> None:
    with pytest.raises(StorageError) as err:
        Journal.create(folder / "new.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    assert str(err.value) == FULL
    assert files_in(folder) == {}


def test_full_disk_when_an_upgrade_is_needed(folder: Path, full_disk) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    with pytest.raises(StorageError) as err:
        Journal.open(path, V1_PASSPHRASE)
    assert str(err.value) == UPGRADE_FAILED
    assert files_in(folder) == {"j.db": original}  # no half-made copy (.bak or .part) left


def test_sqlite_running_out_of_pages_is_a_full_disk(
    filled: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own SQLITE_FULL, not a simulated one: the file may not grow by a single page."""
    on_connect = db_module._on_connect

    def no_room(dbapi_conn, record):  # type: ignore[no-untyped-def]
        on_connect(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA max_page_count = 1")  # i.e. as many pages as it has now

    monkeypatch.setattr(db_module, "_on_connect", no_room)
    before = files_in(folder)
    journal = Journal.open(filled, PASS)
    try:
        with pytest.raises(StorageError) as err:
            journal.save(Relationship(title="big", purpose="words " * 100_000))
        assert str(err.value) == FULL
        assert len(journal.relationships()) == 2
    finally:
        journal.close()
    assert files_in(folder) == before


# --- through the command line ------------------------------------------------------------------


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], path: Path, data: Path) -> None:
        self.capsys = capsys
        self.path = path
        self.data = data

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        args = [str(self.data) if a == "DATA" else a for a in argv]
        code = cli.main(["--journal", str(self.path), *args], kdf=FAST_KDF_FOR_TESTS)
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def run(capsys, monkeypatch, filled: Path, tmp_path: Path) -> Cli:
    for name in ("JOURNAL", "RECOVERY_KEY"):
        monkeypatch.delenv(f"MENTORJOURNAL_{name}", raising=False)
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASS)
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", NEW_PASS)
    data = tmp_path / "import.json"
    data.write_text(NEW_ENTRY_DOC, encoding="utf-8")
    return Cli(capsys, filled, data)


def one_line(code: int, out: str, err: str, sentence: str) -> None:
    assert (code, out) == (1, ""), err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("mentorjournal: ")
    assert "Traceback" not in err
    assert sentence in err


COMMANDS = [["export"], ["import", "DATA"], ["search", "Amara"], ["passwd"], ["info"]]


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_the_command_line_names_each_damage_in_one_line(run: Cli, folder: Path, kind: str) -> None:
    _path, sentence = damaged(run.path, kind)
    before = files_in(folder)
    for command in COMMANDS:
        code, out, err = run(*command)
        one_line(code, out, err, sentence)
        assert files_in(folder) == before, command


@pytest.mark.parametrize("where", ["file", "folder"])
def test_the_command_line_on_a_read_only_journal(run: Cli, folder: Path, where: str, tmp_path):
    os.chmod(run.path if where == "file" else folder, 0o400 if where == "file" else 0o500)
    before = files_in(folder)
    with modes_apply():
        code, exported, err = run("export")
        assert (code, err) == (0, "")
        assert len(json.loads(exported)["relationships"]) == 2
        for command in (["import", "DATA"], ["passwd"]):
            code, out, err = run(*command)
            one_line(code, out, err, READ_ONLY)
        code, out, _err = run("backup", str(tmp_path / "copy.db"))
        assert code == 0
        assert run("search", "Amara")[0] == 0
    assert files_in(folder) == before


def test_the_command_line_on_a_full_disk(run: Cli, folder: Path, full_disk, tmp_path: Path):
    before = files_in(folder)
    for command in (["import", "DATA"], ["passwd"]):
        code, out, err = run(*command)
        one_line(code, out, err, FULL)
    code, out, err = run("backup", str(tmp_path / "copy.db"))
    one_line(code, out, err, f"The backup could not be written to {tmp_path / 'copy.db'}")
    code, out, err = cli_init(run, tmp_path / "new" / "j.db")
    one_line(code, out, err, FULL)
    assert not (tmp_path / "new" / "j.db").exists()
    assert files_in(folder) == before
    assert run("export")[0] == 0  # reading needs no space


def cli_init(run: Cli, path: Path) -> tuple[int, str, str]:
    run.capsys.readouterr()
    code = cli.main(["--journal", str(path), "init"], kdf=FAST_KDF_FOR_TESTS)
    out, err = run.capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", ["full disk", "read-only folder"])
def test_the_command_line_when_an_upgrade_cannot_be_saved(
    capsys, monkeypatch, folder: Path, case: str, request
) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", V1_PASSPHRASE)
    if case == "full disk":
        request.getfixturevalue("full_disk")
    else:
        os.chmod(folder, 0o500)
    with modes_apply():
        capsys.readouterr()
        code = cli.main(["--journal", str(path), "export"])
        out, err = capsys.readouterr()
    one_line(code, out, err, UPGRADE_FAILED)
    assert files_in(folder) == {"j.db": original}


IMPORTER = [sys.executable, "-m", "mentorjournal"]


def test_a_real_write_failure_in_a_subprocess(run: Cli, folder: Path) -> None:
    """The kernel refuses every write past 2 KiB (RLIMIT_FSIZE): the command says the journal
    could not be saved, in one line, and the journal is as it was — and works once it may grow."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "PYTHONDONTWRITEBYTECODE": "1",
        "MENTORJOURNAL_PASSPHRASE": PASS,
    }
    env.pop("MENTORJOURNAL_JOURNAL", None)
    before = files_in(folder)
    argv = [*IMPORTER, "--journal", str(run.path), "import", str(run.data)]
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, preexec_fn=limit
    )
    one_line(done.returncode, done.stdout, done.stderr, FULL)
    assert files_in(folder) == before
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert (done.returncode, done.stdout) == (0, "Imported 1 relationship.\n"), done.stderr
    conn = sqlite3.connect(run.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


# --- through the app's unlock screen -------------------------------------------------------------


async def settle(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def unlock_and_expect_refusal(path: Path, passphrase: str, sentence: str) -> None:
    from textual.widgets import Input, Static

    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.unlock import UnlockScreen

    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        for _attempt in range(2):  # refused each time, and the screen takes the next try
            await pilot.press(*passphrase, "enter")
            await settle(pilot)
            assert isinstance(app.screen, UnlockScreen)
            assert app.journal is None and app.is_running
            shown = str(app.screen.query_one("#unlock-message", Static).render())
            assert sentence in " ".join(shown.split())
            box = app.screen.query_one("#passphrase", Input)
            assert box.value == "" and not box.disabled and app.focused is box
        await pilot.press("ctrl+q")
    assert app.return_code == 0


@pytest.mark.parametrize("kind", list(DAMAGE))
async def test_the_unlock_screen_names_each_damage(filled: Path, folder: Path, kind: str) -> None:
    path, sentence = damaged(filled, kind)
    before = files_in(folder)
    await unlock_and_expect_refusal(path, PASS, sentence)
    assert files_in(folder) == before


@pytest.mark.parametrize("case", ["full disk", "read-only file", "read-only folder"])
async def test_the_unlock_screen_when_an_upgrade_cannot_be_saved(
    folder: Path, case: str, request
) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    if case == "full disk":
        request.getfixturevalue("full_disk")
    else:
        os.chmod(path if case == "read-only file" else folder, 0o400 if "file" in case else 0o500)
    with modes_apply():
        await unlock_and_expect_refusal(path, V1_PASSPHRASE, UPGRADE_FAILED)
    assert path.read_bytes() == original
    assert set(files_in(folder)) <= {"j.db", "j.db.v1.bak"}


@pytest.mark.parametrize("case", ["full disk", "read-only file", "read-only folder"])
async def test_the_app_on_a_journal_it_cannot_write(
    filled: Path, folder: Path, case: str, request
) -> None:
    """It opens and shows everything; a save is refused with the sentence in a notification."""
    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.home import HomeScreen, RelationshipItem

    if case == "full disk":
        request.getfixturevalue("full_disk")
        sentence = FULL
    else:
        os.chmod(filled if case == "read-only file" else folder, 0o400 if "file" in case else 0o500)
        sentence = READ_ONLY
    before = files_in(folder)
    with modes_apply():
        app = MentorJournalApp(filled, kdf=FAST_KDF_FOR_TESTS)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*PASS, "enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            shown = [i.standing.relationship.title for i in app.screen.query(RelationshipItem)]
            assert sorted(shown) == ["Board mentoring", "Reverse mentoring with Amara"]
            app.screen.run_journal(lambda: app.journal.save(Relationship(title="new")))
            await settle(pilot)
            assert sentence in [n.message for n in app._notifications]
            assert app.is_running and isinstance(app.screen, HomeScreen)
            await pilot.press("ctrl+q")
        assert app.return_code == 0
    assert files_in(folder) == before


def test_every_sentence_here_is_one_line_ending_in_a_full_stop() -> None:
    for sentence in [READ_ONLY, FULL, DAMAGED, TRUNCATED, UPGRADE_FAILED]:
        assert "\n" not in sentence and sentence.endswith(".")
    for _make, sentence in DAMAGE.values():
        assert "\n" not in sentence
    assert issubclass(StorageError, JournalError)
