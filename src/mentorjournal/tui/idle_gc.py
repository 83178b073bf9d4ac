"""Full garbage collections while the person pauses, not between a key and the screen it opens.

Textual leaves cyclic garbage behind every screen shown and closed, so Python runs a full
collection every few screens, walking every object the app holds (its screens, their drawn
lines, the decrypted entries): 50–130 ms in which no key is answered, landing on whichever key
came next. Here full collections wait for a pause of a second without input (at the latest
half a minute, so garbage never piles up), when nobody notices them; the young generations are
still collected as they come. The journal's lock collects at once (what was shown goes).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from time import monotonic

PAUSE_SECONDS = 1.0  # no key or click for this long: a pause
LATEST_SECONDS = 30.0  # a full collection at least this often, pause or not
NEVER = 1_000_000  # the oldest generation's threshold: never collected by itself


class IdleCollector:
    """Collects the oldest generation in the pauses of ``last_activity`` (a monotonic time)."""

    def __init__(self, last_activity: Callable[[], float]) -> None:
        self.last_activity = last_activity
        self.collected_at = monotonic()
        self.thresholds: tuple[int, int, int] | None = None  # Python's, while started

    def start(self) -> None:
        if self.thresholds is None:
            self.thresholds = gc.get_threshold()
            young, middle, _oldest = self.thresholds
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """As Python had it (when the app ends: the process may go on, as under tests)."""
        if self.thresholds is not None:
            gc.set_threshold(*self.thresholds)
            self.thresholds = None

    def tick(self) -> None:
        """Every half second or so: a full collection now, if one is due and it is a pause."""
        now = monotonic()
        if gc.get_count()[2] == 0:  # nothing has reached the oldest generation since
            return
        paused = now - self.last_activity() >= PAUSE_SECONDS
        if paused or now - self.collected_at >= LATEST_SECONDS:
            self.collect()

    def collect(self) -> None:
        gc.collect()
        self.collected_at = monotonic()
