"""Leaving a form with typing in it asks first: nothing a person typed is thrown away unasked.

``typed_state`` reads every field of a form (inputs, text areas, choices, switches) so that a form
can compare what is on screen with what it showed at first; ``leave_or_ask`` leaves at once when
nothing changed, and otherwise asks "Discard what you typed?" (Keep editing has the focus).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Checkbox, Input, RadioButton, Select, Switch, TextArea

from mentorjournal.tui.widgets.confirm import ConfirmDialog

VALUED = (Input, Select, RadioButton, Checkbox, Switch)  # a TextArea's value is its text


def typed_state(root: DOMNode) -> tuple[object, ...]:
    """The value of every field under ``root``, in order (a password field counts too)."""
    values: list[object] = []
    for widget in root.query("*"):
        if isinstance(widget, TextArea):
            values.append(widget.text)
        elif isinstance(widget, VALUED):
            values.append(widget.value)
    return tuple(values)


def leave_or_ask(screen: Screen[Any], changed: bool, leave: Callable[[], object]) -> None:
    """Call ``leave`` now if nothing ``changed``; else only once the person says to discard."""
    if not changed:
        leave()
        return

    def answered(discard: bool | None) -> None:
        if discard:
            leave()

    screen.app.push_screen(
        ConfirmDialog(
            "Discard what you typed?",
            "What you typed in this form has not been saved. ctrl+s saves it instead.",
            confirm_label="Discard",
            cancel_label="Keep editing",
            danger=True,
        ),
        answered,
    )
