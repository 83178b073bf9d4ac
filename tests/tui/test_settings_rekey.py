"""Settings → Passphrase and backup → New key… (issue 14, point 8): the passphrase, then every
entry encrypted again with a new key and the new recovery key shown once; a wrong passphrase
changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from mentorjournal.domain import Relationship
from mentorjournal.errors import WrongRecoveryKey
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.screens.first_run import RecoveryKeyScreen
from mentorjournal.tui.widgets.rekey_dialog import RekeyDialog
from tests.tui.conftest import PASSPHRASE, reopen, settle
from tests.tui.screen_text import until, until_shown
from tests.tui.test_settings import open_settings

NEW_PASSPHRASE = "lantern orbit meadow fiddle"


@pytest.fixture
def old_recovery_key(journal_path: Path) -> str:
    journal, recovery_key = Journal.create(journal_path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    journal.save(Relationship(title="Reverse mentoring with Amara"))
    journal.close()
    return recovery_key


def titles(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    try:
        return b"".join(r[0] for r in conn.execute("SELECT title FROM relationship"))
    finally:
        conn.close()


async def ask_for_a_new_key(pilot: Any, passphrase: str) -> RekeyDialog:
    await open_settings(pilot, "security-pane")
    await pilot.click("#rekey")
    await until(pilot, lambda: isinstance(pilot.app.screen, RekeyDialog), "the dialog")
    dialog = pilot.app.screen
    dialog.query_one("#rekey-passphrase", Input).value = passphrase  # long: set, not typed
    await pilot.press("enter")
    return dialog


async def test_a_new_key_encrypts_everything_again_and_shows_the_recovery_key_once(
    old_recovery_key: str, make_app: Any, journal_path: Path
) -> None:
    before = titles(journal_path)
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await ask_for_a_new_key(pilot, PASSPHRASE)
        await until(pilot, lambda: isinstance(app.screen, RecoveryKeyScreen), "the new key")
        new_key = str(app.screen.query_one("#recovery-key", Static).render())
        assert len(new_key.split("-")) == 8 and new_key != old_recovery_key
        await until_shown(pilot, new_key)
        await pilot.click("#stored")
        await pilot.click("#continue")
        await settle(pilot)
        await until_shown(pilot, "Every entry is encrypted with the new key")
    assert titles(journal_path) != before  # every value sealed again
    journal = reopen(journal_path)  # the same passphrase
    try:
        assert [r.title for r in journal.relationships()] == ["Reverse mentoring with Amara"]
    finally:
        journal.close()
    with pytest.raises(WrongRecoveryKey):
        Journal.recover(journal_path, old_recovery_key, NEW_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    Journal.recover(journal_path, new_key, NEW_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS).close()


async def test_a_wrong_passphrase_changes_nothing(
    old_recovery_key: str, make_app: Any, journal_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        before = journal_path.read_bytes()
        dialog = await ask_for_a_new_key(pilot, "not my passphrase at all")
        await until_shown(pilot, "That passphrase does not open this journal. Nothing was")
        assert app.screen is dialog
        assert dialog.query_one("#rekey-passphrase", Input).value == ""
        assert journal_path.read_bytes() == before
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, RekeyDialog)
    Journal.recover(journal_path, old_recovery_key, NEW_PASSPHRASE, kdf=FAST_KDF_FOR_TESTS).close()
