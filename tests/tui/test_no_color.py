"""The app starts and works with NO_COLOR set and on a plain Linux console (TERM=linux).

Textual 8.2.8 reads NO_COLOR itself (app.no_color) and has no theme called "textual-ansi": asking
for it stopped the app at start with the "unexpected problem" sentence (issue 12, point 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.app import MentorJournalApp
from mentorjournal.tui.screens.first_run import FirstRunScreen, RecoveryKeyScreen
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.unlock import UnlockScreen
from tests.tui.conftest import PASSPHRASE, settle, unlock
from tests.tui.screen_text import region_text, screen_text, until, until_shown


@pytest.mark.parametrize(
    "env", [{"NO_COLOR": "1"}, {"TERM": "linux"}, {"NO_COLOR": "1", "TERM": "linux"}]
)
async def test_app_unlocks_to_home_with_no_color_or_a_linux_console(
    new_journal: Journal, make_app, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    new_journal.close()
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app: MentorJournalApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.no_color == ("NO_COLOR" in env)
        assert app.theme in app.available_themes
        assert "Passphrase" in screen_text(app)
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        await until_shown(pilot, "No relationships yet")
    assert app.return_code in (None, 0)


async def test_first_run_screen_appears_with_no_color(
    make_app, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "linux")
    app: MentorJournalApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        assert app.no_color
    assert app.return_code in (None, 0)
    assert not journal_path.exists()


async def test_a_stored_theme_is_not_applied_with_no_color(
    new_journal: Journal, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_journal.set_setting("theme", "textual-light")
    new_journal.close()
    monkeypatch.setenv("NO_COLOR", "1")
    app: MentorJournalApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "textual-dark"


async def test_a_file_that_is_no_journal_is_refused_before_any_passphrase(
    make_app, journal_path: Path
) -> None:
    journal_path.parent.mkdir(parents=True)
    journal_path.write_text("my shopping list\n")
    app: MentorJournalApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        shown = await until_shown(pilot, "is not a MentorJournal journal")
        assert "Nothing was changed" in shown
        assert app.screen.query_one("#passphrase").disabled
        await pilot.press("ctrl+q")
    assert journal_path.read_text() == "my shopping list\n"


async def test_the_demo_passphrase_is_shown_in_quotes_and_typing_it_unlocks(
    make_app, journal_path: Path
) -> None:
    """Issue 12, point 17: where the passphrase begins and ends is plain to see."""
    from mentorjournal.cli.demo import DEMO_PASSPHRASE
    from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

    journal, _ = Journal.create(journal_path, DEMO_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    journal.close()
    app: MentorJournalApp = make_app(demo_passphrase=DEMO_PASSPHRASE)
    async with app.run_test(size=(80, 24)) as pilot:
        shown = " ".join((await until_shown(pilot, "Demo journal")).split())
        start = shown.index("“") + 1
        typed = shown[start : shown.index("”", start)]
        assert typed == DEMO_PASSPHRASE and ":" not in typed
        await unlock(pilot, typed)
        assert isinstance(app.screen, HomeScreen)


def marks(text: str, *labels: str) -> list[str]:
    """The mark drawn before each label ("▐X▌", "▐●▌" or "▐ ▌"), as painted."""
    found = []
    for label in labels:
        [line] = [line for line in text.splitlines() if f"▌ {label}" in line]
        at = line.index(f"▌ {label}")
        found.append(line[at - 2 : at + 1])
    return found


async def test_what_is_chosen_is_marked_in_characters_not_colour_alone(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    """A chosen theme, the role and the recovery-key tick: marked, not only coloured (the walk
    with NO_COLOR found every theme drawn alike, chosen or not; so were the role buttons and
    the recovery-key tick)."""
    from tests.tui import test_prepare

    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await test_prepare.open_prepare(pilot, made["rel"].id)
        await pilot.press("home", "down", "space")
        await settle(pilot)
        themes = screen.query_one("#prepare-themes")
        shown = region_text(app, themes.region)
        assert marks(shown, "Purpose", "Ground rules") == ["▐ ▌", "▐X▌"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")  # a new relationship: choose the role by keys
        await settle(pilot)
        await pilot.press("tab", "down", "space")
        await settle(pilot)
        assert marks(screen_text(app), "mentor", "mentee") == ["▐ ▌", "▐●▌"]

    fresh = MentorJournalApp(journal_path.with_name("new.db"), kdf=FAST_KDF_FOR_TESTS)
    async with fresh.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PASSPHRASE, "enter", *PASSPHRASE, "enter")
        await until(pilot, lambda: isinstance(fresh.screen, RecoveryKeyScreen), "the key")
        await settle(pilot)
        label = "I have stored my recovery key"
        assert marks(screen_text(fresh), label) == ["▐ ▌"]
        await pilot.press("space")
        await settle(pilot)
        assert marks(screen_text(fresh), label) == ["▐X▌"]
