"""The commands of the command line, each a few lines over Journal (see DESIGN.md's contract).

Heavy modules are imported inside each command, so ``mentorjournal --help`` and the path to the
unlock screen stay light."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorjournal.cli.inputs import (
    ENV_RECOVERY_KEY,
    UserStop,
    ask_secret,
    current_passphrase,
    journal_path,
    new_passphrase,
    open_journal,
    tell,
)
from mentorjournal.cli.sync_commands import SYNC_COMMANDS, sync_info, sync_info_lines
from mentorjournal.exchange.files import write_new_file
from mentorjournal.exchange.visible import escape_controls

if TYPE_CHECKING:
    from mentorjournal.store.crypto import KdfParams

# Each interchange section in words: (one, many).
ENTRY_WORDS = {
    "relationships": ("relationship", "relationships"),
    "meetings": ("meeting", "meetings"),
    "reflections": ("reflection", "reflections"),
    "actions": ("action", "actions"),
    "reviews": ("review", "reviews"),
    "wellbeing": ("well-being check-in", "well-being check-ins"),
    "support_contacts": ("support contact", "support contacts"),
    "own_prompts": ("own prompt", "own prompts"),
}


def cmd_init(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.journal.journal import Journal
    from mentorjournal.store.crypto import DEFAULT_KDF

    path = journal_path(args.journal)
    if path.exists():
        raise UserStop(f"A journal already exists at {path}; it was left as it is.")
    journal, recovery_key = Journal.create(path, new_passphrase(init=True), kdf=kdf or DEFAULT_KDF)
    journal.close()
    print(f"Created a journal at {path}")
    print("Write this recovery key down and keep it somewhere safe; it is shown only once:")
    print(f"Recovery key: {recovery_key}")
    return 0


def cmd_info(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.journal.journal import Journal

    path = journal_path(args.journal)
    info = Journal.info(path)
    shared = sync_info(path)  # only when there is something to say, in words
    if args.json:
        print(json.dumps(info | shared, indent=2))
        return 0
    k = info["kdf"]
    print(f"Journal:        {info['path']}")
    print(f"Schema version: {info['schema_version']}")
    print(f"Cipher:         {info['cipher']}")
    print(
        f"Key derivation: {k['name']}, {k['memory_kib'] // 1024} MiB, "
        f"{k['iterations']} iterations, {k['lanes']} lanes"
    )
    for line in sync_info_lines(shared):
        print(line)
    return 0


def cmd_import(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.errors import BadImport
    from mentorjournal.exchange import interchange
    from mentorjournal.exchange.files import MAX_IMPORT_BYTES, read_regular_file

    try:  # a regular file of at most 256 MiB: never a pipe, a device or /dev/zero
        text = read_regular_file(Path(args.file), MAX_IMPORT_BYTES)
    except OSError as exc:
        raise BadImport(f"{args.file} cannot be read: {exc.strerror}.") from None
    except ValueError as exc:
        raise BadImport(f"Nothing was imported: {exc}") from None
    if args.source is not None:
        return import_foreign(args, text)
    journal = open_journal(args)
    try:
        result = interchange.import_text(journal, text)
    finally:
        journal.close()
    parts = ", ".join(
        f"{n} {ENTRY_WORDS[section][n != 1]}" for section, n in result.added.items() if n
    )
    print(
        f"Imported {parts or 'nothing new'}"
        + (f"; {result.skipped} already present." if result.skipped else ".")
    )
    return 0


def import_foreign(args: argparse.Namespace, data: bytes) -> int:
    """import --from jrnl|dayone: every entry read and checked, then added in one go."""
    from mentorjournal.exchange.importers import dayone, import_entries, jrnl

    entries = {"jrnl": jrnl.parse, "dayone": dayone.parse}[args.source](data)
    journal = open_journal(args)
    try:
        result = import_entries(journal, args.source, entries, args.relationship)
    finally:
        journal.close()
    where = escape_controls(result.relationship)
    made = " (a new relationship)" if result.made_relationship else ""
    n = result.added
    said = (
        f"Imported {n} reflection{'s' * (n != 1)} into “{where}”{made}"
        if n
        else ("Imported nothing new")
    )
    notes = [f"{result.skipped} already present"] if result.skipped else []
    notes += [f"{result.empty} with no words left out"] if result.empty else []
    print(said + (f"; {', '.join(notes)}." if notes else "."))
    return 0


def cmd_export(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import interchange, markdown_export

    period = markdown_export.Period(args.since, args.until)
    # A journal changed outside MentorJournal is refused everywhere else; here it opens
    # read-only, so that what is intact can be taken out (with a warning saying so).
    journal = open_journal(args, altered_ok=True)
    try:
        if journal.altered:
            tell(journal.altered)
        if args.format == "json":
            text = interchange.export_json(journal, include_deleted=args.include_deleted)
        else:
            rel_id = None
            if args.relationship is not None:
                from mentorjournal.mentoring.agenda import find_relationship

                rel_id = find_relationship(journal.relationships(), args.relationship).id
            story = (
                markdown_export.export_html
                if args.format == "html"
                else markdown_export.export_markdown
            )
            text = story(journal, rel_id, period)
        left_out = len(journal.unreadable or ())
    finally:
        journal.close()
    if left_out:
        entries = f"{left_out} entr{'y' if left_out == 1 else 'ies'}"
        tell(
            f"{entries} could not be read (altered) and {'is' if left_out == 1 else 'are'} "
            "not in the export."
        )
    if args.output:
        write_new_file(Path(args.output), text)
        print(f"Exported to {args.output} (not encrypted: keep it safe).", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_calendar(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import calendar_export
    from mentorjournal.mentoring import agenda

    journal = open_journal(args)
    try:
        rel = agenda.find_relationship(journal.relationships(), args.relationship)
        meetings = journal.meetings(rel.id)
        now = journal.now()
    finally:
        journal.close()
    coming = calendar_export.coming_meetings(rel, meetings, now, count=args.count)
    if not coming:
        raise UserStop(
            "That relationship has no meetings to come (set a cadence or plan the next "
            "meeting); nothing was written."
        )
    title = calendar_export.clean_title(args.title)
    write_new_file(Path(args.output).expanduser(), calendar_export.to_ics(coming, now, title=title))
    n = len(coming)
    print(
        f"Wrote {n} meeting{'' if n == 1 else 's'} to {args.output}, each titled only “{title}” "
        "(not encrypted), with a reminder the day before.",
        file=sys.stderr,
    )
    return 0


def cmd_search(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.journal.search import SearchFilters

    term = " ".join(args.term)
    journal = open_journal(args)
    try:
        rel_id = None
        if args.relationship is not None:
            from mentorjournal.mentoring.agenda import find_relationship

            rel_id = find_relationship(journal.relationships(), args.relationship).id
        filters = SearchFilters(
            rel_id, frozenset(args.kind or ()), args.since, args.until, args.status
        )
        hits = journal.search(term, filters)
    finally:
        journal.close()
    out = sys.stdout
    for h in hits:
        when = h.when.isoformat() if h.when else "-"
        # One line of four tab-separated fields, whatever the title holds; control characters
        # typed or imported are shown escaped, never sent to the terminal.
        rel = " ".join(h.relationship.replace("\t", "\n").splitlines()) or "-"
        out.write(f"{when}\t{h.kind}\t{escape_controls(rel)}\t{escape_controls(h.snippet)}\n")
    if not hits:
        among = " among those the options keep" if filters.narrows else ""
        said = (
            f"No entry contains “{escape_controls(term)}”{among}."
            if term.strip()
            else ("No entry is among those the options keep.")
        )
        print(said, file=sys.stderr)
    return 0


def cmd_passwd(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    journal = open_journal(args)
    try:
        journal.change_passphrase(new_passphrase(init=False), kdf=kdf)
    finally:
        journal.close()
    print("The passphrase is changed.")
    return 0


def cmd_recover(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.journal.journal import Journal

    path = journal_path(args.journal)
    key = os.environ.get(ENV_RECOVERY_KEY) or ask_secret("Recovery key: ")
    journal = Journal.recover(path, key, new_passphrase(init=False), kdf=kdf)
    altered = journal.altered
    journal.close()
    print("The journal has a new passphrase.")
    if altered:  # a changed file may be opened only to export what is intact
        tell(altered)
    return 0


def cmd_rekey(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    passphrase = current_passphrase()
    journal = open_journal(args, passphrase=passphrase)
    try:
        recovery_key = journal.rekey(passphrase, kdf=kdf)
    finally:
        journal.close()
    print("The journal has a new data key: every entry was encrypted again with it, in one go.")
    print("Your passphrase is unchanged. The old recovery key no longer opens this journal")
    print("(backups made before still open with their own passphrase and recovery key).")
    print("Write this recovery key down and keep it somewhere safe; it is shown only once:")
    print(f"Recovery key: {recovery_key}")
    return 0


def cmd_backup(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.store.db import Database

    db = Database.open(journal_path(args.journal), migrate=False)
    try:
        db.backup_to(Path(args.path))
    finally:
        db.dispose()
    print(f"Backed up to {args.path} (still encrypted).")
    return 0


def cmd_demo(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.cli.demo import run_demo

    return run_demo(kdf=kdf)


def cmd_prompts_export(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import pack_import, prompt_packs

    journal = open_journal(args)
    try:
        pack = pack_import.pack_of(journal, args.name, args.programme, everything=args.all)
    except prompt_packs.PackError as exc:
        if str(exc) != pack_import.NOTHING_OF_YOUR_OWN:
            raise
        raise UserStop(
            "You have no prompts or themes of your own to export; --all exports every theme."
        ) from None
    finally:
        journal.close()
    if args.output:
        write_new_file(Path(args.output).expanduser(), pack.text)
        print(f"Exported {pack.what} to {args.output} (not encrypted).", file=sys.stderr)
    else:
        sys.stdout.write(pack.text)
    return 0


def cmd_prompts_import(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    from mentorjournal.exchange import pack_import, prompt_packs

    pack = prompt_packs.read_pack(args.file)  # checked whole before the journal is opened
    journal = open_journal(args)
    try:
        news = pack_import.import_pack(journal, pack)  # one transaction: all of it, or nothing
    finally:
        journal.close()
    print(escape_controls(news))
    return 0


TEXTUAL_LOG_SET = (
    "TEXTUAL_LOG is set, so every key you press, your passphrase included, would be written to "
    "a log file; unset it and start MentorJournal again (the demo may run with it)."
)


def cmd_tui(args: argparse.Namespace, kdf: KdfParams | None) -> int:
    if os.environ.get("TEXTUAL_LOG"):  # Textual's own debug log: plaintext keystrokes
        raise UserStop(TEXTUAL_LOG_SET)
    from mentorjournal.tui.launch import refuse_what_is_no_journal

    path = journal_path(args.journal)
    refuse_what_is_no_journal(path)  # at once, before any passphrase is asked
    from mentorjournal.tui.app import run_app

    return run_app(path, kdf=kdf)


COMMANDS: dict[str, Callable[[argparse.Namespace, Any], int]] = {
    "init": cmd_init,
    "info": cmd_info,
    "import": cmd_import,
    "export": cmd_export,
    "search": cmd_search,
    "passwd": cmd_passwd,
    "recover": cmd_recover,
    "rekey": cmd_rekey,
    "backup": cmd_backup,
    "calendar": cmd_calendar,
    "demo": cmd_demo,
    "prompts-export": cmd_prompts_export,
    "prompts-import": cmd_prompts_import,
}
COMMANDS.update(SYNC_COMMANDS)
