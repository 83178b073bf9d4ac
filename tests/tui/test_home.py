"""Unlocking leads to a home screen that shows the relationships on its first paint (read in the
unlock worker); where each stands is worked out once, off the UI thread, and filled in, and
worked out again when the screen is returned to after the journal changed."""

from __future__ import annotations

import threading

from textual.widgets import ListView, Static

from mentorjournal.domain import ActionStep, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.home import HomeScreen, RelationshipItem
from mentorjournal.tui.screens.search import SearchScreen
from tests.tui.conftest import PASSPHRASE, settle


async def test_home_is_complete_on_its_first_paint(new_journal: Journal, make_app, monkeypatch):
    rel = new_journal.save(Relationship(title="Reverse mentoring with Amara"))
    new_journal.save(ActionStep(relationship_id=rel.id, title="Read the staff survey"))
    new_journal.close()
    calls: list[str] = []
    original = Journal.standings

    def counted(self: Journal, now=None):
        calls.append(threading.current_thread().name)
        return original(self, now)

    monkeypatch.setattr(Journal, "standings", counted)
    seen_at_mount: list[str] = []
    original_mount = HomeScreen.on_mount

    def on_mount(self: HomeScreen) -> None:
        original_mount(self)
        seen_at_mount.extend(str(s.render()) for s in self.query(".card-body").results(Static))

    monkeypatch.setattr(HomeScreen, "on_mount", on_mount)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#unlock-working").display
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # The card was there when the screen mounted, before its standing was known.
        assert len(seen_at_mount) == 1
        assert "Reverse mentoring with Amara" in seen_at_mount[0]
        assert "Looking at meetings and actions" in seen_at_mount[0]
        assert calls == [calls[0]] and calls[0] != threading.main_thread().name
        summary = str(app.screen.query_one("#home-summary", Static).render())
        assert "1 relationship · 1 open actions" in summary
        card = str(app.screen.query_one(RelationshipItem).query_one(Static).render())
        assert "Reverse mentoring with Amara" in card and "Open 1" in card
        assert "Looking at" not in card
        assert app.screen.query_one("#relationships", ListView).has_focus

        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # Nothing was stored meanwhile: the standings are shown as the journal kept them.
        assert len(calls) == 1

        await pilot.press("slash")
        await settle(pilot)
        journal = app.need_journal()  # an action stored while home is covered
        journal.save(ActionStep(relationship_id=rel.id, title="Ask about the panel"))
        await pilot.press("escape")
        await settle(pilot)
        assert len(calls) == 2  # the journal changed: worked out afresh
        summary = str(app.screen.query_one("#home-summary", Static).render())
        assert "1 relationship · 2 open actions" in summary


async def test_what_now_waits_politely_while_standings_are_worked_out(
    new_journal: Journal, make_app, monkeypatch
) -> None:
    new_journal.save(Relationship(title="Board mentoring"))
    new_journal.close()
    release = threading.Event()
    original = Journal.standings

    def slow(self: Journal, now=None):
        release.wait(10)
        return original(self, now)

    monkeypatch.setattr(Journal, "standings", slow)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*PASSPHRASE, "enter")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, HomeScreen) and app.screen.query(RelationshipItem):
                break
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # nothing opened yet
        assert any("still looking" in str(n.message) for n in app._notifications)
        release.set()
        await settle(pilot)
        card = str(app.screen.query_one(RelationshipItem).query_one(Static).render())
        assert "Next meeting:" in card
