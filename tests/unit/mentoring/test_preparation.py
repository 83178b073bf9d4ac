"""The agenda built for a meeting, its practicality gaps, and the review summary (no Textual)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Reflection,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.mentoring.dates import DateInputError
from mentorjournal.mentoring.preparation import (
    AgendaItem,
    build_agenda,
    checkin_entry,
    checkin_for,
    checkin_moment,
    item_line,
    parse_meeting_time,
    practicality_gaps,
    preparation_text,
    review_line,
    review_summary,
)
from mentorjournal.mentoring.prompts import merge_themes

REL = Relationship(
    title="Reverse mentoring with Amara",
    cadence="FREQ=MONTHLY;BYDAY=-1TU",
    time_zone="UTC",
    started_on=date(2026, 8, 1),
)


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def held(month: int, day: int) -> Meeting:
    return Meeting(
        relationship_id=REL.id,
        starts_at=at(month, day),
        slot_at=at(month, day),
        started_at=at(month, day, 10, 5),
        ended_at=at(month, day, 11),
        duration_minutes=55,
        status=MeetingStatus.HELD,
    )


EARLIER = held(9, 29)
HELD = held(10, 27)
NEXT = Meeting(relationship_id=REL.id, starts_at=at(11, 24), slot_at=at(11, 24))
MEETINGS = [EARLIER, HELD, NEXT]
CANCELLED = Meeting(REL.id, at(11, 24), status=MeetingStatus.CANCELLED)
NOW = at(11, 23, 9)  # the day before the next meeting


def make_actions() -> dict[str, ActionStep]:
    return {
        "open": ActionStep(
            relationship_id=REL.id,
            meeting_id=HELD.id,
            title="Ask HR for panel data",
            due_on=date(2026, 11, 20),
            resources="HR analytics team",
            created_at=at(10, 27, 10, 40),
        ),
        "carried": ActionStep(  # written down before September's meeting, open ever since
            relationship_id=REL.id,
            title="Sit in on a promotion panel",
            resources="Panel chair",
            obstacles="Confidentiality of candidates",
            outcome=Outcome.SIDEWAYS,
            reviewed_at=at(10, 27, 10, 20),
            created_at=at(9, 1),
        ),
        "reviewed": ActionStep(  # done, reviewed at October's meeting
            relationship_id=REL.id,
            meeting_id=EARLIER.id,
            title="Read the inclusion report",
            status=ActionStatus.DONE,
            outcome=Outcome.FORWARDS,
            reviewed_at=at(10, 27, 10, 30),
            created_at=at(9, 29, 10, 50),
        ),
        "early": ActionStep(  # done, already reviewed for the next meeting (before it)
            relationship_id=REL.id,
            meeting_id=HELD.id,
            title="Share the charter draft",
            status=ActionStatus.DONE,
            outcome=Outcome.FORWARDS,
            learning="They liked it.",
            reviewed_at=at(11, 20, 18),
            resources="",
            created_at=at(10, 27, 10, 45),
        ),
        "unreviewed_done": ActionStep(
            relationship_id=REL.id,
            title="Book the room",
            status=ActionStatus.DONE,
            created_at=at(10, 27, 10, 50),
        ),
        "elsewhere": ActionStep(relationship_id="another", title="Draft board questions"),
    }


def make_reviews(actions: dict[str, ActionStep]) -> list[Review]:
    def record(
        key: str, meeting: Meeting, status: ActionStatus, when: datetime, **kw: Any
    ) -> Review:
        return Review(
            relationship_id=REL.id,
            action_id=actions[key].id,
            meeting_id=meeting.id,
            status=status,
            reviewed_at=when,
            **kw,
        )

    return [
        record("carried", EARLIER, ActionStatus.OPEN, at(9, 29, 10, 20), outcome=Outcome.SIDEWAYS),
        record("carried", HELD, ActionStatus.OPEN, at(10, 27, 10, 20), outcome=Outcome.SIDEWAYS),
        record("reviewed", HELD, ActionStatus.DONE, at(10, 27, 10, 30), outcome=Outcome.FORWARDS),
        record("early", NEXT, ActionStatus.DONE, at(11, 20, 18), outcome=Outcome.FORWARDS,
               learning="They liked it."),
    ]  # fmt: skip


REFLECTIONS = [
    Reflection(REL.id, at(10, 27, 18), action_plan="- Ask the Dean about the charter\n\n2. "
               "Listen more than I talk"),
    Reflection(REL.id, at(9, 29, 18), action_plan="An older plan that is no longer the latest"),
    # The newest one has no action plan: the one before it counts.
    Reflection(REL.id, at(11, 2, 18), feelings="Unsettled."),
]  # fmt: skip


def agenda_for(
    chosen: list[str],
    points: str = "",
    actions: dict[str, ActionStep] | None = None,
    *,
    meeting: Meeting = NEXT,
    now: datetime = NOW,
) -> list[AgendaItem]:
    actions = actions or make_actions()
    return build_agenda(
        REL,
        MEETINGS,
        list(actions.values()),
        make_reviews(actions),
        REFLECTIONS,
        merge_themes([]),
        chosen,
        points,
        meeting_id=meeting.id,
        now=now,
    )


def test_agenda_has_every_open_action_and_those_reviewed_for_this_meeting() -> None:
    stored = make_actions()
    items = agenda_for([], actions=stored)
    actions = {i.text: i for i in items if i.kind == "action"}
    # Open actions (one reviewed "still open" last month), the one already reviewed for this
    # meeting, and a done one never reviewed; the one reviewed done in October is not here.
    assert list(actions) == [
        "Ask HR for panel data",
        "Sit in on a promotion panel",
        "Book the room",
        "Share the charter draft",
    ]
    ask = actions["Ask HR for panel data"]
    assert (ask.action_id, ask.carried, ask.gap, ask.overdue) == (stored["open"].id, 0, True, True)
    sit = actions["Sit in on a promotion panel"]
    # Held twice while open (September and October): carried forward twice.
    assert (sit.carried, sit.gap, sit.overdue, sit.reviewed) == (2, False, False, None)
    book = actions["Book the room"]
    assert (book.gap, book.reviewed) == (False, None)  # done: not a practicality question
    assert "done, not yet reviewed" in book.detail
    share = actions["Share the charter draft"]
    assert share.reviewed is not None and share.reviewed.meeting_id == NEXT.id
    assert share.detail == "owner: me, reviewed: done, forwards, learned: They liked it"
    assert share.carried == 0  # closed at this meeting: none held while it was open


def test_an_action_done_appears_once_at_the_meeting_it_was_reviewed_for() -> None:
    titles = {
        meeting.id: [i.text for i in agenda_for([], meeting=meeting) if i.kind == "action"]
        for meeting in MEETINGS
    }
    assert "Read the inclusion report" in titles[HELD.id]
    assert "Read the inclusion report" not in titles[NEXT.id] + titles[EARLIER.id]
    assert "Share the charter draft" in titles[NEXT.id]
    assert "Share the charter draft" not in titles[HELD.id]
    # Made at October's meeting: not on that meeting's own agenda, on the next one's.
    assert "Ask HR for panel data" not in titles[HELD.id]
    assert "Ask HR for panel data" in titles[NEXT.id]
    # Reviewed "still open" at both earlier meetings: on every agenda, with its record there.
    at_held = {i.text: i for i in agenda_for([], meeting=HELD) if i.kind == "action"}
    record = at_held["Sit in on a promotion panel"].reviewed
    assert record is not None and record.outcome is Outcome.SIDEWAYS
    assert "reviewed: still open, sideways" in at_held["Sit in on a promotion panel"].detail


def test_overdue_is_marked_from_the_day_of_now() -> None:
    ask = [i for i in agenda_for([], now=at(11, 20, 9)) if i.text == "Ask HR for panel data"]
    assert not ask[0].overdue  # due that day: not yet overdue
    ask = [i for i in agenda_for([], now=at(11, 21, 12)) if i.text == "Ask HR for panel data"]
    assert ask[0].overdue
    assert "overdue" in item_line(ask[0])


def test_agenda_has_last_plan_then_chosen_themes_then_points_in_order() -> None:
    items = agenda_for(["talking-about-race", "belonging", "no-such-theme"], "Ask about panels\n")
    kinds = [i.kind for i in items]
    assert kinds == ["action"] * 4 + ["plan", "plan", "theme", "theme", "point"]
    assert [i.text for i in items if i.kind == "plan"] == [
        "Ask the Dean about the charter",
        "Listen more than I talk",
    ]
    themes = [i for i in items if i.kind == "theme"]
    assert [t.text for t in themes] == ["Talking about race", "Belonging"]
    assert themes[0].detail  # the theme's summary
    assert items[-1] == AgendaItem("point", "Ask about panels")


def test_preparation_text_renders_the_agenda_without_points() -> None:
    text = preparation_text(agenda_for(["belonging"], "A point of my own"))
    assert text.startswith("Actions to review:\n- ")
    assert "- Sit in on a promotion panel (owner: me; carried forward 2×)" in text
    assert (
        "- Ask HR for panel data (owner: me, due Fri 20 Nov 2026; overdue; practicality gap)"
    ) in text
    assert "- Share the charter draft (owner: me, reviewed: done, forwards, learned: They" in text
    assert "From the last reflection's action plan:\n- Ask the Dean about the charter" in text
    assert "Themes:\n- Belonging — " in text
    assert "A point of my own" not in text
    assert preparation_text([]) == ""


def test_practicality_gaps_are_open_actions_missing_resources_or_obstacles() -> None:
    actions = make_actions()
    actions["dropped"] = ActionStep(
        relationship_id=REL.id, title="Start a book club", status=ActionStatus.DROPPED
    )
    gaps = practicality_gaps(actions.values())
    assert [a.title for a in gaps] == ["Ask HR for panel data", "Draft board questions"]


def record_of(status: ActionStatus, outcome: Outcome | None = None, learning: str = "") -> Review:
    return Review(
        relationship_id="r",
        action_id="a",
        status=status,
        reviewed_at=NOW,
        outcome=outcome,
        learning=learning,
    )


@pytest.mark.parametrize(
    ("title", "record", "carried", "line"),
    [
        (
            "Ask HR for panel data",
            record_of(ActionStatus.DONE, Outcome.FORWARDS, "They said yes\nat once."),
            0,
            "- Ask HR for panel data — done, forwards, learned: They said yes at once.",
        ),
        (
            "Sit in on a panel",
            record_of(ActionStatus.OPEN, Outcome.SIDEWAYS),
            3,
            "- Sit in on a panel — still open, sideways, carried forward 3×",
        ),
        (
            "Co-write a note",
            record_of(ActionStatus.OPEN, Outcome.FORWARDS, "The session could be its home."),
            2,
            "- Co-write a note — still open, forwards, learned: The session could be its home, "
            "carried forward 2×",
        ),
        (
            "Ask again",
            record_of(ActionStatus.OPEN, None, "Perhaps next term..."),
            1,
            "- Ask again — still open, learned: Perhaps next term..., carried forward 1×",
        ),
        ("Start a club", record_of(ActionStatus.DROPPED), 0, "- Start a club — dropped"),
    ],
)
def test_review_line_says_what_was_recorded(
    title: str, record: Review, carried: int, line: str
) -> None:
    # The action itself says something else (its latest state): the record is what counts.
    action = ActionStep(
        relationship_id="r",
        title=title,
        status=ActionStatus.DONE,
        outcome=Outcome.BACKWARDS,
        learning="Something learned later.",
        carried_forward=9,
    )
    assert review_line(action, record, carried) == line
    assert review_summary([(action, record, carried)]) == line


def test_review_summary_is_one_line_per_action_in_order() -> None:
    a = ActionStep(relationship_id="r", title="First")
    b = ActionStep(relationship_id="r", title="Second")
    summary = review_summary(
        [(a, record_of(ActionStatus.DONE), 0), (b, record_of(ActionStatus.OPEN), 1)]
    )
    assert summary == "- First — done\n- Second — still open, carried forward 1×"
    assert review_summary([]) == ""


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2026-12-03 18:30", datetime(2026, 12, 3, 18, 30, tzinfo=UTC)),
        ("2026-12-03", datetime(2026, 12, 3, 10, 0, tzinfo=UTC)),
        ("+1w", datetime(2026, 11, 30, 10, 0, tzinfo=UTC)),
        ("today", datetime(2026, 11, 23, 10, 0, tzinfo=UTC)),
    ],
)
def test_parse_meeting_time(text: str, when: datetime) -> None:
    assert parse_meeting_time(text, NOW, UTC) == when


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Type when"),
        ("03/12/2026", "ambiguous"),
        ("2026-11-01 10:00", "passed"),
        ("soon", "not a date"),
    ],
)
def test_parse_meeting_time_refuses_in_one_sentence(text: str, says: str) -> None:
    with pytest.raises(DateInputError, match=says):
        parse_meeting_time(text, NOW, UTC)


def test_checkin_entry_edits_the_one_of_the_meeting_or_makes_it() -> None:
    meeting = Meeting(relationship_id=REL.id, starts_at=NOW)
    made = checkin_entry(None, 3, "", NOW, moment=Moment.BEFORE, meeting=meeting, checkin_id="x")
    got = (made.id, made.score, made.moment, made.meeting_id, made.relationship_id)
    assert got == ("x", 3, Moment.BEFORE, meeting.id, REL.id)
    edited = checkin_entry(made, 5, "", NOW, moment=Moment.BEFORE, meeting=meeting)
    assert (edited.id, edited.score, edited.note) == ("x", 5, "")
    other = WellbeingCheckin(at=NOW, score=2, moment=Moment.AFTER, meeting_id=meeting.id)
    assert checkin_for([made, other], meeting, Moment.AFTER) is other
    assert checkin_for([made, other], None, Moment.AFTER) is None


@pytest.mark.parametrize(
    ("meeting", "now", "moment"),
    [
        (NEXT, at(11, 23, 9), Moment.BEFORE),  # the day before
        (NEXT, at(11, 24, 9, 59), Moment.BEFORE),
        (NEXT, at(11, 24, 10, 30), Moment.BEFORE),  # due, not started: still before it
        (NEXT, at(11, 21, 9), Moment.OTHER),  # three days before
        (HELD, at(10, 27, 11, 30), Moment.AFTER),  # after its real end
        (HELD, at(10, 29, 10, 59), Moment.AFTER),
        (HELD, at(10, 29, 11, 1), Moment.OTHER),  # more than two days after it ended
        (NEXT, at(11, 22, 10), Moment.BEFORE),  # two days before is near
        (CANCELLED, at(11, 23, 10), Moment.OTHER),
        (None, NOW, Moment.OTHER),
    ],
)
def test_checkin_moment_is_before_or_after_a_meeting_nearby(
    meeting: Meeting | None, now: datetime, moment: Moment
) -> None:
    assert checkin_moment(meeting, now, UTC) is moment
