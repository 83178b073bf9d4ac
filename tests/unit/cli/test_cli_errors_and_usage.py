"""The command line's failures (DESIGN.md "Command line"), through ``cli.main(argv)``: every
error is one line and exit 1, bad usage exits 2; also ``--version`` and the ``--journal`` flag."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mentorjournal import __version__
from mentorjournal.cli.inputs import journal_path
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.cli_runner import NEW_PASS, Cli, assert_one_error_line, fill_journal, start_cli


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    return start_cli(capsys, monkeypatch, tmp_path)


@pytest.fixture
def filled(tmp_path: Path, make_sample):
    """A journal at $MENTORJOURNAL_JOURNAL with the sample in it."""
    return fill_journal(tmp_path, make_sample)


# --- errors: one line, exit 1; usage: exit 2 --------------------------------------------------


def _random_file(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong passphrase", "That passphrase does not open this journal."),
        ("missing journal", "create one with “mentorjournal init”."),
        ("random bytes", "is not a MentorJournal journal (it is not a database file)."),
        ("zero bytes", "is empty (0 bytes), so it is not a readable journal."),
        ("SQLite header then garbage", "The journal file is damaged and cannot be read"),
        ("a folder", "is a folder, not a journal file."),
    ],
)
@pytest.mark.parametrize("command", [["export"], ["search", "x"], ["import", "f.json"]])
def test_unopenable_journals_give_one_line(
    run: Cli, tmp_path: Path, case: str, expected: str, command: list[str]
) -> None:
    path = tmp_path / "j.db"
    (tmp_path / "f.json").write_text('{"format": "mentorjournal", "version": 1}')
    if case == "wrong passphrase":
        Journal.create(path, "some other words", kdf=FAST_KDF_FOR_TESTS)[0].close()
    elif case == "random bytes":
        _random_file(path)
    elif case == "zero bytes":
        path.write_bytes(b"")
    elif case == "SQLite header then garbage":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    elif case == "a folder":
        path.mkdir()
    before = path.read_bytes() if path.is_file() else None
    command = [str(tmp_path / "f.json") if c == "f.json" else c for c in command]
    code, out, err = run(*command)
    assert_one_error_line(code, out, err, expected)
    if before is not None:
        assert path.read_bytes() == before
    else:
        assert case != "missing journal" or not path.exists()


@pytest.mark.parametrize("command", ["info", "backup", "passwd", "recover"])
def test_other_commands_on_a_foreign_file(run: Cli, tmp_path: Path, command: str) -> None:
    _random_file(tmp_path / "j.db")
    run.env(new_passphrase=NEW_PASS, recovery_key="AAAA")
    argv = [command, str(tmp_path / "b.db")] if command == "backup" else [command]
    code, out, err = run(*argv)
    assert_one_error_line(code, out, err, "is not a MentorJournal journal")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json", "Nothing was imported: the file is not valid JSON"),
        (b'{"format": "mentorjournal", "version": 9}', "Nothing was imported: the file is version"),
        (
            b'{"format": "mentorjournal", "version": 1, "support_contacts": [{"id": "x"}]}',
            "Nothing was imported: support_contacts[0]: “name” is missing.",
        ),
    ],
)
def test_bad_import_gives_one_line_and_changes_nothing(
    run: Cli, filled, tmp_path: Path, content: bytes, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    _, before, _ = run("export")
    code, out, err = run("import", str(bad))
    assert_one_error_line(code, out, err, expected)
    assert run("export")[1] == before


def test_import_of_a_missing_file(run: Cli, filled, tmp_path: Path) -> None:
    code, out, err = run("import", str(tmp_path / "nope.json"))
    assert_one_error_line(code, out, err, "nope.json cannot be read: No such file or directory.")


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["search"],
        ["import"],
        ["backup"],
        ["export", "--format", "pdf"],
        ["info", "--yaml"],
        ["--journal"],
    ],
)
def test_bad_usage_exits_2(run: Cli, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(*argv)
    assert exc.value.code == 2
    err = run.capsys.readouterr().err
    assert "usage: mentorjournal" in err
    assert "Traceback" not in err


def test_version(run: Cli) -> None:
    with pytest.raises(SystemExit) as exc:
        run("--version")
    assert exc.value.code == 0
    assert run.capsys.readouterr().out == f"mentorjournal {__version__}\n"


def test_journal_flag_beats_the_environment(run: Cli, tmp_path: Path) -> None:
    flagged = tmp_path / "flag" / "j.db"
    code, out, _ = run("--journal", str(flagged), "init")
    assert code == 0
    assert flagged.exists() and not (tmp_path / "j.db").exists()
    assert stat.S_IMODE(flagged.parent.stat().st_mode) == 0o700
    assert journal_path(None) == tmp_path / "j.db"
    assert journal_path("~/x.db") == Path.home() / "x.db"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--journal", "{f}/sub/j.db", "init"],
            "cannot be created at {f}/sub/j.db: Not a directory.",
        ),
        (["--journal", "{f}/j.db", "init"], "cannot be created at {f}/j.db: Not a directory."),
        (["export", "-o", "{f}/out.json"], "{f}/out.json could not be written: Not a directory."),
        (["backup", "{f}/copy.db"], "The backup could not be written to {f}/copy.db:"),
    ],
)
def test_impossible_paths_give_one_line(
    run: Cli, filled, tmp_path: Path, argv: list[str], expected: str
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    code, out, err = run(*[arg.format(f=a_file) for arg in argv])
    assert_one_error_line(code, out, err, expected.format(f=a_file))
    assert a_file.read_text() == "not a folder"
