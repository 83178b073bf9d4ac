"""Preparing the next meeting: purpose and ground rules, an agenda built from last month, themes,
the person's own points, a well-being check-in before, and the practicality gaps to fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Collapsible, SelectionList, Static, TextArea

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    Relationship,
    new_id,
)
from mentorjournal.mentoring import preparation, schedule
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.screens.prepare_data import Loaded, load_prepare
from mentorjournal.tui.widgets import prepare_draft
from mentorjournal.tui.widgets.agenda_view import AgendaView
from mentorjournal.tui.widgets.autosave import DraftKeeper, Written
from mentorjournal.tui.widgets.gap_list import GapList
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.history_link import open_history
from mentorjournal.tui.widgets.kept_typing import KeepsNote, bring_note_back, take_note
from mentorjournal.tui.widgets.key_footer import KeyFooter
from mentorjournal.tui.widgets.other_window import bring_text
from mentorjournal.tui.widgets.plan_meeting import PlanMeetingDialog
from mentorjournal.tui.widgets.prepare_draft import Draft
from mentorjournal.tui.widgets.programme_brief import ProgrammeBrief
from mentorjournal.tui.widgets.tick_list import TickList
from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput, leave_keeping_checkin


class PrepareScreen(KeepsNote, JournalScreen):  # type: ignore[misc]
    """Before a relationship's next meeting."""

    KEY_SECTION = "prepare"
    BINDINGS = keymap.bindings(KEY_SECTION)
    # The themes get the focus once the meeting is known (``focus_themes``). Not the scrolling
    # body first: a container taking or losing the focus styles everything in it again.
    AUTO_FOCUS = "#prepare-themes"
    DEFAULT_CSS = """
    PrepareScreen #prepare-body { padding: 0 1; }
    PrepareScreen .section { text-style: bold; color: $text-primary; margin-top: 1; }
    PrepareScreen #prepare-card { border-left: tall $accent; padding: 0 1; height: auto; }
    PrepareScreen #prepare-purpose, PrepareScreen #prepare-rules-box CollapsibleTitle {
        text-wrap: nowrap; text-overflow: ellipsis; width: 100%;
    }
    PrepareScreen #prepare-rules-box {
        border-top: none; padding: 0; background: transparent;
    }
    PrepareScreen #prepare-rules-box CollapsibleTitle { padding: 0; }
    PrepareScreen #prepare-rules-box Contents { padding: 0 0 0 2; }
    PrepareScreen #prepare-form { height: auto; }
    PrepareScreen #prepare-themes { max-height: 9; }
    PrepareScreen #prepare-points { height: 6; }
    """

    def __init__(self, relationship_id: str) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.note_place = f"prepare.{relationship_id}"  # a note without a score kept for here
        self.data: Loaded | None = None
        self.meeting: Meeting | None = None
        self.checkin_id = new_id()  # the check-in before this meeting, once it is stored
        self.drafts = DraftKeeper(self, self.draft, self.write, self.show_stored, self.saved)

    def compose(self) -> ComposeResult:
        yield journal_header()
        with VerticalScroll(id="prepare-body"):
            with Vertical(id="prepare-card"):
                yield Static("", id="prepare-purpose")
                with Collapsible(title="Ground rules", id="prepare-rules-box"):
                    yield Static("", id="prepare-rules")
            yield Static("Finding the next meeting…", id="prepare-when")
            # Open to typing once the meeting is known: at once if the journal keeps what this
            # screen shows (enabling it later would style every part of the form again).
            kept = self.journal.kept_view(("prepare", self.relationship_id))
            known = kept is not None and kept.value.meeting is not None
            with Vertical(id="prepare-form", disabled=not known):
                yield Static("Agenda", classes="section")
                yield AgendaView(id="prepare-agenda")
                yield ProgrammeBrief(id="prepare-brief")
                yield Static("Themes for this meeting (space chooses)", classes="section")
                yield TickList(id="prepare-themes")  # ticked: "X"; not: empty (no colour needed)
                yield Static("Points to raise (one a line)", classes="section")
                yield TextArea(id="prepare-points")
                yield Static("Before the meeting", classes="section")
                yield WellbeingInput("How are you?", id="prepare-wellbeing")
                yield Static("Practicality gaps (enter or e opens the action)", classes="section")
                yield GapList(id="prepare-gaps")
                yield Static("", id="prepare-status", classes="muted")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Prepare"
        self.load(self.show, opens=True)  # keys typed meanwhile wait for the form

    def load(self, then: Callable[[Loaded], object], *, opens: bool = False) -> None:
        j, rid, place = self.journal, self.relationship_id, self.note_place

        def load(now: datetime) -> Loaded:
            return load_prepare(j, rid, now, take_note(j, place) if opens else "")

        # A note kept at a lock is taken as the screen opens: the journal changes, so a view
        # holding one is never kept.
        self.show_view(
            ("prepare", rid), load, then, again=self.reloaded, group="prepare-load", opens=opens
        )

    async def journal_changed(self) -> None:
        """Back on top after the journal changed beneath (a meeting held, actions captured or
        reviewed, a reflection written): what was typed is stored, then read afresh."""
        await self.save_draft_now()
        self.load(self.reloaded)

    def reloaded(self, data: Loaded) -> None:
        if not self.is_active:
            self.mark_stale()
            return
        if self.data is None:
            return  # the first load is still on its way
        before = self.meeting.id if self.meeting else None
        if before != (data.meeting.id if data.meeting else None):
            # The meeting prepared here was held (or moved) meanwhile: prepare the next one.
            self.app.switch_screen(self.rebuild())
            return
        self.data = data
        self.show_card(data.rel)
        self.query_one(GapList).show(data.actions)
        if data.meeting is not None:
            self.meeting_known(data.meeting, focus=False)

    # --- showing ------------------------------------------------------------------------

    def show(self, data: Loaded) -> None:
        self.data = data
        self.show_card(data.rel)
        chosen = set(data.meeting.themes if data.meeting else [])
        planned: tuple[str, ...] = ()
        if data.programme is not None and data.meeting is not None:
            titles = {t.key: t.title for t in data.themes}
            planned = self.query_one(ProgrammeBrief).show(*data.programme, titles)
        if data.meeting is not None and not chosen and not data.meeting.preparation.strip():
            chosen = set(planned)  # never prepared: the programme's themes, to change at will
        with self.prevent(SelectionList.SelectedChanged, TextArea.Changed, WellbeingInput.Changed):
            themes = self.query_one("#prepare-themes", SelectionList)
            themes.add_options([(t.title, t.key, t.key in chosen) for t in data.themes])
            if data.meeting is not None:
                self.query_one("#prepare-points", TextArea).text = data.meeting.points
            if data.checkin is not None:
                self.checkin_id = data.checkin.id
                self.query_one(WellbeingInput).set_value(data.checkin.score, data.checkin.note)
        self.query_one(GapList).show(data.actions)
        self.query_one(AgendaView).show(self.agenda_items())
        self.meeting_known(data.meeting)
        if data.kept_note and data.checkin is None:  # (one with a score has its own note)
            bring_note_back(self.query_one(WellbeingInput), data.kept_note)

    def show_card(self, rel: Relationship) -> None:
        self.sub_title = f"Prepare · {rel.title}"
        # One line each (the purpose cut with "…"); enter on "Ground rules" opens them in full.
        purpose = preparation.one_line(rel.purpose) or "not written yet — agree one together"
        self.query_one("#prepare-purpose", Static).update(
            Content.assemble(("Purpose  ", "bold"), purpose)
        )
        rules = rel.ground_rules.strip()
        first_rule = preparation.plan_lines(rules)[0] if rules else ""
        rules_box = self.query_one("#prepare-rules-box", Collapsible)
        rules_box.title = Content.assemble(("Ground rules", "bold"), f"  {first_rule}")  # type: ignore[assignment]
        self.query_one("#prepare-rules", Static).update(
            Content.assemble(
                rules or "Not agreed yet — confidentiality comes first.",
                ("\n\nPurpose\n", "bold"),
                rel.purpose.strip() or "Not written yet — agree one together.",
            )
        )

    def meeting_known(self, meeting: Meeting | None, *, focus: bool = True) -> None:
        self.meeting = meeting
        when = self.query_one("#prepare-when", Static)
        if meeting is None:
            when.update("No meeting is planned yet: press p to say when you meet next.")
            if self.data is not None:
                self.action_plan()
            return
        assert self.data is not None
        when.update(
            f"Next meeting: {schedule.format_meeting(self.data.rel, meeting.starts_at)} "
            f"({meeting.duration_minutes} min)"
        )
        self.query_one("#prepare-form").disabled = False
        checkin = self.data.checkin if self.data else None
        self.drafts.stored = Draft(
            tuple(meeting.themes),
            meeting.points,
            meeting.preparation,
            checkin.score if checkin else None,
            checkin.note if checkin else "",
        )
        self.changed()  # stored again if the agenda has moved on since it was last saved
        if focus:
            self.focus_themes()

    def focus_themes(self) -> None:
        """The themes list takes the keys at once (the next key typed goes there); it is
        scrolled into view once the agenda above it has its height, without an animation (one
        begun before the layout is complete could stop short of it)."""
        self.set_focus(self.query_one("#prepare-themes"), scroll_visible=False)

        def centre() -> None:  # as Textual would on focus, but at once and once laid out
            focused = self.focused  # keys typed meanwhile may have moved on (tab to the points)
            if focused is not None and not self.can_view_entire(focused):
                self.scroll_to_center(focused, animate=False, origin_visible=True, immediate=True)

        # After the refresh that gives the agenda its height, and the one that lays out below it.
        self.call_after_refresh(self.call_after_refresh, centre)

    def agenda_items(self) -> list[preparation.AgendaItem]:
        data = self.data
        if data is None:
            return []
        return preparation.build_agenda(
            data.rel,
            data.meetings,
            data.actions,
            data.reviews,
            data.reflections,
            data.themes,
            self.chosen_themes(),
            self.query_one("#prepare-points", TextArea).text,
            meeting_id=data.meeting.id if data.meeting else None,
            now=self.now(),
        )

    def chosen_themes(self) -> list[str]:
        return list(self.query_one("#prepare-themes", SelectionList).selected)

    def preparation_now(self) -> str:
        return preparation.preparation_text(self.agenda_items())

    # --- planning a meeting when none is known ----------------------------------------

    def action_plan(self) -> None:
        if self.meeting is not None:
            self.notify("The next meeting is planned already.", timeout=3)
            return
        title = self.data.rel.title if self.data else ""
        self.app.push_screen(PlanMeetingDialog(self.relationship_id, title), self.planned)

    def planned(self, meeting: Meeting | None) -> None:
        if meeting is not None:
            if self.data is not None:  # (the data the journal keeps is never changed)
                self.data = replace(self.data, meetings=[*self.data.meetings, meeting])
            self.meeting_known(meeting)

    # --- changes and saving --------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#prepare-themes")
    @on(TextArea.Changed, "#prepare-points")
    @on(WellbeingInput.Changed, "#prepare-wellbeing")
    def changed(self) -> None:
        self.query_one(AgendaView).show(self.agenda_items())
        if self.meeting is not None and self.drafts.changed():
            self.query_one("#prepare-status", Static).update("")

    def draft(self) -> Draft:
        wellbeing = self.query_one(WellbeingInput)
        return Draft(
            tuple(self.chosen_themes()),
            self.query_one("#prepare-points", TextArea).text,
            self.preparation_now(),
            wellbeing.score,
            wellbeing.note,
        )

    def write(self, draft: Draft, base: Draft) -> Written[Draft]:
        """Store what changed since ``base`` (in a thread): see ``prepare_draft.write``."""
        assert self.meeting is not None
        return prepare_draft.write(
            self.journal, self.meeting, self.checkin_id, draft, base, self.now()
        )

    def show_stored(self, draft: Draft) -> None:
        """Show what is stored now (another window wrote too); the agenda follows."""
        themes = self.query_one("#prepare-themes", SelectionList)
        listed = {t.key for t in self.data.themes} if self.data else set()
        for key in (set(self.chosen_themes()) ^ set(draft.themes)) & listed:
            themes.toggle(key)
        bring_text(self.query_one("#prepare-points", TextArea), draft.points)
        wellbeing = self.query_one(WellbeingInput)
        if (wellbeing.score, wellbeing.note) != (draft.score, draft.note):
            wellbeing.set_value(draft.score, draft.note)

    def saved(self) -> None:
        if self.is_mounted:
            self.query_one("#prepare-status", Static).update("Saved.")

    async def save_draft_now(self) -> None:
        await self.drafts.save_now()

    async def action_history(self) -> None:
        meeting_id = self.meeting.id if self.meeting is not None else None
        await open_history(self, Meeting, meeting_id, self.restored, ("points", "preparation"))

    def restored(self, meeting: Meeting) -> None:
        self.meeting = meeting
        if self.drafts.stored is not None:
            self.drafts.stored = self.drafts.stored._replace(points=meeting.points)
            self.show_stored(self.drafts.stored)

    @on(WellbeingInput.Submitted, "#prepare-wellbeing")
    async def action_save(self) -> None:
        if self.meeting is None:
            self.action_plan()
            return
        await self.save_draft_now()
        checkin = self.query_one(WellbeingInput)
        if checkin.note_without_score:
            # A check-in is kept with its score: the note waits on screen for one.
            self.notify("Your note is kept once you choose a score from 1 to 5.", timeout=5)
            checkin.focus_score()
        elif not self.drafts.dirty:
            self.notify("Preparation saved.", timeout=3)

    # --- going elsewhere ----------------------------------------------------------------

    async def action_back(self) -> None:
        await self.save_draft_now()
        leave_keeping_checkin(self, self.query_one(WellbeingInput), self.dismiss)

    async def action_meet(self) -> None:
        if self.meeting is None:
            self.action_plan()
            return
        await self.save_draft_now()
        app = self.app

        def meet() -> None:
            self.dismiss()  # the meeting takes this screen's place
            navigation.meet(app, self.relationship_id)

        leave_keeping_checkin(self, self.query_one(WellbeingInput), meet)

    def action_fill_gap(self) -> None:
        action_id = self.query_one(GapList).chosen_id()
        if action_id is None:
            self.notify("No practicality gaps to fill.", timeout=3)
        else:
            self.open_action(action_id)

    @on(GapList.Open)
    def gap_chosen(self, event: GapList.Open) -> None:
        self.open_action(event.action_id)

    def open_action(self, action_id: str) -> None:
        meeting_id = self.meeting.id if self.meeting else None
        navigation.edit_action(
            self.app, action_id, self.relationship_id, meeting_id, self.action_edited
        )

    def action_edited(self, _result: object = None) -> None:
        rid = self.relationship_id
        self.run_journal(lambda: self.journal.actions(rid), self.actions_reloaded)

    def actions_reloaded(self, actions: list[ActionStep]) -> None:
        if self.data is not None:
            self.data = replace(self.data, actions=actions)
            self.query_one(GapList).show(actions)
            self.changed()
