"""A list of things to tick whose long items wrap onto more lines instead of ending in "…".

Textual 8.2.8's SelectionList cuts every item to one line, and draws its tick box on each line
as if every item were one line tall: a wrapped item showed a box on each of its lines, and the
boxes below the first wrapped item showed the state of other items. ``TickList`` finds the item
of each line as the option list does, and draws its box on the item's first line only.

A ticked box holds an "X" and an unticked one is empty: SelectionList and Checkbox draw the "X"
in both and tell them apart by colour alone, which NO_COLOR and colour-blind eyes do not see.
``TickBox`` is such a checkbox, and ``DotButton`` such a radio button (its dot only when chosen).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, RadioButton
from textual.widgets._toggle_button import ToggleButton

from mentorjournal.tui.widgets.steady import SteadySelectionList


class TickList(SteadySelectionList):
    DEFAULT_CSS = """
    TickList {
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    def watch_show_vertical_scrollbar(self) -> None:
        """A scrollbar that comes or goes changes the width items wrap in, and Textual keeps the
        lines it counted for the old width (the last line of a wrapped item was lost): count
        them again."""
        self._clear_caches()

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        underlying = next(iter(line)).style or self.rich_style
        if offset:  # a wrapped item's next line: under its text, not under a box
            return Strip([Segment(" " * self._get_left_gutter_width(), underlying), *line])
        ticked = self.get_option_at_index(index).value in self._selected
        component = "selection-list--button"
        if ticked:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component) + Style(meta={"option": index})
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + Style(meta={"option": index})
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, side),
                Segment(ToggleButton.BUTTON_INNER if ticked else " ", button),
                Segment(ToggleButton.BUTTON_RIGHT, side),
                Segment(" ", underlying),
                *line,
            ]
        )


class TickBox(Checkbox):
    """A checkbox with an "X" when ticked and an empty box when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class DotButton(RadioButton):
    """A radio button whose dot shows only while it is the chosen one."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "
        super().watch_value()
