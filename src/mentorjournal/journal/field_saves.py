"""Saving only the fields a screen changed, onto the entry as it is stored now.

Two windows may have one entry open. A screen that saved the whole copy it loaded would wipe
what the other window stored meanwhile (and still say "Saved"). ``save_fields`` reads the row
inside the write transaction, so nothing can come between, and writes only the given fields.
Given the values the screen loaded (its baseline), a field also changed elsewhere is merged
(``merging``): nothing either window typed is lost, and the result says what was combined.

A mixin of ``Journal``, writing rows the one way ``save_many`` does.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from mentorjournal.errors import DeletedElsewhere, NotFound
from mentorjournal.journal.codec import from_plain
from mentorjournal.journal.merging import merge_value
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from mentorjournal.store.crypto import FieldCipher
    from mentorjournal.store.db import Database

T = TypeVar("T")
NOT_EDITABLE = frozenset({"id", "created_at", "updated_at"})


@dataclass(frozen=True)
class FieldEdit:
    """Fields of one stored entry to change: ``values`` (only those this screen changed),
    ``baseline`` (the same fields as this screen loaded them; None: no check, written as given)
    and ``computed`` (fields worked out from others, such as an agenda: written as given)."""

    kind: type
    entry_id: str
    values: Mapping[str, Any]
    baseline: Mapping[str, Any] | None = None
    computed: frozenset[str] = frozenset()

    @classmethod
    def between(
        cls,
        kind: type,
        entry_id: str,
        loaded: Mapping[str, Any],
        now: Mapping[str, Any],
        computed: Iterable[str] = (),
    ) -> FieldEdit:
        """The edit of the fields whose value ``now`` differs from the one ``loaded``."""
        names = [name for name, value in now.items() if value != loaded[name]]
        return cls(
            kind,
            entry_id,
            {n: now[n] for n in names},
            {n: loaded[n] for n in names},
            frozenset(computed),
        )


@dataclass
class Stored(Generic[T]):
    """What one edit left in the journal."""

    entry: T  # the whole entry as stored now (a copy of its own)
    merged: list[str] = field(default_factory=list)  # fields combined with another window's
    marked: list[str] = field(default_factory=list)  # … where both changed the same lines
    replaced: dict[str, Any] = field(default_factory=dict)  # choices: the other window's value

    @property
    def changed_elsewhere(self) -> bool:
        return bool(self.merged or self.replaced)


class FieldSaves:
    """``save_fields`` and ``save_edits``."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database
        _stored: dict[str, set[str]]
        now: Callable[[], datetime]

        def _need_cipher(self) -> FieldCipher: ...
        def _validate(self, obj: Any) -> None: ...
        def _write_rows(
            self, conn: Connection, cipher: FieldCipher, items: list[Any], stamp: datetime
        ) -> None: ...
        def _after_write(self, items: list[Any], stamp: datetime) -> None: ...

    def save_fields(
        self,
        kind: type[T],
        entry_id: str,
        values: Mapping[str, Any],
        baseline: Mapping[str, Any] | None = None,
        *,
        computed: Iterable[str] = (),
    ) -> Stored[T]:
        """Write ``values`` onto the entry as stored now; see ``FieldEdit`` and ``Stored``."""
        edit = FieldEdit(kind, entry_id, values, baseline, frozenset(computed))
        return self.save_edits([edit])[0]

    def save_edits(self, edits: Sequence[FieldEdit], new: Sequence[Any] = ()) -> list[Stored[Any]]:
        """Several entries' edits in one write transaction, with ``new`` entries stored whole
        (as ``save_many`` would): all are stored, or none. An entry deleted meanwhile raises
        ``DeletedElsewhere``; one never stored, ``NotFound``."""
        for edit in edits:
            wrong = set(edit.values) & NOT_EDITABLE or set(edit.values) - {
                f.name for f in dataclasses.fields(edit.kind)
            }
            if wrong:
                raise ValueError(f"{edit.kind.__name__} has no field to edit named {wrong}")
        cipher = self._need_cipher()
        stamp = self.now()
        with self._mutex:
            with self._db.write() as conn:
                results = [self._merge(conn, cipher, edit) for edit in edits]
                changed = [*new, *(r.entry for r in results if r.changed)]
                for obj in changed:
                    self._validate(obj)
                self._write_rows(conn, cipher, changed, stamp)
            self._after_write(changed, stamp)
        return [r.stored for r in results]

    def _merge(self, conn: Connection, cipher: FieldCipher, edit: FieldEdit) -> _Result:
        name = TABLE_OF[edit.kind]
        row = next(iter(records.select_rows(conn, cipher, name, ids=[edit.entry_id])), None)
        if row is None:
            raise DeletedElsewhere() if edit.entry_id in self._stored.get(name, ()) else NotFound()
        entry: Any = from_plain(edit.kind, row, stored=True)
        stored: Stored[Any] = Stored(entry)
        changed = False
        for key, mine in edit.values.items():
            theirs = getattr(entry, key)
            if edit.baseline is None or key not in edit.baseline or key in edit.computed:
                value = mine
            else:
                merged = merge_value(edit.baseline[key], mine, theirs)
                value = merged.value
                if merged.replaced:
                    stored.replaced[key] = theirs
                elif value != mine:
                    stored.merged.append(key)
                    if merged.marked:
                        stored.marked.append(key)
            if value != theirs:
                setattr(entry, key, value)
                changed = True
        return _Result(stored, changed)


@dataclass
class _Result:
    stored: Stored[Any]
    changed: bool  # the row is written (something differs from what is stored)

    @property
    def entry(self) -> Any:
        return self.stored.entry
