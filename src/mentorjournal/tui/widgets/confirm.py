"""A yes/no question before something that cannot be undone. Dismisses with True or False."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Asks ``question``; ``detail`` says plainly what will happen. Cancel has the focus."""

    AUTO_FOCUS = "#confirm-no"
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Cancel", id="confirm-cancel"),
        Binding("y", "answer(True)", "Yes", id="confirm-yes", show=False),
        Binding("left", "app.focus_previous", "Previous button", id="confirm-left", show=False),
        Binding("right", "app.focus_next", "Next button", id="confirm-right", show=False),
    ]

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

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question", classes="dialog-title")
            if self.detail:
                yield Static(self.detail, id="confirm-detail")
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label, id="confirm-no")
                yield Button(
                    self.confirm_label,
                    id="confirm-yes",
                    variant="error" if self.danger else "primary",
                )

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
