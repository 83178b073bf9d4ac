"""Support and well-being: f2 from anywhere, contacts typed by keys, check-ins and their history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Select, Sparkline, Static

from mentorjournal.domain import Moment, Relationship, SupportContact, WellbeingCheckin
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.support import ContactItem, SupportScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.contact_form import ContactForm
from mentorjournal.tui.widgets.wellbeing_checkin import WellbeingInput
from tests.tui.conftest import FROZEN_NOW, reopen, settle, unlock


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
        spark = screen.query_one("#wellbeing-sparkline", Sparkline)
        assert not spark.data
        await pilot.press("4")
        await settle(pilot)
        assert screen.query_one("#checkin", WellbeingInput).score == 4
        screen.query_one("#checkin-relationship", Select).value = rel.id
        await pilot.press(*"calm", "enter")
        await settle(pilot)
        assert list(spark.data or []) == [4]
        recent = text_of(screen.query_one("#wellbeing-recent", Static))
        assert "4/5  Board mentoring  calm" in recent
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
