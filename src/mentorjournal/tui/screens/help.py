"""Help: the keys of the screen it was opened from, and where things are.

Only the keys this app gives the screen (the footer's and the secondary ones it leaves out),
then under "While typing" the few editing keys worth knowing in a focused text field (undo,
redo, select all; Textual's cursor moves, scrolling and copy are left out), then "Everywhere".
When the box is too short for them all (80x24), a line under it says there is more below.
"""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static, TextArea

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
LEFT_OUT = {"suspend"}  # ids of app keys not worth a line (ctrl+z hands the terminal back)
TEXT_FIELDS = (Input, TextArea)
# The few editing keys of a text field worth knowing; the rest (cursor moves, selecting by
# shift+arrows, deleting) work as in any editor and are left out.
TYPING = {"undo": "Undo", "redo": "Redo", "select_all": "Select all"}
NAMES = {
    "slash": "/",
    "comma": ",",
    "question_mark": "?",
    "escape": "esc",
    "pageup": "pgup",
    "pagedown": "pgdn",
}
_NUMBERED = re.compile(r"(.*?)(\d)")
CLOSE = "Press escape to close."
MORE = "More below: ↓ or page down to scroll · escape closes."
# Lines around the keys: a line above and below the box, its border, the title (and the line
# under it), the hint (and the line above it).
CHROME_LINES = 8


def key_label(key: str) -> str:
    return ", ".join("+".join(NAMES.get(p, p) for p in k.split("+")) for k in key.split(","))


def action_name(action: str) -> str:
    return action.partition("(")[0]


def numbered_together(rows: list[tuple[str, str, str]]) -> list[Row]:
    """Rows of one action for keys 1, 2, 3… (or alt+1, alt+2…) become one row, "alt+1…6"."""
    out: list[tuple[str, str, str, str]] = []  # first key, last key, description, action
    for key, description, action in rows:
        match = _NUMBERED.fullmatch(key)
        if out and match:
            first, last, first_description, last_action = out[-1]
            previous = _NUMBERED.fullmatch(last)
            if (
                previous
                and action_name(last_action) == action_name(action)
                and previous.group(1) == match.group(1)
                and int(previous.group(2)) + 1 == int(match.group(2))
            ):
                out[-1] = (first, key, first_description, action)
                continue
        out.append((key, key, description, action))
    rows_out: list[Row] = []
    for first, last, description, _action in out:
        if first == last:
            rows_out.append((first, description))
            continue
        low, high = first[-1], last[-1]
        rows_out.append(
            (f"{first}…{high}", re.sub(r"\s*\d+(–\d+)?$", "", description) + f" {low}–{high}")
        )
    return rows_out


def in_order(screen: Screen[Any]) -> list[tuple[DOMNode, Binding]]:
    """The active bindings, the screen's own first; then those of its keys that the focused
    widget takes over with a key of its own (enter on a list opens the row all the same)."""
    active = sorted(screen.active_bindings.values(), key=lambda a: a.node is not screen)
    pairs = [(a.node, a.binding) for a in active]
    shadowed = [
        (screen, binding)
        for key, bindings in screen._bindings.key_to_bindings.items()
        for binding in bindings
        if key in screen.active_bindings
        and screen.active_bindings[key].node is not screen
        and not isinstance(screen.active_bindings[key].node, TEXT_FIELDS)
    ]
    own = sum(1 for node, _ in pairs if node is screen)
    return pairs[:own] + shadowed + pairs[own:]


def screen_keys(screen: Screen[Any]) -> tuple[list[Row], list[Row]]:
    """The keys that work now on ``screen``, with their descriptions, in two lists.

    First the keys this app gives the screen and its widgets (every binding it declares has an
    id; Textual's own, such as cursor moves or copy, have none and are left out), keys of one
    action on one line; second, the few useful editing keys of a focused text field.
    """
    own: dict[tuple[int, str, str], list[tuple[bool, str]]] = {}
    typing: dict[str, str] = {}
    for node, binding in in_order(screen):
        name = action_name(binding.action)
        if isinstance(node, TEXT_FIELDS) and binding.id is None:
            if name in TYPING and name not in typing:
                typing[name] = key_label(binding.key)
            continue
        if (
            binding.id is None
            or binding.id in LEFT_OUT
            or not binding.description
            or binding.key in GENERAL_KEYS
            or node is screen.app
        ):
            continue
        own.setdefault((id(node), binding.action, binding.description), []).append(
            (not binding.show, key_label(binding.key))  # keys in the footer first
        )
    rows = [
        (", ".join(key for _, key in sorted(keys)), description, action)
        for (_, action, description), keys in own.items()
    ]
    typing_rows = [(typing[name], words) for name, words in TYPING.items() if name in typing]
    return numbered_together(rows), typing_rows


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

    DEFAULT_CSS = """
    HelpScreen #help-hint, HelpScreen #help-typing-keys, HelpScreen #help-general-keys {
        margin-top: 1;
    }
    HelpScreen #help-hint.-more { color: $text-warning; }
    HelpScreen .dialog-title { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static(f"Help — {self.title_text}", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(self.table("On this screen", self.rows), id="help-screen-keys")
                if self.typing_rows:
                    yield Static(
                        self.table("While typing", self.typing_rows), id="help-typing-keys"
                    )
                yield Static(self.table("Everywhere", list(GENERAL)), id="help-general-keys")
            yield Static(CLOSE, id="help-hint", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        keys = self.query_one("#help-keys", VerticalScroll)
        self.watch(keys, "scroll_y", self.show_hint, init=False)
        self.call_after_refresh(self.show_hint)

    def on_resize(self, event: events.Resize) -> None:
        keys = self.query_one("#help-keys", VerticalScroll)
        keys.styles.max_height = max(3, event.size.height - CHROME_LINES)
        self.call_after_refresh(self.show_hint)

    def show_hint(self) -> None:
        """Say when there is more below (at 80x24 "Everywhere" may need a scroll)."""
        keys = self.query_one("#help-keys", VerticalScroll)
        more = keys.scroll_y < keys.max_scroll_y
        hint = self.query_one("#help-hint", Static)
        hint.update(MORE if more else CLOSE)
        hint.set_class(more, "-more")

    @staticmethod
    def table(title: str, rows: list[Row]) -> Text:
        text = Text(title + "\n", style="bold")
        if not rows:
            text.append("  (no keys of its own)\n", style="dim")
        width = max((len(k) for k, _ in rows), default=0) + 2
        for key, description in rows:
            text.append(f"  {key:<{width}}", style="bold")
            text.append(description + "\n")
        text.rstrip()
        return text

    def action_close(self) -> None:
        self.dismiss(None)
