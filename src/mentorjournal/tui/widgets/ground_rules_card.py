"""The card shown as a meeting starts: the relationship's purpose and the ground rules agreed.

Dismisses with True when the two agree to start ("Agreed — start", or enter), False on escape.
The text has the focus first, so that a long one can be read to the end (arrows, page down)
before agreeing; the card fits between the header and its own footer at any size.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from mentorjournal.tui import keymap

NO_PURPOSE = (
    "No purpose written yet. Agree together what you want to understand or change, "
    "and add it to the relationship."
)
NO_RULES = (
    "No ground rules written yet. Many schemes start from complete confidentiality for both "
    "sides, and the mentee supporting the mentor in saying anything that needs to be said — "
    "including criticism and questioning."
)


class GroundRulesCard(ModalScreen[bool]):
    """Purpose and ground rules, read aloud or together before the meeting starts."""

    AUTO_FOCUS = "#rules-body"
    KEY_SECTION = "ground_rules"
    BINDINGS = keymap.bindings(KEY_SECTION)
    # Not the app's .dialog (72 wide, padding 0 2): 78 wide, padding 0 1, for a longer line.
    DEFAULT_CSS = """
    GroundRulesCard #rules-box {
        width: 78; max-width: 100%; height: auto; max-height: 100%; margin-top: 1;
        padding: 0 1; border: round $primary; background: $surface;
    }
    GroundRulesCard #rules-title { text-style: bold; color: $text-primary; }
    GroundRulesCard #rules-body { height: auto; scrollbar-size-vertical: 1; }
    """
    # Lines around the text: the header's line and the footer, the card's border, its title,
    # and the buttons (and the line above them).
    CHROME_LINES = 7

    def __init__(self, title: str, purpose: str, ground_rules: str) -> None:
        super().__init__()
        self.card_title = title
        self.purpose = purpose.strip()
        self.ground_rules = ground_rules.strip()

    def compose(self) -> ComposeResult:
        with Vertical(id="rules-box"):
            yield Static(f"Before you start — {self.card_title}", id="rules-title")
            with VerticalScroll(id="rules-body"):
                yield Static(self.body(), id="rules-text")
            with Horizontal(classes="buttons"):
                yield Button("Not now", id="rules-cancel", compact=True)
                yield Button("Agreed — start", id="rules-agree", variant="primary", compact=True)
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        body = self.query_one("#rules-body", VerticalScroll)
        body.styles.max_height = max(3, event.size.height - self.CHROME_LINES)

    def body(self) -> Text:
        text = Text()
        text.append("Our purpose  ", style="bold")
        text.append(self.purpose or NO_PURPOSE, style="" if self.purpose else "dim")
        text.append("\n\nOur ground rules\n", style="bold")
        text.append(self.ground_rules or NO_RULES, style="" if self.ground_rules else "dim")
        return text

    @on(Button.Pressed, "#rules-agree")
    def action_agree(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#rules-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
