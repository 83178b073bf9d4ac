"""The app and the command line on one journal, in both orders: the app, driven with Textual's
pilot, sees what a command wrote and the reverse; opened while a command holds the journal, it
waits or says the journal is in use. Never a damaged file. (Textual is imported inside the tests:
``tests/unit`` must run without it.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.store import db as db_module
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.two_instances.checks import import_file, integrity
from tests.unit.two_instances.processes import (
    BUSY_SENTENCE,
    EXCLUSIVE,
    HOLDER,
    PASS,
    cli,
    finish,
    release_later,
    start,
    wait_for_line,
)


def home_titles(app) -> list[str]:  # noqa: ANN001
    from mentorjournal.tui.screens.home import RelationshipItem

    return [item.standing.relationship.title for item in app.screen.query(RelationshipItem)]


async def settle(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_app_first_then_the_command_line(path: Path, tmp_path: Path) -> None:
    from mentorjournal.tui.app import MentorJournalApp

    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*PASS, "enter")
        await settle(pilot)
        assert app.journal is not None and home_titles(app) == []

        done = cli("--journal", str(path), "import", str(import_file(tmp_path, "x", ["by CLI"])))
        assert (done.returncode, done.stderr) == (0, "")
        app.screen.refresh_standings()
        await settle(pilot)
        assert home_titles(app) == ["by CLI"]

        app.journal.save(Relationship(title="by the app"))  # as a screen's worker would
        exported = cli("--journal", str(path), "export")
        assert exported.returncode == 0, exported.stderr
        got = {r["title"] for r in json.loads(exported.stdout)["relationships"]}
        assert got == {"by CLI", "by the app"}

        done = cli("--journal", str(path), "import", str(import_file(tmp_path, "y", ["later"])))
        assert done.returncode == 0
        app.screen.refresh_standings()
        await settle(pilot)
        assert sorted(home_titles(app)) == ["by CLI", "by the app", "later"]
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert integrity(path) == [("ok",)]


async def test_command_line_first_then_the_app_waits_or_says_in_use(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.unlock import UnlockScreen

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.3)
    release = tmp_path / "release"
    holder = start(EXCLUSIVE, path, release)
    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            wait_for_line(holder, "holding")
            await pilot.press(*PASS, "enter")
            await settle(pilot)
            assert isinstance(app.screen, UnlockScreen) and app.journal is None
            shown = str(app.screen.query_one("#unlock-message", Static).render())
            assert shown == BUSY_SENTENCE
            release.touch()
            finish(holder)
            # Once the other is done, the same passphrase opens it.
            await pilot.press(*PASS, "enter")
            await settle(pilot)
            assert app.journal is not None and home_titles(app) == []
            await pilot.press("ctrl+q")
    finally:
        if holder.poll() is None:
            holder.kill()
    assert app.return_code == 0

    # A command holding the write lock for a moment: the app's save waits for it, and both stay.
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 5.0)
    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*PASS, "enter")
        await settle(pilot)
        release = tmp_path / "release-2"
        holder = start(HOLDER, path, PASS, "held by a command", release)
        wait_for_line(holder, "holding")
        release_later(release, 0.7)
        app.journal.save(Relationship(title="by the app"))
        finish(holder)
        app.screen.refresh_standings()
        await settle(pilot)
        assert sorted(home_titles(app)) == ["by the app", "held by a command"]
        await pilot.press("ctrl+q")
    assert integrity(path) == [("ok",)]
