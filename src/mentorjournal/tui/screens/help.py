"""Help: the keys of the screen it was opened from, and where things are."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = (
    ("ctrl+p", "Command palette: every action by name"),
    ("f1", "This help"),
    ("f2", "Support contacts and well-being, from anywhere"),
    ("ctrl+l", "Lock the journal now"),
    ("ctrl+q", "Quit (what you were typing is saved first)"),
    ("tab / shift+tab", "Move between fields"),
    ("escape", "Back / close"),
)


def key_label(key: str) -> str:
    names = {"slash": "/", "comma": ",", "question_mark": "?", "escape": "esc"}
    return ", ".join(names.get(k, k) for k in key.split(","))


def screen_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """The bindings of a screen and of its focused widget, with their descriptions."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for _namespace, bindings in screen.active_bindings.items():
        binding = bindings.binding
        if not binding.description or binding.description in seen:
            continue
        if binding.key in {"ctrl+q", "f1", "f2", "ctrl+l", "ctrl+p"}:
            continue
        seen.add(binding.description)
        rows.append((key_label(binding.key), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys for the current screen, then the keys that work everywhere."""

    BINDINGS = [
        Binding("escape,f1,q", "close", "Close", id="help-close"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.for_screen = screen
        self.rows = screen_keys(screen)
        self.title_text = getattr(screen, "sub_title", "") or type(screen).__name__

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static(f"Help — {self.title_text}", classes="dialog-title")
            with VerticalScroll():
                yield Static(self.table("On this screen", self.rows), id="help-screen-keys")
                yield Static(self.table("Everywhere", list(GENERAL)), id="help-general-keys")
            yield Static("Press escape to close.", classes="muted small")

    @staticmethod
    def table(title: str, rows: list[tuple[str, str]]) -> Text:
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
