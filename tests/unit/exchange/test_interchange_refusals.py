"""Interchange format v1: every kind of broken file is refused whole, with one line that says
what is wrong, and leaves the journal as it was."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from mentorjournal.errors import BadImport
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from tests.conftest import make_sample, row_counts
from tests.unit.interchange_samples import fresh_doc, new_journal


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
        assert interchange.import_text(j, json.dumps(fresh_doc())).total_added == 8
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
    assert sum(before_counts.values()) == 18  # the sample, with its review, and 3 settings


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
