"""Two windows, one entry (issue 14, point 3): a screen saves only what was changed in it, onto
the entry as stored now. Window A is the app, driven by keys; window B is another journal open
on the same file, writing while A's screen is open. Nothing either window wrote is lost, and
what A shows after its save is what is stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import Input, Static, TextArea

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Outcome,
    Reflection,
    Relationship,
    SupportContact,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.merging import OTHER_WINDOW
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship_form import RelationshipForm
from mentorjournal.tui.widgets.contact_form import ContactForm
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard
from tests.tui.clock_support import Clock
from tests.tui.conftest import frozen_clock, reopen, settle, unlock
from tests.tui.screen_text import until

MEETING_AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
FRAMING_B = "The problem as B put it: panels are chosen by habit"


def fill(journal: Journal, **meeting_fields: object) -> tuple[Relationship, Meeting]:
    rel = Relationship(
        title="Reverse mentoring with Amara",
        purpose="Understand how race shapes everyday work here.",
        ground_rules="Complete confidentiality.",
        cadence="FREQ=MONTHLY;BYDAY=+4MO",
    )
    meeting = Meeting(relationship_id=rel.id, starts_at=MEETING_AT, **meeting_fields)  # type: ignore[arg-type]
    journal.save_many([rel, meeting])
    return rel, meeting


def in_window_b(journal_path: Path, edit: Callable[[Journal], object]) -> None:
    """Another window writes to the journal, then closes."""
    other = reopen(journal_path)
    other.clock = frozen_clock
    try:
        edit(other)
    finally:
        other.close()


def stored(journal_path: Path, kind: type, entry_id: str):
    journal = reopen(journal_path)
    try:
        return journal.get(kind, entry_id)
    finally:
        journal.close()


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def start_meeting(pilot, rel: Relationship) -> MeetingScreen:
    await unlock(pilot)
    navigation.meet(pilot.app, rel.id)
    await settle(pilot)
    assert isinstance(pilot.app.screen, GroundRulesCard)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MeetingScreen)
    return pilot.app.screen


async def test_meeting_notes_autosave_keeps_what_another_window_stored(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, meeting = fill(new_journal)
    new_journal.close()
    app = make_app()
    app.clock = Clock(MEETING_AT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_meeting(pilot, rel)

        def prepare_in_b(b: Journal) -> None:
            in_b = b.get(Meeting, meeting.id)
            in_b.preparation = "Agenda: the pay gap report"
            in_b.points = "Ask about panels"
            in_b.framing = FRAMING_B
            in_b.used_prompts = ["race-1"]
            b.save(in_b)

        in_window_b(journal_path, prepare_in_b)
        await pilot.press(*"Panel data first")
        await until(pilot, lambda: "Saved" in shown(screen, "#meeting-saved"), "the autosave")

        kept = stored(journal_path, Meeting, meeting.id)
        assert kept.notes == "Panel data first"
        assert (kept.preparation, kept.points) == ("Agenda: the pay gap report", "Ask about panels")
        assert (kept.framing, kept.used_prompts) == (FRAMING_B, ["race-1"])
        # What A shows is what is stored: B's framing is in its framing editor now.
        assert screen.query_one("#meeting-framing", TextArea).text == FRAMING_B
        assert not any("another window" in m for m in messages(app))  # nothing to merge


async def test_notes_typed_in_both_windows_are_both_kept(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, meeting = fill(new_journal)
    new_journal.close()
    app = make_app()
    app.clock = Clock(MEETING_AT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_meeting(pilot, rel)
        in_window_b(
            journal_path,
            lambda b: b.save_fields(Meeting, meeting.id, {"notes": "From B: ask Amara first"}),
        )
        await pilot.press(*"From A: panels")
        notes = screen.query_one("#meeting-notes", TextArea)
        await until(pilot, lambda: OTHER_WINDOW in notes.text, "B's notes shown in A")
        merged = f"From A: panels\n\n{OTHER_WINDOW}\nFrom B: ask Amara first"
        assert notes.text == merged
        assert stored(journal_path, Meeting, meeting.id).notes == merged
        await until(pilot, lambda: "Saved" in shown(screen, "#meeting-saved"), "saved")
        await until(
            pilot,
            lambda: any("changed the same lines of the notes" in m for m in messages(app)),
            "the notice (a message of the app, handled after the label shows Saved)",
        )

        # Typing goes on where the cursor was: on A's line, before B's words.
        await pilot.press(*", then HR")
        await pilot.press("escape")  # back: saves first
        await settle(pilot)
    assert stored(journal_path, Meeting, meeting.id).notes == (
        f"From A: panels, then HR\n\n{OTHER_WINDOW}\nFrom B: ask Amara first"
    )


async def test_reflection_keeps_stages_written_in_another_window(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, meeting = fill(new_journal)
    entry = Reflection(
        relationship_id=rel.id,
        meeting_id=meeting.id,
        written_at=MEETING_AT,
        description="We talked about panels.",
        feelings="Nervous",
    )
    new_journal.save(entry)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.open_reflection(app, rel.id, entry.id)  # at its first empty stage
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)

        def write_in_b(b: Journal) -> None:
            in_b = b.get(Reflection, entry.id)
            in_b.feelings = "Nervous, then relieved"
            in_b.conclusion = "Ask before assuming."
            b.save(in_b)

        in_window_b(journal_path, write_in_b)
        await pilot.press(*"It went better than feared.")
        await until(pilot, lambda: shown(screen, "#reflection-status").startswith("Saved "), "save")

        kept = stored(journal_path, Reflection, entry.id)
        assert kept.evaluation == "It went better than feared."
        assert (kept.feelings, kept.conclusion) == (
            "Nervous, then relieved",
            "Ask before assuming.",
        )
        assert kept.description == "We talked about panels." and kept.meeting_id == meeting.id
        texts = screen.editor.texts()
        assert (texts["feelings"], texts["conclusion"]) == (kept.feelings, kept.conclusion)


async def test_action_form_keeps_a_review_recorded_in_another_window(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting = fill(new_journal)
    action = ActionStep(rel.id, "Ask HR for data", resources="HR analytics")
    new_journal.save(action)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.edit_action(app, action.id, rel.id, None)
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        assert app.screen.focused is app.screen.query_one("#action-title", Input)

        def review_in_b(b: Journal) -> None:
            in_b = b.get(ActionStep, action.id)
            b.review_action(in_b, ActionStatus.DONE, Outcome.FORWARDS, "They shared it")
            b.save_fields(ActionStep, action.id, {"resources": "HR analytics and the union"})

        in_window_b(journal_path, review_in_b)
        await pilot.press("end", *" by Friday", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ActionForm)

    kept = stored(journal_path, ActionStep, action.id)
    assert kept.title == "Ask HR for data by Friday"
    assert (kept.status, kept.outcome, kept.learning) == (
        ActionStatus.DONE,
        Outcome.FORWARDS,
        "They shared it",
    )
    assert kept.resources == "HR analytics and the union"
    assert kept.reviewed_at is not None


async def test_prepare_keeps_points_written_in_another_window(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, meeting = fill(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.prepare(app, rel.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        # Opening stores the agenda once; wait for it, so that B writes after.
        await until(pilot, lambda: not screen.drafts.dirty, "the agenda stored on opening")

        in_window_b(
            journal_path,
            lambda b: b.save_fields(Meeting, meeting.id, {"points": "Ask about panels"}),
        )
        await pilot.press("home", "space")  # choose the first theme
        await until(pilot, lambda: not screen.drafts.dirty, "the theme saved")
        kept = stored(journal_path, Meeting, meeting.id)
        assert len(kept.themes) == 1
        assert kept.points == "Ask about panels"
        assert screen.query_one("#prepare-points", TextArea).text == "Ask about panels"


async def test_relationship_form_keeps_what_another_window_changed(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting = fill(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.edit_relationship(app, rel.id)
        await settle(pilot)
        assert isinstance(app.screen, RelationshipForm)

        def edit_in_b(b: Journal) -> None:
            b.save_fields(
                Relationship, rel.id, {"purpose": "Act on what we learn.", "partner": "Amara"}
            )

        in_window_b(journal_path, edit_in_b)
        await pilot.press("end", *" (2027)", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RelationshipForm)
    kept = stored(journal_path, Relationship, rel.id)
    assert kept.title == "Reverse mentoring with Amara (2027)"
    assert (kept.purpose, kept.partner) == ("Act on what we learn.", "Amara")
    assert kept.cadence == "FREQ=MONTHLY;BYDAY=+4MO"


async def test_a_choice_changed_in_both_windows_is_said(
    new_journal, make_app, journal_path
) -> None:
    rel, _meeting = fill(new_journal)
    action = ActionStep(rel.id, "Ask HR for data", due_on=date(2026, 12, 1))
    new_journal.save(action)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.edit_action(app, action.id, rel.id, None)
        await settle(pilot)
        in_window_b(
            journal_path,
            lambda b: b.save_fields(ActionStep, action.id, {"due_on": date(2026, 12, 8)}),
        )
        await pilot.press("tab", "tab")  # title → owner → due
        assert app.screen.focused is app.screen.query_one("#action-due", Input)
        await pilot.press("end", *["backspace"] * 20, *"2026-12-15", "ctrl+s")
        await settle(pilot)
        await until(
            pilot,
            lambda: any("had changed the due date as well" in m for m in messages(app)),
            "told",
        )
    assert stored(journal_path, ActionStep, action.id).due_on == date(2026, 12, 15)


async def test_marking_done_on_the_board_keeps_an_edit_from_another_window(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting = fill(new_journal)
    action = ActionStep(rel.id, "Ask HR for data")
    new_journal.save(action)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.actions_board(app)
        await settle(pilot)
        in_window_b(
            journal_path,
            lambda b: b.save_fields(ActionStep, action.id, {"resources": "HR analytics"}),
        )
        await pilot.press("d")  # mark the highlighted (only) action done
        await settle(pilot)
        await until(
            pilot, lambda: any("Marked done: Ask HR for data" in m for m in messages(app)), "told"
        )
    kept = stored(journal_path, ActionStep, action.id)
    assert (kept.status, kept.resources) == (ActionStatus.DONE, "HR analytics")


async def test_a_support_contact_keeps_a_note_written_in_another_window(
    new_journal, make_app, journal_path: Path
) -> None:
    contact = SupportContact(name="Amara", how="ext 1")
    new_journal.save(contact)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("enter")  # edit the first contact
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        in_window_b(
            journal_path,
            lambda b: b.save_fields(SupportContact, contact.id, {"note": "Tuesdays"}),
        )
        await pilot.press("end", *" K.", "enter", "enter", "enter")  # name, how, note: saves
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
    kept = stored(journal_path, SupportContact, contact.id)
    assert (kept.name, kept.how, kept.note) == ("Amara K.", "ext 1", "Tuesdays")
