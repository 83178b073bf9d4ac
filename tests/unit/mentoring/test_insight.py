"""The insight numbers, worked out by hand for fixed data (no Textual, no journal)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    OwnPrompt,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.mentoring import insight, prompts
from mentorjournal.mentoring.insight import SlotState

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Second Tuesdays of 2026.
SECOND_TUESDAYS = [13, 10, 10, 14, 12, 9, 14, 11, 8, 13, 10, 8]


def at(month: int, day: int, hour: int = 10, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=LONDON)


def second_tuesday(month: int) -> datetime:
    return at(month, SECOND_TUESDAYS[month - 1])


@pytest.fixture
def rel() -> Relationship:
    return Relationship(
        title="Reverse mentoring",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        started_on=date(2026, 1, 13),
        time_zone="Europe/London",
    )


def held(rel: Relationship, when: datetime, **kw: object) -> Meeting:
    return Meeting(rel.id, when, status=MeetingStatus.HELD, **kw)  # type: ignore[arg-type]


def test_meetings_against_cadence_show_the_gaps(rel: Relationship) -> None:
    meetings = [held(rel, second_tuesday(m)) for m in (1, 2, 4, 5, 6, 7, 9, 10, 11)]
    # March: cancelled. August: planned but never held. One extra meeting in June.
    meetings += [
        Meeting(rel.id, second_tuesday(3), status=MeetingStatus.CANCELLED),
        Meeting(rel.id, second_tuesday(8)),
        held(rel, at(6, 25)),
    ]
    ins = insight.compute(rel, meetings, [], [], [], [], NOW)
    # A cancelled meeting is counted as cancelled, not missed; each date is counted once.
    assert (ins.held, ins.missed, ins.cancelled, ins.planned) == (10, 1, 1, 1)
    assert ins.missed_dates == [second_tuesday(8)]
    cancelled = [s.when for s in ins.slots if s.state is SlotState.CANCELLED]
    assert cancelled == [second_tuesday(3)]
    planned = [s.when for s in ins.slots if s.state is SlotState.PLANNED]
    assert planned == [second_tuesday(12)]
    states = {cell.label: cell.state for cell in ins.months}
    assert list(states) == [f"{date(2026, m, 1):%b} 2026" for m in range(1, 13)]
    assert states["Mar 2026"] == "cancelled" and states["Aug 2026"] == "missed"
    assert states["Jun 2026"] == "held" and states["Dec 2026"] == "planned"
    assert [c.held for c in ins.months][5] == 2


def test_a_meeting_moved_a_few_days_still_counts_for_its_date(rel: Relationship) -> None:
    meetings = [held(rel, second_tuesday(1)), held(rel, at(2, 19)), held(rel, at(3, 3))]
    ins = insight.compute(rel, meetings, [], [], [], [], at(3, 20))
    # 19 Feb is nearest 10 Feb; 3 Mar is nearest 10 Mar: nothing is missed.
    assert (ins.held, ins.missed) == (3, 0)


def test_partly_missed_month_with_a_weekly_cadence() -> None:
    rel = Relationship(
        title="Weekly",
        cadence="FREQ=WEEKLY;BYDAY=MO",
        started_on=date(2026, 6, 1),
        time_zone="Europe/London",
    )
    mondays = [at(6, d) for d in (1, 8, 15, 22, 29)]
    meetings = [held(rel, mondays[0]), held(rel, mondays[1]), held(rel, mondays[3])]
    ins = insight.compute(rel, meetings, [], [], [], [], at(7, 1, 12))
    assert (ins.held, ins.missed) == (3, 2)
    june = next(c for c in ins.months if c.month == 6)
    assert (june.held, june.missed, june.state) == (3, 2, "partly")


def test_without_cadence_only_unheld_past_meetings_are_missed() -> None:
    rel = Relationship(title="Ad hoc", started_on=date(2026, 9, 1), time_zone="Europe/London")
    meetings = [
        held(rel, at(9, 3)),
        Meeting(rel.id, at(10, 7), status=MeetingStatus.CANCELLED),
        Meeting(rel.id, at(11, 3)),  # planned, never held
        Meeting(rel.id, at(12, 1)),
    ]
    ins = insight.compute(rel, meetings, [], [], [], [], NOW)
    assert (ins.held, ins.missed, ins.cancelled, ins.planned) == (1, 1, 1, 1)
    assert ins.missed_dates == [at(11, 3)]
    assert [c.label for c in ins.months] == ["Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"]
    assert [c.state for c in ins.months] == ["held", "cancelled", "missed", "planned"]


def test_an_ended_relationship_expects_nothing_after_its_end(rel: Relationship) -> None:
    rel.ended_on = date(2026, 3, 31)
    meetings = [held(rel, second_tuesday(1)), held(rel, second_tuesday(2))]
    ins = insight.compute(rel, meetings, [], [], [], [], NOW)
    assert (ins.held, ins.missed, ins.planned) == (2, 1, 0)


def review(action: ActionStep, outcome: Outcome | None, when: datetime) -> Review:
    status = ActionStatus.DONE if outcome is Outcome.FORWARDS else ActionStatus.OPEN
    return Review(action.relationship_id, action.id, status, when, outcome=outcome)


def test_outcomes_per_quarter_count_review_records_and_keep_empty_quarters(
    rel: Relationship,
) -> None:
    a, b, c, d = (ActionStep(rel.id, title) for title in "abcd")
    # What the actions say now (their latest outcome) is not what is counted: the records are.
    a.outcome, a.reviewed_at = Outcome.BACKWARDS, at(7, 14)
    not_reviewed = ActionStep(rel.id, "e", outcome=Outcome.FORWARDS, due_on=date(2026, 5, 1))
    reviews = [
        review(a, Outcome.FORWARDS, at(2, 10)),
        review(b, Outcome.BACKWARDS, at(3, 31, 23)),  # 23:00 London is still Q1
        review(a, Outcome.SIDEWAYS, at(7, 14)),  # reviewed again: both records count
        review(c, Outcome.FORWARDS, at(7, 1, 0)),  # midnight in London: Q3 (UTC: 30 June)
        review(c, Outcome.SIDEWAYS, at(9, 8)),
        review(d, Outcome.FORWARDS, at(9, 30)),
        review(d, None, at(9, 8)),  # no outcome: not counted
        review(b, Outcome.SIDEWAYS, at(1, 5, year=2027)),
    ]
    quarters = insight.compute(rel, [], [a, b, c, d, not_reviewed], reviews, [], [], NOW).quarters
    assert [(q.label, q.forwards, q.backwards, q.sideways) for q in quarters] == [
        ("2026 Q1", 1, 1, 0),
        ("2026 Q2", 0, 0, 0),
        ("2026 Q3", 2, 0, 2),
        ("2026 Q4", 0, 0, 0),
        ("2027 Q1", 0, 0, 1),
    ]
    assert [q.total for q in quarters] == [2, 0, 4, 0, 1]
    assert insight.quarter_label(date(2026, 10, 1)) == "2026 Q4"
    assert insight.compute(rel, [], [a, not_reviewed], [], [], [], NOW).quarters == []


def test_actions_carried_forward_are_meetings_held_while_open_most_first(
    rel: Relationship,
) -> None:
    feb, mar, apr = (held(rel, second_tuesday(m)) for m in (2, 3, 4))
    meetings = [
        feb,
        mar,
        apr,
        Meeting(rel.id, second_tuesday(5), status=MeetingStatus.CANCELLED),
        Meeting(rel.id, second_tuesday(6)),  # never held
    ]

    def made(title: str, when: datetime, **kw: object) -> ActionStep:
        return ActionStep(rel.id, title, created_at=when, **kw)  # type: ignore[arg-type]

    ask = made("Ask HR for panel data", at(1, 20))
    dean = made("Write to the dean", at(1, 20), status=ActionStatus.DONE)
    agree = made("Agree a date", at(2, 10, 11), meeting_id=feb.id)
    book = made("Book the room", at(3, 20))
    never = made("Never moved", at(4, 20), carried_forward=5)  # a stale count is not used
    closing = Review(rel.id, dean.id, ActionStatus.DONE, at(4, 14, 11), meeting_id=apr.id)
    actions = [never, book, agree, dean, ask]
    carried = insight.compute(rel, meetings, actions, [closing], [], [], NOW).carried
    assert [(a.title, a.carried_forward) for a in carried] == [
        ("Ask HR for panel data", 3),  # February, March and April
        ("Agree a date", 2),  # made at February's meeting: March and April
        ("Write to the dean", 2),  # done at April's: February and March
        ("Book the room", 1),
    ]


def test_wellbeing_before_and_after_each_meeting(rel: Relationship) -> None:
    m1, m2, m3 = (held(rel, second_tuesday(m)) for m in (1, 2, 4))
    other = Meeting("another-relationship", second_tuesday(5), status=MeetingStatus.HELD)

    def check(m: Meeting, moment: Moment, score: int, minutes: int = 0) -> WellbeingCheckin:
        when = m.starts_at + timedelta(minutes=minutes if moment is Moment.AFTER else -minutes)
        return WellbeingCheckin(when, score, moment=moment, relationship_id=rel.id, meeting_id=m.id)

    checkins = [
        check(m1, Moment.BEFORE, 2),
        check(m1, Moment.AFTER, 4, 70),
        check(m2, Moment.BEFORE, 3, 30),
        check(m2, Moment.BEFORE, 1, 5),  # the later "before" counts
        check(m2, Moment.AFTER, 3, 65),
        check(m3, Moment.AFTER, 5, 61),  # no "before": no change
        check(other, Moment.BEFORE, 1),  # not a meeting of this relationship
        WellbeingCheckin(at(4, 1), 1, moment=Moment.OTHER, relationship_id=rel.id),
    ]
    ins = insight.compute(rel, [m3, m1, m2], [], [], checkins, [], NOW)
    assert [(p.meeting_id, p.before, p.after, p.change) for p in ins.wellbeing] == [
        (m1.id, 2, 4, 2),
        (m2.id, 1, 3, 2),
        (m3.id, None, 5, None),
    ]
    assert ins.average("change") == 2
    assert ins.average("before") == 1.5
    assert ins.average("after") == 4
    assert insight.compute(rel, [], [], [], [], [], NOW).average("change") is None


def test_themes_covered_by_choice_or_prompt_and_never_touched(rel: Relationship) -> None:
    own_theme = OwnPrompt(theme="allyship", theme_title="Allyship at board level")
    own_prompt = OwnPrompt(theme="allyship", text="Who speaks for whom here?")
    meetings = [
        held(rel, second_tuesday(1), themes=["talking-about-race"], used_prompts=["belonging-2"]),
        held(rel, second_tuesday(2), used_prompts=[own_prompt.id, "no-such-prompt"]),
        # Chosen while preparing a meeting not yet held: not covered yet.
        Meeting(rel.id, second_tuesday(12), themes=["race-equality-charter"]),
    ]
    ins = insight.compute(rel, meetings, [], [], [], [own_theme, own_prompt], NOW)
    library = [t.key for t in prompts.merge_themes([own_theme, own_prompt])]
    assert [k for k, _ in ins.covered] == ["belonging", "talking-about-race", "allyship"]
    assert dict(ins.covered)["allyship"] == "Allyship at board level"
    assert [k for k, _ in ins.untouched] == [
        k for k in library if k not in {"belonging", "talking-about-race", "allyship"}
    ]
    assert "race-equality-charter" in dict(ins.untouched)


def test_empty_relationship_gives_an_empty_insight() -> None:
    rel = Relationship(title="New", time_zone="Europe/London")
    ins = insight.compute(rel, [], [], [], [], [], NOW)
    assert (ins.held, ins.missed, ins.planned) == (0, 0, 0)
    assert [c.label for c in ins.months] == ["Nov 2026"]
    assert ins.quarters == [] and ins.carried == [] and ins.wellbeing == []
    assert ins.covered == [] and len(ins.untouched) == len(prompts.builtin_themes())
