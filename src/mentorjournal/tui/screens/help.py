"""Help: the keys of the screen it was opened from, and where things are.

The screen's own keys come first; the editing keys of a focused text field (cursor movement,
selecting, deleting…) come last, under "While typing", so they never push the screen's keys
(such as the meeting's f-keys) out of sight.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static, TextArea

Row = tuple[str, str]  # a key as shown, and what it does

GENERAL = (
    ("ctrl+p", "Command palette: every action by name"),
    ("f1", "This help"),
    ("f2", "Support contacts and well-being, from anywhere"),
    ("ctrl+l", "Lock the journal now"),
    ("ctrl+q", "Quit (what you were typing is saved first)"),
    ("tab / shift+tab", "Move between fields"),
    ("escape", "Back / close"),
)
GENERAL_KEYS = {"ctrl+q", "f1", "f2", "ctrl+l", "ctrl+p", "tab", "shift+tab"}  # "Everywhere"
TEXT_FIELDS = (Input, TextArea)


def key_label(key: str) -> str:
    names = {"slash": "/", "comma": ",", "question_mark": "?", "escape": "esc"}
    return ", ".join(names.get(k, k) for k in key.split(","))


def screen_keys(screen: Screen[Any]) -> tuple[list[Row], list[Row]]:
    """The keys that work now on ``screen``, with their descriptions, in two lists.

    First the screen's own (then Textual's and the app's, then those of the focused widget and
    its containers); second, the editing keys of a focused text field. Every binding this app
    declares has an id, so a screen binding without one is Textual's (such as copy).
    """
    screen_rows: list[Row] = []
    app_rows: list[Row] = []
    widget_rows: list[Row] = []
    typing_rows: list[Row] = []
    active = list(screen.active_bindings.values())
    # The screen's own bindings win a shared description, whatever has the focus.
    active.sort(key=lambda a: a.node is not screen)
    seen: set[str] = set()
    for active_binding in active:
        node, binding = active_binding.node, active_binding.binding
        if not binding.description or binding.description in seen:
            continue
        if binding.key in GENERAL_KEYS:
            continue
        seen.add(binding.description)
        if node is screen and binding.id is not None:
            rows = screen_rows
        elif node is screen or node is screen.app:
            rows = app_rows
        elif isinstance(node, TEXT_FIELDS):
            rows = typing_rows
        else:
            rows = widget_rows
        rows.append((key_label(binding.key), binding.description))
    return screen_rows + app_rows + widget_rows, typing_rows


class HelpScreen(ModalScreen[None]):
    """Keys for the current screen, then the keys that work everywhere."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="help-close"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.for_screen = screen
        self.rows, self.typing_rows = screen_keys(screen)
        self.title_text = getattr(screen, "sub_title", "") or type(screen).__name__

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static(f"Help — {self.title_text}", classes="dialog-title")
            with VerticalScroll():
                yield Static(self.table("On this screen", self.rows), id="help-screen-keys")
                yield Static(self.table("Everywhere", list(GENERAL)), id="help-general-keys")
                if self.typing_rows:
                    yield Static(
                        self.table("While typing", self.typing_rows), id="help-typing-keys"
                    )
            yield Static("Press escape to close.", classes="muted small")

    @staticmethod
    def table(title: str, rows: list[Row]) -> Text:
        text = Text(title + "\n", style="bold")
        if not rows:
            text.append("  (no keys of its own)\n", style="dim")
        width = max((len(k) for k, _ in rows), default=0) + 2
        for key, description in rows:
            text.append(f"  {key:<{width}}", style="bold")
            text.append(description + "\n")
        return text

    def action_close(self) -> None:
        self.dismiss(None)
