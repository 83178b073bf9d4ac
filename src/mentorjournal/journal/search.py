"""Search over decrypted text, in memory only (there is no index on disk)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

SNIPPET_WIDTH = 60

KIND_NAMES: dict[type, str] = {
    Relationship: "relationship",
    Meeting: "meeting",
    Reflection: "reflection",
    ActionStep: "action",
    Review: "review",
    WellbeingCheckin: "well-being",
    SupportContact: "support",
    OwnPrompt: "prompt",
}

# Fields searched, per kind; everything a person wrote in words.
TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    Relationship: ("title", "partner", "purpose", "ground_rules", "styles"),
    Meeting: ("preparation", "points", "notes", "framing", "review_summary", "cancel_reason"),
    Reflection: (
        "description",
        "feelings",
        "evaluation",
        "analysis",
        "conclusion",
        "action_plan",
    ),
    ActionStep: ("title", "detail", "resources", "obstacles", "learning"),
    Review: ("learning",),  # what was learned at each review: the history stays searchable
    WellbeingCheckin: ("note",),
    SupportContact: ("name", "how", "note"),
    OwnPrompt: ("text", "theme_title"),
}


@dataclass(frozen=True)
class SearchHit:
    kind: str
    when: date | None
    relationship: str
    field: str
    snippet: str  # one line, the match somewhere inside
    start: int  # where the match begins in the snippet
    length: int
    entry_id: str
    entry_type: type


# The date a result is listed under, per kind (entries without one use when they were stored).
DATE_FIELD: dict[type, str] = {
    Relationship: "started_on",
    Meeting: "starts_at",
    Reflection: "written_at",
    ActionStep: "due_on",
    Review: "reviewed_at",
    WellbeingCheckin: "at",
}


def as_day(value: Any) -> date | None:
    """A date from a date, a datetime, or their ISO text (as stored)."""
    if isinstance(value, str) and value:
        value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone().date()
    if isinstance(value, date):
        return value
    return None


def snippet(text: str, index: int, length: int, width: int = SNIPPET_WIDTH) -> tuple[str, int]:
    """A one-line window of ``text`` around a match; returns it and where the match starts."""
    start = max(0, index - (width - length) // 2)
    end = min(len(text), start + width)
    start = max(0, end - width)
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    flat = " ".join(piece.split("\n")).replace("\r", " ").replace("\t", " ")
    return prefix + flat + suffix, index - start + len(prefix)


def span_in_original(text: str, folded_start: int, folded_length: int) -> tuple[int, int]:
    """Where a match found in ``text.casefold()`` lies in ``text`` itself (start, length).

    Case-folding can change lengths ("ß" → "ss", "İ" → "i̇"), so the positions are mapped back
    one character at a time; a match that begins or ends inside one character's folding covers
    that whole character."""
    origin: list[int] = []
    for at, ch in enumerate(text):
        origin.extend([at] * len(ch.casefold()))
    start = origin[folded_start]
    end = origin[folded_start + folded_length - 1] + 1
    return start, end - start


def find_in(
    row: dict[str, Any], fields: tuple[str, ...], needle: str
) -> tuple[str, int, int, str] | None:
    """The first field holding ``needle`` (already casefolded): field, where the match starts in
    the field's text, how long it is there, and the text."""
    for name in fields:
        text = row.get(name)
        if not text:
            continue
        folded = text.casefold()
        index = folded.find(needle)
        if index >= 0:
            if len(folded) == len(text):
                return name, index, len(needle), text
            start, length = span_in_original(text, index, len(needle))
            return name, start, length, text
    return None


# Characters JSON writes as escapes (ensure_ascii=False): a term holding one may not appear
# as it is in a value's stored JSON.
JSON_ESCAPED = frozenset('"\\') | frozenset(chr(c) for c in range(0x20))


def stored_prefilter(needle: str) -> Callable[[bytes], bool] | None:
    """A quick test of a value's stored JSON bytes that is False only when the value cannot
    hold ``needle`` (casefolded): an ASCII value holds it only if its lower-cased JSON does.
    Values with other characters always pass (their case-folding is left to ``find_in``).
    None for a term with non-ASCII or escaped characters: then every value is decoded."""
    if not needle.isascii() or any(ch in JSON_ESCAPED for ch in needle):
        return None
    target = needle.encode("ascii")

    def maybe(data: bytes) -> bool:
        return not data.isascii() or target in data.lower()

    return maybe


def search(journal: Journal, term: str) -> list[SearchHit]:
    """Every entry whose words contain ``term`` (any case), newest first.

    Only the text fields and the date are decrypted (or read from memory when the journal
    holds them already); objects are never built for entries that do not match."""
    needle = term.strip().casefold()
    if not needle:
        return []
    titles = {r.id: r.title for r in journal.all(Relationship)}
    prefilter = stored_prefilter(needle)
    hits: list[SearchHit] = []
    for cls, fields in TEXT_FIELDS.items():
        found_here = []
        for row in journal.entry_texts(cls, fields, prefilter=prefilter):
            found = find_in(row, fields, needle)
            if found is not None:
                found_here.append((row, found))
        if not found_here:
            continue
        # The date is decrypted for the matches only.
        date_field = DATE_FIELD.get(cls, "created_at")
        ids = [str(row["id"]) for row, _ in found_here]
        dates: dict[str, date | None] = {}
        for start in range(0, len(ids), 500):  # SQLite takes a bounded number of parameters
            for r in journal.entry_texts(cls, (date_field,), ids[start : start + 500]):
                dates[str(r["id"])] = as_day(r.get(date_field)) or as_day(r.get("created_at"))
        for row, (name, index, length, text) in found_here:
            snip, at = snippet(text, index, length)
            rel_id = row.get("relationship_id") or (row["id"] if cls is Relationship else "")
            hits.append(
                SearchHit(
                    kind=KIND_NAMES[cls],
                    when=dates.get(str(row["id"])),
                    relationship=titles.get(rel_id, ""),
                    field=name,
                    snippet=snip,
                    start=at,
                    length=length,
                    entry_id=str(row["id"]),
                    entry_type=cls,
                )
            )
    hits.sort(key=lambda h: h.when or date.min, reverse=True)
    return hits
