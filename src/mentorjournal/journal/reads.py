"""Reading parts of the journal without decrypting all of it: the plaintext links, chosen
fields of every entry of a kind (search), and outlines (home). Also the table of each kind.

A mixin of ``Journal``, using its lock, its "changed in another window?" check, its decrypted
entries, its key and file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.journal.codec import from_plain
from mentorjournal.store import records

if TYPE_CHECKING:
    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher

T = TypeVar("T")
OUTLINE = "_outline"  # marks an entry read only in part (Journal.outlines)

TABLE_OF: dict[type, str] = {
    Relationship: "relationship",
    Meeting: "meeting",
    Reflection: "reflection",
    ActionStep: "action",
    Review: "review",
    WellbeingCheckin: "wellbeing",
    SupportContact: "support_contact",
    OwnPrompt: "own_prompt",
}


class PartialReads:
    """Links, chosen fields and outlines; whole entries are read by ``Journal`` itself."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database
        _cache: dict[type, dict[str, Any]]
        _outlines: dict[type, dict[tuple[str, ...], list[Any]]]
        unreadable: list[str] | None

        def _refresh_if_changed(self) -> None: ...
        def _need_cipher(self) -> FieldCipher: ...

    def reflection_link_groups(self) -> list[tuple[str, str | None, str]]:
        """(relationship, linked meeting, newest created_at) per distinct link; no decryption."""
        with self._db.read() as conn:
            return records.link_groups(conn, "reflection")

    def entry_texts(
        self,
        cls: type,
        columns: Iterable[str],
        ids: Iterable[str] | None = None,
        *,
        prefilter: Callable[[bytes], bool] | None = None,
    ) -> Iterable[dict[str, Any]]:
        """Some decrypted fields of every entry of a kind, as plain values, plus its id and links.

        From memory when the kind is already decrypted; otherwise only those columns are
        decrypted and nothing is kept (a one-off search from the command line), and entries
        none of whose values passes ``prefilter`` (given their JSON bytes) are left out."""
        wanted = list(columns)
        with self._mutex:
            self._refresh_if_changed()
            cached = self._cache.get(cls)
        if cached is not None:
            chosen = [cached[i] for i in ids if i in cached] if ids is not None else cached.values()
            for obj in list(chosen):
                row = {name: getattr(obj, name, None) for name in wanted}
                row["id"] = obj.id
                row["relationship_id"] = getattr(obj, "relationship_id", None)
                row["created_at"] = obj.created_at
                yield row
            return
        cipher = self._need_cipher()
        with self._db.read() as conn:
            yield from records.select_rows(
                conn, cipher, TABLE_OF[cls], wanted, ids, prefilter, self.unreadable
            )

    def outlines(self, cls: type[T], columns: Iterable[str]) -> list[T]:
        """Every entry of a kind with only ``columns`` decrypted (ids, links and times always),
        the other fields left at their defaults: for overviews of many entries, such as home.

        The full entries when they are in memory already. Outlines are kept until an entry of
        that kind is saved or deleted (or another window writes); saving one is refused, as it
        would blank the fields that were not read."""
        with self._mutex:
            self._refresh_if_changed()
            cached = self._cache.get(cls)
            if cached is not None:
                return list(cached.values())
            wanted = tuple(columns)
            kept = self._outlines.get(cls, {}).get(wanted)
            if kept is not None:
                return list(kept)
            cipher = self._need_cipher()
            with self._db.read() as conn:
                rows = list(
                    records.select_rows(
                        conn, cipher, TABLE_OF[cls], wanted, unreadable=self.unreadable
                    )
                )
            outlines = [from_plain(cls, row, stored=True) for row in rows]
            for obj in outlines:
                obj.__dict__[OUTLINE] = True
            self._outlines.setdefault(cls, {})[wanted] = outlines
            return list(outlines)

    def existing_ids(self, cls: type) -> set[str]:
        with self._db.read() as conn:
            return records.existing_ids(conn, TABLE_OF[cls])
