"""Which entries stay, come or go when another copy is merged: the entries one side has and the
other has not, decided by the deletions (tombstones) of each side.

- Only here, never deleted there: stays. Deleted there: goes (into Recently deleted) unless it
  was changed here after that deletion — then it stays, and is said to.
- Only there, never deleted here: comes. Deleted here: stays out unless it was changed (or
  restored) there after that deletion — then it comes back, and is said to.
- Parents follow: an entry that stays or comes keeps its relationship (and a review its
  action) here — one deleted there stays, one deleted here comes back. An entry new on one side
  whose parent the other side deleted is kept with it only when written after that deletion;
  written before, it goes with its parent (here: into Recently deleted; coming: not taken).

Worked out to a fixed point, so the result does not depend on the order entries are looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mentorjournal.domain import ActionStep, Meeting, Relationship
from mentorjournal.journal.merge_view import KINDS, Side

# The links a child cannot live without (ON DELETE CASCADE), and the kind each names.
NEEDED_LINKS = ("relationship_id", "action_id")
LINK_KIND = {"relationship_id": Relationship, "meeting_id": Meeting, "action_id": ActionStep}


@dataclass
class Presence:
    """The decisions: entry id -> kind (and when it was deleted, for those going)."""

    coming: dict[str, type] = field(default_factory=dict)  # new from there
    back: dict[str, type] = field(default_factory=dict)  # deleted here, changed there after
    kept: dict[str, type] = field(default_factory=dict)  # deleted there, stays here
    going: dict[str, tuple[type, datetime]] = field(default_factory=dict)  # deleted there
    new_here: dict[str, type] = field(default_factory=dict)  # only here, unknown there
    # When each kept or returning entry was last changed after the deletion it overrides.
    overrides: dict[str, tuple[datetime, datetime]] = field(default_factory=dict)

    def staying(self, ours: Side) -> dict[type, set[str]]:
        out = {k: set(ours.entries[k]) for k in KINDS}
        for entry_id, kind in (*self.coming.items(), *self.back.items()):
            out[kind].add(entry_id)
        for entry_id, (kind, _when) in self.going.items():
            out[kind].discard(entry_id)
        return out


def decide(ours: Side, theirs: Side) -> Presence:
    p = Presence()
    for kind in KINDS:
        for entry_id in ours.entries[kind]:
            if entry_id in theirs.entries[kind]:
                continue
            gone = theirs.deleted_at(entry_id)
            later = ours.last_change(kind, entry_id)
            if gone is None:
                p.new_here[entry_id] = kind
            elif later > gone:
                p.kept[entry_id] = kind
                p.overrides[entry_id] = (gone, later)
            else:
                p.going[entry_id] = (kind, gone)
        for entry_id in theirs.entries[kind]:
            if entry_id in ours.entries[kind]:
                continue
            gone = ours.deleted_at(entry_id)
            later = theirs.last_change(kind, entry_id)
            if gone is None:
                p.coming[entry_id] = kind
            elif later > gone:
                p.back[entry_id] = kind
                p.overrides[entry_id] = (gone, later)
    while _parents_followed(p, ours, theirs):
        pass
    return p


def _parents_followed(p: Presence, ours: Side, theirs: Side) -> bool:
    """One pass of "parents follow"; True when anything changed (then pass again)."""
    changed = False
    looked = [(i, k, theirs, True) for i, k in p.back.items()]
    looked += [(i, k, theirs, False) for i, k in p.coming.items()]
    looked += [(i, k, ours, True) for i, k in p.kept.items()]
    looked += [(i, k, ours, False) for i, k in p.new_here.items()]
    for entry_id, kind, side, forced in looked:
        if entry_id not in side.entries[kind] or (side is theirs and not _comes(p, entry_id)):
            continue
        entry = side.entries[kind][entry_id]
        later = side.last_change(kind, entry_id)
        for link in NEEDED_LINKS:
            parent = getattr(entry, link, None)
            if parent is None:
                continue
            parent_kind = LINK_KIND[link]
            if parent in p.going:
                gone = p.going[parent][1]
                if forced or later > gone:
                    del p.going[parent]
                    p.kept[parent] = parent_kind
                    p.overrides[parent] = (gone, later)
                    changed = True
                continue
            if parent in ours.entries[parent_kind] or _comes(p, parent):
                continue
            deleted = ours.deleted_at(parent)
            if parent in theirs.entries[parent_kind] and (
                forced or (deleted is not None and later > deleted)
            ):
                if deleted is None:
                    p.coming[parent] = parent_kind
                else:
                    p.back[parent] = parent_kind
                    p.overrides[parent] = (deleted, later)
                changed = True
            elif side is theirs:  # it cannot come without its parent
                p.coming.pop(entry_id, None)
                changed = True
    return changed


def _comes(p: Presence, entry_id: str) -> bool:
    return entry_id in p.coming or entry_id in p.back
