"""Tests for mentorjournal.mentoring.cadence: meeting cadences as RRULE bodies."""

import calendar
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.mentoring.cadence import (
    CadenceError,
    describe,
    every_n_weeks,
    monthly_nth_weekday,
    monthly_on_day,
    next_occurrences,
    parse_simple,
    validate_rrule,
)

LONDON = ZoneInfo("Europe/London")
SECOND_TUESDAY = "FREQ=MONTHLY;BYDAY=+2TU"
ANCHOR = datetime(2026, 1, 13, 18, 0, tzinfo=LONDON)  # the second Tuesday of January 2026


def words(text: str) -> list[str]:
    return text.split()


def at(month: int, day: int, year: int = 2026, tz: ZoneInfo = LONDON) -> datetime:
    return datetime(year, month, day, 18, 0, tzinfo=tz)


# --- builders, parse_simple and describe -------------------------------------------


@pytest.mark.parametrize(
    ("built", "expected"),
    [
        (monthly_nth_weekday(2, 1), "FREQ=MONTHLY;BYDAY=+2TU"),
        (monthly_nth_weekday(1, 0), "FREQ=MONTHLY;BYDAY=+1MO"),
        (monthly_nth_weekday(-1, 4), "FREQ=MONTHLY;BYDAY=-1FR"),
        (every_n_weeks(3, 2), "FREQ=WEEKLY;INTERVAL=3;BYDAY=WE"),
        (every_n_weeks(2, 6), "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
        (every_n_weeks(1, 0), "FREQ=WEEKLY;BYDAY=MO"),
        (monthly_on_day(15), "FREQ=MONTHLY;BYMONTHDAY=15"),
        (monthly_on_day(-1), "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ],
)
def test_builders_produce_exact_rules(built: str, expected: str) -> None:
    assert built == expected
    assert validate_rrule(built) == expected


@pytest.mark.parametrize(
    ("builder", "args"),
    [(monthly_nth_weekday, (n, 1)) for n in (0, 5, -2)]
    + [(monthly_nth_weekday, (1, 7)), (every_n_weeks, (2, -1)), (monthly_on_day, (0,))]
    + [(every_n_weeks, (n, 2)) for n in (0, 53)]
    + [(monthly_on_day, (32,))],
)
def test_builders_reject_out_of_range_choices(builder: Callable[..., str], args: tuple) -> None:
    with pytest.raises(CadenceError):
        builder(*args)


@pytest.mark.parametrize("n", [1, 2, 3, 4, -1, 52])
@pytest.mark.parametrize("weekday", range(7))
def test_parse_simple_round_trips_weekday_rules(n: int, weekday: int) -> None:
    if n != 52:
        expected = ("monthly_nth", {"n": n, "weekday": weekday})
        assert parse_simple(monthly_nth_weekday(n, weekday)) == expected
    if n > 0:
        expected = ("every_n_weeks", {"n": n, "weekday": weekday})
        assert parse_simple(every_n_weeks(n, weekday)) == expected


@pytest.mark.parametrize("day", [*range(1, 32), -1])
def test_parse_simple_round_trips_monthly_day(day: int) -> None:
    assert parse_simple(monthly_on_day(day)) == ("monthly_day", {"day": day})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rrule:freq=monthly;byday=2tu", ("monthly_nth", {"n": 2, "weekday": 1})),
        ("BYDAY=-1FR;FREQ=MONTHLY", ("monthly_nth", {"n": -1, "weekday": 4})),
        ("FREQ=WEEKLY;BYDAY=WE;INTERVAL=3;WKST=MO", ("every_n_weeks", {"n": 3, "weekday": 2})),
        ("FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=+15", ("monthly_day", {"day": 15})),
    ],
)
def test_parse_simple_accepts_equivalent_spellings(
    text: str, expected: tuple[str, dict[str, int]]
) -> None:
    assert parse_simple(text) == expected


NOT_SIMPLE = words("""FREQ=DAILY FREQ=MONTHLY FREQ=MONTHLY;BYDAY=+5TU FREQ=MONTHLY;BYDAY=TU
FREQ=HOURLY FREQ=MONTHLY;BYDAY=+2TU,+4TU FREQ=MONTHLY;BYDAY=+2TU;BYMONTH=3
FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU FREQ=MONTHLY;BYMONTHDAY=1,15 FREQ=MONTHLY;BYMONTHDAY=-2
FREQ=WEEKLY;BYDAY=MO,WE FREQ=WEEKLY;BYDAY=TU;WKST=SU FREQ=WEEKLY;BYDAY=TU;COUNT=5 garbage""")


@pytest.mark.parametrize("text", ["", *NOT_SIMPLE])
def test_parse_simple_returns_none_for_anything_else(text: str) -> None:
    assert parse_simple(text) is None


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("FREQ=MONTHLY;BYDAY=+2TU", "monthly on the second Tuesday"),
        ("FREQ=MONTHLY;BYDAY=+1MO", "monthly on the first Monday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "monthly on the last Friday"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=WE", "every 3 weeks on Wednesday"),
        ("FREQ=WEEKLY;BYDAY=TH", "weekly on Thursday"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "monthly on day 15"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", "monthly on day 31 (skipped in shorter months)"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day"),
        ("FREQ=YEARLY;BYMONTH=6", "custom: FREQ=YEARLY;BYMONTH=6"),
        ("  nonsense ", "custom: nonsense"),
    ],
)
def test_describe(rule: str, expected: str) -> None:
    assert describe(rule) == expected


# --- validate_rrule ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" rrule:freq=monthly;byday=+2tu ", "FREQ=MONTHLY;BYDAY=+2TU"),
        ("RRULE:FREQ=WEEKLY; INTERVAL=2; BYDAY=MO;", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
        ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", None),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", None),
        ("FREQ=MONTHLY;UNTIL=20991231T235959Z", None),
        ("FREQ=MONTHLY;COUNT=1000", None),
    ],
)
def test_validate_normalises(text: str, expected: str | None) -> None:
    assert validate_rrule(text) == (expected or text)


@pytest.mark.parametrize("freq", ["HOURLY", "MINUTELY", "SECONDLY"])
def test_validate_rejects_sub_daily_rules(freq: str) -> None:
    with pytest.raises(CadenceError, match="daily at most"):
        validate_rrule(f"FREQ={freq};INTERVAL=1")


INVALID = words("""FREQ=FORTNIGHTLY BYDAY=TU FREQ=MONTHLY;BYDAY=XX FREQ=MONTHLY;BYDAY=+0TU
FREQ=MONTHLY;BYDAY=+6TU FREQ=YEARLY;BYMONTH=3;BYDAY=+6TU FREQ=WEEKLY;BYDAY=+2TU FREQ=MONTHLY;FOO=1
FREQ=MONTHLY;BYMONTHDAY=32 FREQ=MONTHLY;BYMONTHDAY=0 FREQ=MONTHLY;BYMONTH=13 FREQ=MONTHLY;INTERVAL=0
FREQ=MONTHLY;INTERVAL=-1 FREQ=MONTHLY;INTERVAL=1,2 FREQ=MONTHLY;COUNT=3;UNTIL=20990101
FREQ=MONTHLY;FREQ=WEEKLY FREQ=MONTHLY;UNTIL=tomorrow FREQ=MONTHLY;UNTIL=20261301 RRULE:
FREQ=MONTHLY;BYHOUR=9 FREQ=WEEKLY;BYMONTHDAY=3 FREQ=MONTHLY;BYSETPOS=1 FREQ=MONTHLY;BYEASTER=0
FREQ=MONTHLY:BYDAY=+2TU FREQ=MONTHLY;BYDAY FREQ=MONTHLY;BYDAY=+2TU=3
FREQ=DAILY;BYYEARDAY=1""")


@pytest.mark.parametrize("text", ["", "   ", "DTSTART:20260101T000000\nRRULE:FREQ=DAILY", *INVALID])
def test_validate_rejects_invalid_text(text: str) -> None:
    with pytest.raises(CadenceError) as info:
        validate_rrule(text)
    assert str(info.value)


CLOCK = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)  # the caller's clock, never the computer's


@pytest.mark.parametrize(
    "text",
    words("""FREQ=MONTHLY;UNTIL=20200101 FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30
    FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31 FREQ=MONTHLY;BYSETPOS=6;BYDAY=MO"""),
)
def test_validate_rejects_rules_without_future_meetings(text: str) -> None:
    with pytest.raises(CadenceError, match="no future meetings"):
        validate_rrule(text, now=CLOCK)


def test_validate_decides_by_the_clock_it_is_given() -> None:
    ending = "FREQ=MONTHLY;UNTIL=20270101"
    assert validate_rrule(ending, now=CLOCK) == ending
    with pytest.raises(CadenceError, match="no future meetings"):
        validate_rrule(ending, now=CLOCK.replace(year=2027))  # a year on: all in the past
    # No clock and no anchor: any occurrence at all will do.
    assert validate_rrule("FREQ=MONTHLY;UNTIL=20200101") == "FREQ=MONTHLY;UNTIL=20200101"
    with pytest.raises(ValueError):
        validate_rrule("FREQ=MONTHLY", now=datetime(2026, 1, 1))


def test_validate_with_anchor_uses_its_time_zone_and_count() -> None:
    future = CLOCK.astimezone(LONDON) + timedelta(days=30)
    assert validate_rrule("FREQ=MONTHLY;COUNT=1", future, now=CLOCK) == "FREQ=MONTHLY;COUNT=1"
    past = future - timedelta(days=400)
    with pytest.raises(CadenceError):
        validate_rrule("FREQ=MONTHLY;COUNT=2", past, now=CLOCK)
    # COUNT counts from the anchor: fourteen from thirteen months ago reach past the clock.
    assert validate_rrule("FREQ=MONTHLY;COUNT=14", past, now=CLOCK) == "FREQ=MONTHLY;COUNT=14"
    # Without a clock, the anchor alone decides: its second meeting is still to come.
    assert validate_rrule("FREQ=MONTHLY;COUNT=2", past) == "FREQ=MONTHLY;COUNT=2"
    # A local UNTIL is read in the anchor's zone: 30 June ends before 00:30 on 1 July in
    # Tokyo (in UTC it would end nine hours later and let that meeting in).
    tokyo = datetime(2026, 7, 1, 0, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    with pytest.raises(CadenceError, match="no future meetings"):
        validate_rrule("FREQ=DAILY;UNTIL=20260630", tokyo, now=tokyo - timedelta(hours=1))
    assert validate_rrule("FREQ=DAILY;UNTIL=20260701", tokyo, now=tokyo - timedelta(hours=1))
    with pytest.raises(ValueError):
        validate_rrule("FREQ=MONTHLY", datetime(2026, 1, 1))


# --- next_occurrences --------------------------------------------------------------


def test_second_tuesday_monthly_keeps_time_and_zone_across_daylight_saving() -> None:
    result = next_occurrences(SECOND_TUESDAY, ANCHOR, ANCHOR)
    assert result == [at(2, 10), at(3, 10), at(4, 14)]
    assert all(d.tzinfo is LONDON and (d.hour, d.minute) == (18, 0) for d in result)
    assert [d.utcoffset() for d in result] == [timedelta(0), timedelta(0), timedelta(hours=1)]


def test_occurrences_are_strictly_after() -> None:
    before_anchor = ANCHOR - timedelta(days=1)
    assert next_occurrences(SECOND_TUESDAY, ANCHOR, before_anchor)[0] == ANCHOR
    assert next_occurrences(SECOND_TUESDAY, ANCHOR, at(2, 10)) == [at(3, 10), at(4, 14), at(5, 12)]
    mid = at(3, 10) + timedelta(minutes=1)
    assert next_occurrences(SECOND_TUESDAY, ANCHOR, mid, count=1) == [at(4, 14)]
    after = datetime(2026, 2, 10, 17, 59, tzinfo=UTC)  # compared as an instant: 17:59 GMT
    assert next_occurrences(SECOND_TUESDAY, ANCHOR, after, count=1) == [at(2, 10)]


def test_fixed_offset_zone_and_seconds_are_kept() -> None:
    tz = timezone(timedelta(hours=-5))
    anchor = datetime(2026, 1, 7, 9, 30, 15, 123456, tzinfo=tz)
    result = next_occurrences(every_n_weeks(3, 2), anchor, anchor)
    assert [d.date().isoformat() for d in result] == ["2026-01-28", "2026-02-18", "2026-03-11"]
    assert all(d.tzinfo is tz and d.time().isoformat() == "09:30:15" for d in result)


@pytest.mark.parametrize(
    ("rule", "anchor", "expected"),
    [
        ("FREQ=MONTHLY;BYDAY=-1FR", at(1, 30), [at(2, 27), at(3, 27), at(4, 24)]),
        ("FREQ=MONTHLY;BYMONTHDAY=31", at(1, 31), [at(3, 31), at(5, 31), at(7, 31)]),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", at(1, 31), [at(2, 28), at(3, 31), at(4, 30)]),
        ("FREQ=MONTHLY;BYMONTHDAY=15", at(1, 31), [at(2, 15), at(3, 15), at(4, 15)]),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            at(1, 31),
            [at(2, 29, 2028), at(2, 29, 2032), at(2, 29, 2036)],
        ),
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260127", ANCHOR, [at(1, 20), at(1, 27)]),
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260127T180000", ANCHOR, [at(1, 20), at(1, 27)]),
        ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20260127T175959Z", ANCHOR, [at(1, 20)]),
        ("FREQ=MONTHLY;COUNT=3", ANCHOR, [at(2, 13), at(3, 13)]),
    ],
)
def test_exact_occurrences(rule: str, anchor: datetime, expected: list[datetime]) -> None:
    assert next_occurrences(rule, anchor, anchor) == expected


def test_weeks_start_on_monday_regardless_of_calendar_settings() -> None:
    anchor = at(1, 4)  # a Sunday
    rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU"
    expected = [at(1, 12), at(1, 18), at(1, 26)]
    old = calendar.firstweekday()
    try:
        calendar.setfirstweekday(calendar.SUNDAY)
        assert next_occurrences(rule, anchor, anchor) == expected
    finally:
        calendar.setfirstweekday(old)
    assert next_occurrences(rule, anchor, anchor) == expected


@pytest.mark.parametrize(
    ("rule", "anchor"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", ANCHOR),
        ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", ANCHOR),
        ("FREQ=YEARLY;BYYEARDAY=1;BYMONTH=6", ANCHOR),
        ("FREQ=MONTHLY;BYSETPOS=6;BYDAY=MO", ANCHOR),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTH=2", at(3, 5)),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", ANCHOR),
        ("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", at(1, 5, 2027)),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=1", ANCHOR),
    ],
)
def test_rules_that_never_produce_return_empty_quickly(rule: str, anchor: datetime) -> None:
    started = time.perf_counter()
    assert next_occurrences(rule, anchor, anchor) == []
    assert time.perf_counter() - started < 1.0


def test_next_occurrences_argument_checks() -> None:
    assert next_occurrences(SECOND_TUESDAY, ANCHOR, ANCHOR, count=0) == []
    with pytest.raises(CadenceError):
        next_occurrences("FREQ=MINUTELY", ANCHOR, ANCHOR)
    with pytest.raises(CadenceError):
        next_occurrences("not a rule", ANCHOR, ANCHOR)
    with pytest.raises(ValueError):
        next_occurrences(SECOND_TUESDAY, ANCHOR.replace(tzinfo=None), ANCHOR)
    with pytest.raises(ValueError):
        next_occurrences(SECOND_TUESDAY, ANCHOR, ANCHOR.replace(tzinfo=None))


# --- property tests ----------------------------------------------------------------

DAY_CODES = st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
NUMBERS = st.lists(st.integers(-60, 60).map(str), min_size=1, max_size=3).map(",".join)
ORDINAL = st.sampled_from(["", "+1", "-1", "+2", "+5", "-6", "+20", "+53"])
BYDAY = st.lists(st.builds("{}{}".format, ORDINAL, DAY_CODES), min_size=1, max_size=3).map(",".join)
PARTS = {
    "INTERVAL": st.integers(-1, 400).map(str),
    "COUNT": st.integers(0, 30).map(str),
    "UNTIL": st.sampled_from(["20260301", "20991231T120000Z", "19000101T000000", "2026"]),
    "BYDAY": BYDAY,
    "BYMONTH": NUMBERS,
    "BYMONTHDAY": NUMBERS,
    "BYSETPOS": NUMBERS,
    "BYYEARDAY": st.integers(-370, 370).map(str),
    "BYWEEKNO": st.integers(-55, 55).map(str),
    "WKST": DAY_CODES,
    "BYHOUR": NUMBERS,
    "X-JUNK": st.text(alphabet="0123456789+-,MOTUWEFRSAZ(): ", max_size=8),
}


@st.composite
def rule_like(draw: st.DrawFn) -> str:
    """Mostly well-formed rules with a random mix of parts and values."""
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "NEVER"]))
    names = draw(st.lists(st.sampled_from(sorted(PARTS)), max_size=5, unique=True))
    parts = [f"FREQ={freq}"] + [f"{name}={draw(PARTS[name])}" for name in names]
    return ";".join(draw(st.permutations(parts)))


ANCHORS = st.datetimes(datetime(1900, 1, 1), datetime(2300, 1, 1), timezones=st.just(UTC))


@settings(max_examples=300, deadline=2000)
@given(text=st.text(max_size=80))
def test_validate_on_arbitrary_text_only_raises_cadence_error(text: str) -> None:
    try:
        assert validate_rrule(text) == validate_rrule(validate_rrule(text))
    except CadenceError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=2000)
@given(text=rule_like(), anchor=ANCHORS, gap=st.integers(-1000, 100_000))
def test_rule_like_text_is_bounded_and_well_behaved(text: str, anchor: datetime, gap: int) -> None:
    after = anchor + timedelta(days=gap)
    try:
        result = next_occurrences(text, anchor, after)
    except CadenceError:
        return
    assert len(result) <= 3
    assert all(d > after and d.tzinfo is UTC for d in result)
    assert result == sorted(set(result))
    assert isinstance(describe(text), str)
