"""Helpers shared by the meeting-cycle tests (test_schedule, test_cycle_state_machine): a clock
the journal reads and the test moves, a fresh journal in a folder of its own, the process's
time zone changed for a while, and reading back what is stored."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from mentorjournal.domain import Meeting, Relationship, Review
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf
from tests.unit.unicode_entries import FAST_DIR

PASS = "pass phrase words"
permit_test_kdf(FAST_KDF_FOR_TESTS)  # the fast, test-only KDF, asked for explicitly


class Clock:
    """The one clock of a test: the journal reads it (``journal.clock = clock``), the test
    moves it."""

    def __init__(self, now: datetime) -> None:
        assert now.utcoffset() is not None
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> datetime:
        assert now.utcoffset() is not None
        self.now = now
        return now

    def advance(self, **delta: float) -> datetime:
        self.now = self.now + timedelta(**delta)
        return self.now


@contextmanager
def fresh_journal(clock: Clock) -> Iterator[Journal]:
    """A new journal (fast test KDF) in a folder of its own, removed afterwards."""
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as folder:
        journal, _ = Journal.create(Path(folder) / "cycle.db", PASS, kdf=FAST_KDF_FOR_TESTS)
        journal.clock = clock
        try:
            yield journal
        finally:
            journal.close()


def stored(journal: Journal) -> Journal:
    """The journal with every decrypted entry dropped, so what follows is read from the file."""
    journal._forget()
    return journal


def stored_meeting(journal: Journal, meeting_id: str) -> Meeting:
    return stored(journal).get(Meeting, meeting_id)


def stored_relationship(journal: Journal, relationship_id: str) -> Relationship:
    return stored(journal).get(Relationship, relationship_id)


def stored_reviews(journal: Journal, relationship_id: str | None = None) -> list[Review]:
    """The review records in the file (not the legacy ones made up from an older journal)."""
    return [r for r in stored(journal).all(Review) if relationship_id in (None, r.relationship_id)]
