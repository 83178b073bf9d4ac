"""The actions board: every action step across relationships, filtered, with practicality gaps.

A "!" marks an open action whose resources or obstacles (history, politics, who must agree)
have not been thought through yet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Footer, Select, Static

from mentorjournal.domain import ActionStatus, ActionStep, Owner, Relationship
from mentorjournal.mentoring.agenda import carried_words
from mentorjournal.mentoring.dates import describe_due, format_day
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.fitted_table import Column, FittedTable
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.tick_list import TickBox

ALL = "all"
STATUS_FILTER = [("Open", "open"), ("Done", "done"), ("Dropped", "dropped"), ("Any status", ALL)]
OWNER_FILTER = [("Anyone", ALL), ("Me", "me"), ("Partner", "partner"), ("Both", "both")]
OWNER_SHORT = {Owner.ME: "me", Owner.PARTNER: "partner", Owner.BOTH: "both"}
# Most needed first: Title to Relationship fit in 80 columns (titles wrap, never cut); Outcome
# and Carried are added from 120 on (narrower, the line under the table says them).
WIDE = 120
COLUMNS = (
    Column("Title", share=3, least=16),
    Column("Due", 15),
    Column("Owner", 7),
    Column("Status", 7),
    Column("Gap", 3),
    Column("Relationship", share=2, least=12),
    Column("Outcome", 9, wide_from=WIDE),
    Column("Carried", 7, wide_from=WIDE),
)


def clip(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def due_words(due: date, today: date) -> str:
    """How far off a due date is: "today", "in 9 days", "55 days overdue"."""
    days = (due - today).days
    return f"in {days} days" if days >= 7 else describe_due(due, today)


def action_row(a: ActionStep, rel_title: str, today: date) -> tuple[Text | str, ...]:
    if a.due_on is None:
        due: Text | str = "—"
    else:
        due = Text(format_day(a.due_on), style="bold red" if a.is_overdue(today) else "")
    return (
        " ".join(a.title.split()),
        due,
        OWNER_SHORT[a.owner],
        a.status.value,
        Text("!", style="bold yellow") if a.has_practicality_gap() else "",
        " ".join(rel_title.split()),
        a.outcome.value if a.outcome else "—",
        f"{a.carried_forward}×" if a.carried_forward else "",
    )


def action_detail(a: ActionStep, rel_title: str, today: date) -> Text:
    """The highlighted action in one or two lines: its whole title, when it is due in words,
    and its whole relationship title."""
    text = Text(" ".join(a.title.split()), style="bold")
    if a.due_on is not None:
        late = a.is_overdue(today)
        text.append(" · due ")
        text.append(
            f"{format_day(a.due_on)} ({due_words(a.due_on, today)})",
            style="bold red" if late else "",
        )
    if a.outcome is not None:
        text.append(f" · {a.outcome.value}")
    if a.carried_forward:
        text.append(f" · {carried_words(a.carried_forward)}", style="yellow")
    return text.append(f" · {rel_title}", style="italic")


class ActionsTable(FittedTable):
    """The board's table; enter edits the highlighted action (shown in the footer)."""

    KEY_SECTION = "actions_table"
    BINDINGS = keymap.bindings(KEY_SECTION)


class ActionsScreen(JournalScreen):
    """Every action, filtered by relationship, status, owner and lateness."""

    AUTO_FOCUS = "#actions-table"
    KEY_SECTION = "actions"
    BINDINGS = keymap.bindings(KEY_SECTION)
    DEFAULT_CSS = """
    ActionsScreen #actions-filters {
        height: 3;
        padding: 0 1;
    }
    ActionsScreen #actions-filters Select {
        margin-right: 1;
    }
    ActionsScreen #actions-rel {
        width: 1fr;
    }
    ActionsScreen #actions-status {
        width: 18;
    }
    ActionsScreen #actions-owner {
        width: 15;
    }
    ActionsScreen #actions-overdue {
        width: auto;
    }
    ActionsScreen #actions-table {
        height: 1fr;
    }
    ActionsScreen #actions-detail {
        height: auto;
        padding: 0 1;
        border-top: hkey $panel;
    }
    ActionsScreen #actions-empty {
        height: auto;
        padding: 1 2;
        color: $text-muted;
    }
    """

    def __init__(self, relationship_id: str | None = None) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.actions: list[ActionStep] = []
        self.titles: dict[str, str] = {}
        self.shown: list[ActionStep] = []
        self._keep: str | None = None  # the action to keep the cursor on after a reload
        self._first_load = True

    def compose(self) -> ComposeResult:
        yield journal_header()
        with Horizontal(id="actions-filters"):
            yield Select(
                [("All relationships", ALL)], value=ALL, allow_blank=False, id="actions-rel"
            )
            yield Select(STATUS_FILTER, value="open", allow_blank=False, id="actions-status")
            yield Select(OWNER_FILTER, value=ALL, allow_blank=False, id="actions-owner")
            yield TickBox("Overdue", id="actions-overdue")
        yield Static("", id="actions-counts", classes="screen-intro")
        yield ActionsTable(COLUMNS, id="actions-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="actions-empty")
        yield Static("", id="actions-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Actions"
        self.query_one("#actions-empty").display = False
        self.reload(opens=True)

    async def journal_changed(self) -> None:
        self.reload(self._keep)  # the action chosen, or the one a form closing just named

    # --- loading and showing ---------------------------------------------------------------

    def reload(self, keep: str | None = None, *, opens: bool = False) -> None:
        self._keep = keep or self.selected_id()
        journal = self.journal

        def load(now: datetime) -> tuple[list[Relationship], list[ActionStep]]:
            # Carried forward as the review counts it, from the meetings and reviews.
            actions = journal.actions()
            carried = journal.carried_counts(actions, now)
            return journal.relationships(), [
                replace(a, carried_forward=carried[a.id]) for a in actions
            ]

        self.show_view(
            ("actions board",), load, self.loaded, again=self.loaded, group="actions", opens=opens
        )

    def loaded(self, result: tuple[list[Relationship], list[ActionStep]]) -> None:
        relationships, self.actions = result
        self.titles = {r.id: r.title for r in relationships}
        rel = self.query_one("#actions-rel", Select)
        chosen = self.relationship_id if self._first_load else rel.value
        self._first_load = False
        rel.set_options([("All relationships", ALL), *((r.title, r.id) for r in relationships)])
        rel.value = chosen if chosen in self.titles else ALL
        self.show()

    def today(self) -> date:
        return self.now().astimezone().date()

    def filters(self) -> tuple[str, str, str, bool]:
        def value(selector: str) -> str:
            return str(self.query_one(selector, Select).value)

        overdue = self.query_one("#actions-overdue", Checkbox).value
        return value("#actions-rel"), value("#actions-status"), value("#actions-owner"), overdue

    def show(self) -> None:
        rel, status, owner, overdue_only = self.filters()
        today = self.today()
        in_rel = [a for a in self.actions if rel in (ALL, a.relationship_id)]
        self.shown = [
            a
            for a in in_rel
            if status in (ALL, a.status.value)
            and owner in (ALL, a.owner.value)
            and (not overdue_only or a.is_overdue(today))
        ]
        titles = self.titles
        rows = [
            (a.id, action_row(a, titles.get(a.relationship_id, "?"), today)) for a in self.shown
        ]
        self.query_one(ActionsTable).show(rows, keep=self._keep)
        self._keep = None
        self.show_counts(in_rel, today)
        self.show_detail()

    @on(DataTable.RowHighlighted, "#actions-table")
    def show_detail(self) -> None:
        a = self.selected()
        detail = self.query_one("#actions-detail", Static)
        detail.display = a is not None
        if a is not None:
            rel_title = self.titles.get(a.relationship_id, "?")
            detail.update(action_detail(a, rel_title, self.today()))

    def show_counts(self, in_rel: list[ActionStep], today: date) -> None:
        opened = sum(a.status is ActionStatus.OPEN for a in in_rel)
        overdue = sum(a.is_overdue(today) for a in in_rel)
        gaps = sum(a.has_practicality_gap() for a in in_rel)
        self.query_one("#actions-counts", Static).update(
            f"Showing {len(self.shown)} of {len(in_rel)} · {opened} open · {overdue} overdue · "
            f"{gaps} with a practicality gap (!)"
        )
        empty = self.query_one("#actions-empty", Static)
        if not in_rel:
            empty.update("No actions yet. Press n to write the first one.")
        else:
            empty.update("No actions match these filters.")
        empty.display = not self.shown

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def filter_changed(self) -> None:
        if self.is_mounted:
            self.show()

    # --- the highlighted action ---------------------------------------------------------

    def selected_id(self) -> str | None:
        table = self.query_one(ActionsTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    def selected(self) -> ActionStep | None:
        chosen = self.selected_id()
        return next((a for a in self.shown if a.id == chosen), None)

    # --- keys ------------------------------------------------------------------------------

    def action_add_action(self) -> None:
        rel = self.filters()[0]
        navigation.edit_action(
            self.app, None, None if rel == ALL else rel, None, callback=self.form_closed
        )

    @on(DataTable.RowSelected, "#actions-table")
    def action_edit(self) -> None:
        a = self.selected()
        if a is not None:
            navigation.edit_action(
                self.app, a.id, a.relationship_id, a.meeting_id, callback=self.form_closed
            )

    def form_closed(self, action_id: str | None) -> None:
        if action_id:
            self.reload(keep=action_id)

    def action_mark_done(self) -> None:
        a = self.selected()
        if a is None:
            return
        if a.status is ActionStatus.DONE:
            self.notify("That action is already done.")
            return
        journal = self.journal

        def mark() -> object:  # the status only, onto the action as stored now
            return journal.save_fields(ActionStep, a.id, {"status": ActionStatus.DONE})

        def marked(_: object) -> None:
            self.notify(f"Marked done: {clip(a.title, 50)}")
            self.reload(keep=a.id)

        self.run_journal(mark, marked, group="actions-save")

    def action_back(self) -> None:
        self.app.pop_screen()
