"""Meeting cadences stored as RFC 5545 RRULE bodies, e.g. ``FREQ=MONTHLY;BYDAY=+2TU``.

Only the rule body is stored (no ``RRULE:`` prefix, no DTSTART); the anchor datetime of
the first meeting is kept separately and supplies the time of day and time zone.

dateutil only checks UNTIL and COUNT when a rule produces a candidate, so a rule that
never matches would iterate to the year 9999. Rules are therefore restricted to a safe
subset of RFC 5545 and impossible monthly/yearly rules are detected with a short probe.
"""

import re
import threading
import warnings
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import islice

from dateutil.rrule import rrule, rrulestr

_KEPT: dict[tuple[object, ...], tuple[datetime, ...]] = {}  # next_occurrences, by its arguments
_KEPT_MOST = 512
_KEPT_LOCK = threading.Lock()

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_EXAMPLE = "for example FREQ=MONTHLY;BYDAY=+2TU"
_PART = re.compile(r"([A-Z]+)=([A-Z0-9,+-]+)", re.ASCII)
_BYDAY_ITEM = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", re.ASCII)
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z)?)?", re.ASCII)
# Numeric parts: name -> (lowest, highest, initials of the FREQs they may be used with).
_NUMERIC: dict[str, tuple[int, int, str]] = {
    "INTERVAL": (1, 366, "DWMY"),
    "COUNT": (1, 10_000, "DWMY"),
    "BYMONTH": (1, 12, "DWMY"),
    "BYMONTHDAY": (-31, 31, "MY"),
    "BYSETPOS": (-366, 366, "MY"),
    "BYYEARDAY": (-366, 366, "Y"),
    "BYWEEKNO": (-53, 53, "Y"),
}
_SINGLE = ("INTERVAL", "COUNT")


class CadenceError(ValueError):
    """A repeat rule could not be accepted; ``str()`` is a sentence for a person."""


def _normalise(text: str) -> str:
    cleaned = re.sub(r"\s+", "", text).upper().removeprefix("RRULE:")
    return ";".join(part for part in cleaned.split(";") if part)


def _parse_parts(text: str) -> dict[str, str]:
    """Split a normalised rule into its parts, checking them against the safe subset."""
    if not text:
        raise CadenceError(f"The repeat rule is empty — write one {_EXAMPLE}.")
    parts: dict[str, str] = {}
    for raw in text.split(";"):
        match = _PART.fullmatch(raw)
        if match is None:
            raise CadenceError(f"“{raw[:40]}” is not a NAME=VALUE part of a repeat rule.")
        name, value = match.groups()
        if name in parts:
            raise CadenceError(f"{name} appears twice in the repeat rule.")
        parts[name] = value
    freq = parts.get("FREQ")
    if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
        raise CadenceError("Meetings repeat daily at most — use DAILY, WEEKLY, MONTHLY or YEARLY.")
    if freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise CadenceError(
            f"A repeat rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, {_EXAMPLE}."
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise CadenceError("A repeat rule can have COUNT or UNTIL, but not both.")
    # BYDAY ordinals count within the month for MONTHLY, and for YEARLY with BYMONTH.
    limit = {"MONTHLY": 5, "YEARLY": 5 if "BYMONTH" in parts else 53}.get(freq, 0)
    for name, value in parts.items():
        _check_part(name, value, freq, limit)
    if "BYSETPOS" in parts and not any(n.startswith("BY") and n != "BYSETPOS" for n in parts):
        raise CadenceError("BYSETPOS needs another BY… part, such as BYDAY, to pick from.")
    return parts


def _check_part(name: str, value: str, freq: str, byday_limit: int) -> None:
    if name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        raise CadenceError(f"{name} isn't supported — the time comes from the first meeting.")
    if name in _NUMERIC:
        low, high, freqs = _NUMERIC[name]
        if freq[0] not in freqs:
            raise CadenceError(f"{name} can't be used with FREQ={freq} in a meeting rule.")
        items = value.split(",")
        ok = (len(items) == 1 or name not in _SINGLE) and all(
            re.fullmatch(r"[+-]?\d{1,5}", item, re.ASCII)
            and int(item) != 0
            and low <= int(item) <= high
            for item in items
        )
    elif name == "BYDAY":
        ok = _byday_ok(value, byday_limit)
    elif name == "UNTIL":
        ok = _until_utc(value, UTC) is not None
    elif name == "WKST":
        ok = value in _DAYS
    elif name == "FREQ":
        ok = True
    else:
        raise CadenceError(f"{name} is not a repeat-rule part I understand, {_EXAMPLE}.")
    if not ok:
        raise CadenceError(f"“{name}={value[:30]}” has a value that is out of range or malformed.")


def _byday_ok(value: str, limit: int) -> bool:
    found = [_BYDAY_ITEM.fullmatch(item) for item in value.split(",")]
    return all(m and (m[1] is None or 0 < abs(int(m[1])) <= limit) for m in found)


def _until_utc(value: str, tz: tzinfo | None) -> datetime | None:
    """UNTIL as an aware UTC datetime; a local or date-only UNTIL is read in ``tz``."""
    match = _UNTIL.fullmatch(value)
    if match is None:
        return None
    day, clock, utc = match[1], match[2] or "235959", match[3]
    try:
        local = datetime(
            int(day[:4]),
            int(day[4:6]),
            int(day[6:]),
            int(clock[:2]),
            int(clock[2:4]),
            int(clock[4:]),
            tzinfo=UTC if utc else tz,
        )
        return local.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _build(parts: dict[str, str], anchor: datetime) -> rrule:
    """Build a dateutil rule from checked parts (WKST defaults to Monday, as in RFC 5545)."""
    fixed = dict(parts)
    fixed.setdefault("WKST", "MO")
    if "UNTIL" in fixed:
        until = _until_utc(fixed["UNTIL"], anchor.tzinfo)
        if until is None:
            raise CadenceError(f"UNTIL={fixed['UNTIL']} is not a real date.")
        fixed["UNTIL"] = until.strftime("%Y%m%dT%H%M%SZ")
    body = ";".join(f"{name}={value}" for name, value in fixed.items())
    try:
        return rrulestr(body, dtstart=anchor)  # a plain rrule: the body has no DTSTART/RDATE
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise CadenceError(f"The repeat rule could not be read ({exc}).") from None


def _never_matches(parts: dict[str, str], anchor: datetime) -> bool:
    """True when a MONTHLY/YEARLY rule's BY… filters match no day in any calendar year.

    The Gregorian calendar repeats every 400 years, so the filters (with INTERVAL=1)
    are tried from 9596 up to dateutil's year-9999 limit, which bounds the search.
    """
    interval = int(parts.get("INTERVAL", "1"))
    if parts["FREQ"] == "DAILY" and "BYDAY" in parts and interval % 7 == 0:
        return _DAYS[anchor.weekday()] not in parts["BYDAY"].split(",")
    if parts["FREQ"] == "MONTHLY" and "BYMONTH" in parts:
        reached = {(anchor.month - 1 + step * interval) % 12 + 1 for step in range(12)}
        if not reached & {int(month) for month in parts["BYMONTH"].split(",")}:
            return True
    if parts["FREQ"] not in ("MONTHLY", "YEARLY"):
        return False  # other daily/weekly rules only allow filters that match eventually
    probe_parts = {k: v for k, v in parts.items() if k not in ("INTERVAL", "COUNT", "UNTIL")}
    probe_start = anchor.replace(year=9596, tzinfo=None)  # 9596 is a leap year
    try:
        probe = rrulestr(";".join(f"{k}={v}" for k, v in probe_parts.items()), dtstart=probe_start)
        return next(iter(probe), None) is None
    except (ValueError, OverflowError, IndexError):
        return False


def validate_rrule(
    text: str, anchor: datetime | None = None, *, now: datetime | None = None
) -> str:
    """Normalise a repeat rule and check it is usable; return the normalised text.

    Whitespace and a leading ``RRULE:`` are dropped and the text is uppercased. The rule
    must parse, repeat at most daily, and have an occurrence after ``now`` (the caller's clock)
    and ``anchor`` — the later of the two; with neither given, any occurrence at all. Raises
    :class:`CadenceError` otherwise.
    """
    normalised = _normalise(text)
    for moment in (anchor, now):
        if moment is not None and moment.utcoffset() is None:
            raise ValueError("anchor and now must be timezone-aware datetimes")
    given = [m.replace(microsecond=0) for m in (anchor, now) if m is not None]
    start = anchor or (now.replace(microsecond=0) if now else datetime(2000, 1, 1, tzinfo=UTC))
    after = max(given, default=start) - timedelta(seconds=1)
    if not next_occurrences(normalised, start, after, count=1):
        raise CadenceError("That repeat rule has no future meetings — check the dates in it.")
    return normalised


def next_occurrences(
    rule: str, anchor: datetime, after: datetime, count: int = 3
) -> list[datetime]:
    """The next ``count`` occurrences strictly after ``after`` of ``rule`` starting at ``anchor``.

    Both datetimes must be timezone-aware; results keep the anchor's time of day and
    tzinfo (microseconds are dropped, as dateutil does). Rules that never produce a date
    give ``[]``. Raises :class:`CadenceError` for rule text that is not acceptable.
    """
    if anchor.utcoffset() is None or after.utcoffset() is None:
        raise ValueError("anchor and after must be timezone-aware datetimes")
    if count <= 0:
        return []
    # The same rule is worked out again and again (every screen asks where a relationship's
    # meetings fall, and dateutil walks from the anchor each time): the answer is kept. The key
    # holds the anchor's wall time, fold and zone, as the dates found keep them.
    wall = anchor.replace(tzinfo=None)
    key = (rule, wall, anchor.fold, anchor.tzinfo, after.astimezone(UTC), count)
    with _KEPT_LOCK:
        kept = _KEPT.get(key)
    if kept is None:
        kept = tuple(_occurrences(rule, anchor, after, count))
        with _KEPT_LOCK:
            _KEPT[key] = kept
            while len(_KEPT) > _KEPT_MOST:
                del _KEPT[next(iter(_KEPT))]
    return list(kept)


def _occurrences(rule: str, anchor: datetime, after: datetime, count: int) -> list[datetime]:
    parts = _parse_parts(_normalise(rule))
    anchor = anchor.replace(microsecond=0)
    if _never_matches(parts, anchor):
        return []
    built = _build(parts, anchor)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return list(islice(built.xafter(after), count))
    except (ValueError, OverflowError):
        return []  # ran off the end of the supported calendar
    except (IndexError, KeyError, TypeError):  # dateutil chokes on some exotic rules
        raise CadenceError("That repeat rule is too unusual to work out.") from None


def monthly_nth_weekday(n: int, weekday: int) -> str:
    """Rule for the ``n``-th (1–4, or -1 for last) ``weekday`` (0=Mon) of every month."""
    if n not in _ORDINALS or weekday not in range(7):
        raise CadenceError("Choose the first to fourth or the last weekday of the month.")
    return f"FREQ=MONTHLY;BYDAY={n:+d}{_DAYS[weekday]}"


def every_n_weeks(n: int, weekday: int) -> str:
    """Rule for every ``n`` weeks on ``weekday`` (0=Mon); INTERVAL is omitted for 1."""
    if not 1 <= n <= 52 or weekday not in range(7):
        raise CadenceError("Choose every 1 to 52 weeks on a weekday.")
    interval = f"INTERVAL={n};" if n != 1 else ""
    return f"FREQ=WEEKLY;{interval}BYDAY={_DAYS[weekday]}"


def monthly_on_day(day: int) -> str:
    """Rule for day ``day`` (1–31, or -1 for the last day) of every month."""
    if not (1 <= day <= 31 or day == -1):
        raise CadenceError("Choose a day of the month from 1 to 31, or the last day.")
    return f"FREQ=MONTHLY;BYMONTHDAY={day}"


def parse_simple(rule: str) -> tuple[str, dict[str, int]] | None:
    """Recognise rules made by the builders above, for showing the current choice.

    Returns ``("monthly_nth", {"n", "weekday"})``, ``("every_n_weeks", {"n", "weekday"})``
    or ``("monthly_day", {"day"})``; ``None`` for anything else.
    """
    try:
        parts = _parse_parts(_normalise(rule))
    except CadenceError:
        return None
    interval = int(parts.pop("INTERVAL", "1"))
    if parts.get("WKST", "MO") == "MO":
        parts.pop("WKST", None)  # Monday is the default week start
    freq, keys, day = parts["FREQ"], set(parts), _BYDAY_ITEM.fullmatch(parts.get("BYDAY", ""))
    if freq == "WEEKLY" and keys == {"FREQ", "BYDAY"} and day and day[1] is None:
        return "every_n_weeks", {"n": interval, "weekday": _DAYS.index(day[2])}
    if freq != "MONTHLY" or interval != 1:
        return None
    if keys == {"FREQ", "BYDAY"} and day and day[1] and int(day[1]) in _ORDINALS:
        return "monthly_nth", {"n": int(day[1]), "weekday": _DAYS.index(day[2])}
    if keys == {"FREQ", "BYMONTHDAY"} and re.fullmatch(
        r"\+?([1-9]|[12]\d|3[01])|-1", parts["BYMONTHDAY"]
    ):
        return "monthly_day", {"day": int(parts["BYMONTHDAY"])}
    return None


def describe(rule: str) -> str:
    """Plain-English description of a rule, or ``"custom: <rule>"``."""
    simple = parse_simple(rule)
    if simple is None:
        return f"custom: {rule.strip()}"
    kind, params = simple
    if kind == "monthly_nth":
        return f"monthly on the {_ORDINALS[params['n']]} {_DAY_NAMES[params['weekday']]}"
    if kind == "every_n_weeks":
        n, name = params["n"], _DAY_NAMES[params["weekday"]]
        return f"weekly on {name}" if n == 1 else f"every {n} weeks on {name}"
    if params["day"] == -1:
        return "monthly on the last day"
    return f"monthly on day {params['day']}" + (
        " (skipped in shorter months)" if params["day"] > 28 else ""
    )
