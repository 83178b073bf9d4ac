"""Found for you: whether the journal file itself sits in a folder a sync tool shares, and the
conflicted copies sync tools leave beside it.

A folder is taken as synced when it, or a folder above it, holds a sync tool's own marker —
Syncthing ``.stfolder`` or ``.stignore``; Dropbox ``.dropbox`` or ``.dropbox.cache``; Nextcloud
and ownCloud ``.owncloudsync.log``, ``.nextcloudsync.log`` or a ``.sync_*.db`` /
``._sync_*.db`` state file — or when a folder on its path has the name the tool gives its
folder (``OneDrive``, ``OneDrive - Company``, ``OneDrive-Personal``; ``Dropbox``; iCloud Drive's
``com~apple~CloudDocs``; Google Drive's ``Google Drive``, ``GoogleDrive-…`` or ``My Drive``).

A conflicted copy is a file beside the journal named as a sync tool names one, for a journal
``journal.db``: Syncthing ``journal.sync-conflict-20260115-143045-ABCDEF7.db``; Dropbox
``journal (Sam's conflicted copy 2026-01-15).db``; Nextcloud and ownCloud ``journal (conflicted
copy 2026-01-15 143045).db`` or ``journal_conflict-20260115-143045.db``; OneDrive
``journal-LAPTOP.db`` — this one only when the journal is in a OneDrive folder (elsewhere the
name is too ordinary: ``journal-old.db``), and never a name starting ``journal-backup`` (the
app's own backups). Whatever its name, only a regular file holding this same journal (its
journal id, read without a key) counts. Nothing here writes anything.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from mentorjournal.store.identity import peek_journal_id

MARKERS = {
    ".stfolder": "Syncthing",
    ".stignore": "Syncthing",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".owncloudsync.log": "Nextcloud or ownCloud",
    ".nextcloudsync.log": "Nextcloud or ownCloud",
}
SYNC_DB = re.compile(r"\._?sync_[0-9a-f]+\.db", re.IGNORECASE)
ONEDRIVE = re.compile(r"OneDrive( - .+|-.+)?", re.IGNORECASE)
FOLDER_NAMES = (
    (ONEDRIVE, "OneDrive"),
    (re.compile(r"Dropbox( \(.+\))?"), "Dropbox"),
    (re.compile(r"com~apple~CloudDocs|iCloud Drive"), "iCloud Drive"),
    (re.compile(r"Google Drive|GoogleDrive-.+|My Drive"), "Google Drive"),
)


@dataclass(frozen=True)
class SyncedPlace:
    tool: str  # "Syncthing", "Dropbox", …
    root: Path  # the folder the tool shares (where its marker or name was found)


@dataclass(frozen=True)
class FoundCopy:
    path: Path
    tool: str  # the sync tool that names copies so


def synced_place(journal_path: Path) -> SyncedPlace | None:
    """The sync tool sharing the folder the journal is in, or None."""
    try:
        folder = Path(journal_path).resolve().parent
    except OSError:
        return None
    for place in (folder, *folder.parents):
        for part_pattern, tool in FOLDER_NAMES:
            if place.name and part_pattern.fullmatch(place.name):
                return SyncedPlace(tool, place)
        tool_found = _marker_in(place)
        if tool_found is not None:
            return SyncedPlace(tool_found, place)
    return None


def _marker_in(folder: Path) -> str | None:
    for marker, tool in MARKERS.items():
        if os.path.lexists(folder / marker):
            return tool
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.name.startswith(".")]
    except OSError:
        return None
    if any(SYNC_DB.fullmatch(n) for n in names):
        return "Nextcloud or ownCloud"
    return None


def copy_patterns(journal_path: Path) -> list[tuple[re.Pattern[str], str]]:
    """The names sync tools give conflicted copies of this journal file, with the tool."""
    stem = re.escape(journal_path.stem)
    suffix = re.escape(journal_path.suffix)
    patterns = [
        (rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]{{7}}{suffix}", "Syncthing"),
        (rf"{stem} \(conflicted copy \d{{4}}-\d{{2}}-\d{{2}} \d{{6}}\){suffix}", "Nextcloud"),
        (rf"{stem}_conflict-\d{{8}}-\d{{6}}{suffix}", "ownCloud"),
        (rf"{stem} \([^()]*conflicted copy[^()]*(\(\d+\))?\){suffix}", "Dropbox"),
    ]
    if synced_tool_is(journal_path, "OneDrive"):
        patterns.append((rf"{stem}-(?!backup)[A-Za-z0-9][A-Za-z0-9_-]{{0,62}}{suffix}", "OneDrive"))
    return [(re.compile(p), tool) for p, tool in patterns]


def synced_tool_is(journal_path: Path, tool: str) -> bool:
    place = synced_place(journal_path)
    return place is not None and place.tool == tool


def conflicted_copies(journal_path: Path, journal_id: str | None = None) -> list[FoundCopy]:
    """The conflicted copies of this journal beside it, oldest name first. ``journal_id``: the
    journal's own (read from the file when not given)."""
    journal_path = Path(journal_path)
    wanted = journal_id or peek_journal_id(journal_path)
    if wanted is None:
        return []
    patterns = copy_patterns(journal_path)
    found = []
    try:
        entries = sorted(os.scandir(journal_path.parent), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        if entry.name == journal_path.name:
            continue
        tool = next((t for p, t in patterns if p.fullmatch(entry.name)), None)
        if tool is None:
            continue
        try:
            regular = stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode)
        except OSError:
            continue
        if regular and peek_journal_id(Path(entry.path)) == wanted:
            found.append(FoundCopy(Path(entry.path), tool))
    return found
