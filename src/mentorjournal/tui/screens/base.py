"""What every screen over an open journal shares.

Conventions (see STYLE.md):
- a screen is built from ids only (``RelationshipScreen(relationship_id)``), so that after a lock
  it can be built again from the same arguments and reload what it shows from the journal;
- journal work that may take time runs in ``self.run_journal(...)`` (a thread worker); the
  result comes back on the UI thread; a ``JournalError`` becomes a notification, never a crash;
- what a screen shows is worked out through ``self.show_view(...)``: the journal keeps it, so
  that the screen shown again paints it at once (nothing is decrypted or worked out twice);
- a screen with typing in progress implements ``save_draft_now`` (async) to store it;
- a screen that must read the journal before it can take keys loads with
  ``run_journal(..., opens=True)`` (or ``show_view(..., opens=True)``): keys typed meanwhile
  wait until it has shown what it read (tui/key_order.py), so its ``done`` gives the focus at
  once (``set_focus``, not ``focus()``).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, TabbedContent, TabPane, Tabs

from mentorjournal.errors import JournalError

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal
    from mentorjournal.tui.app import MentorJournalApp

R = TypeVar("R")


def same_minute(a: datetime, b: datetime) -> bool:
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


async def settled(outcome: object) -> None:
    """Await what a callback returned, if it was a coroutine (callbacks may be either)."""
    if inspect.isawaitable(outcome):
        await outcome


class JournalMixin:
    """Helpers for screens that read and write the open journal."""

    app: MentorJournalApp  # type: ignore[assignment]
    #: Set while the screen can take keys; cleared while it reads what it opens with.
    opening: asyncio.Event | None = None

    @property
    def journal(self) -> Journal:
        return self.app.need_journal()

    def now(self) -> datetime:
        return self.app.now()

    def run_journal(
        self,
        job: Callable[[], R],
        done: Callable[[R], Any] | None = None,
        *,
        group: str = "journal",
        failed: Callable[[JournalError], Any] | None = None,
        opens: bool = False,
    ) -> None:
        """Run ``job`` in a thread; call ``done(result)`` on the UI thread when it succeeds.

        A screen closed while its job ran (escape pressed during a save) gets no result: what
        the job stored is kept, and a refusal is still told in a notification. With ``opens``,
        the job reads what the screen opens with: keys typed meanwhile wait until ``done`` (or
        ``failed``) has run."""
        app = self.app
        if opens:
            self.opening = asyncio.Event()
        opening = self.opening

        def ready() -> None:
            if opens and opening is not None:
                opening.set()

        def shown() -> bool:
            return bool(self.is_attached)  # type: ignore[attr-defined]

        async def on_success(result: R) -> None:
            try:
                if done is not None and shown():
                    await settled(done(result))
            finally:
                ready()

        async def on_refusal(exc: JournalError) -> None:
            try:
                told = failed if failed is not None and shown() else self.journal_failed
                await settled(told(exc))
            finally:
                ready()

        # Typed loosely: call_from_thread awaits a coroutine function's result.
        succeeded: Callable[..., Any] = on_success
        refused: Callable[..., Any] = on_refusal

        def work() -> None:
            try:
                result = job()
            except JournalError as exc:
                app.call_from_thread(refused, exc)
                return
            app.call_from_thread(succeeded, result)

        # The app's worker, not the screen's: a dialog closed by ``done`` (its save's result)
        # would otherwise cancel the worker still waiting for ``done`` to return.
        app.run_worker(work, thread=True, group=group, exit_on_error=True)

    def show_view(
        self,
        key: Hashable,
        work: Callable[[datetime], R],
        show: Callable[[R], Any],
        *,
        again: Callable[[R], Any] | None = None,
        group: str = "journal",
        failed: Callable[[JournalError], Any] | None = None,
        opens: bool = False,
    ) -> None:
        """Show ``work(now)``, kept by the journal under ``key`` (``Journal.work_out``).

        Kept, and nothing stored since it was worked out: shown at once. If that was at another
        minute (what depends on the time may have moved on), it is worked out again: with
        ``again``, in a worker after the kept one is shown, and ``again`` is given the new one
        if it differs; without, at once (its entries are all in memory, so that takes moments;
        in the worker after all if it would store something). Not kept: worked out in a worker
        (``run_journal``), the screen painting meanwhile, and shown. ``opens``: keys typed
        meanwhile wait until it is shown (as ``run_journal``'s)."""
        from mentorjournal.journal.kept import WouldStore

        journal, now = self.journal, self.now()
        kept = journal.kept_view(key)

        def worked_out() -> R:
            value = journal.work_out(key, lambda: work(now), now)
            self.__dict__.setdefault("_views_shown", {})[key] = value
            return value

        if kept is not None:
            value = kept.value
            fresh = same_minute(kept.at, now)
            try:
                if not fresh and again is None:
                    value = journal.work_out(key, lambda: work(now), now, reading=True)
                    fresh = True
            except WouldStore:
                pass  # it stores something this time: in the worker below
            except JournalError as exc:
                (failed or self.journal_failed)(exc)
                return
            else:
                shown_here: dict[Hashable, Any] = self.__dict__.setdefault("_views_shown", {})
                if shown_here.get(key) is not value:  # (on screen already: nothing to do)
                    shown_here[key] = value
                    shown = show(value)
                    if inspect.isawaitable(shown):
                        self._show_kept(shown, group=group, opens=opens)
                if not fresh and again is not None:

                    def changed(new: R) -> Any:
                        return again(new) if new is not value else None

                    self.run_journal(worked_out, changed, group=group, failed=failed)
                return
        self.run_journal(worked_out, show, group=group, failed=failed, opens=opens)

    def _show_kept(self, showing: Any, *, group: str, opens: bool) -> None:
        """Run a kept view's showing (a coroutine); with ``opens``, keys wait for it."""
        opening = asyncio.Event() if opens else None
        if opening is not None:
            self.opening = opening

        async def show_then_take_keys() -> None:
            try:
                await showing
            finally:
                if opening is not None:
                    opening.set()

        self.run_worker(show_then_take_keys(), group=group)  # type: ignore[attr-defined]

    def journal_failed(self, exc: JournalError) -> None:
        self.app.notify(str(exc), title="Not done", severity="error", timeout=8)


class JournalScreen(JournalMixin, Screen[Any]):  # type: ignore[misc]
    """A full screen over the open journal; rebuilt from its arguments after a lock.

    Back on top after something was stored while other screens covered it (a meeting held,
    actions captured, a reflection written), it calls ``journal_changed``: a screen that shows
    journal data implements it to show the journal afresh."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.init_args = args
        self.init_kwargs = kwargs
        self._covered_at: bytes | None = None  # the journal's revision when it was covered
        self._stale = False

    def rebuild(self) -> JournalScreen:
        return type(self)(*self.init_args, **self.init_kwargs)

    def journal_revision(self) -> bytes | None:
        journal = self.app.journal
        return None if journal is None or journal.is_locked else journal.revision()

    @on(events.ScreenSuspend)
    def _note_revision(self) -> None:
        self._covered_at = self.journal_revision()
        # Under a dialog the screen still shows through: its footer does not (a footer of two
        # rows would show its keys above the dialog's own).
        for footer in self.query(Footer):
            footer.visible = False

    @on(events.ScreenResume)
    def _footer_again(self) -> None:
        for footer in self.query(Footer):
            footer.visible = True

    @on(events.ScreenResume)  # as well as a subclass's own on_screen_resume
    async def _afresh_if_changed(self) -> None:
        covered_at, self._covered_at = self._covered_at, None
        now = self.journal_revision()
        if now is None or not (self._stale or (covered_at is not None and now != covered_at)):
            return
        if not self.is_active:  # covered again at once (one screen replaced by another)
            self._stale = True
            return
        self._stale = False
        await self.journal_changed()

    def mark_stale(self) -> None:
        """What this screen shows is out of date: show it afresh when next it is on top."""
        self._stale = True

    async def journal_changed(self) -> None:
        """Show the journal afresh; what is shown may be out of date. (Nothing by default.)"""

    # --- the tab bar's keys (f5, and digits where nothing is typed): tui/keymap.py ---------

    def action_next_tab(self) -> None:
        """The next tab of the screen's tab bar (after the last, the first)."""
        bars = self.query(TabbedContent)
        if bars:
            tabs = bars.first().query_one(Tabs)
            tabs.action_next_tab()
            tabs.focus()  # what had the focus may be on the tab now hidden

    def action_go_to_tab(self, number: int) -> None:
        """Tab ``number`` (from 1) of the screen's tab bar."""
        bars = self.query(TabbedContent)
        if not bars:
            return
        bar = bars.first()
        panes = [p for p in bar.query(TabPane) if p.parent is not None and p.parent.parent is bar]
        if 1 <= number <= len(panes) and panes[number - 1].id:
            bar.active = panes[number - 1].id or ""
            bar.query_one(Tabs).focus()


class JournalModal(JournalMixin, ModalScreen[R]):  # type: ignore[misc]
    """A dialog over the open journal, with a footer of its own keys (not those of the screen
    below it)."""

    def on_mount(self) -> None:
        # Textual calls this as well as a subclass's own on_mount.
        if not self.query(Footer):
            self.mount(Footer())
