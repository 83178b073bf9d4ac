"""Nothing typed is dropped by a lock or a quit (issue 12 residue, points 2 and 4).

ctrl+l and f2 work from a dialog too; a dialog form locked with typing in it comes back after
unlocking as it was. A check-in note typed without a score is kept (encrypted, in the journal)
and comes back where it was typed — after unlocking, or after quitting and starting again —
waiting for its score. What is kept never reaches the disk readable.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from mentorjournal.domain import ActionStep, SupportContact
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.relationship_form import KEPT_BACK, RelationshipForm
from mentorjournal.tui.screens.review import ReviewScreen
from mentorjournal.tui.screens.support import SupportScreen
from mentorjournal.tui.screens.unlock import UnlockScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.contact_form import ContactForm
from mentorjournal.tui.widgets.kept_typing import NOTE_BACK, QuitQuestion
from mentorjournal.tui.widgets.wellbeing_checkin import ScoreSet, WellbeingInput
from tests.tui import test_prepare, test_review
from tests.tui.checkin_keys import stored_checkins
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.screen_text import screen_text, until

MARKER = "ZQX-kept-typing"


def readable_on_disk(folder: Path, text: str) -> list[Path]:
    """The files under ``folder`` in which ``text`` can be read as it is."""
    return [p for p in folder.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def lock_and_unlock(pilot) -> None:
    await pilot.press("ctrl+l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, UnlockScreen)
    await unlock(pilot)


async def test_an_action_form_locked_while_typing_comes_back_as_typed(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.open_relationship(app, made["rel"].id)
        await settle(pilot)
        await pilot.press("a")  # a new action, in a dialog
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*f"Book {MARKER}", "tab", "tab", *"+2w", "tab", *"Time")
        await pilot.press("ctrl+l")  # from the dialog: it used to do nothing here
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert MARKER not in screen_text(app)
        assert readable_on_disk(journal_path.parent, MARKER) == []
        await unlock(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)  # back on top of the page, as typed, unsaved
        assert isinstance(app.screen_stack[-2], RelationshipScreen)
        assert form.query_one("#action-title", Input).value == f"Book {MARKER}"
        assert form.query_one("#action-due", Input).value == "+2w"
        assert form.query_one("#action-resources", TextArea).text == "Time"
        assert f"Book {MARKER}" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
    journal = reopen(journal_path)
    try:
        [action] = [a for a in journal.all(ActionStep) if MARKER in a.title]
        assert (action.title, action.resources) == (f"Book {MARKER}", "Time")
        assert action.due_on is not None
        # Taken back once it was shown: kept no longer (and, kept or not, in one setting whose
        # name, which is not encrypted, says nothing of what or where).
        assert journal.setting("kept_typing") == {}
        assert [name for name in journal.settings() if "form" in name or "draft" in name] == []
    finally:
        journal.close()


async def test_a_contact_form_and_f2_from_a_dialog(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f2", "n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"Staff network", "tab", *"ext 4321")
        # f2 from the dialog: support is open beneath it already, so it stays as it is.
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await lock_and_unlock(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        assert isinstance(app.screen_stack[-2], SupportScreen)
        assert form.query_one("#contact-name", Input).value == "Staff network"
        assert form.query_one("#contact-how", Input).value == "ext 4321"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
    journal = reopen(journal_path)
    try:
        [contact] = journal.all(SupportContact)
        assert (contact.name, contact.how) == ("Staff network", "ext 4321")
    finally:
        journal.close()


async def test_f2_opens_support_over_a_dialog_and_esc_comes_back_to_it(
    new_journal: Journal, make_app
) -> None:
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.edit_action(app, made["action"].id)
        await settle(pilot)
        await pilot.press("end", *" now", "f2")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#action-title", Input).value == "Ask HR for panel data now"


async def test_a_note_without_a_score_in_prepare_comes_back_after_a_lock(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await test_prepare.open_prepare(pilot, made["rel"].id)
        screen.query_one(WellbeingInput).focus_score()
        await pilot.press(*f"tired {MARKER}")  # typing on the score row goes to the note
        assert screen.query_one(WellbeingInput).note == f"tired {MARKER}"
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert readable_on_disk(journal_path.parent, MARKER) == []
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        checkin = screen.query_one(WellbeingInput)
        assert (checkin.score, checkin.note) == (None, f"tired {MARKER}")
        assert isinstance(screen.focused, ScoreSet)  # where the note waits for its score
        assert NOTE_BACK in notifications(app)
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
    assert stored_checkins(journal_path) == [(2, f"tired {MARKER}")]


async def test_a_note_without_a_score_in_support_comes_back_after_quitting(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f2", "w", *"heavy day")
        await settle(pilot)
        assert app.screen.query_one(WellbeingInput).note == "heavy day"
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert stored_checkins(journal_path) == []

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, SupportScreen)
        assert screen.active_tab == "wellbeing-pane"
        checkin = screen.query_one(WellbeingInput)
        assert (checkin.score, checkin.note) == (None, "heavy day")
        assert NOTE_BACK in notifications(again)
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
    assert stored_checkins(journal_path) == [(3, "heavy day")]

    # Taken back once: a third start shows an empty note.
    third = make_app()
    async with third.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f2", "w")
        await settle(pilot)
        assert third.screen.query_one(WellbeingInput).note == ""


async def test_a_note_after_the_review_comes_back_after_a_lock(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = test_review.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await test_review.open_review(pilot, made["rel"].id)
        await pilot.press("e", *"drained")  # finish, then a note on the score row
        await settle(pilot)
        assert screen.query_one(WellbeingInput).note == "drained"
        await lock_and_unlock(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await until(pilot, lambda: screen.finished, "the review back at its check-in")
        checkin = screen.query_one(WellbeingInput)
        assert (checkin.score, checkin.note) == (None, "drained")
        assert isinstance(screen.focused, ScoreSet)
        await pilot.press("4", "enter")
        await settle(pilot)
    assert stored_checkins(journal_path) == [(4, "drained")]


async def test_quitting_over_a_form_with_typing_asks_first(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    """A lock keeps a dialog form's typing; a quit cannot, so ctrl+q asks: Keep editing goes
    back to the form as typed, ctrl+q again quits without it. An untouched form quits at once."""
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.edit_action(app, None, made["rel"].id)
        await settle(pilot)
        await pilot.press(*"Phone the Dean", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitQuestion)
        assert "Quit without saving the form?" in screen_text(app)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        assert form.query_one("#action-title", Input).value == "Phone the Dean"
        await pilot.press("ctrl+q", "ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    journal = reopen(journal_path)
    try:
        assert "Phone the Dean" not in [a.title for a in journal.all(ActionStep)]
    finally:
        journal.close()

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.edit_action(again, made["action"].id)
        await settle(pilot)
        await pilot.press("ctrl+q")  # nothing typed: no question
        await settle(pilot)
        assert not any(isinstance(s, QuitQuestion) for s in again.screen_stack)
    assert again.return_code == 0


def stored_relationships(journal_path: Path) -> list[tuple[str, str]]:
    journal = reopen(journal_path)
    try:
        return [(r.title, r.purpose) for r in journal.relationships()]
    finally:
        journal.close()


def relationship_form_shows(app) -> tuple[str, str | None, str]:
    """The form on top: its title, the role chosen (None: none) and its purpose."""
    form = app.screen
    assert isinstance(form, RelationshipForm)
    role = form.role()
    purpose = form.query_one("#rel-purpose", TextArea).text
    return form.query_one("#rel-title", Input).value, role and role.value, purpose


async def test_a_relationship_form_locked_is_kept_as_typed_and_not_stored(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    """Valid or not, what is typed comes back after unlocking and nothing is stored meanwhile
    (a valid form used to be saved by the lock, an invalid one dropped)."""
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("n", *f"Trio {MARKER}", "tab", "tab", *"Sam", "tab", *"Boards")
        await settle(pilot)  # no role chosen: it could not be saved
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert readable_on_disk(journal_path.parent, MARKER) == []
        assert stored_relationships(journal_path) == [(made["rel"].title, made["rel"].purpose)]
        await unlock(pilot)
        await until(pilot, lambda: relationship_form_shows(app)[0], "the form filled")
        assert relationship_form_shows(app) == (f"Trio {MARKER}", None, "Boards")
        assert app.screen.query_one("#rel-partner", Input).value == "Sam"
        assert KEPT_BACK in notifications(app)
        await pilot.press("escape")  # still unsaved: leaving asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("right", "enter")  # Discard
        await settle(pilot)
        assert stored_relationships(journal_path) == [(made["rel"].title, made["rel"].purpose)]

        # A valid change to a stored relationship: kept, not stored, until ctrl+s.
        navigation.edit_relationship(app, made["rel"].id)
        await settle(pilot)
        purpose = app.screen.query_one("#rel-purpose", TextArea)
        purpose.focus()
        purpose.cursor_location = purpose.document.end
        await pilot.press(*" Also boards.", "ctrl+l")
        await settle(pilot)
        assert stored_relationships(journal_path) == [(made["rel"].title, made["rel"].purpose)]
        await unlock(pilot)
        typed = made["rel"].purpose + " Also boards."
        await until(pilot, lambda: relationship_form_shows(app)[2] == typed, "the form filled")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert stored_relationships(journal_path) == [(made["rel"].title, typed)]


async def test_a_relationship_form_quit_comes_back_the_next_time_it_opens(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("n", *"Board role", "tab", "space", "tab", *"Sam", "ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert stored_relationships(journal_path) == []  # valid, yet not saved behind one's back

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await settle(pilot)
        await until(pilot, lambda: relationship_form_shows(again)[0], "the form filled")
        assert relationship_form_shows(again) == ("Board role", "mentor", "")
        form = again.screen
        form.query_one("#rel-title", Input).value = ""  # not valid now: kept all the same
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert stored_relationships(journal_path) == []

    third = make_app()
    async with third.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await settle(pilot)
        await until(pilot, lambda: third.screen.query_one("#rel-partner", Input).value, "filled")
        assert relationship_form_shows(third) == ("", "mentor", "")
        await pilot.press(*"Board role", "ctrl+s")
        await settle(pilot)
    assert stored_relationships(journal_path) == [("Board role", "")]
