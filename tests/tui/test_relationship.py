"""The relationship form and page, driven by keys from the unlock screen; what is shown and what
is stored."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from textual.widgets import DataTable, Input, Static, TabbedContent, TextArea

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Owner,
    Reflection,
    Relationship,
    Role,
)
from mentorjournal.tui.screens.home import HomeScreen, RelationshipItem
from mentorjournal.tui.screens.meeting_view import MeetingView
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.relationship_form import DEFAULT_GROUND_RULES, RelationshipForm
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from tests.tui.conftest import reopen, settle, unlock


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows_of(screen, selector: str) -> list[list[str]]:
    table = screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def home_cards(screen) -> list[str]:
    return [str(item.query_one(Static).render()) for item in screen.query(RelationshipItem)]


async def pick(pilot, downs: int) -> None:
    """Open the focused Select, move down ``downs`` options and choose, as a person would."""
    await pilot.press("enter", *["down"] * downs, "enter")
    await pilot.pause()


def amara(**changes: object) -> Relationship:
    fields: dict[str, object] = {
        "title": "Reverse mentoring with Amara",
        "my_role": Role.MENTEE,
        "partner": "Amara",
        "purpose": "Understand race at work.",
        "ground_rules": "Confidential both ways.",
        "styles": "Questions first.",
        "cadence": "FREQ=MONTHLY;BYDAY=+2TU",
        "started_on": date(2026, 1, 13),
    }
    fields.update(changes)
    return Relationship(**fields)  # type: ignore[arg-type]


async def test_create_from_home_by_keys(new_journal, make_app, journal_path: Path) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RelationshipForm)
        assert "Confidential both ways" in form.query_one("#rel-rules", TextArea).text
        # Title, then the role (the first choice, mentor, is highlighted), partner, purpose.
        await pilot.press(*"Board role", "tab", "space", "tab", *"Sam", "tab")
        await pilot.press(*"Board skills", "tab", "tab", "tab", *"+14d", "tab", "tab")
        assert "Started Mon 7 Dec 2026" in text_of(form, "#rel-dates-hint")
        await pick(pilot, 1)  # monthly on a weekday
        await pilot.press("tab")
        await pick(pilot, 1)  # 2nd
        await pilot.press("tab")
        await pick(pilot, 1)  # Tuesday
        preview = text_of(form, "#cadence-preview").replace("\N{NO-BREAK SPACE}", " ")
        assert "Monthly on the second Tuesday at 10:00 for 60 minutes (UTC)." in preview
        dates = "Tue 8 Dec 2026, 10:00 · Tue 12 Jan 2027, 10:00 · Tue 9 Feb 2027, 10:00."
        assert f"The next three: {dates}" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        cards = [
            str(item.query_one(Static).render()) for item in app.screen.query(RelationshipItem)
        ]
        assert len(cards) == 1
        assert "Board role" in cards[0]
        assert "Next meeting: Tue 8 Dec 2026, 10:00" in cards[0]

    journal = reopen(journal_path)
    [rel] = journal.relationships()
    assert (rel.title, rel.my_role, rel.partner) == ("Board role", Role.MENTOR, "Sam")
    assert (rel.purpose, rel.ground_rules, rel.styles) == ("Board skills", DEFAULT_GROUND_RULES, "")
    assert rel.cadence == "FREQ=MONTHLY;BYDAY=+2TU"
    # The cadence's time, length and zone as the picker showed them (the computer's zone).
    assert (rel.meeting_time, rel.meeting_minutes, rel.time_zone) == ("10:00", 60, "UTC")
    assert (rel.started_on, rel.ended_on) == (date(2026, 12, 7), None)
    journal.close()


async def test_refusals_inline_and_nothing_stored(new_journal, make_app, journal_path) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await pilot.press(*"Trio", "ctrl+s")
        await settle(pilot)
        assert "mentor or the mentee" in text_of(form, "#rel-role-error")
        assert form.focused is form.query_one("#rel-role")
        await pilot.press("down", "space")  # mentee
        form.query_one("#rel-started", Input).focus()
        await pilot.press(*"2026-02-30", "ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert text_of(form, "#rel-role-error") == ""
        assert text_of(form, "#rel-dates-error").startswith("“2026-02-30” is not a real date — ")
        assert form.focused is form.query_one("#rel-started")
        # An end before the start is refused too.
        form.query_one("#rel-started", Input).value = "+1m"
        await pilot.press("tab", *"today", "ctrl+s")
        await settle(pilot)
        assert text_of(form, "#rel-dates-error") == "The end date is before the start date."
        form.query_one("#rel-ended", Input).value = ""
        # A custom rule that is not acceptable.
        form.query_one("#cadence-kind").focus()
        await pick(pilot, 4)  # custom
        await pilot.press("tab", *"FREQ=HOURLY", "ctrl+s")
        await settle(pilot)
        preview = form.query_one("#cadence-preview", Static)
        assert str(preview.render()).startswith("Meetings repeat daily at most")
        assert preview.has_class("-error")
        assert app.screen is form
        assert form.focused is form.query_one("#cadence-custom")
        stored = reopen(journal_path)
        assert stored.relationships() == []
        stored.close()
        # Fixed, it is shown with its dates (counted from the start date) and stored as typed.
        form.query_one("#cadence-custom", Input).value = "freq=monthly;bymonthday=1,15"
        await pilot.pause()
        preview = text_of(form, "#cadence-preview").replace("\N{NO-BREAK SPACE}", " ")
        assert "Fri 1 Jan 2027, 10:00 · Fri 15 Jan 2027" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    journal = reopen(journal_path)
    [rel] = journal.relationships()
    assert (rel.title, rel.my_role, rel.started_on) == ("Trio", Role.MENTEE, date(2026, 12, 23))
    assert rel.cadence == "FREQ=MONTHLY;BYMONTHDAY=1,15"
    journal.close()


async def test_edit_purpose_from_relationship_page(new_journal, make_app, journal_path) -> None:
    rel = new_journal.save(amara())
    created = rel.created_at
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, RelationshipScreen)
        assert "Purpose: Understand race at work." in text_of(page, "#rel-purpose-pin")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RelationshipForm)
        assert form.query_one("#rel-title", Input).value == "Reverse mentoring with Amara"
        assert form.query_one("#rel-started", Input).value == "2026-01-13"
        assert "Monthly on the second Tuesday at 10:00" in text_of(form, "#cadence-preview")
        await pilot.press("tab", "tab", "tab", "end", *" Now", "ctrl+s")
        await settle(pilot)
        assert app.screen is page
        assert "Purpose: Understand race at work. Now" in text_of(page, "#rel-purpose-pin")
    journal = reopen(journal_path)
    stored = journal.get(Relationship, rel.id)
    assert stored.purpose == "Understand race at work. Now"
    assert (stored.my_role, stored.cadence, stored.started_on) == (
        Role.MENTEE,
        "FREQ=MONTHLY;BYDAY=+2TU",
        date(2026, 1, 13),
    )
    assert stored.ground_rules == "Confidential both ways." and stored.created_at == created
    journal.close()


def fill_amara(journal) -> tuple[Relationship, Meeting, Relationship]:
    rel = amara()
    other = Relationship(title="Board mentoring", my_role=Role.MENTOR)
    held = Meeting(
        rel.id,
        datetime(2026, 11, 10, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
        preparation="Read the staff survey.",
        notes="We talked about promotion panels.\nSecond line.",
        framing="Panel or pipeline?",
        themes=["belonging", "talking-about-race"],
    )
    planned = Meeting(rel.id, datetime(2026, 12, 8, 10, 0, tzinfo=UTC))
    reflection = Reflection(
        rel.id,
        datetime(2026, 11, 10, 18, 0, tzinfo=UTC),
        meeting_id=held.id,
        description="Panels.",
        evaluation="Good.",
        conclusion="Listen more.",
        action_plan="Ask HR.",
    )
    actions = [
        ActionStep(rel.id, "Ask HR for panel data", owner=Owner.ME, due_on=date(2026, 11, 1)),
        ActionStep(
            rel.id,
            "Read the report",
            owner=Owner.BOTH,
            status=ActionStatus.DONE,
            outcome=Outcome.FORWARDS,
        ),
        ActionStep(other.id, "Draft board questions"),
    ]
    journal.save_many([rel, other, held, planned, reflection, *actions])
    return rel, held, other


async def test_page_lists_entries_then_delete(new_journal, make_app, journal_path) -> None:
    rel, held, other = fill_amara(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("down", "enter")  # Board mentoring sorts first
        await settle(pilot)
        page = app.screen
        assert isinstance(page, RelationshipScreen)
        assert "I am the mentee · Amara" in text_of(page, "#rel-head")
        next_line = text_of(page, "#rel-next")
        assert next_line == "Next meeting: Tue 8 Dec 2026, 10:00 · monthly on the second Tuesday"
        assert "Confidential both ways." in text_of(page, "#rel-about")
        assert rows_of(page, "#rel-meetings") == [
            ["Tue 8 Dec 2026, 10:00", "planned", "—"],
            ["Tue 10 Nov 2026, 10:00", "held", "We talked about promotion panels."],
        ]
        assert rows_of(page, "#rel-reflections") == [
            ["Tue 10 Nov 2026", "Tue 10 Nov 2026", "feelings, analysis"]
        ]
        assert rows_of(page, "#rel-actions") == [
            ["Ask HR for panel data", "me", "Sun 1 Nov 2026 overdue", "open", "—"],
            ["Read the report", "both", "—", "done", "forwards"],
        ]
        assert page.query_one(TabbedContent).get_tab("tab-actions").label.plain == "Actions (2)"
        # To the meetings tab by keys, down to the held meeting, open it.
        await pilot.press("right", "tab", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingView)
        shown = text_of(app.screen, "#meeting-text")
        assert "Read the staff survey." in shown and "Panel or pipeline?" in shown
        assert "Second line." in shown
        assert "Themes: Belonging, Talking about race" in shown  # as chosen, not the keys
        assert app.screen.meeting_id == held.id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page

        # Delete: asked first; cancel keeps everything.
        await pilot.press("ctrl+d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert text_of(dialog, "#confirm-question") == "Delete “Reverse mentoring with Amara”?"
        detail = text_of(dialog, "#confirm-detail")
        assert "2 meetings, 1 reflection, 2 actions" in detail
        assert "Recently deleted" in detail and "30 days" in detail  # restorable (issue 16)
        await pilot.press("enter")  # the focused button is Cancel
        await settle(pilot)
        assert app.screen is page
        stored = reopen(journal_path)
        assert len(stored.relationships()) == 2
        stored.close()

        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        cards = [
            str(item.query_one(Static).render()) for item in app.screen.query(RelationshipItem)
        ]
        assert len(cards) == 1 and "Board mentoring" in cards[0]
        # The cards were made afresh: the one left is highlighted, so enter opens it.
        [card] = app.screen.query(RelationshipItem)
        assert card.highlighted
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert app.screen.relationship_id == other.id
    journal = reopen(journal_path)
    assert [r.id for r in journal.relationships()] == [other.id]
    assert journal.actions(rel.id) == [] and journal.meetings(rel.id) == []
    assert journal.reflections(rel.id) == []
    assert [a.title for a in journal.actions(other.id)] == ["Draft board questions"]
    journal.close()
