"""Helpers shared by the journal tests: close a journal and open it again, and this process's
time zone changed for a while."""

from __future__ import annotations

from mentorjournal.journal.journal import Journal


def reopen(journal: Journal, passphrase: str) -> Journal:
    journal.close()
    return Journal.open(journal.path, passphrase)
