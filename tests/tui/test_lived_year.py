"""A year of two relationships, lived through the app by keys, with its one clock moved from day
to day (a year away from today's date, the computer in New York): meetings started late and
early, a month skipped and one held late, one cancelled and one moved, reviews the evening before,
during a meeting, after it the same day and before preparing, an action carried three times, the
cadence's time changed in July, both daylight-saving changes crossed, one relationship in London
and one in Kolkata. After every step the stored journal is checked against what happened.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Relationship,
    Role,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.app import MentorJournalApp
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.review import ReviewScreen
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard
from mentorjournal.tui.widgets.meeting_dialogs import (
    CadenceDialog,
    CancelDialog,
    RescheduleDialog,
    WhichMeetingDialog,
)
from tests.local_zone import pinned_timezone
from tests.tui.clock_support import Clock
from tests.tui.conftest import unlock
from tests.tui.lived_year_support import (
    Ledger,
    check_invariants,
    go_home,
    open_page,
    stored,
)
from tests.tui.snapshot_support import palette, settle_all

LONDON, KOLKATA, NEW_YORK = "Europe/London", "Asia/Kolkata", "America/New_York"
AMARA, PRIYA = 1, 0  # their places on home (titles in order)


@pytest.fixture(autouse=True)
def in_new_york() -> Iterator[None]:
    with pinned_timezone(NEW_YORK):
        yield


def relationships(journal: Journal, clock: Clock) -> tuple[Relationship, Relationship]:
    journal.clock = clock
    amara = Relationship(
        title="Reverse mentoring with Amara",
        my_role=Role.MENTEE,
        partner="Amara",
        purpose="Understand how race shapes personal tutoring.",
        ground_rules="Confidential; criticism welcome.",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        meeting_time="10:00",
        meeting_minutes=60,
        time_zone=LONDON,
        started_on=datetime(2028, 1, 1).date(),
    )
    priya = Relationship(
        title="Mentoring Priya",
        my_role=Role.MENTOR,
        partner="Priya",
        purpose="Belonging in the lab.",
        cadence="FREQ=MONTHLY;BYMONTHDAY=15",
        meeting_time="17:30",
        meeting_minutes=45,
        time_zone=KOLKATA,
        started_on=datetime(2028, 1, 1).date(),
    )
    journal.save_many([amara, priya])
    journal.close()
    return amara, priya


def second_tuesdays() -> dict[int, int]:
    days = {}
    for month in range(1, 13):
        first = datetime(2028, month, 1)
        days[month] = 1 + (1 - first.weekday()) % 7 + 7
    return days


def missed(clock: Clock, zone: str, days: dict[int, int], done: set[int]) -> int:
    today = clock().astimezone(ZoneInfo(zone)).date()
    return sum(
        1
        for month, day in days.items()
        if month not in done and datetime(2028, month, day).date() < today
    )


def messages(app: MentorJournalApp) -> list[str]:
    return [n.message for n in app._notifications]


async def meet(
    pilot,
    index: int,
    clock: Clock,
    zone: str,
    start: tuple[int, ...],
    end: tuple[int, ...],
    *,
    capture: str = "",
    which: str = "",
    reflect: str = "",
) -> Meeting:
    """From the relationship's page: m, agree the ground rules, (capture an action), then end
    the meeting with ctrl+t at ``end``; returns the meeting as the screen held it."""
    clock.at(zone, *start)
    await open_page(pilot, index)
    await pilot.press("m")
    await settle_all(pilot)
    if which:
        assert isinstance(pilot.app.screen, WhichMeetingDialog)
        await pilot.click(f"#which-{which}")
        await settle_all(pilot)
    assert isinstance(pilot.app.screen, GroundRulesCard)
    await pilot.press("enter")
    await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    if capture:
        await pilot.press("ctrl+n")
        await settle_all(pilot)
        assert isinstance(pilot.app.screen, ActionForm)
        await pilot.press(*capture, "ctrl+s")
        await settle_all(pilot)
        assert pilot.app.screen is screen
    clock.at(zone, *end)
    await pilot.press("ctrl+t")
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press("enter")  # End meeting
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, ChoiceDialog)  # Reflect now?
    if reflect:
        await pilot.press("enter")
        await settle_all(pilot)
        await pilot.press(*reflect)
        await pilot.press("escape")
        await settle_all(pilot)
    else:
        await pilot.press("n")  # Later
        await settle_all(pilot)
    assert screen.meeting is not None
    return screen.meeting


async def review(pilot, keys: list[tuple[str, str, str]], *, from_page: int | None) -> None:
    """The review screen (v on the page, or already open): for each highlighted action in turn,
    a status key, an outcome key and the learning typed, then enter; escape at the end."""
    if from_page is not None:
        await open_page(pilot, from_page)
        await pilot.press("v")
        await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    assert len(screen.rows) >= len(keys), [i.action.title for i in screen.rows]
    learning = screen.query_one("#review-learning", Input)
    for status, outcome, learned in keys:
        await pilot.press(status, outcome, "l")
        assert learning.value == ""  # the Learned box starts empty
        await pilot.press(*learned, "enter")
        await settle_all(pilot)
    await pilot.press("escape")
    await settle_all(pilot)


def card_text(home, index: int) -> str:
    cards = list(home.query("#relationships ListItem Static"))
    return str(cards[index].render())


def meeting_of(journal_path: Path, clock: Clock, rel_id: str, day: datetime) -> Meeting:
    """The stored meeting whose slot is on ``day`` (in the slot's zone)."""
    journal = stored(journal_path, clock)
    try:
        found = [
            m
            for m in journal.meetings(rel_id)
            if m.slot_at is not None and m.slot_at.astimezone(day.tzinfo).date() == day.date()
        ]
    finally:
        journal.close()
    assert len(found) == 1, found
    return found[0]


def action_called(journal_path: Path, clock: Clock, title: str) -> ActionStep:
    journal = stored(journal_path, clock)
    try:
        return next(a for a in journal.actions() if a.title == title)
    finally:
        journal.close()


async def test_a_lived_year_of_two_relationships(new_journal: Journal, journal_path: Path) -> None:
    clock = Clock(datetime(2028, 1, 3, 9, 0, tzinfo=ZoneInfo(LONDON)))
    amara, priya = relationships(new_journal, clock)
    books = {amara.id: Ledger(), priya.id: Ledger()}
    a_books, p_books = books[amara.id], books[priya.id]
    app = MentorJournalApp(journal_path, kdf=FAST_KDF_FOR_TESTS, clock=clock)

    a_done: set[int] = set()  # months whose meeting with Amara was held, cancelled or moved
    p_done: set[int] = set()

    def check() -> None:
        # Missed: a month's slot on an earlier day, neither held, cancelled nor moved.
        a_books.missed = missed(clock, LONDON, second_tuesdays(), a_done)
        p_books.missed = missed(clock, KOLKATA, {m: 15 for m in range(1, 13)}, p_done)
        check_invariants(journal_path, clock, books)

    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await settle_all(pilot)
        check()

        # --- January: Amara's meeting starts 25 minutes late; Priya's 10 minutes early ------
        held = await meet(
            pilot,
            AMARA,
            clock,
            LONDON,
            (2028, 1, 11, 10, 25),
            (2028, 1, 11, 11, 5),
            capture="Ask HR for panel data",
        )
        a_books.held += 1
        a_done.add(1)
        london, kolkata = ZoneInfo(LONDON), ZoneInfo(KOLKATA)
        assert held.slot_at == datetime(2028, 1, 11, 10, 0, tzinfo=london)
        assert held.started_at == datetime(2028, 1, 11, 10, 25, tzinfo=london)
        assert held.duration_minutes == 40
        assert any("It took 40 min" in m and "Tue 8 Feb 2028" in m for m in messages(app))
        check()
        await meet(
            pilot,
            PRIYA,
            clock,
            KOLKATA,
            (2028, 1, 15, 17, 20),
            (2028, 1, 15, 18, 0),
            capture="Read the race equality charter",
        )
        p_books.held += 1
        p_done.add(1)
        check()
        hr = action_called(journal_path, clock, "Ask HR for panel data")
        charter = action_called(journal_path, clock, "Read the race equality charter")

        # --- February: Amara's action reviewed the evening before; met 2 minutes early -------
        clock.at(LONDON, 2028, 2, 7, 20, 0)
        await review(pilot, [("o", "s", "HR asked for a form")], from_page=AMARA)
        feb = meeting_of(journal_path, clock, amara.id, datetime(2028, 2, 8, tzinfo=london))
        how = (ActionStatus.OPEN, Outcome.SIDEWAYS, "HR asked for a form")
        a_books.record(hr.id, feb.id, how, clock())
        check()
        held = await meet(
            pilot,
            AMARA,
            clock,
            LONDON,
            (2028, 2, 8, 9, 58),
            (2028, 2, 8, 10, 40),
            reflect="The form is the first step.",
        )
        a_books.held += 1
        a_done.add(2)
        assert held.id == feb.id and held.started_at == datetime(2028, 2, 8, 9, 58, tzinfo=london)
        check()

        # --- February, Priya: reviewed during the meeting, from the palette ----------------
        clock.at(KOLKATA, 2028, 2, 15, 17, 30)
        await open_page(pilot, PRIYA)
        await pilot.press("m")
        await settle_all(pilot)
        await pilot.press("enter")  # the ground rules, agreed
        await settle_all(pilot)
        in_meeting = pilot.app.screen
        assert isinstance(in_meeting, MeetingScreen)
        clock.at(KOLKATA, 2028, 2, 15, 17, 50)
        await palette(pilot, "Review: Mentoring Priya")
        await review(pilot, [("d", "f", "Read it twice")], from_page=None)
        assert pilot.app.screen is in_meeting
        p_feb = meeting_of(journal_path, clock, priya.id, datetime(2028, 2, 15, tzinfo=kolkata))
        how = (ActionStatus.DONE, Outcome.FORWARDS, "Read it twice")
        p_books.record(charter.id, p_feb.id, how, clock())
        await pilot.press(*"Talked about the charter")  # notes, typed after the review
        await pilot.press("ctrl+n")
        await settle_all(pilot)
        await pilot.press(*"Ask about the scheme's data", "ctrl+s")
        await settle_all(pilot)
        clock.at(KOLKATA, 2028, 2, 15, 18, 10)
        await pilot.press("ctrl+t")
        await settle_all(pilot)
        await pilot.press("enter")
        await settle_all(pilot)
        await pilot.press("n")
        await settle_all(pilot)
        p_books.held += 1
        p_done.add(2)
        check()
        kept = meeting_of(journal_path, clock, priya.id, datetime(2028, 2, 15, tzinfo=kolkata))
        assert "Read the race equality charter — done, forwards" in kept.review_summary
        assert kept.notes == "Talked about the charter" and kept.duration_minutes == 40
        assert (
            action_called(journal_path, clock, "Ask about the scheme's data").meeting_id == kept.id
        )

        # --- March: Amara's meeting is skipped; two days later home says so, and it is held
        # late from the meetings list (h). Priya's March is simply missed. ------------------
        clock.at(LONDON, 2028, 3, 16, 9, 0)
        home = await go_home(pilot)
        await pilot.press("down")  # Amara's card
        card = card_text(home, AMARA)
        assert "The meeting of Tue 14 Mar 2028 was missed" in card
        await pilot.press("w")
        await settle_all(pilot)
        page = pilot.app.screen
        assert isinstance(page, RelationshipScreen)
        assert page.query_one("#rel-tabs").active == "tab-meetings"
        await pilot.press("h")
        await settle_all(pilot)
        await pilot.press("enter")  # ground rules
        await settle_all(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
        clock.at(LONDON, 2028, 3, 16, 9, 45)
        await pilot.press("ctrl+t")
        await settle_all(pilot)
        await pilot.press("enter")
        await settle_all(pilot)
        await pilot.press("n")
        await settle_all(pilot)
        a_books.held += 1
        a_done.add(3)
        late = meeting_of(journal_path, clock, amara.id, datetime(2028, 3, 14, tzinfo=london))
        assert late.status is MeetingStatus.HELD
        assert late.slot_at == datetime(2028, 3, 14, 10, 0, tzinfo=london)  # 06:00 in New York
        assert late.slot_at.astimezone(ZoneInfo(NEW_YORK)).hour == 6
        assert late.started_at == datetime(2028, 3, 16, 9, 0, tzinfo=london)
        clock.at(KOLKATA, 2028, 3, 20, 9, 0)
        check()

        # --- April: Amara's meeting cancelled a week ahead, with a reason; Priya's action
        # captured in the meeting is reviewed after it, the same evening --------------------
        clock.at(LONDON, 2028, 4, 3, 12, 0)
        await open_page(pilot, AMARA)
        await pilot.press("x")
        await settle_all(pilot)
        assert isinstance(pilot.app.screen, CancelDialog)
        await pilot.press(*"Amara on leave", "enter")
        await settle_all(pilot)
        a_books.cancelled += 1
        a_done.add(4)
        apr = meeting_of(journal_path, clock, amara.id, datetime(2028, 4, 11, tzinfo=london))
        assert apr.status is MeetingStatus.CANCELLED and apr.cancel_reason == "Amara on leave"
        clock.at(LONDON, 2028, 4, 12, 9, 0)  # the day after: cancelled, not missed
        check()
        await meet(pilot, PRIYA, clock, KOLKATA, (2028, 4, 15, 17, 30), (2028, 4, 15, 18, 15))
        p_books.held += 1
        p_done.add(4)
        clock.at(KOLKATA, 2028, 4, 15, 21, 0)
        await review(pilot, [("o", "b", "The data team said no")], from_page=PRIYA)
        data = action_called(journal_path, clock, "Ask about the scheme's data")
        p_apr = meeting_of(journal_path, clock, priya.id, datetime(2028, 4, 15, tzinfo=kolkata))
        how = (ActionStatus.OPEN, Outcome.BACKWARDS, "The data team said no")
        p_books.record(data.id, p_apr.id, how, clock())
        check()

        # --- May: Amara's meeting moved from Tuesday 9th to Thursday 11th at 14:00; the action
        # reviewed the evening before, then prepared (the agenda shows what was recorded) ----
        clock.at(LONDON, 2028, 5, 2, 9, 0)
        await open_page(pilot, AMARA)
        await pilot.press("t")
        await settle_all(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, RescheduleDialog)
        box = dialog.query_one("#reschedule-input", Input)
        assert box.value == "2028-05-09 10:00"
        box.value = ""
        await pilot.press(*"2028-05-11 14:00", "enter")
        await settle_all(pilot)
        a_done.add(5)
        moved = meeting_of(journal_path, clock, amara.id, datetime(2028, 5, 9, tzinfo=london))
        assert moved.starts_at == datetime(2028, 5, 11, 14, 0, tzinfo=london)
        check()
        clock.at(LONDON, 2028, 5, 10, 20, 0)  # the Tuesday of the slot has passed: not missed
        check()
        await review(pilot, [("o", "f", "HR form sent")], from_page=AMARA)
        how = (ActionStatus.OPEN, Outcome.FORWARDS, "HR form sent")
        a_books.record(hr.id, moved.id, how, clock())
        await open_page(pilot, AMARA)
        await pilot.press("p")
        await settle_all(pilot)
        prepare = pilot.app.screen
        assert isinstance(prepare, PrepareScreen)
        agenda_text = str(prepare.query_one("#prepare-agenda").render())
        assert "Ask HR for panel data" in agenda_text
        assert "reviewed: still open, forwards, learned: HR form sent" in agenda_text
        assert "carried forward 2×" in agenda_text
        assert "Thu 11 May 2028, 14:00" in str(prepare.query_one("#prepare-when").render())
        check()
        await meet(pilot, AMARA, clock, LONDON, (2028, 5, 11, 14, 5), (2028, 5, 11, 15, 0))
        a_books.held += 1
        assert action_called(journal_path, clock, "Ask HR for panel data").carried_forward == 3
        check()

        # --- June: Amara's meeting, then the action reviewed done after it, the same day ----
        await meet(pilot, AMARA, clock, LONDON, (2028, 6, 13, 10, 0), (2028, 6, 13, 10, 55))
        a_books.held += 1
        a_done.add(6)
        clock.at(LONDON, 2028, 6, 13, 16, 0)
        await review(pilot, [("d", "f", "HR shared the data")], from_page=AMARA)
        jun = meeting_of(journal_path, clock, amara.id, datetime(2028, 6, 13, tzinfo=london))
        how = (ActionStatus.DONE, Outcome.FORWARDS, "HR shared the data")
        a_books.record(hr.id, jun.id, how, clock())
        check()
        # Reviewed again at the same meeting: the record is edited, not doubled.
        clock.at(LONDON, 2028, 6, 13, 17, 0)
        await open_page(pilot, AMARA)
        await pilot.press("v")
        await settle_all(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        assert [i.action.title for i in screen.rows] == ["Ask HR for panel data"]
        await pilot.press("d", "s", "l")
        assert screen.query_one("#review-learning", Input).value == "HR shared the data"
        await pilot.press("enter", "escape")
        await settle_all(pilot)
        how = (ActionStatus.DONE, Outcome.SIDEWAYS, "HR shared the data")
        a_books.record(hr.id, jun.id, how, clock())
        assert action_called(journal_path, clock, "Ask HR for panel data").carried_forward == 3
        check()

        # --- July: the cadence's time changed to 14:00 from 1 July (k on the page); June's
        # meeting keeps 10:00, July's is at 14:00 ------------------------------------------
        clock.at(LONDON, 2028, 6, 20, 12, 0)
        await open_page(pilot, AMARA)
        await pilot.press("k")
        await settle_all(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, CadenceDialog)
        dialog.query_one("#cadence-time", Input).value = ""
        await pilot.click("#cadence-time")
        await pilot.press(*"14:00")
        dialog.query_one("#cadence-from", Input).value = ""
        await pilot.press("tab", "tab", "tab")  # minutes, zone, then the day it starts
        assert dialog.focused is dialog.query_one("#cadence-from", Input)
        await pilot.press(*"2028-07-01", "enter")
        await settle_all(pilot)
        assert not isinstance(pilot.app.screen, CadenceDialog), (
            str(dialog.query_one("#cadence-message").render()),
            dialog.query_one("#cadence-time", Input).value,
            dialog.query_one("#cadence-from", Input).value,
        )
        assert jun.slot_at == datetime(2028, 6, 13, 10, 0, tzinfo=london)
        check()
        await meet(pilot, AMARA, clock, LONDON, (2028, 7, 11, 14, 0), (2028, 7, 11, 14, 50))
        a_books.held += 1
        a_done.add(7)
        jul = meeting_of(journal_path, clock, amara.id, datetime(2028, 7, 11, tzinfo=london))
        assert jul.slot_at == datetime(2028, 7, 11, 14, 0, tzinfo=london)
        check()

        # --- August to December: every month at 14:00 London time, across the end of summer
        # time in London (29 Oct) and New York (5 Nov); Priya met once more, in November ----
        for month, day in ((8, 8), (9, 12), (10, 10), (11, 14), (12, 12)):
            held = await meet(
                pilot, AMARA, clock, LONDON, (2028, month, day, 14, 0), (2028, month, day, 14, 45)
            )
            a_books.held += 1
            a_done.add(month)
            assert held.slot_at == datetime(2028, month, day, 14, 0, tzinfo=london)
            assert held.slot_at.astimezone(ZoneInfo(NEW_YORK)).hour == 9  # BST/EDT and GMT/EST
            check()
        held = await meet(
            pilot, PRIYA, clock, KOLKATA, (2028, 11, 15, 17, 30), (2028, 11, 15, 18, 10)
        )
        p_books.held += 1
        p_done.add(11)
        assert held.slot_at.astimezone(ZoneInfo(NEW_YORK)).hour == 7  # 12:00 UTC in EST
        clock.at(LONDON, 2028, 12, 20, 9, 0)
        check()

    # The year as exported: Amara's meetings in the .ics on their London times, Priya's in
    # Kolkata's, whatever this computer's zone.
    journal = stored(journal_path, clock)
    try:
        from mentorjournal.exchange import calendar_export

        coming = calendar_export.coming_meetings(
            journal.get(Relationship, amara.id), journal.meetings(amara.id), clock(), count=3
        )
        assert [c.starts_at.astimezone(london).hour for c in coming] == [14, 14, 14]
        assert [c.starts_at.astimezone(london).date() for c in coming] == [
            datetime(2029, 1, 9).date(),
            datetime(2029, 2, 13).date(),
            datetime(2029, 3, 13).date(),
        ]
    finally:
        journal.close()
