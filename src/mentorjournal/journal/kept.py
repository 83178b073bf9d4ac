"""What the journal keeps between screens, so that nothing is decrypted or worked out twice.

- **Views**: what a screen shows, worked out from the journal's entries (a relationship's page,
  its insight, the actions board…), kept with the journal's change counter (``revision``) at
  which it was worked out: it holds while the counter has not moved (nothing was stored since,
  in this window or another), so a screen shown again shows it at once.
- **Entries brought up to date row by row**: when rows changed that this window did not write
  itself (another window, a delete and what it takes along, an import), the decrypted entries
  are not all dropped: each table's plaintext row stamps (id, version, times, links: one query,
  nothing decrypted) say which rows are new or changed, and only those are decrypted again;
  rows gone are dropped.

A mixin of ``Journal``; everything kept is dropped when the journal locks.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.journal.codec import from_plain
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher

T = TypeVar("T")
VIEWS_KEPT = 48  # views kept at once (the one used longest ago goes first)
Stamp = tuple[Any, ...] | None  # None: written by this window since it was read


class WouldStore(Exception):
    """A view worked out "only reading" (``work_out(…, reading=True)``) tried to store
    something: nothing was stored; work it out where storing may take its time."""


@dataclass(frozen=True)
class Kept:
    """A view as it was worked out: its value, and the moment (``now``) it was worked out for.
    The value is shared by everyone who asks: it is read, never changed."""

    value: Any
    at: datetime


class KeptViews:
    """Views kept by revision; decrypted entries refreshed row by row."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database
        _cipher: FieldCipher | None
        _cache: dict[type, dict[str, Any]]
        _outlines: dict[type, dict[tuple[str, ...], list[Any]]]
        _stored: dict[str, set[str]]
        unreadable: list[str] | None

        def revision(self) -> bytes: ...

    _stamps: dict[type, dict[str, Stamp]]
    _views: OrderedDict[Hashable, tuple[bytes, Kept]]
    _reading: threading.local  # .depth: views being worked out "only reading" in this thread

    def _init_kept(self) -> None:
        self._stamps = {}
        self._views = OrderedDict()
        self._reading = threading.local()

    # --- views ---------------------------------------------------------------------------------

    def kept_view(self, key: Hashable) -> Kept | None:
        """The view kept under ``key``, if nothing was stored since it was worked out."""
        now = self.revision()
        with self._mutex:
            found = self._views.get(key)
            if found is None or not now or found[0] != now:
                return None
            self._views.move_to_end(key)
            return found[1]

    def work_out(
        self, key: Hashable, work: Callable[[], T], at: datetime, *, reading: bool = False
    ) -> T:
        """``work()``, its value kept under ``key`` for ``at`` if nothing was stored while it
        ran (a view that stores something as it is worked out is kept the next time).
        ``reading``: it must store nothing (``WouldStore`` if it tries; nothing is stored)."""
        before = self.revision()
        if reading:
            self._reading.depth = getattr(self._reading, "depth", 0) + 1
        try:
            value = work()
        finally:
            if reading:
                self._reading.depth -= 1
        if before and self.revision() == before and self._cipher is not None:
            with self._mutex:
                old = self._views.get(key)
                if old is not None and old[0] == before and old[1].value == value:
                    value = old[1].value  # the same as kept: the very object shown already
                self._views[key] = (before, Kept(value, at))
                self._views.move_to_end(key)
                while len(self._views) > VIEWS_KEPT:
                    self._views.popitem(last=False)
        return value

    def _may_store(self) -> None:
        """Before anything is stored: not while a view is worked out only reading."""
        if getattr(self._reading, "depth", 0):
            raise WouldStore()

    # --- entries, row by row -------------------------------------------------------------------

    def _note_read(self, cls: type, rows: Iterable[Mapping[str, Any]]) -> None:
        """The stamps of rows just decrypted into the cache."""
        name = TABLE_OF[cls]
        self._stamps[cls] = {row["id"]: records.stamp(name, row) for row in rows}

    def _note_written(self, cls: type, entry_id: str) -> None:
        if cls in self._stamps:
            self._stamps[cls][entry_id] = None  # its new stamp is read at the next refresh

    def _bring_up_to_date(self) -> None:
        """Rows changed that this window did not write itself: decrypt only the rows new or
        changed since they were read, drop those gone; a kind's outlines are read afresh when
        any of its rows changed; every view is worked out again."""
        with self._mutex:
            self._views.clear()
            cipher = self._cipher
            if cipher is None:
                self._forget_entries()
                return
            with self._db.read() as conn:
                for cls in {*self._cache, *self._outlines}:
                    name = TABLE_OF[cls]
                    now = records.row_stamps(conn, name)
                    known = self._stamps.get(cls, {})
                    cached = self._cache.get(cls)
                    if cached is None:  # outlines only: read again when next asked for
                        self._outlines.pop(cls, None)
                        continue
                    changed = [i for i, stamp in now.items() if known.get(i) != stamp]
                    gone = [i for i in cached if i not in now]
                    if not changed and not gone:
                        continue
                    self._outlines.pop(cls, None)
                    for entry_id in (*gone, *changed):
                        cached.pop(entry_id, None)
                        known.pop(entry_id, None)
                    wanted = set(changed)
                    # Most of the table changed (a new key, say): one pass over all of it.
                    ids = None if 2 * len(changed) > len(now) else changed
                    rows = records.select_rows(
                        conn, cipher, name, ids=ids, unreadable=self.unreadable
                    )
                    for row in rows:
                        if row["id"] in wanted:
                            cached[row["id"]] = from_plain(cls, row, stored=True)
                            known[row["id"]] = records.stamp(name, row)
                    self._stamps[cls] = known
                    self._stored.setdefault(name, set()).update(cached)

    def _forget_entries(self) -> None:
        """Drop every decrypted entry and view: they are read again when next asked for."""
        with self._mutex:
            self._cache.clear()
            self._outlines.clear()
            self._stamps.clear()
            self._views.clear()
