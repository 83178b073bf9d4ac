"""Search over decrypted text, in memory only (there is no index on disk).

A query is words and "quoted phrases", every one of which an entry must hold (in any of its
fields, any case). Filters narrow it further: one relationship, some kinds, the days an entry
is dated in (its own date: a meeting's start, a reflection's writing, an action's due date …;
an entry with no date of its own is left out by a date range), a status (a meeting's or an
action's). With filters, an empty query lists everything they keep.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


# The kinds a filter may name (a well-being check-in by either name).
KIND_FILTERS: dict[str, type] = {
    "relationship": Relationship,
    "meeting": Meeting,
    "reflection": Reflection,
    "action": ActionStep,
    "review": Review,
    "check-in": WellbeingCheckin,
    "well-being": WellbeingCheckin,
    "support": SupportContact,
    "prompt": OwnPrompt,
}
# The statuses a filter may name, and the kinds that have them.
STATUS_KINDS: dict[str, tuple[type, ...]] = {
    "planned": (Meeting,),
    "held": (Meeting,),
    "cancelled": (Meeting,),
    "open": (ActionStep, Review),
    "done": (ActionStep, Review),
    "dropped": (ActionStep, Review),
}
UNLINKED = (SupportContact, OwnPrompt)  # kinds that belong to no relationship


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search besides its words; the defaults narrow nothing."""

    relationship_id: str | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)  # names in KIND_FILTERS
    since: date | None = None
    until: date | None = None
    status: str | None = None  # a name in STATUS_KINDS

    @property
    def narrows(self) -> bool:
        return self != NO_FILTERS

    def takes(self, cls: type) -> bool:
        """Whether entries of ``cls`` can pass at all."""
        if self.kinds and cls not in {KIND_FILTERS[k] for k in self.kinds}:
            return False
        if self.status is not None and cls not in STATUS_KINDS[self.status]:
            return False
        if (self.since is not None or self.until is not None) and cls not in DATE_FIELD:
            return False
        return not (self.relationship_id is not None and cls in UNLINKED)

    def takes_day(self, day: date | None) -> bool:
        if self.since is None and self.until is None:
            return True
        return (
            day is not None
            and (self.since is None or self.since <= day)
            and (self.until is None or day <= self.until)
        )


NO_FILTERS = SearchFilters()
_QUERY = re.compile(r'"([^"]*)"?|(\S+)')


def parse_query(text: str) -> list[str]:
    """The words and "quoted phrases" of a query, casefolded, each once (a phrase's spaces as
    one; an unclosed quote runs to the end)."""
    terms: list[str] = []
    for phrase, word in _QUERY.findall(text):
        term = " ".join((phrase or word).split()).casefold()
        if term and term not in terms:
            terms.append(term)
    return terms


def as_day(value: Any) -> date | None:
    """A date from a date, a datetime (its day where it happened, in its own zone), or their
    ISO text (as stored)."""
    if isinstance(value, str) and value:
        value = date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.date()
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


def match_all(
    row: dict[str, Any], fields: tuple[str, ...], terms: list[str]
) -> tuple[str, int, int, str] | None:
    """Where to show an entry holding every term (field, start, length, text), or None.

    The whole query as one phrase is shown where it stands; else the first term is. With no
    terms every entry matches, shown from the start of its first field with words."""
    if not terms:
        name = next((n for n in fields if row.get(n)), fields[0])
        return name, 0, 0, str(row.get(name) or "")
    if len(terms) > 1:
        folded = [str(row.get(n) or "").casefold() for n in fields]
        if not all(any(term in text for text in folded) for term in terms):
            return None
        whole = find_in(row, fields, " ".join(terms))
        if whole is not None:
            return whole
    return find_in(row, fields, terms[0])


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    """SQLite takes a bounded number of parameters."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def search(journal: Journal, term: str, filters: SearchFilters = NO_FILTERS) -> list[SearchHit]:
    """Every entry holding every word and phrase of ``term`` (any case) that ``filters`` keep,
    newest first.

    Only the text fields are decrypted for every entry (or read from memory when the journal
    holds them already); the date and status only for the entries that match, and objects are
    never built for entries that do not."""
    terms = parse_query(term)
    if not terms and not filters.narrows:
        return []
    titles = {r.id: r.title for r in journal.all(Relationship)}
    # An entry holds every term, so a value holding the longest one must be there.
    prefilter = stored_prefilter(max(terms, key=len)) if terms else None
    hits: list[SearchHit] = []
    for cls, fields in TEXT_FIELDS.items():
        if not filters.takes(cls):
            continue
        found_here = []
        for row in journal.entry_texts(cls, fields, prefilter=prefilter):
            rel_id = row.get("relationship_id") or (row["id"] if cls is Relationship else "")
            if filters.relationship_id is not None and rel_id != filters.relationship_id:
                continue
            found = match_all(row, fields, terms)
            if found is not None:
                found_here.append((row, rel_id, found))
        if not found_here:
            continue
        own = DATE_FIELD.get(cls)
        wanted = tuple(n for n in (own, "status" if filters.status else None) if n)
        extra: dict[str, dict[str, Any]] = {}
        for ids in _chunks([str(row["id"]) for row, _, _ in found_here]):
            for r in journal.entry_texts(cls, wanted or ("id",), ids):
                extra[str(r["id"])] = r
        for row, rel_id, (name, index, length, text) in found_here:
            more = extra.get(str(row["id"]), {})
            day = as_day(more.get(own)) if own else None
            if not filters.takes_day(day):
                continue
            if filters.status is not None and str(more.get("status") or "") != filters.status:
                continue
            snip, at = snippet(text, index, length)
            hits.append(
                SearchHit(
                    kind=KIND_NAMES[cls],
                    when=day or as_day(row.get("created_at")),
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
