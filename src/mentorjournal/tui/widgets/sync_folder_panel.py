"""Settings: the sync folder — a folder a sync tool (Syncthing, Dropbox, OneDrive, Nextcloud …)
shares between the person's computers, where each computer keeps only its own encrypted
snapshot of the journal and merges the others'. Kept on this computer, not in the journal
(``exchange.syncing``): each computer has its own path to the shared folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static, TabbedContent

from mentorjournal.errors import JournalError
from mentorjournal.tui.screens.base import JournalMixin

EXPLAINED = (
    "A folder your sync tool shares between your computers. The journal stays where it is; "
    "this computer keeps only its own encrypted snapshot there (at lock, at quit and every few "
    "minutes) and merges the other computers' snapshots when you unlock. Choose the same "
    "shared folder on each computer."
)


class SyncFolderPanel(JournalMixin, Vertical):  # type: ignore[misc]
    DEFAULT_CSS = """
    SyncFolderPanel { height: auto; }
    SyncFolderPanel #sync-folder-row { height: auto; }
    SyncFolderPanel #sync-folder-path { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        from mentorjournal.exchange.syncing import folder_of

        folder = folder_of(self.journal.journal_id())
        yield Static("Sync folder", classes="section-title")
        yield Static(EXPLAINED, classes="muted")
        with Horizontal(id="sync-folder-row", classes="setting-row"):
            yield Input(
                str(folder or ""),
                id="sync-folder-path",
                placeholder="a folder your sync tool shares",
            )
            yield Button("Use this folder", id="sync-folder-set", variant="primary")
            yield Button("Turn off", id="sync-folder-off", disabled=folder is None)
        yield Static(
            f"Sync folder: {folder}"
            if folder
            else "No sync folder: this journal is on this computer only.",
            id="sync-folder-message",
            classes="muted",
        )

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#sync-folder-message", Static)
        message.update(text)
        message.set_class(error, "error")

    @on(Button.Pressed, "#sync-folder-set")
    @on(Input.Submitted, "#sync-folder-path")
    def use_folder(self) -> None:
        from mentorjournal.exchange import syncing

        text = self.query_one("#sync-folder-path", Input).value.strip()
        if not text:
            self.say("Type the folder your sync tool shares.", error=True)
            return
        journal, ask = self.journal, self.app.asker()
        self.say("Writing this computer's snapshot and merging the others…")

        def job() -> tuple[Path | None, Any]:
            chosen = syncing.choose_folder(journal.path, journal.journal_id(), Path(text))
            return chosen, syncing.sync(journal, secrets=[], ask=ask)

        self.run_journal(job, self.chosen, group="sync-folder", failed=self.failed)

    def chosen(self, result: tuple[Path | None, Any]) -> None:
        folder, outcome = result
        self.query_one("#sync-folder-path", Input).value = str(folder)
        self.query_one("#sync-folder-off", Button).disabled = False
        said = [f"Sync folder: {folder}."]
        if outcome.written is not None:
            said.append(f"This computer's snapshot is written ({outcome.written.name}).")
        said += outcome.problems
        self.say(" ".join(said), error=bool(outcome.problems))
        if outcome.reports:
            self.app.show_merged(outcome.reports)

    @on(Button.Pressed, "#sync-folder-off")
    def turn_off(self) -> None:
        from mentorjournal.exchange import syncing

        journal = self.journal

        def job() -> None:
            syncing.choose_folder(journal.path, journal.journal_id(), None)

        def done(_: None) -> None:
            self.query_one("#sync-folder-off", Button).disabled = True
            self.say(
                "No sync folder: this journal is on this computer only. The snapshots already "
                "in the folder were left as they are."
            )

        self.run_journal(job, done, group="sync-folder", failed=self.failed)

    def failed(self, exc: JournalError) -> None:
        self.say(str(exc), error=True)


def open_sync_settings(app: Any, suggested: str) -> None:
    """Settings, on the tab with the sync folder, ``suggested`` in it when none is set."""
    from mentorjournal.tui.screens.settings import SettingsScreen

    screen = SettingsScreen()

    def show() -> None:
        screen.query_one("#settings-tabs", TabbedContent).active = "security-pane"
        box = screen.query_one("#sync-folder-path", Input)
        if not box.value:
            box.value = suggested
        box.focus()
        box.scroll_visible()

    app.push_screen(screen, callback=None)
    app.call_after_refresh(show)
