"""Search skips decoding values that cannot hold the term, by a quick look at their stored JSON
bytes; it must never skip one that does hold it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.search import stored_prefilter
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

PASS = "prefilter test pass phrase"
ASCII_TERMS = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters='"\\'),
    min_size=1,
    max_size=6,
)


def stored(text: str) -> bytes:
    """A value as the journal stores it before encryption."""
    return json.dumps(text, ensure_ascii=False, separators=(",", ":")).encode()


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=60), term=ASCII_TERMS, cut=st.integers(0, 60))
def test_a_value_holding_the_term_always_passes(text: str, term: str, cut: int) -> None:
    needle = term.casefold()
    maybe = stored_prefilter(needle)
    assert maybe is not None
    planted = text[:cut] + term.upper() + text[cut:]
    assert maybe(stored(planted))
    if needle in text.casefold():
        assert maybe(stored(text))


@pytest.mark.parametrize("term", ['say "', "back\\slash", "two\nlines", "tab\there", "café"])
def test_terms_json_would_escape_or_not_ascii_are_not_prefiltered(term: str) -> None:
    assert stored_prefilter(term.casefold()) is None


def test_plain_ascii_values_without_the_term_are_skipped() -> None:
    maybe = stored_prefilter("panel")
    assert maybe is not None
    assert maybe(stored('We spoke about the "PANEL"\nand the pipeline.'))
    assert not maybe(stored("We spoke about the pipeline."))
    assert maybe(stored("Ünïcödé text is always decoded"))  # left to the full comparison


@pytest.fixture
def odd_journal(tmp_path: Path) -> Path:
    path = tmp_path / "j.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    rel = journal.save(Relationship(title="Mentoring"))
    texts = [
        "The Kelvin sign: 300 \u212a is warm",  # casefolds to "k"
        "A \u017fhort \u017ftory",  # long s casefolds to "s"
        "Gro\u00dfe STRASSE",
        'She said "PANEL" twice',
        "nothing to see",
        "panel\nsecond line",
    ]
    journal.save_many(
        Reflection(
            relationship_id=rel.id, written_at=datetime(2026, 1, 1, tzinfo=UTC), description=text
        )
        for text in texts
    )
    journal.close()
    return path


@pytest.mark.parametrize("term", ["k is", "short story", "strasse", "panel", "see", "zzz"])
def test_search_finds_the_same_with_and_without_the_quick_look(
    odd_journal: Path, term: str
) -> None:
    cold = Journal.open(odd_journal, PASS)  # nothing in memory: values read from the file
    warm = Journal.open(odd_journal, PASS)
    try:
        warm.all(Reflection)  # everything in memory: no quick look at stored bytes
        from_file = sorted(h.snippet for h in cold.search(term))
        from_memory = sorted(h.snippet for h in warm.search(term))
    finally:
        cold.close()
        warm.close()
    assert from_file == from_memory
    expected = {"k is": 1, "short story": 1, "strasse": 1, "panel": 2, "see": 1, "zzz": 0}
    assert len(from_file) == expected[term]
