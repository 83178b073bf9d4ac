"""The next-meeting review: how each open action went (done, still open or dropped; forwards,
backwards or sideways; what was learned), then a well-being check-in. Each review is a record kept
with the meeting it belongs to (the one under way, else the one held earlier today, else the next
one), whichever order the person does things in; reviewing again for the same meeting edits that
record. The Learned box starts empty, the last learning beside it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, OptionList, Static

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Moment,
    Outcome,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.errors import JournalError
from mentorjournal.mentoring import preparation, schedule
from mentorjournal.mentoring.dates import format_day
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.screens.review_data import (
    Choice,
    Loaded,
    ReviewItem,
    load_review,
    record_reviews,
)
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.kept_typing import KeepsNote, bring_note_back, take_note
from mentorjournal.tui.widgets.other_window import store_checkin, tell
from mentorjournal.tui.widgets.review_list import ReviewList, action_card
from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput, leave_keeping_checkin

STATUS_KEYS = {s.value: s for s in ActionStatus}
OUTCOME_KEYS = {o.value: o for o in Outcome}
STATUS_BUTTONS = {"done": "Done d", "open": "Still open o", "dropped": "Dropped x"}
OUTCOME_BUTTONS = {"forwards": "Forwards f", "backwards": "Backwards b", "sideways": "Sideways s"}


class ReviewScreen(KeepsNote, JournalScreen):  # type: ignore[misc]
    """Review every action open or due since the last held meeting."""

    KEY_SECTION = "review"
    BINDINGS = keymap.bindings(KEY_SECTION)
    # The list of actions gets the focus once loaded. Not the scrolling body first: a container
    # taking or losing the focus styles everything in it again.
    AUTO_FOCUS = "#review-actions"
    # Compact, so that at 80x24 the list, the highlighted action, the choices, the learning and
    # the buttons are all in view. A chosen status or outcome is marked "✓" on its button, not
    # only coloured (NO_COLOR, colour blindness); the buttons keep one width, marked or not.
    DEFAULT_CSS = """
    ReviewScreen #review-body { padding: 0 1; }
    ReviewScreen #review-current { border-left: tall $accent; padding: 0 1; margin: 1 0 0 0; }
    ReviewScreen .review-choice, ReviewScreen #review-learning-row { height: 1; }
    ReviewScreen .review-choice Static, ReviewScreen #review-learning-row Label {
        width: 10; color: $text-secondary;
    }
    ReviewScreen .review-choice Button { margin-right: 1; width: 16; }
    ReviewScreen #review-learning { width: 1fr; }
    ReviewScreen #review-buttons { height: 1; padding-left: 10; }
    ReviewScreen #review-buttons Button { margin-right: 1; }
    ReviewScreen #review-message { margin-top: 1; }
    ReviewScreen #review-after { height: auto; margin-top: 1; }
    """

    def __init__(self, relationship_id: str) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.meeting: Meeting | None = None
        self.rows: list[ReviewItem] = []
        self.choices: dict[str, Choice] = {}
        self.checkin: WellbeingCheckin | None = None
        self.moment = Moment.AFTER
        self.finished = False
        self.note_place = f"review.{relationship_id}"  # a note without a score kept for here

    def compose(self) -> ComposeResult:
        yield journal_header()
        with VerticalScroll(id="review-body"):
            yield Static("Finding the actions to review…", id="review-intro", classes="muted")
            yield ReviewList(id="review-actions")
            yield Static("", id="review-current")
            for label, kind, choices in (
                ("Status", "status", STATUS_BUTTONS),
                ("Outcome", "outcome", OUTCOME_BUTTONS),
            ):
                with Horizontal(classes="review-choice"):
                    yield Static(label)
                    for key, text in choices.items():
                        yield Button(text, id=f"{kind}-{key}", compact=True)
            with Horizontal(id="review-learning-row"):
                yield Label("Learned")
                yield Input(
                    placeholder="l to write what was learned; enter records",
                    id="review-learning",
                    compact=True,
                )
            with Horizontal(id="review-buttons"):
                yield Button("Record", id="review-record-button", variant="primary", compact=True)
                yield Button("Finish review", id="review-finish", compact=True)
            yield Static("", id="review-message", classes="error")
            with Vertical(id="review-after"):
                yield Static("", id="review-summary")
                yield WellbeingInput("After the review, how are you?", id="review-wellbeing")
                with Horizontal(classes="buttons"):
                    yield Button("Save and close", id="review-checkin-save", compact=True)
                    yield Button("Skip", id="review-skip", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review-after").display = False
        self.say("")
        journal, rid, place = self.journal, self.relationship_id, self.note_place

        def load(now: datetime) -> tuple[Loaded, str]:
            return load_review(journal, rid, now), take_note(journal, place)

        # (a note kept at a lock is taken: the journal changes, so such a view is never kept)
        self.show_view(("review", rid), load, self.opened, group="review-load", opens=True)

    def opened(self, loaded: tuple[Loaded, str]) -> None:
        data, kept_note = loaded
        self.show(data)
        scored = data.checkin is not None and data.checkin.score is not None
        if kept_note and not scored:  # typed after the review, kept through a lock or a quit
            self.finish()
            bring_note_back(self.query_one(WellbeingInput), kept_note)

    @property
    def reviewed(self) -> set[str]:
        """Ids of the actions recorded for this meeting (in this review or before)."""
        return {i.action.id for i in self.rows if i.record is not None}

    def show(self, data: Loaded) -> None:
        self.meeting, self.checkin, self.moment = data.meeting, data.checkin, data.moment
        self.rows = list(data.items)  # a list of its own: the journal keeps the one loaded
        for item in data.items:
            record = item.record
            self.choices[item.action.id] = (
                Choice(record.status, record.outcome, record.learning) if record else Choice()
            )
        count = len(self.rows)
        if data.meeting is None:
            where = "Between meetings (none is planned)"
        else:
            zone = schedule.rel_zone(self.journal.get(Relationship, self.relationship_id))
            where = (
                f"For the meeting of {format_day(data.meeting.starts_at.astimezone(zone).date())}"
            )
        # The keys are on the buttons (d/o/x, f/b/s) and in the footer (l, ctrl+s, e).
        self.query_one("#review-intro", Static).update(
            f"{where}: {count} action{'' if count == 1 else 's'} open or to review."
        )
        if data.checkin is not None:
            self.query_one(WellbeingInput).set_value(data.checkin.score, data.checkin.note)
        if data.moment is Moment.BEFORE:
            self.query_one(WellbeingInput).set_question("Before the meeting, how are you?")
        view = self.query_one(ReviewList)
        view.show(self.rows)
        if not self.rows:
            self.query_one("#review-current", Static).update("No open actions to review.")
            self.finish()
            return
        reviewed = self.reviewed
        view.highlighted = next(
            (i for i, item in enumerate(self.rows) if item.action.id not in reviewed), 0
        )
        self.set_focus(view)  # at once: keys typed as the review opened come next
        self.show_current()

    # --- the highlighted action ---------------------------------------------------------

    def current_item(self) -> ReviewItem | None:
        index = self.query_one(ReviewList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def current(self) -> ActionStep | None:
        item = self.current_item()
        return item.action if item else None

    @on(OptionList.OptionHighlighted, "#review-actions")
    def show_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        action = item.action
        self.query_one("#review-current", Static).update(action_card(item))
        choice = self.choices[action.id]
        with self.prevent(Input.Changed):
            self.query_one("#review-learning", Input).value = choice.learning
        self.show_choice(choice)
        self.say("")

    def show_choice(self, choice: Choice) -> None:
        """The chosen status and outcome: marked ✓ (in words for every terminal) and coloured."""
        for button in self.query(".review-choice Button").results(Button):
            kind, _, key = (button.id or "").partition("-")
            if kind == "status":
                chosen, text = STATUS_KEYS[key] is choice.status, STATUS_BUTTONS[key]
            else:
                chosen, text = OUTCOME_KEYS[key] is choice.outcome, OUTCOME_BUTTONS[key]
            button.variant = "primary" if chosen else "default"
            button.label = f"✓ {text}" if chosen else text

    def say(self, message: str) -> None:
        """A sentence under the buttons; none takes no room."""
        line = self.query_one("#review-message", Static)
        line.update(message)
        line.display = bool(message)

    def action_status(self, key: str) -> None:
        if (action := self.current()) is not None:
            self.choices[action.id].status = STATUS_KEYS[key]
            self.show_choice(self.choices[action.id])

    def action_outcome(self, key: str) -> None:
        if (action := self.current()) is not None:
            self.choices[action.id].outcome = OUTCOME_KEYS[key]
            self.show_choice(self.choices[action.id])

    @on(Button.Pressed, ".review-choice Button")
    def choice_clicked(self, event: Button.Pressed) -> None:
        kind, _, key = (event.button.id or "").partition("-")
        (self.action_status if kind == "status" else self.action_outcome)(key)

    def action_learning(self) -> None:
        self.query_one("#review-learning", Input).focus()

    @on(Input.Changed, "#review-learning")
    def learning_typed(self, event: Input.Changed) -> None:
        if (action := self.current()) is not None:
            self.choices[action.id].learning = event.value

    # --- recording ------------------------------------------------------------------------

    @on(ReviewList.Record)
    @on(Input.Submitted, "#review-learning")
    @on(Button.Pressed, "#review-record-button")
    async def action_record(self) -> None:
        focused = self.focused
        if focused is not None and self.query_one("#review-after") in focused.ancestors:
            await self.save_checkin()
            return
        action = self.current()
        if action is None:
            return
        if self.choices[action.id].status is None:
            self.say("Choose how it went first: d done, o still open or x dropped.")
            return
        self.run_journal(self.review_job([action]), self.recorded, group="review-save")

    def review_job(self, actions: list[ActionStep]) -> Callable[[], list[ReviewItem]]:
        """Record these actions as chosen, for this review's meeting, then keep the summary of
        the meeting's review with it."""
        now = self.now()
        meeting_id = self.meeting.id if self.meeting else None
        rid = self.relationship_id
        todo = []
        for action in actions:
            choice = self.choices[action.id]
            if choice.status is not None:
                todo.append((action, choice.status, choice.outcome, choice.learning.strip()))

        order = [i.action.id for i in self.rows]

        def job() -> list[ReviewItem]:
            return record_reviews(self.journal, rid, now, meeting_id, todo, order)

        return job

    def keep(self, saved: list[ReviewItem]) -> list[int]:
        """Take in recorded actions; returns the row indexes they are at."""
        at = []
        for item in saved:
            index = next(i for i, r in enumerate(self.rows) if r.action.id == item.action.id)
            self.rows[index] = item
            at.append(index)
        return at

    def recorded(self, saved: list[ReviewItem]) -> None:
        if not saved:
            return
        index = self.keep(saved)[0]
        view = self.query_one(ReviewList)
        view.mark_reviewed(saved[0])
        reviewed = self.reviewed
        left = [i for i, r in enumerate(self.rows) if r.action.id not in reviewed]
        if not left:
            self.finish()
            return
        if self.finished:
            self.show_summary()
        view.highlighted = next((i for i in left if i > index), left[0])
        view.focus()
        self.show_current()

    # --- finishing: the summary is kept, then a check-in after -----------------------------

    @on(Button.Pressed, "#review-finish")
    def action_finish(self) -> None:
        self.finish()

    def finish(self) -> None:
        self.finished = True
        self.show_summary()
        after = self.query_one("#review-after")
        after.display = True
        self.query_one(WellbeingInput).focus_score()
        # The summary, the check-in and its buttons, at the end: in view once laid out.
        body = self.query_one("#review-body", VerticalScroll)
        self.call_after_refresh(body.scroll_end, animate=False)

    def show_summary(self) -> None:
        done = [(i.action, i.record, i.carried) for i in self.rows if i.record is not None]
        left = len(self.rows) - len(done)
        summary = preparation.review_summary(done) or "No actions were reviewed."  # type: ignore[arg-type]
        if left:
            summary += f"\n{left} not reviewed yet: they stay on the list for next time."
        self.query_one("#review-summary", Static).update(
            Content.assemble(("Kept with the meeting\n", "bold"), summary)
        )

    @on(WellbeingInput.Submitted, "#review-wellbeing")
    @on(Button.Pressed, "#review-checkin-save")
    async def save_checkin(self) -> None:
        job = self.checkin_job()
        if job is None:
            self.say("Choose a score from 1 to 5 first, or skip.")
            self.query_one(WellbeingInput).focus_score()
            return
        # Stored, then the screen closes (not from a worker of its own: closing would cancel it).
        try:
            result = await asyncio.to_thread(job)
        except JournalError as exc:
            self.journal_failed(exc)
            return
        self.checkin = result[0]
        self.checkin_stored(result)

    def checkin_stored(self, result: tuple[WellbeingCheckin, str]) -> None:
        tell(self.app, result[1])
        self.dismiss()

    def checkin_job(self) -> Callable[[], tuple[WellbeingCheckin, str]] | None:
        """Storing the check-in scored on screen, onto the one shown since opening if any."""
        score, note = self.query_one(WellbeingInput).score, self.query_one(WellbeingInput).note
        if self.meeting is None or score is None:
            return None
        journal, loaded = self.journal, self.checkin
        made = preparation.checkin_entry(
            None, score, note, self.now(), moment=self.moment, meeting=self.meeting
        )
        return lambda: store_checkin(journal, loaded, made)

    @on(Button.Pressed, "#review-skip")
    async def skip(self) -> None:
        await self.record_pending()
        leave_keeping_checkin(self, self.query_one(WellbeingInput), self.dismiss, skipping=True)

    async def record_pending(self) -> None:
        """Actions given a status but not yet recorded are recorded (nothing chosen is lost)."""
        reviewed = self.reviewed
        pending = [
            i.action
            for i in self.rows
            if i.action.id not in reviewed and self.choices[i.action.id].status
        ]
        if pending:
            try:
                self.keep(await asyncio.to_thread(self.review_job(pending)))
            except JournalError as exc:
                self.journal_failed(exc)

    async def save_draft_now(self) -> None:
        """Before a lock, a quit or going back: what was chosen is recorded, and a check-in
        already scored after the review is stored."""
        await self.record_pending()
        job = self.checkin_job() if self.finished else None
        if job is not None:
            try:
                self.checkin, _notice = await asyncio.to_thread(job)
            except JournalError as exc:
                self.journal_failed(exc)

    async def action_back(self) -> None:
        await self.save_draft_now()
        leave_keeping_checkin(self, self.query_one(WellbeingInput), self.dismiss)
