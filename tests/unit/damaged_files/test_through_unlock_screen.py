"""Damaged, read-only and full journals through the app: the unlock screen names each case at
once, before any passphrase is asked (as ``info`` does), and a journal that opens but cannot be
written shows a save's refusal in a notification; the app stays up and the file is left as it
was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.damaged_files.damage_makers import DAMAGE, damaged
from tests.unit.damaged_files.support import (
    FULL,
    PASS,
    READ_ONLY,
    UPGRADE_FAILED,
    files_in,
    modes_apply,
    v1_journal,
)

# --- through the app's unlock screen -------------------------------------------------------------


async def settle(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def refused_before_any_passphrase(path: Path, sentence: str) -> None:
    from textual.widgets import Input, Static

    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.unlock import UnlockScreen

    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        message = ""
        for _ in range(500):  # the file is read while the screen is shown: wait for the verdict
            message = str(app.screen.query_one("#unlock-message", Static).render())
            if message:
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, UnlockScreen) and app.journal is None and app.is_running
        assert sentence in " ".join(message.split())
        assert app.screen.query_one("#passphrase", Input).disabled  # nothing to type into
        await pilot.press("ctrl+q")
    assert app.return_code == 0


@pytest.mark.parametrize("kind", list(DAMAGE))
async def test_the_unlock_screen_names_each_damage(filled: Path, folder: Path, kind: str) -> None:
    path, sentence = damaged(filled, kind)
    before = files_in(folder)
    await refused_before_any_passphrase(path, sentence)
    assert files_in(folder) == before


@pytest.mark.parametrize("case", ["full disk", "read-only file", "read-only folder"])
async def test_the_unlock_screen_when_an_upgrade_cannot_be_saved(
    folder: Path, case: str, request
) -> None:
    path = v1_journal(folder)
    original = path.read_bytes()
    if case == "full disk":
        request.getfixturevalue("full_disk")
    else:
        os.chmod(path if case == "read-only file" else folder, 0o400 if "file" in case else 0o500)
    with modes_apply():  # the upgrade is tried as the file is opened, before any passphrase
        await refused_before_any_passphrase(path, UPGRADE_FAILED)
    assert path.read_bytes() == original
    assert set(files_in(folder)) <= {"j.db", "j.db.v1.bak"}


@pytest.mark.parametrize("case", ["full disk", "read-only file", "read-only folder"])
async def test_the_app_on_a_journal_it_cannot_write(
    filled: Path, folder: Path, case: str, request
) -> None:
    """It opens and shows everything; a save is refused with the sentence in a notification."""
    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.home import HomeScreen, RelationshipItem

    if case == "full disk":
        request.getfixturevalue("full_disk")
        sentence = FULL
    else:
        os.chmod(filled if case == "read-only file" else folder, 0o400 if "file" in case else 0o500)
        sentence = READ_ONLY
    before = files_in(folder)
    with modes_apply():
        app = MentorJournalApp(filled, kdf=FAST_KDF_FOR_TESTS)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*PASS, "enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            shown = [i.standing.relationship.title for i in app.screen.query(RelationshipItem)]
            assert sorted(shown) == ["Board mentoring", "Reverse mentoring with Amara"]
            app.screen.run_journal(lambda: app.journal.save(Relationship(title="new")))
            await settle(pilot)
            assert sentence in [n.message for n in app._notifications]
            assert app.is_running and isinstance(app.screen, HomeScreen)
            await pilot.press("ctrl+q")
        assert app.return_code == 0
    assert files_in(folder) == before
