"""Damaged, read-only and full journals through the app: the unlock screen names each case and
takes the next try, and a journal that opens but cannot be written shows a save's refusal in a
notification — the app stays up and the file is left as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.fixtures.make_fixtures import PASSPHRASE as V1_PASSPHRASE
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


async def unlock_and_expect_refusal(path: Path, passphrase: str, sentence: str) -> None:
    from textual.widgets import Input, Static

    from mentorjournal.tui.app import MentorJournalApp
    from mentorjournal.tui.screens.unlock import UnlockScreen

    app = MentorJournalApp(path, kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        for _attempt in range(2):  # refused each time, and the screen takes the next try
            await pilot.press(*passphrase, "enter")
            await settle(pilot)
            assert isinstance(app.screen, UnlockScreen)
            assert app.journal is None and app.is_running
            shown = str(app.screen.query_one("#unlock-message", Static).render())
            assert sentence in " ".join(shown.split())
            box = app.screen.query_one("#passphrase", Input)
            assert box.value == "" and not box.disabled and app.focused is box
        await pilot.press("ctrl+q")
    assert app.return_code == 0


@pytest.mark.parametrize("kind", list(DAMAGE))
async def test_the_unlock_screen_names_each_damage(filled: Path, folder: Path, kind: str) -> None:
    path, sentence = damaged(filled, kind)
    before = files_in(folder)
    await unlock_and_expect_refusal(path, PASS, sentence)
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
    with modes_apply():
        await unlock_and_expect_refusal(path, V1_PASSPHRASE, UPGRADE_FAILED)
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
