"""Fuzzing dates and times in any zone (years 1 to 9999, folds, gaps and the edges): stored
exactly or refused with a sentence, and nothing that reads them crashes afterwards."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    MeetingStatus,
    Reflection,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.errors import InvalidEntry
from mentorjournal.exchange import interchange, markdown_export
from mentorjournal.journal.codec import decode_value, encode_value, to_plain
from mentorjournal.journal.journal import Journal
from tests.unit.fuzz.strategies import FUZZ, PASS, ZONES, export_of, new_journal

# --- dates and times --------------------------------------------------------------------------

AWARE = st.datetimes(timezones=ZONES)  # year 1 to 9999, any zone, folds and gaps included
_EAST, _WEST = timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=23, minutes=59))
EDGES = st.sampled_from(
    [
        datetime(1, 1, 1, tzinfo=_EAST),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 2, tzinfo=_WEST),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=_WEST),
        datetime(9999, 12, 31, 12, tzinfo=UTC),
        datetime(9998, 12, 31, tzinfo=_EAST),
    ]
)
AWARE_OR_EDGE = st.one_of(AWARE, EDGES)
DAY_OR_EDGE = st.one_of(st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 2)]))


@settings(max_examples=300, deadline=None)
@given(when=AWARE_OR_EDGE, day=DAY_OR_EDGE)
def test_codec_round_trips_any_date_and_time_exactly(when: datetime, day: date) -> None:
    back = decode_value(datetime, encode_value(when), "starts_at")
    # The same instant and offset (a zone's name is not kept: times are stored with an offset;
    # == is not used, as a time in a zone's fold or gap never equals one in another zone).
    assert back.isoformat() == when.isoformat()
    assert back.utcoffset() == when.utcoffset()
    assert back.replace(tzinfo=None) == when.replace(tzinfo=None)
    assert decode_value(date, encode_value(day), "due_on") == day
    naive = when.replace(tzinfo=None)
    with pytest.raises(InvalidEntry):
        decode_value(datetime, encode_value(naive), "starts_at")


@settings(FUZZ, max_examples=60)
@given(
    starts=AWARE_OR_EDGE,
    written=AWARE_OR_EDGE,
    reviewed=AWARE_OR_EDGE,
    at=AWARE_OR_EDGE,
    due=DAY_OR_EDGE,
    started=DAY_OR_EDGE,
    ended=st.one_of(st.none(), DAY_OR_EDGE),
    cadence=st.sampled_from([None, "FREQ=MONTHLY;BYDAY=+2TU", "FREQ=WEEKLY", "FREQ=DAILY"]),
)
def test_any_dates_are_stored_exactly_or_refused_and_nothing_crashes_afterwards(
    starts: datetime,
    written: datetime,
    reviewed: datetime,
    at: datetime,
    due: date,
    started: date,
    ended: date | None,
    cadence: str | None,
) -> None:
    rel = Relationship(title="Dates", cadence=cadence, started_on=started, ended_on=ended)
    meeting = Meeting(relationship_id=rel.id, starts_at=starts, status=MeetingStatus.HELD)
    planned = Meeting(relationship_id=rel.id, starts_at=written)
    entries = [
        rel,
        meeting,
        planned,
        Reflection(relationship_id=rel.id, meeting_id=meeting.id, written_at=written),
        ActionStep(relationship_id=rel.id, title="due", due_on=due, reviewed_at=reviewed),
        WellbeingCheckin(at=at, score=3, relationship_id=rel.id),
    ]
    with new_journal() as journal:
        try:
            journal.save_many(entries)
        except InvalidEntry as exc:
            assert str(exc).endswith(".") and "\n" not in str(exc)
            assert journal.all(Relationship) == []
            return
        path = journal.path
        journal.close()
        again = Journal.open(path, PASS)
        try:
            for obj in entries:
                got = again.get(type(obj), obj.id)
                # Exactly the same dates, times and offsets (see the codec test about ==).
                assert json.dumps(to_plain(got)) == json.dumps(to_plain(obj))
            # Everything that reads dates works on them, and gives the right answer: home,
            # agenda, search, exports.
            now = datetime.now(UTC)
            [standing] = again.standings(now)
            assert standing.relationship.id == rel.id
            coming = again.next_meeting(rel.id, now)
            assert coming is None or coming.tzinfo is not None
            action = entries[4]
            assert {a.id for a in again.awaiting_review(rel.id)} <= {action.id}
            overdue = [a.id for a in again.overdue_actions(now=now)]
            assert overdue == ([action.id] if due < now.astimezone().date() else [])
            assert action.id in {hit.entry_id for hit in again.search("due")}
            markdown = markdown_export.export_markdown(again)
            assert "Dates" in markdown and "due" in markdown
            doc = export_of(again)
        finally:
            again.close()
    with new_journal() as other:
        interchange.import_text(other, doc)
        assert export_of(other) == doc
