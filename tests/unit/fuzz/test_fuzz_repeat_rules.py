"""Fuzzing repeat rules (any text, and soups of rule parts): dates or a cadence error, quickly,
and a relationship keeps any cadence text as typed."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.domain import Meeting, MeetingStatus, Relationship
from mentorjournal.errors import InvalidEntry
from mentorjournal.mentoring.cadence import (
    CadenceError,
    describe,
    next_occurrences,
    parse_simple,
    validate_rrule,
)
from tests.unit.fuzz.strategies import ANY_CHAR, FUZZ, ZONES, has_surrogate, new_journal

# --- repeat rules -----------------------------------------------------------------------------

RULE_NAMES = [
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS",
    "BYYEARDAY", "BYWEEKNO", "WKST", "BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER", "DTSTART",
    "RDATE", "EXDATE", "X-NAME",
]  # fmt: skip
RULE_VALUES = st.one_of(
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "SECONDLY", "MO", "-1FR",
                     "+5SU,53MO", "20991231T235959Z", "19000101", "0", "-366", "366", "10000"]),
    st.text("0123456789+-,MOTUWEFRSAZTHY:;= ", max_size=14),
    st.integers(-10**6, 10**6).map(str),
)  # fmt: skip


@st.composite
def rule_soup(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(st.tuples(st.sampled_from(RULE_NAMES) | st.text(max_size=5), RULE_VALUES),
                 max_size=7)
    )  # fmt: skip
    text = ";".join(f"{name}={value}" for name, value in parts)
    if draw(st.booleans()):
        text = "RRULE:" + text
    if draw(st.booleans()):
        text = text.lower()
    return text


ANCHORS = st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=ZONES)


@settings(max_examples=250, deadline=timedelta(seconds=3))
@given(text=st.one_of(st.text(ANY_CHAR, max_size=300), rule_soup()), anchor=ANCHORS,
       gap=st.integers(-(10**6), 10**6), count=st.integers(-2, 50))  # fmt: skip
def test_any_repeat_rule_text_gives_dates_or_a_cadence_error_quickly(
    text: str, anchor: datetime, gap: int, count: int
) -> None:
    try:
        after = anchor + timedelta(days=gap)
    except OverflowError:
        after = anchor
    started = time.monotonic()
    try:
        normalised = validate_rrule(text, anchor)
    except CadenceError as exc:
        assert str(exc)
    else:
        assert validate_rrule(normalised, anchor) == normalised
    try:
        found = next_occurrences(text, anchor, after, count=count)
    except CadenceError as exc:
        assert str(exc)
    else:
        assert len(found) <= max(count, 0)
        assert found == sorted(set(found)) and all(d > after for d in found)
    assert isinstance(describe(text), str)
    parse_simple(text)
    assert time.monotonic() - started < 3


@FUZZ
@given(cadence=st.one_of(st.text(ANY_CHAR, max_size=80), rule_soup()))
def test_a_relationship_with_any_cadence_text_is_kept_and_shown(cadence: str) -> None:
    """The cadence is stored as typed (even when it cannot be used), and the home screen's
    standings never fail because of it."""
    rel = Relationship(title="Cadence", cadence=cadence)
    held = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 1, 13, 10, tzinfo=UTC),
                   status=MeetingStatus.HELD)  # fmt: skip
    with new_journal() as journal:
        try:
            journal.save_many([rel, held])
        except InvalidEntry:
            assert has_surrogate(cadence)
            return
        assert journal.get(Relationship, rel.id).cadence == cadence
        journal.standings(datetime(2026, 2, 1, tzinfo=UTC))
        journal.next_meeting(rel.id, datetime(2026, 2, 1, tzinfo=UTC))
