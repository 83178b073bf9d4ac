"""Merging one copy into this journal: both sides read, the plan worked out
(``merge_plan``), and its changes written in one transaction (``Journal.merge_batch``: all of
them, or — failed, killed — none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorjournal.journal import history_rows
from mentorjournal.journal.codec import from_plain
from mentorjournal.journal.history_rows import EntryState
from mentorjournal.journal.merge_batch import records_values
from mentorjournal.journal.merge_entries import LINK_KIND
from mentorjournal.journal.merge_plan import Plan, Take, plan
from mentorjournal.journal.merge_report import MergeReport
from mentorjournal.journal.merge_view import KINDS, Side
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
    from mentorjournal.journal.history import EntryFields
    from mentorjournal.journal.merge import Merging
    from mentorjournal.journal.merge_batch import MergeBatch


def work_out(journal: Merging, other: Merging, source: str) -> Plan:
    """What merging ``other`` into ``journal`` would change (nothing is written)."""
    return plan(Side.read(journal), Side.read(other), source)


def merge_into(journal: Merging, other: Merging, source: str) -> MergeReport:
    """Merge ``other`` into ``journal`` in one transaction; returns what came in. The plan is
    worked out while the transaction holds the journal's write lock, so nothing can change
    the journal between reading it and writing the merge."""
    with journal.merge_batch() as batch:
        done = work_out(journal, other, source)
        if not done.empty:
            apply(batch, done)
    return done.report


def apply(batch: MergeBatch, done: Plan) -> None:
    _add_all(batch, done.add)
    _take_all(batch, done.take)
    for take in done.take:
        for name in take.two_computers:
            done.mark_here.setdefault(take.entry_id, []).append(name)
    if done.mark_here:
        _mark_here(batch, done.mark_here)
    for entry_id, (kind, versions) in done.versions.items():
        batch.add_versions(kind, entry_id, versions)
    for kind, entry_id, when in done.delete:
        batch.delete(kind, entry_id, deleted_at=when)
    for tombstone in done.tombstones:
        batch.add_tombstone(tombstone)
    for key, value, changed_at in done.settings:
        _setting(batch, key, value, changed_at)
    if done.bins:
        records.insert_rows(batch.conn, batch.cipher, "bin", [_bin_values(r) for r in done.bins])


def _add_all(batch: MergeBatch, adds: list[EntryFields]) -> None:
    """``MergeBatch.add_entry`` for many entries at once (a kind at a time, parents first):
    each stored as it is on the other copy, with the marks of its fields there."""
    coming = {fields.entry.id for fields in adds}
    journal = batch.journal
    for kind in KINDS:
        group = [f for f in adds if type(f.entry) is kind]
        if not group:
            continue
        for fields in group:
            entry = fields.entry
            if getattr(entry, "meeting_id", None) is not None:
                entry.meeting_id = _meeting_or_none(batch, entry.meeting_id, coming)
            journal._validate(entry)
        name = TABLE_OF[kind]
        records.insert_rows(
            batch.conn, batch.cipher, name, [records_values(f.entry) for f in group]
        )
        given = {f.entry.id: dict(f.marks) for f in group}
        entries = [f.entry for f in group]
        journal._history_after(batch.conn, batch.cipher, {}, entries, batch.stamp, marks=given)
        journal._stored.setdefault(name, set()).update(given)
        batch.written += entries


def _take_all(batch: MergeBatch, takes: list[Take]) -> None:
    """``MergeBatch.set_fields`` for many entries at once (a kind at a time): the fields taken
    from the other copy, with their marks there; each replaced text kept in its history."""
    journal = batch.journal
    for kind in KINDS:
        group = {t.entry_id: t for t in takes if t.kind is kind}
        if not group:
            continue
        ids = list(group)
        entries = []
        for start in range(0, len(ids), records.CHUNK):
            chunk = ids[start : start + records.CHUNK]
            for row in records.select_rows(batch.conn, batch.cipher, TABLE_OF[kind], ids=chunk):
                entry: Any = from_plain(kind, row, stored=True)
                for name, value in group[entry.id].values.items():
                    setattr(entry, name, value)
                journal._validate(entry)
                entries.append(entry)
        given = {i: dict(t.marks) for i, t in group.items()}
        journal._write_rows(
            batch.conn, batch.cipher, entries, batch.stamp, how="merge", marks=given
        )
        batch.written += entries


def _meeting_or_none(batch: MergeBatch, meeting_id: str, coming: set[str]) -> str | None:
    """A new entry's meeting, when it is (or comes) here; else no meeting (as when deleted)."""
    if meeting_id in coming:
        return meeting_id
    there = records.existing_ids_among(batch.conn, TABLE_OF[LINK_KIND["meeting_id"]], [meeting_id])
    return meeting_id if there else None


def _mark_here(batch: MergeBatch, marked: dict[str, list[str]]) -> None:
    """Fields changed on both computers whose value here stays: marked until seen."""
    states = history_rows.read_states(batch.conn, batch.cipher, list(marked))
    stamp = batch.stamp
    for entry_id, names in marked.items():
        state = states.get(entry_id)
        if state is None:
            kind = next(k for k in KINDS if _has(batch, k, entry_id))
            state = EntryState(entry_id, TABLE_OF[kind])
        for name in names:
            state.two_computers[name] = stamp
        history_rows.write_state(batch.conn, batch.cipher, state, stamp.isoformat())


def _has(batch: MergeBatch, kind: type, entry_id: str) -> bool:
    return bool(records.existing_ids_among(batch.conn, TABLE_OF[kind], [entry_id]))


def _setting(batch: MergeBatch, key: str, value: Any, changed_at: str) -> None:
    values = {"id": key, "value": value, "updated_at": changed_at}
    if records.update_row(batch.conn, batch.cipher, "setting", values) == 0:
        records.insert_rows(batch.conn, batch.cipher, "setting", [values])


def _bin_values(row: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "created_at", "updated_at", "kind", "root", "rows", "unlinked")
    return {name: row[name] for name in keep}
