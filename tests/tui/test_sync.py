"""One journal on two computers, in the app: the conflicted copies a sync tool left beside the
journal are offered for merging after unlock (and merged, or left, as the person answers); a
copy with another key asks for its passphrase; a journal in a synced folder is told once; the
sync folder is chosen in settings, and this computer's snapshot is written there at once, at
lock and every few minutes (by the app's clock)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from mentorjournal.domain import Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.store import snapshots, sync_state
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.sync_dialogs import CopySecretDialog
from tests.tui.conftest import PASSPHRASE, reopen, settle, unlock
from tests.tui.screen_text import screen_text, text_in, until, until_shown, words
from tests.tui.test_settings import open_settings

CONFLICT = "journal.sync-conflict-20261122-184500-ABCDEF7.db"
OTHER_WORDS = "harbour quartz lantern meadow"


@pytest.fixture
def with_conflict(new_journal: Journal, journal_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The journal, and a Syncthing conflicted copy beside it holding a relationship written on
    the other computer (in a state folder of its own)."""
    new_journal.save(Relationship(title="Written here"))
    new_journal.close()
    copy = journal_path.with_name(CONFLICT)
    shutil.copy(journal_path, copy)
    with monkeypatch.context() as m:
        m.setenv("XDG_STATE_HOME", str(journal_path.parent.parent / "laptop-state"))
        other = Journal.open(copy, PASSPHRASE)
        other.save(Relationship(title="Written on the laptop"))
        other.close()
    return copy


def titles(path: Path) -> list[str]:
    journal = reopen(path)
    try:
        return [r.title for r in journal.relationships()]
    finally:
        journal.close()


async def test_the_conflicted_copy_is_offered_and_merged_after_unlock(
    with_conflict: Path, make_app: Any, journal_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the offer")
        shown = words(text_in(app, app.screen.query_one("#choice-detail")))
        assert "Conflicted copies found" in screen_text(app)
        assert f"Syncthing left 1 conflicted copy of this journal beside it ({CONFLICT})" in shown
        await pilot.press("enter")  # "Merge them" has the focus
        await until_shown(pilot, "1 relationship new")  # what came in, said
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await until_shown(pilot, "Written on the laptop")  # home shows it at once
    assert titles(journal_path) == ["Written here", "Written on the laptop"]
    assert not with_conflict.exists()  # fully merged, so removed


async def test_not_now_leaves_the_copy_and_the_journal_as_they_are(
    with_conflict: Path, make_app: Any, journal_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the offer")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Written on the laptop" not in screen_text(app)
    assert titles(journal_path) == ["Written here"]
    assert with_conflict.exists()


async def test_a_copy_with_another_key_asks_for_its_passphrase(
    with_conflict: Path, make_app: Any, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:
        m.setenv("XDG_STATE_HOME", str(journal_path.parent.parent / "laptop-state"))
        other = Journal.open(with_conflict, PASSPHRASE)
        other.change_passphrase(OTHER_WORDS, kdf=FAST_KDF_FOR_TESTS)
        other.rekey(OTHER_WORDS, kdf=FAST_KDF_FOR_TESTS)
        other.close()
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the offer")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CopySecretDialog), "the question")
        said = words(text_in(app, app.screen.query_one("#copy-secret-why")))
        assert f"{CONFLICT} has another passphrase or data key" in said
        await pilot.press(*OTHER_WORDS, "enter")
        await until_shown(pilot, "1 relationship new")
        await settle(pilot)
    assert titles(journal_path) == ["Written here", "Written on the laptop"]


async def test_a_journal_in_a_synced_folder_is_told_once(
    new_journal: Journal, journal_path: Path, make_app: Any
) -> None:
    new_journal.close()
    (journal_path.parent / ".stfolder").mkdir()  # Syncthing shares the journal's folder
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await unlock(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the word")
        assert "Your journal is in a Syncthing folder" in screen_text(app)
        await pilot.press("escape")  # not now
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await unlock(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # said once only
    state = sync_state.load(reopen_id(journal_path))
    assert state.told_synced


def reopen_id(path: Path) -> str:
    journal = reopen(path)
    try:
        return journal.journal_id()
    finally:
        journal.close()


async def test_the_sync_folder_is_chosen_in_settings_and_snapshots_follow(
    new_journal: Journal, journal_path: Path, make_app: Any, tmp_path: Path
) -> None:
    new_journal.close()
    shared = tmp_path / "Sync" / "MentorJournal"
    shared.parent.mkdir()
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(pilot, "security-pane")
        box = screen.query_one("#sync-folder-path", Input)
        box.focus()
        await pilot.pause()
        box.value = str(shared)  # a long path: set, not typed
        await pilot.press("enter")
        # (Read as words: the long folder name before it may wrap the sentence anywhere.)
        written = "This computer's snapshot is written"
        await until(
            pilot, lambda: written in words(screen_text(pilot.app)), f"{written!r} on screen"
        )
        (snap,) = shared.iterdir()
        first = snapshots.fingerprint(snap)
        # Written again at lock when the journal changed …
        app.need_journal().save(Relationship(title="New while the folder is set"))
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert snapshots.fingerprint(snap) != first
        second = snapshots.fingerprint(snap)
        await unlock(pilot)
        # … and every few minutes by the app's clock, only when changed.
        app.need_journal().save(Relationship(title="Later still"))
        await app.snapshot_if_due()
        assert snapshots.fingerprint(snap) == second  # not due yet
        moved = app.clock() + timedelta(minutes=6)
        app.clock = lambda: moved
        await app.snapshot_if_due()
        assert snapshots.fingerprint(snap) != second
        # … and at quit.
        app.need_journal().save(Relationship(title="Just before quitting"))
        await pilot.press("ctrl+q")
    copy = Journal.open(snap, PASSPHRASE)
    try:
        assert [r.title for r in copy.relationships()] == [
            "Just before quitting",
            "Later still",
            "New while the folder is set",
        ]
    finally:
        copy.close()
    assert sync_state.load(reopen_id(journal_path)).folder == str(shared)


async def test_the_sync_folder_is_turned_off_in_settings(
    new_journal: Journal, journal_path: Path, make_app: Any, tmp_path: Path
) -> None:
    journal_id = new_journal.journal_id()
    new_journal.close()
    shared = tmp_path / "shared"
    shared.mkdir()
    state = sync_state.load(journal_id)
    state.folder = str(shared)
    sync_state.save(state)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_settings(pilot, "security-pane")
        assert screen.query_one("#sync-folder-path", Input).value == str(shared)
        screen.query_one("#sync-folder-off").focus()
        await pilot.press("enter")
        await until_shown(pilot, "No sync folder: this journal is on this computer only.")
    assert sync_state.load(journal_id).folder is None


async def test_an_entry_changed_on_two_computers_says_so_in_its_history_once(
    new_journal: Journal, journal_path: Path, make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from mentorjournal.domain import Reflection
    from mentorjournal.tui import navigation
    from mentorjournal.tui.screens.history import HistoryScreen

    rel = Relationship(title="With Amara")
    ref = Reflection(rel.id, datetime(2026, 11, 20, 18, tzinfo=UTC), description="First")
    new_journal.save_many([rel, ref])
    copy = journal_path.with_name("laptop.db")
    new_journal.backup(copy)
    new_journal.save_fields(Reflection, ref.id, {"description": "Written here"})
    with monkeypatch.context() as m:
        m.setenv("XDG_STATE_HOME", str(journal_path.parent.parent / "laptop-state"))
        other = Journal.open(copy, PASSPHRASE)
        other.save_fields(Reflection, ref.id, {"description": "Written on the laptop"})
        other.close()
    new_journal.merge_copies([new_journal.open_other(copy)])
    assert set(new_journal.changed_on_two_computers()) == {ref.id}
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await unlock(pilot)
        navigation.open_reflection(app, rel.id, ref.id, stage=0)
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        said = words(text_in(app, app.screen.query_one("#history-two-computers")))
        assert said.startswith("Changed on two computers (Description): the newer is kept")
        assert "Written here" in screen_text(app)  # the other one, in the list
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert not app.screen.query_one("#history-two-computers").display  # seen: said once
    journal = reopen(journal_path)
    try:
        assert journal.changed_on_two_computers() == {}
    finally:
        journal.close()


async def test_the_other_computers_snapshot_is_merged_at_unlock(
    new_journal: Journal,
    journal_path: Path,
    make_app: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mentorjournal.exchange import syncing

    new_journal.save(Relationship(title="Written here"))
    shared = tmp_path / "shared"
    shared.mkdir()
    syncing.choose_folder(journal_path, new_journal.journal_id(), shared)
    laptop = tmp_path / "laptop" / "journal.db"
    laptop.parent.mkdir()
    new_journal.backup(laptop)
    new_journal.close()
    with monkeypatch.context() as m:  # the other computer: its own state folder and journal
        m.setenv("XDG_STATE_HOME", str(tmp_path / "laptop-state"))
        other = Journal.open(laptop, PASSPHRASE)
        other.save(Relationship(title="Written on the laptop"))
        syncing.choose_folder(laptop, other.journal_id(), shared)
        assert syncing.write_snapshot(other) is not None
        other.close()
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await unlock(pilot)
        await until_shown(pilot, "Written on the laptop")
        await until_shown(pilot, "1 relationship new")
        await settle(pilot)
    assert titles(journal_path) == ["Written here", "Written on the laptop"]
    assert len(list(shared.glob("*.mjsnap"))) == 2  # this computer's written after merging
