"""Tests for mentorjournal.mentoring.dates: parsing and describing dates people type."""

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mentorjournal.mentoring.dates import (
    DateInputError,
    describe_due,
    format_date,
    format_day,
    format_when,
    parse_date,
    parse_datetime,
)
from tests.local_zone import pinned_timezone as pinned_tz

JAN_31 = date(2026, 1, 31)  # a Saturday, end of a 31-day month
TUESDAY = date(2026, 12, 8)
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_blank_means_no_date(text: str) -> None:
    assert parse_date(text, JAN_31) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("  2026-03-05 ", date(2026, 3, 5)),
        ("2028-02-29", date(2028, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
        ("2026-12-31", date(2026, 12, 31)),
    ],
)
def test_iso_dates(text: str, expected: date) -> None:
    assert parse_date(text, JAN_31) == expected


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31"]
)
def test_impossible_dates_name_the_input(text: str) -> None:
    with pytest.raises(DateInputError) as info:
        parse_date(text, JAN_31)
    message = str(info.value)
    assert f"“{text}”" in message
    assert "not a real date" in message
    assert "\n" not in message and message.endswith(".")
    assert info.value.text == text


def test_error_is_a_value_error_with_one_sentence() -> None:
    with pytest.raises(ValueError, match=r"^“2026-02-30” is not a real date — try YYYY-MM-DD"):
        parse_date("2026-02-30", JAN_31)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("today", JAN_31, JAN_31),
        ("TODAY", JAN_31, JAN_31),
        ("tomorrow", JAN_31, date(2026, 2, 1)),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
        ("tomorrow", date(2028, 2, 28), date(2028, 2, 29)),
        ("+0d", JAN_31, JAN_31),
        ("+1d", JAN_31, date(2026, 2, 1)),
        ("+7d", date(2026, 12, 28), date(2027, 1, 4)),
        ("+30d", JAN_31, date(2026, 3, 2)),
        ("+1d", date(2028, 2, 28), date(2028, 2, 29)),
        ("+2w", date(2026, 12, 25), date(2027, 1, 8)),
        ("+1w", date(2028, 2, 25), date(2028, 3, 3)),
        ("+1m", JAN_31, date(2026, 2, 28)),
        ("+1m", date(2028, 1, 31), date(2028, 2, 29)),
        ("+1m", date(2026, 8, 31), date(2026, 9, 30)),
        ("+1m", date(2026, 12, 15), date(2027, 1, 15)),
        ("+3m", date(2026, 11, 30), date(2027, 2, 28)),
        ("+12m", date(2028, 2, 29), date(2029, 2, 28)),
        ("+13m", JAN_31, date(2027, 2, 28)),
        ("+ 2 weeks", JAN_31, date(2026, 2, 14)),
        ("+1 month", JAN_31, date(2026, 2, 28)),
    ],
)
def test_shortcuts(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tue", date(2026, 12, 15)),  # today is Tuesday: the next one is a week away
        ("tuesday", date(2026, 12, 15)),
        ("next tue", date(2026, 12, 15)),
        ("wed", date(2026, 12, 9)),
        ("Wednesday", date(2026, 12, 9)),
        ("  next   FRIDAY ", date(2026, 12, 11)),
        ("mon", date(2026, 12, 14)),
        ("sun", date(2026, 12, 13)),
        ("thurs", date(2026, 12, 10)),
    ],
)
def test_weekdays_are_strictly_after_today(text: str, expected: date) -> None:
    assert parse_date(text, TUESDAY) == expected


def test_weekday_crosses_month_and_leap_day() -> None:
    assert parse_date("tue", date(2028, 2, 28)) == date(2028, 2, 29)
    assert parse_date("next mon", date(2026, 12, 31)) == date(2027, 1, 4)
    assert parse_date("sat", JAN_31) == date(2026, 2, 7)


@pytest.mark.parametrize("text", ["03/04/2026", "3/4/2026", "31/01/2026", "03.04.2026"])
def test_slashed_dates_are_rejected_as_ambiguous(text: str) -> None:
    with pytest.raises(DateInputError, match="ambiguous") as info:
        parse_date(text, JAN_31)
    assert f"“{text}”" in str(info.value)
    assert "YYYY-MM-DD" in str(info.value)


@pytest.mark.parametrize(
    "text", ["7d", "2w", "+1y", "+d", "next", "next week", "soon", "2026-1", "-1d", "tues day"]
)
def test_unknown_forms_are_rejected(text: str) -> None:
    with pytest.raises(DateInputError) as info:
        parse_date(text, JAN_31)
    assert f"“{text}”" in str(info.value)


@pytest.mark.parametrize(
    ("text", "today"),
    [("+999999w", JAN_31), ("+999999m", JAN_31), ("+999999d", date(8000, 1, 1))],
)
def test_offsets_past_the_calendar_are_errors(text: str, today: date) -> None:
    with pytest.raises(DateInputError, match="too far"):
        parse_date(text, today)


def test_relative_dates_at_the_end_of_the_calendar_are_errors() -> None:
    for text in ["tomorrow", "fri", "+1m"]:
        with pytest.raises(DateInputError):
            parse_date(text, date.max)


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DateInputError) as info:
        parse_date("x" * 500, JAN_31)
    assert len(str(info.value)) < 200


def test_format_date() -> None:
    assert format_date(None) == ""
    assert format_date(date(2026, 3, 5)) == "2026-03-05"


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (TUESDAY, "today"),
        (date(2026, 12, 9), "tomorrow"),
        (date(2026, 12, 11), "in 3 days"),
        (date(2026, 12, 14), "in 6 days"),
        (date(2026, 12, 7), "1 day overdue"),
        (date(2026, 12, 6), "2 days overdue"),
        (date(2026, 11, 8), "30 days overdue"),
        (date(2026, 12, 15), "on Tue 15 Dec"),
        (date(2026, 12, 31), "on Thu 31 Dec"),
        (date(2027, 1, 4), "on Mon 4 Jan 2027"),
    ],
)
def test_describe_due(due: date, expected: str) -> None:
    assert describe_due(due, TUESDAY) == expected


def test_describe_due_far_date_format() -> None:
    assert describe_due(TUESDAY, date(2026, 1, 1)) == "on Tue 8 Dec"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (TUESDAY, "Tue 8 Dec 2026"),
        (date(2026, 11, 23), "Mon 23 Nov 2026"),
        (date(2027, 1, 1), "Fri 1 Jan 2027"),
        (date(2028, 2, 29), "Tue 29 Feb 2028"),
        (date(1999, 5, 9), "Sun 9 May 1999"),
    ],
)
def test_format_day(day: date, expected: str) -> None:
    assert format_day(day) == expected


def test_format_when_is_local_time() -> None:
    with pinned_tz("Europe/London"):
        # 09:05 UTC is 09:05 in London in winter, 10:05 in summer (BST).
        assert format_when(datetime(2026, 12, 8, 9, 5, tzinfo=UTC)) == "Tue 8 Dec 2026, 09:05"
        assert format_when(datetime(2026, 7, 7, 9, 5, tzinfo=UTC)) == "Tue 7 Jul 2026, 10:05"
    with pinned_tz("Asia/Kolkata"):
        # Late on the 8th in UTC is already the 9th in India: the day follows the local time.
        assert format_when(datetime(2026, 12, 8, 22, 0, tzinfo=UTC)) == "Wed 9 Dec 2026, 03:30"


def test_format_when_takes_a_naive_time_as_local() -> None:
    with pinned_tz("America/New_York"):
        assert format_when(datetime(2026, 12, 8, 18, 30)) == "Tue 8 Dec 2026, 18:30"


def test_parse_datetime_is_aware_in_the_given_zone() -> None:
    result = parse_datetime("2026-03-10 18:30", LONDON)
    assert result == datetime(2026, 3, 10, 18, 30, tzinfo=LONDON)
    assert result.tzinfo is LONDON
    assert result.utcoffset() == timedelta(0)
    summer = parse_datetime(" 2026-07-01T09:05 ", LONDON)
    assert (summer.hour, summer.minute, summer.utcoffset()) == (9, 5, timedelta(hours=1))
    fixed = timezone(timedelta(hours=-5))
    assert parse_datetime("2026-01-31 00:00", fixed).tzinfo is fixed


@pytest.mark.parametrize(
    "text",
    ["2026-02-30 10:00", "2026-03-10 24:00", "2026-03-10 12:60", "2026-03-10", "18:30", "", "x"],
)
def test_parse_datetime_rejects_bad_input(text: str) -> None:
    with pytest.raises(DateInputError) as info:
        parse_datetime(text, UTC)
    assert f"“{text.strip()}”" in str(info.value)


def test_parse_datetime_rejects_times_skipped_by_the_clocks() -> None:
    with pytest.raises(DateInputError, match="clocks change"):
        parse_datetime("2026-03-29 01:30", LONDON)
    assert parse_datetime("2026-03-29 02:30", LONDON).utcoffset() == timedelta(hours=1)


def refused_in_a_sentence(exc: DateInputError, text: str) -> None:
    """The refusal quotes what was typed (shortened past 40 characters) and keeps it whole."""
    shown = text.strip()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    assert str(exc).startswith(f"“{shown}” ") and str(exc).endswith(".")
    assert exc.text == text


def understood_again(result: date, text: str, today: date) -> None:
    """A date understood once is understood the same way in any case and spacing, and its
    YYYY-MM-DD form means that same date."""
    assert parse_date(f"  {text.upper()} ", today) == result
    assert parse_date(f"{result.year:04d}-{result.month:02d}-{result.day:02d}", today) == result


@settings(max_examples=300, deadline=200)
@given(text=st.text(max_size=60), today=st.dates())
@example(text="2026-02-28", today=date(2026, 11, 23))
@example(text=" Next FRI ", today=date(2026, 11, 23))
@example(text="+3w", today=date(2026, 11, 23))
@example(text="2026-02-30", today=date(2026, 11, 23))
def test_parse_date_only_raises_its_own_error(text: str, today: date) -> None:
    try:
        result = parse_date(text, today)
    except DateInputError as exc:
        refused_in_a_sentence(exc, text)
        return
    if not text.split():
        assert result is None  # nothing typed: no date
    else:
        assert isinstance(result, date)
        understood_again(result, text, today)


date_like = st.from_regex(
    r"\A\s*(next )?(\+?\d{0,7} ?[dwmy]|\d{1,4}[-/.]\d{1,3}[-/.]\d{1,4}|[a-z]{3,9})\s*\Z",
    fullmatch=True,
)


@settings(max_examples=300, deadline=200)
@given(text=date_like, today=st.dates())
def test_date_like_text_only_raises_its_own_error(text: str, today: date) -> None:
    try:
        result = parse_date(text, today)
    except DateInputError as exc:
        refused_in_a_sentence(exc, text)
        return
    assert isinstance(result, date)
    understood_again(result, text, today)
    cleaned = " ".join(text.split()).lower()
    if cleaned.startswith("+") or cleaned[:1].isdigit() and cleaned[-1:] in "dwmy":
        assert result >= today  # an offset never goes back in time


@given(n=st.integers(0, 3000), today=st.dates(date(1900, 1, 1), date(2100, 12, 31)))
def test_day_and_week_offsets_match_timedelta(n: int, today: date) -> None:
    assert parse_date(f"+{n}d", today) == today + timedelta(days=n)
    assert parse_date(f"+{n}w", today) == today + timedelta(weeks=n)


@given(name=st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), today=st.dates())
def test_weekday_is_within_the_next_seven_days(name: str, today: date) -> None:
    try:
        result = parse_date(name, today)
    except DateInputError:
        assert today > date(9999, 12, 24)  # only at the very end of the calendar
        return
    assert result is not None
    assert 1 <= (result - today).days <= 7
    assert result.weekday() == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(name)


@settings(max_examples=200, deadline=200)
@given(text=st.text(max_size=40))
@example(text="2026-03-10 18:30")
@example(text=" 2026-10-25 01:30 ")  # the hour that happens twice in London
@example(text="2026-03-29 01:30")  # the hour that never happens
def test_parse_datetime_only_raises_its_own_error(text: str) -> None:
    try:
        result = parse_datetime(text, LONDON)
    except DateInputError as exc:
        refused_in_a_sentence(exc, text)
        return
    assert result.tzinfo is LONDON
    typed = f"{result.year:04d}-{result.month:02d}-{result.day:02d} {result:%H:%M}"
    assert parse_datetime(typed, LONDON) == result
