"""A screen left beneath others shows the journal afresh when it is on top again (issue 12,
point 8): finishing a reflection returns to where the person came from, not to a stale copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, TextArea

from mentorjournal.domain import ActionStep, Meeting, MeetingStatus, Relationship, SupportContact
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.widgets.gap_list import NO_GAPS
from tests.tui.clock_support import Clock
from tests.tui.conftest import reopen, unlock
from tests.tui.screen_text import screen_text, until, until_shown
from tests.tui.snapshot_support import palette, settle_all

MEETING_AT = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)  # the second Tuesday of November
TITLE = "Reverse mentoring with Amara"
PLAN = "Talk to the Dean about the charter"
CAPTURED = ("Ask HR for panel data", "Read the promotion policy")


def fill(journal: Journal) -> tuple[Relationship, Meeting]:
    rel = Relationship(
        title=TITLE,
        partner="Amara",
        ground_rules="Confidential both ways.",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
    )
    meeting = Meeting(relationship_id=rel.id, starts_at=MEETING_AT)
    journal.save_many([rel, meeting])
    journal.close()
    return rel, meeting


def gaps_of(screen: Any) -> list[str]:
    gaps = screen.query_one("#prepare-gaps", OptionList)
    return [str(gaps.get_option_at_index(i).prompt) for i in range(gaps.option_count)]


def agenda_of(screen: Any) -> str:
    return str(screen.query_one("#prepare-agenda").render())


async def open_prepare(pilot: Any, rel: Relationship) -> PrepareScreen:
    await unlock(pilot)
    navigation.prepare(pilot.app, rel.id)
    await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    return screen


async def write_plan(pilot: Any) -> None:
    """On the reflection screen: the action plan stage (ctrl+g, 6), a line typed."""
    assert isinstance(pilot.app.screen, ReflectionScreen)
    await pilot.press("ctrl+g")
    await settle_all(pilot)
    await pilot.press("6")
    await settle_all(pilot)
    await pilot.press(*PLAN)


async def test_finishing_the_reflection_returns_to_prepare_with_the_new_actions(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    """Prepare, the meeting started from the palette (so prepare stays beneath), actions
    captured, the meeting ended, a reflection with an action plan: finishing it shows prepare
    for the next meeting, its agenda and gaps holding the new actions and the plan."""
    rel, meeting = fill(new_journal)
    app = make_app()
    app.clock = Clock(datetime(2026, 11, 10, 9, 50, tzinfo=UTC))
    async with app.run_test(size=(100, 30)) as pilot:
        prepare = await open_prepare(pilot, rel)
        assert "Tue 10 Nov 2026, 10:00" in str(prepare.query_one("#prepare-when").render())
        assert gaps_of(prepare) == [NO_GAPS]

        await palette(pilot, f"Meet: {TITLE}")
        await pilot.press("enter")  # the ground rules, agreed
        await settle_all(pilot)
        in_meeting = app.screen
        assert isinstance(in_meeting, MeetingScreen)
        assert app.screen_stack[-2] is prepare
        for title in CAPTURED:
            await pilot.press("ctrl+n")
            await settle_all(pilot)
            await pilot.press(*title, "ctrl+s")
            await settle_all(pilot)
            assert app.screen is in_meeting
        await pilot.press("ctrl+t")
        await settle_all(pilot)
        await pilot.press("enter")  # End meeting
        await settle_all(pilot)
        await pilot.press("enter")  # Reflect now
        await settle_all(pilot)
        await write_plan(pilot)
        await pilot.press("ctrl+s")  # Done
        await settle_all(pilot)

        await until(
            pilot,
            lambda: isinstance(app.screen, PrepareScreen) and gaps_of(app.screen) != [NO_GAPS],
            "prepare shows the practicality gaps of the actions captured",
        )
        shown = app.screen
        assert [g.split("  ")[0] for g in gaps_of(shown)] == sorted(CAPTURED)
        agenda = agenda_of(shown)
        assert all(title in agenda for title in CAPTURED)
        assert PLAN in agenda
        assert "Tue 8 Dec 2026, 10:00" in str(shown.query_one("#prepare-when").render())
        await pilot.press("escape")  # leaving prepare stores the preparation
        await settle_all(pilot)

    journal = reopen(journal_path)
    try:
        held = journal.get(Meeting, meeting.id)
        assert held.status is MeetingStatus.HELD
        actions = journal.actions(rel.id)
        assert sorted(a.title for a in actions) == sorted(CAPTURED)
        assert all(a.meeting_id == meeting.id for a in actions)
        [reflection] = journal.reflections(rel.id)
        assert (reflection.meeting_id, reflection.action_plan) == (meeting.id, PLAN)
        upcoming = journal.upcoming_meeting(rel.id, datetime(2026, 11, 11, tzinfo=UTC))
        assert upcoming is not None and upcoming.id != meeting.id
        assert PLAN in upcoming.preparation  # the next meeting's preparation, stored
    finally:
        journal.close()


async def test_leaving_a_reflection_keeps_what_was_typed_in_prepare_and_shows_the_plan(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    """The same meeting still to come: prepare keeps the point typed a moment before (stored
    first), and its agenda takes in the action plan written meanwhile; escape leaves the
    reflection (it saves)."""
    rel, meeting = fill(new_journal)
    app = make_app()
    app.clock = Clock(datetime(2026, 11, 9, 9, 0, tzinfo=UTC))
    async with app.run_test(size=(100, 30)) as pilot:
        prepare = await open_prepare(pilot, rel)
        points = prepare.query_one("#prepare-points", TextArea)
        points.focus()
        await pilot.press(*"Panel make-up")
        await palette(pilot, f"Reflect: {TITLE}")
        await settle_all(pilot)
        await write_plan(pilot)
        await pilot.press("escape")
        await settle_all(pilot)

        await until(
            pilot,
            lambda: app.screen is prepare and PLAN in agenda_of(prepare),
            "prepare's agenda takes in the action plan",
        )
        assert points.text == "Panel make-up"
        assert "Panel make-up" in agenda_of(prepare)
        await pilot.press("escape")  # leaving prepare stores the preparation
        await settle_all(pilot)

    journal = reopen(journal_path)
    try:
        stored = journal.get(Meeting, meeting.id)
        assert stored.points == "Panel make-up"
        assert PLAN in stored.preparation
    finally:
        journal.close()


def an_action(journal: Journal, rel: Relationship) -> str:
    journal.save(ActionStep(relationship_id=rel.id, title="Ask HR for panel data"))
    return "Ask HR for panel data"


def a_held_meeting(journal: Journal, rel: Relationship) -> str:
    held = Meeting(rel.id, datetime(2026, 10, 13, 10, tzinfo=UTC), status=MeetingStatus.HELD)
    journal.save(held)
    return "1 meeting held"


def a_contact(journal: Journal, rel: Relationship) -> str:
    journal.save(SupportContact(name="Staff counselling", how="ext 4455"))
    return "Staff counselling"


COVERED: dict[str, tuple[Callable[[Any, str], None], Callable[[Journal, Relationship], str]]] = {
    "prepare": (navigation.prepare, an_action),
    "actions board": (navigation.actions_board, an_action),
    "share": (navigation.share, an_action),
    "insight": (navigation.insight, a_held_meeting),
    "support": (lambda app, _rel_id: app.action_support(), a_contact),
}


@pytest.mark.parametrize("name", list(COVERED))
async def test_a_screen_covered_while_the_journal_changed_shows_it_afresh(
    new_journal: Journal, make_app: Any, journal_path: Path, name: str
) -> None:
    """The class of defect: whatever screen was beneath when something was stored (here by
    another window, while help covered it) shows it once it is on top again."""
    open_screen, store_elsewhere = COVERED[name]
    rel, _meeting = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        open_screen(app, rel.id)
        await settle_all(pilot)
        screen = app.screen
        await pilot.press("f1")
        await settle_all(pilot)
        assert app.screen is not screen
        other = reopen(journal_path)
        try:
            expected = store_elsewhere(other, rel)
        finally:
            other.close()
        assert expected not in screen_text(app)
        await pilot.press("escape")
        await settle_all(pilot)
        assert app.screen is screen
        await until_shown(pilot, expected)
