"""Every sentence the damaged-file tests expect (in ``support`` and ``damage_makers.DAMAGE``) is
one line; the ``StorageError`` behind them is a ``JournalError``."""

from __future__ import annotations

from mentorjournal.errors import JournalError, StorageError
from tests.unit.damaged_files.damage_makers import DAMAGE
from tests.unit.damaged_files.support import DAMAGED, FULL, READ_ONLY, TRUNCATED, UPGRADE_FAILED


def test_every_sentence_here_is_one_line_ending_in_a_full_stop() -> None:
    for sentence in [READ_ONLY, FULL, DAMAGED, TRUNCATED, UPGRADE_FAILED]:
        assert "\n" not in sentence and sentence.endswith(".")
    for _make, sentence in DAMAGE.values():
        assert "\n" not in sentence
    assert issubclass(StorageError, JournalError)
