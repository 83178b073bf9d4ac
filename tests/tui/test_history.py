"""History (f6): from a reflection, a meeting's notes, a relationship's page and an action's
form — the versions with when each was written, what changed word by word (marked, so it reads
without colour), and restore, which asks first and keeps what it replaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea

from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.history import LEGEND, NONE_YET, HistoryScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.gibbs_editor import GibbsEditor
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.history_support import FIRST, NOW, SECOND, with_history
from tests.tui.screen_text import footer_text, screen_text, text_in, until, words


def shown_in(app, selector: str) -> str:
    """What a person reads in one part of the screen on top (its wrapped lines as one)."""
    return words(text_in(app, app.screen.query_one(selector)))


async def until_in(pilot, selector: str, text: str) -> None:
    await until(pilot, lambda: text in shown_in(pilot.app, selector), f"{text!r} in {selector}")


def to_the_end(area: TextArea) -> None:
    """The cursor after the last word (as the arrow keys would take it)."""
    area.move_cursor(area.document.end)


async def open_history(pilot) -> HistoryScreen:
    await pilot.press("f6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_a_reflections_history_compares_and_restores(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting, reflection, _action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.open_reflection(app, rel.id, reflection.id, stage=0)
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert "f6 History" in footer_text(app)
        history = await open_history(pilot)
        listing = history.query_one("#history-list", OptionList)
        assert listing.option_count == 2
        shown = screen_text(app)
        assert "Sat 21 Nov 2026" in shown and "Fri 20 Nov 2026" in shown  # when each was written
        assert "Description" in shown
        assert shown_in(app, "#history-legend") == LEGEND
        # The newest version first, compared with the text now.
        changes = "hiring [-panel and who sits on it, and why.-]{+panel.+}"
        await until_in(pilot, "#history-changes", changes)
        await pilot.press("down")
        await until_in(pilot, "#history-changes", "[-promotion-]{+hiring+}")

        await pilot.press("enter")  # restore the oldest: asked first
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Put back the Description written" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.query_one(GibbsEditor).area("description").text == FIRST

        stored = reopen(journal_path)
        try:
            assert stored.get(Reflection, reflection.id).description == FIRST
            texts = [v.text for v in stored.versions(reflection.id)]
            assert texts == [NOW, SECOND, FIRST]  # what it replaced is kept too
        finally:
            stored.close()

        # Typing goes on from the restored text, and leaving saves it.
        to_the_end(app.screen.query_one(GibbsEditor).area("description"))
        await pilot.press(*" Then more.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = reopen(journal_path)
    try:
        assert stored.get(Reflection, reflection.id).description == FIRST + " Then more."
    finally:
        stored.close()


async def test_what_is_typed_is_saved_before_the_history_compares_it(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting, reflection, _action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.open_reflection(app, rel.id, reflection.id, stage=0)
        await settle(pilot)
        to_the_end(app.screen.query_one(GibbsEditor).area("description"))
        await pilot.press(*" Typed just now.")
        await open_history(pilot)
        await until_in(pilot, "#history-changes", "hiring panel.{+ Typed just now.+}")
        stored = reopen(journal_path)
        try:
            assert stored.get(Reflection, reflection.id).description == NOW + " Typed just now."
        finally:
            stored.close()
        await pilot.press("escape")  # closes; nothing restored
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)


async def test_a_meetings_notes_with_no_history_yet_say_so(new_journal, make_app) -> None:
    rel, meeting, _reflection, _action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.meet(app, rel.id, meeting.id)
        await settle(pilot)
        await open_history(pilot)
        await until_in(pilot, "#history-changes", NONE_YET)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)


async def test_the_relationship_page_and_the_action_form_have_history_too(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting, _reflection, action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.open_relationship(app, rel.id)
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        await open_history(pilot)
        await until_in(pilot, "#history-changes", "Listen [-first.-]{+first, then act.+}")
        assert "Purpose" in shown_in(app, "#history-list")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        await until(pilot, lambda: "Listen first." in screen_text(app), "the purpose restored")

        navigation.edit_action(app, action.id)
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        assert "f6 History" in footer_text(app)
        await open_history(pilot)
        await until_in(pilot, "#history-changes", "HR for {+the panel +}data")
        await pilot.press("enter", "y")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#action-title").value == "Ask HR for data"
        await pilot.press("escape")  # nothing typed: closes without asking
        await settle(pilot)
        assert not isinstance(app.screen, ActionForm)
    stored = reopen(journal_path)
    try:
        assert stored.get(Relationship, rel.id).purpose == "Listen first."
        assert stored.get(ActionStep, action.id).title == "Ask HR for data"
        assert [v.text for v in stored.versions(action.id)] == [
            "Ask HR for the panel data",
            "Ask HR for data",
        ]
    finally:
        stored.close()


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}])
async def test_history_reads_without_colour(
    new_journal, make_app, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    rel, _meeting, reflection, _action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert app.no_color
        navigation.open_reflection(app, rel.id, reflection.id, stage=0)
        await settle(pilot)
        await open_history(pilot)
        changes = "hiring [-panel and who sits on it, and why.-]{+panel.+}"
        await until_in(pilot, "#history-changes", changes)


async def test_restore_can_be_cancelled(new_journal, make_app, journal_path: Path) -> None:
    rel, meeting, reflection, _action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.open_reflection(app, rel.id, reflection.id, stage=0)
        await settle(pilot)
        await open_history(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # the focused button is Cancel
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    stored = reopen(journal_path)
    try:
        assert stored.get(Reflection, reflection.id).description == NOW
        assert stored.get(Meeting, meeting.id).notes == "Panel data first."
    finally:
        stored.close()
