"""Nothing written is lost: every save that changes a text field keeps the version it replaces.

Every write of an entry goes through ``Journal._write_rows``; around it, ``_history_before``
reads the rows as they were and ``_history_after`` records, in the same transaction:

- for every field whose value changed, a new mark (``history_chain.Mark``): a fresh version id
  and the time — so each field's last change is known (for merging two copies);
- for a text field of an entry in ``HISTORY_FIELDS``, the value it replaced, as a version in
  the entry's history — unless the save continues the same editing session.

An editing session of one field: saves made by this open journal, each less than ``SESSION``
after the one before, with nothing else writing that field between. Its autosaves become one
version (the text as it was before the session); the ids of the saves it took the place of are
kept with it (``Mark.also``). A save that takes out ``BIG_CUT`` characters or more (a deleted
sentence or paragraph) keeps the version before it even inside a session. A restore is always
a version of its own. Locking the journal ends every session.

Retention (``history_chain.keep``): the last 50 versions per entry, then one a day for a year.
A mixin of ``Journal``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.domain import (
    GIBBS_STAGES,
    ActionStep,
    Meeting,
    Reflection,
    Relationship,
    new_id,
)
from mentorjournal.errors import NotFound
from mentorjournal.journal import history_chain, history_rows
from mentorjournal.journal.codec import from_plain, to_plain
from mentorjournal.journal.history_chain import KEEP_LAST, Mark, Version
from mentorjournal.journal.history_rows import EntryState, StoredChains
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher

T = TypeVar("T")

# The texts whose earlier versions are kept, by kind of entry.
HISTORY_FIELDS: dict[type, tuple[str, ...]] = {
    Relationship: ("title", "partner", "purpose", "ground_rules", "styles"),
    Meeting: ("preparation", "points", "framing", "notes", "review_summary", "cancel_reason"),
    Reflection: GIBBS_STAGES,
    ActionStep: ("title", "detail", "resources", "obstacles", "learning"),
}
SESSION = timedelta(minutes=10)
BIG_CUT = 80  # characters taken out by one save: the version before it is kept
ALSO_MAX = 200  # ids of one session's saves kept with its version
PRUNE_AFTER = 10
NOT_MARKED = frozenset({"id", "created_at", "updated_at"})
KIND_OF: dict[str, type] = {name: cls for cls, name in TABLE_OF.items()}


@dataclass
class EntryFields:
    """One entry with what is known of each field: for merging two copies of a journal.

    ``marks`` has every field of the entry (but id and times): its version id, when it last
    changed, and how. ``two_computers``: fields marked "changed on two computers", not yet
    seen."""

    entry: Any
    marks: dict[str, Mark]
    two_computers: dict[str, datetime] = field(default_factory=dict)


def _parse(stamp: Any) -> datetime:
    return stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))


def mark_of(state: EntryState | None, row: Mapping[str, Any], name: str) -> Mark:
    """The mark of one field of a stored row: the one recorded, or (never recorded) the id its
    value gives and the last time the row can have changed it."""
    if state is not None and name in state.marks:
        return state.marks[name]
    since = state.since if state is not None and state.since is not None else None
    when = since or _parse(row["updated_at"])
    return Mark(history_chain.first_id(str(row["id"]), name, row[name]), when)


class EntryHistory:
    """The hooks around every write, and the history of each entry."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database

        def _need_cipher(self) -> FieldCipher: ...
        def now(self) -> datetime: ...
        def get(self, cls: type[T], entry_id: str) -> T: ...
        def all(self, cls: type[T]) -> list[T]: ...
        def _validate(self, obj: Any) -> None: ...
        def _write_rows(
            self,
            conn: Connection,
            cipher: FieldCipher,
            items: list[Any],
            stamp: datetime,
            **how: Any,
        ) -> None: ...
        def _after_write(self, items: list[Any], stamp: datetime) -> None: ...

    @property
    def _sessions(self) -> dict[tuple[str, str], str]:
        """(entry id, field) → the id of the mark this open journal last saved there."""
        found: dict[tuple[str, str], str] | None = self.__dict__.get("_edit_sessions")
        if found is None:
            found = self.__dict__["_edit_sessions"] = {}
        return found

    def end_edit_sessions(self, entry_id: str | None = None) -> None:
        """The next save of the entry's texts (of every entry: None) keeps the version before
        it (a screen closed; the journal locked)."""
        with self._mutex:
            for key in [k for k in self._sessions if entry_id in (None, k[0])]:
                del self._sessions[key]

    # --- around every write ----------------------------------------------------------------

    def _history_before(
        self, conn: Connection, cipher: FieldCipher, items: list[Any]
    ) -> dict[str, dict[str, Any]]:
        """The stored rows (plain values) of the entries about to be written, by id."""
        by_table: dict[str, list[str]] = {}
        for obj in items:
            by_table.setdefault(TABLE_OF[type(obj)], []).append(obj.id)
        found: dict[str, dict[str, Any]] = {}
        for name, ids in by_table.items():
            for start in range(0, len(ids), records.CHUNK):
                chunk = ids[start : start + records.CHUNK]
                for row in records.select_rows(conn, cipher, name, ids=chunk):
                    found[row["id"]] = row
        return found

    def _history_after(
        self,
        conn: Connection,
        cipher: FieldCipher,
        before: dict[str, dict[str, Any]],
        items: list[Any],
        stamp: datetime,
        *,
        how: str = "edit",
        marks: Mapping[str, Mapping[str, Mark]] | None = None,
    ) -> None:
        given_all = marks or {}
        wanted = [o.id for o in items if o.id in before or o.id in given_all]
        states = history_rows.read_states(conn, cipher, wanted) if wanted else {}
        for obj in items:
            name = TABLE_OF[type(obj)]
            old = before.get(obj.id)
            given = given_all.get(obj.id, {})
            new = to_plain(obj)
            if old is None and not given:
                for f in HISTORY_FIELDS.get(type(obj), ()):  # a new entry: its first session
                    self._sessions[(obj.id, f)] = history_chain.first_id(obj.id, f, new[f])
                continue
            state = states.get(obj.id) or EntryState(
                obj.id, name, since=None if old is None else _parse(old["updated_at"])
            )
            self._record(conn, cipher, obj, old, new, state, stamp, how, given)

    def _record(
        self,
        conn: Connection,
        cipher: FieldCipher,
        obj: Any,
        old: dict[str, Any] | None,
        new: dict[str, Any],
        state: EntryState,
        stamp: datetime,
        how: str,
        given: Mapping[str, Mark],
    ) -> None:
        texts = HISTORY_FIELDS.get(type(obj), ())
        if old is None:
            changed = [f for f in given if f in new]
        else:
            changed = [f for f in new if f not in NOT_MARKED and new[f] != old.get(f)]
            changed += [f for f in given if f not in changed and f in new]
        chains: StoredChains | None = None
        for f in changed:
            new_mark = given.get(f) or Mark(new_id(), stamp, how)
            if old is None or f not in texts or not isinstance(old.get(f), str):
                state.marks[f] = new_mark
                continue
            old_mark = mark_of(state, old, f)
            if old_mark.id == new_mark.id:
                continue
            key = (obj.id, f)
            if (
                not given
                and how == "edit"
                and self._sessions.get(key) == old_mark.id
                and stamp - old_mark.at < SESSION
                and history_chain.changed_span(old[f], new[f]) < BIG_CUT
            ):  # the same editing session: one version for all its saves
                also = (*old_mark.also, old_mark.id)[-ALSO_MAX:]
                new_mark = Mark(new_mark.id, new_mark.at, old_mark.how, also)
            else:
                if chains is None:
                    chains = history_rows.read_chains(conn, cipher, obj.id, state.kind)
                version = Version(
                    old_mark.id, obj.id, f, old[f], old_mark.at, stamp, old_mark.how, old_mark.also
                )
                if version.id not in chains.chains.ids():
                    chains.chains.push(version)
            state.marks[f] = new_mark
            if how == "edit" and not given:
                self._sessions[key] = new_mark.id
            else:
                self._sessions.pop(key, None)
        if changed:
            history_rows.write_state(conn, cipher, state, stamp.isoformat())
        if chains is not None:
            self._retain(chains, stamp)
            history_rows.write_chains(conn, cipher, chains, stamp.isoformat())

    def _retain(self, stored: StoredChains, now: datetime) -> None:
        """The retention rule, applied once ``PRUNE_AFTER`` more versions than it keeps for
        certain have gathered (letting go is then done for several at once)."""
        if len(stored.chains) > KEEP_LAST + PRUNE_AFTER:
            metas = stored.chains.metas()
            kept = history_chain.keep(metas, now)
            stored.chains.drop({v.id for v in metas} - kept)

    # --- reading and restoring -------------------------------------------------------------

    def versions(self, entry_id: str, field_name: str | None = None) -> list[Version]:
        """The earlier versions of an entry's texts (of one field when named), newest first;
        [] when it has none. Deleted entries (in the bin) keep theirs."""
        cipher = self._need_cipher()
        with self._db.read() as conn:
            stored = history_rows.read_chains(conn, cipher, entry_id, "")
        return stored.chains.versions(None if field_name is None else [field_name])

    def version(self, entry_id: str, version_id: str) -> Version:
        for version in self.versions(entry_id):
            if version.id == version_id:
                return version
        raise NotFound()

    def restore_version(self, kind: type[T], entry_id: str, version_id: str) -> T:
        """Put an earlier version back as the field's current text: itself a new version (the
        text it replaces is kept in history). Returns the entry as stored now."""
        version = self.version(entry_id, version_id)
        cipher = self._need_cipher()
        stamp = self.now()
        with self._mutex:
            with self._db.write() as conn:
                found = records.select_rows(conn, cipher, TABLE_OF[kind], ids=[entry_id])
                row = next(iter(found), None)
                if row is None:
                    raise NotFound()
                entry: Any = from_plain(kind, row, stored=True)
                setattr(entry, version.field, version.text)
                self._validate(entry)
                self._write_rows(conn, cipher, [entry], stamp, how="restore")
            self._after_write([entry], stamp)
        return self.get(kind, entry_id)  # type: ignore[no-any-return]

    def entry_fields(self, kind: type) -> list[EntryFields]:
        """Every entry of a kind with each field's mark (see ``EntryFields``)."""
        entries: list[Any] = self.all(kind)
        cipher = self._need_cipher()
        with self._db.read() as conn:
            states = history_rows.read_states(conn, cipher)
        out = []
        for entry in entries:
            state = states.get(entry.id)
            row = to_plain(entry)
            marks = {f: mark_of(state, row, f) for f in row if f not in NOT_MARKED}
            two = dict(state.two_computers) if state is not None else {}
            out.append(EntryFields(entry, marks, two))
        return out

    def changed_on_two_computers(self) -> dict[str, dict[str, datetime]]:
        """Entry id → the fields marked "changed on two computers" and not yet seen."""
        cipher = self._need_cipher()
        with self._db.read() as conn:
            states = history_rows.read_states(conn, cipher)
        return {i: dict(s.two_computers) for i, s in states.items() if s.two_computers}

    def seen_two_computers(self, entry_id: str, fields: Iterable[str] | None = None) -> None:
        """The person has seen what was changed on two computers (all of it, or ``fields``)."""
        cipher = self._need_cipher()
        with self._mutex, self._db.write() as conn:
            state = history_rows.read_states(conn, cipher, [entry_id]).get(entry_id)
            if state is None or not state.two_computers:
                return
            for name in list(fields) if fields is not None else list(state.two_computers):
                state.two_computers.pop(name, None)
            history_rows.write_state(conn, cipher, state, self.now().isoformat())
