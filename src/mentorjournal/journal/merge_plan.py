"""What merging another copy of this journal changes here, worked out from the two sides
(``merge_view.Side``) before anything is written: the three-way rules of issue 16.

- An entry only one side has: stays, comes or goes by the deletions of each side
  (``merge_entries``).
- An entry both have, field by field, by the fields' version ids (``Mark``): the same id, the
  same value; a side whose history (or editing session) holds the other's id changed it last:
  that side's value. Otherwise both changed it since their last common version: the newer
  (then the higher id) is current; a text with history keeps the other in its history and is
  marked "changed on two computers" (a field without history — a choice, a date, a contact's
  note — has no earlier versions to tell by: the newer is current). A link to an entry that
  does not stay here is not taken.
- Earlier versions: the other side's that this one lacks are added; deletions (tombstones) are
  combined; settings keep the later change of each; the other side's bin items this one has no
  deletion of are added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from mentorjournal.journal.bin import BIN_DAYS, Tombstone
from mentorjournal.journal.history import HISTORY_FIELDS, EntryFields
from mentorjournal.journal.history_chain import Mark, Version
from mentorjournal.journal.merge_describe import describe
from mentorjournal.journal.merge_entries import LINK_KIND, decide
from mentorjournal.journal.merge_report import MergeReport
from mentorjournal.journal.merge_view import KINDS, Side, field_names
from mentorjournal.journal.reads import TABLE_OF


@dataclass
class Take:
    """Fields of an entry both sides have, taken from the other side."""

    kind: type
    entry_id: str
    values: dict[str, Any] = field(default_factory=dict)
    marks: dict[str, Mark] = field(default_factory=dict)
    two_computers: list[str] = field(default_factory=list)


@dataclass
class Plan:
    report: MergeReport
    add: list[EntryFields] = field(default_factory=list)  # parents first, with their marks
    take: list[Take] = field(default_factory=list)
    mark_here: dict[str, list[str]] = field(default_factory=dict)  # entry id -> fields
    versions: dict[str, tuple[type, list[Version]]] = field(default_factory=dict)
    delete: list[tuple[type, str, datetime]] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)
    settings: list[tuple[str, Any, str]] = field(default_factory=list)
    bins: list[dict[str, Any]] = field(default_factory=list)
    said_kept: set[str] = field(default_factory=set)  # kept or back: said in the report

    @property
    def empty(self) -> bool:
        return not (
            self.add or self.take or self.mark_here or self.versions or self.delete
        ) and not (self.tombstones or self.settings or self.bins)


def plan(ours: Side, theirs: Side, source: str) -> Plan:
    out = Plan(MergeReport(source))
    staying = _entries(ours, theirs, out)
    for kind in KINDS:
        both = [i for i in ours.entries[kind] if i in theirs.entries[kind]]
        ours.load_chains(both)
        theirs.load_chains(both)
        for entry_id in both:
            _fields(kind, entry_id, ours, theirs, out)
            _history(kind, entry_id, ours, theirs, out)
    _keep_links_here(out, staying)
    _tombstones(ours, theirs, out)
    _settings(ours, theirs, out)
    out.bins = _bin_items(ours, theirs)
    out.report.versions += sum(len(v) for _k, v in out.versions.values())
    return out


# --- entries one side has ------------------------------------------------------------------


def _entries(ours: Side, theirs: Side, out: Plan) -> dict[type, set[str]]:
    """Which entries only one side has stay, come or go (``merge_entries``); returns those
    that stay here."""
    p = decide(ours, theirs)
    for entry_id, (gone, later) in p.overrides.items():
        kind = p.kept.get(entry_id) or p.back[entry_id]
        _overridden(out, ours, kind, entry_id, gone, later)
        if entry_id in p.kept:  # the other side's last texts before it was deleted there
            _binned_versions(kind, entry_id, theirs, ours, out)
            _history(kind, entry_id, ours, theirs, out)
        else:  # this side's, from its bin
            _binned_versions(kind, entry_id, ours, theirs, out)
    for kind in KINDS:
        for entry_id, k in (*p.back.items(), *p.coming.items()):
            if k is kind:
                _taken_in(ours, theirs, kind, entry_id, entry_id in p.back, out)
    for entry_id, kind in p.kept.items():
        if entry_id in out.said_kept:
            out.report.kept.append(describe(ours.entries[kind][entry_id]))
    for entry_id, (kind, when) in p.going.items():
        out.delete.append((kind, entry_id, when))
        out.report.deleted[TABLE_OF[kind]] += 1
    out.delete.sort(key=lambda d: KINDS.index(d[0]))
    return p.staying(ours)


def _taken_in(ours: Side, theirs: Side, kind: type, entry_id: str, back: bool, out: Plan) -> None:
    """An entry coming from the other side, with its earlier versions."""
    entry = theirs.entries[kind][entry_id]
    out.add.append(EntryFields(entry, theirs.marks(kind, entry_id)))
    if back:
        out.report.back.append(describe(entry))
    else:
        out.report.added[TABLE_OF[kind]] += 1
    if entry_id in theirs.history_ids:
        have = ours.version_ids(entry_id) if entry_id in ours.history_ids else set()
        for version in theirs.versions(entry_id):
            if version.id not in have:
                _keep_version(out, kind, version)


# --- fields of entries both have -----------------------------------------------------------


def _fields(kind: type, entry_id: str, ours: Side, theirs: Side, out: Plan) -> None:
    mine, other = ours.entries[kind][entry_id], theirs.entries[kind][entry_id]
    take = Take(kind, entry_id)
    conflicts: list[str] = []
    for name in field_names(kind):
        mine_value, their_value = getattr(mine, name), getattr(other, name)
        recorded = ours.recorded(entry_id, name) or theirs.recorded(entry_id, name)
        if not recorded and mine_value == their_value:
            continue  # untouched on both sides since schema 6: the same value, the same id
        my_mark, their_mark = ours.mark(kind, entry_id, name), theirs.mark(kind, entry_id, name)
        if my_mark.id == their_mark.id:
            continue
        if their_mark.id in ours.known(entry_id, name, my_mark):
            continue  # only this side changed it since the other's version
        if my_mark.id in theirs.known(entry_id, name, their_mark):
            take.values[name] = their_value
            take.marks[name] = their_mark
            continue
        # Changed on both sides: the newer stays, the other text is kept in history.
        theirs_newer = (their_mark.at, their_mark.id) > (my_mark.at, my_mark.id)
        if theirs_newer:
            take.values[name] = their_value
            take.marks[name] = their_mark
        if name not in HISTORY_FIELDS.get(kind, ()):
            continue  # a field without history (a choice, a date, a contact's note): the newer
        if theirs_newer:
            lost, value, won = my_mark, mine_value, their_mark
        else:
            lost, value, won = their_mark, their_value, my_mark
        version = Version(lost.id, entry_id, name, value, lost.at, won.at, lost.how, lost.also)
        _keep_version(out, kind, version)
        conflicts.append(name)
        if theirs_newer:
            take.two_computers.append(name)
        else:
            out.mark_here.setdefault(entry_id, []).append(name)
    if take.values:
        out.take.append(take)
        out.report.changed[TABLE_OF[kind]] += 1
    if conflicts:
        out.report.conflicts.append(describe(mine))


def _overridden(
    out: Plan, ours: Side, kind: type, entry_id: str, gone: datetime, later: datetime
) -> None:
    """An entry deleted on one side stays (or comes back) here, changed after that deletion:
    the deletion and the change after it are both kept in its tombstone; the report says so
    the first time (a tombstone here already holding that deletion: said before)."""
    known = ours.tombstones.get(entry_id)
    if known is None or known.deleted_at < gone:
        out.said_kept.add(entry_id)
    _add_tombstone(out, ours, Tombstone(entry_id, kind, gone, later))


def _binned_versions(kind: type, entry_id: str, binned: Side, alive: Side, out: Plan) -> None:
    """An entry one side deleted stays (or comes back) from the other: its texts as they were
    when deleted (in that side's bin) go into its history, when not there already."""
    found = binned.binned.get(entry_id)
    if found is None:
        return
    _kind, values, deleted_at = found
    had = binned.version_ids(entry_id) if entry_id in binned.history_ids else set()
    for name, mark in binned.binned_marks[entry_id].items():
        value = values.get(name)
        if not isinstance(value, str) or mark.id in had:
            continue
        if mark.id in alive.known(entry_id, name, alive.mark(kind, entry_id, name)):
            continue
        version = Version(mark.id, entry_id, name, value, mark.at, deleted_at, mark.how, mark.also)
        _keep_version(out, kind, version)


def _keep_version(out: Plan, kind: type, version: Version) -> None:
    out.versions.setdefault(version.entry_id, (kind, []))[1].append(version)


def _history(kind: type, entry_id: str, ours: Side, theirs: Side, out: Plan) -> None:
    """The other side's earlier versions of the entry that this side lacks."""
    if entry_id not in theirs.history_ids:
        return
    have = ours.version_ids(entry_id)
    if theirs.version_ids(entry_id) <= have:
        return
    for version in theirs.versions(entry_id):
        if version.id not in have:
            _keep_version(out, kind, version)


def _keep_links_here(out: Plan, staying: dict[type, set[str]]) -> None:
    """A link taken from the other side must name an entry that stays here."""
    for take in out.take:
        for link, kind in LINK_KIND.items():
            target = take.values.get(link)
            if link in take.values and target is not None and target not in staying[kind]:
                del take.values[link]
                del take.marks[link]
    out.take = [t for t in out.take if t.values or t.two_computers]


# --- deletions, settings -------------------------------------------------------------------


def _tombstones(ours: Side, theirs: Side, out: Plan) -> None:
    """The other side's deletions this side does not know as they are there."""
    for their in theirs.tombstones.values():
        _add_tombstone(out, ours, their)


def _add_tombstone(out: Plan, ours: Side, tombstone: Tombstone) -> None:
    """``tombstone`` to be combined with this side's record of the entry, when that changes
    it (the newest deletion and the newest restore of the two); ``ours`` follows."""
    mine = ours.tombstones.get(tombstone.entry_id)
    if mine is not None:
        deleted = max(mine.deleted_at, tombstone.deleted_at)
        restores = [t for t in (mine.restored_at, tombstone.restored_at) if t is not None]
        restored = max(restores) if restores else None
        if (deleted, restored) == (mine.deleted_at, mine.restored_at):
            return
        tombstone = Tombstone(tombstone.entry_id, mine.kind or tombstone.kind, deleted, restored)
    ours.tombstones[tombstone.entry_id] = tombstone
    out.tombstones.append(tombstone)


def _bin_items(ours: Side, theirs: Side) -> list[dict[str, Any]]:
    """The other side's deletions still in its bin (not older than this side keeps them) of
    entries neither here nor in this side's bin."""
    roots = ours.bin_roots() | {i for k in KINDS for i in ours.entries[k]}
    oldest = ours.journal.now() - timedelta(days=BIN_DAYS)
    return [
        row
        for row in theirs.bin_rows.values()
        if str(row["root"]) not in roots and datetime.fromisoformat(row["created_at"]) > oldest
    ]


def _settings(ours: Side, theirs: Side, out: Plan) -> None:
    for key, (value, changed_at) in theirs.settings.items():
        mine = ours.settings.get(key)
        if mine is None or (
            mine[0] != value and (changed_at, repr(value)) > (mine[1], repr(mine[0]))
        ):
            out.settings.append((key, value, changed_at))
    if out.settings:
        out.report.changed["setting"] += len(out.settings)
