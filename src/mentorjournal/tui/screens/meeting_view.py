"""One meeting, read only: what was prepared, noted, reframed and reviewed (and why it was
cancelled). Opened from search, the words found are marked and scrolled into view."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from mentorjournal.domain import Meeting
from mentorjournal.errors import JournalError
from mentorjournal.mentoring.dates import format_when
from mentorjournal.mentoring.prompts import merge_themes
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.found import MARK, line_of, region_of_line, span_of

SECTIONS = (
    ("preparation", "Preparation"),
    ("points", "My points to raise"),
    ("notes", "Notes"),
    ("framing", "The problem as defined, and other framings"),
    ("review_summary", "Review of last time's actions"),
)
CANCELLED = ("cancel_reason", "Why it was cancelled")
LAYOUT_TRIES = 20  # refreshes to wait for the text's height before scrolling to the words found


def meeting_text(
    meeting: Meeting, find: tuple[str, str] | None = None, titles: dict[str, str] | None = None
) -> tuple[Text, int | None]:
    """The meeting as text, and where in it the words ``find`` = (field, term) are marked: in
    that field, or else the first section holding them (None: nowhere). Its themes are named by
    ``titles`` (theme key → title: the words a person chose them by)."""
    sections = [CANCELLED] if meeting.cancel_reason.strip() else []
    sections += SECTIONS
    bodies = {field: str(getattr(meeting, field)).strip() for field, _heading in sections}
    where: tuple[str, tuple[int, int]] | None = None
    if find is not None:
        field, term = find
        order = [field, *(f for f in bodies if f != field)] if field in bodies else list(bodies)
        spans = ((f, span_of(bodies[f], term)) for f in order)
        where = next(((f, span) for f, span in spans if span is not None), None)
    text = Text()
    if meeting.themes:
        text.append("Themes: ", style="bold")
        named = (titles or {}).get
        text.append(", ".join(named(key, key) for key in meeting.themes) + "\n\n")
    marked_at: int | None = None
    for field, heading in sections:
        text.append(heading + "\n", style="bold")
        body = bodies[field]
        if not body:
            text.append("—\n\n", style="dim")
            continue
        if where is not None and where[0] == field:
            start, length = where[1]
            text.append(body[:start])
            marked_at = len(text.plain)
            text.append(body[start : start + length], style=MARK)
            body = body[start + length :]
        text.append(body + "\n\n")
    text.rstrip()
    return text, marked_at


class MeetingView(JournalModal[None]):
    """A read-only view of one meeting's preparation, notes, framing and review."""

    DEFAULT_CSS = """
    MeetingView #meeting-box { width: 90; height: 90%; }
    MeetingView #meeting-body { height: 1fr; }
    """
    KEY_SECTION = "meeting_view"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, meeting_id: str, find: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.find = find  # (field, term): the words search found, to mark and show
        self.marked_at: int | None = None  # where they are in the text shown
        self.plain = ""  # the text shown

    def compose(self) -> ComposeResult:
        with Vertical(id="meeting-box", classes="dialog"):
            yield Static("Meeting", id="meeting-title", classes="dialog-title")
            with VerticalScroll(id="meeting-body"):
                yield Static("", id="meeting-text")
            yield Static("Press escape to close.", classes="muted")

    def on_mount(self) -> None:
        self.query_one("#meeting-body").focus()
        meeting_id, journal = self.meeting_id, self.journal

        def load() -> tuple[Meeting, dict[str, str]]:
            titles = {t.key: t.title for t in merge_themes(journal.own_prompts())}
            return journal.get(Meeting, meeting_id), titles

        self.run_journal(load, self.show, failed=self.load_failed)

    def show(self, loaded: tuple[Meeting, dict[str, str]]) -> None:
        meeting, titles = loaded
        title = f"Meeting · {format_when(meeting.starts_at)} · {meeting.status.value}"
        self.query_one("#meeting-title", Static).update(title)
        text, self.marked_at = meeting_text(meeting, self.find, titles)
        self.plain = text.plain
        self.query_one("#meeting-text", Static).update(text)
        if self.marked_at is not None:
            self.call_after_refresh(self.show_found, LAYOUT_TRIES)

    def show_found(self, tries: int) -> None:
        """Scroll the words found to the middle of the view, once the text has its height."""
        shown = self.query_one("#meeting-text", Static)
        body = self.query_one("#meeting-body", VerticalScroll)
        assert self.marked_at is not None
        line = line_of(shown, self.plain, self.marked_at)
        if shown.content_region.height <= line and tries > 0:
            self.call_after_refresh(self.show_found, tries - 1)
            return
        body.scroll_to_region(
            region_of_line(shown, line), center=True, animate=False, immediate=True
        )

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
