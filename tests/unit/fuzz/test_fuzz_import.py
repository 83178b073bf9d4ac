"""Fuzzing the import format (spoiled valid files, any bytes or JSON, too deep or too long to
read): refused whole, leaving the journal as it was, or imported exactly."""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import ActionStep, Relationship
from mentorjournal.errors import BadImport
from mentorjournal.exchange import interchange
from mentorjournal.journal.codec import from_plain, to_plain
from mentorjournal.journal.journal import TABLE_OF, Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.fixtures.make_fixtures import entries as fixture_entries
from tests.unit.fuzz.strategies import ANY_CHAR, ANY_TEXT, PASS, export_of
from tests.unit.unicode_entries import FAST_DIR

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
        "meetings": 3,
        "reflections": 1,
        "actions": 2,
        "reviews": 1,
        "wellbeing": 1,
        "support_contacts": 1,
        "own_prompts": 2,
    }
    try_import(base_journal, json.dumps(doc))
    assert len(TABLE_OF) == len(interchange.SECTIONS)
    assert from_plain(Relationship, to_plain(fixture_entries()[0])) == fixture_entries()[0]
