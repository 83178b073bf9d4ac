"""The Textual app: holds the open journal and runtime settings, and shows the first screen.

Kept thin and light to import: the unlock screen must paint before SQLModel or the journal
code is imported (they load in a worker while the person types).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.screen import Screen

from mentorjournal.tui import keymap
from mentorjournal.tui.idle_gc import IdleCollector
from mentorjournal.tui.key_order import KeyOrder
from mentorjournal.tui.locking import LockingApp
from mentorjournal.tui.screens.unlock import UnlockScreen

if TYPE_CHECKING:
    from mentorjournal.domain import Relationship
    from mentorjournal.journal.journal import Journal
    from mentorjournal.store.crypto import KdfParams


def local_now() -> datetime:
    return datetime.now().astimezone()


class MentorJournalApp(LockingApp):
    """MentorJournal in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "MentorJournal"
    ENABLE_COMMAND_PALETTE = True
    # The keys that work everywhere, and f7 (select all) in every text field: tui/keymap.py.
    BINDINGS = keymap.bindings("app", "typing")
    IDLE_CHECK_SECONDS = 10.0

    def __init__(
        self,
        journal_path: Path,
        *,
        kdf: KdfParams | None = None,
        demo_passphrase: str | None = None,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        super().__init__()
        self.journal_path = Path(journal_path)
        self.kdf = kdf  # None: the default (slow, safe) key derivation; tests pass a fast one
        self.demo_passphrase = demo_passphrase
        self.clock = clock
        self.journal: Journal | None = None
        self._locked_screens: list[Screen[Any]] = []
        self.last_activity = monotonic()
        self.key_order = KeyOrder(self)
        self.idle_gc = IdleCollector(lambda: self.last_activity)
        # NO_COLOR needs nothing here: Textual reads it and draws without colour (app.no_color).

    # --- life cycle ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_interval(self.IDLE_CHECK_SECONDS, self.lock_if_idle)
        self.idle_gc.start()  # full garbage collections wait for a pause (tui/idle_gc.py)
        self.set_interval(0.5, self.idle_gc.tick)
        if self.journal_path.exists():
            self.push_screen(UnlockScreen())
        else:
            from mentorjournal.tui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())

    def on_unmount(self) -> None:
        self.idle_gc.stop()

    def now(self) -> datetime:
        return self.clock()

    def journal_opened(
        self, journal: Journal, relationships: list[Relationship] | None = None
    ) -> None:
        """Called on the UI thread once the journal is open (created or unlocked); with its
        ``relationships`` when they were read already, for home to show at once."""
        from mentorjournal.tui.screens.home import HomeScreen

        self.journal = journal
        journal.clock = self.clock  # one clock for the app and everything the journal decides
        theme = journal.setting("theme")
        if theme and not self.no_color and theme in self.available_themes:
            self.theme = str(theme)
        self.switch_screen(HomeScreen(relationships))

    def journal_unlocked(self) -> None:
        """After a lock: the screens that were open are built again, each reloading its entry."""
        screens, self._locked_screens = self._locked_screens, []
        if not screens:
            self.journal_opened(self.need_journal())
            return
        self.switch_screen(screens[0])
        for screen in screens[1:]:
            self.push_screen(screen)

    def need_journal(self) -> Journal:
        if self.journal is None:
            raise RuntimeError("no journal is open")
        return self.journal

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.Paste):
            self.last_activity = monotonic()
        if isinstance(event, events.Key) and not event.is_forwarded:
            # One key's effect (its focus move, its binding) before the next key is routed.
            await self.key_order.finish_previous()
            await self.key_order.wait_for_screen(event)
            if not self.screen_stack:
                return  # closing
            focused_before = self.focused or self.screen
            await super().on_event(event)
            self.key_order.routed(event, focused_before if event.is_forwarded else None)
            return
        await super().on_event(event)

    async def _on_key(self, event: events.Key) -> None:
        if self.key_order.skip(event):
            event.prevent_default()  # its binding ran already (KeyOrder); App's own handler not

    # --- actions --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Typing is saved first; a dialog form's, which only a lock could keep, is asked about
        (ctrl+q again, or Quit, quits without it)."""
        from mentorjournal.tui.widgets.kept_typing import QuitQuestion, form_unsaved

        if not isinstance(self.screen, QuitQuestion) and any(map(form_unsaved, self.screen_stack)):
            self.push_screen(QuitQuestion(), self.quit_if)
            return
        await self.quit_now()

    async def quit_if(self, answer: bool | None) -> None:
        if answer:
            await self.quit_now()

    async def quit_now(self) -> None:
        await self.save_drafts()
        if self.journal is not None:
            await self.write_snapshot_now()  # the sync folder's copy, as it stands at quit
            self.journal.close()
            self.journal = None
        self.exit(0)

    def action_help(self) -> None:
        from mentorjournal.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)  # f1 again closes it
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_select_all(self) -> None:
        """f7 in any text field (a text area has it already; an input only ctrl+shift+a, which
        most terminals cannot send)."""
        from textual.widgets import Input, TextArea

        focused = self.focused
        if isinstance(focused, Input | TextArea):
            focused.select_all()

    def action_support(self) -> None:
        if self.journal is None or self.journal.is_locked:
            return
        from mentorjournal.tui.screens.support import SupportScreen

        if not any(isinstance(s, SupportScreen) for s in self.screen_stack):
            self.push_screen(SupportScreen())  # (beneath a dialog of its own, it is open)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.journal is None or self.journal.is_locked:
            return
        from mentorjournal.tui.commands import journal_commands

        yield from journal_commands(self, screen)


def run_app(
    journal_path: Path, *, kdf: KdfParams | None = None, demo_passphrase: str | None = None
) -> int:
    """Open the TUI on a journal; returns the exit code."""
    app = MentorJournalApp(journal_path, kdf=kdf, demo_passphrase=demo_passphrase)
    code = app.run()
    return int(code or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
