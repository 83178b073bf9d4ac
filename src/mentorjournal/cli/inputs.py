"""What the command line reads from the person and the environment: where the journal is, the
passphrase (or a new one, checked for strength), the recovery key; and opening the journal with
them. A sentence for the person when something is missing (``UserStop``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

ENV_JOURNAL = "MENTORJOURNAL_JOURNAL"
ENV_PASSPHRASE = "MENTORJOURNAL_PASSPHRASE"
ENV_NEW_PASSPHRASE = "MENTORJOURNAL_NEW_PASSPHRASE"
ENV_RECOVERY_KEY = "MENTORJOURNAL_RECOVERY_KEY"


class UserStop(Exception):
    """Stop with one sentence on stderr and exit 1."""


def journal_path(arg: str | None) -> Path:
    if arg:
        return Path(arg).expanduser()
    if os.environ.get(ENV_JOURNAL):
        return Path(os.environ[ENV_JOURNAL]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mentorjournal")) / "journal.db"


def ask_secret(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise UserStop(f"{prompt.rstrip(': ')} is needed, and there is no terminal to ask in.")
    return getpass.getpass(prompt)


def current_passphrase() -> str:
    return os.environ.get(ENV_PASSPHRASE) or ask_secret("Passphrase: ")


def new_passphrase(*, init: bool) -> str:
    """A new passphrase: from the environment (scripts), or asked twice and checked for strength."""
    from mentorjournal.journal.passphrase import require_strong, strength

    env = os.environ.get(ENV_NEW_PASSPHRASE) or (os.environ.get(ENV_PASSPHRASE) if init else None)
    if env:
        s = strength(env)
        if not s.acceptable:
            print(f"Warning: the new passphrase is {s.label}. {s.advice}", file=sys.stderr)
        return env
    first = ask_secret("New passphrase: ")
    require_strong(first)
    if ask_secret("Same passphrase again: ") != first:
        raise UserStop("The two passphrases differ; nothing was changed.")
    return first


def open_journal(
    args: argparse.Namespace, *, altered_ok: bool = False, passphrase: str | None = None
) -> Journal:
    """The journal, unlocked; a warning it carries (an older copy of the file) on stderr.
    ``altered_ok``: a journal changed outside MentorJournal opens read-only (for export)."""
    from mentorjournal.store import early_key

    path = journal_path(args.journal)
    passphrase = passphrase or current_passphrase()
    # The key is derived in a thread while the journal code (SQLAlchemy, SQLModel) is imported.
    early_key.begin(path, passphrase)
    from mentorjournal.journal.journal import Journal

    journal = Journal.open_locked(path)
    if getattr(args, "clock", None) is not None:
        journal.clock = args.clock  # before the unlock: it decides what the bin lets go
    try:
        journal.unlock(passphrase, altered_ok=altered_ok)
    except BaseException:
        journal.close()
        raise
    for warning in journal.warnings:
        tell(warning)
    return journal


def tell(sentence: str) -> None:
    """One sentence for the person on stderr (controls escaped: it may quote a file's bytes)."""
    from mentorjournal.exchange.visible import escape_controls

    print(f"mentorjournal: {escape_controls(sentence)}", file=sys.stderr)
