"""Interchange format v1: export, import, round trips, and every kind of broken file."""

from __future__ import annotations

import copy
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from mentorjournal import interchange
from mentorjournal.domain import ActionStep, OwnPrompt, Reflection, Relationship
from mentorjournal.errors import BadImport
from mentorjournal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import make_sample, row_counts
from tests.unit.unicode_entries import FAST_DIR, entries_strategy

SECTIONS = [
    "relationships",
    "meetings",
    "reflections",
    "actions",
    "wellbeing",
    "support_contacts",
    "own_prompts",
]


def new_journal(folder: Path, name: str) -> Journal:
    return Journal.create(folder / name, "pass phrase words", kdf=FAST_KDF_FOR_TESTS)[0]


def fresh_doc() -> dict[str, Any]:
    """A valid file with one new entry of every kind (ids not in any journal yet)."""
    rel, meeting = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        "format": "mentorjournal",
        "version": 1,
        "relationships": [
            {
                "id": rel,
                "title": "Imported relationship",
                "my_role": "mentor",
                "partner": "Kofi",
                "purpose": "",
                "ground_rules": "",
                "cadence": None,
                "started_on": "2026-01-05",
                "ended_on": None,
            }
        ],
        "meetings": [
            {
                "id": meeting,
                "relationship_id": rel,
                "starts_at": "2026-01-12T09:30:00+00:00",
                "duration_minutes": 45,
                "status": "held",
                "preparation": "",
                "notes": "Imported notes",
            }
        ],
        "reflections": [
            {
                "id": str(uuid.uuid4()),
                "relationship_id": rel,
                "meeting_id": meeting,
                "written_at": "2026-01-12T18:00:00-05:00",
                "model": "gibbs",
                "description": "Imported reflection",
            }
        ],
        "actions": [
            {
                "id": str(uuid.uuid4()),
                "relationship_id": rel,
                "meeting_id": meeting,
                "title": "Imported action",
                "owner": "partner",
                "due_on": "2026-02-01",
                "status": "open",
                "outcome": None,
                "reviewed_at": None,
            }
        ],
        "wellbeing": [{"id": str(uuid.uuid4()), "at": "2026-01-12T09:00:00+00:00", "score": 4}],
        "support_contacts": [{"id": str(uuid.uuid4()), "name": "A friend"}],
        "own_prompts": [{"id": str(uuid.uuid4()), "theme": "purpose", "text": "Why me?"}],
    }


# --- export ---------------------------------------------------------------------------------------


def test_export_has_the_documented_shape(journal: Journal, sample) -> None:
    data = json.loads(interchange.export_json(journal))
    assert list(data) == ["format", "version", *SECTIONS]
    assert (data["format"], data["version"]) == ("mentorjournal", 1)
    assert [len(data[s]) for s in SECTIONS] == [2, 3, 1, 4, 1, 1, 2]
    rel = next(r for r in data["relationships"] if r["id"] == sample.rel.id)
    assert rel == {
        "id": sample.rel.id,
        "title": "Reverse mentoring with Amara",
        "my_role": "mentee",
        "partner": "Amara Okafor",
        "purpose": "Understand how race shapes everyday work here.",
        "ground_rules": "Confidential; honest; monthly for an hour.",
        "styles": "Amara prefers questions first; I think aloud.",
        "cadence": "FREQ=MONTHLY;BYDAY=+2TU",
        "started_on": "2026-01-13",
        "ended_on": None,
    }
    held = next(m for m in data["meetings"] if m["id"] == sample.held.id)
    assert held["starts_at"] == "2026-02-10T10:00:00+01:00"
    assert held["status"] == "held"
    done = next(a for a in data["actions"] if a["id"] == sample.done_action.id)
    assert (done["owner"], done["status"], done["outcome"]) == ("both", "done", "forwards")
    assert done["reviewed_at"] == "2026-02-10T10:30:00+01:00"
    for section in SECTIONS:
        for entry in data[section]:
            assert list(entry)[0] == "id"
            assert "created_at" not in entry and "updated_at" not in entry
    assert "settings" not in data
    assert interchange.export_json(journal).endswith("}\n")


def test_sample_round_trip_is_exact_and_keeps_ids(journal: Journal, sample, tmp_path) -> None:
    first = interchange.export_json(journal)
    other = new_journal(tmp_path, "other.db")
    try:
        result = interchange.import_text(other, first)
        assert result.added == dict(zip(SECTIONS, [2, 3, 1, 4, 1, 1, 2], strict=True))
        assert (result.total_added, result.skipped) == (14, 0)
        assert interchange.export_json(other) == first
        assert other.get(Reflection, sample.reflection.id) == Reflection(
            **{
                **sample.reflection.__dict__,
                "created_at": other.get(Reflection, sample.reflection.id).created_at,
                "updated_at": other.get(Reflection, sample.reflection.id).updated_at,
            }
        )
    finally:
        other.close()


def test_own_prompts_keep_their_order_through_a_round_trip(tmp_path: Path) -> None:
    """Own prompts are listed in the order they were written; an import must keep that order."""
    a = new_journal(tmp_path, "a.db")
    ids = []
    for number in range(6):
        prompt = OwnPrompt(
            theme="purpose", text=f"prompt {number}", id=str(uuid.UUID(int=5 - number))
        )
        a.save(prompt)
        ids.append(prompt.id)
    first = interchange.export_json(a)
    assert [p["id"] for p in json.loads(first)["own_prompts"]] == ids
    b = new_journal(tmp_path, "b.db")
    interchange.import_text(b, first)
    assert [p.id for p in b.own_prompts()] == ids
    assert interchange.export_json(b) == first
    a.close()
    b.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries_strategy())
def test_any_unicode_survives_export_import_export(entries: list[object]) -> None:
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as folder:
        a = new_journal(Path(folder), "a.db")
        b = new_journal(Path(folder), "b.db")
        try:
            a.save_many(entries)
            first = interchange.export_json(a)
            result = interchange.import_text(b, first)
            assert result.total_added == len(entries)
            second = interchange.export_json(b)
            assert second == first
            for obj in entries:
                got = b.get(type(obj), obj.id)  # type: ignore[attr-defined]
                assert interchange.entry_dict(got) == interchange.entry_dict(obj)
        finally:
            a.close()
            b.close()


# --- import ---------------------------------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing(journal: Journal, row_counts) -> None:
    text = json.dumps(fresh_doc())
    first = interchange.import_text(journal, text)
    assert first.total_added == 7
    counts = row_counts(journal.path)
    exported = interchange.export_json(journal)
    second = interchange.import_text(journal, text.encode())
    assert second.total_added == 0
    assert second.skipped == 7
    assert row_counts(journal.path) == counts
    assert interchange.export_json(journal) == exported


def test_import_links_to_entries_already_in_the_journal(journal: Journal, sample) -> None:
    doc = {
        "format": "mentorjournal",
        "version": 1,
        "actions": [
            {
                "id": str(uuid.uuid4()),
                "relationship_id": sample.rel.id,
                "meeting_id": sample.held.id,
                "title": "Linked to what is there",
            }
        ],
    }
    result = interchange.import_text(journal, json.dumps(doc))
    assert result.added["actions"] == 1
    titles = {a.title for a in journal.actions(sample.rel.id)}
    assert "Linked to what is there" in titles


def test_unknown_keys_and_metadata_are_ignored(journal: Journal) -> None:
    doc = fresh_doc()
    doc["themes"] = [{"anything": 1}]
    doc["relationships"][0]["colour"] = "teal"
    doc["relationships"][0]["created_at"] = "not even a date"
    result = interchange.import_text(journal, json.dumps(doc))
    assert result.total_added == 7
    rel = journal.get(Relationship, doc["relationships"][0]["id"])
    assert rel.title == "Imported relationship"
    assert rel.created_at is not None and rel.created_at.year >= 2026
    action = journal.get(ActionStep, doc["actions"][0]["id"])
    assert (action.detail, action.resources, action.carried_forward) == ("", "", 0)


def _mutate(case: str) -> str | bytes:
    doc = fresh_doc()
    rels, meetings = doc["relationships"], doc["meetings"]
    if case == "not JSON":
        return '{"format": "mentorjournal", "version": 1,'
    if case == "not UTF-8":
        return b'{"format": "mentorjournal", "version": 1, "x": "\xff\xfe"}'
    if case == "a list, not an object":
        return "[]"
    if case == "wrong format":
        doc["format"] = "jrnl"
    elif case == "no format":
        del doc["format"]
    elif case == "wrong version":
        doc["version"] = 2
    elif case == "version as text":
        doc["version"] = "1"
    elif case == "bad enum":
        rels[0]["my_role"] = "boss"
    elif case == "bad status":
        meetings[0]["status"] = "postponed"
    elif case == "impossible date":
        rels[0]["started_on"] = "2026-02-30"
    elif case == "datetime without offset":
        meetings[0]["starts_at"] = "2026-01-12T09:30:00"
    elif case == "date where a datetime belongs":
        doc["reflections"][0]["written_at"] = "2026-01-12"
    elif case == "dangling relationship_id":
        doc["actions"][0]["relationship_id"] = str(uuid.uuid4())
    elif case == "dangling meeting_id":
        doc["reflections"][0]["meeting_id"] = str(uuid.uuid4())
    elif case == "duplicated id":
        doc["support_contacts"][0]["id"] = doc["own_prompts"][0]["id"]
    elif case == "non-UUID id":
        doc["wellbeing"][0]["id"] = "entry-1"
    elif case == "non-UUID link":
        doc["actions"][0]["relationship_id"] = 7
    elif case == "missing required key":
        del meetings[0]["starts_at"]
    elif case == "missing title":
        rels[0]["title"] = ""
    elif case == "blank title":
        rels[0]["title"] = "   "
    elif case == "score of 9":
        doc["wellbeing"][0]["score"] = 9
    elif case == "score as text":
        doc["wellbeing"][0]["score"] = "4"
    elif case == "zero-minute meeting":
        meetings[0]["duration_minutes"] = 0
    elif case == "section not a list":
        doc["actions"] = {"id": "x"}
    elif case == "entry not an object":
        doc["own_prompts"].append("just text")
    elif case == "list of non-strings":
        meetings[0]["themes"] = ["purpose", 3]
    elif case == "lone surrogate":
        return json.dumps(doc).replace("Imported notes", "Imported \\ud800 notes")
    elif case == "nested too deep":
        return json.dumps(doc)[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    else:  # pragma: no cover
        raise AssertionError(case)
    return json.dumps(doc)


BROKEN = [
    "not JSON",
    "not UTF-8",
    "a list, not an object",
    "wrong format",
    "no format",
    "wrong version",
    "version as text",
    "bad enum",
    "bad status",
    "impossible date",
    "datetime without offset",
    "date where a datetime belongs",
    "dangling relationship_id",
    "dangling meeting_id",
    "duplicated id",
    "non-UUID id",
    "non-UUID link",
    "missing required key",
    "missing title",
    "blank title",
    "score of 9",
    "score as text",
    "zero-minute meeting",
    "section not a list",
    "entry not an object",
    "list of non-strings",
    "lone surrogate",
    "nested too deep",
]


def test_the_valid_document_really_imports(tmp_path: Path) -> None:
    """Every broken case below differs from this valid document in one way only."""
    j = new_journal(tmp_path, "valid.db")
    try:
        assert interchange.import_text(j, json.dumps(fresh_doc())).total_added == 7
    finally:
        j.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory):
    """One sample journal for every broken file (each must leave it as it was)."""
    j = new_journal(tmp_path_factory.mktemp("broken"), "j.db")
    make_sample(j)
    yield j, interchange.export_json(j), row_counts(j.path)
    j.close()


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_imports_nothing(filled, case: str) -> None:
    journal, before_export, before_counts = filled
    with pytest.raises(BadImport) as err:
        interchange.import_text(journal, _mutate(case))
    message = str(err.value)
    assert message.startswith("Nothing was imported")
    assert "\n" not in message and len(message) < 400
    assert row_counts(journal.path) == before_counts
    assert interchange.export_json(journal) == before_export
    assert sum(before_counts.values()) == 17


EXPECTED_REASON = {
    "bad enum": "“my_role” has a value that is not allowed: 'boss' (one of: mentor, mentee).",
    "impossible date": "“started_on” has a value that is not allowed: '2026-02-30'.",
    "datetime without offset": "“starts_at” must be a date and time with a UTC offset",
    "score of 9": "wellbeing[0]: a well-being score is from 1 to 5.",
    "missing required key": "meetings[0]: “starts_at” is missing.",
    "non-UUID id": "wellbeing[0]: 'entry-1' is not a UUID.",
    "wrong version": "the file is version 2, and this version of MentorJournal reads version 1.",
    "wrong format": "the file is not a MentorJournal export.",
}


@pytest.mark.parametrize("case", list(EXPECTED_REASON))
def test_a_broken_file_says_what_is_wrong(journal: Journal, case: str) -> None:
    with pytest.raises(BadImport) as err:
        interchange.import_text(journal, _mutate(case))
    assert EXPECTED_REASON[case] in str(err.value)


def test_dangling_ids_are_named(journal: Journal) -> None:
    doc = fresh_doc()
    missing = str(uuid.uuid4())
    doc["reflections"][0]["meeting_id"] = missing
    with pytest.raises(BadImport) as err:
        interchange.import_text(journal, json.dumps(doc))
    assert str(err.value) == (
        f"Nothing was imported: reflections[0]: meeting {missing} is not in the file."
    )


def test_a_partly_known_file_adds_only_the_new_entries(journal: Journal, sample) -> None:
    doc = json.loads(interchange.export_json(journal))
    extra = fresh_doc()
    merged = copy.deepcopy(doc)
    for section in SECTIONS:
        merged[section] += extra[section]
    result = interchange.import_text(journal, json.dumps(merged))
    assert result.total_added == 7
    assert result.skipped == 14
