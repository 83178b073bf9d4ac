"""In the meeting: ground rules and purpose first, then a timer, the prompt deck, notes and framing.

Notes are saved (encrypted) in a worker ~1.5 s after the last keystroke and at least every 5 s while
typing goes on, so a crash loses only the last few seconds. Ending the meeting marks it held, plans
the next one from the cadence and offers a Gibbs reflection while the meeting is fresh.
Opened with the id of a held meeting, the screen edits its notes and framing, with no timer.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static, TextArea

from mentorjournal.domain import ActionStep, Meeting, MeetingStatus, Relationship
from mentorjournal.errors import JournalError
from mentorjournal.mentoring import schedule
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.screens.home import first_line, first_lines
from mentorjournal.tui.screens.meeting_data import Loaded, load_meeting
from mentorjournal.tui.widgets import meeting_draft
from mentorjournal.tui.widgets.autosave import DraftKeeper, Written
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.history_link import open_history
from mentorjournal.tui.widgets.key_footer import KeyFooter
from mentorjournal.tui.widgets.meeting_dialogs import WhichMeetingDialog
from mentorjournal.tui.widgets.meeting_draft import Draft
from mentorjournal.tui.widgets.meeting_timer import WARN_MINUTES, MeetingTimer
from mentorjournal.tui.widgets.notes_framing import NotesAndFraming
from mentorjournal.tui.widgets.prompt_deck import PromptDeck

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


class MeetingScreen(JournalScreen):
    """The meeting under way (or, for a held meeting, its notes to edit)."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    KEY_SECTION = "meeting"
    BINDINGS = keymap.bindings(KEY_SECTION)
    DEFAULT_CSS = """
    MeetingScreen #meeting-purpose {
        height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
        background: $boost; text-style: bold;
    }
    MeetingScreen #meeting-status { height: 1; padding: 0 1; }
    MeetingScreen #meeting-timer { width: 1fr; }
    MeetingScreen #meeting-saved { width: auto; color: $text-muted; }
    MeetingScreen #meeting-deck {
        height: auto; max-height: 6; padding: 0 1; background: $panel;
        border-left: outer $accent;
    }
    """

    def __init__(self, relationship_id: str, meeting_id: str | None = None) -> None:
        super().__init__(relationship_id, meeting_id)
        self.relationship_id = relationship_id
        self.meeting_id = meeting_id
        self.relationship: Relationship | None = None
        self.meeting: Meeting | None = None
        self.live = True  # a meeting being held now (False: a held meeting's notes)
        self.started: datetime | None = None
        self.ended = False
        self.resume: tuple[datetime, bool, bool] | None = None  # carried over a lock
        self.slot: schedule.Slot | None = None
        self.drafts = DraftKeeper(self, self.draft, self.write, self.show_stored, self.saved)
        self.journal_for_saving: Journal  # the open journal, for the saving thread
        self._return_focus: Any = None
        self.saved_words = ""  # what the line beside the timer says

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Static("", id="meeting-purpose")
        with Horizontal(id="meeting-status"):
            yield MeetingTimer(self.now, id="meeting-timer")
            yield Static("", id="meeting-saved")
        yield PromptDeck(id="meeting-deck")
        yield NotesAndFraming()
        yield KeyFooter(rows=2)  # all its keys at 80 columns

    def on_mount(self) -> None:
        self.sub_title = "Meeting"
        journal = self.journal
        self.journal_for_saving = journal
        rel_id, meeting_id = self.relationship_id, self.meeting_id

        def load(now: datetime) -> Loaded:
            return load_meeting(journal, rel_id, meeting_id, now)

        self.show_view(
            ("meeting", rel_id, meeting_id),
            load,
            self.loaded,
            group="meeting-load",
            failed=self.load_failed,
            opens=True,
        )

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.leave()

    def rebuild(self) -> JournalScreen:
        """After a lock: the same meeting, and a meeting under way keeps its clock."""
        screen = MeetingScreen(self.relationship_id, self.meeting.id if self.meeting else None)
        if self.started is not None and not self.ended:
            timer = self.query_one(MeetingTimer)
            screen.resume = (self.started, timer.warned, timer.over)
        return screen

    # --- loading and starting -------------------------------------------------------------

    def loaded(self, data: Loaded) -> None:
        rel, meeting = data.relationship, data.meeting
        self.relationship, self.meeting = rel, meeting
        self.live = meeting is None or meeting.status is MeetingStatus.PLANNED
        self.sub_title = f"Meeting · {rel.title}"
        purpose = first_line(rel.purpose) or "not written yet — agree one together"
        self.query_one("#meeting-purpose", Static).update(f"Purpose: {purpose}")
        self.query_one(PromptDeck).load(
            data.themes, meeting.themes if meeting else [], meeting.used_prompts if meeting else []
        )
        self.editors.load(meeting.notes if meeting else "", meeting.framing if meeting else "")
        self.drafts.stored = self.draft()
        self.refresh_bindings()
        if meeting is not None and not self.live:
            status = "Held" if meeting.status is MeetingStatus.HELD else "Cancelled"
            self.query_one(MeetingTimer).update(
                f"{status} {schedule.format_meeting(rel, meeting.starts_at)} · "
                f"{meeting.duration_minutes} min"
            )
            self.editors.open()
        elif self.resume is not None:
            self.begin(*self.resume)
        elif meeting is not None and meeting.started_at is not None:
            self.begin(meeting.started_at)  # under way already (opened again)
        elif self.later_day(data.slot):
            assert data.slot is not None
            slot = data.slot

            def answered(choice: str | None) -> None:
                if choice is None:
                    self.leave()
                else:
                    self.chosen(slot if choice == "next" else None)

            when = schedule.format_meeting(data.relationship, slot.when)
            self.app.push_screen(WhichMeetingDialog(when), answered)
        else:
            self.chosen(data.slot)

    def later_day(self, slot: schedule.Slot | None) -> bool:
        """The next meeting is on a day after today (in the relationship's zone)."""
        if slot is None or self.relationship is None or self.meeting_id is not None:
            return False
        zone = schedule.rel_zone(self.relationship)
        return slot.when.astimezone(zone).date() > self.now().astimezone(zone).date()

    def chosen(self, slot: schedule.Slot | None) -> None:
        """Which meeting is held: ``slot`` (stored first if only on the cadence), or — None —
        one the screen already has, or an extra meeting now."""
        self.slot = slot
        if self.meeting is not None and slot is None and self.meeting_id is None:
            self.meeting = None  # an extra meeting, not the next one
        rel = self.relationship
        assert rel is not None
        card = GroundRulesCard(rel.title, rel.purpose, rel.ground_rules)
        self.app.push_screen(card, self.agreed)

    def agreed(self, agreed: bool | None) -> None:
        if not agreed:
            self.leave()
            return
        journal, now, meeting, rel_id = self.journal, self.now(), self.meeting, self.relationship_id
        slot = self.slot

        def start() -> Meeting:
            held = meeting
            if held is None and slot is not None:
                held = journal.store_slot(rel_id, slot)
            if held is None:
                held = journal.plan_meeting(rel_id, now.replace(second=0, microsecond=0))
            return journal.start_meeting(held, now)

        def started(held: Meeting) -> None:
            self.meeting = held
            self.begin(held.started_at or now)

        self.run_journal(start, started, group="meeting-start")

    def begin(self, started: datetime, warned: bool = False, over: bool = False) -> None:
        assert self.meeting is not None
        self.started = started
        self.query_one(MeetingTimer).start(
            started, self.meeting.duration_minutes, warned=warned, over=over
        )
        self.editors.open()

    # --- saving ---------------------------------------------------------------------------

    @property
    def editors(self) -> NotesAndFraming:
        return self.query_one(NotesAndFraming)

    def draft(self) -> Draft:
        return meeting_draft.read(self.editors, self.query_one(PromptDeck))

    def write(self, draft: Draft, base: Draft) -> Written[Draft]:
        """Store what changed since the last save (in a thread; see ``meeting_draft.store``)."""
        assert self.meeting is not None
        self.meeting, written = meeting_draft.store(
            self.journal_for_saving, self.meeting.id, draft, base
        )
        return written

    def show_stored(self, draft: Draft) -> None:
        meeting_draft.show(self.editors, self.query_one(PromptDeck), draft)

    @on(TextArea.Changed)
    def typed(self) -> None:
        if self.meeting is not None and self.drafts.changed():
            self.say_saved("Not saved yet")

    def saved(self) -> None:
        if not self.drafts.dirty:
            stamp = self.now().astimezone().strftime("%H:%M:%S")
            self.say_saved(f"Saved {stamp}")

    def say_saved(self, words: str) -> None:
        """The line beside the timer; drawn again only when its words change (not at every key
        typed: each change lays the line out again)."""
        if words != self.saved_words:
            self.saved_words = words
            self.query_one("#meeting-saved", Static).update(words)

    async def save_draft_now(self) -> None:
        """Store what is typed now (before a lock, quit or leaving)."""
        if self.meeting is not None:
            await self.drafts.save_now()

    async def action_history(self) -> None:
        meeting_id = self.meeting.id if self.meeting is not None else None
        await open_history(self, Meeting, meeting_id, self.restored, ("notes", "framing"))

    def restored(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.drafts.stored = meeting_draft.of_meeting(meeting)
        self.show_stored(self.drafts.stored)

    # --- prompts, editors, actions ----------------------------------------------------------

    def action_next(self) -> None:
        self.query_one(PromptDeck).next()

    def action_previous(self) -> None:
        self.query_one(PromptDeck).previous()

    def action_mark_used(self) -> None:
        self.query_one(PromptDeck).toggle_used()

    def action_switch_theme(self) -> None:
        self.query_one(PromptDeck).next_theme()

    @on(PromptDeck.UsedChanged)
    def used_changed(self) -> None:
        if self.meeting is not None:
            self.drafts.save_in_background()

    def action_next_tab(self) -> None:
        """f5: notes or framing (tabs when narrow, side by side when wide)."""
        self.editors.switch()

    def action_add_action(self) -> None:
        if self.meeting is None:
            self.notify("Start the meeting first: agree the ground rules.")
            return
        self._return_focus = self.focused
        navigation.edit_action(
            self.app, None, self.relationship_id, self.meeting.id, self.action_captured
        )

    def action_captured(self, action_id: str | None) -> None:
        if action_id:
            title = self.journal.get(ActionStep, action_id).title
            self.notify(f"Action captured: {title}", timeout=4)
        if self._return_focus is not None and self._return_focus.is_attached:
            self._return_focus.focus()

    # --- time ---------------------------------------------------------------------------------

    @on(MeetingTimer.AlmostUp)
    def almost_up(self, message: MeetingTimer.AlmostUp) -> None:
        left = "5 minutes left" if message.minutes_left >= WARN_MINUTES else "Under 5 minutes left"
        self.notify(
            f"{left} — a good moment to agree clear action steps (ctrl+n): who does what, by when.",
            title="Time",
            timeout=15,
        )

    @on(MeetingTimer.TimeUp)
    def time_up(self) -> None:
        self.notify(
            "The time you planned is up. End the meeting with ctrl+t when you are ready.",
            title="Time is up",
            severity="warning",
            timeout=15,
        )

    # --- ending and leaving ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end_meeting":
            return self.live and not self.ended
        return True

    def action_end_meeting(self) -> None:
        if self.meeting is None or self.started is None or self.ended:
            self.notify("Start the meeting first: agree the ground rules.")
            return
        question = (
            "It will be marked as held, with the time it really took; the next meeting "
            "stays where your cadence puts it."
        )
        dialog = ChoiceDialog("End the meeting now?", question, "End meeting", "Carry on")
        self.app.push_screen(dialog, self.end_confirmed)

    def end_confirmed(self, confirmed: bool | None) -> None:
        if confirmed and self.meeting is not None:
            self.run_worker(self.end_now(), group="meeting-end")

    async def end_now(self) -> None:
        """Store what is typed, then end the meeting as it is stored now."""
        if not await self.drafts.save_now() or self.meeting is None:
            return
        journal, now, rel_id = self.journal, self.now(), self.relationship_id
        meeting_id = self.meeting.id

        def end() -> tuple[Meeting, datetime | None]:
            held = journal.end_meeting(journal.get(Meeting, meeting_id), now)
            return held, journal.next_meeting(rel_id, now)

        self.run_journal(end, self.ended_meeting, group="meeting-end")

    def ended_meeting(self, result: tuple[Meeting, datetime | None]) -> None:
        held, following = result
        self.meeting = held
        self.ended = True
        self.query_one(MeetingTimer).stop()
        self.saved()
        self.refresh_bindings()
        if following is None:
            nxt = "No cadence is set, so no next meeting is known."
        else:
            assert self.relationship is not None
            nxt = f"Next meeting: {schedule.format_meeting(self.relationship, following)}."
        took = f"It took {held.duration_minutes} min."
        self.notify(f"Meeting marked as held. {took} {nxt}", title="Meeting ended", timeout=10)
        offer = ChoiceDialog(
            "Reflect now?",
            "While it is fresh: a Gibbs reflection on this meeting, starting from your notes.",
            "Reflect now",
            "Later",
        )
        self.app.push_screen(offer, self.reflect_answer)

    def reflect_answer(self, reflect: bool | None) -> None:
        app, rel_id = self.app, self.relationship_id
        meeting_id = self.meeting.id if self.meeting else None
        prefill = first_lines(self.editors.notes, 3)
        self.leave()
        if reflect:
            navigation.new_reflection(app, rel_id, meeting_id, prefill=prefill)

    def leave(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    async def action_back(self) -> None:
        await self.save_draft_now()
        if self.live and self.started is not None and not self.ended:
            self.notify("The meeting is still open: Meet carries on, ctrl+t ends it.", timeout=6)
        self.leave()
