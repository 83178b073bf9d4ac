"""Fuzzing every text field (all of Unicode, control characters, NUL, lone surrogates, a 1 MB
note): a value is stored exactly or refused whole with a sentence, and no stored text is readable
in the file."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mentorjournal.domain import Meeting, MeetingStatus, Relationship, SupportContact
from mentorjournal.errors import InvalidEntry
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.fuzz.strategies import (
    ANY_TEXT,
    FUZZ,
    PASS,
    all_texts,
    every_kind,
    export_of,
    has_surrogate,
    new_journal,
    strings_in,
)

# --- every text field -------------------------------------------------------------------------


SETTING_VALUES = st.recursive(
    ANY_TEXT | st.integers() | st.booleans() | st.none(),
    lambda kids: st.lists(kids, max_size=3),
    max_leaves=5,
)


@FUZZ
@given(data=st.data())
def test_any_text_in_every_field_is_stored_exactly_or_refused_whole(data: st.DataObject) -> None:
    entries = every_kind(data.draw, ANY_TEXT)
    setting_value = data.draw(SETTING_VALUES)
    unstorable = any(has_surrogate(t) for obj in entries for t in all_texts(obj))
    with new_journal() as journal:
        path = journal.path
        if unstorable:
            with pytest.raises(InvalidEntry) as err:
                journal.save_many(entries)
            assert str(err.value).endswith(".") and "\n" not in str(err.value)
            assert export_of(journal).count('"id"') == 0  # nothing at all was stored
        else:
            journal.save_many(entries)
        setting_unstorable = any(has_surrogate(t) for t in strings_in(setting_value))
        if setting_unstorable:
            with pytest.raises(InvalidEntry):
                journal.set_setting("fuzzed", setting_value)
        else:
            journal.set_setting("fuzzed", setting_value)
        journal.close()
        again = Journal.open(path, PASS)
        try:
            if not unstorable:
                for obj in entries:
                    assert again.get(type(obj), obj.id) == obj
            assert again.settings() == ({} if setting_unstorable else {"fuzzed": setting_value})
        finally:
            again.close()


def test_a_1_mb_note_round_trips_and_is_never_on_disk_in_plaintext(tmp_path: Path) -> None:
    rng = random.Random(1234)
    alphabet = (
        [chr(c) for c in range(0x20, 0x7F)]
        + list("\x01\t\n\r\x1b\x7f")  # no NUL: import refuses it (test_interchange_strict)
        + list("éüßøł中文日本語한국어עבריתالعربية👩🏽‍💻🧑‍🤝‍🧑\u202e\u200d\ufeff")
    )
    note = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    assert len(note) == 1_000_000
    rel = Relationship(title="Big notes")
    meeting = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 1, 1, tzinfo=UTC),
                      status=MeetingStatus.HELD, notes=note)  # fmt: skip
    path = tmp_path / "big" / "j.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    journal.save_many([rel, meeting])
    exported = export_of(journal)
    journal.close()

    again = Journal.open(path, PASS)
    try:
        assert again.get(Meeting, meeting.id).notes == note
        assert [hit.kind for hit in again.search(note[500_000:500_012])] != []
    finally:
        again.close()
    other, _ = Journal.create(tmp_path / "other.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    try:
        interchange.import_text(other, exported)
        assert other.get(Meeting, meeting.id).notes == note
        assert export_of(other) == exported
    finally:
        other.close()
    raw = b"".join(p.read_bytes() for p in path.parent.iterdir())
    encoded = note.encode()
    for start in range(0, len(encoded) - 64, 99_991):
        assert encoded[start : start + 32] not in raw


# --- no plaintext at rest ---------------------------------------------------------------------

WORDISH = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Nd"], exclude_characters="-:+."),
    min_size=8,
    max_size=40,
).filter(lambda t: len(set(t)) >= 4)


@pytest.fixture(scope="module")
def empty_journal_bytes() -> bytes:
    with new_journal() as journal:
        journal.save(Relationship(title="x"))
        return journal.path.read_bytes()


@FUZZ
@given(data=st.data())
def test_no_stored_text_is_readable_in_the_file(data: st.DataObject, empty_journal_bytes) -> None:
    entries = every_kind(data.draw, WORDISH)
    setting = data.draw(WORDISH)
    texts = [t for obj in entries for t in all_texts(obj)] + [setting]
    assume(all(t.encode() not in empty_journal_bytes for t in texts))
    with new_journal() as journal:
        journal.save_many(entries)
        journal.set_setting("note", setting)
        # Edit one entry too: the old ciphertext must not be replaced by any plaintext.
        contact = dataclasses.replace(journal.all(SupportContact)[0], note=setting[::-1])
        journal.save(contact)
        texts.append(setting[::-1])
        folder = journal.path.parent
        journal.close()
        raw = b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
        for text in texts:
            for encoding in ("utf-8", "utf-16-le"):
                assert text.encode(encoding, "surrogatepass") not in raw, text
