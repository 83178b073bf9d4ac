"""Change the passphrase: the current one (checked first), the new one twice, with its strength.

Only the key's wrapping changes, so this is quick apart from the key derivation, which runs in
a worker. Nothing is changed unless the current passphrase is right.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from mentorjournal.errors import JournalError
from mentorjournal.journal.passphrase import strength
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.screens.first_run import meter
from mentorjournal.tui.widgets.steady import focus_now

WRONG_CURRENT = "That is not your current passphrase, so nothing was changed."


class PassphraseDialog(JournalModal[bool]):
    """Dismisses True once the new passphrase is in place, False when cancelled."""

    AUTO_FOCUS = "#current-passphrase"
    KEY_SECTION = "passphrase_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)
    working = False  # a change is under way: it cannot be cancelled half-way

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box", classes="dialog"):
            yield Static("Change passphrase", classes="dialog-title")
            yield Label("Current passphrase", classes="field-label")
            yield Input(password=True, id="current-passphrase")
            yield Label("New passphrase (a few unrelated words work well)", classes="field-label")
            yield Input(password=True, id="new-passphrase")
            yield Static(meter(-1, ""), id="new-strength")
            yield Static("", id="new-advice", classes="muted")
            yield Label("New passphrase again", classes="field-label")
            yield Input(password=True, id="repeat-passphrase")
            yield Static("", id="passphrase-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="passphrase-cancel-button")
                yield Button("Change", id="passphrase-change", variant="primary")

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def say(self, text: str) -> None:
        self.query_one("#passphrase-message", Static).update(text)

    @on(Input.Changed, "#new-passphrase")
    def rate(self, event: Input.Changed) -> None:
        s = strength(event.value)
        self.query_one("#new-strength", Static).update(
            meter(s.score if event.value else -1, s.label if event.value else "")
        )
        advice = s.advice if event.value else ""
        if event.value and s.acceptable:
            advice = f"Good. Guessing it offline would take {s.crack_time}."
        self.query_one("#new-advice", Static).update(advice)

    @on(Input.Submitted, "#current-passphrase")
    def to_new(self) -> None:
        focus_now(self.query_one("#new-passphrase", Input))

    @on(Input.Submitted, "#new-passphrase")
    def to_repeat(self) -> None:
        focus_now(self.query_one("#repeat-passphrase", Input))

    @on(Input.Submitted, "#repeat-passphrase")
    @on(Button.Pressed, "#passphrase-change")
    def action_change(self) -> None:
        current = self.value("#current-passphrase")
        new = self.value("#new-passphrase")
        s = strength(new)
        problem, field = "", ""
        if not current:
            problem, field = "Type your current passphrase first.", "#current-passphrase"
        elif not s.acceptable:
            problem, field = f"That new passphrase is {s.label}: {s.advice}", "#new-passphrase"
        elif new != self.value("#repeat-passphrase"):
            problem = "The two new passphrases differ — type the same one twice."
            field = "#repeat-passphrase"
        elif new == current:
            problem, field = "The new passphrase is the same as the current one.", "#new-passphrase"
        if problem:
            self.say(problem)
            focus_now(self.query_one(field, Input))
            return
        self.busy(True)
        self.say("Checking your current passphrase…")

        def job() -> bool:
            if not self.journal.verify_passphrase(current):
                return False
            self.journal.change_passphrase(new)
            return True

        self.run_journal(job, self.finished, group="passphrase", failed=self.failed)

    def busy(self, on: bool) -> None:
        self.working = on
        for widget in self.query(Input):
            widget.disabled = on
        self.query_one("#passphrase-change", Button).disabled = on

    def finished(self, changed: bool) -> None:
        if changed:
            self.dismiss(True)
            return
        self.failed(JournalError(WRONG_CURRENT))
        box = self.query_one("#current-passphrase", Input)
        box.value = ""
        box.focus()

    def failed(self, exc: JournalError) -> None:
        self.busy(False)
        self.say(str(exc))

    @on(Button.Pressed, "#passphrase-cancel-button")
    def action_cancel(self) -> None:
        if not self.working:
            self.dismiss(False)
