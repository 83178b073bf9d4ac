"""Locking the journal: on ctrl+l (from any screen or dialog), after the idle time set in
settings, and before the terminal is handed back (ctrl+z). Every screen's typing is saved first,
and typing that is no entry yet is kept encrypted (tui/widgets/kept_typing.py); the screens that
were open, and the dialog forms, are kept as ids only and built again after unlocking."""

from __future__ import annotations

from time import monotonic
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from mentorjournal.tui.screens.unlock import UnlockScreen
from mentorjournal.tui.syncing import SyncingApp

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal
    from mentorjournal.tui.idle_gc import IdleCollector


class LockingApp(SyncingApp):
    """The app's locking: its journal, the screens kept while locked and the last activity."""

    journal: Journal | None
    last_activity: float
    idle_gc: IdleCollector
    _locked_screens: list[Screen[Any]]

    def idle_limit_seconds(self) -> float | None:
        """The auto-lock setting in seconds (default 5 minutes); None when it is off."""
        if self.journal is None or self.journal.is_locked:
            return None
        try:
            minutes = float(self.journal.setting("auto_lock_minutes", 5) or 0)
        except (TypeError, ValueError):
            minutes = 5.0
        return minutes * 60 if minutes > 0 else None

    async def lock_if_idle(self) -> None:
        limit = self.idle_limit_seconds()
        if limit is not None and monotonic() - self.last_activity >= limit:
            await self.action_lock()

    async def action_suspend_app(self) -> None:
        """ctrl+z: lock first when the setting says so, then hand the terminal back."""
        journal = self.journal
        if (
            journal is not None
            and not journal.is_locked
            and journal.setting("lock_on_suspend", True)
        ):
            await self.action_lock()
        self.action_suspend_process()

    async def save_drafts(self) -> None:
        """Before a lock or a quit: every screen with unsaved typing stores it now (encrypted),
        and keeps what cannot be stored yet (``keep_typing``: a check-in note without a score)."""
        for screen in self.screen_stack:
            for name in ("save_draft_now", "keep_typing"):
                saver = getattr(screen, name, None)
                if saver is not None:
                    await saver()

    async def action_lock(self) -> None:
        if self.journal is None or self.journal.is_locked:
            return
        from mentorjournal.tui.screens.base import JournalScreen

        await self.save_drafts()
        # Rebuild from ids after unlocking; drop every widget that shows decrypted text now.
        kept: list[Screen[Any]] = []
        for place, screen in enumerate(self.screen_stack):
            if isinstance(screen, JournalScreen):
                kept.append(screen.rebuild())
            elif (keep := getattr(screen, "kept_through_lock", None)) is not None:
                kept.append(await keep(place))  # a dialog form, with what is typed in it
        self._locked_screens = kept
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.write_snapshot_now()  # the sync folder's copy, as it stands at the lock
        self.journal.lock()
        self.idle_gc.collect()  # the screens that showed decrypted text go now, not at a pause
        await self.push_screen(UnlockScreen(relock=True))
