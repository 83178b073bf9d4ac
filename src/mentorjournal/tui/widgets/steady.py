"""Keys typed in one quick burst all land where the person meant them.

A terminal can deliver many keys at once (a paste of keys, a fast typist, tmux sending a line).
Textual queues them, and two things in it let a burst lose keys:

- ``Widget.focus()`` moves the focus *later* (after the keys already queued), so the keys typed
  just after "move to the next field" still go to the old field. ``focus_now`` moves it at once.
- ``SelectionList`` toggles its *highlighted* option when its own "selected" message arrives, which
  is after the keys queued behind the space: "space down space" toggled the wrong options, or one
  option twice. ``SteadySelectionList`` toggles the option the space was pressed on.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import OptionList, SelectionList


def focus_now(widget: Widget) -> None:
    """Give ``widget`` the focus before the next queued key is handled (and scroll it into view)."""
    widget.screen.set_focus(widget)


class SteadySelectionList(SelectionList[Any]):
    """A SelectionList whose space toggles the option it was pressed on, however fast keys come."""

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Textual calls this handler of every class in the MRO: prevent_default keeps
        # SelectionList's own (which toggles the highlighted option) from running as well.
        event.stop()
        event.prevent_default()
        self.toggle(self.get_option_at_index(event.option_index))
