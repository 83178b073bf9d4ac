"""Autosave timing for typed text: quiet for a moment, or typing for a while, means save.

A save is asked for ``quiet`` seconds after the last change (debounce) and, while changes keep
coming, at least every ``at_most`` seconds — so a crash or a kill loses only the last few seconds
of typing. ``Autosaver`` only decides when; ``DraftKeeper`` also saves, one save at a time, only
the fields the person changed, onto the entry as stored now (another window may have written).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.message_pump import MessagePump
from textual.timer import Timer

from mentorjournal.errors import JournalError
from mentorjournal.tui.widgets.other_window import catch_up, tell

if TYPE_CHECKING:
    from mentorjournal.tui.screens.base import JournalMixin

D = TypeVar("D")

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


@dataclass(frozen=True)
class Written(Generic[D]):
    """What a save left stored, in the screen's own draft form, and a sentence for the person
    when another window had changed the same fields ("" when not)."""

    stored: D
    notice: str = ""


class DraftKeeper(Generic[D]):
    """Keeps what a person types safe: autosave timing, one save at a time, save now.

    ``read()`` gives the draft on screen (a tuple of fields). ``write(draft, base)`` stores it
    (in a thread): ``base`` is the draft as last stored, which the one on screen was typed
    over, so ``write`` sends only the fields that differ (``Journal.save_fields``) and returns
    what is stored now. When that holds more than the screen (another window wrote meanwhile),
    ``show(draft)`` puts it on screen, with anything typed since the save began kept. Saves
    never overtake each other, and each starts from what the last one stored.
    ``saved()`` is called after a save; ``failed(error)`` when the journal refused one (by
    default the screen's ``journal_failed``).
    """

    def __init__(
        self,
        screen: JournalMixin,
        read: Callable[[], D],
        write: Callable[[D, D], Written[D]],
        show: Callable[[D], None],
        saved: Callable[[], None],
        failed: Callable[[JournalError], None] | None = None,
    ) -> None:
        self._screen = screen
        self._read = read
        self._write = write
        self._show = show
        self._saved = saved
        self._failed = failed or screen.journal_failed
        self._autosaver = Autosaver(screen, self.save_in_background)  # type: ignore[arg-type]
        self._turn = asyncio.Lock()  # one save at a time, in order
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

    def save_in_background(self) -> None:
        if self.stored is None:
            return
        self._autosaver.cancel()
        self._screen.run_worker(self._save(), group="draft-save")  # type: ignore[attr-defined]

    async def save_now(self) -> bool:
        """Store the draft on screen now; waits for a save under way to finish first.

        False when the journal refused it (``failed`` has been told); True otherwise.
        """
        if self.stored is None:
            return True
        self._autosaver.cancel()
        return await self._save()

    async def _save(self) -> bool:
        async with self._turn:
            base = self.stored
            if base is None:
                return True
            draft = self._read()  # read now: it is typed over what the last save stored
            if draft != base:
                try:
                    written = await asyncio.to_thread(self._write, draft, base)
                except JournalError as exc:
                    self._failed(exc)
                    return False
                self.stored = written.stored
                if written.stored != draft:
                    now = self._read()
                    shown = catch_up(draft, now, written.stored)
                    if shown != now:
                        self._show(shown)
                tell(self._screen.app, written.notice)
            self._saved()
            return True
