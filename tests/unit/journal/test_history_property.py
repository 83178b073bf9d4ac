"""Nothing saved is lost (issue 16): random sequences of edits (in one editing session or a new
one), restores, deletions into the bin and back, and locking — and then every value ever seen
as a field's current value is current still or in its history, by its version id and exactly
(a save that only continued a session is named, by id, with the version of its session). A 1 MB
note edited 500 times keeps a bounded history."""

from __future__ import annotations

import random
import sqlite3
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.domain import ActionStep, Meeting, Reflection, Relationship
from mentorjournal.journal.history import HISTORY_FIELDS
from mentorjournal.journal.history_chain import KEEP_LAST
from mentorjournal.journal.journal import Journal
from tests.unit.fuzz.strategies import FUZZ, PASS, new_journal
from tests.unit.history_support import Clock

KINDS = (Reflection, ActionStep, Relationship)
TEXT = st.text(st.sampled_from("ab c\n"), max_size=12)
OPS = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 9), TEXT, st.booleans()),
    st.tuples(st.just("restore"), st.integers(0, 2), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 2)),
    st.tuples(st.just("undelete"), st.integers(0, 5)),
    st.tuples(st.just("lock")),
)


def make_entries(journal: Journal, clock: Clock) -> list[Any]:
    rel = journal.save(Relationship(title="rel"))
    reflection = Reflection(relationship_id=rel.id, written_at=clock(), description="first")
    action = ActionStep(relationship_id=rel.id, title="act")
    journal.save_many([reflection, action])
    return [reflection, action, rel]


def observe(journal: Journal, seen: set[tuple[str, str, str, str]]) -> None:
    for kind in KINDS:
        for fields in journal.entry_fields(kind):
            for name in HISTORY_FIELDS[kind]:
                mark = fields.marks[name]
                seen.add((fields.entry.id, name, mark.id, getattr(fields.entry, name)))


def step(journal: Journal, clock: Clock, entries: list[Any], op: tuple[Any, ...]) -> None:
    if op[0] == "edit":
        _, which, field_at, text, new_session = op
        kind, entry = KINDS[which], entries[which]
        names = HISTORY_FIELDS[kind]
        name = names[field_at % len(names)]
        clock.advance(minutes=11 if new_session else 1)
        if entry.id in journal.existing_ids(kind) and (text.strip() or name != "title"):
            journal.save_fields(kind, entry.id, {name: text})
    elif op[0] == "restore":
        _, which, pick = op
        kind, entry = KINDS[which], entries[which]
        versions = journal.versions(entry.id)
        if versions and entry.id in journal.existing_ids(kind):
            chosen = versions[pick % len(versions)]
            if chosen.field != "title" or chosen.text.strip():
                clock.advance(minutes=1)
                restored = journal.restore_version(kind, entry.id, chosen.id)
                assert getattr(restored, chosen.field) == chosen.text
    elif op[0] == "delete":
        kind, entry = KINDS[op[1]], entries[op[1]]
        if entry.id in journal.existing_ids(kind):
            journal.delete(journal.get(kind, entry.id))
    elif op[0] == "undelete":
        items = sorted(journal.bin_items(), key=lambda i: isinstance(i.entry, Relationship))
        if items:
            item = items[-1 if op[1] % 2 else 0]
            if not isinstance(item.entry, Relationship) and item.entry.relationship_id not in (
                journal.existing_ids(Relationship)
            ):
                item = items[-1]
            journal.restore_from_bin(item.id)
    else:
        journal.lock()
        journal.unlock(PASS)


@FUZZ
@given(st.lists(OPS, max_size=25))
def test_every_value_ever_current_is_current_or_in_history(ops: list[tuple[Any, ...]]) -> None:
    with new_journal() as journal:
        journal.clock = clock = Clock()
        entries = make_entries(journal, clock)
        seen: set[tuple[str, str, str, str]] = set()
        observe(journal, seen)
        for op in ops:
            step(journal, clock, entries, op)
            observe(journal, seen)
        while journal.bin_items():  # everything back, relationships first
            items = journal.bin_items()
            item = next((i for i in items if isinstance(i.entry, Relationship)), items[0])
            journal.restore_from_bin(item.id)
        current = {
            (f.entry.id, name): (f.marks[name], getattr(f.entry, name))
            for kind in KINDS
            for f in journal.entry_fields(kind)
            for name in HISTORY_FIELDS[kind]
        }
        for entry_id, name, mark_id, text in seen:
            mark, value = current[(entry_id, name)]
            versions = {v.id: v for v in journal.versions(entry_id, name)}
            assert len(versions) < KEEP_LAST  # (so the retention rule let nothing go)
            if mark_id == mark.id:
                assert value == text
            elif mark_id in versions:
                assert versions[mark_id].text == text
            else:  # a save that continued a session: named by the version of its session
                sessions = [mark.also, *(v.also for v in versions.values())]
                assert any(mark_id in also for also in sessions), (name, text)


def test_a_1_mb_note_edited_500_times_keeps_a_bounded_history() -> None:
    rnd = random.Random(16)
    words = [
        "the",
        "of",
        "and",
        "panel",
        "data",
        "race",
        "work",
        "merit",
        "listen",
        "ask",
        "why",
        "board",
        "we",
        "they",
    ]

    def sentence() -> str:
        return " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 20))).capitalize() + ". "

    text = ""
    while len(text) < 1_000_000:  # paragraphs of sentences, as a long note has
        text += "".join(sentence() for _ in range(rnd.randint(2, 8))) + "\n\n"
    with new_journal() as journal:
        journal.clock = clock = Clock()
        rel = journal.save(Relationship(title="R"))
        meeting = journal.save(Meeting(relationship_id=rel.id, starts_at=clock(), notes=text))
        for n in range(500):  # autosaves a minute apart; every fifth, a new editing session
            clock.advance(minutes=11 if n % 5 == 0 else 1)
            at = rnd.randrange(len(text))
            text = text[:at] + f" edit {n} " + text[at + 5 :]
            journal.save_fields(Meeting, meeting.id, {"notes": text})
        versions = journal.versions(meeting.id)
        assert 50 <= len(versions) <= KEEP_LAST + 10 + 2  # the last 50, a day or two beyond
        assert versions[0].text != text
        journal.close()
        conn = sqlite3.connect(journal.path)
        try:
            stored = conn.execute("SELECT length(versions) FROM history").fetchone()[0]
        finally:
            conn.close()
        # The newest version whole (1 MB, padded to 2 MiB) and only the others' edits.
        assert stored <= 2 * 2**20 + 1 + 12 + 16
        assert journal.path.stat().st_size < 12 * 2**20
