"""The command line derives the key in a thread while it loads the journal code: the key it
then uses is that one (derived once), a wrong passphrase is still refused, and a file that is not
a sound journal starts nothing early."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.journal.journal import Journal
from mentorjournal.store import crypto, early_key
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, KdfParams
from tests.conftest import make_sample

PASS = "early key test pass phrase"


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(passphrase, thread name) of every key derivation that really runs."""
    seen: list[tuple[str, str]] = []
    original = crypto._derive

    def counting(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        seen.append((passphrase, threading.current_thread().name))
        return original(passphrase, salt, params)

    monkeypatch.setattr(crypto, "_derive", counting)
    crypto._early.clear()
    yield seen
    crypto._early.clear()


@pytest.fixture
def journal_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "j.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    sample = make_sample(journal)
    sample.rel.purpose = "Talk about the zanzibarite survey."
    journal.save(sample.rel)
    journal.close()
    monkeypatch.setenv("MENTORJOURNAL_JOURNAL", str(path))
    monkeypatch.delenv("MENTORJOURNAL_NEW_PASSPHRASE", raising=False)
    return path


def test_search_uses_the_key_derived_early_and_derives_once(
    journal_file: Path, derivations, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASS)
    assert cli.main(["search", "zanzibarite"]) == 0
    out = capsys.readouterr().out
    assert "zanzibarite" in out and out.count("\n") == 1
    assert len(derivations) == 1
    assert derivations[0][1] != threading.main_thread().name  # derived in the early thread
    assert not crypto._early  # taken, not left behind


def test_a_wrong_passphrase_is_refused_as_before(
    journal_file: Path, derivations, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", "not the passphrase at all")
    assert cli.main(["search", "zanzibarite"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("mentorjournal: ") and "passphrase" in err.lower()
    assert "Traceback" not in err
    assert len(derivations) == 1


def test_an_early_key_for_other_words_is_not_used(journal_file: Path, derivations) -> None:
    assert early_key.begin(journal_file, "some other words")
    journal = Journal.open(journal_file, PASS)  # derives afresh, for the right words
    journal.close()
    assert [p for p, _ in derivations] == ["some other words", PASS]


@pytest.mark.parametrize(
    "damage",
    [
        'UPDATE vault SET kdf = \'{"name": "argon2id", "memory_kib": 99999999, '
        '"iterations": 3, "lanes": 4}\'',
        "UPDATE vault SET kdf = 'not json'",
        "UPDATE vault SET pass_salt = x'00'",
        "DROP TABLE vault",
    ],
    ids=["huge memory", "garbled parameters", "short salt", "no vault"],
)
def test_a_damaged_key_record_starts_nothing_early(
    journal_file: Path, derivations, damage: str
) -> None:
    conn = sqlite3.connect(journal_file)
    with conn:
        conn.execute(damage)
    conn.close()
    before = journal_file.read_bytes()
    assert early_key.begin(journal_file, PASS) is False
    assert not crypto._early and not derivations
    assert journal_file.read_bytes() == before


def test_no_file_or_not_a_journal_starts_nothing(tmp_path: Path, derivations) -> None:
    assert early_key.begin(tmp_path / "missing.db", PASS) is False
    assert not (tmp_path / "missing.db").exists()
    text = tmp_path / "notes.txt"
    text.write_text("just some notes\n")
    assert early_key.begin(text, PASS) is False
    assert early_key.begin(tmp_path, PASS) is False  # a folder
    assert not crypto._early and not derivations
