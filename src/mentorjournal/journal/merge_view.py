"""One side of a merge — this journal, or the copy merged into it — read in bulk: every entry
of every kind, each entry's field marks (``history_rows.EntryState``, read once), every
tombstone, the settings, what is in its bin, and (read when first asked, in bulk) the earlier
versions of chosen entries.

A field's mark is worked out only when asked (``mark``): one never recorded is the id its value
gives (``history.mark_of``), so two sides with the same unrecorded value agree without it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mentorjournal.journal import history_rows
from mentorjournal.journal.codec import encode_value
from mentorjournal.journal.history import HISTORY_FIELDS, NOT_MARKED, mark_of
from mentorjournal.journal.history_chain import Chains, Mark, Version
from mentorjournal.journal.history_rows import HISTORY, EntryState
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
    from mentorjournal.journal.bin import Tombstone
    from mentorjournal.journal.merge import Merging

KINDS: tuple[type, ...] = tuple(TABLE_OF)  # parents before children
KIND_OF_TABLE = {name: kind for kind, name in TABLE_OF.items()}


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    """The fields of a kind that have marks (all but its id and times)."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in NOT_MARKED)


@dataclass
class Side:
    """What one copy holds, read once."""

    journal: Merging
    entries: dict[type, dict[str, Any]] = field(default_factory=dict)  # kind -> id -> entry
    states: dict[str, EntryState] = field(default_factory=dict)
    tombstones: dict[str, Tombstone] = field(default_factory=dict)
    settings: dict[str, tuple[Any, str]] = field(default_factory=dict)  # value, updated_at
    bin_rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # by bin id
    history_ids: set[str] = field(default_factory=set)  # entries that have earlier versions
    # Entries in the bin (with history): kind, their values there, when deleted; their marks.
    binned: dict[str, tuple[type, dict[str, Any], datetime]] = field(default_factory=dict)
    binned_marks: dict[str, dict[str, Mark]] = field(default_factory=dict)
    _chains: dict[str, Chains] = field(default_factory=dict)

    @classmethod
    def read(cls, journal: Merging) -> Side:
        side = cls(journal)
        for kind in KINDS:
            entries: list[Any] = journal.all(kind)
            side.entries[kind] = {e.id: e for e in entries}
        side.tombstones = {t.entry_id: t for t in journal.tombstones()}
        db, cipher = journal.merge_source()
        with db.read() as conn:
            side.states = history_rows.read_states(conn, cipher)
            for row in records.select_rows(conn, cipher, "setting"):
                side.settings[row["id"]] = (row["value"], str(row["updated_at"]))
            side.bin_rows = {r["id"]: r for r in records.select_rows(conn, cipher, "bin")}
            side.history_ids = records.existing_ids(conn, HISTORY)
        side._read_binned()
        return side

    def _read_binned(self) -> None:
        """Each entry in the bin (the newest deletion of it) with its fields' marks."""
        for row in sorted(self.bin_rows.values(), key=lambda r: str(r["created_at"])):
            when = datetime.fromisoformat(row["created_at"])
            for item in row["rows"]:
                kind = KIND_OF_TABLE.get(str(item["table"]))
                if kind is not None and kind in HISTORY_FIELDS:
                    values = dict(item["values"])
                    self.binned[str(values["id"])] = (kind, values, when)
        for entry_id, (kind, values, _when) in self.binned.items():
            state = self.states.get(entry_id)
            self.binned_marks[entry_id] = {
                name: mark_of(state, values, name) for name in HISTORY_FIELDS[kind]
            }

    # --- marks -----------------------------------------------------------------------------

    def recorded(self, entry_id: str, name: str) -> bool:
        """Whether a save since schema 6 gave the field a mark of its own."""
        state = self.states.get(entry_id)
        return state is not None and name in state.marks

    def mark(self, kind: type, entry_id: str, name: str) -> Mark:
        entry = self.entries[kind][entry_id]
        row = {"id": entry_id, "updated_at": entry.updated_at}
        row[name] = encode_value(getattr(entry, name))
        return mark_of(self.states.get(entry_id), row, name)

    def marks(self, kind: type, entry_id: str) -> dict[str, Mark]:
        return {name: self.mark(kind, entry_id, name) for name in field_names(kind)}

    def alive(self, kind: type, entry_id: str) -> bool:
        return entry_id in self.entries[kind]

    def deleted_at(self, entry_id: str) -> datetime | None:
        """When the entry was deleted here, if it stands deleted."""
        found = self.tombstones.get(entry_id)
        return found.deleted_at if found is not None and found.deleted else None

    def last_change(self, kind: type, entry_id: str) -> datetime:
        """The newest sign of life of a live entry: its newest field change, or its restore."""
        newest = max(m.at for m in self.marks(kind, entry_id).values())
        found = self.tombstones.get(entry_id)
        if found is not None and found.restored_at is not None:
            newest = max(newest, found.restored_at)
        return newest

    def bin_roots(self) -> set[str]:
        return {str(r["root"]) for r in self.bin_rows.values()}

    # --- earlier versions ------------------------------------------------------------------

    def load_chains(self, ids: Iterable[str]) -> None:
        """The earlier versions of these entries, read in one go (those not read yet)."""
        wanted = [i for i in ids if i in self.history_ids and i not in self._chains]
        if not wanted:
            return
        db, cipher = self.journal.merge_source()
        with db.read() as conn:
            for row in records.select_rows(conn, cipher, HISTORY, ids=wanted):
                self._chains[row["id"]] = Chains.from_plain(row["id"], row["versions"])

    def chain(self, entry_id: str) -> Chains:
        self.load_chains([entry_id])
        return self._chains.get(entry_id) or Chains(entry_id)

    def known(self, entry_id: str, name: str, mark: Mark) -> set[str]:
        """Every version id of a field this side has had: its current one, the saves that one
        took the place of, and each earlier version's (with theirs)."""
        ids = {mark.id, *mark.also}
        for item in self.chain(entry_id).fields.get(name, ()):
            ids.add(str(item["id"]))
            ids.update(str(a) for a in item.get("also", ()))
        return ids

    def versions(self, entry_id: str) -> list[Version]:
        return self.chain(entry_id).versions()

    def version_ids(self, entry_id: str) -> set[str]:
        return self.chain(entry_id).ids()
