"""Fuzzing with Hypothesis: every text field (all of Unicode, control characters, NUL, lone
surrogates, a 1 MB note), dates and times in any zone, repeat rules and the import format.
Nothing crashes: a value is stored exactly or refused whole with a sentence; a failed import
leaves the journal as it was; and no stored text is readable in the file.

``test_journal``, ``test_interchange`` and ``test_cadence`` already fuzz well-formed Unicode
through save/reopen and export/import, and short rule texts; this file goes further.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mentorjournal import interchange, markdown_export
from mentorjournal.cadence import (
    CadenceError,
    describe,
    next_occurrences,
    parse_simple,
    validate_rrule,
)
from mentorjournal.codec import decode_value, encode_value, from_plain, to_plain
from mentorjournal.domain import (
    ActionStep,
    Meeting,
    MeetingStatus,
    OwnPrompt,
    Reflection,
    Relationship,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import BadImport, InvalidEntry
from mentorjournal.journal import TABLE_OF, Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.fixtures.make_fixtures import entries as fixture_entries
from tests.unit.unicode_entries import FAST_DIR, text_fields

PASS = "pass phrase words"
FUZZ = settings(
    max_examples=25,
    deadline=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# All of Unicode: control characters, NUL, private use, unassigned, and lone surrogates (which
# JSON can carry and UTF-8 cannot).
ANY_CHAR = st.characters(codec=None, categories=None)
ANY_TEXT = st.text(ANY_CHAR, max_size=60)
NO_SURROGATES = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)


@contextmanager
def new_journal() -> Iterator[Journal]:
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as folder:
        journal, _ = Journal.create(Path(folder) / "f.db", PASS, kdf=FAST_KDF_FOR_TESTS)
        try:
            yield journal
        finally:
            journal.close()


def every_kind(draw: st.DrawFn, text: st.SearchStrategy[str]) -> list[Any]:
    """One entry of every kind with each text field (and list of texts) drawn from ``text``."""

    def texts(cls: type) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, shape in text_fields(cls).items():
            if shape == "list":
                out[name] = draw(st.lists(text, max_size=2))
            else:
                value = draw(text)
                out[name] = "T" + value if name in ("title", "name", "theme") else value
        return out

    rel = Relationship(**texts(Relationship))
    meeting = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 2, 3, 9, tzinfo=UTC),
                      **texts(Meeting))  # fmt: skip
    return [
        rel,
        meeting,
        Reflection(relationship_id=rel.id, meeting_id=meeting.id,
                   written_at=datetime(2026, 2, 3, 18, tzinfo=UTC), **texts(Reflection)),
        ActionStep(relationship_id=rel.id, **texts(ActionStep)),
        WellbeingCheckin(at=datetime(2026, 2, 3, tzinfo=UTC), score=2, **texts(WellbeingCheckin)),
        SupportContact(**texts(SupportContact)),
        OwnPrompt(**texts(OwnPrompt)),
    ]  # fmt: skip


def all_texts(obj: Any) -> list[str]:
    out: list[str] = []
    for name, shape in text_fields(type(obj)).items():
        value = getattr(obj, name)
        if shape == "list":
            out.extend(value)
        elif value is not None:
            out.append(value)
    return out


def has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def export_of(journal: Journal) -> str:
    return interchange.export_json(journal)


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
        + list("\x00\x01\t\n\r\x1b\x7f")
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


# --- dates and times --------------------------------------------------------------------------

MINUTE_OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m))
)
ZONES = st.one_of(st.timezones(), MINUTE_OFFSETS, st.just(UTC))
AWARE = st.datetimes(timezones=ZONES)  # year 1 to 9999, any zone, folds and gaps included
_EAST, _WEST = timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=23, minutes=59))
EDGES = st.sampled_from(
    [
        datetime(1, 1, 1, tzinfo=_EAST),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 2, tzinfo=_WEST),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=_WEST),
        datetime(9999, 12, 31, 12, tzinfo=UTC),
        datetime(9998, 12, 31, tzinfo=_EAST),
    ]
)
AWARE_OR_EDGE = st.one_of(AWARE, EDGES)
DAY_OR_EDGE = st.one_of(st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 2)]))


@settings(max_examples=300, deadline=None)
@given(when=AWARE_OR_EDGE, day=DAY_OR_EDGE)
def test_codec_round_trips_any_date_and_time_exactly(when: datetime, day: date) -> None:
    back = decode_value(datetime, encode_value(when), "starts_at")
    # The same instant and offset (a zone's name is not kept: times are stored with an offset;
    # == is not used, as a time in a zone's fold or gap never equals one in another zone).
    assert back.isoformat() == when.isoformat()
    assert back.utcoffset() == when.utcoffset()
    assert back.replace(tzinfo=None) == when.replace(tzinfo=None)
    assert decode_value(date, encode_value(day), "due_on") == day
    naive = when.replace(tzinfo=None)
    with pytest.raises(InvalidEntry):
        decode_value(datetime, encode_value(naive), "starts_at")


@settings(FUZZ, max_examples=60)
@given(
    starts=AWARE_OR_EDGE,
    written=AWARE_OR_EDGE,
    reviewed=AWARE_OR_EDGE,
    at=AWARE_OR_EDGE,
    due=DAY_OR_EDGE,
    started=DAY_OR_EDGE,
    ended=st.one_of(st.none(), DAY_OR_EDGE),
    cadence=st.sampled_from([None, "FREQ=MONTHLY;BYDAY=+2TU", "FREQ=WEEKLY", "FREQ=DAILY"]),
)
def test_any_dates_are_stored_exactly_or_refused_and_nothing_crashes_afterwards(
    starts: datetime,
    written: datetime,
    reviewed: datetime,
    at: datetime,
    due: date,
    started: date,
    ended: date | None,
    cadence: str | None,
) -> None:
    rel = Relationship(title="Dates", cadence=cadence, started_on=started, ended_on=ended)
    meeting = Meeting(relationship_id=rel.id, starts_at=starts, status=MeetingStatus.HELD)
    planned = Meeting(relationship_id=rel.id, starts_at=written)
    entries = [
        rel,
        meeting,
        planned,
        Reflection(relationship_id=rel.id, meeting_id=meeting.id, written_at=written),
        ActionStep(relationship_id=rel.id, title="due", due_on=due, reviewed_at=reviewed),
        WellbeingCheckin(at=at, score=3, relationship_id=rel.id),
    ]
    with new_journal() as journal:
        try:
            journal.save_many(entries)
        except InvalidEntry as exc:
            assert str(exc).endswith(".") and "\n" not in str(exc)
            assert journal.all(Relationship) == []
            return
        path = journal.path
        journal.close()
        again = Journal.open(path, PASS)
        try:
            for obj in entries:
                got = again.get(type(obj), obj.id)
                # Exactly the same dates, times and offsets (see the codec test about ==).
                assert json.dumps(to_plain(got)) == json.dumps(to_plain(obj))
            # Everything that reads dates works on them: home, agenda, search, exports.
            now = datetime.now(UTC)
            again.standings(now)
            again.next_meeting(rel.id, now)
            again.awaiting_review(rel.id)
            again.overdue_actions(now=now)
            again.search("due")
            markdown_export.export_markdown(again)
            doc = export_of(again)
        finally:
            again.close()
    with new_journal() as other:
        interchange.import_text(other, doc)
        assert export_of(other) == doc


# --- repeat rules -----------------------------------------------------------------------------

RULE_NAMES = [
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS",
    "BYYEARDAY", "BYWEEKNO", "WKST", "BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER", "DTSTART",
    "RDATE", "EXDATE", "X-NAME",
]  # fmt: skip
RULE_VALUES = st.one_of(
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "SECONDLY", "MO", "-1FR",
                     "+5SU,53MO", "20991231T235959Z", "19000101", "0", "-366", "366", "10000"]),
    st.text("0123456789+-,MOTUWEFRSAZTHY:;= ", max_size=14),
    st.integers(-10**6, 10**6).map(str),
)  # fmt: skip


@st.composite
def rule_soup(draw: st.DrawFn) -> str:
    parts = draw(
        st.lists(st.tuples(st.sampled_from(RULE_NAMES) | st.text(max_size=5), RULE_VALUES),
                 max_size=7)
    )  # fmt: skip
    text = ";".join(f"{name}={value}" for name, value in parts)
    if draw(st.booleans()):
        text = "RRULE:" + text
    if draw(st.booleans()):
        text = text.lower()
    return text


ANCHORS = st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=ZONES)


@settings(max_examples=250, deadline=timedelta(seconds=3))
@given(text=st.one_of(st.text(ANY_CHAR, max_size=300), rule_soup()), anchor=ANCHORS,
       gap=st.integers(-(10**6), 10**6), count=st.integers(-2, 50))  # fmt: skip
def test_any_repeat_rule_text_gives_dates_or_a_cadence_error_quickly(
    text: str, anchor: datetime, gap: int, count: int
) -> None:
    try:
        after = anchor + timedelta(days=gap)
    except OverflowError:
        after = anchor
    started = time.monotonic()
    try:
        normalised = validate_rrule(text, anchor)
    except CadenceError as exc:
        assert str(exc)
    else:
        assert validate_rrule(normalised, anchor) == normalised
    try:
        found = next_occurrences(text, anchor, after, count=count)
    except CadenceError as exc:
        assert str(exc)
    else:
        assert len(found) <= max(count, 0)
        assert found == sorted(set(found)) and all(d > after for d in found)
    assert isinstance(describe(text), str)
    parse_simple(text)
    assert time.monotonic() - started < 3


@FUZZ
@given(cadence=st.one_of(st.text(ANY_CHAR, max_size=80), rule_soup()))
def test_a_relationship_with_any_cadence_text_is_kept_and_shown(cadence: str) -> None:
    """The cadence is stored as typed (even when it cannot be used), and the home screen's
    standings never fail because of it."""
    rel = Relationship(title="Cadence", cadence=cadence)
    held = Meeting(relationship_id=rel.id, starts_at=datetime(2026, 1, 13, 10, tzinfo=UTC),
                   status=MeetingStatus.HELD)  # fmt: skip
    with new_journal() as journal:
        try:
            journal.save_many([rel, held])
        except InvalidEntry:
            assert has_surrogate(cadence)
            return
        assert journal.get(Relationship, rel.id).cadence == cadence
        journal.standings(datetime(2026, 2, 1, tzinfo=UTC))
        journal.next_meeting(rel.id, datetime(2026, 2, 1, tzinfo=UTC))


# --- the import format ------------------------------------------------------------------------

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats() | ANY_TEXT,
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(ANY_TEXT, kids, max_size=3),
    max_leaves=8,
)


def valid_doc() -> dict[str, Any]:
    doc: dict[str, Any] = {"format": "mentorjournal", "version": 1}
    for section, cls in interchange.SECTIONS.items():
        doc[section] = [interchange.entry_dict(o) for o in fixture_entries() if type(o) is cls]
    return doc


@st.composite
def mutated_doc(draw: st.DrawFn) -> Any:
    """A valid file with a few random changes: values replaced, keys dropped or added, entries
    duplicated, sections or the header spoiled."""
    doc = valid_doc()
    for _ in range(draw(st.integers(0, 4))):
        section = draw(st.sampled_from(list(interchange.SECTIONS)))
        entries = doc[section]
        action = draw(st.sampled_from(["set", "drop", "add", "dup", "section", "header"]))
        if action == "section":
            doc[section] = draw(JSONISH)
        elif action == "header":
            doc[draw(st.sampled_from(["format", "version"]))] = draw(JSONISH | st.just(1))
        elif isinstance(entries, list) and entries:
            entry = draw(st.sampled_from(entries))
            if not isinstance(entry, dict):
                continue
            if action == "add" or not entry:
                entry[draw(ANY_TEXT)] = draw(JSONISH)
                continue
            key = draw(st.sampled_from(sorted(entry)))
            if action == "set":
                entry[key] = draw(JSONISH | st.sampled_from(["", "2026-01-01", "held", "me"]))
            elif action == "drop":
                del entry[key]
            else:
                entries.append(copy.deepcopy(entry))
    return doc


@pytest.fixture(scope="module")
def base_journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """A journal with entries of its own; every fuzzed import is tried on a copy of it."""
    folder = tmp_path_factory.mktemp("base")
    journal, _ = Journal.create(folder / "base.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    rel = Relationship(title="Already here", purpose="Kept as it is")
    journal.save_many([rel, ActionStep(relationship_id=rel.id, title="Existing action")])
    yield journal
    journal.close()


def try_import(base_journal: Journal, text: str | bytes) -> None:
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as folder:
        target = Path(folder) / "copy.db"
        base_journal.backup(target)
        journal = Journal.open(target, PASS)
        try:
            before = export_of(journal)
            try:
                parsed = interchange.parse_import(text)
            except BadImport as exc:
                assert str(exc) and "\n" not in str(exc)
                parsed = None
            try:
                result = interchange.import_text(journal, text)
            except BadImport as exc:
                assert str(exc).startswith(("Nothing was imported", "That file"))
                assert export_of(journal) == before
                journal.close()
                journal = Journal.open(target, PASS)
                assert export_of(journal) == before  # on disk too
                return
            assert parsed is not None
            # Stored exactly as read from the file, and nothing else changed.
            for items in parsed.values():
                for obj in items:
                    got = journal.get(type(obj), obj.id)
                    assert interchange.entry_dict(got) == interchange.entry_dict(obj)
            assert result.total_added == sum(len(v) for v in parsed.values())
            for rel in json.loads(before)["relationships"]:
                assert journal.get(Relationship, rel["id"]).title == rel["title"]
        finally:
            journal.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=mutated_doc())
def test_a_spoiled_import_file_is_refused_whole_or_imported_exactly(doc: Any, base_journal) -> None:
    try:
        text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
    except ValueError:  # a value json cannot write (e.g. a lone surrogate with ensure_ascii off)
        text = json.dumps(doc, allow_nan=True)
    try_import(base_journal, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300), st.text(ANY_CHAR, max_size=300),
                      JSONISH.map(json.dumps)))  # fmt: skip
def test_any_bytes_or_json_as_an_import_file(data: str | bytes, base_journal) -> None:
    try_import(base_journal, data)


def test_nesting_too_deep_to_read_is_a_bad_import(base_journal) -> None:
    try_import(base_journal, "[" * 200_000 + "]" * 200_000)
    try_import(base_journal, '{"format": "mentorjournal", "version": 1, "x": ' + "[" * 200_000)


def test_an_integer_too_long_to_read_is_a_bad_import(base_journal) -> None:
    digits = "7" * 5000
    try_import(base_journal, '{"format": "mentorjournal", "version": ' + digits + "}")


def test_the_valid_document_imports_exactly(base_journal) -> None:
    """The base of every mutation really imports (so the fuzzing above explores near it)."""
    doc = valid_doc()
    assert {s: len(v) for s, v in doc.items() if isinstance(v, list)} == {
        "relationships": 1,
        "meetings": 2,
        "reflections": 1,
        "actions": 2,
        "wellbeing": 1,
        "support_contacts": 1,
        "own_prompts": 2,
    }
    try_import(base_journal, json.dumps(doc))
    assert len(TABLE_OF) == len(interchange.SECTIONS)
    assert from_plain(Relationship, to_plain(fixture_entries()[0])) == fixture_entries()[0]
