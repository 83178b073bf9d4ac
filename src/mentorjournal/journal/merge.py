"""Merging other copies of this journal into it: a mixin of ``Journal`` using its lock, key and
file. The copies are opened by ``journal.other_copy`` (never written); the three-way merge of
their entries is ``journal.merge_plan`` (what to change) and ``journal.merge_apply`` (changing
it, in one transaction).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mentorjournal.errors import JournalAltered, JournalError
from mentorjournal.journal import integrity
from mentorjournal.journal.bin import RecycleBin
from mentorjournal.journal.merge_report import MergeReport
from mentorjournal.journal.other_copy import OtherCopy, open_other
from mentorjournal.store import ledger, records, vault
from mentorjournal.store.identity import journal_id_of

if TYPE_CHECKING:
    from datetime import datetime

    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher

MERGED_BADLY = (
    "After the merge the journal's rows do not add up ({what}); the copies were left where "
    "they are."
)


class Merging(RecycleBin):
    """Which journal this is, and merging copies of it (built on the history and the bin)."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database
        _cache: dict[type, dict[str, Any]]
        _settings: dict[str, Any] | None
        _kdf: Any
        remember_seen: bool

        def _need_cipher(self) -> FieldCipher: ...
        def _forget(self) -> None: ...
        def now(self) -> datetime: ...

    def journal_id(self) -> str:
        """The id every copy of this journal shares (``store.identity``)."""
        with self._db.read() as conn:
            return journal_id_of(vault.read(conn).created_at)

    def open_other(self, path: Path | str, secrets: Iterable[str] = ()) -> OtherCopy:
        """Another copy of this journal, opened to be merged (its file is never written)."""
        path = Path(path)
        if path.exists() and path.resolve() == self._db.path.resolve():
            raise JournalError(f"{path.name} is this journal itself: there is nothing to merge.")
        return open_other(
            path,
            journal_id=self.journal_id(),
            data_key=self._need_cipher().data_key(),
            secrets=secrets,
        )

    def merge_copies(self, copies: list[OtherCopy]) -> list[MergeReport]:
        """Merge each copy in, each in one transaction: all of it, or (killed, failed) none."""
        from mentorjournal.journal import merge_apply

        self._need_cipher().check_writable()
        reports = []
        try:
            for copy in copies:
                other = self._as_journal(copy)
                reports.append(merge_apply.merge_into(self, other, copy.path.name))
        finally:
            self._settings = None
        return reports

    def unmerged(self, copy: OtherCopy) -> bool:
        """Whether merging ``copy`` again would still change something."""
        from mentorjournal.journal import merge_apply

        return not merge_apply.work_out(self, self._as_journal(copy), copy.path.name).empty

    def merge_source(self) -> tuple[Database, FieldCipher]:
        """The file and key a merge reads this journal (or copy) through."""
        return self._db, self._need_cipher()

    def _as_journal(self, copy: OtherCopy) -> Merging:
        """The copy, read through the journal's own reads (its file is never written)."""
        other: Merging = cast(Any, type(self))(copy.db, copy.cipher, self._kdf)
        other.remember_seen = False
        return other

    def verify(self) -> None:
        """The journal's rows checked against its sealed ledger, as at unlock."""
        cipher = self._need_cipher()
        with self._db.read() as conn:
            sealed = ledger.read(conn, cipher)
            found = records.tally(conn, cipher)
        what = "no ledger" if sealed is None else ledger.problem(sealed, found)
        if what is not None:
            raise JournalAltered(integrity.sentence(MERGED_BADLY, what))
