"""Forms never drop typing unasked, every field is reached by tab, ctrl+s saves and esc closes
(issue 12, points 3a and 7)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioSet, Select, TextArea

from mentorjournal.domain import Role, SupportContact
from mentorjournal.journal import Journal
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.relationship_form import RelationshipForm
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.screen_text import burst, screen_text, until, until_shown


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
        fields = [
            w
            for w in form.query("Input, TextArea, RadioSet, Select")
            if w.display and w.focusable
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
