"""The unlock screen: the passphrase, "Unlocking…" while the key is derived, a clear refusal.

Imports only Textual so it paints quickly; the journal code is imported in a worker after
the first paint, while the person types. After Enter, one worker derives the key and reads the
relationships, so that home shows them on its first paint. Nothing animates meanwhile: the key
derivation uses every core, and an animation would take time from it.
"""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from mentorjournal.tui import keymap

if TYPE_CHECKING:
    from mentorjournal.tui.app import MentorJournalApp


def open_locked_journal(path: Any) -> Any:
    """Off the UI thread, while the person types: import the heavy modules (SQLAlchemy, SQLModel,
    the journal) and open the file with its key still locked. The ``JournalError`` itself if it
    cannot be opened (not a journal, damaged, too new): the screen says so at once."""
    from mentorjournal.errors import JournalError
    from mentorjournal.journal.journal import Journal

    try:
        return Journal.open_locked(path)
    except JournalError as exc:
        return exc
    finally:
        freeze_what_lives_long()


def freeze_what_lives_long() -> None:
    """Everything made so far (Textual, SQLAlchemy, the modules) lives as long as the app: leave
    it out of later garbage collections, which would otherwise walk all of it each time and make
    unlocking several times slower. Once per process, and before any text is decrypted (frozen
    objects in a reference cycle are never freed)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


_frozen = False


def first_relationships(journal: Any) -> Any:
    """The relationships, read in the unlock worker right after the key, so that home shows them
    on its first paint (where each stands follows a moment later). None if they cannot be read
    now: the home screen then loads everything itself and says what went wrong."""
    from mentorjournal.errors import JournalError

    try:
        return journal.relationships()
    except JournalError:
        return None


class UnlockScreen(Screen[None]):
    """Asks for the passphrase. ``relock``: the journal is already open, only locked."""

    app: MentorJournalApp  # type: ignore[assignment]
    AUTO_FOCUS = "#passphrase"
    KEY_SECTION = "unlock"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relock: bool = False) -> None:
        super().__init__()
        self.relock = relock
        self.prepared: Any = None  # the journal opened but still locked, once the preload is done
        self.preloaded = threading.Event()

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock-box", classes="dialog"):
            yield Static("MentorJournal", id="unlock-title", classes="dialog-title")
            yield Static(
                "Locked. Your journal is encrypted on this computer."
                if self.relock
                else "Your private, encrypted mentoring journal.",
                classes="muted",
            )
            yield Static(str(self.app.journal_path), id="unlock-path", classes="muted path")
            yield Label("Passphrase", classes="field-label")
            yield Input(password=True, id="passphrase", placeholder="type your passphrase")
            if self.app.demo_passphrase:
                yield Static(
                    "Demo journal (sample data). Its passphrase, without the quotes: "
                    f"“{self.app.demo_passphrase}”",
                    id="demo-hint",
                    classes="hint",
                )
            yield Static("", id="unlock-message", classes="error")
            yield Static("Unlocking…", id="unlock-working", classes="muted")
            yield Button("Unlock", id="unlock", variant="primary")
            yield Static(
                "Forgotten it? Run “mentorjournal recover” with your recovery key.",
                classes="muted small",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#unlock-working").display = False
        self.call_after_refresh(self._preload)

    @work(thread=True, group="preload")
    def _preload(self) -> None:
        from mentorjournal.errors import JournalBusy, JournalError

        try:
            if not self.relock:
                self.prepared = open_locked_journal(self.app.journal_path)
                if isinstance(self.prepared, JournalError):
                    refusal, self.prepared = self.prepared, None
                    if not isinstance(refusal, JournalBusy):  # busy passes: asked again later
                        self.app.call_from_thread(self.cannot_open, str(refusal))
                        return
        finally:
            self.preloaded.set()
        if not self.relock:
            self.app.call_from_thread(self._load_home_styles)

    def cannot_open(self, refusal: str) -> None:
        """The file is no journal this version can open: say so before any passphrase is asked."""
        self.query_one("#passphrase", Input).disabled = True
        self.query_one("#unlock", Button).disabled = True
        self.show_message(f"{refusal} Nothing was changed. ctrl+q quits.")

    def _load_home_styles(self) -> None:
        """Mount, hidden, one of each kind of widget the home screen adds, while the person types:
        Textual reads a widget kind's styles the first time one is mounted and then restyles
        everything, which would otherwise happen after the passphrase is entered. They go when
        this screen goes."""
        from textual.widgets import ListItem, ListView

        from mentorjournal.tui.widgets.header import journal_header

        # The journal's header (not Textual's): its title watchers outlive a removed header
        # quietly, where Textual's ended the app once this screen had gone.
        samples = Vertical(journal_header(), ListView(ListItem()), id="unlock-style-samples")
        samples.display = False
        self.mount(samples)

    def on_unmount(self) -> None:
        if self.prepared is not None:  # never unlocked here: let the file go
            self.prepared.close()
            self.prepared = None

    def action_clear(self) -> None:
        self.query_one("#passphrase", Input).value = ""

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#unlock")
    def submit(self, event: Any) -> None:
        box = self.query_one("#passphrase", Input)
        passphrase = box.value
        if not passphrase:
            self.show_message("Type your passphrase first.")
            return
        self.busy(True)
        self.open_journal(passphrase)

    def busy(self, on: bool) -> None:
        self.query_one("#unlock-working").display = on
        self.query_one("#passphrase", Input).disabled = on
        self.query_one("#unlock", Button).disabled = on
        if on:
            self.show_message("")

    def show_message(self, text: str) -> None:
        self.query_one("#unlock-message", Static).update(text)

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=True)
    def open_journal(self, passphrase: str) -> None:
        from mentorjournal.errors import JournalAltered, JournalError
        from mentorjournal.journal.journal import Journal

        app = self.app
        try:
            if self.relock:
                journal = app.need_journal()
                journal.unlock(passphrase)
                app.call_from_thread(self.opened, None, None, journal.warnings)
                return
            if not (self.preloaded.wait(30) and self.prepared is not None):
                self.prepared = Journal.open_locked(app.journal_path)
            journal = self.prepared
            # The demo's journal lives for one run: nothing of it is remembered.
            journal.remember_seen = not app.demo_passphrase
            journal.clock = app.clock  # before the unlock: it decides what the bin lets go
            journal.unlock(passphrase)  # only the key derivation is left to do
            self.prepared = None  # (kept for the next try while it does not unlock)
            app.call_from_thread(
                self.opened, journal, first_relationships(journal), journal.warnings
            )
        except JournalAltered as exc:
            # Rows were deleted, added, moved or put back outside MentorJournal: the app does
            # not open such a journal (the command line's export saves what is intact).
            app.call_from_thread(self.altered, str(exc))
        except JournalError as exc:
            app.call_from_thread(self.refused, str(exc))

    def opened(
        self, journal: Any, relationships: Any = None, warnings: list[str] | None = None
    ) -> None:
        if journal is None:
            self.app.journal_unlocked()
        else:
            self.app.journal_opened(journal, relationships)
        self.app.sync_after_unlock()  # other computers' snapshots, conflicted copies
        for warning in warnings or ():  # e.g. an older copy of the file than one seen here
            self.app.notify(warning, title="An older copy?", severity="warning", timeout=30)

    def altered(self, sentence: str) -> None:
        self.busy(False)
        box = self.query_one("#passphrase", Input)
        box.value = ""
        box.disabled = True
        self.query_one("#unlock", Button).disabled = True
        self.show_message(f"{sentence} ctrl+q quits.")

    def refused(self, message: str) -> None:
        self.busy(False)
        box = self.query_one("#passphrase", Input)
        box.value = ""
        box.focus()
        self.show_message(message)
