"""First run: choose a passphrase (twice, with a strength meter), then see the recovery key once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, LoadingIndicator, Static

from mentorjournal.tui.widgets.steady import focus_now
from mentorjournal.tui.widgets.tick_list import TickBox

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal
    from mentorjournal.tui.app import MentorJournalApp

METER_WIDTH = 20


def meter(score: int, label: str) -> str:
    filled = (score + 1) * METER_WIDTH // 5 if score >= 0 else 0
    return "█" * filled + "░" * (METER_WIDTH - filled) + f"  {label}"


class FirstRunScreen(Screen[None]):
    """No journal yet: create one."""

    app: MentorJournalApp  # type: ignore[assignment]
    AUTO_FOCUS = "#new-passphrase"

    def compose(self) -> ComposeResult:
        with VerticalScroll(), Center(), Vertical(id="first-run-box", classes="dialog"):
            yield Static("Welcome to MentorJournal", classes="dialog-title")
            yield Static(
                "Your mentoring — preparation, meetings, reflections, actions — encrypted on "
                "this computer with a passphrase only you know.",
                classes="muted",
            )
            yield Static(str(self.app.journal_path), classes="muted path")
            yield Label(
                "Choose a passphrase (a few unrelated words work well)", classes="field-label"
            )
            yield Input(password=True, id="new-passphrase", placeholder="passphrase")
            yield Static(meter(-1, ""), id="strength")
            yield Static("", id="strength-advice", classes="muted small")
            yield Label("Type it again", classes="field-label")
            yield Input(password=True, id="repeat-passphrase", placeholder="the same passphrase")
            yield Static("", id="create-message", classes="error")
            yield LoadingIndicator(id="create-spinner")
            yield Button("Create my journal", id="create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#create-spinner").display = False

    @on(Input.Changed, "#new-passphrase")
    def rate(self, event: Input.Changed) -> None:
        from mentorjournal.journal.passphrase import strength

        s = strength(event.value)
        self.query_one("#strength", Static).update(meter(s.score if event.value else -1, s.label))
        advice = s.advice if event.value else ""
        if event.value and s.acceptable:
            advice = f"Good. Guessing it offline would take {s.crack_time}."
        self.query_one("#strength-advice", Static).update(advice)
        self.say("")  # a complaint about the passphrase before no longer holds

    @on(Input.Changed, "#repeat-passphrase")
    def repeat_changed(self) -> None:
        self.say("")

    @on(Input.Submitted, "#new-passphrase")
    def to_repeat(self) -> None:
        focus_now(self.query_one("#repeat-passphrase", Input))

    @on(Input.Submitted, "#repeat-passphrase")
    @on(Button.Pressed, "#create")
    def create(self, event: Any) -> None:
        from mentorjournal.journal.passphrase import strength

        first = self.query_one("#new-passphrase", Input).value
        second = self.query_one("#repeat-passphrase", Input).value
        s = strength(first)
        if not s.acceptable:
            self.say(f"That passphrase is {s.label}: {s.advice}")
            focus_now(self.query_one("#new-passphrase", Input))
            return
        if first != second:
            self.say("The two passphrases differ — type the same one twice.")
            focus_now(self.query_one("#repeat-passphrase", Input))
            return
        self.say("Creating your journal — this takes a few seconds…")
        self.query_one("#create-spinner").display = True
        self.query_one("#create", Button).disabled = True
        # Start once the message and spinner are painted: the key derivation keeps the
        # computer busy for a few seconds.
        self.call_after_refresh(self.make_journal, first)

    def say(self, text: str) -> None:
        self.query_one("#create-message", Static).update(text)

    @work(thread=True, exclusive=True, group="create")
    def make_journal(self, passphrase: str) -> None:
        from mentorjournal.errors import JournalError
        from mentorjournal.journal.journal import Journal
        from mentorjournal.store.crypto import DEFAULT_KDF

        app = self.app
        try:
            journal, key = Journal.create(app.journal_path, passphrase, kdf=app.kdf or DEFAULT_KDF)
        except JournalError as exc:
            app.call_from_thread(self.failed, str(exc))
            return
        app.call_from_thread(self.created, journal, key)

    def failed(self, message: str) -> None:
        self.query_one("#create-spinner").display = False
        self.query_one("#create", Button).disabled = False
        self.say(message)

    def created(self, journal: Journal, recovery_key: str) -> None:
        self.query_one("#create-spinner").display = False
        self.say("")

        def done(_: bool | None) -> None:
            self.app.journal_opened(journal)

        self.app.push_screen(RecoveryKeyScreen(recovery_key), done)


class RecoveryKeyScreen(ModalScreen[bool]):
    """Shows the recovery key once; continues only when the person says it is stored."""

    AUTO_FOCUS = "#stored"

    def __init__(self, recovery_key: str) -> None:
        super().__init__()
        self.recovery_key = recovery_key

    def compose(self) -> ComposeResult:
        with Vertical(id="recovery-box", classes="dialog"):
            yield Static("Your recovery key", classes="dialog-title")
            yield Static(
                "If you forget your passphrase, this key is the only way back into your "
                "journal. Write it on paper or store it in a password manager. It is shown "
                "only now.",
                classes="muted",
            )
            yield Static(self.recovery_key, id="recovery-key")
            yield TickBox("I have stored my recovery key somewhere safe", id="stored")
            yield Static("", id="recovery-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Continue", id="continue", variant="primary")
        yield Footer()

    @on(Checkbox.Changed, "#stored")
    def toggle(self, event: Checkbox.Changed) -> None:
        if event.value:
            self.query_one("#recovery-message", Static).update("")

    @on(Button.Pressed, "#continue")
    def finish(self) -> None:
        if not self.query_one("#stored", Checkbox).value:
            self.query_one("#recovery-message", Static).update(
                "First tick the box above: the key is not shown again once you continue."
            )
            focus_now(self.query_one("#stored", Checkbox))
            return
        self.recovery_key = ""
        self.dismiss(True)
