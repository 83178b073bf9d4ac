"""Search over decrypted text, in memory only (there is no index on disk)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    SupportContact,
    WellbeingCheckin,
)

if TYPE_CHECKING:
    from mentorjournal.journal import Journal

SNIPPET_WIDTH = 60

KIND_NAMES: dict[type, str] = {
    Relationship: "relationship",
    Meeting: "meeting",
    Reflection: "reflection",
    ActionStep: "action",
    WellbeingCheckin: "well-being",
    SupportContact: "support",
    OwnPrompt: "prompt",
}

# Fields searched, per kind; everything a person wrote in words.
TEXT_FIELDS: dict[type, tuple[str, ...]] = {
    Relationship: ("title", "partner", "purpose", "ground_rules", "styles"),
    Meeting: ("preparation", "points", "notes", "framing", "review_summary"),
    Reflection: (
        "description",
        "feelings",
        "evaluation",
        "analysis",
        "conclusion",
        "action_plan",
    ),
    ActionStep: ("title", "detail", "resources", "obstacles", "learning"),
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


def entry_date(obj: Any) -> date | None:
    for name in ("starts_at", "written_at", "at", "due_on", "started_on", "created_at"):
        value = getattr(obj, name, None)
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


def find_in(obj: Any, needle: str) -> tuple[str, int, str] | None:
    """The first field holding ``needle`` (already casefolded): field, index, text."""
    for name in TEXT_FIELDS[type(obj)]:
        text = getattr(obj, name)
        if not text:
            continue
        folded = text.casefold()
        index = folded.find(needle)
        if index >= 0:
            if len(folded) != len(text):  # casefolding changed lengths: fall back to lower()
                index = max(0, text.lower().find(needle.lower()))
            return name, index, text
    return None


def search(journal: Journal, term: str) -> list[SearchHit]:
    """Every entry whose words contain ``term`` (any case), newest first."""
    needle = term.strip().casefold()
    if not needle:
        return []
    titles = {r.id: r.title for r in journal.all(Relationship)}
    hits: list[SearchHit] = []
    for cls in TEXT_FIELDS:
        obj: Any
        for obj in journal.all(cls):
            found = find_in(obj, needle)
            if found is None:
                continue
            name, index, text = found
            snip, at = snippet(text, index, len(needle))
            rel_id = getattr(obj, "relationship_id", None) or (
                obj.id if isinstance(obj, Relationship) else None
            )
            hits.append(
                SearchHit(
                    kind=KIND_NAMES[cls],
                    when=entry_date(obj),
                    relationship=titles.get(rel_id or "", ""),
                    field=name,
                    snippet=snip,
                    start=at,
                    length=len(needle),
                    entry_id=obj.id,
                    entry_type=cls,
                )
            )
    hits.sort(key=lambda h: h.when or date.min, reverse=True)
    return hits
