"""History (f6): the earlier versions of an entry's texts, when each was written, what changed
since (word by word, marked so it reads without colour), and restore — which asks first, and
keeps what is there now as a version too.

Opened over a reflection, a meeting's notes or preparation, a relationship's page or an
action's form; dismisses with the field restored (None when nothing was), so the screen below
shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship
from mentorjournal.journal.history_chain import Version
from mentorjournal.mentoring.dates import format_when
from mentorjournal.mentoring.preparation import one_line
from mentorjournal.mentoring.prompts import gibbs_stages
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.word_diff import as_content, unchanged, word_changes

FIELD_NAMES: dict[type, dict[str, str]] = {
    Relationship: {
        "title": "Title",
        "partner": "Partner",
        "purpose": "Purpose",
        "ground_rules": "Ground rules",
        "styles": "Learning styles",
    },
    Meeting: {
        "preparation": "Preparation",
        "points": "Points to raise",
        "framing": "Framing",
        "notes": "Notes",
        "review_summary": "Review summary",
        "cancel_reason": "Reason for cancelling",
    },
    ActionStep: {
        "title": "Title",
        "detail": "Detail",
        "resources": "Resources needed",
        "obstacles": "Obstacles",
        "learning": "What was learned",
    },
}
HOW = {"restore": " · restored", "merge": " · from another computer"}
NONE_YET = (
    "No earlier versions yet. A version is kept each time you change a text after a pause "
    "(10 minutes), after leaving the screen, or when you delete a sentence or more."
)
TWO_COMPUTERS = (
    "Changed on two computers ({fields}): the newer is kept; the other is in the list below."
)
LEGEND = "Compared with now: [-words only in this version-] {+words written since+}"


def field_names(kind: type) -> dict[str, str]:
    if kind is Reflection:
        return {s.key: s.title for s in gibbs_stages()}
    return FIELD_NAMES[kind]


@dataclass
class Loaded:
    versions: list[Version]
    current: dict[str, str]  # each field's text now
    title: str
    two_computers: list[str] = field(default_factory=list)  # fields changed on both, now seen


class HistoryScreen(JournalModal[str | None]):
    """The versions of one entry's texts (``fields``: only those), newest first."""

    KEY_SECTION = "history"
    BINDINGS = keymap.bindings(KEY_SECTION)
    AUTO_FOCUS = "#history-list"
    DEFAULT_CSS = """
    HistoryScreen #history-box { width: 90%; height: 90%; }
    HistoryScreen #history-list { height: 1fr; min-height: 4; }
    HistoryScreen #history-diff { height: 2fr; border-top: solid $foreground 30%; }
    HistoryScreen #history-legend { color: $text-muted; }
    """

    def __init__(self, kind: type, entry_id: str, fields: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.entry_id = entry_id
        self.names = {k: v for k, v in field_names(kind).items() if fields is None or k in fields}
        self.data: Loaded | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box", classes="dialog"):
            yield Static("History", id="history-title", classes="dialog-title")
            yield Static("", id="history-two-computers")
            yield OptionList(id="history-list")
            yield Static(LEGEND, id="history-legend")
            with VerticalScroll(id="history-diff"):
                yield Static("", id="history-changes")

    def on_mount(self) -> None:
        super().on_mount()
        journal, kind, entry_id, names = self.journal, self.kind, self.entry_id, self.names

        def load() -> Loaded:
            entry: Any = journal.get(kind, entry_id)
            versions = [v for v in journal.versions(entry_id) if v.field in names]
            current = {name: str(getattr(entry, name)) for name in names}
            title = getattr(entry, "title", "") or ""
            marked = [f for f in journal.changed_on_two_computers().get(entry_id, {}) if f in names]
            if marked:  # shown now: seen
                journal.seen_two_computers(entry_id, marked)
            return Loaded(versions, current, title, [names[f] for f in marked])

        self.run_journal(load, self.loaded, group="history-load")

    def loaded(self, data: Loaded) -> None:
        self.data = data
        heading = f"History · {one_line(data.title)}" if data.title else "History"
        self.query_one("#history-title", Static).update(heading)
        two = self.query_one("#history-two-computers", Static)
        two.display = bool(data.two_computers)
        two.update(TWO_COMPUTERS.format(fields=", ".join(data.two_computers)))
        listing = self.query_one("#history-list", OptionList)
        listing.clear_options()
        if not data.versions:
            listing.display = False
            self.query_one("#history-legend", Static).display = False
            self.query_one("#history-changes", Static).update(NONE_YET)
            return
        listing.add_options(self.option(v) for v in data.versions)
        listing.highlighted = 0

    def option(self, version: Version) -> Option:
        when = format_when(version.written_at.astimezone())
        first = one_line(version.text)[:40] or "(empty)"
        label = f"{when} · {self.names[version.field]}{HOW.get(version.how, '')} · {first}"
        return Option(label, id=version.id)

    def chosen(self) -> Version | None:
        listing = self.query_one("#history-list", OptionList)
        if self.data is None or listing.highlighted is None or not self.data.versions:
            return None
        return self.data.versions[listing.highlighted]

    @on(OptionList.OptionHighlighted, "#history-list")
    def show_changes(self) -> None:
        version = self.chosen()
        if version is not None and self.data is not None:
            self.compare(version, self.data.current[version.field])

    @work(thread=True, exclusive=True, group="history-diff")
    def compare(self, version: Version, now: str) -> None:
        """Worked out in a thread: a long note's words take a moment to compare."""
        changes = word_changes(version.text, now)
        shown: Any = "Same as now." if unchanged(changes) else as_content(changes)
        self.app.call_from_thread(self.show_changes_of, shown)

    def show_changes_of(self, shown: Any) -> None:
        if self.is_attached:
            self.query_one("#history-changes", Static).update(shown)

    @on(OptionList.OptionSelected, "#history-list")
    def action_restore(self) -> None:
        version = self.chosen()
        if version is None:
            return
        when = format_when(version.written_at.astimezone())
        question = f"Put back the {self.names[version.field]} written {when}?"
        detail = "What is there now is kept in history too, so you can go back to it."

        def answered(yes: bool | None) -> None:
            if yes:
                self.restore(version)

        self.app.push_screen(ConfirmDialog(question, detail, confirm_label="Restore"), answered)

    def restore(self, version: Version) -> None:
        journal, kind, entry_id = self.journal, self.kind, self.entry_id

        def put_back() -> str:
            journal.restore_version(kind, entry_id, version.id)
            return version.field

        def done(name: str) -> None:
            self.app.notify(f"{self.names[name]} restored; what was there is in history.")
            self.dismiss(name)

        self.run_journal(put_back, done, group="history-restore")

    def action_close(self) -> None:
        self.dismiss(None)
