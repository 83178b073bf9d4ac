"""Help (f1): the keys of the screen it was opened from, and where things are, from the key map.

First the keys of the screen (its section of tui/keymap.py and those of the widgets on it), all
of them, whatever has the focus; then under "While typing" the few editing keys worth knowing,
when the screen has a text field; then "Everywhere". When the box is too short for them all
(80x24), a line under it says there is more below.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static, TextArea

from mentorjournal.tui import keymap

Row = tuple[str, str]  # keys as a person reads them, and what they do
CLOSE = "Press escape to close."
MORE = "More below: ↓ or page down to scroll · escape closes."
# Lines around the keys: a line above and below the box, its border, the title (and the line
# under it), the hint (and the line above it).
CHROME_LINES = 8


def screen_keys(screen: Screen[Any]) -> tuple[list[Row], list[Row]]:
    """The keys of ``screen`` from the key map, and the typing keys if it has a text field."""
    rows = [row for name in keymap.sections_of(screen) for row in keymap.help_rows(name)]
    fields = [*screen.query(Input), *screen.query(TextArea)]
    typing = keymap.help_rows("typing") if fields else []
    return rows, typing


class HelpScreen(ModalScreen[None]):
    """Keys for the current screen, then the keys that work everywhere."""

    KEY_SECTION = "help"
    BINDINGS = keymap.bindings(KEY_SECTION)

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
                yield Static(
                    self.table("Everywhere", keymap.help_rows("app")), id="help-general-keys"
                )
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
    def table(title: str, rows: list[Row]) -> RenderableType:
        """A heading, then a key and its words a line (long words wrap under the words)."""
        if not rows:
            return Group(Text(title, style="bold"), Text("  (no keys of its own)", style="dim"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in rows:
            table.add_row(f"  {key}", description)
        return Group(Text(title, style="bold"), table)

    def action_close(self) -> None:
        self.dismiss(None)
