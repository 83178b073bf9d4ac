"""A relationship over time: meetings held against the cadence (the gaps shown), outcomes of
actions per quarter, actions carried forward again and again, well-being before and after
meetings, and the themes covered so far against those never touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from mentorjournal.domain import ActionStatus, Relationship
from mentorjournal.errors import JournalError, NotFound
from mentorjournal.mentoring import cadence, insight, schedule
from mentorjournal.mentoring.dates import format_day
from mentorjournal.mentoring.insight import Insight
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets import charts
from mentorjournal.tui.widgets.header import journal_header

CARRIED_SHOWN = 5


@dataclass
class Loaded:
    relationship: Relationship
    insight: Insight
    # Each section's text, made in the worker with the rest (and kept with it by the journal),
    # not each time the screen is shown.
    texts: dict[str, Content] = field(default_factory=dict)


def section_texts(rel: Relationship, ins: Insight) -> dict[str, Content]:
    texts = {
        "meetings": meetings_text(rel, ins),
        "outcomes": outcomes_text(ins),
        "carried": carried_text(ins),
        "wellbeing": wellbeing_text(ins),
        "themes": themes_text(ins),
    }
    return {name: Content.from_rich_text(text) for name, text in texts.items()}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def heading(title: str, note: str = "") -> Text:
    text = Text(title, style="bold")
    if note:
        text.append(f"  {note}", style="dim")
    return text.append("\n")


def meetings_text(rel: Relationship, ins: Insight) -> Text:
    rhythm = cadence.describe(rel.cadence) if rel.cadence else "no regular meetings"
    text = heading("Meetings", rhythm)
    zone = schedule.rel_zone(rel)
    text.append(f"{plural(ins.held, 'meeting')} held · {ins.missed} missed")
    text.append(f" · {ins.cancelled} cancelled")
    if ins.planned:
        nxt = min(s.when for s in ins.slots if s.state is insight.SlotState.PLANNED)
        text.append(f" · next {format_day(nxt.astimezone(zone).date())}")
    text.append("\n\n")
    text.append_text(charts.month_timeline(ins.months))
    text.append_text(charts.month_legend())
    if ins.missed_dates:
        days = [format_day(d.astimezone(zone).date()) for d in ins.missed_dates[-6:]]
        more = len(ins.missed_dates) - len(days)
        text.append("\nMissed: " + ", ".join(days), style="")
        if more:
            text.append(f" and {more} earlier", style="dim")
    return text


def outcomes_text(ins: Insight) -> Text:
    text = heading("Actions by outcome", "per quarter, when they were reviewed")
    if not ins.quarters:
        return text.append("No action has an outcome yet; outcomes are set at a review.", "dim")
    text.append_text(charts.bar_legend())
    text.append("\n")
    return text.append_text(charts.quarter_bars(ins.quarters))


def carried_text(ins: Insight) -> Text:
    """Actions carried more than once under "again and again", those carried once apart."""
    if not ins.carried:
        return heading("Carried forward").append("No action has been carried forward.", "dim")
    text = Text()
    groups = (
        ("Carried forward again and again", [a for a in ins.carried if a.carried_forward > 1]),
        ("Carried forward once", [a for a in ins.carried if a.carried_forward == 1]),
    )
    for title, actions in groups:
        if not actions:
            continue
        if text:
            text.append("\n")
        text.append_text(heading(title))
        for a in actions[:CARRIED_SHOWN]:
            text.append(f"{a.carried_forward}× ".rjust(5), style="bold")
            text.append(a.title.strip().splitlines()[0] if a.title.strip() else "—")
            state = "open" if a.status is ActionStatus.OPEN else a.status.value
            text.append(f"  {state}\n", style="dim")
        more = len(actions) - CARRIED_SHOWN
        if more > 0:
            text.append(f"     and {plural(more, 'other')}\n", style="dim")
        text.rstrip()
    return text


def wellbeing_text(ins: Insight) -> Text:
    text = heading("Well-being before and after meetings", "1 low ▁ … █ 5 good")
    if not ins.wellbeing:
        return text.append("No check-in is linked to a meeting yet.", "dim")
    text.append_text(charts.wellbeing_strip(ins.wellbeing))
    parts = []
    for label, which in (("before", "before"), ("after", "after")):
        value = ins.average(which)
        if value is not None:
            parts.append(f"{label} {value:.1f}")
    change = ins.average("change")
    if change is not None:
        parts.append(f"change {change:+.1f}".replace("-", "−"))
    text.append("\nOn average: " + " · ".join(parts))
    shown = min(len(ins.wellbeing), 16)
    if shown < len(ins.wellbeing):
        text.append(f" (the last {shown} of {len(ins.wellbeing)} shown)", "dim")
    return text


def themes_text(ins: Insight) -> Text:
    text = heading("Themes")
    text.append(f"Covered so far ({len(ins.covered)}): ", style="bold green")
    text.append(" · ".join(title for _, title in ins.covered) or "none yet")
    text.append(f"\nNever touched ({len(ins.untouched)}): ", style="bold yellow")
    text.append(" · ".join(title for _, title in ins.untouched) or "none — every theme is covered")
    return text


SECTIONS = ("meetings", "outcomes", "carried", "wellbeing", "themes")


class InsightScreen(JournalScreen):
    """Read-only charts over one relationship; ``c`` writes its coming meetings to a calendar."""

    DEFAULT_CSS = """
    InsightScreen #insight-body { padding: 0 1; }
    InsightScreen .insight-section { height: auto; margin-bottom: 1; }
    """
    AUTO_FOCUS = "#insight-body"
    KEY_SECTION = "insight"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship_id: str) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id

    def compose(self) -> ComposeResult:
        yield journal_header()
        with VerticalScroll(id="insight-body"):
            yield Static("Working it out…", id="insight-loading", classes="muted")
            for name in SECTIONS:
                yield Static("", id=f"insight-{name}", classes="insight-section")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Insight"
        self.reload()

    async def journal_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        journal, rel_id = self.journal, self.relationship_id

        def load(now: datetime) -> Loaded:
            rel = journal.get(Relationship, rel_id)
            ins = insight.compute(
                rel,
                journal.meetings(rel_id),
                journal.actions(rel_id),
                journal.reviews(rel_id),
                journal.wellbeing(rel_id),
                journal.own_prompts(),
                now,
            )
            return Loaded(rel, ins, section_texts(rel, ins))

        self.show_view(
            ("insight", rel_id),
            load,
            self.show,
            again=self.show,
            group="insight",
            failed=self.load_failed,
        )

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        if isinstance(exc, NotFound) and self.is_current:
            self.dismiss(None)

    def show(self, loaded: Loaded) -> None:
        self.sub_title = f"Insight · {loaded.relationship.title}"
        self.query_one("#insight-loading", Static).display = False
        for name, text in loaded.texts.items():
            self.query_one(f"#insight-{name}", Static).update(text)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_calendar(self) -> None:
        navigation.calendar(self.app, self.relationship_id)
