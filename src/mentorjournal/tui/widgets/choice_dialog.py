"""A two-way question with the person's own words on both buttons ("End meeting" / "Carry on").

The same dialog as ``ConfirmDialog``, for an everyday choice: the first answer has the focus, so
enter chooses it. Dismisses with True for it, False for the second or escape; ``y`` and ``n``
answer too (hidden keys).
"""

from __future__ import annotations

from typing import ClassVar

from mentorjournal.tui.widgets.confirm import ConfirmDialog


class ChoiceDialog(ConfirmDialog):
    """``title`` and ``question``; ``yes`` is focused, so enter chooses it."""

    ID_PREFIX: ClassVar[str] = "choice"
    AUTO_FOCUS = "#choice-yes"

    def __init__(self, title: str, question: str, yes: str, no: str) -> None:
        super().__init__(title, question, confirm_label=yes, cancel_label=no)
