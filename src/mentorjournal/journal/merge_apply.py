"""Merging one copy into this journal: both sides read, the plan worked out
(``merge_plan``), and its changes written in one transaction (``Journal.merge_batch``: all of
them, or — failed, killed — none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorjournal.journal import history_rows
from mentorjournal.journal.history_rows import EntryState
from mentorjournal.journal.merge_entries import LINK_KIND
from mentorjournal.journal.merge_plan import Plan, plan
from mentorjournal.journal.merge_report import MergeReport
from mentorjournal.journal.merge_view import KINDS, Side
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records

if TYPE_CHECKING:
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
    staying = {entry_id for fields in done.add for entry_id in (fields.entry.id,)}
    for fields in done.add:  # parents first
        entry = fields.entry
        if getattr(entry, "meeting_id", None) is not None:
            entry.meeting_id = _meeting_or_none(batch, entry.meeting_id, staying)
        batch.add_entry(entry, fields.marks)
    for take in done.take:
        batch.set_fields(
            take.kind, take.entry_id, take.values, take.marks, two_computers=take.two_computers
        )
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
