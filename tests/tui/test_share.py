"""Sharing an action plan from the relationship page: tick by keys, preview, warning, file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Markdown, SelectionList, Static

from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.share import SharePlanScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from tests.tui.conftest import settle, unlock
from tests.tui.screen_text import screen_text, words
from tests.unit.exchange.test_share import MARKER, fill_markers

PLAN_FILE = "action-plan-2026-11-23"  # the default name, from the frozen clock


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default path is in the home folder: make that a temporary one."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_share(pilot: Any) -> SharePlanScreen:
    await unlock(pilot)
    await pilot.press("enter")  # the only relationship
    await settle(pilot)
    assert isinstance(pilot.app.screen, RelationshipScreen)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SharePlanScreen)
    return screen


async def tick(pilot: Any, screen: SharePlanScreen, *markers: str) -> None:
    """Move down the list to each item holding a marker and tick it with space."""
    assert screen.plan is not None
    listing = screen.query_one("#share-items", SelectionList)
    assert screen.focused is listing
    for marker in markers:
        [target] = [n for n, item in enumerate(screen.plan.items) if marker in item.text]
        moves = target - (listing.highlighted or 0)
        await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "space")
    await settle(pilot)


def preview(screen: SharePlanScreen) -> str:
    return screen.query_one("#share-preview", Markdown).source


async def test_tick_preview_warn_and_write_only_what_was_ticked(
    new_journal: Journal, make_app: Any, home: Path
) -> None:
    fill_markers(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_share(pilot)
        assert screen.plan is not None and len(screen.plan.items) == 18
        listing = screen.query_one("#share-items", SelectionList)
        assert listing.selected == []  # nothing is ticked by default
        assert "Nothing is ticked" in preview(screen)
        assert "private" in str(listing.get_option_at_index(4).prompt)  # the meeting's notes
        assert screen.query_one("#share-path", Input).value == f"~/{PLAN_FILE}.md"

        await pilot.press("ctrl+s")  # nothing ticked: refused, no warning, no file
        await settle(pilot)
        assert app.screen is screen
        assert text_of(screen, "#share-message").startswith("Tick at least one item first")
        assert list(home.iterdir()) == []

        await tick(pilot, screen, "MK-NOTES", "MK-A-OPEN")
        shown = preview(screen)
        assert set(MARKER.findall(shown)) == {"MK-NOTES", "MK-A-OPEN"}
        assert "## What we discussed" in shown and "## What we plan" in shown
        assert listing.border_subtitle == "2 of 18 ticked (1 private)"
        # Under the list (which shows each item whole): where the highlighted one goes.
        assert text_of(screen, "#share-detail") == "What we plan"

        await pilot.press("ctrl+f")  # HTML for printing; the file name follows
        await settle(pilot)
        assert screen.query_one("#share-path", Input).value == f"~/{PLAN_FILE}.html"
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        warning = text_of(dialog, "#confirm-detail")
        assert "NOT encrypted" in warning and "anyone who can open it can read it" in warning
        assert f"2 items (1 private) will be written to {home / PLAN_FILE}.html" in warning
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert app.screen is screen
        assert text_of(screen, "#share-message").startswith(f"Written to {home / PLAN_FILE}.html")

        await pilot.press("ctrl+f", "ctrl+s")  # and Markdown, confirmed with y
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)

    page = (home / f"{PLAN_FILE}.html").read_text(encoding="utf-8")
    md = (home / f"{PLAN_FILE}.md").read_text(encoding="utf-8")
    for path in home.iterdir():
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in home.iterdir()) == [f"{PLAN_FILE}.html", f"{PLAN_FILE}.md"]
    for written in (page, md):
        assert set(MARKER.findall(written)) == {"MK-NOTES", "MK-A-OPEN"}
        assert "Ask HR MK-A-OPEN (owner: me, due 1 Dec 2026)" in written
    assert "Notes MK-NOTES &lt;script&gt;" in page and "<script>" not in page
    assert md == shown  # the preview was exactly what was written


async def test_cancel_at_the_warning_writes_nothing(
    new_journal: Journal, make_app: Any, home: Path
) -> None:
    fill_markers(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_share(pilot)
        await tick(pilot, screen, "MK-R-FEEL")
        assert "MK-R-FEEL uneasy" in preview(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert text_of(screen, "#share-message") == "Nothing was written."
        # Unticking takes it out of the preview again.
        await pilot.press("space")
        await settle(pilot)
        assert "Nothing is ticked" in preview(screen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
    assert list(home.iterdir()) == []


async def test_the_plan_names_the_partner_as_owner_and_keeps_line_breaks(
    new_journal: Journal, make_app: Any
) -> None:
    """Issue 12, point 15: "owner: Zora …", never "owner: my partner", in the list and the
    preview; the preview's notes keep their lines (a hard break)."""
    fill_markers(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_share(pilot)
        await tick(pilot, screen, "MK-A-DONE", "MK-NOTES")
        shown = preview(screen)
        assert "owner: Zora MK-PARTNER and me" in shown
        assert "my partner" not in shown
        assert "&lt;/script&gt;  \n\\# not a heading" in shown


async def test_u_unticks_everything_and_ctrl_n_is_left_to_adding(
    new_journal: Journal, make_app: Any
) -> None:
    """ctrl+n adds an action everywhere else; "untick all" is u, in the list (issue 12 residue,
    point 3), and help (f1) says so."""
    fill_markers(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_share(pilot)
        listing = screen.query_one("#share-items", SelectionList)
        await tick(pilot, screen, "MK-NOTES", "MK-A-OPEN")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen is screen and len(listing.selected) == 2
        await pilot.press("u")
        await settle(pilot)
        assert listing.selected == []
        assert "Nothing is ticked" in preview(screen)
        await pilot.press("f1")
        await settle(pilot)
        assert "u Untick everything (in the list)" in words(screen_text(app))
