"""The meeting screen as a person drives it: ground rules, prompts, notes, timer, actions, end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from mentorjournal.domain import Meeting, MeetingStatus, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.prompts import builtin_themes, theme_by_key
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard
from mentorjournal.tui.widgets.notes_framing import FRAMING_TEMPLATE
from mentorjournal.tui.widgets.prompt_deck import PromptDeck
from tests.tui.clock_support import Clock
from tests.tui.conftest import reopen, settle, unlock

MEETING_AT = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)  # the second Tuesday of November
RULES = "Complete confidentiality; say anything that needs saying, criticism included."


def fill(journal: Journal, **meeting_fields: object) -> tuple[Relationship, Meeting]:
    rel = Relationship(
        title="Reverse mentoring with Amara",
        partner="Amara",
        purpose="Understand how race shapes everyday work here.\nAnd act on it.",
        ground_rules=RULES,
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
    )
    fields: dict[str, object] = {"starts_at": MEETING_AT, "themes": ["talking-about-race"]}
    fields.update(meeting_fields)
    meeting = Meeting(relationship_id=rel.id, **fields)  # type: ignore[arg-type]
    journal.save_many([rel, meeting])
    journal.close()
    return rel, meeting


def text(widget: Static) -> str:
    return str(widget.render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def start_meeting(app, pilot, rel: Relationship) -> MeetingScreen:
    await unlock(pilot)
    navigation.meet(app, rel.id)
    await settle(pilot)
    assert isinstance(app.screen, GroundRulesCard)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def test_meeting_from_ground_rules_to_reflection(new_journal, make_app, journal_path):
    action_form = pytest.importorskip("mentorjournal.tui.screens.action_form")
    reflection = pytest.importorskip("mentorjournal.tui.screens.reflection")
    rel, meeting = fill(new_journal)
    race = theme_by_key(builtin_themes(), "talking-about-race")
    assert race is not None
    clock = Clock(MEETING_AT)
    app = make_app()
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.meet(app, rel.id)
        await settle(pilot)
        card = app.screen
        assert isinstance(card, GroundRulesCard)
        assert RULES in text(card.query_one("#rules-text", Static))
        assert "how race shapes" in text(card.query_one("#rules-text", Static))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert "Purpose: Understand how race" in text(screen.query_one("#meeting-purpose", Static))
        assert "And act on it" not in text(screen.query_one("#meeting-purpose", Static))

        # The prompt deck: the chosen theme, next prompt, mark used (stored at once).
        deck = screen.query_one(PromptDeck)
        first = deck.prompt
        assert first is not None and first in race.prompts
        shown = text(deck)
        assert race.title in shown and first.text in shown and f"1/{len(race.prompts)}" in shown
        await pilot.press("f4")  # next, as for a reflection's stages
        second = deck.prompt
        assert second is not None and second != first and second.text in text(deck)
        assert f"2/{len(race.prompts)}" in text(deck)
        await pilot.press("f9")
        await settle(pilot)
        assert "✓ used" in text(deck)
        stored = reopen(journal_path)
        assert stored.get(Meeting, meeting.id).used_prompts == [second.key]
        stored.close()

        # Notes, and an action captured by one key without leaving them.
        notes = screen.query_one("#meeting-notes", TextArea)
        await pilot.press(*"Panel data first", "enter", *"Ask")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, action_form.ActionForm)
        await pilot.press(*"Ask HR for data", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.focused is notes
        assert any("Action captured: Ask HR for data" in m for m in messages(app))
        await pilot.press(*" Amara")
        assert notes.text == "Panel data first\nAsk Amara"

        # The clock: a notice at five minutes left.
        clock.advance(minutes=56)
        await pilot.pause(1.2)  # the clock is read once a second
        assert any("5 minutes left" in m for m in messages(app)), messages(app)
        assert "4 min left of 60 min" in text(screen.query_one("#meeting-timer", Static))

        # Ending: held, the next meeting planned, a reflection offered and taken.
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # End meeting
        await settle(pilot)
        ended = [m for m in messages(app) if "Meeting marked as held" in m]
        assert ended and "It took 56 min. Next meeting: Tue 8 Dec 2026, 10:00" in ended[-1]
        offer = app.screen
        assert isinstance(offer, ChoiceDialog)
        assert "Reflect now" in str(offer.query_one("#choice-yes").label)
        await pilot.press("enter")  # Reflect now
        await settle(pilot)
        assert isinstance(app.screen, reflection.ReflectionScreen)
        assert app.screen.editor.texts()["description"] == "Panel data first\nAsk Amara"
        assert app.screen.meeting_id == meeting.id

    stored = reopen(journal_path)
    held = stored.get(Meeting, meeting.id)
    assert held.status is MeetingStatus.HELD
    assert held.duration_minutes == 56
    assert held.notes == "Panel data first\nAsk Amara"
    assert held.framing == ""  # the headings alone are not stored
    assert held.started_at == MEETING_AT and held.ended_at == MEETING_AT + timedelta(minutes=56)
    # The next meeting is December's date on the cadence; nothing was moved or planned early.
    assert stored.next_meeting(rel.id, MEETING_AT + timedelta(hours=2)) == datetime(
        2026, 12, 8, 10, 0, tzinfo=UTC
    )
    assert [m.id for m in stored.meetings(rel.id)] == [meeting.id]
    [action] = stored.actions(rel.id)
    assert (action.title, action.meeting_id) == ("Ask HR for data", meeting.id)
    stored.close()


async def test_autosave_after_a_pause_and_framing_tab(new_journal, make_app, journal_path):
    rel, meeting = fill(new_journal)
    app = make_app()
    app.clock = Clock(MEETING_AT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_meeting(app, pilot, rel)
        assert not screen.query_one("#framing-pane").display
        await pilot.press(*"Pipeline")
        assert "Not saved yet" in text(screen.query_one("#meeting-saved", Static))
        await pilot.pause(2.0)  # 1.5 s after the last key
        await settle(pilot)
        assert "Saved 10:00:00" in text(screen.query_one("#meeting-saved", Static))
        stored = reopen(journal_path)
        assert stored.get(Meeting, meeting.id).notes == "Pipeline"
        stored.close()

        await pilot.press("f5")  # the next tab: the framing
        framing = screen.query_one("#meeting-framing", TextArea)
        assert screen.query_one("#framing-pane").display and screen.focused is framing
        assert framing.text == FRAMING_TEMPLATE
        await pilot.press("down", "end", *"Who sits on panels")
        await pilot.press("f5")
        assert screen.focused is screen.query_one("#meeting-notes", TextArea)
        await pilot.press("escape")  # leaves, saving first; the meeting stays planned
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    stored = reopen(journal_path)
    kept = stored.get(Meeting, meeting.id)
    assert kept.status is MeetingStatus.PLANNED
    assert "- Who sits on panels" in kept.framing and kept.framing.startswith("The problem")
    stored.close()


async def test_lock_mid_meeting_keeps_notes_and_clock(new_journal, make_app, journal_path):
    rel, meeting = fill(new_journal)
    clock = Clock(MEETING_AT)
    app = make_app()
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await start_meeting(app, pilot, rel)
        await pilot.press(*"Typed just now")
        clock.advance(minutes=10)
        await pilot.press("ctrl+l")  # before the autosave: the lock saves first
        await settle(pilot)
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)  # no ground-rules card again
        assert screen.query_one("#meeting-notes", TextArea).text == "Typed just now"
        assert "10 min elapsed" in text(screen.query_one("#meeting-timer", Static))
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("enter")  # End meeting
        await settle(pilot)
        await pilot.click("#choice-no")  # reflect later
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    stored = reopen(journal_path)
    ended = stored.get(Meeting, meeting.id)
    assert (ended.notes, ended.status, ended.duration_minutes) == (
        "Typed just now",
        MeetingStatus.HELD,
        10,
    )
    assert not stored.reflections(rel.id)
    stored.close()


async def test_held_meeting_opens_for_notes_without_timer(new_journal, make_app, journal_path):
    rel, meeting = fill(
        new_journal, status=MeetingStatus.HELD, notes="Old notes", duration_minutes=50
    )
    app = make_app()
    app.clock = Clock(MEETING_AT + timedelta(days=3))
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        app.push_screen(MeetingScreen(rel.id, meeting.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        # Wide enough: notes and framing side by side, no tabs.
        notes, framing = screen.query_one("#notes-pane"), screen.query_one("#framing-pane")
        assert notes.display and framing.display and not screen.query_one("#meeting-tabs").display
        assert notes.region.y == framing.region.y and notes.region.x < framing.region.x
        shown = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        # f8 (theme), f5 (framing) and f6 (history) are in the footer too (issue 12).
        assert {"f3", "f4", "f9", "ctrl+n", "f8", "f5", "f6"} <= shown
        assert "Held Tue 10 Nov 2026, 10:00 · 50 min" in text(
            screen.query_one("#meeting-timer", Static)
        )
        assert "ctrl+t" not in {b.binding.key for b in screen.active_bindings.values()}
        await pilot.press("end", *" and more")
        await pilot.press("ctrl+t")  # nothing to end
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
    stored = reopen(journal_path)
    kept = stored.get(Meeting, meeting.id)
    assert (kept.notes, kept.status) == ("Old notes and more", MeetingStatus.HELD)
    assert len(stored.meetings(rel.id)) == 1
    stored.close()


async def test_not_now_leaves_and_plans_nothing(new_journal, make_app, journal_path: Path):
    rel = Relationship(title="Board mentoring", partner="Sam")
    new_journal.save(rel)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.meet(app, rel.id)
        await settle(pilot)
        assert "No ground rules written yet" in text(app.screen.query_one("#rules-text", Static))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        navigation.meet(app, rel.id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
    stored = reopen(journal_path)
    [planned] = stored.meetings(rel.id)  # planned when the meeting started, not before
    assert planned.starts_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    stored.close()
