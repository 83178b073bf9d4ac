"""The command line's entry point: the parser, and ``main`` running one command with every
failure a person can cause told in one sentence (see DESIGN.md's contract). The commands
themselves are in ``commands``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from mentorjournal import __version__
from mentorjournal.cli.commands import COMMANDS, cmd_tui
from mentorjournal.cli.inputs import UserStop
from mentorjournal.errors import JournalError
from mentorjournal.exchange.visible import escape_controls

if TYPE_CHECKING:
    from datetime import datetime

    from mentorjournal.store.crypto import KdfParams

UNEXPECTED = (
    "an unexpected problem stopped this command; nothing decrypted was printed or written "
    "anywhere, and what was saved before is safe in your encrypted journal."
)


def calendar_count(text: str) -> int:
    """--count: how many meetings go into the calendar file."""
    from mentorjournal.exchange.calendar_export import MAX_COUNT

    value = int(text) if text.isdigit() else 0
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"give a number of meetings from 1 to {MAX_COUNT}")
    return value


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
    imp = sub.add_parser("import", help="add entries from an interchange JSON file")
    imp.add_argument("file", metavar="FILE")
    exp = sub.add_parser("export", help="everything as JSON (default) or Markdown")
    exp.add_argument("--format", choices=("json", "markdown"), default="json")
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")
    s = sub.add_parser("search", help="find entries containing TERM")
    s.add_argument("term", metavar="TERM")
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
    pex.add_argument("--name", default="MentorJournal prompts", help="the pack's name")
    pim = sub.add_parser("prompts-import", help="add the themes and prompts of a prompt pack")
    pim.add_argument("file", metavar="FILE")
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
