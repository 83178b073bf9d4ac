"""A bare Textual app with the same widgets as MentorJournal's unlock screen, and nothing else.

The yardstick for "launch → unlock screen painted": it imports only Textual (nothing from
mentorjournal), composes the same widgets in the same containers with the same words, and
paints. ``python benchmarks/bare_unlock_app.py [PATH]`` (PATH is only shown, like the journal
path on the real screen).
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Button, Footer, Input, Label, LoadingIndicator, Static

CSS = """
#unlock-box { width: 72; max-width: 100%; height: auto; padding: 0 2; margin-top: 1;
              border: round $primary; background: $surface; }
Center { height: auto; }
.dialog-title { text-style: bold; color: $text-primary; margin-bottom: 1; }
.muted { color: $text-muted; }
.small { margin-top: 1; }
.path { text-overflow: ellipsis; text-wrap: nowrap; }
.field-label { color: $text-secondary; }
.error { color: $text-error; height: auto; }
"""


class BareUnlockApp(App[None]):
    CSS = CSS
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+l", "noop", "Lock"),
        Binding("f1", "noop", "Help"),
        Binding("f2", "noop", "Support"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="unlock-box"):
            yield Static("MentorJournal", classes="dialog-title")
            yield Static("Your private, encrypted mentoring journal.", classes="muted")
            yield Static(self.path, classes="muted path")
            yield Label("Passphrase", classes="field-label")
            yield Input(password=True, id="passphrase", placeholder="type your passphrase")
            yield Static("", classes="error")
            yield LoadingIndicator(id="spinner")
            yield Button("Unlock", variant="primary")
            yield Static(
                "Forgotten it? Run “mentorjournal recover” with your recovery key.",
                classes="muted small",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#spinner").display = False
        self.query_one("#passphrase").focus()

    def action_noop(self) -> None:
        pass


if __name__ == "__main__":
    BareUnlockApp(sys.argv[1] if len(sys.argv) > 1 else "journal.db").run()
