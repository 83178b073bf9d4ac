"""The meeting's clock: time elapsed and time left, with a notice near the end and at the end.

The widget reads the time from the clock it is given (the app's, frozen or moved in tests) once a
second. It posts ``AlmostUp`` once when five minutes are left and ``TimeUp`` once at the end; the
screen decides what to tell the person.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

WARN_MINUTES = 5


def minutes_text(seconds: int, *, round_up: bool = False) -> str:
    """Whole minutes, ``"12 min"`` (rounded down, or up for time left), or ``"45 s"`` under one.

    Time elapsed shows minutes only; seconds appear in the last minute left (or the first
    minute over), where they matter.
    """
    seconds = max(0, seconds)
    if round_up:
        return f"{seconds} s" if seconds < 60 else f"{-(-seconds // 60)} min"
    return f"{seconds // 60} min"


class MeetingTimer(Static):
    """Elapsed and remaining time of a meeting of ``minutes`` minutes started at ``started``."""

    class AlmostUp(Message):
        """Five minutes (or less) are left; posted once."""

        def __init__(self, minutes_left: int) -> None:
            super().__init__()
            self.minutes_left = minutes_left

    class TimeUp(Message):
        """The planned length is over; posted once."""

    def __init__(self, clock: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.clock = clock
        self.started: datetime | None = None
        self.minutes = 60
        self.warned = False
        self.over = False
        self._interval: Timer | None = None

    def start(
        self, started: datetime, minutes: int, *, warned: bool = False, over: bool = False
    ) -> None:
        self.started = started
        self.minutes = minutes
        self.warned = warned or minutes <= WARN_MINUTES
        self.over = over
        if self._interval is None:
            self._interval = self.set_interval(1, self.tick, name="meeting-clock")
        self.tick()

    def stop(self) -> None:
        if self._interval is not None:
            self._interval.stop()
            self._interval = None

    def elapsed(self) -> timedelta:
        if self.started is None:
            return timedelta(0)
        return max(timedelta(0), self.clock() - self.started)

    def tick(self) -> None:
        if self.started is None:
            return
        elapsed = int(self.elapsed().total_seconds())
        left = self.minutes * 60 - elapsed
        parts = [f"[b]{minutes_text(elapsed)}[/] elapsed · "]  # no "⏱": missing from many fonts
        if left > 0:
            style = "b $text-warning" if left <= WARN_MINUTES * 60 else "b"
            parts.append(
                f"[{style}]{minutes_text(left, round_up=True)}[/] left of {self.minutes} min"
            )
        else:
            over = minutes_text(-left, round_up=True)
            parts.append(f"[b $text-error]{over} over[/] the {self.minutes} min planned")
        text = "".join(parts)
        self.update(text)
        if left <= 0 and not self.over:
            self.over = self.warned = True
            self.post_message(self.TimeUp())
        elif left <= WARN_MINUTES * 60 and not self.warned:
            self.warned = True
            self.post_message(self.AlmostUp(max(1, -(-left // 60))))
