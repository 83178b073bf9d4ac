"""The app's side of one journal on two computers: this computer's snapshot written to the sync
folder at lock, at quit and every few minutes while unlocked (by the app's clock); at unlock,
the other computers' newer snapshots merged, the conflicted copies beside the journal offered
for merging, and — once — a word when the journal itself sits in a synced folder.

All file and journal work runs in thread workers; a copy with another passphrase or data key
asks for it in a dialog (``CopySecretDialog``). Nothing here is fatal: a snapshot that cannot
be written or merged is told in a notification.
"""

from __future__ import annotations

import queue
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from mentorjournal.tui.crash import QuietCrashApp

if TYPE_CHECKING:
    from mentorjournal.exchange.found_copies import FoundCopy, SyncedPlace
    from mentorjournal.exchange.syncing import MergeOutcome, SyncOutcome
    from mentorjournal.journal.journal import Journal

SNAPSHOT_EVERY = timedelta(minutes=5)
CHECK_SECONDS = 10.0


class SyncingApp(QuietCrashApp):
    """Snapshots and merges of the open journal (see the module's words)."""

    journal: Journal | None
    last_snapshot: datetime | None = None

    if TYPE_CHECKING:

        def now(self) -> datetime: ...  # the app's clock (MentorJournalApp.now)

    def on_mount(self) -> None:
        self.set_interval(CHECK_SECONDS, self.snapshot_if_due)

    def unlocked_journal(self) -> Journal | None:
        journal = self.journal
        return None if journal is None or journal.is_locked else journal

    # --- this computer's snapshot ------------------------------------------------------------

    async def snapshot_if_due(self) -> None:
        """Every few minutes (the app's clock) while unlocked: the snapshot, if changed."""
        if self.unlocked_journal() is None:
            return
        if self.last_snapshot is None or self.now() - self.last_snapshot >= SNAPSHOT_EVERY:
            await self.write_snapshot_now()

    async def write_snapshot_now(self) -> None:
        """This computer's snapshot in the sync folder (when one is set and the journal
        changed since), off the UI thread; waited for (lock and quit)."""
        journal = self.journal
        if journal is None:
            return
        self.last_snapshot = self.now()
        worker = self.run_worker(lambda: _write(journal), thread=True, group="snapshot")
        problem = await worker.wait()
        if problem:
            self.notify(problem, title="Sync folder", severity="warning", timeout=10)

    # --- at unlock -----------------------------------------------------------------------------

    def sync_after_unlock(self) -> None:
        """After the key is taken: merge other computers' snapshots, then offer the conflicted
        copies beside the journal, then say once that its folder is synced."""
        self.last_snapshot = self.now()
        self._sync_at_unlock()

    @work(thread=True, exclusive=True, group="sync-at-unlock", exit_on_error=False)
    def _sync_at_unlock(self) -> None:
        from mentorjournal.errors import JournalError
        from mentorjournal.exchange import found_copies, syncing
        from mentorjournal.store import sync_state

        journal = self.unlocked_journal()
        if journal is None:
            return
        try:
            outcome = syncing.sync(journal, secrets=[], ask=self.asker())
            journal_id = journal.journal_id()
            found = found_copies.conflicted_copies(journal.path, journal_id)
            state = sync_state.load(journal_id)
            place = None if state.told_synced else found_copies.synced_place(journal.path)
            if place is not None:  # said once, now
                state.told_synced = True
                syncing.keep_state(state)
        except JournalError as exc:
            self.call_from_thread(self.notify, str(exc), title="Sync", severity="warning")
            return
        self.call_from_thread(self._after_sync, outcome, found, place)

    def _after_sync(
        self, outcome: SyncOutcome, found: list[FoundCopy], place: SyncedPlace | None
    ) -> None:
        from mentorjournal.tui.widgets.sync_dialogs import offer_merge, offer_sync_folder

        if outcome.reports:
            self.show_merged(outcome.reports)
        for problem in outcome.problems:
            self.notify(problem, title="Not merged", severity="warning", timeout=15)

        def then_place(_: object = None) -> None:
            if place is not None:
                offer_sync_folder(self, place)

        if found:
            offer_merge(self, found, then_place)
        else:
            then_place()

    def merge_found(self, found: list[FoundCopy]) -> None:
        """The conflicted copies merged (each fully merged one removed), in a worker."""
        self._merge_found([f.path for f in found])

    @work(thread=True, exclusive=True, group="merge-found", exit_on_error=False)
    def _merge_found(self, paths: list[Path]) -> None:
        from mentorjournal.errors import JournalError
        from mentorjournal.exchange import syncing

        journal = self.unlocked_journal()
        if journal is None:
            return
        try:
            outcome = syncing.merge_files(journal, paths, secrets=[], ask=self.asker())
        except JournalError as exc:
            self.call_from_thread(self.notify, str(exc), title="Not merged", severity="error")
            return
        self.call_from_thread(self._merged_found, outcome)

    def _merged_found(self, outcome: MergeOutcome) -> None:
        self.show_merged(outcome.reports, outcome.left)
        self.call_later(self.write_snapshot_now)

    def show_merged(self, reports: list[Any], more: list[str] | None = None) -> None:
        """What came in, as a notification; the screen on top shows the journal afresh."""
        from mentorjournal.tui.screens.base import JournalScreen

        lines = [line for report in reports for line in report.lines()] + (more or [])
        self.notify("\n".join(lines), title="Merged", timeout=30)
        screen = self.screen
        if isinstance(screen, JournalScreen):
            again = getattr(screen, "refresh_standings", None)
            if again is not None:
                again()
            else:
                self.call_later(screen.journal_changed)

    def asker(self) -> Any:
        """For a worker: ask the person, in a dialog, for a copy's passphrase or recovery key
        (None when skipped, or when the journal is locked meanwhile)."""

        def ask(path: Path) -> str | None:
            from mentorjournal.tui.widgets.sync_dialogs import CopySecretDialog

            answer: queue.Queue[str | None] = queue.Queue()
            self.call_from_thread(self.push_screen, CopySecretDialog(path.name), answer.put)
            while True:
                try:
                    return answer.get(timeout=0.5)
                except queue.Empty:
                    if self.unlocked_journal() is None or not self.is_running:
                        return None

        return ask


def _write(journal: Journal) -> str | None:
    """This computer's snapshot written (when due); the problem in a sentence, or None."""
    from mentorjournal.errors import JournalError
    from mentorjournal.exchange import syncing

    try:
        syncing.write_snapshot(journal)
    except JournalError as exc:
        return str(exc)
    return None
