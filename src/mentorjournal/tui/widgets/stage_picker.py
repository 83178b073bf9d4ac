"""Go to a Gibbs stage by its number: a short list, where 1–6 (or the arrows and enter) choose.

Opened by ctrl+g in the reflection editor. Every terminal delivers ctrl+g and plain digits, unlike
alt+digit, which some terminals and keyboard layouts turn into a character ("§" for alt+6).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from mentorjournal.tui import keymap


class StagePicker(ModalScreen[int | None]):
    """Dismisses with the chosen stage's index (from 0), None on escape."""

    AUTO_FOCUS = "#stage-choices"
    KEY_SECTION = "stage_picker"
    BINDINGS = keymap.bindings(KEY_SECTION)
    DEFAULT_CSS = """
    StagePicker #stage-picker-box { width: 40; height: auto; }
    StagePicker #stage-choices { height: auto; }
    """

    def __init__(self, titles: Sequence[str], current: int) -> None:
        super().__init__()
        self.titles = list(titles)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="stage-picker-box", classes="dialog"):
            yield Static("Go to stage (press its number)", classes="dialog-title")
            yield OptionList(
                *(Option(f"{n}. {title}") for n, title in enumerate(self.titles, start=1)),
                id="stage-choices",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stage-choices", OptionList).highlighted = self.current

    @on(OptionList.OptionSelected, "#stage-choices")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_choose(self, index: int) -> None:
        if 0 <= index < len(self.titles):
            self.dismiss(index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
