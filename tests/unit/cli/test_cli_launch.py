"""``mentorjournal`` with no command on a file that is no journal refuses at once, as ``info``
does: one sentence, exit 1, and the app (with its passphrase screen) never starts (issue 12,
point 18). A journal still starts the app, without the journal code loaded first."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.cli_runner import assert_one_error_line, fake_tui, fill_journal, start_cli

ROOT = Path(__file__).resolve().parents[3]


def sqlite_notes(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()


NOT_JOURNALS: dict[str, tuple[Callable[[Path], object], str]] = {
    "random bytes": (
        lambda p: p.write_bytes(os.urandom(8192)),
        "is not a MentorJournal journal (it is not a database file).",
    ),
    "a text file": (
        lambda p: p.write_text("Dear diary,\nToday I met Amara.\n", encoding="utf-8"),
        "is not a MentorJournal journal (it is not a database file).",
    ),
    "an empty file": (lambda p: p.write_bytes(b""), "is empty (0 bytes)"),
    "SQLite, not a journal": (sqlite_notes, "is a database, but not a MentorJournal journal."),
    "a folder": (lambda p: p.mkdir(), "is a folder, not a journal file."),
}


@pytest.mark.parametrize("kind", list(NOT_JOURNALS))
def test_no_command_on_what_is_no_journal_refuses_at_once_as_info_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    started = fake_tui(monkeypatch)
    make, sentence = NOT_JOURNALS[kind]
    path = tmp_path / "j.db"
    make(path)
    before = sorted(os.listdir(tmp_path))
    run = start_cli(capsys, monkeypatch, tmp_path)

    code, out, err = run()
    assert_one_error_line(code, out, err, sentence)
    assert started == []  # no passphrase was asked: the app never started
    assert sorted(os.listdir(tmp_path)) == before  # nothing made beside it
    assert run("info") == (code, out, err)  # the same sentence as info
    code, out, err = run("--journal", str(path))
    assert_one_error_line(code, out, err, sentence)
    assert started == []


def test_a_journal_starts_the_app_without_the_journal_code_loaded_first(
    tmp_path: Path, make_sample: Callable[..., object]
) -> None:
    """The quick look uses the standard library only: SQLAlchemy, SQLModel and the journal load
    in the app's worker while the person types, not before the unlock screen paints."""
    fill_journal(tmp_path, make_sample)
    script = (
        "import sys, types\n"
        "fake = types.ModuleType('mentorjournal.tui.app')\n"
        "def run_app(path, **kw):\n"
        "    heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'mentorjournal.journal.journal')"
        " if m in sys.modules]\n"
        "    print('started', path.name, heavy)\n"
        "    return 0\n"
        "fake.run_app = run_app\n"
        "sys.modules['mentorjournal.tui.app'] = fake\n"
        "from mentorjournal.cli import main\n"
        "raise SystemExit(main())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MENTORJOURNAL_JOURNAL": ""}
    done = subprocess.run(
        [sys.executable, "-c", script, "--journal", str(tmp_path / "j.db")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "started j.db []\n"


def test_no_file_yet_starts_the_app_for_the_first_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = fake_tui(monkeypatch)
    run = start_cli(capsys, monkeypatch, tmp_path)
    assert run() == (0, "", "")
    assert started == [tmp_path / "j.db"] and not (tmp_path / "j.db").exists()
