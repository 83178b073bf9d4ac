"""Then and now: an ended relationship's opening reflection beside its closing one and a summary
built from all of it (meetings held, actions by outcome, what was learned, what changed and for
whom, what continues), and the way to its wider-impact plan."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.errors import JournalError, NotFound
from mentorjournal.mentoring import closing
from mentorjournal.mentoring.dates import format_day
from mentorjournal.mentoring.models import model_of
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.key_footer import KeyFooter


@dataclass
class Close:
    relationship: Relationship
    summary: closing.ClosingSummary


def stages_text(text: Text, reflection: Reflection) -> None:
    """A reflection's stages under their own names (empty ones left out)."""
    for stage in model_of(reflection).stages:
        words = reflection.stage(stage.column).strip()
        if words:
            text.append(f"{stage.title}\n", style="bold")
            text.append(words + "\n\n")


def then_text(summary: closing.ClosingSummary, key: str) -> Text:
    text = Text()
    text.append("Then — before the first meeting\n\n", style="bold underline")
    if summary.opening is None:
        text.append(f"No opening reflection was written ({key} writes one).", style="dim")
    else:
        text.append(
            f"{format_day(summary.opening.written_at.astimezone().date())}\n\n", style="dim"
        )
        stages_text(text, summary.opening)
    return text


def now_text(summary: closing.ClosingSummary, partner: str, key: str) -> Text:
    text = Text()
    text.append("Now — at the close\n\n", style="bold underline")
    if summary.closing is None:
        text.append(f"No closing reflection yet ({key} writes it).\n\n", style="dim")
    else:
        stages_text(text, summary.closing)
    text.append("The whole relationship\n", style="bold")
    lines = [closing.meetings_line(summary), closing.themes_line(summary)]
    lines += [closing.outcomes_line(summary), *closing.done_by_lines(summary, partner)]
    text.append("\n".join(line for line in lines if line) + "\n\n")
    if summary.learned:
        text.append("What was learned\n", style="bold")
        for found in summary.learned:
            text.append(f"• {found.action}: ", style="italic")
            text.append(f"{found.learning}\n")
        text.append("\n")
    text.append("What continues\n", style="bold")
    if summary.continues:
        text.append("".join(f"• {title}\n" for title in summary.continues))
    else:
        text.append("No action is still open.\n", style="dim")
    return text


class ClosingScreen(JournalScreen):
    """An ended relationship: then and now, side by side."""

    DEFAULT_CSS = """
    ClosingScreen #closing-head { padding: 0 1; height: auto; }
    ClosingScreen #closing-body { height: 1fr; }
    ClosingScreen #closing-then, ClosingScreen #closing-now {
        width: 1fr; height: 1fr; padding: 0 1; border: round $panel;
    }
    ClosingScreen #closing-now { width: 3fr; }
    ClosingScreen #closing-then { width: 2fr; }
    """
    KEY_SECTION = "closing"
    BINDINGS = keymap.bindings(KEY_SECTION)
    AUTO_FOCUS = "#closing-now"

    def __init__(self, relationship_id: str) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.close_data: Close | None = None

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Static("", id="closing-head")
        with Horizontal(id="closing-body"):
            with VerticalScroll(id="closing-then"):
                yield Static("", id="closing-opening")
            with VerticalScroll(id="closing-now"):
                yield Static("Reading the whole relationship…", id="closing-summary")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Then and now"
        self.load()

    async def journal_changed(self) -> None:
        self.load()

    def load(self) -> None:
        rid = self.relationship_id

        def load() -> Close:
            rel = self.journal.get(Relationship, rid)
            return Close(rel, self.journal.closing_summary(rid))

        self.run_journal(load, self.show, group="closing", failed=self.load_failed)

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        if isinstance(exc, NotFound) and self.is_current:
            self.dismiss(None)

    def show(self, data: Close) -> None:
        self.close_data = data
        rel = data.relationship
        self.sub_title = f"Then and now · {rel.title}"
        ended = f" · ended {format_day(rel.ended_on)}" if rel.ended_on else ""
        head = Text(rel.title, style="bold").append(ended, style="dim")
        self.query_one("#closing-head", Static).update(head)
        opening = keymap.key_for(self.KEY_SECTION, "opening")
        write = keymap.key_for(self.KEY_SECTION, "write_closing")
        self.query_one("#closing-opening", Static).update(then_text(data.summary, opening))
        self.query_one("#closing-summary", Static).update(
            now_text(data.summary, rel.partner, write)
        )

    # --- keys ---------------------------------------------------------------------------

    def action_write_closing(self) -> None:
        navigation.arc_reflection(self.app, self.relationship_id, "closing")

    def action_opening(self) -> None:
        navigation.arc_reflection(self.app, self.relationship_id, "opening")

    def action_share(self) -> None:
        navigation.share(self.app, self.relationship_id, "impact")

    def action_back(self) -> None:
        self.dismiss(None)
