"""Going from one screen to another. Screens import lazily, so the first paint stays fast.

Every screen is built from ids only (see ``screens.base``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorjournal.mentoring.agenda import Standing
    from mentorjournal.tui.app import MentorJournalApp


def open_relationship(
    app: MentorJournalApp, relationship_id: str, *, show_missed: bool = False
) -> None:
    """A relationship's page (``show_missed``: on its Meetings tab, the newest missed one
    highlighted, ready to hold late, move or cancel)."""
    from mentorjournal.tui.screens.relationship import RelationshipScreen

    app.push_screen(RelationshipScreen(relationship_id, show_missed))


def new_relationship(app: MentorJournalApp) -> None:
    edit_relationship(app, None)


def edit_relationship(app: MentorJournalApp, relationship_id: str | None) -> None:
    from mentorjournal.tui.screens.relationship_form import RelationshipForm

    app.push_screen(RelationshipForm(relationship_id))


def new_reflection(
    app: MentorJournalApp,
    relationship_id: str,
    meeting_id: str | None = None,
    prefill: str = "",
    model: str | None = None,
) -> None:
    """A new reflection: in ``model`` ("opening", "closing" …), else the relationship's own."""
    from mentorjournal.tui.screens.reflection import ReflectionScreen

    screen = ReflectionScreen(
        relationship_id, None, meeting_id=meeting_id, prefill=prefill, model=model
    )
    app.push_screen(screen)


def arc_reflection(app: MentorJournalApp, relationship_id: str, model: str) -> None:
    """The relationship's opening or closing reflection: the one written already, else new."""
    from mentorjournal.mentoring.closing import latest_of

    written = latest_of(app.need_journal().reflections(relationship_id), model)
    if written is not None:
        open_reflection(app, relationship_id, written.id)
    else:
        new_reflection(app, relationship_id, model=model)


def opening_reflection(app: MentorJournalApp, relationship_id: str) -> None:
    arc_reflection(app, relationship_id, "opening")


def end_or_close(app: MentorJournalApp, relationship_id: str) -> None:
    """End the relationship (then offer its closing reflection); once ended, then and now."""
    from mentorjournal.domain import Relationship
    from mentorjournal.journal.arc import has_ended
    from mentorjournal.mentoring.dates import format_day
    from mentorjournal.tui.widgets.arc_dialog import EndDialog
    from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog

    rel = app.need_journal().get(Relationship, relationship_id)
    if has_ended(rel, app.now()):
        closing(app, relationship_id)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            arc_reflection(app, relationship_id, "closing")

    def ended(stored: Relationship | None) -> None:
        if stored is None or stored.ended_on is None:
            return
        if not has_ended(stored, app.now()):
            day = format_day(stored.ended_on)
            app.notify(f"It ends on {day}; its closing reflection is offered then.", timeout=6)
            return
        question = (
            "Write your closing reflection now: looking back, what you learned, what changed "
            "and for whom, what continues? Then and now are read side by side (o)."
        )
        app.push_screen(ChoiceDialog("It has ended", question, "Write it now", "Later"), answered)

    app.push_screen(EndDialog(rel), ended)


def closing(app: MentorJournalApp, relationship_id: str) -> None:
    """Then and now: the opening reflection beside the closing one and the summary."""
    from mentorjournal.tui.screens.closing import ClosingScreen

    app.push_screen(ClosingScreen(relationship_id))


def arc(app: MentorJournalApp, relationship_id: str) -> None:
    """The programme the relationship follows, and the model its reflections are written in."""
    from mentorjournal.tui.widgets.arc_dialog import ArcDialog

    app.push_screen(ArcDialog(relationship_id))


def open_reflection(
    app: MentorJournalApp,
    relationship_id: str,
    reflection_id: str,
    stage: int | None = None,
    find: str = "",
) -> None:
    """A reflection, at ``stage`` (an index from 0) or else at its first empty stage; ``find``:
    words to mark there (search found them)."""
    from mentorjournal.tui.screens.reflection import ReflectionScreen

    app.push_screen(ReflectionScreen(relationship_id, reflection_id, stage=stage, find=find))


def actions_board(app: MentorJournalApp, relationship_id: str | None = None) -> None:
    from mentorjournal.tui.screens.actions import ActionsScreen

    app.push_screen(ActionsScreen(relationship_id))


def edit_action(
    app: MentorJournalApp,
    action_id: str | None,
    relationship_id: str | None = None,
    meeting_id: str | None = None,
    callback: Any = None,
    find: tuple[str, str] | None = None,
) -> None:
    """The action form; ``find`` = (field, words): words to mark in that field."""
    from mentorjournal.tui.screens.action_form import ActionForm

    app.push_screen(ActionForm(action_id, relationship_id, meeting_id, find=find), callback)


def search(app: MentorJournalApp) -> None:
    from mentorjournal.tui.screens.search import SearchScreen

    app.push_screen(SearchScreen())


def settings(app: MentorJournalApp) -> None:
    from mentorjournal.tui.screens.settings import SettingsScreen

    app.push_screen(SettingsScreen())


def recently_deleted(app: MentorJournalApp) -> None:
    from mentorjournal.tui.screens.bin import BinScreen

    app.push_screen(BinScreen())


def prepare(app: MentorJournalApp, relationship_id: str) -> None:
    from mentorjournal.tui.screens.prepare import PrepareScreen

    app.push_screen(PrepareScreen(relationship_id))


def meet(app: MentorJournalApp, relationship_id: str, meeting_id: str | None = None) -> None:
    """The meeting screen: today's (or the next) meeting, or ``meeting_id`` (held late)."""
    from mentorjournal.tui.screens.meeting import MeetingScreen

    app.push_screen(MeetingScreen(relationship_id, meeting_id))


def review(app: MentorJournalApp, relationship_id: str) -> None:
    from mentorjournal.tui.screens.review import ReviewScreen

    app.push_screen(ReviewScreen(relationship_id))


def share(app: MentorJournalApp, relationship_id: str, kind: str = "plan") -> None:
    """Share an action plan (``kind`` "plan"), or an ended relationship's wider-impact plan
    ("impact")."""
    from mentorjournal.tui.screens.share import SharePlanScreen

    app.push_screen(SharePlanScreen(relationship_id, kind))


def insight(app: MentorJournalApp, relationship_id: str) -> None:
    from mentorjournal.tui.screens.insight import InsightScreen

    app.push_screen(InsightScreen(relationship_id))


def calendar(app: MentorJournalApp, relationship_id: str) -> None:
    """The dialog that writes the coming meetings to an .ics file."""
    from mentorjournal.tui.widgets.calendar_dialog import CalendarDialog

    app.push_screen(CalendarDialog(relationship_id))


def meetings(app: MentorJournalApp, relationship_id: str) -> None:
    """The relationship's Meetings tab, the newest missed meeting highlighted."""
    open_relationship(app, relationship_id, show_missed=True)


def change_cadence(app: MentorJournalApp, relationship_id: str) -> None:
    from mentorjournal.domain import Relationship
    from mentorjournal.tui.widgets.meeting_dialogs import CadenceDialog

    rel = app.need_journal().get(Relationship, relationship_id)
    app.push_screen(CadenceDialog(rel), lambda _changed: None)


def next_meeting_dialog(app: MentorJournalApp, relationship_id: str, kind: str) -> None:
    """Move ("move") or cancel ("cancel") the next meeting to be held."""
    from mentorjournal.domain import Relationship
    from mentorjournal.mentoring import schedule
    from mentorjournal.tui.widgets.meeting_dialogs import CancelDialog, RescheduleDialog

    journal = app.need_journal()
    rel = journal.get(Relationship, relationship_id)
    slot = schedule.upcoming(rel, journal.meetings(relationship_id), app.now())
    if slot is None or slot.state is schedule.State.UNDER_WAY:
        app.notify("There is no meeting to come to move or cancel.")
        return
    dialog = RescheduleDialog(rel, slot) if kind == "move" else CancelDialog(rel, slot)
    app.push_screen(dialog, lambda _meeting: None)


def move_next_meeting(app: MentorJournalApp, relationship_id: str) -> None:
    next_meeting_dialog(app, relationship_id, "move")


def cancel_next_meeting(app: MentorJournalApp, relationship_id: str) -> None:
    next_meeting_dialog(app, relationship_id, "cancel")


def follow_next_step(app: MentorJournalApp, st: Standing) -> None:
    """Home's "what now" line leads straight to the screen it names."""
    rel_id = st.relationship.id
    step = st.next_step
    if step == "reflect":
        last = app.need_journal().last_held_meeting(rel_id)
        new_reflection(app, rel_id, last.id if last else None)
    elif step == "review":
        review(app, rel_id)
    elif step == "meet":
        meet(app, rel_id)
    elif step == "prepare":
        prepare(app, rel_id)
    elif step == "missed":
        open_relationship(app, rel_id, show_missed=True)
    elif step in ("opening", "closing"):
        arc_reflection(app, rel_id, step)
    else:
        open_relationship(app, rel_id)


def open_entry(
    app: MentorJournalApp, entry_type: type, entry_id: str, field: str = "", term: str = ""
) -> None:
    """Open the entry found by search itself (a meeting's own record, a reflection at the stage
    that matched, an action's form), not only the relationship it belongs to, with the ``term``
    found in ``field`` marked and scrolled into view."""
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
    from mentorjournal.tui.widgets.found import span_of

    journal = app.need_journal()
    if entry_type is Relationship:
        open_relationship(app, entry_id)
    elif entry_type is Reflection:
        from mentorjournal.mentoring.models import model_of

        ref = journal.get(Reflection, entry_id)
        stage = model_of(ref).stage_index(field)
        open_reflection(app, ref.relationship_id, entry_id, stage, find=term)
    elif entry_type is ActionStep:
        edit_action(app, entry_id, find=(field, term))
    elif entry_type is Review:
        # What was learned at a review reads in the summary of the meeting it was held at;
        # the action keeps only its latest learning.
        review = journal.get(Review, entry_id)
        meetings = {m.id: m for m in journal.meetings(review.relationship_id)}
        held_at = meetings.get(review.meeting_id or "")
        if held_at is not None and span_of(held_at.review_summary, term) is not None:
            open_meeting(app, held_at.id, ("review_summary", term))
        else:
            edit_action(app, review.action_id, find=("learning", term))
    elif entry_type is Meeting:
        open_meeting(app, entry_id, (field, term))
    elif entry_type in (SupportContact, WellbeingCheckin):
        app.action_support()
    elif entry_type is OwnPrompt:
        settings(app)


def open_meeting(app: MentorJournalApp, meeting_id: str, find: tuple[str, str] | None) -> None:
    """One meeting's record, read only; ``find`` = (field, words): words to mark there."""
    from mentorjournal.tui.screens.meeting_view import MeetingView

    app.push_screen(MeetingView(meeting_id, find))
