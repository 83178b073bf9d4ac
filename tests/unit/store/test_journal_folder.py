"""An existing journal folder that lets other people in (0755) is made 0700, with a notice,
when it is the journal's own; a shared folder is left as it is."""

from __future__ import annotations

import stat
from pathlib import Path

from mentorjournal.store import folder
from tests.unit.cli_runner import fill_journal, start_cli


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_our_loose_folder_is_tightened_with_a_notice(
    tmp_path: Path, capsys, monkeypatch, make_sample
):
    fill_journal(tmp_path, make_sample)
    (tmp_path / "j.db.v2.bak").write_bytes(b"")  # our own backups may sit beside it
    tmp_path.chmod(0o755)
    run = start_cli(capsys, monkeypatch, tmp_path)
    code, out, err = run("search", "panel")
    assert code == 0 and "panel" in out
    assert mode(tmp_path) == 0o700
    assert err == (
        f"mentorjournal: The journal's folder {tmp_path} could be opened by other people on this "
        "computer (mode 0755); it is now yours only (0700).\n"
    )
    code, out, err = run("search", "panel")
    assert (code, err) == (0, "")  # said once


def test_a_folder_holding_other_files_is_left_alone(
    tmp_path: Path, capsys, monkeypatch, make_sample
):
    fill_journal(tmp_path, make_sample)
    (tmp_path / "holiday-photos.txt").write_text("not ours")
    tmp_path.chmod(0o755)
    run = start_cli(capsys, monkeypatch, tmp_path)
    code, _out, err = run("search", "panel")
    assert (code, err) == (0, "")
    assert mode(tmp_path) == 0o755


def test_a_subfolder_or_link_makes_it_not_ours(tmp_path: Path, make_sample) -> None:
    fill_journal(tmp_path, make_sample)
    tmp_path.chmod(0o750)
    (tmp_path / "j.db-link").symlink_to(tmp_path / "j.db")
    folder.tighten(tmp_path / "j.db")
    assert mode(tmp_path) == 0o750 and folder.take_notices() == []
    (tmp_path / "j.db-link").unlink()
    folder.tighten(tmp_path / "j.db")
    assert mode(tmp_path) == 0o700 and len(folder.take_notices()) == 1


def test_init_in_an_existing_empty_loose_folder_tightens_it(tmp_path: Path, capsys, monkeypatch):
    home = tmp_path / "data"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    run = start_cli(capsys, monkeypatch, tmp_path)
    run.env(journal=str(home / "journal.db"))
    code, out, err = run("init")
    assert code == 0 and "Recovery key:" in out
    assert mode(home) == 0o700 and "it is now yours only" in err
