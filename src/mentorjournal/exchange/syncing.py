"""Sharing one journal between computers: merging other copies into it (files named by the
person, or the conflicted copies found beside it) and the sync folder, where each computer
keeps only its own snapshot and merges the others'. Used by the command line and the TUI alike.

``ask(path)`` is how a front end asks the person for the passphrase or recovery key of a copy
whose data key is not this journal's (None: not given); ``secrets`` are tried first (the
passphrase that unlocked this journal, say).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mentorjournal.errors import JournalError, StorageError
from mentorjournal.journal.other_copy import CopySecretNeeded, OtherCopy
from mentorjournal.store import snapshots, sync_state
from mentorjournal.store.identity import computer_id

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal
    from mentorjournal.journal.merge_report import MergeReport

Ask = Callable[[Path], "str | None"]
TRIES = 3  # times the person is asked for one copy's passphrase or recovery key


@dataclass
class MergeOutcome:
    reports: list[MergeReport] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # fully merged, so removed
    left: list[str] = field(default_factory=list)  # why a copy was left where it is


@dataclass
class SyncOutcome:
    folder: Path | None
    reports: list[MergeReport] = field(default_factory=list)
    written: Path | None = None  # this computer's snapshot, when written now
    problems: list[str] = field(default_factory=list)  # snapshots not merged, and why


def open_copy(journal: Journal, path: Path, secrets: list[str], ask: Ask | None) -> OtherCopy:
    """The copy at ``path`` opened for merging; a secret the person gives is kept in
    ``secrets`` for the next copy."""
    asked = 0
    while True:
        try:
            return journal.open_other(path, secrets)
        except CopySecretNeeded:
            if ask is None or asked >= TRIES:
                raise
            asked += 1
            given = ask(path)
            if not given:
                raise
            secrets.append(given)


def merge_files(
    journal: Journal,
    paths: Iterable[Path],
    *,
    secrets: list[str],
    ask: Ask | None = None,
    remove: bool = True,
) -> MergeOutcome:
    """Every copy checked and opened first (one refused: its sentence, and nothing changed),
    then all merged in one transaction. With ``remove``, each copy that is then fully merged
    (merging it again would change nothing) is removed, once this journal was checked whole."""
    opened: list[tuple[OtherCopy, str]] = []
    try:
        for path in paths:
            before = snapshots.fingerprint(path)
            opened.append((open_copy(journal, path, secrets, ask), before))
        outcome = MergeOutcome(journal.merge_copies([c for c, _ in opened]))
        if remove and opened:
            journal.verify()
            for copy, before in opened:
                _remove_if_merged(journal, copy, before, outcome)
    finally:
        for copy, _ in opened:
            copy.close()
    return outcome


def _remove_if_merged(journal: Journal, copy: OtherCopy, before: str, out: MergeOutcome) -> None:
    name = copy.path.name
    if journal.unmerged(copy):
        out.left.append(f"{name} was kept: not everything in it could be merged.")
    elif snapshots.fingerprint(copy.path) != before:
        out.left.append(f"{name} was kept: it changed while it was being merged.")
    else:
        try:
            copy.path.unlink()
        except OSError as exc:
            out.left.append(f"{name} could not be removed ({exc.strerror}); it is merged.")
        else:
            out.removed.append(copy.path)


# --- the sync folder -----------------------------------------------------------------------


def folder_of(journal_id: str) -> Path | None:
    found = sync_state.load(journal_id).folder
    return Path(found) if found else None


def choose_folder(journal_path: Path, journal_id: str, folder: Path | None) -> Path | None:
    """Keep ``folder`` as this computer's sync folder for the journal (None: none). It is made
    (0700) when only its last part is missing. StorageError with a sentence when it cannot be
    one: not a folder, the journal's own folder or inside it… Returns it, resolved."""
    state = sync_state.load(journal_id)
    if folder is not None:
        folder = check_folder(journal_path, folder)
        if state.folder != str(folder):
            state.merged = {}
            state.written = ""
    state.folder = None if folder is None else str(folder)
    try:
        sync_state.save(state)
    except OSError as exc:
        raise StorageError(
            f"The sync folder could not be kept on this computer ({exc.strerror})."
        ) from None
    return folder


def check_folder(journal_path: Path, folder: Path) -> Path:
    folder = folder.expanduser()
    if not folder.exists() and folder.parent.is_dir():
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise StorageError(
                f"The sync folder {folder} cannot be made: {exc.strerror}."
            ) from None
    if not folder.is_dir():
        raise StorageError(f"{folder} is not a folder, so it cannot be the sync folder.")
    folder = folder.resolve()
    journal_folder = journal_path.resolve().parent
    if folder == journal_folder or folder in journal_folder.parents:
        raise StorageError(
            f"The journal itself is in {folder}: the sync folder must be another folder, so "
            "that the live journal is never in a folder a sync tool carries."
        )
    return folder


def sync(journal: Journal, *, secrets: list[str], ask: Ask | None = None) -> SyncOutcome:
    """Merge each other computer's snapshot newer than the one merged last, then write this
    computer's own (when the journal changed since it was last written)."""
    journal_id = journal.journal_id()
    state = sync_state.load(journal_id)
    if state.folder is None:
        return SyncOutcome(None)
    folder = Path(state.folder)
    outcome = SyncOutcome(folder)
    if not folder.is_dir():
        outcome.problems.append(
            f"The sync folder {folder} is not there (is the sync tool's folder or its drive "
            "missing?); nothing was merged or written."
        )
        return outcome
    me = computer_id()
    for path in snapshots.others(folder, journal_id, me):
        before = snapshots.fingerprint(path)
        if state.merged.get(path.name) == before:
            continue
        try:
            copy = open_copy(journal, path, secrets, ask)
            try:
                reports = journal.merge_copies([copy])
            finally:
                copy.close()
        except JournalError as exc:
            outcome.problems.append(str(exc))
            continue
        outcome.reports += [r for r in reports if not r.nothing]
        state.merged[path.name] = before
        keep_state(state)
    outcome.written = write_snapshot(journal)
    return outcome


def write_snapshot(journal: Journal, *, force: bool = False) -> Path | None:
    """This computer's snapshot in the sync folder, replaced when the journal changed since it
    was last written (or ``force``); None when no sync folder is set or nothing changed.
    StorageError with a sentence when it cannot be written."""
    journal_id = journal.journal_id()
    state = sync_state.load(journal_id)
    if state.folder is None:
        return None
    me = computer_id()
    target = Path(state.folder) / snapshots.name(journal_id, me)
    now = f"{journal.revision().hex()}:{snapshots.fingerprint(journal.path)}"
    if not force and state.written == now and target.is_file():
        return None
    written = snapshots.write(journal.path, Path(state.folder), journal_id, me)
    state.written = now
    keep_state(state)
    return written


def keep_state(state: sync_state.SyncState) -> None:
    with contextlib.suppress(OSError, StorageError):  # remembered or not, nothing is lost
        sync_state.save(state)


def join(journal_path: Path, folder: Path, passphrase: str) -> Path:
    """No journal on this computer yet: make it from the newest snapshot in ``folder`` that
    ``passphrase`` opens (checked whole first). Returns the snapshot used."""
    from mentorjournal.store import copies

    folder = folder.expanduser()
    found = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if snapshots.parse(path.name) is not None and path.is_file():
                found.append(path)
    if not found:
        raise StorageError(
            f"There is no journal at {journal_path} and no snapshot in {folder} to make one "
            "from; create one with “mentorjournal init”, or wait for the sync tool."
        )
    found.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for path in found:
        data = copies.read_bytes(path)
        if _opens(path, data, passphrase):
            break
    else:
        raise StorageError(
            f"None of the snapshots in {folder} opens with that passphrase, so no journal was made."
        )
    _new_private_file(journal_path, data)
    journal_id, _ = snapshots.parse(path.name) or ("", "")
    state = sync_state.load(journal_id)
    state.merged[path.name] = snapshots.fingerprint(path)
    keep_state(state)
    return path


def _opens(path: Path, data: bytes, passphrase: str) -> bool:
    from mentorjournal.journal.other_copy import check_with_passphrase

    try:
        check_with_passphrase(path, data, passphrase)
    except JournalError:
        return False
    return True


def _new_private_file(path: Path, data: bytes) -> None:
    """``data`` as a new file (0600) in a folder made 0700 where missing."""
    from mentorjournal.store import atomic

    missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    try:
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
        atomic.write_bytes(path, data)
    except OSError as exc:
        raise StorageError(f"The journal cannot be made at {path}: {exc.strerror}.") from None
