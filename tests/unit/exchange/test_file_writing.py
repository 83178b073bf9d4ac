"""Files the app writes (exports, calendars, prompt packs, shared plans, backups) go through a
new, exclusively made temporary file (never a predictable ``NAME.part``), 0600, fsynced, then
renamed; a link at the final name is refused and never followed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mentorjournal.errors import StorageError
from mentorjournal.exchange.files import write_new_file
from mentorjournal.journal.journal import Journal
from mentorjournal.store import atomic
from tests.unit.cli_runner import assert_one_error_line, fill_journal, start_cli


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_a_pre_made_world_readable_part_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    part = tmp_path / "out.md.part"
    part.write_text("planted")
    part.chmod(0o644)
    write_new_file(target, "secret words")
    assert part.read_text() == "planted"  # never opened, never given the plaintext
    assert target.read_text() == "secret words"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == ["out.md", "out.md.part"]


def test_a_part_link_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")
    (tmp_path / "out.json.part").symlink_to(elsewhere)
    write_new_file(tmp_path / "out.json", "{}")
    assert elsewhere.read_text() == "someone else's file"
    assert (tmp_path / "out.json").read_text() == "{}"
    assert (tmp_path / "out.json.part").is_symlink()


@pytest.mark.parametrize("points_at", ["a file", "nothing"])
def test_a_link_at_the_final_name_is_refused(tmp_path: Path, points_at: str) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    if points_at == "a file":
        elsewhere.write_text("someone else's file")
    (tmp_path / "out.ics").symlink_to(elsewhere)
    with pytest.raises(StorageError, match="is a link"):
        write_new_file(tmp_path / "out.ics", "BEGIN:VCALENDAR")
    assert (tmp_path / "out.ics").is_symlink()
    if points_at == "a file":
        assert elsewhere.read_text() == "someone else's file"
    else:
        assert not elsewhere.exists()
    assert leftovers(tmp_path, "out.ics", "elsewhere.txt") == []


def test_the_file_and_its_folder_are_fsynced(tmp_path: Path, monkeypatch) -> None:
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        synced.append("folder" if stat.S_ISDIR(mode) else "file")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", spy)
    write_new_file(tmp_path / "out.txt", "x")
    assert synced == ["file", "folder"]


def test_the_temporary_file_is_made_exclusively_and_unguessably(tmp_path: Path, monkeypatch):
    opened: list[tuple[str, int, int]] = []
    real = os.open

    def spy(path, flags, mode=0o777, **kw):
        opened.append((str(path), flags, mode))
        return real(path, flags, mode, **kw)

    monkeypatch.setattr(atomic.os, "open", spy)
    write_new_file(tmp_path / "a.txt", "x")
    write_new_file(tmp_path / "a.txt", "y")
    temps = [o for o in opened if o[0].endswith(".part")]
    assert len(temps) == 2 and temps[0][0] != temps[1][0]
    for _name, flags, mode in temps:
        assert flags & os.O_EXCL and flags & os.O_CREAT and flags & os.O_NOFOLLOW
        assert mode == 0o600
    assert (tmp_path / "a.txt").read_text() == "y"


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "out.txt").write_text("before")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(StorageError, match="No space left on device"):
        write_new_file(tmp_path / "out.txt", "after")
    assert (tmp_path / "out.txt").read_text() == "before"
    assert leftovers(tmp_path) == ["out.txt"]


def test_backup_ignores_a_planted_part_and_refuses_a_link(
    journal: Journal, sample, tmp_path: Path, passphrase: str
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (folder / "copy.db.part").symlink_to(victim)  # made `backup` overwrite the link's target
    journal.backup(folder / "copy.db")
    assert victim.read_text() == "keep me"
    assert stat.S_IMODE((folder / "copy.db").stat().st_mode) == 0o600
    copy = Journal.open(folder / "copy.db", passphrase)
    copy.close()
    (folder / "link.db").symlink_to(victim)
    with pytest.raises(Exception, match="already exists"):
        journal.backup(folder / "link.db")
    assert victim.read_text() == "keep me"
    assert leftovers(folder) == ["copy.db", "copy.db.part", "link.db"]


def test_export_through_a_link_is_refused_by_the_command_line(
    tmp_path: Path, capsys, monkeypatch, make_sample
) -> None:
    fill_journal(tmp_path, make_sample)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.md").symlink_to(victim)
    run = start_cli(capsys, monkeypatch, tmp_path)
    code, out, err = run("export", "--format", "markdown", "-o", str(tmp_path / "out.md"))
    assert_one_error_line(code, out, err, "is a link")
    assert victim.read_text() == "keep me"
