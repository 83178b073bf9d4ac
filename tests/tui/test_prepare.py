"""Preparing the next meeting: the agenda from last month, themes, points, check-in, gaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, SelectionList, Static, TextArea

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Reflection,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.plan_meeting import PlanMeetingDialog
from mentorjournal.tui.widgets.wellbeing_checkin import ScoreSet
from tests.tui.checkin_keys import NOTE, WALKS, stored_checkins
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.screen_text import screen_text


def fill(journal: Journal, cadence: str | None = "FREQ=MONTHLY") -> dict[str, object]:
    rel = Relationship(
        title="Reverse mentoring with Amara",
        purpose="Understand how race shapes everyday work here.",
        ground_rules="Confidential both ways; criticism welcome.",
        cadence=cadence,
    )
    held = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 10, 27, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
    )
    # Written down in September, between meetings: October's meeting was held while it was
    # open, so it has been carried forward once.
    action = ActionStep(
        relationship_id=rel.id,
        title="Ask HR for panel data",
        resources="HR analytics",
    )
    journal.clock = lambda: datetime(2026, 9, 28, 9, 0, tzinfo=UTC)
    reflection = Reflection(
        relationship_id=rel.id,
        meeting_id=held.id,
        written_at=datetime(2026, 10, 27, 18, 0, tzinfo=UTC),
        action_plan="Talk to the Dean about the charter",
    )
    journal.save_many([rel, held, action, reflection])
    journal.close()
    return {"rel": rel, "held": held, "action": action}


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_prepare(pilot, rel_id: str) -> PrepareScreen:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    navigation.prepare(pilot.app, rel_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    return screen


async def test_agenda_themes_points_and_checkin_are_stored(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(pilot, made["rel"].id)
        assert "Understand how race shapes" in text_of(screen, "#prepare-purpose")
        assert "Confidential both ways" in text_of(screen, "#prepare-rules")
        assert "Fri 27 Nov 2026, 10:00" in text_of(screen, "#prepare-when")
        agenda = text_of(screen, "#prepare-agenda")
        assert "Ask HR for panel data" in agenda
        assert "carried forward 1×" in agenda
        assert "practicality gap" in agenda
        assert "Talk to the Dean about the charter" in agenda
        assert "Belonging" not in agenda

        # Choose a theme by keys: the theme list has the focus.
        themes = screen.query_one("#prepare-themes", SelectionList)
        assert screen.focused is themes
        await pilot.press("home", "down", "down", "down")
        assert "Belonging" in str(themes.highlighted_option.prompt)
        await pilot.press("space")
        await pilot.pause()
        assert "Belonging" in text_of(screen, "#prepare-agenda")

        # Points to raise, then the check-in before: score by digit, a short note.
        await pilot.press("tab")
        assert isinstance(screen.focused, TextArea)
        await pilot.press(*"Panel make-up")
        await pilot.press("tab", "3", "tab", *"calm")
        await pilot.pause()
        assert "Panel make-up" in text_of(screen, "#prepare-agenda")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    journal = reopen(journal_path)
    try:
        meeting = journal.upcoming_meeting(made["rel"].id, datetime(2026, 11, 23, tzinfo=UTC))
        assert meeting is not None and meeting.status is MeetingStatus.PLANNED
        assert meeting.themes == ["belonging"]
        assert meeting.points == "Panel make-up"
        assert "Ask HR for panel data (owner: me; carried forward 1×" in meeting.preparation
        assert "Talk to the Dean about the charter" in meeting.preparation
        assert "Belonging" in meeting.preparation
        [checkin] = journal.all(WellbeingCheckin)
        assert (checkin.moment, checkin.score, checkin.note) == (Moment.BEFORE, 3, "calm")
        assert checkin.meeting_id == meeting.id
        assert checkin.relationship_id == made["rel"].id
    finally:
        journal.close()


async def test_autosave_gap_filling_and_one_checkin_per_meeting(
    new_journal: Journal, make_app, journal_path: Path, monkeypatch
) -> None:
    made = fill(new_journal)
    opened: list[tuple[str | None, str | None]] = []

    def fake_edit_action(app, action_id, relationship_id=None, meeting_id=None, callback=None):
        # Stands in for the action form: the person notes the obstacles and saves.
        opened.append((action_id, relationship_id))
        journal = app.need_journal()
        journal.save(replace(journal.get(ActionStep, action_id), obstacles="Data protection"))
        callback(True)

    monkeypatch.setattr(navigation, "edit_action", fake_edit_action)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_prepare(pilot, made["rel"].id)
        screen.query_one("#prepare-wellbeing ScoreSet").focus()
        await pilot.press("4")
        await pilot.pause(1.8)  # past the debounce, without leaving the screen
        await settle(pilot)
        assert "Saved" in text_of(screen, "#prepare-status")
        stored = reopen(journal_path)
        [first] = stored.all(WellbeingCheckin)
        stored.close()
        assert first.score == 4

        # A practicality gap: e opens the action; once filled it leaves the list and agenda.
        gaps = screen.query_one("#prepare-gaps", OptionList)
        assert "Ask HR for panel data" in str(gaps.get_option_at_index(0).prompt)
        assert "no obstacles noted" in str(gaps.get_option_at_index(0).prompt)
        await pilot.press("tab", "tab")  # past the note (on the score row, "e" is typing)
        assert screen.focused is gaps
        await pilot.press("e")
        await settle(pilot)
        assert opened == [(made["action"].id, made["rel"].id)]
        assert "None" in str(gaps.get_option_at_index(0).prompt)
        assert "practicality gap" not in text_of(screen, "#prepare-agenda")

        await pilot.press("shift+tab", "shift+tab", "2", "ctrl+s")
        await settle(pilot)
        stored = reopen(journal_path)
        meeting = stored.get(Meeting, first.meeting_id)
        stored.close()
        assert "Ask HR for panel data" in meeting.preparation
        assert "practicality gap" not in meeting.preparation

        # Opened again: the stored check-in is shown and edited, never a second one made.
        await pilot.press("escape")
        navigation.prepare(app, made["rel"].id)
        await settle(pilot)
        assert app.screen is not screen
        assert app.screen.query_one("#prepare-wellbeing").score == 2
        app.screen.query_one("#prepare-wellbeing ScoreSet").focus()
        await pilot.press("5", "escape")
        await settle(pilot)

    journal = reopen(journal_path)
    try:
        [checkin] = journal.all(WellbeingCheckin)
        assert checkin.id == first.id and checkin.score == 5
    finally:
        journal.close()


async def test_no_cadence_asks_for_a_date_and_plans_the_meeting(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = fill(new_journal, cadence=None)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.prepare(app, made["rel"].id)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlanMeetingDialog)
        assert isinstance(dialog.focused, Input)
        # Not now: the screen waits, the agenda is shown, p asks again.
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert "press p" in text_of(screen, "#prepare-when")
        assert screen.query_one("#prepare-form").disabled
        assert "Ask HR for panel data" in text_of(screen, "#prepare-agenda")
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlanMeetingDialog)

        await pilot.press(*"03/12/2026", "enter")
        await pilot.pause()
        assert "ambiguous" in text_of(dialog, "#plan-message")
        dialog.query_one("#plan-when", Input).value = "2026-11-01 10:00"
        await pilot.press("enter")
        await pilot.pause()
        assert "passed" in text_of(dialog, "#plan-message")
        dialog.query_one("#plan-when", Input).value = "2026-12-03 18:30"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "Thu 3 Dec 2026, 18:30" in text_of(screen, "#prepare-when")
        assert not screen.query_one("#prepare-form").disabled
        await pilot.press("escape")
        await settle(pilot)

    journal = reopen(journal_path)
    try:
        planned = [m for m in journal.meetings(made["rel"].id) if m.status is MeetingStatus.PLANNED]
        assert [m.starts_at for m in planned] == [datetime(2026, 12, 3, 18, 30, tzinfo=UTC)]
        assert "Ask HR for panel data" in planned[0].preparation
    finally:
        journal.close()


async def to_the_score_row(pilot, screen: PrepareScreen) -> None:
    """From the themes list (focused on opening) by tab, past the points, to the score row."""
    assert screen.focused is screen.query_one("#prepare-themes")
    await pilot.press("tab", "tab")
    assert isinstance(screen.focused, ScoreSet)


# Issue 12, point 2: the same keys as on the support screen store the same check-in — at once
# on ctrl+s or enter, not only after the autosave's pause; typing after the digit is the note's
# (on the score row "m" is not "Start meeting").
@pytest.mark.parametrize("keys", list(WALKS.values()), ids=list(WALKS))
async def test_the_check_in_keys_store_score_and_note(
    new_journal: Journal, make_app, journal_path: Path, keys: tuple[str, ...]
) -> None:
    made = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(pilot, made["rel"].id)
        await to_the_score_row(pilot, screen)
        await pilot.press(*keys)
        await settle(pilot)
        assert app.screen is screen
        assert stored_checkins(journal_path) == [(4, NOTE)]
        assert "●" in str(screen.query_one("#prepare-wellbeing ScoreButton.-on").render())


async def test_leaving_with_a_note_but_no_score_asks_first(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_prepare(pilot, made["rel"].id)
        await to_the_score_row(pilot, screen)
        await pilot.press("tab", *"uneasy", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard your note?" in screen_text(app)
        await pilot.press("escape")  # keep it: back on the score row, the note as typed
        await settle(pilot)
        assert app.screen is screen and isinstance(screen.focused, ScoreSet)
        await pilot.press("3", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert stored_checkins(journal_path) == [(3, "uneasy")]
