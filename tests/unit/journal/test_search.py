"""Search over decrypted text, in memory: every kind, any case, a one-line snippet."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

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
from mentorjournal.journal import search
from mentorjournal.journal.journal import Journal

# (what to look for, kind shown, entry in the sample, field holding it)
EACH_KIND = [
    ("RACE SHAPES", "relationship", "rel", "purpose"),
    ("promotion PANELS", "meeting", "held", "notes"),
    ("then GRATEFUL", "reflection", "reflection", "feelings"),
    ("data protection", "action", "open_action", "obstacles"),
    ("nervous BEFORE", "well-being", "checkin", "note"),
    ("24 HOURS", "support", "contact", "note"),
    ("last feel i belonged", "prompt", "prompt", "text"),
    ("allyship AT BOARD", "prompt", "theme", "theme_title"),
]


@pytest.mark.parametrize(("term", "kind", "which", "field"), EACH_KIND)
def test_finds_text_in_each_kind_in_any_case(
    journal: Journal, sample, term: str, kind: str, which: str, field: str
) -> None:
    entry = getattr(sample, which)
    hits = search.search(journal, term)
    assert [(h.kind, h.entry_id, h.field) for h in hits] == [(kind, entry.id, field)]
    hit = hits[0]
    assert term.casefold() in hit.snippet.casefold()
    assert hit.snippet[hit.start : hit.start + hit.length].casefold() == term.casefold()
    assert hit.entry_type is type(entry)


def test_hit_carries_date_and_relationship(journal: Journal, sample) -> None:
    (hit,) = search.search(journal, "pipeline")
    assert (hit.kind, hit.when, hit.relationship) == (
        "meeting",
        date(2026, 2, 10),
        "Reverse mentoring with Amara",
    )
    (rel_hit,) = search.search(journal, "first board role")
    assert (rel_hit.relationship, rel_hit.when) == (
        "Board mentoring",
        sample.other_rel.created_at.astimezone().date(),
    )
    (contact,) = search.search(journal, "assistance")
    assert contact.relationship == ""


def test_hits_are_newest_first_and_one_per_entry(journal: Journal, sample) -> None:
    hits = search.search(journal, "panel")
    assert [(h.kind, h.entry_id, h.when) for h in hits] == [
        ("meeting", sample.planned.id, date(2026, 3, 10)),
        ("action", sample.open_action.id, date(2026, 2, 28)),
        ("meeting", sample.held.id, date(2026, 2, 10)),
        ("reflection", sample.reflection.id, date(2026, 2, 10)),
    ]
    # The held meeting holds "panel" in three fields; it is one hit, from the first searched.
    assert [h.field for h in hits] == ["preparation", "title", "points", "description"]


def test_blank_or_absent_terms_find_nothing(journal: Journal, sample) -> None:
    assert search.search(journal, "") == []
    assert search.search(journal, "   ") == []
    assert search.search(journal, "zebra crossing") == []


def test_searches_through_the_journal_front_door(journal: Journal, sample) -> None:
    assert [h.entry_id for h in journal.search("SNOW DAY")] == [sample.cancelled.id]


def test_snippet_is_one_line_around_the_match(journal: Journal, sample) -> None:
    long_text = ("word " * 40) + "needle\nwith\tbreaks\r\n" + ("tail " * 40)
    journal.save(
        Reflection(
            relationship_id=sample.rel.id, written_at=sample.held.starts_at, analysis=long_text
        )
    )
    (hit,) = search.search(journal, "NEEDLE")
    assert "\n" not in hit.snippet and "\t" not in hit.snippet and "\r" not in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) == search.SNIPPET_WIDTH + 2
    assert hit.snippet[hit.start : hit.start + 6] == "needle"


def test_snippet_function() -> None:
    assert search.snippet("short text", 6, 4) == ("short text", 6)
    text = "a" * 100 + "XY" + "b" * 100
    piece, at = search.snippet(text, 100, 2, width=10)
    assert piece == "…aaaaXYbbbb…"
    assert piece[at : at + 2] == "XY"
    piece, at = search.snippet(text, 0, 1, width=10)
    assert (piece, at) == ("aaaaaaaaaa…", 0)


def test_unicode_case_insensitive(journal: Journal, sample) -> None:
    journal.save(SupportContact(name="École des parents", how="ΣΊΣΥΦΟΣ"))
    assert [h.field for h in search.search(journal, "ÉCOLE")] == ["name"]
    assert [h.field for h in search.search(journal, "σίσυφος")] == ["how"]


def test_search_covers_every_kind() -> None:
    kinds = {
        Relationship,
        Meeting,
        Reflection,
        ActionStep,
        Review,
        WellbeingCheckin,
        SupportContact,
        OwnPrompt,
    }
    assert set(search.TEXT_FIELDS) == kinds == set(search.KIND_NAMES)


@pytest.mark.parametrize(
    ("text", "term", "marked"),
    [
        ("Die Große Straße entlang", "strasse", "Straße"),
        ("Die Große Straße entlang", "ße ent", "ße ent"),
        ("İstanbul meeting notes", "meeting", "meeting"),
        ("ﬁle the ﬁndings", "findings", "ﬁndings"),  # one ligature character folds to two
        ("plain ASCII words", "ascii", "ASCII"),
    ],
)
def test_the_match_is_marked_where_it_is_in_the_text(
    journal: Journal, text: str, term: str, marked: str
) -> None:
    """Case-folding can change lengths ("ß" → "ss"); the marked part is still the match."""
    rel = journal.save(Relationship(title="Mentoring"))
    journal.save(
        Reflection(
            relationship_id=rel.id, written_at=datetime(2026, 1, 1, tzinfo=UTC), description=text
        )
    )
    (hit,) = search.search(journal, term)
    assert hit.snippet[hit.start : hit.start + hit.length] == marked
