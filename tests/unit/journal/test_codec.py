"""Domain objects to JSON-able values and back: one textual form for every value, and a clear
sentence for every value that is not allowed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    OwnPrompt,
    Relationship,
    Role,
    WellbeingCheckin,
)
from mentorjournal.errors import InvalidEntry
from mentorjournal.journal.codec import decode_value, encode_value, from_plain, to_plain

IST = timezone(timedelta(hours=5, minutes=30))


def test_encode_value_forms() -> None:
    assert encode_value(Role.MENTOR) == "mentor"
    assert encode_value(datetime(2026, 3, 1, 9, 5, 7, 120, tzinfo=IST)) == (
        "2026-03-01T09:05:07.000120+05:30"
    )
    assert encode_value(date(2026, 3, 1)) == "2026-03-01"
    assert encode_value([Outcome.SIDEWAYS, "x"]) == ["sideways", "x"]
    assert encode_value(None) is None
    assert encode_value(7) == 7


def test_to_plain_of_a_meeting_is_exact() -> None:
    m = Meeting(
        relationship_id="r",
        starts_at=datetime(2026, 3, 1, 9, 0, tzinfo=IST),
        status=MeetingStatus.CANCELLED,
        themes=["purpose"],
        slot_at=datetime(2026, 2, 27, 9, 0, tzinfo=IST),
        cancel_reason="Strike day",
        id="m",
    )
    assert to_plain(m) == {
        "relationship_id": "r",
        "starts_at": "2026-03-01T09:00:00+05:30",
        "duration_minutes": 60,
        "status": "cancelled",
        "preparation": "",
        "notes": "",
        "themes": ["purpose"],
        "points": "",
        "framing": "",
        "review_summary": "",
        "used_prompts": [],
        "slot_at": "2026-02-27T09:00:00+05:30",
        "started_at": None,
        "ended_at": None,
        "cancel_reason": "Strike day",
        "id": "m",
        "created_at": None,
        "updated_at": None,
    }
    assert from_plain(Meeting, to_plain(m)) == m


EARLIER = {
    "rule": "FREQ=MONTHLY;BYDAY=+2TU",
    "time": "10:00",
    "minutes": "60",
    "zone": "Europe/London",
    "from": "2026-01-13",
    "until": "2026-07-01",
}


def test_a_relationship_s_cadence_fields_round_trip() -> None:
    rel = Relationship(
        title="x",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        meeting_time="14:30",
        meeting_minutes=45,
        time_zone="Asia/Kolkata",
        cadence_from=date(2026, 7, 1),
        earlier_cadences=[EARLIER],
        id="r",
    )
    plain = to_plain(rel)
    assert {k: plain[k] for k in ("meeting_time", "meeting_minutes", "time_zone")} == {
        "meeting_time": "14:30",
        "meeting_minutes": 45,
        "time_zone": "Asia/Kolkata",
    }
    assert (plain["cadence_from"], plain["earlier_cadences"]) == ("2026-07-01", [EARLIER])
    plain["earlier_cadences"][0]["rule"] = "changed"  # a copy: the object is not touched
    assert rel.earlier_cadences == [EARLIER]
    plain["earlier_cadences"][0]["rule"] = EARLIER["rule"]
    assert from_plain(Relationship, plain) == rel


def test_a_relationship_of_an_older_file_gets_the_cadence_defaults() -> None:
    rel = from_plain(Relationship, {"title": "x", "cadence": "FREQ=MONTHLY"})
    assert (rel.meeting_time, rel.meeting_minutes, rel.time_zone) == ("10:00", 60, "")
    assert (rel.cadence_from, rel.earlier_cadences) == (None, [])
    stored = {"title": "x", "meeting_time": None, "meeting_minutes": None, "time_zone": None,
              "earlier_cadences": None}  # fmt: skip
    old_row = from_plain(Relationship, stored, stored=True)
    assert (old_row.meeting_time, old_row.meeting_minutes, old_row.earlier_cadences) == (
        "10:00",
        60,
        [],
    )


def test_round_trip_of_every_kind(journal, sample) -> None:
    for obj in sample.entries():
        again = from_plain(type(obj), to_plain(obj))
        assert again == obj
        assert again is not obj


def test_decoded_datetime_keeps_its_offset() -> None:
    got = decode_value(datetime, "2026-03-01T09:00:00+05:30", "at")
    assert got == datetime(2026, 3, 1, 9, 0, tzinfo=IST)
    assert got.utcoffset() == timedelta(hours=5, minutes=30)
    assert decode_value(datetime, "2026-03-01T03:30:00Z", "at") == got


@pytest.mark.parametrize(
    ("tp", "value", "message"),
    [
        (datetime, "2026-03-01T09:00:00", "“x” must be a date and time with a UTC offset"),
        (datetime, 20260301, "“x” has a value that is not allowed: 20260301."),
        (datetime, "yesterday", "“x” has a value that is not allowed: 'yesterday'."),
        (date, "2026-02-30", "“x” has a value that is not allowed: '2026-02-30'."),
        (date, "2026-2-3", "“x” has a value that is not allowed: '2026-2-3'."),
        (date, "2026-03-01T00:00", "“x” has a value that is not allowed: '2026-03-01T00:00'."),
        (Role, "boss", "“x” has a value that is not allowed: 'boss' (one of: mentor, mentee)."),
        (Role, "MENTOR", "“x” has a value that is not allowed: 'MENTOR' (one of: mentor,"),
        (int, True, "“x” has a value that is not allowed: True."),
        (int, "3", "“x” has a value that is not allowed: '3'."),
        (int, 3.0, "“x” has a value that is not allowed: 3.0."),
        (bool, 1, "“x” has a value that is not allowed: 1."),
        (str, 5, "“x” has a value that is not allowed: 5."),
        (str, "lone \ud800 surrogate", "“x” has a value that is not allowed: "),
        (list[str], "a", "“x” has a value that is not allowed: 'a'."),
        (list[str], ["a", 1], "“x” has a value that is not allowed: ['a', 1]."),
        (list[str], ["\udfff"], "“x” has a value that is not allowed"),
        (list[dict[str, str]], [["rule"]], "“x” has a value that is not allowed"),
        (list[dict[str, str]], [{"minutes": 60}], "“x” has a value that is not allowed"),
        (list[dict[str, str]], {"rule": "x"}, "“x” has a value that is not allowed"),
        (str, None, "“x” must have a value."),
    ],
)
def test_values_that_are_not_allowed(tp: object, value: object, message: str) -> None:
    with pytest.raises(InvalidEntry) as err:
        decode_value(tp, value, "x")
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_optional_values_accept_null() -> None:
    assert decode_value(date | None, None, "due_on") is None
    assert decode_value(Outcome | None, "backwards", "outcome") is Outcome.BACKWARDS
    assert decode_value(bool, False, "hidden") is False
    assert decode_value(list[str], ["a", "b"], "themes") == ["a", "b"]
    assert decode_value(str, "👩🏽‍💻 ok", "t") == "👩🏽‍💻 ok"


def test_from_plain_defaults_missing_and_ignores_unknown_keys() -> None:
    action = from_plain(ActionStep, {"relationship_id": "r", "title": "T", "colour": "red"})
    assert (action.status, action.owner.value, action.carried_forward) == (
        ActionStatus.OPEN,
        "me",
        0,
    )
    assert not hasattr(action, "colour")


def test_from_plain_refuses_a_missing_required_field() -> None:
    with pytest.raises(InvalidEntry) as err:
        from_plain(WellbeingCheckin, {"at": "2026-01-01T00:00:00+00:00"})
    assert str(err.value) == "“score” is missing."


def test_null_is_the_default_only_for_stored_rows() -> None:
    """A column added by a later schema version is null in old rows: it takes the default."""
    data = {"theme": "purpose", "text": "t", "hidden": None}
    assert from_plain(OwnPrompt, data, stored=True).hidden is False
    with pytest.raises(InvalidEntry, match="“hidden” must have a value."):
        from_plain(OwnPrompt, data)
    rel = from_plain(Relationship, {"title": "x", "partner": None}, stored=True)
    assert rel.partner == ""
    assert (
        from_plain(
            ActionStep, {"relationship_id": "r", "title": "t", "carried_forward": None}, stored=True
        ).carried_forward
        == 0
    )


def test_created_and_updated_times_round_trip() -> None:
    stamp = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    rel = Relationship(title="x", created_at=stamp, updated_at=stamp)
    plain = to_plain(rel)
    assert plain["created_at"] == "2026-01-02T03:04:05.678901+00:00"
    assert from_plain(Relationship, plain).created_at == stamp
