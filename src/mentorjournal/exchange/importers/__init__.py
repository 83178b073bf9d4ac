"""Other journal apps' exports brought in: each of their entries becomes a free-standing
reflection (its text in Description) in one relationship.

An importer (``jrnl``, ``dayone``) reads its app's file into :class:`ForeignEntry` values, or
refuses it with one sentence; :func:`import_entries` then checks every reflection it would make
and adds the new ones in one transaction. Each reflection's id is derived from the entry it came
from (a UUID 5 over the app's name and the entry's own id, or its date and words), so importing
the same file twice adds nothing.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.errors import BadImport, InvalidEntry
from mentorjournal.journal.validation import check_rules

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

# The namespace of every id made for an imported entry (fixed: the same entry, the same id).
NAMESPACE = uuid.UUID("6f1b8f0e-2a47-4c55-9a3e-5d0c1e7b9a21")
APPS = {"jrnl": "jrnl", "dayone": "Day One"}


@dataclass(frozen=True)
class ForeignEntry:
    """One entry of another app: ``key`` names it for good in that app (its uuid, or its date
    and words), ``written_at`` is in the zone it was written in, ``text`` is its words (tags
    kept in them)."""

    key: str
    written_at: datetime
    text: str


@dataclass
class ForeignImport:
    """What an import did: the relationship it went into and how many entries were new."""

    relationship: str
    made_relationship: bool = False
    added: int = 0
    skipped: int = 0  # already in the journal
    empty: int = 0  # entries with no words, left out
    entries: list[Reflection] = field(default_factory=list)


def refuse(message: str) -> BadImport:
    return BadImport(f"Nothing was imported: {message}")


def read_json(data: bytes, app: str, how: str) -> Any:
    """The file's JSON, or one sentence saying it is not ``app``'s export (``how``: how that
    app makes one)."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise refuse(f"the file is not {app}'s JSON export ({how}).") from None


def describe(data: Any) -> str:
    """What a JSON file that is not the one asked for looks like, for the sentence refusing it."""
    if not isinstance(data, dict):
        return "it is JSON, but not an export of a journal app"
    if data.get("format") == "mentorjournal":
        return "it is a MentorJournal export (import it with: mentorjournal import FILE)"
    entries = data.get("entries")
    first = entries[0] if isinstance(entries, list) and entries else None
    if isinstance(first, dict) and "creationDate" in first:
        return "it looks like a Day One export (use --from dayone)"
    if isinstance(first, dict) and {"date", "time", "title"} <= set(first):
        return "it looks like a jrnl export (use --from jrnl)"
    return "it is JSON, but not an export of a journal app"


def entry_id(app: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{app}\n{key}"))


def _relationship(journal: Journal, wanted: str) -> tuple[Relationship, bool]:
    """The relationship called (or with the id) ``wanted``, or a new one by that title."""
    rels = journal.relationships()
    for rel in rels:
        if rel.id == wanted:
            return rel, False
    matches = [r for r in rels if r.title.strip().casefold() == wanted.casefold()]
    if len(matches) > 1:
        ids = ", ".join(r.id for r in matches)
        raise refuse(f"{len(matches)} relationships are called “{wanted}”; give an id: {ids}.")
    if matches:
        return matches[0], False
    return Relationship(title=wanted), True


def import_entries(
    journal: Journal, app: str, entries: list[ForeignEntry], relationship: str | None = None
) -> ForeignImport:
    """Check every entry as a reflection first, then add the new ones (and the relationship,
    when it is made) in one transaction; entries already imported are left alone."""
    title = " ".join((relationship or f"Imported from {APPS[app]}").split())
    if not title:
        raise refuse("--relationship needs a title.")
    rel, made = _relationship(journal, title)
    made_here: list[Reflection] = []
    seen: set[str] = set()
    empty = 0
    for index, entry in enumerate(entries):
        if not entry.text.strip():
            empty += 1
            continue
        if "\x00" in entry.text:
            raise refuse(f"entries[{index}]: the text holds a NUL character.")
        reflection = Reflection(
            rel.id, entry.written_at, description=entry.text, id=entry_id(app, entry.key)
        )
        try:
            check_rules(reflection)
        except InvalidEntry as exc:
            raise refuse(f"entries[{index}]: {exc}") from None
        if reflection.id not in seen:  # the very same entry twice in one file: once
            seen.add(reflection.id)
            made_here.append(reflection)
    existing = journal.existing_ids(Reflection)
    fresh = [r for r in made_here if r.id not in existing]
    result = ForeignImport(rel.title, made and bool(fresh), skipped=len(made_here) - len(fresh))
    result.empty = empty
    if fresh:
        start = journal.now()
        for offset, obj in enumerate(fresh):  # each its own moment, in the file's order
            obj.created_at = obj.updated_at = start + timedelta(microseconds=offset)
        try:
            added = journal.insert_new([rel, *fresh] if result.made_relationship else fresh)
        except InvalidEntry as exc:
            raise refuse(str(exc)) from None
        result.entries = [o for o in added if isinstance(o, Reflection)]
        result.added = len(result.entries)
        result.skipped += len(fresh) - result.added
    return result
