"""A two-way question in a dialog: a bold question, what will happen, and two buttons.

Dismisses with True for the confirming button (or ``y``), False for the other (or ``n``, escape).
The footer names those keys with the buttons' own words ("y Discard", not "y Yes").
``ConfirmDialog`` guards what cannot be undone, so Cancel has the focus; ``ChoiceDialog``
(choice_dialog.py) asks an everyday question whose first answer has the focus.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from mentorjournal.tui import keymap


class ConfirmDialog(ModalScreen[bool]):
    """Asks ``question``; ``detail`` says plainly what will happen. Cancel has the focus."""

    # The ids of its parts: <prefix>-question, -detail, -yes (confirm), -no (cancel).
    ID_PREFIX: ClassVar[str] = "confirm"
    AUTO_FOCUS = "#confirm-no"
    KEY_SECTION = "confirm"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(
        self,
        question: str,
        detail: str = "",
        *,
        confirm_label: str = "Yes",
        cancel_label: str = "Cancel",
        danger: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label
        self.danger = danger
        # The footer's words for the answers are the buttons' words (one source: the labels).
        words = {"answer(True)": confirm_label, "answer(False)": cancel_label}
        keys = self._bindings.key_to_bindings  # this dialog's own copy (a new list per key)
        for key, bindings in keys.items():
            keys[key] = [
                replace(b, description=words.get(b.action, b.description)) for b in bindings
            ]

    def compose(self) -> ComposeResult:
        prefix = self.ID_PREFIX
        with Vertical(id=f"{prefix}-box", classes="dialog"):
            yield Static(self.question, id=f"{prefix}-question", classes="dialog-title")
            if self.detail:
                yield Static(self.detail, id=f"{prefix}-detail")
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label, id=f"{prefix}-no")
                yield Button(
                    self.confirm_label,
                    id=f"{prefix}-yes",
                    variant="error" if self.danger else "primary",
                )
        yield Footer()  # this dialog's keys, not those of the screen below

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == f"{self.ID_PREFIX}-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
