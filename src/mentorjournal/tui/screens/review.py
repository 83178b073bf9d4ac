"""The next-meeting review: how each action since the last meeting went — done, still open or
dropped; forwards, backwards or sideways; what was learned — then a well-being check-in."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, OptionList, Static

from mentorjournal import preparation
from mentorjournal.dates import format_day
from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Moment,
    Outcome,
    WellbeingCheckin,
)
from mentorjournal.errors import JournalError
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.review_list import ReviewList, action_card
from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput

STATUS_KEYS = {s.value: s for s in ActionStatus}
OUTCOME_KEYS = {o.value: o for o in Outcome}
STATUS_BUTTONS = {"done": "Done d", "open": "Still open o", "dropped": "Dropped x"}
OUTCOME_BUTTONS = {"forwards": "Forwards f", "backwards": "Backwards b", "sideways": "Sideways s"}


@dataclass
class Choice:
    """What the person chose for one action, before (or after) it is recorded."""

    status: ActionStatus | None = None
    outcome: Outcome | None = None
    learning: str = ""


@dataclass
class Loaded:
    meeting: Meeting
    waiting: list[ActionStep]
    reviewed: list[ActionStep]
    checkin: WellbeingCheckin | None


class ReviewScreen(JournalScreen):
    """Review every action open or due since the last held meeting."""

    BINDINGS = [
        Binding("d", "status('done')", "Done", id="review-done", show=False),
        Binding("o", "status('open')", "Still open", id="review-open", show=False),
        Binding("x", "status('dropped')", "Dropped", id="review-dropped", show=False),
        Binding("f", "outcome('forwards')", "Forwards", id="review-forwards", show=False),
        Binding("b", "outcome('backwards')", "Backwards", id="review-backwards", show=False),
        Binding("s", "outcome('sideways')", "Sideways", id="review-sideways", show=False),
        Binding("l", "learning", "Learning", id="review-learning-key"),
        Binding("ctrl+s", "record", "Record", id="review-record"),
        Binding("e", "finish", "Finish", id="review-finish-key"),
        Binding("escape", "back", "Back", id="review-back"),
    ]
    # Compact, so that at 80x24 the list, the highlighted action, the choices, the learning and
    # the buttons are all in view: one line per action, per choice and for learning + buttons.
    DEFAULT_CSS = """
    ReviewScreen #review-body { padding: 0 1; }
    ReviewScreen #review-current { border-left: tall $accent; padding: 0 1; margin: 1 0; }
    ReviewScreen .review-choice { height: 1; }
    ReviewScreen .review-choice Static, ReviewScreen #review-learning-row Label {
        width: 10; color: $text-secondary;
    }
    ReviewScreen .review-choice Button { margin-right: 1; min-width: 14; }
    ReviewScreen #review-learning-row { height: 1; margin-top: 1; }
    ReviewScreen #review-learning { width: 1fr; margin-right: 1; }
    ReviewScreen #review-learning-row Button { margin-right: 1; }
    ReviewScreen #review-message { margin-top: 1; }
    ReviewScreen #review-after { height: auto; margin-top: 1; }
    """

    def __init__(self, relationship_id: str) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.meeting: Meeting | None = None
        self.rows: list[ActionStep] = []
        self.reviewed: set[str] = set()  # ids recorded in this review (now or earlier)
        self.choices: dict[str, Choice] = {}
        self.checkin: WellbeingCheckin | None = None
        self.finished = False

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
                    placeholder="l to write; enter records",
                    id="review-learning",
                    compact=True,
                )
                yield Button("Record", id="review-record-button", variant="primary", compact=True)
                yield Button("Finish review", id="review-finish", compact=True)
            yield Static("", id="review-message", classes="error")
            with Vertical(id="review-after"):
                yield Static("", id="review-summary")
                yield WellbeingInput(
                    "After the review, how are you? 1 = low, 5 = good (press a digit)",
                    id="review-wellbeing",
                )
                with Horizontal(classes="buttons"):
                    yield Button("Save and close", id="review-checkin-save", compact=True)
                    yield Button("Skip", id="review-skip", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review"
        self.query_one("#review-after").display = False
        self.say("")
        now, rid = self.now(), self.relationship_id

        def load() -> Loaded:
            j = self.journal
            # The review is held at the next meeting; with none known, it is held now.
            meeting = j.upcoming_meeting(rid, now) or j.plan_meeting(rid, now)
            waiting = [a for a in j.awaiting_review(rid) if a.meeting_id != meeting.id]
            reviewed = preparation.reviewed_since_last(j.actions(rid), j.meetings(rid))
            checkin = preparation.checkin_for(j.wellbeing(rid), meeting, Moment.AFTER)
            return Loaded(meeting, waiting, reviewed, checkin)

        self.run_journal(load, self.show, group="review-load")

    def show(self, data: Loaded) -> None:
        self.meeting, self.checkin = data.meeting, data.checkin
        self.rows = data.waiting + data.reviewed
        self.reviewed = {a.id for a in data.reviewed}
        for a in data.waiting:
            self.choices[a.id] = Choice(learning=a.learning)
        for a in data.reviewed:
            self.choices[a.id] = Choice(a.status, a.outcome, a.learning)
        count = len(self.rows)
        day = format_day(data.meeting.starts_at.astimezone().date())
        # The keys are on the buttons (d/o/x, f/b/s) and in the footer (l, ctrl+s, e).
        self.query_one("#review-intro", Static).update(
            f"For the meeting of {day}: {count} action{'' if count == 1 else 's'} "
            "since the last meeting."
        )
        if data.checkin is not None:
            self.query_one(WellbeingInput).set_value(data.checkin.score, data.checkin.note)
        view = self.query_one(ReviewList)
        view.show(self.rows, self.reviewed)
        if not self.rows:
            self.query_one("#review-current", Static).update("Nothing to review since last time.")
            self.finish()
            return
        view.highlighted = next(
            (i for i, a in enumerate(self.rows) if a.id not in self.reviewed), 0
        )
        view.focus()
        self.show_current()

    # --- the highlighted action ---------------------------------------------------------

    def current(self) -> ActionStep | None:
        index = self.query_one(ReviewList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    @on(OptionList.OptionHighlighted, "#review-actions")
    def show_current(self) -> None:
        action = self.current()
        if action is None:
            return
        card = action_card(action, action.id in self.reviewed)
        self.query_one("#review-current", Static).update(card)
        choice = self.choices[action.id]
        with self.prevent(Input.Changed):
            self.query_one("#review-learning", Input).value = choice.learning
        self.show_choice(choice)
        self.say("")

    def show_choice(self, choice: Choice) -> None:
        for button in self.query(".review-choice Button").results(Button):
            kind, _, key = (button.id or "").partition("-")
            value = STATUS_KEYS.get(key) if kind == "status" else OUTCOME_KEYS.get(key)
            chosen = value is not None and value in (choice.status, choice.outcome)
            button.variant = "primary" if chosen else "default"

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
    def action_record(self) -> None:
        focused = self.focused
        if focused is not None and self.query_one("#review-after") in focused.ancestors:
            self.save_checkin()
            return
        action = self.current()
        if action is None or self.meeting is None:
            return
        if self.choices[action.id].status is None:
            self.say("Choose how it went first: d done, o still open or x dropped.")
            return
        self.run_journal(self.review_job([action]), self.recorded, group="review-save")

    def review_job(self, actions: list[ActionStep]) -> Callable[[], list[ActionStep]]:
        """Record these actions as chosen, then keep the summary of the review with the meeting."""
        assert self.meeting is not None
        now, meeting_id = self.now(), self.meeting.id
        reviewed = self.reviewed | {a.id for a in actions}
        rows = list(self.rows)
        todo = []
        for action in actions:
            choice = self.choices[action.id]
            base = replace(action)
            if action.id in self.reviewed and action.status is ActionStatus.OPEN:
                # Recorded once already in this review: a correction is not a second move.
                base.carried_forward = max(0, action.carried_forward - 1)
            todo.append((base, choice.status, choice.outcome, choice.learning.strip()))

        def job() -> list[ActionStep]:
            j = self.journal
            saved = {
                a.id: a for a in (j.review_action(b, s, o, t, now=now) for b, s, o, t in todo if s)
            }
            done = [saved.get(a.id, a) for a in rows if a.id in reviewed]
            j.save(
                replace(j.get(Meeting, meeting_id), review_summary=preparation.review_summary(done))
            )
            return list(saved.values())

        return job

    def keep(self, saved: list[ActionStep]) -> list[int]:
        """Take in recorded actions; returns the row indexes they are at."""
        at = []
        for action in saved:
            index = next(i for i, a in enumerate(self.rows) if a.id == action.id)
            self.rows[index] = action
            self.reviewed.add(action.id)
            at.append(index)
        return at

    def recorded(self, saved: list[ActionStep]) -> None:
        index = self.keep(saved)[0]
        view = self.query_one(ReviewList)
        view.mark_reviewed(saved[0])
        left = [i for i, a in enumerate(self.rows) if a.id not in self.reviewed]
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
        done = [a for a in self.rows if a.id in self.reviewed]
        left = len(self.rows) - len(done)
        summary = preparation.review_summary(done) or "No actions were reviewed."
        if left:
            summary += f"\n{left} not reviewed yet: they stay on the list for next time."
        self.query_one("#review-summary", Static).update(
            Content.assemble(("Kept with the meeting\n", "bold"), summary)
        )

    @on(WellbeingInput.Submitted, "#review-wellbeing")
    @on(Button.Pressed, "#review-checkin-save")
    def save_checkin(self) -> None:
        checkin = self.checkin_entry()
        if checkin is None:
            self.say("Choose a score from 1 to 5 first, or skip.")
            return
        self.run_journal(lambda: self.journal.save(checkin), lambda _: self.dismiss())

    def checkin_entry(self) -> WellbeingCheckin | None:
        score, note = self.query_one(WellbeingInput).score, self.query_one(WellbeingInput).note
        if self.meeting is None or score is None:
            return None
        return preparation.checkin_entry(
            self.checkin, score, note, self.now(), moment=Moment.AFTER, meeting=self.meeting
        )

    @on(Button.Pressed, "#review-skip")
    async def skip(self) -> None:
        await self.record_pending()
        self.dismiss()

    async def record_pending(self) -> None:
        """Actions given a status but not yet recorded are recorded (nothing chosen is lost)."""
        pending = [a for a in self.rows if a.id not in self.reviewed and self.choices[a.id].status]
        if pending:
            try:
                self.keep(await asyncio.to_thread(self.review_job(pending)))
            except JournalError as exc:
                self.journal_failed(exc)

    async def save_draft_now(self) -> None:
        """Before a lock, a quit or going back: what was chosen is recorded, and a check-in
        already scored after the review is stored."""
        await self.record_pending()
        checkin = self.checkin_entry() if self.finished else None
        if checkin is not None:
            try:
                self.checkin = await asyncio.to_thread(self.journal.save, checkin)
            except JournalError as exc:
                self.journal_failed(exc)

    async def action_back(self) -> None:
        await self.save_draft_now()
        self.dismiss()
