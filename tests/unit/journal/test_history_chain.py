"""The stored form of an entry's versions (``history_chain``): each older version as what differs
from the next newer one reads back exactly, in any order it was put in; the retention rule."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.journal.history_chain import (
    KEEP_LAST,
    Chains,
    Version,
    changed_span,
    first_id,
    keep,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def version(n: int, text: str, field: str = "notes", *, hours: float = 1) -> Version:
    at = T0 + timedelta(hours=n * hours)
    return Version(f"v{n}", "e", field, text, at, at + timedelta(minutes=30))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab \n😀é", max_size=40), min_size=1, max_size=12))
def test_every_version_reads_back_exactly(texts: list[str]) -> None:
    chains = Chains("e")
    for n, text in enumerate(texts):
        chains.push(version(n, text))
    stored = Chains.from_plain("e", json.loads(json.dumps(chains.to_plain())))
    assert [v.text for v in stored.versions()] == texts[::-1]
    assert [v.id for v in stored.versions()] == [f"v{n}" for n in range(len(texts))][::-1]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="xy\n", max_size=20), min_size=2, max_size=10), st.randoms())
def test_versions_added_in_any_order_and_dropped_read_back(texts: list[str], rnd) -> None:
    items = [version(n, t) for n, t in enumerate(texts)]
    shuffled = items[:]
    rnd.shuffle(shuffled)
    chains = Chains("e")
    for v in shuffled:
        chains.add(v)
    chains.add(shuffled[0])  # an id already there is left out
    assert [v.text for v in chains.versions()] == texts[::-1]
    gone = {v.id for v in items if rnd.random() < 0.4}
    chains.drop(gone)
    assert [v.text for v in chains.versions()] == [v.text for v in items[::-1] if v.id not in gone]


def test_only_the_newest_is_whole_and_the_others_cost_their_edits() -> None:
    rnd = random.Random(5)
    text = "".join(rnd.choice("abcdefgh ") for _ in range(1_000_000))
    chains = Chains("e")
    for n in range(40):
        at = rnd.randrange(len(text))
        chains.push(version(n, text))
        text = text[:at] + f"edit {n}" + text[at + 3 :]
    size = len(json.dumps(chains.to_plain()))
    assert 1_000_000 < size < 1_010_000
    assert sum("text" in item for item in chains.fields["notes"]) == 1


def test_changed_span_counts_what_a_save_took_out() -> None:
    assert changed_span("one two three", "one two three four") == 0
    assert changed_span("one two three", "one three") == 4
    assert changed_span("a" * 100, "") == 100
    assert changed_span("", "") == 0


def test_first_ids_are_the_same_for_the_same_value_and_differ_otherwise() -> None:
    assert first_id("e", "notes", "x") == first_id("e", "notes", "x")
    ids = {first_id("e", "notes", "x"), first_id("e", "notes", "y"), first_id("f", "notes", "x")}
    assert len(ids) == 3


def test_keep_the_last_fifty_then_one_a_day_for_a_year() -> None:
    # Ten versions a day for 20 days, then one a day two years ago.
    items = [version(n, str(n), hours=2.4) for n in range(200)]
    old = [
        Version(f"old{d}", "e", "x", "x", T0 - timedelta(days=700 + d), T0 - timedelta(days=699))
        for d in range(5)
    ]
    now = items[-1].replaced_at
    kept = keep(items + old, now)
    newest = sorted(items, key=lambda v: v.replaced_at)[-KEEP_LAST:]
    assert {v.id for v in newest} <= kept
    beyond = kept - {v.id for v in newest}
    days = {v.written_at.date() for v in items if v.id in beyond}
    assert len(beyond) == len(days)  # one a day
    assert {v.written_at.date() for v in items} - {v.written_at.date() for v in newest} == days
    assert not any(v.id in kept for v in old)  # older than a year
