"""The agenda built for a meeting, its practicality gaps, and the review summary (no Textual)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mentorjournal.dates import DateInputError
from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Reflection,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.preparation import (
    AgendaItem,
    build_agenda,
    checkin_entry,
    checkin_for,
    parse_meeting_time,
    practicality_gaps,
    preparation_text,
    review_summary,
    reviewed_since_last,
)
from mentorjournal.prompts import merge_themes

REL = Relationship(title="Reverse mentoring with Amara", cadence="FREQ=MONTHLY")
HELD = Meeting(
    relationship_id=REL.id,
    starts_at=datetime(2026, 10, 27, 10, 0, tzinfo=UTC),
    status=MeetingStatus.HELD,
)
EARLIER = Meeting(
    relationship_id=REL.id,
    starts_at=datetime(2026, 9, 29, 10, 0, tzinfo=UTC),
    status=MeetingStatus.HELD,
)


def make_actions() -> dict[str, ActionStep]:
    return {
        "open": ActionStep(
            relationship_id=REL.id,
            meeting_id=HELD.id,
            title="Ask HR for panel data",
            due_on=date(2026, 11, 20),
            resources="HR analytics team",
        ),
        "carried": ActionStep(
            relationship_id=REL.id,
            meeting_id=EARLIER.id,
            title="Sit in on a promotion panel",
            resources="Panel chair",
            obstacles="Confidentiality of candidates",
            carried_forward=2,
            reviewed_at=datetime(2026, 10, 27, 10, 20, tzinfo=UTC),  # before the last one ended
        ),
        "reviewed": ActionStep(
            relationship_id=REL.id,
            title="Read the inclusion report",
            status=ActionStatus.DONE,
            outcome=Outcome.FORWARDS,
            reviewed_at=datetime(2026, 10, 27, 10, 30, tzinfo=UTC),
        ),
        "unreviewed_done": ActionStep(
            relationship_id=REL.id, title="Book the room", status=ActionStatus.DONE
        ),
        "elsewhere": ActionStep(relationship_id="another", title="Draft board questions"),
    }


REFLECTIONS = [
    Reflection(
        relationship_id=REL.id,
        written_at=datetime(2026, 10, 27, 18, 0, tzinfo=UTC),
        action_plan="- Ask the Dean about the charter\n\n2. Listen more than I talk",
    ),
    Reflection(
        relationship_id=REL.id,
        written_at=datetime(2026, 9, 29, 18, 0, tzinfo=UTC),
        action_plan="An older plan that is no longer the latest",
    ),
    Reflection(  # the newest one has no action plan: the one before it counts
        relationship_id=REL.id,
        written_at=datetime(2026, 11, 2, 18, 0, tzinfo=UTC),
        feelings="Unsettled.",
    ),
]


def agenda_for(
    chosen: list[str], points: str = "", actions: dict[str, ActionStep] | None = None
) -> list[AgendaItem]:
    actions = actions or make_actions()
    return build_agenda(
        REL,
        [EARLIER, HELD],
        list(actions.values()),
        REFLECTIONS,
        merge_themes([]),
        chosen,
        points,
    )


def test_agenda_has_open_actions_carried_marks_and_gaps() -> None:
    stored = make_actions()
    items = agenda_for([], actions=stored)
    actions = {i.text: i for i in items if i.kind == "action"}
    assert set(actions) == {"Ask HR for panel data", "Sit in on a promotion panel", "Book the room"}
    assert actions["Ask HR for panel data"].carried == 0
    assert actions["Ask HR for panel data"].gap  # resources but no obstacles
    assert actions["Sit in on a promotion panel"].carried == 2
    assert not actions["Sit in on a promotion panel"].gap
    assert not actions["Book the room"].gap  # done: no longer a practicality question
    assert "not yet reviewed" in actions["Book the room"].detail
    assert actions["Ask HR for panel data"].action_id == stored["open"].id


def test_agenda_has_last_plan_then_chosen_themes_then_points_in_order() -> None:
    items = agenda_for(["talking-about-race", "belonging", "no-such-theme"], "Ask about panels\n")
    kinds = [i.kind for i in items]
    assert kinds == ["action"] * 3 + ["plan", "plan", "theme", "theme", "point"]
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
    assert "- Ask HR for panel data (owner: me, due Fri 20 Nov 2026; practicality gap)" in text
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


@pytest.mark.parametrize(
    ("action", "line"),
    [
        (
            ActionStep(
                relationship_id="r",
                title="Ask HR for panel data",
                status=ActionStatus.DONE,
                outcome=Outcome.FORWARDS,
                learning="They said yes\nat once.",
            ),
            "- Ask HR for panel data — done, forwards, learned: They said yes at once.",
        ),
        (
            ActionStep(
                relationship_id="r",
                title="Sit in on a panel",
                outcome=Outcome.SIDEWAYS,
                carried_forward=3,
            ),
            "- Sit in on a panel — still open, sideways, carried forward 3×",
        ),
        (
            ActionStep(
                relationship_id="r",
                title="Co-write a note",
                outcome=Outcome.FORWARDS,
                learning="The session could be its home.",
                carried_forward=2,
            ),
            "- Co-write a note — still open, forwards, learned: The session could be its home, "
            "carried forward 2×",
        ),
        (
            ActionStep(
                relationship_id="r",
                title="Ask again",
                learning="Perhaps next term...",
                carried_forward=1,
            ),
            "- Ask again — still open, learned: Perhaps next term..., carried forward 1×",
        ),
        (
            ActionStep(relationship_id="r", title="Start a club", status=ActionStatus.DROPPED),
            "- Start a club — dropped",
        ),
    ],
)
def test_review_summary_line(action: ActionStep, line: str) -> None:
    assert review_summary([action]) == line


def test_review_summary_is_one_line_per_action_in_order() -> None:
    a = ActionStep(relationship_id="r", title="First", status=ActionStatus.DONE)
    b = ActionStep(relationship_id="r", title="Second", carried_forward=1)
    assert review_summary([a, b]) == "- First — done\n- Second — still open, carried forward 1×"
    assert review_summary([]) == ""


NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


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
    made = checkin_entry(
        None, 3, "calm", NOW, moment=Moment.BEFORE, meeting=meeting, checkin_id="x"
    )
    assert (made.id, made.score, made.moment, made.meeting_id) == (
        "x",
        3,
        Moment.BEFORE,
        meeting.id,
    )
    assert made.relationship_id == REL.id
    edited = checkin_entry(made, 5, "", NOW, moment=Moment.BEFORE, meeting=meeting)
    assert (edited.id, edited.score, edited.note) == ("x", 5, "")
    other = WellbeingCheckin(at=NOW, score=2, moment=Moment.AFTER, meeting_id=meeting.id)
    assert checkin_for([made, other], meeting, Moment.AFTER) is other
    assert checkin_for([made, other], None, Moment.AFTER) is None


def test_reviewed_since_last_is_apart_from_awaiting_review() -> None:
    actions = make_actions()
    # Reviewed in the last held meeting (before it ended): not part of the review under way.
    assert reviewed_since_last(actions.values(), [EARLIER, HELD]) == []
    actions["open"].reviewed_at = datetime(2026, 11, 20, tzinfo=UTC)
    actions["open"].carried_forward = 1
    assert reviewed_since_last(actions.values(), [EARLIER, HELD]) == [actions["open"]]
    titles = [i.text for i in agenda_for([], actions=actions) if i.kind == "action"]
    assert "Ask HR for panel data" not in titles
    # With no held meeting yet, every review so far belongs to the first one.
    assert len(reviewed_since_last(actions.values(), [])) == 3
