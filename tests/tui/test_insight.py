"""The insight screen and the calendar dialog, opened by keys from the relationship page."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.tui.screens.insight import InsightScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.widgets.calendar_dialog import CalendarDialog
from tests.tui.conftest import reopen, settle, unlock

# Second Tuesdays of 2026, January to November; March and August were missed.
HELD_DAYS = {1: 13, 2: 10, 4: 14, 5: 12, 6: 9, 7: 14, 9: 8, 10: 13, 11: 10}


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def fill(journal) -> Relationship:
    rel = Relationship(
        title="Reverse mentoring with Amara",
        purpose="SECRET-PURPOSE",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        started_on=date(2026, 1, 13),
    )
    meetings = [
        Meeting(
            rel.id,
            datetime(2026, month, day, 10, 0, tzinfo=UTC),
            status=MeetingStatus.HELD,
            notes="SECRET-NOTES",
            themes=["belonging"] if month == 1 else [],
            used_prompts=["talking-about-race-2"] if month == 2 else [],
        )
        for month, day in HELD_DAYS.items()
    ]
    first, second = meetings[0], meetings[1]
    actions = [
        ActionStep(
            rel.id,
            "Ask HR for panel data",
            carried_forward=3,
            outcome=Outcome.SIDEWAYS,
            reviewed_at=datetime(2026, 10, 13, 10, 30, tzinfo=UTC),
        ),
        ActionStep(
            rel.id,
            "Read the inclusion report",
            status=ActionStatus.DONE,
            outcome=Outcome.FORWARDS,
            reviewed_at=datetime(2026, 7, 14, 10, 30, tzinfo=UTC),
        ),
    ]
    checkins = [
        WellbeingCheckin(m.starts_at + timedelta(minutes=d), s, moment=mo, meeting_id=m.id)
        for m, d, s, mo in (
            (first, -10, 2, Moment.BEFORE),
            (first, 70, 4, Moment.AFTER),
            (second, -10, 3, Moment.BEFORE),
            (second, 70, 4, Moment.AFTER),
        )
    ]
    for c in checkins:
        c.relationship_id = rel.id
    journal.save_many([rel, *meetings, *actions, *checkins])
    journal.close()
    return rel


async def open_page(pilot) -> None:
    await unlock(pilot)
    await pilot.press("enter")  # the only relationship on the home screen
    await settle(pilot)
    assert isinstance(pilot.app.screen, RelationshipScreen)


async def test_insight_by_key_shows_gaps_outcomes_and_carried(new_journal, make_app) -> None:
    fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightScreen)
        meetings = text_of(screen, "#insight-meetings")
        assert "9 meetings held · 2 missed · next Tue 8 Dec 2026" in meetings
        assert "2026    ●  ●  ○  ●  ●  ●  ●  ○  ●  ●  ●  ◌" in meetings
        assert "Gaps in the cadence: Tue 10 Mar 2026, Tue 11 Aug 2026" in meetings
        outcomes = text_of(screen, "#insight-outcomes")
        assert "2026 Q3" in outcomes and "2026 Q4" in outcomes
        assert "2026 Q3 █" in outcomes and "1 forwards" in outcomes
        assert "2026 Q4 ░" in outcomes and "1 sideways" in outcomes
        assert "3× Ask HR for panel data" in text_of(screen, "#insight-carried")
        wellbeing = text_of(screen, "#insight-wellbeing")
        assert "On average: before 2.5 · after 4.0 · change +1.5" in wellbeing
        themes = text_of(screen, "#insight-themes")
        assert "Covered so far (2): Belonging · Talking about race" in themes
        assert "Race Equality Charter" in themes.split("Never touched")[1]
        # Readable at 80×24: no chart line is cut or wrapped; what does not fit scrolls.
        for name in ("meetings", "outcomes", "carried", "wellbeing"):
            static = screen.query_one(f"#insight-{name}", Static)
            widest = max(cell_len(line) for line in text_of(screen, f"#insight-{name}").split("\n"))
            assert widest <= static.content_region.width, name
        assert screen.query_one("#insight-body", VerticalScroll).max_scroll_y > 0
        await pilot.press("c")  # the calendar from here too
        await settle(pilot)
        assert isinstance(app.screen, CalendarDialog)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)


async def test_calendar_by_keys_writes_an_ics_file(
    new_journal, make_app, journal_path: Path, tmp_path: Path
) -> None:
    rel = fill(new_journal)
    target = tmp_path / "cal" / "meetings.ics"
    target.parent.mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CalendarDialog)
        assert dialog.query_one("#cal-title", Input).value == "Mentoring meeting"
        assert "not encrypted" in text_of(dialog, "#cal-note")
        await pilot.press("backspace", "0", "enter")  # 0 meetings: refused inline
        await settle(pilot)
        assert "from 1 to 100" in text_of(dialog, "#cal-message")
        assert isinstance(app.screen, CalendarDialog)
        await pilot.press("backspace", "3", "tab")
        dialog.query_one("#cal-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_bytes().decode("utf-8")
    starts = [e["DTSTART"].dt for e in Calendar.from_ical(text).walk("VEVENT")]
    assert starts == [
        datetime(2026, 12, 8, 10, tzinfo=UTC),
        datetime(2027, 1, 12, 10, tzinfo=UTC),
        datetime(2027, 2, 9, 10, tzinfo=UTC),
    ]
    assert text.count("SUMMARY:Mentoring meeting\r\n") == 3
    assert "SECRET" not in text and rel.title not in text
    # Nothing was written to the journal by exporting.
    journal = reopen(journal_path)
    try:
        assert len(journal.meetings(rel.id)) == len(HELD_DAYS)
    finally:
        journal.close()
