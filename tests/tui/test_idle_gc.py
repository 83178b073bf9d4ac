"""Full garbage collections wait for a pause in the person's keys (tui/idle_gc.py), not for the
middle of a key → screen; Python's own setting is back once the app ends; and every screen
closed lets go of its widgets (none kept alive by the app's title or a footer's watchers)."""

from __future__ import annotations

import gc
from time import monotonic

from mentorjournal.domain import Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.idle_gc import NEVER, PAUSE_SECONDS, IdleCollector
from mentorjournal.tui.widgets.key_footer import KeyFooter
from tests.tui.conftest import settle, unlock


def promoted() -> None:
    """Something reaches the oldest generation (a collection of the middle one)."""
    gc.collect(1)
    assert gc.get_count()[2] > 0


def test_full_collections_wait_for_a_pause() -> None:
    before = gc.get_threshold()
    last = [monotonic()]
    collector = IdleCollector(lambda: last[0])
    collector.start()
    try:
        assert gc.get_threshold()[2] == NEVER  # never by itself
        promoted()
        collector.tick()  # keys were pressed just now: not now
        assert gc.get_count()[2] > 0
        last[0] = monotonic() - PAUSE_SECONDS - 0.1  # a pause
        collector.tick()
        assert gc.get_count()[2] == 0  # collected
    finally:
        collector.stop()
    assert gc.get_threshold() == before


async def test_the_app_puts_pythons_setting_back(new_journal: Journal, make_app) -> None:
    new_journal.close()
    before = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] == NEVER
    assert gc.get_threshold() == before


async def test_closed_screens_are_let_go(new_journal: Journal, make_app) -> None:
    new_journal.save(Relationship(title="Board mentoring"))
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)

        def title_watchers() -> int:
            return len(getattr(app, "__watchers", {}).get("title", []))

        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        watching = title_watchers()
        for _ in range(3):
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("2", "3", "1")  # tabs: the footer lays its keys out again
            await settle(pilot)
            footer = app.screen.query_one(KeyFooter)
            assert not getattr(footer, "__watchers", {}).get("compact")
            await pilot.press("escape")
            await settle(pilot)
        assert title_watchers() == watching
