"""jrnl's and Day One's exports read into reflections (issue 15, point 4), from a real jrnl 4.6
export and a Day One-shaped one (tests/fixtures/foreign/README.md says how they were made)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import Reflection, Relationship
from mentorjournal.errors import BadImport
from mentorjournal.exchange import interchange
from mentorjournal.exchange.importers import dayone, entry_id, import_entries, jrnl
from mentorjournal.journal.journal import Journal
from tests.local_zone import pinned_timezone

FOREIGN = Path(__file__).resolve().parents[2] / "fixtures" / "foreign"
JRNL = (FOREIGN / "jrnl-4.6-export.json").read_bytes()
DAYONE = (FOREIGN / "dayone-Journal.json").read_bytes()


def dayone_zip(*journals: tuple[str, bytes]) -> bytes:
    """A .zip as Day One writes it: a JSON file per journal, and the photos beside them."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in journals:
            archive.writestr(name, data)
        archive.writestr("photos/5f0c6a2d9e8b7a1c3d4e5f6a7b8c9d0e.jpeg", b"\xff\xd8\xff\xe0 jpeg")
    return out.getvalue()


# --- jrnl --------------------------------------------------------------------------------------


def test_jrnl_entries_in_this_computers_zone() -> None:
    with pinned_timezone("Europe/London"):
        entries = jrnl.parse(JRNL)
    assert len(entries) == 6
    first, feedback, late, cafe, _autumn, _same = entries
    assert first.written_at.isoformat() == "2024-01-15T09:30:00+00:00"
    assert late.written_at.isoformat() == "2024-03-31T01:30:00+00:00"  # before the clocks went
    summer = datetime.fromisoformat("2024-07-04T12:00:00+01:00")
    assert cafe.written_at == summer and cafe.written_at.utcoffset() == timedelta(hours=1)
    assert first.text == (
        "First session with Amara.\n"
        "We talked about promotion panels and who sits on them. @mentoring #panels"
    )
    # Title and body are one text again; the tags stay where they were written (any case).
    assert feedback.text.startswith("Reflection on feedback.\nAmara said my questions were")
    assert feedback.text.endswith("Next time: ask, then wait. @mentoring @Feedback")
    assert late.text == (
        "Clocks change tonight\n"
        "Late thoughts: <b>bold</b> *not emphasis*\n# not a heading\n---\n@late\n\nStarred."
    )
    assert cafe.text == "Café chat — naïve questions are welcome. 🙂 No tags here."


def test_jrnl_entries_have_ids_of_their_own_that_do_not_change() -> None:
    keys = [e.key for e in jrnl.parse(JRNL)]
    assert len(set(keys)) == 6  # the same words on two days are two entries
    assert keys == [e.key for e in jrnl.parse(JRNL)]


def test_a_tag_jrnl_lists_that_the_text_lacks_is_added() -> None:
    doc = json.loads(JRNL)
    doc["entries"][3]["tags"] = ["@travel"]
    [*_, cafe, _a, _b] = jrnl.parse(json.dumps(doc).encode())
    assert cafe.text.endswith("No tags here.\n\nTags: @travel")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["entries"][2].update(date="31/03/2024"), "entries[2]: “date” and “time”"),
        (lambda d: d["entries"][2].update(time="1:30"), "entries[2]: “date” and “time”"),
        (lambda d: d["entries"][1].update(body=["x"]), "entries[1]: “body” must be text"),
        (lambda d: d["entries"][0].update(tags="@x"), "entries[0]: “tags” must be a list"),
        (lambda d: d["entries"].append("x"), "entries[6]: each entry must be an object"),
        (lambda d: d.pop("tags"), "not jrnl's JSON export: it looks like a jrnl export"),
    ],
)
def test_a_damaged_jrnl_export_is_refused_whole(change, says: str) -> None:
    doc = json.loads(JRNL)
    change(doc)
    with pytest.raises(BadImport, match=re.escape(says)):
        jrnl.parse(json.dumps(doc).encode())


# --- Day One -----------------------------------------------------------------------------------


def test_dayone_entries_keep_their_own_zones_and_words() -> None:
    debrief, call, quiet, empty = dayone.parse(DAYONE)
    assert debrief.written_at.isoformat() == "2024-06-11T18:40:31+01:00"  # London, summer
    assert call.written_at.isoformat() == "2024-11-03T21:15:00-05:00"  # New York, the day before
    assert quiet.written_at.isoformat() == "2025-01-02T09:00:00+00:00"  # "GMT+0100": as UTC
    assert debrief.key == "C2E1B4F07D8A4A6B9E3F21D05C4B8A91"
    assert debrief.text == (
        "# After the panel debrief\n\n"
        "Sat in on the promotion panel with Amara. Three of five candidates were from the same "
        "two teams.\n\nWhat I noticed:\n\n- who spoke first\n- who was *asked* a follow-up "
        "question\n\n[photo]\n\nTags: mentoring, promotion panels"
    )
    assert call.text == (
        "Call with Sam before the board meeting.\n"
        "Sam asked for <b>blunt</b> feedback & got it.\n\nStarred."
    )
    assert quiet.text == "Quiet week. Nothing to add!\n\nTags: wellbeing"
    assert empty.text == ""


def test_the_zip_is_read_whole() -> None:
    work = json.loads(DAYONE)
    work["entries"] = work["entries"][:1]
    work["entries"][0]["uuid"] = "AAAA" + work["entries"][0]["uuid"][4:]
    data = dayone_zip(("Journal.json", DAYONE), ("Work.json", json.dumps(work).encode()))
    entries = dayone.parse(data)
    assert len(entries) == 5 and entries[4].key.startswith("AAAA")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"PK\x03\x04 not really a zip", "the .zip cannot be read"),
        (dayone_zip(), "the .zip holds no Day One journal"),
        (b"[2024-01-15 09:30] a jrnl text file", "not Day One's JSON export (in Day One: File"),
        (JRNL, "not Day One's JSON export: it looks like a jrnl export (use --from jrnl)"),
        (b'{"format": "mentorjournal", "version": 1}', "it is a MentorJournal export"),
        (b'{"entries": [{"creationDate": "yesterday"}]}', "entries[0]: “creationDate” must be"),
    ],
)
def test_files_of_the_wrong_kind_are_one_sentence(data: bytes, says: str) -> None:
    with pytest.raises(BadImport, match=re.escape(says)) as caught:
        dayone.parse(data)
    assert str(caught.value).startswith("Nothing was imported: ")
    assert "\n" not in str(caught.value)


def test_jrnl_refuses_a_day_one_file() -> None:
    with pytest.raises(BadImport, match="looks like a Day One export \\(use --from dayone\\)"):
        jrnl.parse(DAYONE)


def test_the_interchange_import_points_to_from() -> None:
    for data, source in ((JRNL, "jrnl"), (DAYONE, "dayone")):
        with pytest.raises(BadImport, match=f"not a MentorJournal export; .*--from {source}"):
            interchange.parse_import(data)


# --- into the journal --------------------------------------------------------------------------


def test_entries_become_free_standing_reflections_once(journal: Journal) -> None:
    result = import_entries(journal, "dayone", dayone.parse(DAYONE), "Notes from Day One")
    assert (result.added, result.skipped, result.empty) == (3, 0, 1)
    assert result.made_relationship and result.relationship == "Notes from Day One"
    [rel] = journal.relationships()
    stored = journal.reflections(rel.id)
    assert [r.id for r in stored] == [entry_id("dayone", e.key) for e in dayone.parse(DAYONE)[:3]]
    assert all(r.meeting_id is None and r.model == "gibbs" for r in stored)
    assert stored[1].written_at.utcoffset() == timedelta(hours=-5)
    assert "Sam asked for <b>blunt</b>" in stored[1].description
    assert {r.feelings + r.analysis + r.action_plan for r in stored} == {""}
    again = import_entries(journal, "dayone", dayone.parse(DAYONE), "notes FROM day one")
    assert (again.added, again.skipped, again.made_relationship) == (0, 3, False)
    assert len(journal.all(Reflection)) == 3 and len(journal.all(Relationship)) == 1


def test_into_a_relationship_there_is_already(journal: Journal, sample) -> None:
    before = len(journal.relationships())
    result = import_entries(journal, "jrnl", jrnl.parse(JRNL), sample.other_rel.id)
    assert (result.added, result.relationship, result.made_relationship) == (
        6,
        "Board mentoring",
        False,
    )
    assert len(journal.relationships()) == before
    assert len(journal.reflections(sample.other_rel.id)) == 6
    assert {h.entry_id for h in journal.search("promotion panels")} >= {
        entry_id("jrnl", jrnl.parse(JRNL)[0].key)
    }


def test_one_bad_entry_and_nothing_is_imported(journal: Journal) -> None:
    doc = json.loads(JRNL)
    doc["entries"][4]["date"] = "0999-01-01"  # before the years a journal can hold
    with pytest.raises(BadImport, match=r"entries\[4\]: “written_at” must be a date between"):
        import_entries(journal, "jrnl", jrnl.parse(json.dumps(doc).encode()))
    doc["entries"][4]["date"] = "2024-10-27"
    doc["entries"][5]["body"] = "nul \x00 here"
    with pytest.raises(BadImport, match=r"entries\[5\]: the text holds a NUL character"):
        import_entries(journal, "jrnl", jrnl.parse(json.dumps(doc).encode()))
    assert journal.relationships() == [] and journal.all(Reflection) == []


def test_the_default_relationship_names_the_app(journal: Journal) -> None:
    assert import_entries(journal, "jrnl", jrnl.parse(JRNL)).relationship == "Imported from jrnl"
    result = import_entries(journal, "dayone", dayone.parse(DAYONE))
    assert result.relationship == "Imported from Day One" and result.made_relationship
