"""Forms never drop typing unasked, every field is reached by tab, ctrl+s saves and esc closes
(issue 12, points 3a and 7)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioSet

from mentorjournal.domain import Role
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.relationship_form import RelationshipForm
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.contact_form import ContactForm
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.screen_text import burst, footer_text, screen_text, until, words


async def open_new_relationship(pilot) -> RelationshipForm:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, RelationshipForm)
    return form


async def test_escape_on_a_filled_form_asks_and_keep_editing_keeps_it(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_relationship(pilot)
        await pilot.press(*"Board role", "tab", "down", "space", "tab", *"Sam")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard what you typed?" in screen_text(app)
        # The footer's words are the buttons' words.
        assert words(footer_text(app)) == "esc Keep editing y Discard"
        await pilot.press("enter")  # "Keep editing" has the focus
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#rel-title", Input).value == "Board role"
        assert form.query_one("#rel-partner", Input).value == "Sam"

        form.query_one("#rel-cancel").scroll_visible(animate=False)
        await settle(pilot)
        await pilot.click("#rel-cancel")  # the Cancel button asks too
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")  # discard
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    journal = reopen(journal_path)
    try:
        assert journal.relationships() == []
    finally:
        journal.close()


async def test_escape_on_an_untouched_form_leaves_at_once(new_journal: Journal, make_app) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_relationship(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_tab_reaches_every_field_of_the_relationship_form_in_order(
    new_journal: Journal, make_app
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_relationship(pilot)
        # Every field shown (one in a hidden part, such as the cadence's time while there is no
        # cadence, is not a field to reach).
        fields = [
            w
            for w in form.query("Input, TextArea, RadioSet, Select")
            if w.focusable and all(getattr(a, "display", True) for a in w.ancestors_with_self)
        ]
        seen = []
        for _ in range(len(fields) + 6):
            if form.focused in fields and form.focused not in seen:
                seen.append(form.focused)
            await pilot.press("tab")
        assert [w.id for w in seen] == [w.id for w in fields]
        assert form.query_one("#rel-role", RadioSet) in seen


async def test_a_burst_of_title_tab_role_tab_partner_fills_each_field(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_new_relationship(pilot)
        burst(pilot, *"Board role", "tab", "down", "space", "tab", *"Sam", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the form saved")
        await settle(pilot)
        assert form.is_attached is False
    journal = reopen(journal_path)
    try:
        [rel] = journal.relationships()
        assert (rel.title, rel.my_role, rel.partner) == ("Board role", Role.MENTEE, "Sam")
    finally:
        journal.close()


async def test_new_contact_saves_with_ctrl_s_and_its_footer_shows_its_own_keys(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f2")
        await settle(pilot)
        support = app.screen
        assert "New contact" in screen_text(app).splitlines()[-1]
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        footer = screen_text(app).splitlines()[-1]
        assert "Save" in footer and "Cancel" in footer
        assert "New contact" not in footer and "Check in" not in footer
        await pilot.press(*"Nightline", "tab", *"0800 123", "ctrl+s")
        await settle(pilot)
        assert app.screen is support
    journal = reopen(journal_path)
    try:
        assert [(c.name, c.how) for c in journal.support_contacts()] == [("Nightline", "0800 123")]
    finally:
        journal.close()


async def test_escape_closes_a_contact_form_and_asks_first_when_typed(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f2")
        await settle(pilot)
        support = app.screen
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.screen is support
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Nightline", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert words(footer_text(app)) == "esc Keep editing y Discard"  # not "New contact"
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#contact-name", Input).value == "Nightline"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert app.screen is support
    journal = reopen(journal_path)
    try:
        assert journal.support_contacts() == []
    finally:
        journal.close()


async def test_ctrl_s_writes_the_calendar_dialog(new_journal: Journal, make_app, tmp_path) -> None:
    from datetime import date

    from mentorjournal.domain import Relationship
    from mentorjournal.tui import navigation
    from mentorjournal.tui.widgets.calendar_dialog import CalendarDialog

    rel = Relationship(
        title="Reverse mentoring with Amara", cadence="FREQ=MONTHLY", started_on=date(2026, 11, 2)
    )
    new_journal.save(rel)
    new_journal.close()
    target = tmp_path / "meetings.ics"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.calendar(app, rel.id)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CalendarDialog)
        assert "Write" in screen_text(app).splitlines()[-1]
        dialog.query_one("#cal-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog, screen_text(app)
    assert "BEGIN:VCALENDAR" in target.read_text()
