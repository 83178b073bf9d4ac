"""A relationship's page: its purpose pinned at the top, what was agreed, and every meeting,
reflection and action of it."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.errors import JournalError, NotFound
from mentorjournal.mentoring import cadence, schedule
from mentorjournal.mentoring.preparation import one_line
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.screens.meeting_view import MeetingView
from mentorjournal.tui.screens.relationship_page import (
    Page,
    about_text,
    plural,
    slot_key,
    timeline_page,
)
from mentorjournal.tui.widgets.clamped_text import ClampedText
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.fitted_table import Column, FittedTable
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.history_link import open_history
from mentorjournal.tui.widgets.key_footer import KeyFooter
from mentorjournal.tui.widgets.meeting_dialogs import CadenceDialog, CancelDialog, RescheduleDialog

PIN_LINES = 3  # the purpose pinned at the top; a longer one ends in "…" (About has it all)
# Widths that fit 80 columns: dates whole (an overdue one says so on a second line), the rest
# shared, and long cells wrap (see FittedTable).
TABLES: dict[str, tuple[Column, ...]] = {
    "rel-meetings": (Column("When", 22), Column("Status", share=1), Column("Notes", share=1)),
    "rel-reflections": (
        Column("Written", 15),
        Column("About the meeting of", 20),
        Column("Stages left empty", least=17),
    ),
    "rel-actions": (
        Column("Action", least=16),
        Column("Owner", 7),
        Column("Due", 15),
        Column("Status", 7),
        Column("Outcome", 9),
    ),
}


class RelationshipScreen(JournalScreen):
    """Everything about one relationship; enter opens the highlighted row."""

    DEFAULT_CSS = """
    RelationshipScreen #rel-head { padding: 0 1; height: auto; }
    RelationshipScreen #rel-purpose-pin {
        padding: 0 1; margin: 0 1; height: auto;
        border-left: tall $accent; background: $boost;
    }
    RelationshipScreen #rel-next { padding: 0 1; height: auto; color: $text-muted; }
    RelationshipScreen TabbedContent { height: 1fr; }
    RelationshipScreen TabPane { padding: 0; }
    RelationshipScreen DataTable { height: 1fr; }
    RelationshipScreen #rel-about-scroll { padding: 0 1; }
    """
    AUTO_FOCUS = "#rel-tabs Tabs"
    KEY_SECTION = "relationship"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship_id: str, show_missed: bool = False) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.page: Page | None = None
        self.shown: dict[str, object] = {}  # what the page shows now, by part
        # After loading: the Meetings tab with this row highlighted ("": the newest missed one).
        self.focus_key: str | None = "" if show_missed else None
        self.deleting = False

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Static("", id="rel-head")
        yield ClampedText(PIN_LINES, id="rel-purpose-pin")
        yield Static("", id="rel-next")
        with TabbedContent(id="rel-tabs"):
            with TabPane("About", id="tab-about"), VerticalScroll(id="rel-about-scroll"):
                yield Static("", id="rel-about")
            with TabPane("Meetings", id="tab-meetings"):
                yield FittedTable(
                    TABLES["rel-meetings"], id="rel-meetings", cursor_type="row", zebra_stripes=True
                )
            with TabPane("Reflections", id="tab-reflections"):
                yield FittedTable(
                    TABLES["rel-reflections"],
                    id="rel-reflections",
                    cursor_type="row",
                    zebra_stripes=True,
                )
            with TabPane("Actions", id="tab-actions"):
                yield FittedTable(
                    TABLES["rel-actions"], id="rel-actions", cursor_type="row", zebra_stripes=True
                )
        yield KeyFooter(rows=2)

    def on_mount(self) -> None:
        self.sub_title = "Relationship"

    def on_screen_resume(self) -> None:
        if not self.deleting:
            self.reload()

    # --- loading --------------------------------------------------------------------------------

    def reload(self, _result: object = None, *, focus: str | None = None) -> None:
        journal, rel_id = self.journal, self.relationship_id
        if focus is not None:
            self.focus_key = focus

        def load(now: datetime) -> Page:
            return timeline_page(journal, rel_id, now)

        self.show_view(
            ("relationship page", rel_id),
            load,
            self.show,
            again=self.show,
            group="relationship",
            failed=self.load_failed,
        )

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        if isinstance(exc, NotFound) and self.is_current and not self.deleting:
            self.dismiss(None)

    def show(self, page: Page) -> None:
        if page is self.page and self.focus_key is None:
            return  # shown again as the journal kept it: on screen already
        self.page = page
        rel = page.relationship
        self.sub_title = rel.title
        head = Text(rel.title, style="bold")
        head.append(f"  I am the {rel.my_role.value}", style="dim")
        head.append(f" · {rel.partner}" if rel.partner else "", style="dim")
        purpose = one_line(rel.purpose) or "No purpose written yet — press e to add one."
        when = (
            schedule.format_meeting(rel, page.next_meeting) if page.next_meeting else "not planned"
        )
        rhythm = cadence.describe(rel.cadence) if rel.cadence else "no regular meetings"
        programme = f"\nProgramme: {page.programme}" if page.programme else ""
        # Shown again each time the page is (back from another screen): only what changed is
        # drawn again.
        for selector, content in (
            ("#rel-head", head),
            ("#rel-next", f"Next meeting: {when} · {rhythm}{programme}"),
            ("#rel-about", about_text(page)),
        ):
            if self.shown.get(selector) != content:
                self.shown[selector] = content
                self.query_one(selector, Static).update(content)
        if self.shown.get("purpose") != purpose:
            self.shown["purpose"] = purpose
            self.query_one(ClampedText).show(f"Purpose: {purpose}")
        self.fill_tables(page)
        if self.focus_key is not None:
            key, self.focus_key = self.focus_key, None
            self.show_slot(key or None)

    def fill_tables(self, page: Page) -> None:
        for table_id, table_rows in page.rows.items():
            self.query_one(f"#{table_id}", FittedTable).show(table_rows)
        tabs = self.query_one("#rel-tabs", TabbedContent)
        for pane, label, count in (
            ("tab-meetings", "Meetings", len(page.slots)),
            ("tab-reflections", "Reflections", len(page.reflections)),
            ("tab-actions", "Actions", len(page.actions)),
        ):
            if self.shown.get(pane) != count:
                self.shown[pane] = count
                tabs.get_tab(pane).label = f"{label} ({count})"

    # --- opening rows ---------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#rel-meetings")
    def open_meeting(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key and not key.startswith("slot:"):
            self.app.push_screen(MeetingView(key))
        elif key:
            self.notify("A date on the cadence: h holds it, t moves it, x cancels it.")

    def selected_slot(self) -> schedule.Slot | None:
        """The meeting highlighted on the Meetings tab (or, elsewhere, the next one)."""
        if self.page is None:
            return None
        tabs = self.query_one("#rel-tabs", TabbedContent)
        if tabs.active == "tab-meetings":
            table = self.query_one("#rel-meetings", DataTable)
            if 0 <= table.cursor_row < len(self.page.slots):
                return self.page.slots[table.cursor_row]
            return None
        coming = [s for s in self.page.slots if s.state in schedule.OPEN_STATES]
        return coming[-1] if coming else None

    def show_slot(self, key: str | None) -> None:
        """The Meetings tab, with the row of ``key`` (or the newest missed meeting) highlighted."""
        if self.page is None:
            return
        self.query_one("#rel-tabs", TabbedContent).active = "tab-meetings"
        keys = [slot_key(s) for s in self.page.slots]
        if key is None:
            missed = [slot_key(s) for s in self.page.slots if s.state is schedule.State.MISSED]
            key = missed[0] if missed else None
        table = self.query_one("#rel-meetings", FittedTable)
        if key in keys:
            table.move_to(keys.index(key))
        table.focus()

    def action_hold_late(self) -> None:
        slot = self.selected_slot()
        if slot is None or slot.state not in (schedule.State.MISSED, schedule.State.DUE):
            self.notify("Choose a missed meeting (or today's) on the Meetings tab to hold it now.")
            return
        rid = self.relationship_id

        def opened(meeting: Meeting) -> None:
            navigation.meet(self.app, rid, meeting.id)

        self.run_journal(lambda: self.journal.store_slot(rid, slot), opened)

    def slot_to_change(self, what: str, *not_in: schedule.State) -> schedule.Slot | None:
        """The highlighted meeting, if it can still be moved or cancelled; else a notice."""
        slot = self.selected_slot()
        if self.page is None or slot is None or slot.state in not_in:
            self.notify(f"Choose a meeting still to be held on the Meetings tab to {what} it.")
            return None
        return slot

    def action_reschedule(self) -> None:
        slot = self.slot_to_change("move", schedule.State.HELD, schedule.State.UNDER_WAY)
        if slot is not None and self.page is not None:
            dialog = RescheduleDialog(self.page.relationship, slot)
            self.app.push_screen(dialog, self.slot_changed)

    def action_cancel_meeting(self) -> None:
        slot = self.slot_to_change(
            "cancel", schedule.State.HELD, schedule.State.UNDER_WAY, schedule.State.CANCELLED
        )
        if slot is not None and self.page is not None:
            self.app.push_screen(CancelDialog(self.page.relationship, slot), self.slot_changed)

    def action_change_cadence(self) -> None:
        if self.page is not None:
            self.app.push_screen(CadenceDialog(self.page.relationship), self.cadence_changed)

    def slot_changed(self, meeting: Meeting | None) -> None:
        if meeting is not None:
            rel = self.page.relationship if self.page else None
            when = schedule.format_meeting(rel, meeting.starts_at) if rel else ""
            self.notify(f"Meeting of {when}: {meeting.status.value}.")
            self.reload(focus=meeting.id)

    def cadence_changed(self, rel: Relationship | None) -> None:
        if rel is not None:
            self.notify("Cadence changed; the meetings before keep theirs.")
            self.reload()

    @on(DataTable.RowSelected, "#rel-reflections")
    def open_reflection(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            navigation.open_reflection(self.app, self.relationship_id, event.row_key.value)

    @on(DataTable.RowSelected, "#rel-actions")
    def open_action(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            navigation.edit_action(
                self.app, event.row_key.value, self.relationship_id, None, callback=self.reload
            )

    # --- keys -----------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        # The page reloads when it is shown again (on_screen_resume).
        navigation.edit_relationship(self.app, self.relationship_id)

    def action_prepare(self) -> None:
        navigation.prepare(self.app, self.relationship_id)

    def action_meet(self) -> None:
        navigation.meet(self.app, self.relationship_id)

    def action_review(self) -> None:
        navigation.review(self.app, self.relationship_id)

    def action_share(self) -> None:
        navigation.share(self.app, self.relationship_id)

    def action_arc(self) -> None:
        # The page reloads when it is shown again (on_screen_resume).
        navigation.arc(self.app, self.relationship_id)

    def action_end_or_close(self) -> None:
        navigation.end_or_close(self.app, self.relationship_id)

    def action_reflect(self) -> None:
        last = self.journal.last_held_meeting(self.relationship_id) if self.page else None
        navigation.new_reflection(self.app, self.relationship_id, last.id if last else None)

    def action_add_action(self) -> None:
        navigation.edit_action(self.app, None, self.relationship_id, None, callback=self.reload)

    def action_insight(self) -> None:
        navigation.insight(self.app, self.relationship_id)

    def action_calendar(self) -> None:
        navigation.calendar(self.app, self.relationship_id)

    async def action_history(self) -> None:
        await open_history(self, Relationship, self.relationship_id, self.reload)

    def action_delete(self) -> None:
        page = self.page
        if page is None:
            return
        counts = ", ".join(
            (
                plural(len(page.meetings), "meeting"),
                plural(len(page.reflections), "reflection"),
                plural(len(page.actions), "action"),
            )
        )
        detail = (
            f"Its {counts} and its well-being check-ins go with it to Recently deleted, "
            "where they can be restored for 30 days (b at home, or Settings)."
        )
        dialog = ConfirmDialog(
            f"Delete “{page.relationship.title}”?", detail, confirm_label="Delete", danger=True
        )
        self.app.push_screen(dialog, self.delete_answered)

    def delete_answered(self, yes: bool | None) -> None:
        if not yes or self.page is None:
            return
        self.deleting = True
        rel = self.page.relationship

        def failed(exc: JournalError) -> None:
            self.deleting = False
            self.journal_failed(exc)
            self.reload()

        self.run_journal(
            lambda: self.journal.delete(rel), lambda _: self.deleted(rel), failed=failed
        )

    def deleted(self, rel: Relationship) -> None:
        self.notify(f"“{rel.title}” is in Recently deleted for 30 days.", timeout=4)
        if self.is_current:
            self.dismiss(None)
