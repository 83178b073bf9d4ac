"""Open actions with a practicality gap (no resources or no obstacles noted); choosing one asks
the screen to open it (``GapList.Open``)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mentorjournal.domain import ActionStep
from mentorjournal.mentoring.preparation import gap_words, practicality_gaps

NO_GAPS = "None: every open action has its resources and obstacles noted."


class GapList(OptionList):
    """Enter (or a click) on a gap posts ``Open`` with the action's id."""

    DEFAULT_CSS = """
    GapList {
        height: auto;
        max-height: 8;
    }
    """

    @dataclass
    class Open(Message):
        gap_list: GapList
        action_id: str

        @property
        def control(self) -> GapList:
            return self.gap_list

    def show(self, actions: list[ActionStep]) -> None:
        gaps = practicality_gaps(actions)
        self.clear_options()
        if not gaps:
            self.add_option(Option(Content.styled(NO_GAPS, "dim"), disabled=True))
            return
        for a in gaps:
            line = Content.assemble((a.title, "bold"), (f"  {gap_words(a)}", "dim"))
            self.add_option(Option(line, id=a.id))

    def chosen_id(self) -> str | None:
        """The highlighted gap, else the first one; None when there is none."""
        option = self.highlighted_option or (self.options[0] if self.options else None)
        return option.id if option is not None else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Open(self, event.option.id))
