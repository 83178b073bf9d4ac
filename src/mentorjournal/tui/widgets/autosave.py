"""Autosave timing for typed text: quiet for a moment, or typing for a while, means save.

A save is asked for ``quiet`` seconds after the last change (debounce) and, while changes keep
coming, at least every ``at_most`` seconds — so a crash or a kill loses only the last few seconds
of typing. ``Autosaver`` only decides when; ``DraftKeeper`` also saves, in order, in a worker.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.message_pump import MessagePump
from textual.timer import Timer

from mentorjournal.errors import JournalError

if TYPE_CHECKING:
    from mentorjournal.tui.screens.base import JournalMixin

D = TypeVar("D")
R = TypeVar("R")

QUIET_SECONDS = 1.5
AT_MOST_SECONDS = 5.0


class Autosaver:
    """Calls ``save`` after ``quiet`` s without changes, and at least every ``at_most`` s."""

    def __init__(
        self,
        owner: MessagePump,
        save: Callable[[], None],
        *,
        quiet: float = QUIET_SECONDS,
        at_most: float = AT_MOST_SECONDS,
    ) -> None:
        self._owner = owner
        self._save = save
        self._quiet = quiet
        self._at_most = at_most
        self._quiet_timer: Timer | None = None
        self._deadline_timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """True while a change is waiting to be saved."""
        return self._quiet_timer is not None

    def changed(self) -> None:
        """Something was typed: restart the quiet wait; start the deadline if none is running."""
        if self._quiet_timer is not None:
            self._quiet_timer.stop()
        self._quiet_timer = self._owner.set_timer(self._quiet, self._fire, name="autosave-quiet")
        if self._deadline_timer is None:
            self._deadline_timer = self._owner.set_timer(
                self._at_most, self._fire, name="autosave-deadline"
            )

    def cancel(self) -> None:
        """Forget the waiting save (the owner is saving now by other means)."""
        for timer in (self._quiet_timer, self._deadline_timer):
            if timer is not None:
                timer.stop()
        self._quiet_timer = self._deadline_timer = None

    def _fire(self) -> None:
        if self._quiet_timer is None:
            return
        self.cancel()
        self._save()


class DraftKeeper(Generic[D]):
    """Keeps what a person types safe: autosave timing, saves in order in a worker, save now.

    ``read()`` gives the draft on screen (on the UI thread); ``write(draft)`` stores it (in a
    worker thread). Saves never overtake each other: an older draft is never stored over a newer
    one. ``saved()`` is called on the UI thread after a save; ``failed(error)`` when the journal
    refused one (by default the screen's ``journal_failed``).
    """

    def __init__(
        self,
        screen: JournalMixin,
        read: Callable[[], D],
        write: Callable[[D], None],
        saved: Callable[[], None],
        failed: Callable[[JournalError], None] | None = None,
    ) -> None:
        self._screen = screen
        self._read = read
        self._write = write
        self._saved = saved
        self._failed = failed or screen.journal_failed
        self._autosaver = Autosaver(screen, self.save_in_background)  # type: ignore[arg-type]
        self._lock = threading.Lock()
        self._seq = 0
        self._stored_seq = 0
        self.stored: D | None = None  # None: nothing loaded yet, so nothing to save

    @property
    def dirty(self) -> bool:
        return self.stored is not None and self._read() != self.stored

    def changed(self) -> bool:
        """Call on every edit; True when there is now something unsaved."""
        if not self.dirty:
            return False
        self._autosaver.changed()
        return True

    def _next(self) -> tuple[D, int]:
        self._autosaver.cancel()
        self._seq += 1
        return self._read(), self._seq

    def _store(self, draft: D, seq: int) -> None:
        """With the lock held: store ``draft`` unless it is older than, or equal to, the stored."""
        if seq <= self._stored_seq or draft == self.stored:
            return
        self._write(draft)
        self.stored, self._stored_seq = draft, seq

    def save_then(self, then: Callable[[], R]) -> Callable[[], R]:
        """A job for a worker: store the draft on screen now, then run ``then`` (same lock)."""
        draft, seq = self._next()

        def job() -> R:
            with self._lock:
                self._store(draft, seq)
                return then()

        return job

    def save_in_background(self) -> None:
        if self.stored is None:
            return
        self._screen.run_journal(
            self.save_then(lambda: None),
            lambda _: self._saved(),
            group="draft-save",
            failed=self._failed,
        )

    async def save_now(self) -> bool:
        """Store the draft on screen now; waits for a save under way to finish first.

        False when the journal refused it (``failed`` has been told); True otherwise.
        """
        if self.stored is None:
            return True
        try:
            await asyncio.to_thread(self.save_then(lambda: None))
        except JournalError as exc:
            self._failed(exc)
            return False
        self._saved()
        return True
