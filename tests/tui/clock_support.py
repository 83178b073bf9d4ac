"""A clock a test moves on by hand: given to the app (``app.clock``) or to a journal
(``journal.clock``, which stamps ``created_at``), so what is decided by date never reads the
computer's clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def at(self, zone: str, *parts: int) -> datetime:
        """Set the clock to a wall-clock time in ``zone``; returns it."""
        self.moment = datetime(*parts, tzinfo=ZoneInfo(zone))  # type: ignore[misc]
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
