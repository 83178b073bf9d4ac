"""The command line's entry point: the parser, and ``main`` running one command with every
failure a person can cause told in one sentence (see DESIGN.md's contract). The commands
themselves are in ``commands``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from mentorjournal import __version__
from mentorjournal.cli import sync_commands
from mentorjournal.cli.commands import COMMANDS, cmd_tui
from mentorjournal.cli.inputs import UserStop
from mentorjournal.errors import JournalError
from mentorjournal.exchange.visible import escape_controls

if TYPE_CHECKING:
    from datetime import date, datetime

    from mentorjournal.store.crypto import KdfParams

UNEXPECTED = (
    "an unexpected problem stopped this command; nothing decrypted was printed or written "
    "anywhere, and what was saved before is safe in your encrypted journal."
)


# What search's --kind and --status take (journal/search.py's names).
SEARCH_KINDS = (
    "meeting",
    "reflection",
    "action",
    "check-in",
    "review",
    "relationship",
    "support",
    "prompt",
    "well-being",
)
SEARCH_STATUSES = ("planned", "held", "cancelled", "open", "done", "dropped")


def calendar_count(text: str) -> int:
    """--count: how many meetings go into the calendar file."""
    from mentorjournal.exchange.calendar_export import MAX_COUNT

    value = int(text) if text.isdigit() else 0
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"give a number of meetings from 1 to {MAX_COUNT}")
    return value


def day_argument(text: str) -> date:
    """--from and --to: a day as YYYY-MM-DD."""
    from datetime import date

    try:
        if len(text) == 10 and text[4] == text[7] == "-":
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"give a day as YYYY-MM-DD (not “{text}”)")


def add_period(command: argparse.ArgumentParser, what: str) -> None:
    """--from and --to on ``command``: the first and last day of ``what``."""
    command.add_argument(
        "--from", dest="since", type=day_argument, metavar="DATE", help=f"{what} from this day"
    )
    command.add_argument(
        "--to", dest="until", type=day_argument, metavar="DATE", help=f"{what} up to this day"
    )


def check_period(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.since and args.until and args.since > args.until:
        parser.error(f"--from {args.since.isoformat()} is after --to {args.until.isoformat()}")


def check_export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The story's choices (one relationship, a period) are for Markdown and HTML only."""
    if args.format == "json" and (args.relationship or args.since or args.until):
        parser.error("--relationship, --from and --to go with --format markdown or html")
    if args.format != "json" and args.include_deleted:
        parser.error("--include-deleted goes with --format json")
    check_period(parser, args)


def check_import(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.relationship is not None and args.source is None:
        parser.error("--relationship goes with --from jrnl or --from dayone")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mentorjournal",
        description="A private, encrypted journal for mentoring and reverse mentoring. "
        "With no COMMAND it opens the journal in the terminal app (and creates one on first run).",
    )
    p.add_argument("--journal", metavar="PATH", help="the journal file (default: your data folder)")
    p.add_argument("--version", action="version", version=f"mentorjournal {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("init", help="create a journal and show its recovery key once")
    info = sub.add_parser("info", help="what the journal is, without unlocking it")
    info.add_argument("--json", action="store_true", help="as JSON")
    imp = sub.add_parser(
        "import",
        help="add entries from an interchange JSON file, or from jrnl or Day One",
        description="Add the entries of a MentorJournal export (JSON), or, with --from, of "
        "another journal app's export: each of its entries becomes a reflection of "
        "--relationship. All or nothing; importing the same file twice adds nothing.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--from",
        dest="source",
        choices=("jrnl", "dayone"),
        help="FILE is jrnl's JSON export (jrnl --export json) or Day One's (.zip or .json)",
    )
    imp.add_argument(
        "--relationship",
        metavar="TITLE|ID",
        help="with --from: the relationship the entries go into (made if missing; "
        "default “Imported from jrnl” or “… Day One”)",
    )
    imp.set_defaults(check=lambda args: check_import(imp, args))
    exp = sub.add_parser(
        "export",
        help="everything as JSON (default), or the story as Markdown or printable HTML",
        description="Write the journal out, not encrypted: as the interchange JSON (everything), "
        "or as a readable story in Markdown or in HTML to print (a browser's print to PDF); "
        "the story may be of one relationship and of a period.",
    )
    exp.add_argument("--format", choices=("json", "markdown", "html"), default="json")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")
    exp.add_argument(
        "--relationship", metavar="TITLE|ID", help="only this relationship (markdown, html)"
    )
    add_period(exp, "meetings, reflections and actions (markdown, html)")
    exp.add_argument(
        "--include-deleted",
        action="store_true",
        help="also what is in Recently deleted, under “recently_deleted” (json)",
    )
    exp.set_defaults(check=lambda args: check_export(exp, args))
    s = sub.add_parser(
        "search",
        help="find entries containing TERM",
        description='Find the entries holding every word of TERM and every "quoted phrase" '
        '(any case), narrowed by the options; with an option, an empty TERM ("") lists '
        "everything it keeps. One line per entry: date, kind, relationship, snippet.",
    )
    s.add_argument("term", metavar="TERM", nargs="+", help='words and "quoted phrases"')
    s.add_argument("--relationship", metavar="TITLE|ID", help="only this relationship")
    s.add_argument(
        "--kind",
        action="append",
        choices=SEARCH_KINDS,
        metavar="KIND",
        help=f"only entries of this kind (again for more): {', '.join(SEARCH_KINDS)}",
    )
    s.add_argument(
        "--status",
        choices=SEARCH_STATUSES,
        metavar="STATUS",
        help=f"only meetings or actions with this status: {', '.join(SEARCH_STATUSES)}",
    )
    add_period(s, "entries dated")
    s.set_defaults(check=lambda args: check_period(s, args))
    sub.add_parser("passwd", help="change the passphrase")
    sub.add_parser("recover", help="set a new passphrase using the recovery key")
    sub.add_parser(
        "rekey",
        help="a new data key: every entry encrypted again, a new recovery key shown once",
        description="Replace the journal's data key: every entry is encrypted again with a new "
        "one, in one go, and a new recovery key is shown once. Your passphrase stays the same. "
        "Backups made before still open with the passphrase and recovery key they had.",
    )
    b = sub.add_parser("backup", help="a consistent copy of the encrypted journal")
    b.add_argument("path", metavar="PATH")
    sub.add_parser("demo", help="open a sample journal in a temporary folder")
    cal = sub.add_parser(
        "calendar",
        help="coming meetings as an .ics file, with a reminder the day before",
        description="Write a relationship's coming meetings (planned ones, then its cadence) "
        "to an iCalendar file for your own calendar app. The file is not encrypted: each "
        "meeting is titled only with --title, nothing else from the journal.",
    )
    cal.add_argument(
        "--relationship", metavar="TITLE|ID", help="which one (needed when there are several)"
    )
    cal.add_argument(
        "--count", type=calendar_count, default=6, metavar="N", help="how many meetings (6)"
    )
    cal.add_argument(
        "--title",
        default="Mentoring meeting",
        metavar="TEXT",
        help="each meeting's title in your calendar (default: “Mentoring meeting”)",
    )
    cal.add_argument("-o", "--output", metavar="FILE", required=True, help="the .ics file")
    pex = sub.add_parser(
        "prompts-export",
        help="your own themes and prompts as a prompt pack (TOML) to hand to others",
    )
    pex.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")
    pex.add_argument("--all", action="store_true", help="every theme and prompt, built-in too")
    pex.add_argument(
        "--name", help="the pack's name (default: the programme's, or “MentorJournal prompts”)"
    )
    pex.add_argument(
        "--programme", metavar="NAME", help="with this programme (one a prompt pack brought in)"
    )
    pim = sub.add_parser("prompts-import", help="add the themes and prompts of a prompt pack")
    pim.add_argument("file", metavar="FILE")
    sync_commands.add_parsers(sub)  # merge, sync-folder, sync
    return p


def main(
    argv: Sequence[str] | None = None,
    *,
    kdf: KdfParams | None = None,
    clock: Callable[[], datetime] | None = None,
) -> int:
    """Run the command line. For tests only: ``kdf``, the parameters of newly made wraps
    (which this process may then also open although they are below the floor); ``clock``, the
    time the journal decides by (default: the computer's)."""
    args = build_parser().parse_args(argv)
    if getattr(args, "check", None) is not None:  # what argparse cannot check alone
        args.check(args)
    args.clock = clock
    if kdf is not None:
        from mentorjournal.store.crypto import permit_test_kdf

        permit_test_kdf(kdf)
    handler = COMMANDS.get(args.command or "", cmd_tui)
    from mentorjournal.store.folder import take_notices

    take_notices()  # only what this command did is told
    try:
        return _run(handler, args, kdf)
    finally:
        for notice in take_notices():  # e.g. the journal's folder was made private
            print(f"mentorjournal: {escape_controls(notice)}", file=sys.stderr)


def _run(
    handler: Callable[[argparse.Namespace, Any], int], args: argparse.Namespace, kdf: Any
) -> int:
    """The handler's exit status; every failure a person can cause is one line on stderr."""
    try:
        return handler(args, kdf)
    except (JournalError, UserStop) as exc:
        # A sentence may quote a file name or bytes from a file: controls are shown escaped.
        print(f"mentorjournal: {escape_controls(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mentorjournal: stopped; nothing was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        # Never a traceback: its text could quote decrypted words.
        print(f"mentorjournal: {UNEXPECTED}", file=sys.stderr)
        return 1
