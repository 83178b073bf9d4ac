"""Damaged, read-only and full journals through the command line: exit 1, one line naming the
case, no traceback, and the file left as it was — including a real write failure in a
subprocess whose file-size limit (RLIMIT_FSIZE) makes the kernel refuse the writes."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.fixtures.make_fixtures import PASSPHRASE as V1_PASSPHRASE
from tests.unit.cli_runner import fake_tui
from tests.unit.damaged_files.damage_makers import DAMAGE, damaged
from tests.unit.damaged_files.support import (
    FULL,
    NEW_ENTRY_DOC,
    NEW_PASS,
    PASS,
    READ_ONLY,
    UPGRADE_FAILED,
    files_in,
    modes_apply,
    v1_journal,
)

ROOT = Path(__file__).resolve().parents[3]

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


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_the_app_refuses_each_damage_before_any_passphrase(
    run: Cli, folder: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """No command: the same one line as the commands, and the app never starts (issue 12,
    point 18)."""
    started = fake_tui(monkeypatch)
    _path, sentence = damaged(run.path, kind)
    before = files_in(folder)
    code, out, err = run()
    one_line(code, out, err, sentence)
    assert started == [] and files_in(folder) == before


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


IMPORTER = [sys.executable, "-m", "tests.fast_cli"]  # the command line, fast test KDF


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
