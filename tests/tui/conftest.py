"""Fixtures for driving the app with Textual's pilot.

Every journal lives in ``tmp_path`` and uses the fast key derivation, passed explicitly.
The clock is frozen so screens (and snapshots) are stable.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.app import MentorJournalApp

PASSPHRASE = "orchid tramline velvet quarry"
FROZEN_NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def frozen_clock() -> datetime:
    return FROZEN_NOW


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "journal.db"


@pytest.fixture
def new_journal(journal_path: Path) -> Journal:
    """An empty journal on disk (closed again by the test's app or at teardown)."""
    journal, _key = Journal.create(journal_path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    yield journal
    journal.close()


@pytest.fixture
def make_app(journal_path: Path) -> Callable[..., MentorJournalApp]:
    def make(**kwargs: object) -> MentorJournalApp:
        return MentorJournalApp(journal_path, kdf=FAST_KDF_FOR_TESTS, clock=frozen_clock, **kwargs)

    return make


async def workers_done(app: App[object]) -> None:
    """Wait until no worker runs. One cancelled meanwhile counts as done: a dialog closed by its
    save's result (run on the UI thread while the worker waits for it) cancels that worker."""
    while not all(w.is_finished for w in app.workers):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()


async def settle(pilot: Pilot[object]) -> None:
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


async def searched(pilot: Pilot[object]) -> None:
    """On the search screen: wait until the search for what is in the box has begun (it begins
    0.2 s after the last key, later on a busy machine), then until its results are shown."""
    screen = pilot.app.screen
    box = screen.query_one("#search-term", Input)
    for _ in range(100):
        if getattr(screen, "term", None) == box.value.strip():
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError(f"the search for {box.value!r} never began")
    await settle(pilot)


async def unlock(pilot: Pilot[object], passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock screen, as a person would."""
    await pilot.press(*passphrase, "enter")
    await settle(pilot)


def reopen(journal_path: Path) -> Journal:
    """The journal as stored on disk, opened afresh (what the app really saved)."""
    return Journal.open(journal_path, PASSPHRASE)
