"""Found for you: the conflicted copies sync tools leave beside a journal (by the names each
tool gives them, and only copies of this journal), and whether the journal's own folder is
one a sync tool carries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mentorjournal.exchange.found_copies import conflicted_copies, synced_place
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import PASSPHRASE

COPY_NAMES = [
    ("journal.sync-conflict-20260115-143045-ABCDEF7.db", "Syncthing"),
    ("journal (Sam's conflicted copy 2026-01-15).db", "Dropbox"),
    ("journal (conflicted copy 2026-01-15).db", "Dropbox"),
    ("journal (Sam's conflicted copy 2026-01-15 (1)).db", "Dropbox"),
    ("journal (conflicted copy 2026-01-15 143045).db", "Nextcloud"),
    ("journal_conflict-20260115-143045.db", "ownCloud"),
]
NOT_COPIES = [
    "journal.db.v4.bak",
    "journal.sync-conflict-20260115-143045-ABCDEF7.db-journal",
    "journal-backup-2026-01-15.db",
    "journal-LAPTOP.db",  # OneDrive's name, but this is no OneDrive folder
    "journal (1).db",
    "other.sync-conflict-20260115-143045-ABCDEF7.db",
    ".journal.db.1234abcd.part",
]


def make_journal(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "journal.db"
    Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)[0].close()
    return path


def test_each_tools_conflicted_copies_are_found(tmp_path: Path) -> None:
    path = make_journal(tmp_path / "j")
    for name, _tool in COPY_NAMES:
        shutil.copy(path, path.parent / name)
    for name in NOT_COPIES:
        shutil.copy(path, path.parent / name)
    found = {(c.path.name, c.tool) for c in conflicted_copies(path)}
    assert found == set(COPY_NAMES)


def test_the_name_follows_the_journals_own_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "j"
    folder.mkdir()
    path = folder / "work notes.mentor"
    Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)[0].close()
    shutil.copy(path, folder / "work notes.sync-conflict-20260115-143045-ABCDEF7.mentor")
    shutil.copy(path, folder / "journal.sync-conflict-20260115-143045-ABCDEF7.db")
    assert [c.path.name for c in conflicted_copies(path)] == [
        "work notes.sync-conflict-20260115-143045-ABCDEF7.mentor"
    ]


def test_only_copies_of_this_journal_count(tmp_path: Path) -> None:
    path = make_journal(tmp_path / "j")
    other = make_journal(tmp_path / "elsewhere")
    shutil.copy(other, path.parent / "journal.sync-conflict-20260115-143045-ABCDEF7.db")
    (path.parent / "journal (conflicted copy 2026-01-15).db").write_text("not even a journal")
    (path.parent / "journal_conflict-20260115-143045.db").symlink_to(path)
    assert conflicted_copies(path) == []


def test_onedrive_names_count_in_a_onedrive_folder(tmp_path: Path) -> None:
    path = make_journal(tmp_path / "OneDrive - Example Ltd" / "Journal")
    shutil.copy(path, path.parent / "journal-LAPTOP-7Q2.db")
    shutil.copy(path, path.parent / "journal-backup-2026-01-15.db")
    assert [(c.path.name, c.tool) for c in conflicted_copies(path)] == [
        ("journal-LAPTOP-7Q2.db", "OneDrive")
    ]


@pytest.mark.parametrize(
    ("where", "marker", "tool"),
    [
        ("Sync/Work", ".stfolder", "Syncthing"),
        ("Sync/Work", ".stignore", "Syncthing"),
        ("Box/Notes", ".dropbox", "Dropbox"),
        ("Box/Notes", ".dropbox.cache", "Dropbox"),
        ("Cloud/Notes", ".owncloudsync.log", "Nextcloud or ownCloud"),
        ("Cloud/Notes", ".sync_3f2a9c.db", "Nextcloud or ownCloud"),
        ("OneDrive/Notes", None, "OneDrive"),
        ("OneDrive - Example Ltd/Notes", None, "OneDrive"),
        ("Dropbox/Notes", None, "Dropbox"),
    ],
)
def test_a_synced_folder_is_recognised(
    tmp_path: Path, where: str, marker: str | None, tool: str
) -> None:
    path = make_journal(tmp_path / where / "deeper")
    root = tmp_path / where.split("/")[0]
    if marker is not None:
        (root / marker).mkdir() if marker == ".stfolder" else (root / marker).write_text("")
    place = synced_place(path)
    assert place is not None
    assert (place.tool, place.root) == (tool, root)


def test_an_ordinary_folder_is_not_synced(tmp_path: Path) -> None:
    assert synced_place(make_journal(tmp_path / "Documents" / "notes")) is None
