"""Recently deleted: a relationship deleted from its page goes to the bin (b at home, or
Settings), comes back whole with enter, and the bin is emptied for good only when asked twice;
what is older than 30 days by the app's clock is gone at unlock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.journal.bin import BIN_DAYS
from mentorjournal.journal.history_chain import KEEP_LAST
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.bin import BinScreen
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.settings import SettingsScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.fitted_table import FittedTable
from tests.tui.conftest import FROZEN_NOW, settle, unlock
from tests.tui.history_support import NOW, reopen_frozen, with_history
from tests.tui.screen_text import screen_text, text_in, until_shown, words


async def delete_from_its_page(pilot, rel_id: str) -> None:
    navigation.open_relationship(pilot.app, rel_id)
    await settle(pilot)
    assert isinstance(pilot.app.screen, RelationshipScreen)
    await pilot.press("ctrl+d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("y")
    await settle(pilot)


async def test_delete_restore_and_empty_the_bin(new_journal, make_app, journal_path: Path) -> None:
    rel, _meeting, reflection, action = with_history(new_journal)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await delete_from_its_page(pilot, rel.id)
        assert isinstance(app.screen, HomeScreen)
        await until_shown(pilot, "No relationships yet")
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, BinScreen)
        table = app.screen.query_one("#bin-table", FittedTable)
        assert [list(cells) for _key, cells in table.rows_shown] == [
            [
                "Mon 23 Nov 2026, 09:00",  # when it was deleted
                "Relationship: Race equality with Amara",
                "1 meeting, 1 reflection, 1 action",  # what went with it
                "Wed 23 Dec 2026",  # when it goes for good
            ]
        ]
        shown = screen_text(app)
        assert "Race equality with" in shown and "1 meeting, 1" in shown
        stored = reopen_frozen(journal_path)
        try:
            assert stored.relationships() == [] and stored.all(Reflection) == []
            assert len(stored.bin_items()) == 1
        finally:
            stored.close()

        await pilot.press("enter")  # restore
        await settle(pilot)
        await until_shown(pilot, f"Nothing was deleted in the last {BIN_DAYS} days.")
        stored = reopen_frozen(journal_path)
        try:
            assert [r.title for r in stored.relationships()] == [rel.title]
            assert stored.get(Reflection, reflection.id).description == NOW
            assert len(stored.versions(reflection.id)) == 2  # its history came back with it
            assert stored.bin_items() == []
        finally:
            stored.close()

        await pilot.press("escape")
        await settle(pilot)
        await delete_from_its_page(pilot, rel.id)
        navigation.settings(app)  # the other way in: Settings
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        rule = words(text_in(app, app.screen.query_one("#history-rule")))
        assert f"History keeps the last {KEEP_LAST} versions" in rule
        assert f"Recently deleted for {BIN_DAYS} days" in rule
        await pilot.click("#recently-deleted")
        await settle(pilot)
        assert isinstance(app.screen, BinScreen)
        await pilot.press("ctrl+d")  # empty: asked first, Cancel has the focus
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BinScreen)
        assert "Relationship: Race equality" in screen_text(app)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await until_shown(pilot, f"Nothing was deleted in the last {BIN_DAYS} days.")
    stored = reopen_frozen(journal_path)
    try:
        assert stored.bin_items() == [] and stored.relationships() == []
        assert stored.versions(reflection.id) == []  # gone for good, with its history
        assert {rel.id, reflection.id, action.id} <= {t.entry_id for t in stored.tombstones()}
    finally:
        stored.close()


async def test_what_was_deleted_30_days_ago_by_the_apps_clock_is_gone_at_unlock(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _meeting, _reflection, _action = with_history(new_journal)
    journal = reopen_frozen(journal_path)
    journal.clock = lambda: FROZEN_NOW - timedelta(days=BIN_DAYS)
    journal.delete(journal.get(Relationship, rel.id))
    kept = journal.save(Relationship(title="Kept"))
    journal.clock = lambda: FROZEN_NOW - timedelta(days=BIN_DAYS - 1)
    journal.delete(kept)
    journal.close()
    app = make_app()  # its clock: FROZEN_NOW
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("b")
        await settle(pilot)
        shown = screen_text(app)
        assert "Relationship: Kept" in shown and "Race equality" not in shown
    stored = reopen_frozen(journal_path)
    try:
        assert [i.entry.title for i in stored.bin_items()] == ["Kept"]
    finally:
        stored.close()
