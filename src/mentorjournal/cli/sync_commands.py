"""The command line's commands for one journal on several computers: ``merge`` (other copies in;
with no FILE, the conflicted copies sync tools left beside the journal), ``sync-folder`` (the
folder a sync tool shares, where each computer keeps its own snapshot) and ``sync``; and what
``info`` says about them. Each is a few lines over ``exchange.syncing``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorjournal.cli.inputs import (
    UserStop,
    current_passphrase,
    journal_path,
    open_journal,
    tell,
)
from mentorjournal.exchange.visible import escape_controls

if TYPE_CHECKING:
    from mentorjournal.exchange.syncing import SyncOutcome
    from mentorjournal.journal.merge_report import MergeReport
    from mentorjournal.store.crypto import KdfParams

ENV_COPY_SECRET = "MENTORJOURNAL_COPY_PASSPHRASE"  # a copy's passphrase or recovery key
NO_FOLDER = (
    "No sync folder is set for this journal on this computer; choose one with "
    "“mentorjournal sync-folder PATH”."
)


def add_parsers(sub: Any) -> None:
    """The three commands' words, in ``entry.build_parser``'s list of commands."""
    m = sub.add_parser(
        "merge",
        help="merge other copies of this journal (none named: the conflicted copies beside it)",
        description="Merge other copies of this journal into it, entry by entry and field by "
        "field: what changed on one side is taken, what changed on both keeps the newer (the "
        "other stays in its history), and deletions are respected. With no FILE, the "
        "conflicted copies that Syncthing, Dropbox, Nextcloud, ownCloud or OneDrive left "
        "beside the journal are merged, and each one fully merged is removed afterwards "
        "(--keep keeps them). A FILE you name is only read, never changed or removed.",
    )
    m.add_argument("files", metavar="FILE", nargs="*", help="a copy of this journal")
    m.add_argument(
        "--keep", action="store_true", help="keep the conflicted copies after merging them"
    )
    f = sub.add_parser(
        "sync-folder",
        help="share the journal through a folder a sync tool carries (a snapshot per computer)",
        description="Name the folder a sync tool (Syncthing, Dropbox, OneDrive, Nextcloud …) "
        "shares between your computers. The journal stays where it is; this computer keeps "
        "only its own encrypted snapshot there and merges the other computers' snapshots. "
        "With no journal on this computer yet, it is made from a snapshot in PATH. With no "
        "PATH, says which folder is set.",
    )
    f.add_argument("path", metavar="PATH", nargs="?", help="the shared folder")
    f.add_argument("--off", action="store_true", help="stop keeping a snapshot in a sync folder")
    f.set_defaults(check=lambda args: _check_sync_folder(f, args))
    sub.add_parser(
        "sync",
        help="merge the other computers' snapshots from the sync folder and write this one's",
    )


def _check_sync_folder(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.off and args.path:
        parser.error("give a PATH or --off, not both")


def copy_secrets(passphrase: str) -> list[str]:
    """What is tried on a copy whose data key is not this journal's: the passphrase that
    unlocked this one, and ``MENTORJOURNAL_COPY_PASSPHRASE`` (a passphrase or recovery key)."""
    given = os.environ.get(ENV_COPY_SECRET)
    return [passphrase, given] if given else [passphrase]


def ask_copy_secret(path: Path) -> str | None:
    if not sys.stdin.isatty():
        return None
    import getpass

    tell(f"{path.name} has another passphrase or data key than this journal.")
    return getpass.getpass(f"Passphrase or recovery key of {path.name}: ") or None


def print_reports(reports: list[MergeReport]) -> None:
    for report in reports:
        for line in report.lines():
            print(escape_controls(line))


def cmd_merge(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import found_copies, syncing

    passphrase = current_passphrase()
    journal = open_journal(args, passphrase=passphrase)
    try:
        named = [Path(name).expanduser() for name in args.files]
        files = named or [
            found.path
            for found in found_copies.conflicted_copies(journal.path, journal.journal_id())
        ]
        if not files:
            print("No conflicted copies of this journal were found beside it: nothing to merge.")
            return 0
        outcome = syncing.merge_files(
            journal,
            files,
            secrets=copy_secrets(passphrase),
            ask=ask_copy_secret,
            remove=not (named or args.keep),
        )
    finally:
        journal.close()
    print_reports(outcome.reports)
    for path in outcome.removed:
        print(f"Removed {escape_controls(path.name)}: everything in it is in the journal now.")
    for sentence in outcome.left:
        print(escape_controls(sentence))
    return 0


def cmd_sync_folder(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import syncing

    path = journal_path(args.journal)
    if args.path is None:
        journal_id = _journal_id(path)
        if args.off:
            syncing.choose_folder(path, journal_id, None)
            print(
                "This computer no longer keeps a snapshot in a sync folder; the snapshots "
                "already there were left as they are."
            )
            return 0
        folder = syncing.folder_of(journal_id)
        print(f"Sync folder: {folder}" if folder else NO_FOLDER)
        return 0
    folder = Path(args.path).expanduser()
    passphrase = current_passphrase()
    if not path.exists():
        syncing.join(path, folder, passphrase)
        print(f"There was no journal here yet: it was made from a snapshot in {folder}.")
    journal = open_journal(args, passphrase=passphrase)
    try:
        chosen = syncing.choose_folder(journal.path, journal.journal_id(), folder)
        print(f"Sync folder: {chosen}")
        outcome = syncing.sync(journal, secrets=copy_secrets(passphrase), ask=ask_copy_secret)
    finally:
        journal.close()
    return report_sync(outcome)


def cmd_sync(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import syncing

    passphrase = current_passphrase()
    journal = open_journal(args, passphrase=passphrase)
    try:
        outcome = syncing.sync(journal, secrets=copy_secrets(passphrase), ask=ask_copy_secret)
    finally:
        journal.close()
    if outcome.folder is None:
        raise UserStop(NO_FOLDER)
    return report_sync(outcome)


def report_sync(outcome: SyncOutcome) -> int:
    print_reports(outcome.reports)
    if not outcome.reports and not outcome.problems:
        print("Nothing new from the other computers.")
    if outcome.written is not None:
        print(f"This computer's snapshot is written: {outcome.written.name}")
    else:
        print("This computer's snapshot was up to date.")
    for problem in outcome.problems:
        tell(problem)
    return 1 if outcome.problems else 0


def _journal_id(path: Path) -> str:
    from mentorjournal.store.identity import peek_journal_id

    found = peek_journal_id(path)
    if found is None:
        from mentorjournal.journal.journal import Journal

        Journal.info(path)  # says what is wrong with the file, in a sentence
        raise UserStop(f"{path} cannot be read as a journal.")
    return found


def sync_info(path: Path) -> dict[str, Any]:
    """What ``info`` adds, without unlocking: the journal's id, this computer's sync folder,
    the sync tool carrying the journal's own folder, and the conflicted copies beside it."""
    from mentorjournal.exchange import found_copies, syncing
    from mentorjournal.store.identity import peek_journal_id

    journal_id = peek_journal_id(path)
    if journal_id is None:
        return {}
    folder = syncing.folder_of(journal_id)
    place = found_copies.synced_place(path)
    return {
        "journal_id": journal_id,
        "sync_folder": str(folder) if folder else None,
        "synced_by": place.tool if place else None,
        "conflicted_copies": [
            str(c.path) for c in found_copies.conflicted_copies(path, journal_id)
        ],
    }


def sync_info_lines(info: dict[str, Any]) -> list[str]:
    """``info``'s lines about sharing: only what there is to say."""
    lines = []
    if info.get("sync_folder"):
        lines.append(f"Sync folder:    {info['sync_folder']}")
    if info.get("synced_by"):
        lines.append(
            f"Synced folder:  the journal itself is in a {info['synced_by']} folder; a sync "
            "folder is safer (see “mentorjournal sync-folder”)"
        )
    copies = info.get("conflicted_copies") or []
    if copies:
        lines.append(
            f"Conflicted copies beside it ({len(copies)}); “mentorjournal merge” merges them:"
        )
        lines += [f"  {escape_controls(name)}" for name in copies]
    return lines


SYNC_COMMANDS = {"merge": cmd_merge, "sync-folder": cmd_sync_folder, "sync": cmd_sync}
