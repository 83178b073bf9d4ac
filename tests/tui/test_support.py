"""Support and well-being: f2 from anywhere, contacts typed by keys, check-ins and their history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Select, Static

from mentorjournal.domain import Moment, Relationship, SupportContact, WellbeingCheckin
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.support import ContactItem, SupportScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.contact_form import ContactForm
from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput
from tests.tui.checkin_keys import NOTE, WALKS, stored_checkins
from tests.tui.conftest import FROZEN_NOW, reopen, settle, unlock
from tests.tui.screen_text import burst, screen_text, until, until_shown


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_support(pilot: Any) -> SupportScreen:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("f2")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SupportScreen)
    return screen


async def test_f2_opens_support_and_a_contact_is_added_by_keys(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        assert "well-being comes first" in text_of(screen.query_one("#support-gentle", Static))
        empty = screen.query_one("#contacts-empty", Static)
        assert empty.display and "counselling" in text_of(empty)

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press("enter", "enter", "enter")  # no name yet: refused inline, still open
        await settle(pilot)
        assert "needs a name" in text_of(app.screen.query_one("#contact-message", Static))
        await pilot.press(*"Nightline", "enter", *"0800 123", "enter", *"evenings", "enter")
        await settle(pilot)
        assert app.screen is screen
        items = list(screen.query(ContactItem))
        assert [text_of(i.query_one(Static)) for i in items] == ["Nightline  0800 123\nevenings"]
        assert not screen.query_one("#contacts-empty").display

    stored = reopen(journal_path)
    try:
        [contact] = stored.support_contacts()
        assert (contact.name, contact.how, contact.note) == ("Nightline", "0800 123", "evenings")
    finally:
        stored.close()


async def test_edit_then_delete_with_confirmation(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.save_many(
        [SupportContact(name="Amara", how="ext 1"), SupportContact(name="Union rep")]
    )
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        await pilot.press("enter")  # edit the first (Amara)
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#contact-how").value == "ext 1"
        await pilot.press("tab", "end", *"23", "enter", "enter")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # kept
        await settle(pilot)
        assert len(list(screen.query(ContactItem))) == 2
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert [i.contact.name for i in screen.query(ContactItem)] == ["Union rep"]
        # The list was filled afresh: the contact left is the highlighted one, so enter edits it.
        assert [i.highlighted for i in screen.query(ContactItem)] == [True]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#contact-name").value == "Union rep"
        await pilot.press("escape")
        await settle(pilot)

    stored = reopen(journal_path)
    try:
        assert [(c.name, c.how) for c in stored.support_contacts()] == [("Union rep", "")]
    finally:
        stored.close()


async def test_a_check_in_with_score_four_is_stored_and_drawn(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    rel = new_journal.save(Relationship(title="Board mentoring"))
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        assert not screen.query_one("#wellbeing-chart").display
        await pilot.press("4")
        await settle(pilot)
        assert screen.query_one("#checkin", WellbeingInput).score == 4
        screen.query_one("#checkin-relationship", Select).value = rel.id
        await pilot.press(*"calm", "enter")
        await settle(pilot)
        assert "▆   1 low ▁ … █ 5 good" in await until_shown(pilot, "4/5  Board mentoring  calm")
        assert screen.query_one("#checkin", WellbeingInput).note == ""

    stored = reopen(journal_path)
    try:
        [checkin] = stored.all(WellbeingCheckin)
        assert (checkin.score, checkin.note, checkin.moment) == (4, "calm", Moment.OTHER)
        assert checkin.at == FROZEN_NOW and checkin.relationship_id == rel.id
    finally:
        stored.close()


async def test_saving_a_check_in_without_a_score_says_so(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        await pilot.press("w", *"tired", "enter")
        await settle(pilot)
        assert "Choose a score" in text_of(screen.query_one("#checkin-message", Static))
    stored = reopen(journal_path)
    try:
        assert stored.all(WellbeingCheckin) == []
    finally:
        stored.close()


# Issue 12, point 2: one way to check in. A digit (from anywhere here) chooses the score and
# leaves the focus on the score row; typing there goes into the note, as does tab then typing; the
# note stays when the focus moves on to the relationship picker; ctrl+s or enter stores both.
@pytest.mark.parametrize("keys", list(WALKS.values()), ids=list(WALKS))
async def test_the_note_is_saved_with_the_score(
    new_journal: Journal, make_app: Any, journal_path: Path, keys: tuple[str, ...]
) -> None:
    new_journal.save(SupportContact(name="Nightline"))
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert app.screen is screen
        shown = await until_shown(pilot, f"4/5  {NOTE}")
        assert "▐●▌" not in shown  # the form is empty again, ready for the next check-in
    assert stored_checkins(journal_path) == [(4, NOTE)]


async def test_the_save_button_after_the_relationship_picker_saves_the_note(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    rel = new_journal.save(Relationship(title="Board mentoring"))
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        await pilot.press("4", "tab", *"slept badly", "tab", "enter")  # the picker opens
        await settle(pilot)
        await pilot.press("down", "enter", "tab", "enter")  # Board mentoring; then Save
        await settle(pilot)
        assert app.screen is screen
        await until_shown(pilot, "4/5  Board mentoring  slept badly")
    journal = reopen(journal_path)
    try:
        [checkin] = journal.all(WellbeingCheckin)
        assert (checkin.score, checkin.note, checkin.relationship_id) == (4, "slept badly", rel.id)
    finally:
        journal.close()


async def test_the_chosen_score_shows_without_colour(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_support(pilot)
        await pilot.press("3")
        await until(pilot, lambda: "▐ ▌ 2 ▐●▌ 3 ▐ ▌ 4" in screen_text(app), "score 3 marked")


async def test_a_burst_of_digit_and_note_keeps_every_key(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        form = screen.query_one("#checkin", WellbeingInput)
        burst(pilot, "2", *"can't sleep")  # "c" and "n" are keys of this screen too
        await until(pilot, lambda: form.note == "can't sleep", "the whole note typed")
        assert form.score == 2 and app.screen is screen


async def test_leaving_saves_a_scored_check_in_and_asks_about_a_note_without_score(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_support(pilot)
        await pilot.press("5", *"good day", "escape")  # esc leaves: the check-in is kept
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert stored_checkins(journal_path) == [(5, "good day")]

        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SupportScreen)
        await pilot.press("w", *"tired", "escape")  # a note, no score: asked, not dropped
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard your note?" in screen_text(app)
        await pilot.press("enter")  # "Keep it" has the focus: back to the score row
        await settle(pilot)
        assert app.screen is screen
        form = screen.query_one("#checkin", WellbeingInput)
        assert form.note == "tired"
        await pilot.press("2", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert stored_checkins(journal_path) == [(5, "good day"), (2, "tired")]

        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("w", *"nothing", "escape", "y")  # discarded when the person says so
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert stored_checkins(journal_path) == [(5, "good day"), (2, "tired")]


async def test_the_history_is_drawn_on_the_fixed_scale(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    # Issue 12, point 13: a 3 is half height whatever the other scores (a Sparkline scaled
    # from the lowest score seen to the highest drew it empty).
    new_journal.save_many(
        [
            WellbeingCheckin(FROZEN_NOW.replace(day=day), score)
            for day, score in ((20, 3), (21, 5), (22, 3))
        ]
    )
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_support(pilot)
        await pilot.press("w")
        shown = await until_shown(pilot, "Last 3 check-ins, average 3.7 of 5:")
        assert "▄█▄   1 low ▁ … █ 5 good" in shown
