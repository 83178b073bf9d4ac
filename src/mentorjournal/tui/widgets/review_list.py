"""The actions under review: open ones with how often they have moved, reviewed ones with
their result. Enter asks the screen to record the highlighted one (a click only shows it)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mentorjournal.domain import ActionStep
from mentorjournal.preparation import action_detail, one_line, review_line


def row_content(action: ActionStep, reviewed: bool) -> Content:
    if reviewed:
        return Content.assemble(("✓ ", "$text-success"), review_line(action).removeprefix("- "))
    parts: list[str | tuple[str, str]] = ["○ ", (action.title, "bold")]
    parts.append((f"  {action_detail(action)}", "dim"))
    if action.carried_forward:
        parts.append((f"  moved {action.carried_forward}×", "$text-warning"))
    return Content.assemble(*parts)


def action_card(action: ActionStep, reviewed: bool) -> Content:
    """The highlighted action in full: detail, practicality, moves so far, result if recorded."""
    info: list[str | tuple[str, str]] = [(action.title, "bold")]
    for label, text in (
        ("", action.detail),
        ("Resources: ", action.resources),
        ("Obstacles: ", action.obstacles),
    ):
        if text.strip():
            info.append(f"\n{label}{one_line(text)}")
    info.append((f"\nMoved on {action.carried_forward}× so far", "$text-muted"))
    if reviewed:
        info.append((f"\nRecorded: {review_line(action).removeprefix('- ')}", "$text-success"))
    return Content.assemble(*info)


class ReviewList(OptionList):
    """One line per action (cut with "…": the highlighted one is shown in full beside the list);
    ``show`` fills it, ``mark_reviewed`` updates a row."""

    DEFAULT_CSS = """
    ReviewList {
        height: auto;
        max-height: 7;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
    BINDINGS = [
        Binding("enter", "record", "Record this action", id="review-list-record", show=False)
    ]

    @dataclass
    class Record(Message):
        """Enter on the highlighted action: record how it went."""

        review_list: ReviewList

        @property
        def control(self) -> ReviewList:
            return self.review_list

    def show(self, actions: list[ActionStep], reviewed: set[str]) -> None:
        self.set_options(Option(row_content(a, a.id in reviewed), id=a.id) for a in actions)

    def mark_reviewed(self, action: ActionStep) -> None:
        self.replace_option_prompt(action.id, row_content(action, True))

    def action_record(self) -> None:
        self.post_message(self.Record(self))
