"""First run in words a person reads (issue 12, point 10): how long guessing would take, a
complaint that goes once it no longer holds, and a sign of progress while the journal is made."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.first_run import FirstRunScreen, RecoveryKeyScreen
from tests.tui.conftest import PASSPHRASE, settle
from tests.tui.screen_text import screen_text, until, until_shown


async def test_the_guessing_time_reads_as_a_sentence(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PASSPHRASE)
        shown = await until_shown(pilot, "Guessing it offline would take")
        assert "about centuries" not in shown
        assert "Guessing it offline would take centuries." in shown


async def test_the_weak_complaint_goes_once_a_strong_passphrase_is_typed(
    make_app, journal_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"password1", "enter", *"password1", "enter")
        await until_shown(pilot, "That passphrase is")
        box = app.screen.query_one("#new-passphrase")
        assert app.screen.focused is box
        await pilot.press(*["backspace"] * 9, *PASSPHRASE)
        await until(pilot, lambda: "That passphrase is" not in screen_text(app), "complaint gone")
        assert "very weak" not in screen_text(app)
    assert not journal_path.exists()


async def test_creating_shows_progress_until_the_recovery_key(
    make_app, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key derivation takes seconds with the real settings: the screen says so meanwhile."""
    release = threading.Event()
    real_create = Journal.create

    def slow_create(*args, **kwargs):
        release.wait(10)
        return real_create(*args, **kwargs)

    monkeypatch.setattr(Journal, "create", slow_create)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*PASSPHRASE, "enter", *PASSPHRASE, "enter")
        shown = await until_shown(pilot, "Creating your journal")
        assert "takes a few seconds" in shown
        assert app.screen.query_one("#create-spinner").display
        release.set()
        await until(pilot, lambda: isinstance(app.screen, RecoveryKeyScreen), "the recovery key")
        await settle(pilot)
    assert journal_path.exists()
