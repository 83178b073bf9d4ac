"""A screen shown again shows what the journal kept for it (nothing worked out or decrypted twice)
— and never a stale copy: anything stored since, on another screen or in another window, shows
on return, and so does what the passing time changes (a meeting missed overnight)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import TabbedContent

from mentorjournal.domain import ActionStep, Meeting, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens import relationship as relationship_screen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from tests.tui.clock_support import Clock
from tests.tui.conftest import PASSPHRASE, settle, unlock
from tests.tui.screen_text import screen_text, until

TITLE = "Reverse mentoring with Amara"
MEETING_AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # the day after the frozen clock's


def fill(journal: Journal) -> Relationship:
    rel = Relationship(title=TITLE, partner="Amara")
    journal.save_many(
        [
            rel,
            Meeting(relationship_id=rel.id, starts_at=MEETING_AT),
            ActionStep(relationship_id=rel.id, title="Read the staff survey"),
        ]
    )
    return rel


def actions_tab(app: object) -> str:
    page = app.screen  # type: ignore[attr-defined]
    assert isinstance(page, RelationshipScreen)
    return str(page.query_one(TabbedContent).get_tab("tab-actions").label)


async def open_page(pilot) -> RelationshipScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await settle(pilot)
    page = pilot.app.screen
    assert isinstance(page, RelationshipScreen)
    return page


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The moments the relationship page was worked out for."""
    calls: list[datetime] = []
    original = relationship_screen.timeline_page

    def counting(journal: Journal, rel_id: str, now: datetime):  # type: ignore[no-untyped-def]
        calls.append(now)
        return original(journal, rel_id, now)

    monkeypatch.setattr(relationship_screen, "timeline_page", counting)
    return calls


async def test_a_page_opened_again_is_worked_out_once(
    new_journal: Journal, make_app, counted: list[datetime]
) -> None:
    fill(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        for _ in range(3):  # opened, back home, opened again…
            await open_page(pilot)
            assert actions_tab(app) == "Actions (1)"
            await pilot.press("escape")
            await settle(pilot)
        assert len(counted) == 1


async def test_what_another_screen_stores_shows_on_return(
    new_journal: Journal, make_app, counted: list[datetime]
) -> None:
    fill(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await open_page(pilot)
        await pilot.press("a")  # add an action: its form
        await settle(pilot)
        await pilot.press(*"Ask HR for panel data", "ctrl+s")
        await settle(pilot)
        await until(pilot, lambda: actions_tab(app) == "Actions (2)", "the new action counted")
        await pilot.press("4")
        await settle(pilot)
        assert "Ask HR for panel data" in screen_text(app)
        assert len(counted) > 1  # worked out again: the journal had changed


async def test_what_another_window_stores_shows_on_return(
    new_journal: Journal, make_app, journal_path: Path, counted: list[datetime]
) -> None:
    rel = fill(new_journal)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await open_page(pilot)
        await pilot.press("i")  # insight covers the page
        await settle(pilot)
        window = Journal.open(journal_path, PASSPHRASE)  # another window, meanwhile
        try:
            window.save(ActionStep(relationship_id=rel.id, title="Draft the board questions"))
        finally:
            window.close()
        await pilot.press("escape")
        await settle(pilot)
        await until(pilot, lambda: actions_tab(app) == "Actions (2)", "the other window's action")
        await pilot.press("4")
        await settle(pilot)
        assert "Draft the board questions" in screen_text(app)


async def test_a_meeting_missed_overnight_shows_on_return(
    new_journal: Journal, journal_path: Path
) -> None:
    from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
    from mentorjournal.tui.app import MentorJournalApp

    fill(new_journal)
    new_journal.close()
    clock = Clock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    app = MentorJournalApp(journal_path, kdf=FAST_KDF_FOR_TESTS, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        await open_page(pilot)
        await pilot.press("2")  # the Meetings tab
        await settle(pilot)
        assert "planned" in screen_text(app) and "missed" not in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        clock.set(MEETING_AT + timedelta(days=1))  # nothing stored: only the time moved on
        await pilot.press("escape")
        await settle(pilot)
        await until(pilot, lambda: "missed" in screen_text(app), "the meeting shown as missed")
