"""Dates typed by a person: due dates, meeting times and friendly descriptions.

Everything here is pure and takes ``today`` (or a time zone) explicitly so it can be
tested without a clock.
"""

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

HINT = "try YYYY-MM-DD, +7d, +2w, +1m, or a weekday such as “next tue”"
_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _i

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_SLASHED = re.compile(r"\d{1,4}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{1,4}", re.ASCII)
_OFFSET = re.compile(r"\+\s*(\d{1,6})\s*(d|days?|w|wks?|weeks?|m|mos?|months?)", re.ASCII)
_ISO_DATETIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+|\s*t\s*)(\d{1,2}):(\d{2})", re.ASCII)


class DateInputError(ValueError):
    """A date or time a person typed could not be understood.

    ``str()`` is a single sentence suitable for showing directly in the UI; ``text``
    holds the offending input.
    """

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text

    def __str__(self) -> str:
        return self.message


def _quote(text: str) -> str:
    """Quote user input for an error message, shortening very long input."""
    shown = text.strip()
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return f"“{shown}”"


def _real_date(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(f"{_quote(original)} is not a real date — {HINT}.", original) from None


def parse_date(text: str, today: date) -> date | None:
    """Parse a date typed by a person, relative to ``today``.

    Empty or whitespace-only input means "no date" and returns ``None``. Accepted forms:
    ``YYYY-MM-DD``, ``today``, ``tomorrow``, ``+Nd`` / ``+Nw`` / ``+Nm`` (months use
    calendar arithmetic, so Jan 31 +1m is the last day of February), and weekday names
    or abbreviations, optionally preceded by ``next`` — always the first such day
    strictly after ``today``. Slashed dates such as ``03/04/2026`` are rejected because
    they are ambiguous. Raises :class:`DateInputError` for anything else.
    """
    cleaned = " ".join(text.split()).lower()
    if not cleaned:
        return None

    if match := _ISO_DATE.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
        return _real_date(year, month, day, text)

    try:
        relative = _relative_date(cleaned, today)
    except (OverflowError, ValueError):
        raise DateInputError(f"{_quote(text)} is too far in the future — {HINT}.", text) from None
    if relative is not None:
        return relative

    if _SLASHED.fullmatch(cleaned):
        raise DateInputError(
            f"{_quote(text)} is ambiguous (day and month could be swapped) — "
            "please write it as YYYY-MM-DD.",
            text,
        )

    raise DateInputError(f"{_quote(text)} is not a date I understand — {HINT}.", text)


def _relative_date(cleaned: str, today: date) -> date | None:
    """Dates relative to ``today``; ``None`` when ``cleaned`` is not a relative form."""
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    if match := _OFFSET.fullmatch(cleaned):
        amount, unit = int(match.group(1)), match.group(2)[0]
        if unit == "m":
            later: date = today + relativedelta(months=amount)
            return later
        return today + timedelta(days=amount * (7 if unit == "w" else 1))
    name = cleaned.removeprefix("next ").strip()
    if name in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS[name] - today.weekday() - 1) % 7 + 1)
    return None


def format_date(d: date | None) -> str:
    """Format a date for an input field: ``""`` for ``None``, ISO ``YYYY-MM-DD`` otherwise."""
    return "" if d is None else d.isoformat()


def format_day(d: date) -> str:
    """A day as every screen shows it: ``"Tue 8 Dec 2026"`` (no leading zero, year always)."""
    return f"{_WEEKDAY_ABBR[d.weekday()]} {d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"


def format_when(dt: datetime, zone: tzinfo | None = None) -> str:
    """A moment as every screen shows it: ``"Tue 8 Dec 2026, 10:00"``, in ``zone`` (default:
    local time). An aware ``dt`` is converted first; a naive one is taken as local."""
    local = dt.astimezone(zone)
    return f"{format_day(local.date())}, {local.hour:02d}:{local.minute:02d}"


def describe_due(d: date, today: date) -> str:
    """Describe a due date relative to ``today`` in friendly words.

    ``"today"``, ``"tomorrow"``, ``"in 3 days"`` (up to six days ahead),
    ``"1 day overdue"`` / ``"12 days overdue"``, otherwise ``"on Tue 8 Dec"``
    (with the year appended when it differs from ``today``'s year).
    """
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 0:
        late = -days
        return f"{late} day{'s' if late != 1 else ''} overdue"
    if days < 7:
        return f"in {days} days"
    text = f"on {_WEEKDAY_ABBR[d.weekday()]} {d.day} {_MONTH_ABBR[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """Parse ``YYYY-MM-DD HH:MM`` (24-hour clock) as an aware datetime in ``tz``.

    Raises :class:`DateInputError` for malformed input, impossible dates or times, and
    wall-clock times skipped by a daylight-saving change in ``tz``.
    """
    cleaned = text.strip().lower()
    match = _ISO_DATETIME.fullmatch(cleaned)
    if match is None:
        raise DateInputError(
            f"{_quote(text)} is not a date and time I understand — "
            "try YYYY-MM-DD HH:MM, e.g. 2026-03-10 18:30.",
            text,
        )
    year, month, day, hour, minute = (int(part) for part in match.groups())
    when = _real_date(year, month, day, text)
    if hour > 23 or minute > 59:
        raise DateInputError(
            f"{_quote(text)} is not a real time — use the 24-hour clock, e.g. 18:30.", text
        )
    result = datetime(when.year, when.month, when.day, hour, minute, tzinfo=tz)
    try:
        round_trip = result.astimezone(UTC).astimezone(tz)
    except (OverflowError, ValueError):
        return result
    if round_trip.replace(tzinfo=None) != result.replace(tzinfo=None):
        raise DateInputError(
            f"{_quote(text)} does not exist in your time zone because the clocks change "
            "then — please pick another time.",
            text,
        )
    return result
