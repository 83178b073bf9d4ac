"""First run, recovery key, unlock, wrong passphrase, lock — typed as a person would."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from mentorjournal.tui.screens.first_run import FirstRunScreen, RecoveryKeyScreen
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.unlock import UnlockScreen
from tests.tui.conftest import PASSPHRASE, reopen, settle, unlock
from tests.tui.screen_text import screen_text, until, until_shown


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_first_run_refuses_weak_then_creates_journal(make_app, journal_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*"password1", "enter", *"password1", "enter")
        await settle(pilot)
        assert "weak" in text_of(app.screen, "#create-message")
        assert not journal_path.exists()

        screen = app.screen
        screen.query_one("#new-passphrase").value = ""
        screen.query_one("#repeat-passphrase").value = ""
        screen.query_one("#new-passphrase").focus()
        await pilot.press(*PASSPHRASE, "enter", *PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryKeyScreen)
        key = text_of(app.screen, "#recovery-key")
        assert len(key.split("-")) == 8
        # Continue without the tick says why it does not go on, and the key stays shown.
        await pilot.click("#continue")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryKeyScreen)
        shown = screen_text(app)
        assert "First tick the box above" in shown and key in shown
        await pilot.click("#stored")
        await until(pilot, lambda: "First tick" not in screen_text(app), "the message gone")
        await pilot.click("#continue")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await until_shown(pilot, "No relationships yet")

    # What was stored: a journal that opens with the passphrase and with the recovery key.
    reopen(journal_path).close()
    from mentorjournal.journal.journal import Journal

    Journal.recover(journal_path, key, "another long passphrase here").close()


async def test_mismatched_passphrases_are_refused(make_app, journal_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PASSPHRASE, "enter", *"orchid tramline velvet quarrx", "enter")
        await settle(pilot)
        assert "differ" in text_of(app.screen, "#create-message")
        assert not journal_path.exists()


async def test_wrong_passphrase_stays_then_right_one_opens(new_journal, make_app) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await unlock(pilot, "not the passphrase")
        assert isinstance(app.screen, UnlockScreen)
        assert "does not open" in text_of(app.screen, "#unlock-message")
        assert app.screen.query_one("#passphrase").value == ""
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_lock_drops_the_key_and_unlock_returns(new_journal, make_app) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.journal is not None and app.journal.is_locked
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not app.journal.is_locked


async def test_ctrl_q_quits_with_code_zero(new_journal, make_app) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_auto_lock_after_idle_minutes_from_settings(new_journal, make_app) -> None:
    new_journal.set_setting("auto_lock_minutes", 2)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.last_activity -= 100  # idle for 100 s: not yet
        await app.lock_if_idle()
        assert isinstance(app.screen, HomeScreen)
        app.last_activity -= 30  # 130 s > 2 minutes
        await app.lock_if_idle()
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.journal.is_locked


async def test_auto_lock_off_when_zero(new_journal, make_app) -> None:
    new_journal.set_setting("auto_lock_minutes", 0)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.last_activity -= 10_000
        await app.lock_if_idle()
        assert isinstance(app.screen, HomeScreen)
        assert not app.journal.is_locked


async def test_ctrl_z_locks_first_when_the_setting_says_so(new_journal, make_app) -> None:
    new_journal.set_setting("lock_on_suspend", True)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+z")  # the headless driver cannot suspend; the lock still happens
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.journal.is_locked


async def test_ctrl_z_does_not_lock_when_the_setting_is_off(new_journal, make_app) -> None:
    new_journal.set_setting("lock_on_suspend", False)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not app.journal.is_locked
