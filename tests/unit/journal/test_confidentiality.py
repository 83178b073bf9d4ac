"""Nothing a person wrote or chose reaches the disk in plaintext: not in the journal file, not in
a file beside it, not in a temporary file."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Owner,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    Role,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.exchange import interchange
from mentorjournal.journal.history import HISTORY_FIELDS
from mentorjournal.journal.journal import TABLE_OF, Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.unicode_entries import text_fields

PASSPHRASE = "pass phrase words"
TZ = timezone(timedelta(hours=-7))
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
# Chosen values (enums, dates, scores) that must not be readable in the file either.
CHOICE_WORDS = [
    '"mentor"',
    "sideways",
    "backwards",
    "cancelled",
    "dropped",
    '"both"',
    '"after"',
    "1987-06-05",
    "1999-12-31",
    "2031-01-02",
    "2030-12-24",  # a meeting's slot (the day it stands for)
    "07:13",  # the cadence's time of day
    "Chatham",  # the relationship's time zone (Pacific/Chatham)
    "Tegucigalpa",  # an earlier cadence's zone
]


def marker(kind: str, field: str) -> str:
    return f"ZQX-MARKER-{kind}-{field}"


def marked(cls: type, **fixed: object) -> object:
    values: dict[str, object] = {}
    for name, shape in text_fields(cls).items():
        text = marker(cls.__name__, name)
        values[name] = [text, text + "-2"] if shape == "list" else text
    return cls(**values, **fixed)


def fill_with_markers(journal: Journal) -> list[str]:
    """A marker in every text field of every kind and in a setting; returns every marker."""
    rel = marked(
        Relationship,
        my_role=Role.MENTOR,
        started_on=date(1987, 6, 5),
        meeting_time="07:13",
        meeting_minutes=77,
        time_zone="Pacific/Chatham",
        cadence_from=date(1999, 12, 31),
        earlier_cadences=[
            {"rule": "FREQ=WEEKLY", "time": "07:13", "minutes": "77",
             "zone": "America/Tegucigalpa", "from": "1987-06-05", "until": "1999-12-31"}
        ],
    )  # fmt: skip
    meeting = marked(
        Meeting,
        relationship_id=rel.id,  # type: ignore[attr-defined]
        starts_at=datetime(2031, 1, 2, 3, 4, tzinfo=TZ),
        slot_at=datetime(2030, 12, 24, 7, 13, tzinfo=TZ),
        started_at=datetime(2031, 1, 2, 3, 5, tzinfo=TZ),
        ended_at=datetime(2031, 1, 2, 4, 22, tzinfo=TZ),
        status=MeetingStatus.CANCELLED,
        duration_minutes=77,
    )
    reviewed = marked(
        ActionStep,
        relationship_id=rel.id,  # type: ignore[attr-defined]
        owner=Owner.BOTH,
        status=ActionStatus.DROPPED,
        outcome=Outcome.SIDEWAYS,
        due_on=date(1999, 12, 31),
    )
    entries = [
        rel,
        meeting,
        marked(
            Reflection,
            relationship_id=rel.id,  # type: ignore[attr-defined]
            meeting_id=meeting.id,  # type: ignore[attr-defined]
            written_at=datetime(2031, 1, 2, 9, tzinfo=TZ),
        ),
        reviewed,
        marked(
            Review,
            relationship_id=rel.id,  # type: ignore[attr-defined]
            action_id=reviewed.id,  # type: ignore[attr-defined]
            meeting_id=meeting.id,  # type: ignore[attr-defined]
            status=ActionStatus.DROPPED,
            outcome=Outcome.BACKWARDS,
            reviewed_at=datetime(2031, 1, 2, 3, 30, tzinfo=TZ),
        ),
        marked(
            ActionStep,
            relationship_id=rel.id,  # type: ignore[attr-defined]
            outcome=Outcome.BACKWARDS,
        ),
        marked(WellbeingCheckin, at=datetime(2031, 1, 2, tzinfo=TZ), score=2, moment=Moment.AFTER),
        marked(SupportContact),
        marked(OwnPrompt, hidden=True),
    ]
    journal.save_many(entries)
    journal.set_setting("reminder_text", "ZQX-MARKER-setting-value")  # the key is plaintext
    markers = [marker(cls.__name__, name) for cls in TABLE_OF for name in text_fields(cls)]
    return [*markers, "ZQX-MARKER-setting-value"]


def every_file(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_no_marker_and_no_choice_is_readable_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    for name in ("TMPDIR", "TEMP", "TMP", "SQLITE_TMPDIR"):
        monkeypatch.setenv(name, str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)  # recomputed from TMPDIR
    assert tempfile.gettempdir() == str(scratch)

    folder = tmp_path / "journal"
    path = folder / "j.db"
    journal, _ = Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    markers = fill_with_markers(journal)
    assert len(markers) == 36
    journal.close()

    # Use it the way a person does: open, read, search, edit, delete, change the passphrase.
    journal = Journal.open(path, PASSPHRASE)
    # 8 before reviews were records: a review's learning is searched too (its history stays).
    assert len(journal.search("ZQX-MARKER")) == 9
    # 40 before schema version 4; a meeting's cancel reason and a review's learning add two.
    assert interchange.export_json(journal).count("ZQX-MARKER") == 42
    contact = journal.all(SupportContact)[0]
    contact.note = "ZQX-MARKER-edited"
    journal.save(contact)
    journal.delete(journal.all(OwnPrompt)[0])
    # History and the bin (issue 16): each covered text replaced in an editing session of its
    # own (its marker goes into history), then the relationship and all it holds deleted.
    journal.end_edit_sessions()
    for cls, names in HISTORY_FIELDS.items():
        for entry in journal.all(cls):
            journal.save_fields(cls, entry.id, {n: f"ZQX-MARKER-then-{n}" for n in names})
            assert {v.field for v in journal.versions(entry.id)} == set(names)
    journal.delete(journal.all(Relationship)[0])
    assert len(journal.bin_items()) == 2 and journal.all(Reflection) == []  # and the prompt
    journal.change_passphrase("another pass phrase")
    journal.lock()
    journal.unlock("another pass phrase")
    assert journal.get(SupportContact, contact.id).note == "ZQX-MARKER-edited"
    journal.close()
    markers += ["ZQX-MARKER-edited"]
    markers += [f"ZQX-MARKER-then-{n}" for names in HISTORY_FIELDS.values() for n in names]

    files = every_file(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["journal/j.db"]
    data = path.read_bytes()
    assert len(data) > 8192
    for text in markers:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in data, (text, encoding)
    assert b"ZQX" not in data
    for word in CHOICE_WORDS:
        assert word.encode() not in data, word


def test_plaintext_columns_hold_only_ids_links_and_times(journal: Journal, sample) -> None:
    journal.end_edit_sessions()
    journal.save_fields(Reflection, sample.reflection.id, {"feelings": "a version kept"})
    journal.delete(sample.other_rel)  # into the bin, with a tombstone for each entry
    journal.close()
    iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$")
    conn = sqlite3.connect(journal.path)
    try:
        for table in (*TABLE_OF.values(), "history", "entry_state", "bin", "tombstone"):
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            for row in cur:
                for name, value in zip(names, row, strict=True):
                    if name in ("id", "relationship_id", "meeting_id", "action_id"):
                        assert value is None or UUID_RE.match(value), (table, name, value)
                    elif name in ("created_at", "updated_at"):
                        assert iso.match(value), (table, name, value)
                    elif name == "row_version":  # how often the row was written (issue 14)
                        assert type(value) is int and value >= 1, (table, name, value)
                    else:
                        assert value is None or isinstance(value, bytes), (table, name, value)
        keys = [r[0] for r in conn.execute("SELECT id FROM setting ORDER BY id")]
        assert keys == ["lock_minutes", "theme", "welcome_seen"]
        assert all(isinstance(r[0], bytes) for r in conn.execute("SELECT value FROM setting"))
    finally:
        conn.close()


def test_permissions_of_the_file_and_the_folders_it_made(tmp_path: Path) -> None:
    path = tmp_path / "private" / "journal" / "j.db"
    old = os.umask(0)
    try:
        j, _ = Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
        j.save(Relationship(title="x"))
        j.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "private" / "journal").stat().st_mode) == 0o700
