"""The actions under review: open ones with how often they have moved, reviewed ones with
their result. Enter asks the screen to record the highlighted one (a click only shows it)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mentorjournal.preparation import action_detail, one_line, record_words, review_line
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.review_data import ReviewItem


def row_content(item: ReviewItem) -> Content:
    action = item.action
    if item.record is not None:
        line = review_line(action, item.record, item.carried).removeprefix("- ")
        return Content.assemble(("✓ ", "$text-success"), line)
    parts: list[str | tuple[str, str]] = ["○ ", (action.title, "bold")]
    parts.append((f"  {action_detail(action)}", "dim"))
    if item.carried:
        parts.append((f"  carried forward {item.carried}×", "$text-warning"))
    return Content.assemble(*parts)


def action_card(item: ReviewItem) -> Content:
    """The highlighted action in full: detail, practicality, how often it was carried forward,
    what was learned at earlier reviews, and the result if recorded at this meeting."""
    action = item.action
    info: list[str | tuple[str, str]] = [(action.title, "bold")]
    for label, text in (
        ("", action.detail),
        ("Resources: ", action.resources),
        ("Obstacles: ", action.obstacles),
    ):
        if text.strip():
            info.append(f"\n{label}{one_line(text)}")
    times = "once" if item.carried == 1 else f"{item.carried} times"
    moved = f"carried forward {times}" if item.carried else "not carried forward yet"
    info.append((f"\nHeld while open: {moved}", "$text-muted"))
    if item.last_learning:
        info.append((f"\nLast learned: {one_line(item.last_learning)}", "$text-muted"))
    if item.record is not None:
        info.append((f"\nRecorded: {record_words(item.record)}", "$text-success"))
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
    KEY_SECTION = "review_list"
    BINDINGS = keymap.bindings(KEY_SECTION)

    @dataclass
    class Record(Message):
        """Enter on the highlighted action: record how it went."""

        review_list: ReviewList

        @property
        def control(self) -> ReviewList:
            return self.review_list

    def show(self, items: list[ReviewItem]) -> None:
        self.set_options(Option(row_content(i), id=i.action.id) for i in items)

    def mark_reviewed(self, item: ReviewItem) -> None:
        self.replace_option_prompt(item.action.id, row_content(item))

    def action_record(self) -> None:
        self.post_message(self.Record(self))
