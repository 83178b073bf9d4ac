"""A new encryption key (``Journal.rekey``): the current passphrase (checked first), then every
entry is encrypted again with a new data key, in one go, in a worker; the new recovery key is
shown once afterwards (``RecoveryKeyScreen``). The passphrase stays the same."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from mentorjournal.errors import JournalError
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal

EXPLAINED = (
    "Every entry is encrypted again with a new key, all at once, and you get a new recovery "
    "key (shown once; the old one stops opening this journal). Your passphrase stays the same. "
    "Backups made before still open with the passphrase and recovery key they had."
)


class RekeyDialog(JournalModal[str]):
    """Dismisses with the new recovery key, or "" when cancelled."""

    AUTO_FOCUS = "#rekey-passphrase"
    KEY_SECTION = "rekey_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)
    working = False  # under way: it cannot be cancelled half-way

    def __init__(self, kdf: Any = None) -> None:
        super().__init__()
        self.kdf = kdf  # tests: the fast key derivation; otherwise this version's default

    def compose(self) -> ComposeResult:
        with Vertical(id="rekey-box", classes="dialog"):
            yield Static("A new encryption key", classes="dialog-title")
            yield Static(EXPLAINED, classes="muted")
            yield Label("Your passphrase", classes="field-label")
            yield Input(password=True, id="rekey-passphrase")
            yield Static("", id="rekey-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="rekey-cancel-button")
                yield Button("Encrypt again", id="rekey-go", variant="primary")

    def say(self, text: str) -> None:
        self.query_one("#rekey-message", Static).update(text)

    @on(Input.Submitted, "#rekey-passphrase")
    @on(Button.Pressed, "#rekey-go")
    def go(self) -> None:
        box = self.query_one("#rekey-passphrase", Input)
        passphrase = box.value
        if not passphrase:
            self.say("Type your passphrase first.")
            return
        self.busy(True)
        self.say("Encrypting every entry again…")
        self.run_journal(
            lambda: self.journal.rekey(passphrase, kdf=self.kdf),
            self.dismiss,
            group="rekey",
            failed=self.failed,
        )

    def busy(self, on: bool) -> None:
        self.working = on
        self.query_one("#rekey-passphrase", Input).disabled = on
        self.query_one("#rekey-go", Button).disabled = on

    def failed(self, exc: JournalError) -> None:
        self.busy(False)
        self.say(f"{exc} Nothing was changed.")
        box = self.query_one("#rekey-passphrase", Input)
        box.value = ""
        box.focus()

    @on(Button.Pressed, "#rekey-cancel-button")
    def action_cancel(self) -> None:
        if not self.working:
            self.dismiss("")
