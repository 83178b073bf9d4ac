"""The command line contract (DESIGN.md "Command line"), through ``cli.main(argv)``: what each
command does when it works (errors and usage are in test_cli_errors_and_usage.py)."""

from __future__ import annotations

import json
import re
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentorjournal.domain import Meeting, Relationship, SupportContact
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.cli_runner import (
    NEW_PASS,
    PASS,
    Cli,
    assert_one_error_line,
    fill_journal,
    start_cli,
)

RECOVERY_LINE = re.compile(r"^Recovery key: [A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    return start_cli(capsys, monkeypatch, tmp_path)


@pytest.fixture
def filled(tmp_path: Path, make_sample):
    """A journal at $MENTORJOURNAL_JOURNAL with the sample in it."""
    return fill_journal(tmp_path, make_sample)


# --- init and info --------------------------------------------------------------------------


def test_init_shows_the_recovery_key_once_and_it_works(run: Cli, tmp_path: Path) -> None:
    code, out, err = run("init")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    keys = [ln for ln in lines if RECOVERY_LINE.match(ln)]
    assert len(keys) == 1
    assert out.count("Recovery key:") == 1
    assert lines[0] == f"Created a journal at {tmp_path / 'j.db'}"
    assert stat.S_IMODE((tmp_path / "j.db").stat().st_mode) == 0o600
    key = keys[0].removeprefix("Recovery key: ")
    Journal.open(tmp_path / "j.db", PASS).close()
    Journal.recover(tmp_path / "j.db", key, NEW_PASS).close()
    Journal.open(tmp_path / "j.db", NEW_PASS).close()


def test_init_twice_refuses_and_keeps_the_journal(run: Cli, tmp_path: Path) -> None:
    assert run("init")[0] == 0
    before = (tmp_path / "j.db").read_bytes()
    code, out, err = run("init")
    assert_one_error_line(code, out, err, "A journal already exists at")
    assert (tmp_path / "j.db").read_bytes() == before


def test_init_uses_the_new_passphrase_variable_first(run: Cli, tmp_path: Path) -> None:
    run.env(new_passphrase=NEW_PASS)
    assert run("init")[0] == 0
    Journal.open(tmp_path / "j.db", NEW_PASS).close()


def test_init_warns_about_a_weak_passphrase_in_one_line(run: Cli) -> None:
    run.env(passphrase="abc")
    code, out, err = run("init")
    assert code == 0
    assert err.startswith("Warning: the new passphrase is ")
    assert err.count("\n") == 1
    assert out.count("Recovery key:") == 1


def test_init_without_a_passphrase_or_terminal(run: Cli, tmp_path: Path) -> None:
    run.env(passphrase=None)
    code, out, err = run("init")
    assert_one_error_line(code, out, err, "there is no terminal to ask in")
    assert not (tmp_path / "j.db").exists()


def test_default_init_then_info_json(run: Cli, tmp_path: Path) -> None:
    code, out, _ = run("--journal", str(tmp_path / "real.db"), "init", kdf=None)
    assert code == 0 and out.count("Recovery key:") == 1
    run.env(passphrase=None)  # info never needs it
    code, out, err = run("--journal", str(tmp_path / "real.db"), "info", "--json")
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert info["kdf"]["name"] == "argon2id"
    assert info["kdf"]["memory_kib"] >= 65536
    assert info["kdf"]["iterations"] >= 3
    assert info["kdf"]["lanes"] == 4
    assert info["cipher"] == "AES-256-GCM"
    assert info["schema_version"] == 6
    assert info["path"] == str((tmp_path / "real.db").resolve())


def test_info_in_words(run: Cli, filled) -> None:
    code, out, _ = run("info")
    assert code == 0
    assert out.splitlines()[1:] == [
        "Schema version: 6",
        "Cipher:         AES-256-GCM",
        "Key derivation: argon2id, 0 MiB, 1 iterations, 1 lanes",
    ]


# --- export, import, search -------------------------------------------------------------------


def test_export_then_import_round_trips_exactly(run: Cli, filled, tmp_path: Path) -> None:
    code, first, err = run("export")
    assert (code, err) == (0, "")
    assert json.loads(first)["format"] == "mentorjournal"
    exported = tmp_path / "out.json"
    exported.write_text(first, encoding="utf-8")
    other = tmp_path / "other.db"
    Journal.create(other, PASS, kdf=FAST_KDF_FOR_TESTS)[0].close()
    code, out, err = run("--journal", str(other), "import", str(exported))
    assert (code, err) == (0, "")
    assert out == (
        "Imported 2 relationships, 3 meetings, 1 reflection, 4 actions, 1 review, "
        "1 well-being check-in, 1 support contact, 2 own prompts.\n"
    )
    code, second, _ = run("--journal", str(other), "export", "--format", "json")
    assert second == first
    code, out, _ = run("--journal", str(other), "import", str(exported))
    assert (code, out) == (0, "Imported nothing new; 15 already present.\n")


def test_export_to_a_file(run: Cli, filled, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    code, out, err = run("export", "--format", "markdown", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Exported to {target} (not encrypted: keep it safe).\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Board mentoring\n")


def test_export_markdown_has_headings(run: Cli, filled) -> None:
    code, out, _ = run("export", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert "# Reverse mentoring with Amara" in lines
    assert "## Meetings" in lines and "## Reflections (Gibbs)" in lines
    assert "## Action plan" in lines


def test_search_prints_one_tab_separated_line_per_match(run: Cli, filled) -> None:
    code, out, err = run("search", "PANEL")
    assert (code, err) == (0, "")
    rows = [line.split("\t") for line in out.splitlines()]
    assert out.endswith("\n") and len(rows) == 4
    assert all(len(r) == 4 for r in rows)
    assert [r[:3] for r in rows] == [
        ["2026-03-10", "meeting", "Reverse mentoring with Amara"],
        ["2026-02-28", "action", "Reverse mentoring with Amara"],
        ["2026-02-10", "meeting", "Reverse mentoring with Amara"],
        ["2026-02-10", "reflection", "Reverse mentoring with Amara"],
    ]
    assert rows[0][3] == "Bring the panel data."
    assert all("panel" in r[3].lower() for r in rows)


def test_search_without_relationship_and_without_match(run: Cli, filled) -> None:
    code, out, _ = run("search", "assistance")
    assert code == 0
    (row,) = [line.split("\t") for line in out.splitlines()]
    assert row[1:] == ["support", "-", "Employee assistance"]
    code, out, err = run("search", "zebra")
    assert (code, out) == (0, "")
    assert err == "No entry contains “zebra”.\n"


def test_search_lines_stay_whole_whatever_the_text(run: Cli, tmp_path: Path) -> None:
    j, _ = Journal.create(tmp_path / "j.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    rel = Relationship(title="Two\nlines\tand a tab")
    j.save_many(
        [
            rel,
            Meeting(
                relationship_id=rel.id,
                starts_at=datetime(2026, 5, 1, tzinfo=UTC),
                notes="before\r\nneedle\tafter\nmore",
            ),
            SupportContact(name="needle\nin\nhaystack"),
        ]
    )
    j.close()
    code, out, _ = run("search", "needle")
    assert code == 0
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    for line in lines[:-1]:
        assert line.count("\t") == 3 and "\r" not in line
    rows = [line.split("\t") for line in lines[:-1]]
    assert [r[1:3] for r in rows] == [["support", "-"], ["meeting", "Two lines and a tab"]]


# --- passphrases -------------------------------------------------------------------------------


def test_passwd_then_the_old_passphrase_fails(run: Cli, filled, tmp_path: Path) -> None:
    run.env(new_passphrase=NEW_PASS)
    code, out, err = run("passwd")
    assert (code, out, err) == (0, "The passphrase is changed.\n", "")
    run.env(new_passphrase=None)
    code, out, err = run("search", "panel")
    assert_one_error_line(code, out, err)
    assert err == "mentorjournal: That passphrase does not open this journal.\n"
    run.env(passphrase=NEW_PASS)
    code, out, _ = run("search", "panel")
    assert code == 0 and out.count("\n") == 4


def test_passwd_needs_a_new_passphrase(run: Cli, filled) -> None:
    code, out, err = run("passwd")
    assert_one_error_line(code, out, err, "there is no terminal to ask in")


def test_recover_with_the_recovery_key(run: Cli, filled, tmp_path: Path) -> None:
    _sample, recovery_key = filled
    run.env(passphrase=None, recovery_key=recovery_key.lower(), new_passphrase=NEW_PASS)
    code, out, err = run("recover")
    assert (code, out, err) == (0, "The journal has a new passphrase.\n", "")
    Journal.open(tmp_path / "j.db", NEW_PASS).close()
    run.env(recovery_key="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    code, out, err = run("recover")
    assert_one_error_line(code, out, err)
    assert err == "mentorjournal: That recovery key does not open this journal.\n"


# --- backup -----------------------------------------------------------------------------------


def test_backup_opens_with_the_same_passphrase_and_hides_the_words(
    run: Cli, tmp_path: Path
) -> None:
    j, _ = Journal.create(tmp_path / "j.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    j.save(Relationship(title="ZQX-MARKER-backup", purpose="ZQX-MARKER-purpose"))
    j.close()
    target = tmp_path / "copies" / "copy.db"
    target.parent.mkdir()
    code, out, err = run("backup", str(target))
    assert (code, out, err) == (0, f"Backed up to {target} (still encrypted).\n", "")
    assert b"ZQX" not in target.read_bytes()
    copy = Journal.open(target, PASS)
    assert [r.title for r in copy.relationships()] == ["ZQX-MARKER-backup"]
    copy.close()
    code, out, err = run("backup", str(target))
    assert_one_error_line(code, out, err, "already exists; choose another name.")
