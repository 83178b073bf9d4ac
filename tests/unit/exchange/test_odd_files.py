"""A pipe, a device or a huge file named as the journal or the file to import is refused with a
sentence at once: nothing waits for a writer, nothing reads /dev/zero into memory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal.exchange.files import MAX_IMPORT_BYTES
from tests.unit.cli_runner import PASS, fill_journal

ROOT = Path(__file__).resolve().parents[3]


def command(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command line in a subprocess with a time limit: the old code hung on a pipe."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "MENTORJOURNAL_PASSPHRASE": PASS,
    }
    env.pop("MENTORJOURNAL_JOURNAL", None)
    return subprocess.run(
        [sys.executable, "-m", "tests.fast_cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=30,
    )


def one_sentence(done: subprocess.CompletedProcess[str], contains: str) -> None:
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr.startswith("mentorjournal: ") and done.stderr.count("\n") == 1
    assert contains in done.stderr


@pytest.mark.parametrize("cmd", [["search", "x"], ["info"], ["backup", "copy.db"], ["export"]])
def test_a_pipe_as_the_journal_is_refused(tmp_path: Path, cmd: list[str]) -> None:
    fifo = tmp_path / "j.db"
    os.mkfifo(fifo)
    argv = [str(tmp_path / a) if a.endswith(".db") else a for a in cmd]
    one_sentence(command("--journal", str(fifo), *argv), "not a regular file")
    assert not (tmp_path / "copy.db").exists()


@pytest.mark.parametrize("source", ["pipe", "/dev/zero", "folder"])
def test_import_refuses_what_is_not_a_file(tmp_path: Path, make_sample, source: str) -> None:
    fill_journal(tmp_path, make_sample)
    before = (tmp_path / "j.db").read_bytes()
    if source == "pipe":
        name = str(tmp_path / "in.json")
        os.mkfifo(name)
    elif source == "folder":
        name = str(tmp_path)
    else:
        name = source
    done = command("--journal", str(tmp_path / "j.db"), "import", name)
    one_sentence(done, "Nothing was imported")
    assert "not a file" in done.stderr
    assert (tmp_path / "j.db").read_bytes() == before


def test_import_refuses_a_file_over_the_cap(tmp_path: Path, make_sample) -> None:
    fill_journal(tmp_path, make_sample)
    before = (tmp_path / "j.db").read_bytes()
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:  # sparse: takes no room on disk
        fh.truncate(MAX_IMPORT_BYTES + 1)
    done = command("--journal", str(tmp_path / "j.db"), "import", str(huge))
    one_sentence(done, "is larger than 256 MiB")
    assert (tmp_path / "j.db").read_bytes() == before


def test_a_prompt_pack_pipe_is_refused(tmp_path: Path, make_sample) -> None:
    fill_journal(tmp_path, make_sample)
    os.mkfifo(tmp_path / "pack.toml")
    done = command(
        "--journal", str(tmp_path / "j.db"), "prompts-import", str(tmp_path / "pack.toml")
    )
    one_sentence(done, "a pipe, not a file")


@pytest.mark.parametrize(
    "rows",
    [
        "DELETE FROM schema_version",
        "DELETE FROM schema_version; INSERT INTO schema_version VALUES (0)",
    ],
    ids=["no row", "version 0"],
)
def test_tables_without_a_schema_row_are_called_damaged(tmp_path: Path, make_sample, rows) -> None:
    """Not "an older version … is the disk full?": nothing about it is an older journal."""
    fill_journal(tmp_path, make_sample)
    conn = sqlite3.connect(tmp_path / "j.db")
    conn.executescript(rows)
    conn.close()
    before = (tmp_path / "j.db").read_bytes()
    for argv in (["search", "x"], ["info"]):
        done = command("--journal", str(tmp_path / "j.db"), *argv)
        one_sentence(done, "not a MentorJournal journal, or it is damaged")
        assert "older version" not in done.stderr
    assert (tmp_path / "j.db").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.db"]  # no backup made
