"""A two-way question with the person's own words on both buttons ("End meeting" / "Carry on").

Dismisses with True for the first choice, False for the second or escape. ``y`` and ``n`` answer
too (hidden keys).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceDialog(ModalScreen[bool]):
    """``title`` and ``question``; ``yes`` is focused, so enter chooses it."""

    AUTO_FOCUS = "#choice-yes"
    BINDINGS = [
        Binding("escape", "answer(False)", "Close", id="choice-close"),
        Binding("y", "answer(True)", "Yes", id="choice-yes-key", show=False),
        Binding("n", "answer(False)", "No", id="choice-no-key", show=False),
    ]

    def __init__(self, title: str, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.question, id="choice-question")
            with Horizontal(classes="buttons"):
                yield Button(self.no_label, id="choice-no")
                yield Button(self.yes_label, id="choice-yes", variant="primary")

    @on(Button.Pressed, "#choice-yes")
    def yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#choice-no")
    def no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
