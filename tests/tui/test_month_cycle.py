"""A whole month, end to end, typed and clicked as a person would, from the unlock screen:
prepare (last month's open action and action plan on the agenda, a theme chosen) → meet (ground
rules, a prompt from that theme, notes, an action captured) → end → reflect → and at the next
meeting, review (outcome, learning, carried forward) — then what was stored, and the exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, SelectionList, Static, TextArea

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Reflection,
    Relationship,
)
from mentorjournal.exchange.interchange import export_json
from mentorjournal.exchange.markdown_export import export_markdown
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.prompts import builtin_themes, theme_by_key
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.review import ReviewScreen
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard
from mentorjournal.tui.widgets.prompt_deck import PromptDeck
from tests.local_zone import pinned_timezone
from tests.tui.clock_support import Clock
from tests.tui.conftest import reopen, unlock
from tests.tui.snapshot_support import settle_all

SECOND_TUESDAY = "FREQ=MONTHLY;BYDAY=+2TU"
LAST_MEETING = datetime(2026, 10, 13, 10, 0, tzinfo=UTC)  # the second Tuesday of October
THIS_MEETING = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)  # … of November
STARTED = THIS_MEETING + timedelta(minutes=5)  # when the ground rules were agreed
NEXT_MEETING = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)  # … of December
OLD_ACTION = "Ask HR for panel data"
ACTION_PLAN = "Ask the Dean about tutor allocation data"
RULES = "Complete confidentiality; criticism welcome both ways."
THEME = "talking-about-race"
NOTES = "Panel data first"
CAPTURED = "Draft a note to HR"
FEELINGS = "Nervous, then relieved"
LEARNING = "HR said yes"


@pytest.fixture(autouse=True)
def utc_local_time() -> Iterator[None]:
    with pinned_timezone("UTC"):
        yield


def last_month(journal: Journal) -> dict[str, object]:
    """October's meeting, held, with an action made there still open and a Gibbs reflection
    on it — written down on the day (the journal's clock stamps when)."""
    journal.clock = Clock(LAST_MEETING + timedelta(hours=1))
    rel = Relationship(
        title="Reverse mentoring with Amara",
        partner="Amara",
        purpose="Understand how race shapes personal tutoring in Law.",
        ground_rules=RULES,
        cadence=SECOND_TUESDAY,
    )
    held = Meeting(
        relationship_id=rel.id,
        starts_at=LAST_MEETING,
        slot_at=LAST_MEETING,
        started_at=LAST_MEETING,
        ended_at=LAST_MEETING + timedelta(minutes=60),
        duration_minutes=60,
        status=MeetingStatus.HELD,
        notes="Tutor allocation came up again.",
    )
    action = ActionStep(relationship_id=rel.id, meeting_id=held.id, title=OLD_ACTION)
    reflection = Reflection(
        relationship_id=rel.id,
        meeting_id=held.id,
        written_at=LAST_MEETING + timedelta(hours=6),
        description="We talked about tutor allocation.",
        action_plan=ACTION_PLAN,
    )
    journal.save_many([rel, held, action, reflection])
    journal.close()
    return {"rel": rel, "held": held, "action": action}


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_whole_month_from_preparing_to_reviewing(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = last_month(new_journal)
    rel: Relationship = made["rel"]  # type: ignore[assignment]
    race = theme_by_key(builtin_themes(), THEME)
    assert race is not None
    clock = Clock(datetime(2026, 11, 5, 9, 0, tzinfo=UTC))  # the Thursday before
    app = make_app()
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        # --- home: where things stand, and what to do now --------------------------------------
        await unlock(pilot)
        await settle_all(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        card = str(home.query_one("#relationships ListItem Static", Static).render())
        assert "Next meeting: Tue 10 Nov 2026, 10:00" in card
        assert "➜ 1 action to review at Tuesday's meeting." in card

        # --- prepare, from the relationship page (enter, then p) ---------------------------------
        await pilot.press("enter")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        await pilot.press("p")
        await settle_all(pilot)
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        assert "Tue 10 Nov 2026, 10:00" in text_of(prepare, "#prepare-when")
        agenda = text_of(prepare, "#prepare-agenda")
        assert OLD_ACTION in agenda and ACTION_PLAN in agenda
        assert race.title not in agenda

        # A theme, chosen by keys in the theme list (which has the focus).
        themes = prepare.query_one("#prepare-themes", SelectionList)
        assert prepare.focused is themes
        position = next(
            i for i in range(themes.option_count) if themes.get_option_at_index(i).value == THEME
        )
        await pilot.press("home", *["down"] * position, "space")
        await pilot.pause()
        assert themes.selected == [THEME]
        assert race.title in text_of(prepare, "#prepare-agenda")

        # --- the meeting, on the day: m from prepare, ground rules, a prompt from the theme -----
        clock.set(STARTED)  # five minutes late: the real start is kept beside the slot
        await pilot.press("m")
        await settle_all(pilot)
        rules = app.screen
        assert isinstance(rules, GroundRulesCard)
        assert RULES in text_of(rules, "#rules-text")
        await pilot.click("#rules-agree")
        await settle_all(pilot)
        meeting_screen = app.screen
        assert isinstance(meeting_screen, MeetingScreen)
        deck = meeting_screen.query_one(PromptDeck)
        assert deck.theme is not None and deck.theme.key == THEME
        assert deck.prompt is not None and deck.prompt in race.prompts
        shown = str(deck.render())
        assert race.title in shown and deck.prompt.text in shown
        assert "(not chosen" not in shown

        # Notes, typed; an action captured with ctrl+n without leaving them.
        notes = meeting_screen.query_one("#meeting-notes", TextArea)
        assert meeting_screen.focused is notes
        await pilot.press(*NOTES)
        await pilot.press("ctrl+n")
        await settle_all(pilot)
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*CAPTURED, "ctrl+s")
        await settle_all(pilot)
        assert app.screen is meeting_screen and meeting_screen.focused is notes
        assert any(f"Action captured: {CAPTURED}" in m for m in messages(app))
        assert notes.text == NOTES

        # Fifty minutes on: end the meeting (ctrl+t, confirm), and take the reflection offered.
        clock.set(STARTED + timedelta(minutes=50))
        await pilot.press("ctrl+t")
        await settle_all(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # End meeting
        await settle_all(pilot)
        ended = "Meeting marked as held. It took 50 min. Next meeting: Tue 8 Dec 2026, 10:00."
        assert ended in messages(app)
        offer = app.screen
        assert isinstance(offer, ChoiceDialog)
        assert "Reflect now" in str(offer.query_one("#choice-yes").label)
        await pilot.click("#choice-yes")
        await settle_all(pilot)
        reflection = app.screen
        assert isinstance(reflection, ReflectionScreen)
        assert reflection.editor.texts()["description"] == NOTES  # started from the notes

        # Feelings: the next stage (f4), typed; ctrl+s is done.
        await pilot.press("f4")
        assert reflection.focused is reflection.editor.area("feelings")
        await pilot.press(*FEELINGS)
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert any(n.title == "Reflection saved" for n in app._notifications)

        stored = reopen(journal_path)
        try:
            meetings = stored.meetings(rel.id)
            held = next(m for m in meetings if m.starts_at == THIS_MEETING)
            assert (held.status, held.duration_minutes, held.notes) == (
                MeetingStatus.HELD,
                50,
                NOTES,
            )
            assert held.themes == [THEME]
            # Its slot kept, its real start (the rules agreed) and end recorded beside it.
            assert (held.slot_at, held.started_at, held.ended_at) == (
                THIS_MEETING,
                STARTED,
                STARTED + timedelta(minutes=50),
            )
            # No next meeting stored: the cadence gives it (2nd Tuesday, same time).
            assert len(meetings) == 2
            assert [m.status for m in meetings] == [MeetingStatus.HELD] * 2
            assert stored.next_meeting(rel.id, clock()) == NEXT_MEETING
            [captured] = [a for a in stored.actions(rel.id) if a.title == CAPTURED]
            assert captured.meeting_id == held.id and captured.status is ActionStatus.OPEN
            assert captured.created_at == STARTED  # stamped by the app's clock
            # October's action was open while November's meeting was held: carried once.
            old = stored.get(ActionStep, made["action"].id)  # type: ignore[attr-defined]
            assert old.carried_forward == stored.carried_forward(old, clock()) == 1
            assert captured.carried_forward == 0
            assert stored.reviews(rel.id) == []
            [written] = [r for r in stored.reflections(rel.id) if r.meeting_id == held.id]
            assert (written.description, written.feelings) == (NOTES, FEELINGS)
        finally:
            stored.close()

        # --- a month on, the morning of the next meeting: home leads to the review (w) ----------
        clock.set(NEXT_MEETING - timedelta(hours=1))
        await pilot.press("escape")
        await settle_all(pilot)
        assert isinstance(app.screen, HomeScreen)
        card = str(app.screen.query_one("#relationships ListItem Static", Static).render())
        assert "➜ 2 actions to review at today's meeting." in card
        await pilot.press("w")
        await settle_all(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        intro = "For the meeting of Tue 8 Dec 2026: 2 actions open or to review."
        assert text_of(review, "#review-intro") == intro
        rows = review.query_one("#review-actions", OptionList)
        listed = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
        assert OLD_ACTION in listed[0] and CAPTURED in listed[1]
        # Held while open: October's action through November's meeting; November's, none yet.
        assert "carried forward 1×" in listed[0] and "carried forward" not in listed[1]
        assert OLD_ACTION in text_of(review, "#review-current")

        # The old one: done, forwards, with what was learned, typed; enter records it.
        await pilot.press("d", "f", "l", *LEARNING, "enter")
        await settle_all(pilot)
        assert CAPTURED in text_of(review, "#review-current")
        assert review.query_one("#review-learning", Input).value == ""  # starts empty
        # The captured one: kept open, sideways — by clicking the buttons, then Record.
        await pilot.click("#status-open")
        await pilot.click("#outcome-sideways")
        await pilot.click("#review-record-button")
        await settle_all(pilot)
        summary = text_of(review, "#review-summary").splitlines()
        assert summary == [
            "Kept with the meeting",
            f"- {OLD_ACTION} — done, forwards, learned: {LEARNING}, carried forward 1×",
            f"- {CAPTURED} — still open, sideways",
        ]
        assert review.query_one("#review-after").display
        await pilot.click("#review-skip")
        await settle_all(pilot)
        assert isinstance(app.screen, HomeScreen)

    # --- what the month left in the journal ---------------------------------------------------
    journal = reopen(journal_path)
    journal.clock = clock
    reviewed_at = NEXT_MEETING - timedelta(hours=1)
    try:
        # October and November held; December stored from the cadence for its review.
        meetings = journal.meetings(rel.id)
        assert [(m.starts_at, m.status) for m in meetings] == [
            (LAST_MEETING, MeetingStatus.HELD),
            (THIS_MEETING, MeetingStatus.HELD),
            (NEXT_MEETING, MeetingStatus.PLANNED),
        ]
        november, coming = meetings[1], meetings[2]
        assert coming.slot_at == NEXT_MEETING and coming.started_at is None
        assert november.review_summary == ""  # nothing was reviewed for November's

        old = journal.get(ActionStep, made["action"].id)  # type: ignore[attr-defined]
        [kept] = [a for a in journal.actions(rel.id) if a.title == CAPTURED]
        # The review records, one per action, kept with December's meeting (the next one at
        # 9:00 on its day), each as recorded.
        records = {r.action_id: r for r in journal.reviews(rel.id)}
        assert set(records) == {old.id, kept.id}
        assert {r.meeting_id for r in records.values()} == {coming.id}
        assert {r.reviewed_at for r in records.values()} == {reviewed_at}
        assert (records[old.id].status, records[old.id].outcome, records[old.id].learning) == (
            ActionStatus.DONE,
            Outcome.FORWARDS,
            LEARNING,
        )
        assert (records[kept.id].status, records[kept.id].outcome, records[kept.id].learning) == (
            ActionStatus.OPEN,
            Outcome.SIDEWAYS,
            "",
        )
        # The actions follow their newest record; carried = meetings held while open.
        assert (old.status, old.outcome, old.learning, old.reviewed_at) == (
            ActionStatus.DONE,
            Outcome.FORWARDS,
            LEARNING,
            reviewed_at,
        )
        assert (old.carried_forward, journal.carried_forward(old)) == (1, 1)
        assert (kept.status, kept.outcome, kept.carried_forward) == (
            ActionStatus.OPEN,
            Outcome.SIDEWAYS,
            0,
        )
        # Still open, it stays on December's agenda, reviewed there; nothing left to review.
        assert [a.id for a, _ in journal.agenda_actions(rel.id, coming.id)] == [kept.id, old.id]
        assert journal.awaiting_review(rel.id, coming.id) == []
        assert coming.review_summary == "\n".join(summary[1:3])  # as shown on the screen

        as_json = export_json(journal)
        assert '"outcome": "forwards"' in as_json and f'"learning": "{LEARNING}"' in as_json
        exported = {r["action_id"]: r for r in json.loads(as_json)["reviews"]}
        assert set(exported) == {old.id, kept.id}
        assert {r["meeting_id"] for r in exported.values()} == {coming.id}
        assert (exported[old.id]["outcome"], exported[kept.id]["status"]) == ("forwards", "open")
        as_markdown = export_markdown(journal)
        assert f"- **{OLD_ACTION}** — owner: me — outcome: forwards" in as_markdown
        assert f"  - Learning: {LEARNING}" in as_markdown
        assert f"- **{OLD_ACTION}** — owner: me — outcome: forwards — carried forward 1×" in (
            as_markdown
        )
        assert f"- **{CAPTURED}** — owner: me — outcome: sideways\n" in as_markdown
        assert coming.review_summary.splitlines()[0] in as_markdown
    finally:
        journal.close()
