"""What makes an entry storable, checked before anything is written."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    Relationship,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import InvalidEntry
from mentorjournal.journal.codec import from_plain, to_plain
from mentorjournal.mentoring import zones

# How many meetings an action can have been carried past; more is a damaged or made-up value.
MAX_CARRIED_FORWARD = 10_000
# Dates far from today are refused: near year 1 or 9999 turning a time into another zone, or
# adding a meeting's length, leaves the calendar Python can count in.
FIRST_DAY, LAST_DAY = date(1000, 1, 1), date(8999, 12, 31)


def validate_entry(obj: Any) -> None:
    """Raise InvalidEntry, with a sentence for a person, if ``obj`` cannot be stored."""
    from_plain(type(obj), to_plain(obj))  # types and enums, exactly as on import
    check_rules(obj)


def check_rules(obj: Any) -> None:
    """The rules beyond types and enums (``obj`` was just built by ``from_plain``)."""
    if isinstance(obj, Relationship | ActionStep) and not obj.title.strip():
        raise InvalidEntry("A title is needed.")
    if isinstance(obj, SupportContact) and not obj.name.strip():
        raise InvalidEntry("A support contact needs a name.")
    if isinstance(obj, WellbeingCheckin) and not 1 <= obj.score <= 5:
        raise InvalidEntry("A well-being score is from 1 to 5.")
    if isinstance(obj, Meeting) and not 1 <= obj.duration_minutes <= 24 * 60:
        raise InvalidEntry("A meeting lasts between 1 minute and 24 hours.")
    if isinstance(obj, Relationship):
        validate_cadence_fields(obj)
    if isinstance(obj, ActionStep) and not 0 <= obj.carried_forward <= MAX_CARRIED_FORWARD:
        raise InvalidEntry(
            f"“carried_forward” is a count of meetings, from 0 to {MAX_CARRIED_FORWARD:,}."
        )
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name not in ("created_at", "updated_at") and not day_in_range(value):
            raise InvalidEntry(
                f"“{f.name}” must be a date between the years {FIRST_DAY.year} and {LAST_DAY.year}."
            )


def validate_cadence_fields(rel: Relationship) -> None:
    """The cadence's time of day, length, zone and earlier cadences."""
    if zones.parse_time_of_day(rel.meeting_time) is None:
        raise InvalidEntry(f"“{rel.meeting_time}” is not a time of day such as 10:00.")
    if not 1 <= rel.meeting_minutes <= 24 * 60:
        raise InvalidEntry("A meeting lasts between 1 minute and 24 hours.")
    if rel.time_zone and not zones.is_zone_name(rel.time_zone):
        raise InvalidEntry(f"“{rel.time_zone}” is not a time zone I know, e.g. Europe/London.")
    for item in rel.earlier_cadences:
        try:
            ok = (
                set(item) <= {"rule", "time", "minutes", "zone", "from", "until"}
                and bool(item.get("rule"))
                and zones.parse_time_of_day(item.get("time", "10:00")) is not None
                and 1 <= int(item.get("minutes", "60")) <= 24 * 60
                and (not item.get("zone") or zones.is_zone_name(item["zone"]))
                and all(
                    FIRST_DAY <= date.fromisoformat(item[k]) <= LAST_DAY
                    for k in ("from", "until")
                    if item.get(k)
                )
            )
        except ValueError:
            ok = False
        if not ok:
            raise InvalidEntry("An earlier cadence of the relationship cannot be read.")


def day_in_range(value: Any) -> bool:
    """True unless ``value`` is a date, or a time whose UTC day is, outside FIRST_DAY–LAST_DAY."""
    try:
        if isinstance(value, datetime):
            value = value.astimezone(UTC).date()
        elif not isinstance(value, date):
            return True
    except (OverflowError, ValueError):
        return False
    return FIRST_DAY <= value <= LAST_DAY
