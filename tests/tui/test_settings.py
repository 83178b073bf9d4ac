"""Settings: minutes with inline errors, theme, passphrase change, backup, own prompts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select, SelectionList, Static

from mentorjournal.domain import OwnPrompt
from mentorjournal.errors import WrongPassphrase
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.prompts import merge_themes, theme_by_key
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.settings import SettingsScreen
from mentorjournal.tui.widgets.passphrase_dialog import PassphraseDialog
from tests.tui.conftest import PASSPHRASE, reopen, settle, unlock
from tests.tui.screen_text import screen_text, until_shown

NEW_PASSPHRASE = "lantern orbit meadow fiddle"


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_settings(pilot: Any, tab: str = "") -> SettingsScreen:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("comma")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    if tab:
        await pilot.click(f"#--content-tab-{tab}")
        await settle(pilot)
    return screen


def stored_setting(journal_path: Path, key: str) -> Any:
    journal = reopen(journal_path)
    try:
        return journal.setting(key, "unset")
    finally:
        journal.close()


async def test_auto_lock_minutes_are_stored_and_a_non_number_is_refused(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#auto-lock").value == "5"  # the default
        await pilot.press("end", "backspace", *"10", "enter")
        await settle(pilot)
        note = screen.query_one("#auto-lock-message", Static)
        assert "Locks after 10 minutes" in text_of(note)
        assert stored_setting(journal_path, "auto_lock_minutes") == 10

        await pilot.press("end", "backspace", "backspace", *"ten", "enter")
        await settle(pilot)
        assert text_of(note) == "Type a whole number of minutes from 0 (never) to 240."
        await pilot.press("end", *["backspace"] * 3, *"999", "tab")  # leaving the field checks
        await settle(pilot)
        assert "from 0 (never) to 240" in text_of(note)
        assert stored_setting(journal_path, "auto_lock_minutes") == 10
        assert stored_setting(journal_path, "meeting_minutes") == "unset"


async def test_theme_applies_at_once_and_is_stored(
    new_journal: Journal, make_app: Any, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        chooser = screen.query_one("#theme", Select)
        assert chooser.value == app.theme == "textual-dark"
        await pilot.click("#theme")
        await pilot.press(*"standard l", "enter")
        await settle(pilot)
        assert app.theme == "textual-light"
        assert stored_setting(journal_path, "theme") == "textual-light"

        # With NO_COLOR set the screen says colours are off; the choice is kept, not applied.
        monkeypatch.setenv("NO_COLOR", "1")
        await pilot.press("escape", "comma")
        await settle(pilot)
        screen = app.screen
        assert "colours are off" in text_of(screen.query_one("#theme-note", Static))
        assert screen.query_one("#theme", Select).value == "textual-light"
        await pilot.click("#theme")
        await pilot.press(*"standard d", "enter")
        await settle(pilot)
        assert app.theme == "textual-light"
        assert stored_setting(journal_path, "theme") == "textual-dark"


async def test_theme_names_are_words_and_the_terminal_colour_themes_are_offered(
    new_journal: Journal, make_app: Any, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_settings(pilot)
        await pilot.click("#theme")
        shown = await until_shown(pilot, "Standard light")
        assert "Standard dark" in shown and "textual-" not in shown
        assert "Terminal's own colours, dark" in shown
        await pilot.press(*"terminal's own colours, l", "enter")
        await settle(pilot)
        assert app.theme == "ansi-light"
        assert stored_setting(journal_path, "theme") == "ansi-light"
        assert "Terminal's own colours, light" in screen_text(app)


async def test_lock_on_sleep_switch_says_on_or_off_in_words(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)
        assert "goes to sleep (or ctrl+z): on" in screen_text(app)
        await pilot.click("#lock-on-suspend")
        await until_shown(pilot, "goes to sleep (or ctrl+z): off")
        await settle(pilot)
        assert stored_setting(journal_path, "lock_on_suspend") is False


async def test_change_passphrase_then_only_the_new_one_opens(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot, "security-pane")
        await pilot.click("#change-passphrase")
        await settle(pilot)
        assert isinstance(app.screen, PassphraseDialog)
        dialog = app.screen
        dialog.query_one("#current-passphrase").value = PASSPHRASE  # long: set, not typed
        await pilot.press("enter", *NEW_PASSPHRASE)
        assert "strong" in text_of(dialog.query_one("#new-strength", Static))
        await pilot.press("enter")
        dialog.query_one("#repeat-passphrase").value = NEW_PASSPHRASE
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)

    Journal.open(journal_path, NEW_PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        Journal.open(journal_path, PASSPHRASE)


async def test_a_wrong_current_passphrase_changes_nothing(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot, "security-pane")
        await pilot.click("#change-passphrase")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#new-passphrase").value = NEW_PASSPHRASE
        dialog.query_one("#repeat-passphrase").value = NEW_PASSPHRASE
        await pilot.press(*"not it", "enter")
        await pilot.click("#passphrase-change")
        await settle(pilot)
        assert app.screen is dialog  # still open, with the reason
        message = text_of(dialog.query_one("#passphrase-message", Static))
        assert message == "That is not your current passphrase, so nothing was changed."
        assert dialog.query_one("#current-passphrase").value == ""

    reopen(journal_path).close()  # the old passphrase still opens it
    with pytest.raises(WrongPassphrase):
        Journal.open(journal_path, NEW_PASSPHRASE)


async def test_backup_now_writes_a_copy_that_opens_and_refuses_to_overwrite(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.set_setting("meeting_minutes", 45)
    new_journal.close()
    target = journal_path.with_name("journal-backup-2026-11-23.db")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot, "security-pane")
        assert screen.query_one("#backup-path").value == str(target)
        await pilot.click("#backup")
        await settle(pilot)
        message = screen.query_one("#backup-message", Static)
        assert text_of(message).startswith(f"Backed up to {target}")
        await pilot.click("#backup")
        await settle(pilot)
        assert "already exists" in text_of(message)

    copy = Journal.open(target, PASSPHRASE)
    try:
        assert copy.setting("meeting_minutes") == 45
    finally:
        copy.close()


async def test_own_prompt_and_theme_are_added_and_a_builtin_is_hidden(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot, "prompts-pane")
        first_theme = screen.query_one("#prompt-theme", Select).value
        await pilot.click("#new-prompt")
        await pilot.press(*"Who is missing?", "enter")
        await settle(pilot)
        listing = text_of(screen.query_one("#own-prompt-list", Static))
        assert "Who is missing?" in listing
        assert screen.query_one("#new-prompt").value == ""

        screen.query_one("#builtin-prompts", SelectionList).focus()
        await pilot.press("space")  # hides the first built-in prompt of the theme
        await settle(pilot)

        screen.query_one("#new-theme").focus()
        await pilot.press(*"Allies", "enter")
        await settle(pilot)
        assert screen.query_one("#prompt-theme", Select).value == "own-allies"

    stored = reopen(journal_path)
    try:
        rows = stored.own_prompts()
    finally:
        stored.close()
    prompt = next(r for r in rows if r.text)
    assert (prompt.text, prompt.theme) == ("Who is missing?", first_theme)
    assert [(r.theme, r.theme_title) for r in rows if r.theme_title] == [("own-allies", "Allies")]
    merged = merge_themes(rows)
    theme = theme_by_key(merged, str(first_theme))
    assert theme is not None
    assert "Who is missing?" in [p.text for p in theme.prompts]
    hidden = [r for r in rows if r.hides]
    assert [(r.hides, r.hidden) for r in hidden] == [(f"{first_theme}-1", True)]
    assert f"{first_theme}-1" not in [p.key for p in theme.prompts]
    assert theme_by_key(merged, "own-allies") is not None
    assert all(isinstance(r, OwnPrompt) for r in rows)
