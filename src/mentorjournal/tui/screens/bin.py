"""Recently deleted (b at home, or Settings): what was deleted in the last 30 days, with what
went with it; restore one (the entry, its children and its history come back whole), or empty
the bin for good (asks first)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import JournalError
from mentorjournal.journal.bin import BIN_DAYS, BinItem
from mentorjournal.mentoring.dates import format_day, format_when
from mentorjournal.mentoring.preparation import one_line
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.screens.relationship_page import plural
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.fitted_table import Column, FittedTable
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.key_footer import KeyFooter

WORDS: dict[type, str] = {
    Relationship: "relationship",
    Meeting: "meeting",
    Reflection: "reflection",
    ActionStep: "action",
    Review: "review",
    WellbeingCheckin: "check-in",
    SupportContact: "support contact",
    OwnPrompt: "prompt",
}
COLUMNS = (
    Column("Deleted", width=18),
    Column("What", share=3),
    Column("With it", share=2, wide_from=90),
    Column("Gone for good on", width=16, wide_from=70),
)
EMPTY = "Nothing was deleted in the last {days} days."
RULE = (
    "What you delete stays here for {days} days, with all that was deleted with it and its "
    "history, then goes for good. It is not searched, exported or shown elsewhere meanwhile."
)


def describe(entry: Any) -> str:
    """The deleted entry in a few words: its kind and what names it."""
    kind = WORDS.get(type(entry), "entry").capitalize()
    if isinstance(entry, Relationship | ActionStep):
        name = entry.title
    elif isinstance(entry, Meeting):
        name = format_when(entry.starts_at.astimezone())
    elif isinstance(entry, Reflection):
        name = f"{format_day(entry.written_at.astimezone().date())}: {entry.description}"
    elif isinstance(entry, WellbeingCheckin):
        name = f"{entry.score} of 5 on {format_day(entry.at.astimezone().date())}"
    elif isinstance(entry, SupportContact):
        name = entry.name
    elif isinstance(entry, OwnPrompt):
        name = entry.text or entry.theme_title
    else:
        name = ""
    return one_line(f"{kind}: {name}" if name else kind)[:120]


def with_it(item: BinItem) -> str:
    parts = [plural(n, WORDS.get(kind, "entry")) for kind, n in item.with_it.items() if n]
    return ", ".join(parts) or "—"


class BinScreen(JournalScreen):
    """The bin: one row per deletion, the newest first."""

    KEY_SECTION = "bin"
    BINDINGS = keymap.bindings(KEY_SECTION)
    AUTO_FOCUS = "#bin-table"
    DEFAULT_CSS = """
    BinScreen #bin-rule { padding: 0 1; color: $text-muted; }
    BinScreen #bin-empty { padding: 1 1; }
    BinScreen #bin-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[BinItem] = []

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Static(RULE.format(days=BIN_DAYS), id="bin-rule")
        yield Static("", id="bin-empty")
        yield FittedTable(COLUMNS, id="bin-table", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Recently deleted"
        self.reload()

    def reload(self, _result: object = None) -> None:
        self.run_journal(self.journal.bin_items, self.show, group="bin-load")

    def show(self, items: list[BinItem]) -> None:
        self.items = items
        empty = self.query_one("#bin-empty", Static)
        empty.update(EMPTY.format(days=BIN_DAYS) if not items else "")
        empty.display = not items
        rows = [
            (
                item.id,
                (
                    format_when(item.deleted_at.astimezone()),
                    describe(item.entry),
                    with_it(item),
                    format_day(item.purge_on.astimezone().date()),
                ),
            )
            for item in items
        ]
        self.query_one("#bin-table", FittedTable).show(rows)

    def highlighted(self) -> BinItem | None:
        table = self.query_one("#bin-table", FittedTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]

    @on(DataTable.RowSelected, "#bin-table")
    def action_restore(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        journal = self.journal

        def done(entry: Any) -> None:
            self.notify(f"{describe(entry)} — restored.", timeout=4)
            self.reload()

        def failed(exc: JournalError) -> None:
            self.journal_failed(exc)
            self.reload()

        self.run_journal(lambda: journal.restore_from_bin(item.id), done, failed=failed)

    def action_empty(self) -> None:
        if not self.items:
            self.notify(EMPTY.format(days=BIN_DAYS), timeout=4)
            return
        question = f"Empty Recently deleted ({plural(len(self.items), 'deletion')})?"
        detail = "Everything in it, and its history, is removed for good. This cannot be undone."

        def answered(yes: bool | None) -> None:
            if yes:
                journal = self.journal

                def done(count: int) -> None:
                    self.notify(f"Removed for good: {plural(count, 'deletion')}.", timeout=4)
                    self.reload()

                self.run_journal(journal.empty_bin, done)

        dialog = ConfirmDialog(question, detail, confirm_label="Empty the bin", danger=True)
        self.app.push_screen(dialog, answered)

    def action_back(self) -> None:
        self.app.pop_screen()
