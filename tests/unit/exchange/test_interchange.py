"""Interchange format v1: export, import and round trips (the refusals of broken files are in
test_interchange_refusals.py)."""

from __future__ import annotations

import copy
import dataclasses
import json
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings

from mentorjournal.domain import ActionStep, Meeting, Outcome, OwnPrompt, Reflection, Relationship
from mentorjournal.errors import BadImport
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from tests.local_zone import pinned_timezone as computer_zone
from tests.unit.interchange_samples import fresh_doc, new_journal
from tests.unit.unicode_entries import FAST_DIR, entries_strategy

SECTIONS = [
    "relationships",
    "meetings",
    "reflections",
    "actions",
    "reviews",
    "wellbeing",
    "support_contacts",
    "own_prompts",
]


# --- export ---------------------------------------------------------------------------------------


def test_export_has_the_documented_shape(journal: Journal, sample) -> None:
    data = json.loads(interchange.export_json(journal))
    assert list(data) == ["format", "version", *SECTIONS]
    assert (data["format"], data["version"]) == ("mentorjournal", 1)
    assert [len(data[s]) for s in SECTIONS] == [2, 3, 1, 4, 1, 1, 1, 2]
    rel = next(r for r in data["relationships"] if r["id"] == sample.rel.id)
    # Keys added to version 1 compatibly: the cadence's time, length and zone (this computer's
    # when it was saved; the tests run in UTC), the day it applies from, the earlier ones.
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
        "meeting_time": "10:00",
        "meeting_minutes": 60,
        "time_zone": "UTC",
        "cadence_from": None,
        "earlier_cadences": [],
    }
    held = next(m for m in data["meetings"] if m["id"] == sample.held.id)
    assert held["starts_at"] == "2026-02-10T10:00:00+01:00"
    assert held["status"] == "held"
    assert list(held)[-4:] == ["slot_at", "started_at", "ended_at", "cancel_reason"]
    assert (held["slot_at"], held["started_at"], held["ended_at"]) == (None, None, None)
    assert data["reviews"] == [
        {
            "id": sample.review.id,
            "relationship_id": sample.rel.id,
            "action_id": sample.done_action.id,
            "status": "done",
            "reviewed_at": "2026-02-10T10:30:00+01:00",
            "meeting_id": sample.held.id,
            "outcome": "forwards",
            "learning": "The report names the gap plainly.",
        }
    ]
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
        assert result.added == dict(zip(SECTIONS, [2, 3, 1, 4, 1, 1, 1, 2], strict=True))
        assert (result.total_added, result.skipped) == (15, 0)
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


def importable(entries: list[object]) -> list[object]:
    """What import takes, as the app's forms make it: no NUL in any text, the Gibbs model, a
    repeat rule the relationship form accepts (the store itself keeps any text; import is
    stricter, see test_interchange_strict)."""
    for obj in entries:
        for f in dataclasses.fields(obj):  # type: ignore[arg-type]
            value = getattr(obj, f.name)
            if isinstance(value, str):
                setattr(obj, f.name, value.replace("\x00", "\ufffd"))
            elif isinstance(value, list):
                setattr(obj, f.name, [v.replace("\x00", "\ufffd") for v in value])
        if isinstance(obj, Relationship) and obj.cadence is not None:
            obj.cadence = "FREQ=MONTHLY;BYDAY=+2TU"
        if isinstance(obj, Reflection):
            obj.model = "gibbs"
    return entries


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries_strategy())
def test_any_unicode_survives_export_import_export(entries: list[object]) -> None:
    entries = importable(entries)
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
    assert first.total_added == 8  # one entry of every kind, a review record among them
    counts = row_counts(journal.path)
    exported = interchange.export_json(journal)
    second = interchange.import_text(journal, text.encode())
    assert second.total_added == 0
    assert second.skipped == 8
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
    assert result.total_added == 8
    rel = journal.get(Relationship, doc["relationships"][0]["id"])
    assert rel.title == "Imported relationship"
    assert rel.created_at is not None and rel.created_at.year >= 2026
    action = journal.get(ActionStep, doc["actions"][0]["id"])
    assert (action.detail, action.resources, action.carried_forward) == ("", "", 0)


def test_a_partly_known_file_adds_only_the_new_entries(journal: Journal, sample) -> None:
    doc = json.loads(interchange.export_json(journal))
    extra = fresh_doc()
    merged = copy.deepcopy(doc)
    for section in SECTIONS:
        merged[section] += extra.get(section, [])
    result = interchange.import_text(journal, json.dumps(merged))
    assert result.total_added == 8
    assert result.skipped == 15


def test_a_file_from_before_the_cadence_keys_imports_with_the_defaults(journal: Journal) -> None:
    """A version 1 file written before reviews, cadence times and meeting slots were kept."""
    doc = fresh_doc()
    del doc["reviews"]
    assert "meeting_time" not in doc["relationships"][0]
    assert "slot_at" not in doc["meetings"][0]
    doc["relationships"][0]["cadence"] = "FREQ=MONTHLY;BYDAY=+2MO"
    action = doc["actions"][0]
    action.update(status="done", outcome="sideways", learning="Slow.")
    action["reviewed_at"] = "2026-01-20T12:00:00+00:00"
    with computer_zone("Pacific/Auckland"):
        result = interchange.import_text(journal, json.dumps(doc))
    assert result.total_added == 7 and result.added["reviews"] == 0
    rel = journal.get(Relationship, doc["relationships"][0]["id"])
    assert (rel.meeting_time, rel.meeting_minutes, rel.time_zone) == (
        "10:00",
        60,
        "Pacific/Auckland",  # this computer's, when the file came in
    )
    assert (rel.cadence_from, rel.earlier_cadences) == (None, [])
    meeting = journal.get(Meeting, doc["meetings"][0]["id"])
    assert (meeting.slot_at, meeting.started_at, meeting.ended_at, meeting.cancel_reason) == (
        None,
        None,
        None,
        "",
    )
    assert meeting.duration_minutes == 45
    # Its review shows as the one record an older file kept (not stored, not exported).
    (old,) = journal.reviews(rel.id)
    assert (old.id, old.outcome, old.learning) == (
        f"legacy-{action['id']}",
        Outcome.SIDEWAYS,
        "Slow.",
    )
    assert json.loads(interchange.export_json(journal))["reviews"] == []
    # The next meeting is on the cadence at 10:00 in Auckland.
    nxt = journal.next_meeting(rel.id, datetime(2026, 2, 1, tzinfo=UTC))
    assert nxt == datetime(2026, 2, 9, 10, 0, tzinfo=ZoneInfo("Pacific/Auckland"))


def review_doc(action_id: str, rel_id: str, meeting_id: str | None) -> dict[str, Any]:
    return {
        "format": "mentorjournal",
        "version": 1,
        "reviews": [
            {
                "id": str(uuid.uuid4()),
                "relationship_id": rel_id,
                "action_id": action_id,
                "meeting_id": meeting_id,
                "status": "open",
                "reviewed_at": "2026-03-01T09:00:00+00:00",
                "outcome": "backwards",
                "learning": "Imported learning",
            }
        ],
    }


def test_a_review_imports_for_an_action_in_the_journal(journal: Journal, sample) -> None:
    doc = review_doc(sample.open_action.id, sample.rel.id, sample.planned.id)
    result = interchange.import_text(journal, json.dumps(doc))
    assert result.added["reviews"] == 1
    (got,) = journal.reviews(sample.rel.id, sample.open_action.id)
    assert (got.id, got.meeting_id, got.outcome, got.learning) == (
        doc["reviews"][0]["id"],
        sample.planned.id,
        Outcome.BACKWARDS,
        "Imported learning",
    )


def test_a_review_of_an_action_in_neither_the_file_nor_the_journal_is_refused(
    journal: Journal, sample, row_counts
) -> None:
    before = row_counts(journal.path)
    missing = str(uuid.uuid4())
    doc = review_doc(missing, sample.rel.id, None)
    doc["relationships"] = [{"id": str(uuid.uuid4()), "title": "Also in the file"}]
    with pytest.raises(BadImport) as err:
        interchange.import_text(journal, json.dumps(doc))
    assert (
        str(err.value) == f"Nothing was imported: reviews[0]: action {missing} is not in the file."
    )
    assert row_counts(journal.path) == before
    for bad, says in (("not-a-uuid", "is not a UUID"), (None, "“action_id” is missing")):
        doc = review_doc(sample.open_action.id, sample.rel.id, None)
        doc["reviews"][0]["action_id"] = bad
        with pytest.raises(BadImport, match=says):
            interchange.import_text(journal, json.dumps(doc))
    assert row_counts(journal.path) == before
