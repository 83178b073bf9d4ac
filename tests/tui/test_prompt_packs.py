"""Settings → Prompts and themes: export a prompt pack, import one (twice), refuse a broken one."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Static

from mentorjournal.exchange.prompt_packs import export_pack, parse_pack
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.prompts import Prompt, Theme
from mentorjournal.tui.screens.settings import SettingsScreen
from tests.tui.conftest import reopen, settle, unlock
from tests.unit.exchange.test_prompt_packs import handbook_rows


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def message(screen: SettingsScreen) -> Static:
    return screen.query_one("#pack-message", Static)


async def press_button(pilot: Any, screen: SettingsScreen, selector: str) -> None:
    """Focus a button (the panel scrolls to it, as tab would) and press enter."""
    button = screen.query_one(selector, Button)
    while button.has_class("-active"):  # a button ignores presses for 0.2 s after one
        await pilot.pause(0.05)
    button.focus()
    await pilot.press("enter")
    await settle(pilot)


def stored_texts(journal_path: Path) -> list[str]:
    journal = reopen(journal_path)
    try:
        return [r.text or r.theme_title for r in journal.own_prompts()]
    finally:
        journal.close()


async def test_export_then_import_a_handbook_pack(
    new_journal: Journal, make_app: Any, journal_path: Path, home: Path
) -> None:
    new_journal.save_many(handbook_rows())
    new_journal.close()
    handbook = Theme(
        "own-race-at-work",
        "Race at work",
        "From the scheme's handbook.",
        (Prompt("r1", "x", "What did you notice this month?"), Prompt("r2", "x", "Who decides?")),
    )
    (home / "handbook.toml").write_text(export_pack([handbook], "Handbook"), encoding="utf-8")
    (home / "broken.toml").write_text("format = [", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await pilot.click("#--content-tab-prompts-pane")
        await settle(pilot)

        await press_button(pilot, screen, "#pack-export")
        exported = home / "mentorjournal-prompts.toml"
        assert str(message(screen).render()) == (
            f"Exported 2 themes and 3 prompts to {exported} (not encrypted)."
        )
        assert stat.S_IMODE(os.stat(exported).st_mode) == 0o600
        assert parse_pack(exported.read_text(encoding="utf-8")).prompt_count == 3

        await press_button(pilot, screen, "#pack-import")  # the same pack back: nothing new
        assert "Nothing new" in str(message(screen).render())
        assert len(stored_texts(journal_path)) == 4

        screen.query_one("#pack-path", Input).value = "~/handbook.toml"
        await press_button(pilot, screen, "#pack-import")
        assert str(message(screen).render()) == ("Imported 1 theme and 2 prompts from “Handbook”.")
        own_list = str(screen.query_one("#own-prompt-list", Static).render())
        assert "Theme of your own: Race at work" in own_list and "Who decides?" in own_list
        await press_button(pilot, screen, "#pack-import")  # twice: still only once
        assert "Nothing new" in str(message(screen).render())

        screen.query_one("#pack-path", Input).value = "~/broken.toml"
        await press_button(pilot, screen, "#pack-import")
        assert "not valid TOML" in str(message(screen).render())
        assert message(screen).has_class("error")

    stored = stored_texts(journal_path)
    assert stored[4:] == ["Race at work", "What did you notice this month?", "Who decides?"]
    assert len(stored) == 7
