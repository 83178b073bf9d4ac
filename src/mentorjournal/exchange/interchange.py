"""Interchange format v1 (JSON) in and out, and the Markdown export.

Import validates the whole file before anything is written, then writes it in one transaction;
entries whose id is already in the journal are left alone, so importing twice adds nothing.
"""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from mentorjournal.domain import (
    REFLECTION_MODELS,
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import BadImport, InvalidEntry
from mentorjournal.exchange.reflection_keys import ModelKeysError, columns_from_keys, model_keys
from mentorjournal.journal.codec import from_plain, to_plain
from mentorjournal.journal.validation import check_rules

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

FORMAT = "mentorjournal"
VERSION = 1

# Section name → kind, in the order they must be inserted (parents first).
SECTIONS: dict[str, type] = {
    "relationships": Relationship,
    "meetings": Meeting,
    "reflections": Reflection,
    "actions": ActionStep,
    "reviews": Review,
    "wellbeing": WellbeingCheckin,
    "support_contacts": SupportContact,
    "own_prompts": OwnPrompt,
}
REQUIRED: dict[type, tuple[str, ...]] = {
    Relationship: ("id", "title"),
    Meeting: ("id", "relationship_id", "starts_at"),
    Reflection: ("id", "relationship_id", "written_at"),
    ActionStep: ("id", "relationship_id", "title"),
    Review: ("id", "relationship_id", "action_id", "status", "reviewed_at"),
    WellbeingCheckin: ("id", "at", "score"),
    SupportContact: ("id", "name"),
    OwnPrompt: ("id", "theme"),
}
METADATA = ("created_at", "updated_at")
RULE_ANCHOR = datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
MODELS = tuple(REFLECTION_MODELS)  # the reflection models this version has


def entry_dict(obj: Any) -> dict[str, Any]:
    data = to_plain(obj)
    for key in METADATA:
        data.pop(key, None)
    return {"id": data.pop("id"), **data}


def export_data(journal: Journal, *, include_deleted: bool = False) -> dict[str, Any]:
    """Every entry; with ``include_deleted``, also what is in Recently deleted, under
    ``recently_deleted`` (a key older readers ignore, and import leaves out): one object per
    deletion, ``deleted_at``, ``entry_id`` (the entry deleted) and the sections of the entries
    deleted with it."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    listings: dict[str, list[Any]] = {
        "relationships": journal.relationships(),
        "meetings": journal.meetings(),
        "reflections": journal.reflections(),
        "actions": journal.actions(),
        "reviews": [r for r in journal.reviews() if not r.id.startswith("legacy-")],
        "wellbeing": journal.wellbeing(),
        "support_contacts": journal.support_contacts(),
        "own_prompts": journal.own_prompts(),
    }
    for section, items in listings.items():
        data[section] = [entry_dict(o) for o in items]
    data["reflections"] = [
        {**entry, **model_keys(r)}
        for entry, r in zip(data["reflections"], listings["reflections"], strict=True)
    ]
    if include_deleted:
        data["recently_deleted"] = [
            _deleted(item, entries) for item, entries in journal.binned_entries()
        ]
    return data


def _deleted(item: Any, entries: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"deleted_at": item.deleted_at.isoformat(), "entry_id": item.entry.id}
    for section, cls in SECTIONS.items():
        found = [entry_dict(o) for o in entries if type(o) is cls]
        if found:
            out[section] = found
    return out


# json.dumps escapes C0 controls but writes DEL and C1 (e.g. U+009B, a CSI) raw; they can only
# stand inside strings, so writing them as \u escapes is the same JSON and safe in a terminal.
_JSON_C1 = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def export_json(journal: Journal, *, include_deleted: bool = False) -> str:
    data = export_data(journal, include_deleted=include_deleted)
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_C1) + "\n"


@dataclass
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)
    skipped: int = 0

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _fail(where: str, message: str) -> BadImport:
    return BadImport(f"Nothing was imported: {where}: {message}")


# The form every id this app makes has (str(uuid.uuid4())): no urn:uuid:, braces, capitals,
# signs or missing dashes, so one entry never has two spellings.
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _check_uuid(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, "the id must be a UUID string.")
    if not CANONICAL_UUID.fullmatch(value):
        try:
            uuid.UUID(value)
        except ValueError:
            raise _fail(where, f"{value!r} is not a UUID.") from None
        raise _fail(
            where, f"{value!r} is not a UUID as this app writes them (8-4-4-4-12 lower-case hex)."
        )
    return value


def _texts(obj: Any) -> Iterator[tuple[str, str]]:
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                yield f.name, item


def _check_like_the_forms(obj: Any, where: str) -> None:
    """What the app's own forms would refuse: the stored-entry rules, NUL, bad repeat rules."""
    try:
        check_rules(obj)  # its types were checked as it was built
    except InvalidEntry as exc:
        raise _fail(where, str(exc)) from None
    if isinstance(obj, Reflection) and obj.model not in MODELS:
        raise _fail(where, f"“model” must be one of: {', '.join(MODELS)}.")
    for name, text in _texts(obj):
        if "\x00" in text:
            raise _fail(where, f"“{name}” holds a NUL character.")
    if isinstance(obj, Relationship) and obj.cadence:
        from mentorjournal.mentoring import (
            cadence,  # imported when needed: the command line starts fast
        )

        try:  # the checks of the relationship form's rule; a rule with no dates left is fine
            cadence.next_occurrences(obj.cadence, RULE_ANCHOR, RULE_ANCHOR, count=1)
        except cadence.CadenceError as exc:
            raise _fail(where, f"“cadence”: {exc}") from None


def parse_import(text: str | bytes) -> dict[str, list[Any]]:
    """Every entry of an interchange file as domain objects, or BadImport saying what is wrong."""
    try:
        data = json.loads(text)
    except ValueError as exc:  # not JSON, not UTF-8, or a number too long to read
        raise BadImport(f"Nothing was imported: the file is not valid JSON ({exc}).") from None
    except RecursionError:
        raise BadImport("Nothing was imported: the file is nested too deeply to read.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        from mentorjournal.exchange.importers import describe

        hint = describe(data)
        hint = f"; {hint}" if "--from" in hint else ""
        raise BadImport(f"Nothing was imported: the file is not a MentorJournal export{hint}.")
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # true is not 1
        raise BadImport(
            f"Nothing was imported: the file is version {data.get('version')!r}, "
            f"and this version of MentorJournal reads version {VERSION}."
        )
    parsed: dict[str, list[Any]] = {}
    seen: set[str] = set()
    for section, cls in SECTIONS.items():
        entries = data.get(section, [])
        if not isinstance(entries, list):
            raise _fail(section, "this must be a list.")
        parsed[section] = []
        for index, entry in enumerate(entries):
            where = f"{section}[{index}]"
            if not isinstance(entry, dict):
                raise _fail(where, "each entry must be an object.")
            for key in REQUIRED[cls]:
                if entry.get(key) in (None, ""):
                    raise _fail(where, f"“{key}” is missing.")
            entry_id = _check_uuid(entry["id"], where)
            if entry_id in seen:
                raise _fail(where, f"the id {entry_id} appears twice.")
            seen.add(entry_id)
            for link in ("relationship_id", "meeting_id", "action_id"):
                if entry.get(link) is not None:
                    _check_uuid(entry[link], f"{where}.{link}")
            known = {k: v for k, v in entry.items() if k not in METADATA}
            if cls is Reflection:
                try:
                    known = columns_from_keys(known)
                except ModelKeysError as exc:
                    raise _fail(where, str(exc)) from None
            try:  # not stored=True: a null is not a value for a field that needs one
                obj: Any = from_plain(cls, known)
            except InvalidEntry as exc:
                raise _fail(where, str(exc)) from None
            except TypeError as exc:
                raise _fail(where, f"unexpected content ({exc}).") from None
            if isinstance(obj, WellbeingCheckin) and not 1 <= obj.score <= 5:
                raise _fail(where, "a well-being score is from 1 to 5.")
            _check_like_the_forms(obj, where)
            parsed[section].append(obj)
    return parsed


def _check_links(parsed: dict[str, list[Any]], journal: Journal) -> None:
    rel_ids = {o.id for o in parsed["relationships"]} | journal.existing_ids(Relationship)
    meeting_ids = {o.id for o in parsed["meetings"]} | journal.existing_ids(Meeting)
    action_ids = {o.id for o in parsed["actions"]} | journal.existing_ids(ActionStep)
    for section, items in parsed.items():
        for index, obj in enumerate(items):
            rel = getattr(obj, "relationship_id", None)
            if rel is not None and rel not in rel_ids:
                raise _fail(f"{section}[{index}]", f"relationship {rel} is not in the file.")
            meeting = getattr(obj, "meeting_id", None)
            if meeting is not None and meeting not in meeting_ids:
                raise _fail(f"{section}[{index}]", f"meeting {meeting} is not in the file.")
            action = getattr(obj, "action_id", None)
            if action is not None and action not in action_ids:
                raise _fail(f"{section}[{index}]", f"action {action} is not in the file.")


def import_text(journal: Journal, text: str | bytes) -> ImportResult:
    """Validate everything, then add what is new in one transaction."""
    parsed = parse_import(text)
    _check_links(parsed, journal)
    result = ImportResult()
    new: list[Any] = []
    for section, items in parsed.items():
        existing = journal.existing_ids(SECTIONS[section])
        fresh = [o for o in items if o.id not in existing]
        result.skipped += len(items) - len(fresh)
        result.added[section] = len(fresh)
        new.extend(fresh)
    # Each entry gets its own moment, in file order, so lists kept in the order entries were
    # written (own prompts) keep the file's order.
    start = journal.now()
    for offset, obj in enumerate(new):
        obj.created_at = obj.updated_at = start + timedelta(microseconds=offset)
    if new:
        try:
            added = {id(o) for o in journal.insert_new(new)}
        except InvalidEntry as exc:
            raise BadImport(f"Nothing was imported: {exc}") from None
        # Another import may have stored some of them meanwhile: those count as already there.
        offered = {id(o) for o in new}
        for section, items in parsed.items():
            late = sum(1 for o in items if id(o) in offered and id(o) not in added)
            result.added[section] -= late
            result.skipped += late
    return result
