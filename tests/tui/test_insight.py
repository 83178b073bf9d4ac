"""The insight screen and the calendar dialog, opened by keys from the relationship page."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
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
from tests.local_zone import pinned_timezone
from tests.tui.clock_support import Clock
from tests.tui.conftest import FROZEN_NOW, reopen, settle, unlock
from tests.tui.screen_text import region_text, until_shown

# Second Tuesdays of 2026, January to November; March was missed, August cancelled.
HELD_DAYS = {1: 13, 2: 10, 4: 14, 5: 12, 6: 9, 7: 14, 9: 8, 10: 13, 11: 10}
CANCELLED = datetime(2026, 8, 11, 10, 0, tzinfo=UTC)
ASK = "Ask HR for panel data"
READ = "Read the inclusion report"


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def at(month: int, minutes: int = 30) -> datetime:
    """During the meeting of ``month``."""
    return datetime(2026, month, HELD_DAYS[month], 10, minutes, tzinfo=UTC)


def fill(journal) -> Relationship:
    """Outcomes come from review records: READ (made in June) reviewed done, forwards, in July;
    ASK (written down in August, open through September, October and November: 3×) reviewed
    backwards in September and sideways in October — two records, both counted."""
    clock = Clock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    journal.clock = clock  # created_at is stamped by the journal's clock
    rel = Relationship(
        title="Reverse mentoring with Amara",
        purpose="SECRET-PURPOSE",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        started_on=date(2026, 1, 13),
        time_zone="UTC",
    )
    meetings = {
        month: Meeting(
            rel.id,
            datetime(2026, month, day, 10, 0, tzinfo=UTC),
            status=MeetingStatus.HELD,
            notes="SECRET-NOTES",
            themes=["belonging"] if month == 1 else [],
            used_prompts=["talking-about-race-2"] if month == 2 else [],
            slot_at=datetime(2026, month, day, 10, 0, tzinfo=UTC),
        )
        for month, day in HELD_DAYS.items()
    }
    cancelled = Meeting(
        rel.id,
        CANCELLED,
        status=MeetingStatus.CANCELLED,
        slot_at=CANCELLED,
        cancel_reason="Amara on leave",
    )
    first, second = meetings[1], meetings[2]
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
    journal.save_many([rel, *meetings.values(), cancelled, *checkins])
    clock.set(at(6, 50))
    read = journal.save(ActionStep(rel.id, READ, meeting_id=meetings[6].id))
    clock.set(datetime(2026, 8, 20, 9, 0, tzinfo=UTC))
    ask = journal.save(ActionStep(rel.id, ASK))
    for action, status, outcome, month in (
        (read, ActionStatus.DONE, Outcome.FORWARDS, 7),
        (ask, ActionStatus.OPEN, Outcome.BACKWARDS, 9),
        (ask, ActionStatus.OPEN, Outcome.SIDEWAYS, 10),
    ):
        clock.set(at(month))
        journal.review_action(action, status, outcome, "", at(month), meeting_id=meetings[month].id)
    journal.close()
    return rel


async def open_page(pilot) -> None:
    await unlock(pilot)
    await pilot.press("enter")  # the only relationship on the home screen
    await settle(pilot)
    assert isinstance(pilot.app.screen, RelationshipScreen)


async def test_insight_by_key_shows_gaps_outcomes_and_carried(
    new_journal, make_app, journal_path: Path
) -> None:
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightScreen)
        meetings = text_of(screen, "#insight-meetings")
        assert "9 meetings held · 1 missed · 1 cancelled · next Tue 8 Dec 2026" in meetings
        assert "2026    ●  ●  ○  ●  ●  ●  ●  ×  ●  ●  ●  ◌" in meetings
        [missed] = [line for line in meetings.splitlines() if line.startswith("Missed: ")]
        assert missed == "Missed: Tue 10 Mar 2026"  # a cancelled meeting was not missed
        outcomes = text_of(screen, "#insight-outcomes").splitlines()
        # One line per quarter from the first review to the last, counting every record.
        quarters = [line for line in outcomes if line.startswith("2026 Q")]
        assert [line.split()[1] for line in quarters] == ["Q3", "Q4"]
        assert quarters[0].startswith("2026 Q3 █▒ ")
        assert quarters[0].endswith(" 1 forwards · 1 backwards")
        assert quarters[1].startswith("2026 Q4 ░ ") and quarters[1].endswith(" 1 sideways")
        carried = text_of(screen, "#insight-carried")
        assert "3× Ask HR for panel data  open" in carried
        assert READ not in carried  # done at the next meeting after the one it was made in
        wellbeing = text_of(screen, "#insight-wellbeing")
        assert "On average: before 2.5 · after 4.0 · change +1.5" in wellbeing
        themes = text_of(screen, "#insight-themes")
        assert "Covered so far (2): Belonging · Talking about race" in themes
        assert "Race Equality Charter" in themes.split("Never touched")[1]
        # Readable at 80×24: each chart, scrolled into view, is painted line for line as it
        # was written, none cut or wrapped (checked at the end); what does not fit scrolls.
        body = screen.query_one("#insight-body", VerticalScroll)
        assert body.max_scroll_y > 0
        not_as_written = {}
        for name in ("meetings", "outcomes", "carried", "wellbeing"):
            static = screen.query_one(f"#insight-{name}", Static)
            body.scroll_to_widget(static, animate=False, top=True)
            await settle(pilot)
            painted = region_text(app, static.content_region).splitlines()
            written = text_of(screen, f"#insight-{name}").splitlines()[: len(painted)]
            if [line.rstrip() for line in painted] != [line.rstrip() for line in written]:
                not_as_written[name] = (painted, written)
        body.scroll_home(animate=False)
        await pilot.press("c")  # the calendar from here too
        await settle(pilot)
        assert isinstance(app.screen, CalendarDialog)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)

    # What was shown is what is stored (and looking stored nothing).
    journal = reopen(journal_path)
    journal.clock = Clock(FROZEN_NOW)
    try:
        stored = journal.meetings(rel.id)
        statuses = [m.status for m in stored]
        assert statuses.count(MeetingStatus.HELD) == 9 and len(stored) == 10
        [cancelled] = [m for m in stored if m.status is MeetingStatus.CANCELLED]
        assert (cancelled.starts_at, cancelled.cancel_reason) == (CANCELLED, "Amara on leave")
        quarters = {}
        for r in journal.reviews(rel.id):
            label = f"Q{(r.reviewed_at.month - 1) // 3 + 1}"
            quarters.setdefault(label, []).append(r.outcome)
        assert quarters == {
            "Q3": [Outcome.FORWARDS, Outcome.BACKWARDS],
            "Q4": [Outcome.SIDEWAYS],
        }
        actions = {a.title: a for a in journal.actions(rel.id)}
        assert journal.carried_forward(actions[ASK]) == 3
        assert journal.carried_forward(actions[READ]) == 0
        assert (actions[ASK].outcome, actions[READ].status) == (
            Outcome.SIDEWAYS,
            ActionStatus.DONE,
        )
    finally:
        journal.close()
    assert not_as_written == {}


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
        assert len(journal.meetings(rel.id)) == len(HELD_DAYS) + 1  # and the cancelled one
    finally:
        journal.close()


LA = ZoneInfo("America/Los_Angeles")


def la(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LA)  # type: ignore[misc]


def fill_winter(journal) -> None:
    """Held in Los Angeles on 17 Nov, 1 Dec and 12 Jan. November's check-ins are the evening
    before and just after; the "before" of January's meeting was given on 3 Dec at 18:00 (4 Dec
    in UTC), while preparing it. ASK was written down on 1 Nov (held while open: 3×), BOOK on
    5 Dec (1×)."""
    clock = Clock(la(2026, 11, 1, 9, 0))
    journal.clock = clock
    rel = Relationship(title="Board mentoring", time_zone="America/Los_Angeles")
    nov, dec, jan = (
        Meeting(rel.id, when, status=MeetingStatus.HELD, slot_at=when)
        for when in (la(2026, 11, 17, 10), la(2026, 12, 1, 10), la(2027, 1, 12, 10))
    )
    checkins = [
        WellbeingCheckin(at, score, moment=moment, relationship_id=rel.id, meeting_id=m.id)
        for m, moment, score, at in (
            (nov, Moment.BEFORE, 2, la(2026, 11, 16, 20, 0)),
            (nov, Moment.AFTER, 3, la(2026, 11, 17, 11, 30)),
            (jan, Moment.BEFORE, 3, la(2026, 12, 3, 18, 0)),
            (jan, Moment.AFTER, 4, la(2027, 1, 12, 11, 30)),
        )
    ]
    journal.save_many([rel, nov, dec, jan, *checkins, ActionStep(rel.id, ASK)])
    clock.set(la(2026, 12, 5, 9, 0))
    journal.save(ActionStep(rel.id, "Book the room"))
    journal.close()


async def winter_insight(make_app) -> list[str]:
    """The insight screen's lines (stripped) on 20 Jan, on a computer whose zone is UTC."""
    app = make_app()
    app.clock = Clock(la(2027, 1, 20, 9, 0))
    with pinned_timezone("UTC"):  # this computer's zone is not the relationship's
        async with app.run_test(size=(100, 50)) as pilot:
            await open_page(pilot)
            await pilot.press("i")
            await settle(pilot)
            shown = await until_shown(pilot, "Well-being before and after meetings")
    return [line.strip() for line in shown.splitlines()]


async def test_a_check_in_stands_under_the_month_it_was_given(new_journal, make_app) -> None:
    """Issue 12, point 13: a check-in given on 3 Dec (in the relationship's zone; 4 Dec in UTC)
    stands under December, not under the January meeting it was for; one given the evening
    before its meeting stands with it, under the meeting's day."""
    fill_winter(new_journal)
    lines = await winter_insight(make_app)
    start = next(i for i, line in enumerate(lines) if line.startswith("Before "))
    assert lines[start : start + 6] == [
        "Before  ▃   ▄   ·",
        "After   ▄   ·   ▆",
        "Change  +1",
        "Day     17  3   12",
        "Nov Dec Jan",
        "On average: before 2.5 · after 3.5 · change +1.0",
    ]


async def test_again_and_again_heads_only_actions_carried_more_than_once(
    new_journal, make_app
) -> None:
    """Issue 12, point 13: an action carried forward once is not under "again and again"."""
    fill_winter(new_journal)
    lines = await winter_insight(make_app)
    start = lines.index("Carried forward again and again")
    assert lines[start : start + 4] == [
        "Carried forward again and again",
        f"3× {ASK}  open",
        "Carried forward once",
        "1× Book the room  open",
    ]
