"""Every sentence the damaged-file tests expect is one the product really says, as one line:

- each kind of damage in ``damage_makers.DAMAGE``, made on a real journal, is refused by opening
  (and by ``info``) with a ``JournalError`` whose one-line message holds that kind's sentence;
- each SQLite failure is turned into the sentence the tests expect for it (``support``), and the
  long sentences the tests copy are the product's own.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentorjournal.errors import JournalBusy, JournalError, StorageError
from mentorjournal.journal.journal import Journal
from mentorjournal.store import db
from tests.unit.damaged_files.damage_makers import DAMAGE, damaged
from tests.unit.damaged_files.support import (
    DAMAGED,
    FULL,
    PASS,
    READ_ONLY,
    TRUNCATED,
    UPGRADE_FAILED,
    files_in,
)


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_each_kind_of_damage_is_refused_with_its_own_one_line_sentence(
    filled: Path, folder: Path, kind: str
) -> None:
    path, sentence = damaged(filled, kind)
    before = files_in(folder)
    for attempt in (lambda: Journal.open(path, PASS), lambda: Journal.info(path)):
        with pytest.raises(JournalError) as err:
            attempt()
        message = str(err.value)
        assert sentence in message, kind
        assert "\n" not in message and message.endswith(".")
    assert files_in(folder) == before  # refused, and left as it was


@pytest.mark.parametrize(
    ("sqlite_says", "sentence"),
    [
        ("attempt to write a readonly database", READ_ONLY),
        ("database or disk is full", FULL),
        ("disk I/O error", FULL),
        ("file is not a database", DAMAGED),
        ("database disk image is malformed", DAMAGED),
    ],
)
def test_each_sqlite_failure_becomes_the_sentence_the_tests_expect(
    sqlite_says: str, sentence: str
) -> None:
    error = db.storage_error(sqlite3.OperationalError(sqlite_says))
    assert isinstance(error, JournalError)
    assert str(error) == sentence


def test_a_busy_journal_is_its_own_error_and_the_copied_sentences_are_the_products() -> None:
    assert isinstance(db.storage_error(sqlite3.OperationalError("database is locked")), JournalBusy)
    assert str(StorageError()) == FULL
    assert (TRUNCATED, UPGRADE_FAILED) == (db.TRUNCATED, db.UPGRADE_FAILED)
