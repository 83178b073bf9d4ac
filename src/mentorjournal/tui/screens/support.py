"""Support and well-being (f2 from anywhere): the person's own support contacts, and check-ins.

Conversations about race and exclusion can be heavy; this screen is one key away, always.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Footer,
    ListItem,
    ListView,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from mentorjournal.domain import Moment, Relationship, SupportContact, WellbeingCheckin
from mentorjournal.errors import JournalError
from mentorjournal.mentoring.dates import format_day
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.charts import score_line
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.contact_form import ContactForm
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.kept_typing import KeepsNote, bring_note_back, take_note
from mentorjournal.tui.widgets.list_refill import refill
from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput, leave_keeping_checkin

GENTLE = (
    "Your well-being comes first. It is always fine to pause a difficult conversation, "
    "take a break, or come back to it another day."
)
NO_CONTACTS = (
    "No support contacts yet. Press n to add someone you can turn to when a conversation "
    "stays with you — for example your counselling or well-being service, an employee "
    "assistance line, a staff network for people who share your experience, your union, "
    "or a friend you trust."
)
SUPPORT_VIEW = ("support",)  # what the journal keeps for this screen (Journal.work_out)
Loaded = tuple[list[SupportContact], list[WellbeingCheckin], list[Relationship], str]
SPARK_POINTS = 50  # with the scale beside them, one line at 80 columns
RECENT = 5


def contact_card(contact: SupportContact) -> Text:
    card = Text(contact.name, style="bold")
    if contact.how:
        card.append(f"  {contact.how}")
    if contact.note:
        card.append(f"\n{contact.note}", style="dim")
    return card


def recent_lines(checkins: list[WellbeingCheckin], titles: dict[str, str]) -> Text:
    text = Text()
    for item in reversed(checkins[-RECENT:]):
        text.append(f"{format_day(item.at.astimezone().date())}  ", style="dim")
        text.append(f"{item.score}/5", style="bold")
        title = titles.get(item.relationship_id or "", "")
        if title:
            text.append(f"  {title}", style="italic")
        if item.note:
            text.append(f"  {item.note}")
        text.append("\n")
    return text


class ContactItem(ListItem):
    def __init__(self, contact: SupportContact) -> None:
        super().__init__(Static(contact_card(contact)))
        self.contact = contact


class SupportScreen(KeepsNote, JournalScreen):  # type: ignore[misc]
    """Support contacts (add, edit, delete) and well-being check-ins with their history."""

    KEY_SECTION = "support"
    note_place = "support"  # where a check-in note without a score is kept
    BINDINGS = keymap.bindings(KEY_SECTION)
    DEFAULT_CSS = """
    SupportScreen #support-gentle { padding: 0 1; color: $text-success; height: auto; }
    SupportScreen #support-tabs, SupportScreen #support-tabs > ContentSwitcher { height: 1fr; }
    SupportScreen TabPane { height: 1fr; padding: 0; }
    SupportScreen #contacts { height: 1fr; }
    SupportScreen #contacts > ListItem { padding: 0 1; margin-bottom: 1; }
    SupportScreen #checkin-row { height: auto; }
    SupportScreen #checkin-relationship { width: 1fr; }
    SupportScreen #wellbeing-chart { margin: 1 0 0 0; }
    SupportScreen .section-title { text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._storing = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Static(GENTLE, id="support-gentle")
        with TabbedContent(id="support-tabs", initial="contacts-pane"):
            with TabPane("Support contacts", id="contacts-pane"):
                # The contacts at once when the journal keeps them (else once they are read).
                kept = self.journal.kept_view(SUPPORT_VIEW)
                contacts = kept.value[0] if kept is not None else []
                yield ListView(*(ContactItem(c) for c in contacts), id="contacts")
                yield Static(NO_CONTACTS, id="contacts-empty", classes="empty")
            with TabPane("Well-being", id="wellbeing-pane"), VerticalScroll():
                yield WellbeingInput("How are you right now?", id="checkin")
                with Horizontal(id="checkin-row"):
                    yield Select[str](
                        [], prompt="Not tied to a relationship", id="checkin-relationship"
                    )
                    yield Button("Save", id="checkin-save", variant="primary")
                yield Static("", id="checkin-message", classes="error")
                yield Static("Your check-ins", classes="section-title")
                yield Static("", id="wellbeing-summary", classes="muted")
                yield Static("", id="wellbeing-chart")
                yield Static("", id="wellbeing-recent")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Support and well-being"
        self.query_one("#contacts-empty").display = False
        self.reload(opens=True)

    async def journal_changed(self) -> None:
        self.reload()  # contacts and the history; a check-in being typed stays as it is

    def reload(self, *, opens: bool = False) -> None:
        j, place = self.journal, self.note_place

        def load(_now: datetime) -> Loaded:
            # A note kept at a lock is taken as the screen opens: the journal changes, so a
            # view holding one is never kept.
            kept = take_note(j, place) if opens else ""
            return j.support_contacts(), j.wellbeing(), j.relationships(), kept

        self.show_view(SUPPORT_VIEW, load, self.show, again=self.show, group="support", opens=opens)

    async def show(self, loaded: Loaded) -> None:
        contacts, checkins, relationships, kept_note = loaded
        view = self.query_one("#contacts", ListView)
        if [item.contact for item in view.query(ContactItem)] != contacts:
            await refill(view, (ContactItem(c) for c in contacts), view.index or 0)
        view.display = bool(contacts)
        self.query_one("#contacts-empty").display = not contacts
        if contacts and self.active_tab == "contacts-pane":
            self.set_focus(view)  # at once: the next key goes there
        chooser = self.query_one("#checkin-relationship", Select)
        chosen = chooser.value
        chooser.set_options((r.title, r.id) for r in relationships)
        if any(r.id == chosen for r in relationships):
            chooser.value = chosen
        self.show_history(checkins, {r.id: r.title for r in relationships})
        if kept_note:  # typed without a score before a lock or a quit: on the Well-being tab
            self.query_one("#support-tabs", TabbedContent).active = "wellbeing-pane"
            bring_note_back(self.query_one(WellbeingInput), kept_note)

    def show_history(self, checkins: list[WellbeingCheckin], titles: dict[str, str]) -> None:
        scores = [c.score for c in checkins[-SPARK_POINTS:]]
        chart = self.query_one("#wellbeing-chart", Static)
        chart.display = bool(scores)
        chart.update(score_line(scores))  # the fixed 1–5 scale: a 3 is always half height
        summary = self.query_one("#wellbeing-summary", Static)
        if not scores:
            summary.update("None yet. A quick score before and after a meeting shows a trend.")
        else:
            average = sum(scores) / len(scores)
            label = "check-in" if len(scores) == 1 else "check-ins"
            summary.update(f"Last {len(scores)} {label}, average {average:.1f} of 5:")
        self.query_one("#wellbeing-recent", Static).update(recent_lines(checkins, titles))

    # --- tabs -----------------------------------------------------------------------------

    @property
    def active_tab(self) -> str:
        return self.query_one("#support-tabs", TabbedContent).active

    def action_show_tab(self, pane: str) -> None:
        self.query_one("#support-tabs", TabbedContent).active = pane
        if pane == "contacts-pane":
            self.query_one("#contacts", ListView).focus()
        else:
            self.query_one(WellbeingInput).focus_score()

    @on(TabbedContent.TabActivated, "#support-tabs")
    def tab_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_checkin":  # the check-in's save, with its form
            return self.active_tab == "wellbeing-pane"
        if action in ("edit_contact", "delete_contact"):
            if self.active_tab != "contacts-pane":
                return False
            return self.selected() is not None or None
        return True

    # --- contacts ---------------------------------------------------------------------------

    def selected(self) -> SupportContact | None:
        item = self.query_one("#contacts", ListView).highlighted_child
        return item.contact if isinstance(item, ContactItem) else None

    def after_form(self, saved: bool | None) -> None:
        if saved:
            self.reload()

    def action_new_contact(self) -> None:
        self.query_one("#support-tabs", TabbedContent).active = "contacts-pane"
        self.app.push_screen(ContactForm(None), self.after_form)

    @on(ListView.Selected, "#contacts")
    def action_edit_contact(self) -> None:
        contact = self.selected()
        if contact is not None:
            self.app.push_screen(ContactForm(contact.id), self.after_form)

    def action_delete_contact(self) -> None:
        contact = self.selected()
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_journal(lambda: self.journal.delete(contact), lambda _: self.reload())

        dialog = ConfirmDialog(
            f"Delete “{contact.name}” from your support contacts?",
            "It is removed from the journal for good.",
            confirm_label="Delete",
            danger=True,
        )
        self.app.push_screen(dialog, answered)

    # --- well-being ------------------------------------------------------------------------
    # As everywhere: a digit chooses the score (from anywhere here: this tab opens on the score
    # row), tab goes on to the note, enter or ctrl+s saves both with the relationship chosen.

    def action_score(self, score: int) -> None:
        self.query_one("#support-tabs", TabbedContent).active = "wellbeing-pane"
        checkin = self.query_one(WellbeingInput)
        checkin.set_value(score, checkin.note)
        checkin.focus_score()

    @on(WellbeingInput.Submitted, "#checkin")
    @on(Button.Pressed, "#checkin-save")
    async def action_save_checkin(self) -> None:
        form = self.query_one(WellbeingInput)
        if form.score is None:
            self.query_one("#support-tabs", TabbedContent).active = "wellbeing-pane"
            self.query_one("#checkin-message", Static).update(
                "Choose a score first: press a number from 1 (low) to 5 (good)."
            )
            form.focus_score()
            return
        if await self.store_checkin():
            self.notify("Check-in saved. Thank you for looking after yourself.")
            self.reload()

    async def store_checkin(self) -> bool:
        """Store the check-in on the form (score, note, relationship); once stored the form is
        emptied, unless the person typed on meanwhile. False when nothing was stored."""
        async with self._storing:  # one at a time: enter then esc must not store it twice
            form = self.query_one(WellbeingInput)
            if form.score is None:
                return False
            chooser = self.query_one("#checkin-relationship", Select)
            rel_id = chooser.value if isinstance(chooser.value, str) else None
            now, score, note = self.now(), form.score, form.note
            journal = self.journal

            def store() -> WellbeingCheckin:
                # Tied to a relationship: before or after the meeting it is nearest to, if any.
                meeting_id, moment = (
                    journal.checkin_placement(rel_id, now) if rel_id else (None, Moment.OTHER)
                )
                return journal.save(
                    WellbeingCheckin(
                        at=now,
                        score=score,
                        note=note.strip(),
                        moment=moment,
                        relationship_id=rel_id,
                        meeting_id=meeting_id,
                    )
                )

            try:
                await asyncio.to_thread(store)
            except JournalError as exc:
                self.journal_failed(exc)
                return False
            self.query_one("#checkin-message", Static).update("")
            if (form.score, form.note) == (score, note):
                form.clear()
            return True

    async def save_draft_now(self) -> None:
        """Before a lock, a quit or going back: a check-in with a score is stored with its
        note (a note without a score cannot be: going back asks about it)."""
        if await self.store_checkin():
            self.notify("Your check-in was saved.", timeout=4)

    async def action_back(self) -> None:
        await self.save_draft_now()
        leave_keeping_checkin(self, self.query_one(WellbeingInput), self.app.pop_screen)
