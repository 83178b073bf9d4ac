"""A new data key (issue 14, point 8): ``Journal.rekey`` and ``mentorjournal rekey`` re-encrypt
every value with a new key in one transaction and give a new recovery key once; the passphrase
stays; backups made before keep opening with their own passphrase and recovery key (and, on
this computer, are told to be older copies)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.errors import WrongPassphrase, WrongRecoveryKey
from mentorjournal.journal.journal import TABLE_OF, Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import Sample

RECOVERY_RE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")
NEW_PASS = "quartz lantern meadow harbour"


def every_value(path: Path) -> dict[tuple[str, str, str], bytes]:
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in [*TABLE_OF.values(), "setting"]:
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            for row in cur:
                for name, value in zip(names, row, strict=True):
                    if isinstance(value, bytes):
                        out[(table, str(row[0]), name)] = value
        return out
    finally:
        conn.close()


def entries(journal: Journal) -> list[object]:
    return sorted((repr(e) for kind in TABLE_OF for e in journal.all(kind)), key=str)


def test_rekey_encrypts_every_value_again_and_gives_a_new_recovery_key(
    journal: Journal, sample: Sample, passphrase: str, tmp_path: Path
) -> None:
    before_entries, before_settings = entries(journal), journal.settings()
    journal.close()
    backup = tmp_path / "before.db"
    shutil.copyfile(journal.path, backup)
    before = every_value(journal.path)

    opened = Journal.open(journal.path, passphrase)
    try:
        old_key = opened._need_cipher().data_key()
        recovery_key = opened.rekey(passphrase, kdf=FAST_KDF_FOR_TESTS)
        assert RECOVERY_RE.match(recovery_key)
        assert opened._need_cipher().data_key() != old_key
        assert entries(opened) == before_entries  # in memory, read again with the new key
    finally:
        opened.close()
    after = every_value(journal.path)
    assert after.keys() == before.keys()
    assert all(after[k] != before[k] for k in before)  # not one value left as it was

    reopened = Journal.open(journal.path, passphrase)  # the same passphrase
    try:
        assert entries(reopened) == before_entries
        assert reopened.settings() == before_settings
        assert reopened.warnings == []
    finally:
        reopened.close()
    Journal.recover(journal.path, recovery_key, NEW_PASS, kdf=FAST_KDF_FOR_TESTS).close()
    Journal.open(journal.path, NEW_PASS).close()

    # The backup made before: its own key and passphrase; told to be older than one seen here.
    old = Journal.open(backup, passphrase)
    try:
        assert entries(old) == before_entries
        assert len(old.warnings) == 1 and "older than one already opened" in old.warnings[0]
    finally:
        old.close()


def test_the_old_recovery_key_opens_only_backups_made_before(tmp_path: Path, make_sample) -> None:
    path = tmp_path / "j.db"
    journal, old_recovery = Journal.create(path, "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
    make_sample(journal)
    journal.close()
    backup = tmp_path / "before.db"
    shutil.copyfile(path, backup)
    journal = Journal.open(path, "pass phrase words")
    journal.rekey("pass phrase words", kdf=FAST_KDF_FOR_TESTS)
    journal.close()
    with pytest.raises(WrongRecoveryKey):
        Journal.recover(path, old_recovery, NEW_PASS, kdf=FAST_KDF_FOR_TESTS)
    Journal.recover(backup, old_recovery, NEW_PASS, kdf=FAST_KDF_FOR_TESTS).close()


def test_rekey_needs_the_journals_own_passphrase(
    journal: Journal, sample: Sample, passphrase: str
) -> None:
    before = every_value(journal.path)
    with pytest.raises(WrongPassphrase):
        journal.rekey("not the passphrase at all", kdf=FAST_KDF_FOR_TESTS)
    assert every_value(journal.path) == before


def test_mentorjournal_rekey_prints_the_new_recovery_key_once(
    journal: Journal, sample: Sample, passphrase: str, capsys, monkeypatch
) -> None:
    journal.close()
    monkeypatch.delenv("MENTORJOURNAL_JOURNAL", raising=False)
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)
    before = every_value(journal.path)
    capsys.readouterr()
    code = cli.main(["--journal", str(journal.path), "rekey"], kdf=FAST_KDF_FOR_TESTS)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:-1] == [
        "The journal has a new data key: every entry was encrypted again with it, in one go.",
        "Your passphrase is unchanged. The old recovery key no longer opens this journal",
        "(backups made before still open with their own passphrase and recovery key).",
        "Write this recovery key down and keep it somewhere safe; it is shown only once:",
    ]
    recovery_key = lines[-1].removeprefix("Recovery key: ")
    assert RECOVERY_RE.match(recovery_key)
    assert all(every_value(journal.path)[k] != v for k, v in before.items())

    monkeypatch.setenv("MENTORJOURNAL_RECOVERY_KEY", recovery_key)
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", NEW_PASS)
    assert cli.main(["--journal", str(journal.path), "recover"], kdf=FAST_KDF_FOR_TESTS) == 0
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "wrong words here")
    capsys.readouterr()
    assert cli.main(["--journal", str(journal.path), "rekey"], kdf=FAST_KDF_FOR_TESTS) == 1
    assert capsys.readouterr() == (
        "",
        "mentorjournal: That passphrase does not open this journal.\n",
    )
