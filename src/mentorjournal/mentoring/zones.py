"""Time zones by IANA name, and the time of day a cadence is kept at.

A relationship's meetings are kept in a named zone ("Europe/London"), so 10:00 stays 10:00 on
both sides of a daylight-saving change and a relationship opened while travelling keeps its
own clock. Reading which zone this computer is in is the only I/O here.
"""

from __future__ import annotations

import functools
import os
import re
from datetime import UTC, time, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)", re.ASCII)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*", re.ASCII)


def is_zone_name(name: str) -> bool:
    """True when ``name`` is an IANA zone this computer (or the tzdata package) knows."""
    if not name or _NAME.fullmatch(name) is None:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def local_zone_name() -> str:
    """This computer's zone by IANA name: ``$TZ`` when it names one, else where
    ``/etc/localtime`` points, else ``/etc/timezone``; "UTC" when none can be found."""
    from_env = os.environ.get("TZ", "").removeprefix(":")
    if is_zone_name(from_env):
        return from_env
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1].removeprefix("posix/").removeprefix("right/")
            if is_zone_name(name):
                return name
    except OSError:
        pass
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
        if is_zone_name(name):
            return name
    except (OSError, UnicodeDecodeError):
        pass
    return "UTC"


@functools.lru_cache(maxsize=64)
def _named(name: str) -> tzinfo | None:
    return ZoneInfo(name) if is_zone_name(name) else None


def zone(name: str) -> tzinfo:
    """The zone called ``name``; this computer's for "" or a name no longer known."""
    return _named(name) or _named(local_zone_name()) or UTC


def parse_time_of_day(text: str) -> time | None:
    """``HH:MM`` on the 24-hour clock as a time; None when it is not one."""
    match = _TIME.fullmatch(text.strip())
    return None if match is None else time(int(match[1]), int(match[2]))


def time_words(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def zone_label(name: str) -> str:
    """ "London time" for Europe/London: the place a zone is named after."""
    return name.rsplit("/", 1)[-1].replace("_", " ") + " time"
