"""The actions under review: open ones with their owner, due date and how often they were
carried forward, reviewed ones with their result. Enter asks the screen to record the
highlighted one (a click only shows it)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mentorjournal.mentoring.agenda import carried_words
from mentorjournal.mentoring.preparation import action_detail, one_line, record_words, review_line
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.review_data import ReviewItem


def row_content(item: ReviewItem) -> Content:
    """Two lines (more if long, never cut): the action's title, then its owner and due date,
    or what was recorded for it at this meeting (what was learned is on the card), and how often
    it was carried forward."""
    action = item.action
    title = one_line(action.title)
    if item.record is not None:
        record = replace(item.record, learning="")
        words = review_line(action, record, item.carried).removeprefix(f"- {title} — ")
        return Content.assemble("✓ ", (title, "bold"), "\n  ", (words, "$text-success"))
    parts: list[str | tuple[str, str]] = ["○ ", (title, "bold"), "\n  "]
    parts.append((action_detail(action), "dim"))
    if item.carried:
        parts.append((f", {carried_words(item.carried)}", "$text-warning"))
    return Content.assemble(*parts)


def carried_sentence(times: int) -> str:
    if not times:
        return "Not carried forward: no meeting was held while it was open."
    meetings = "1 meeting was" if times == 1 else f"{times} meetings were"
    return f"{carried_words(times).capitalize()}: {meetings} held while it was open."


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
    info.append((f"\n{carried_sentence(item.carried)}", "$text-muted"))
    if item.last_learning:
        info.append((f"\nLast learned: {one_line(item.last_learning)}", "$text-muted"))
    if item.record is not None:
        info.append((f"\nRecorded: {record_words(item.record)}", "$text-success"))
    return Content.assemble(*info)


class ReviewList(OptionList):
    """Two lines per action, wrapped, never cut (the highlighted one is shown in full under the
    list); ``show`` fills it, ``mark_reviewed`` updates a row."""

    DEFAULT_CSS = """
    ReviewList {
        height: auto;
        max-height: 40%;
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
