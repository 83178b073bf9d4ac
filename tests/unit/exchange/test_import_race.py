"""An import whose entries another import stored after it looked (but before it wrote) adds
nothing and says so: the ids are checked again under the write lock."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from mentorjournal.domain import Meeting, Relationship
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from tests.conftest import PASSPHRASE


def document(count: int) -> bytes:
    rels = [{"id": str(uuid.uuid4()), "title": f"r{i}"} for i in range(count)]
    meetings = [
        {"id": str(uuid.uuid4()), "relationship_id": r["id"], "starts_at": "2026-02-10T10:00:00Z"}
        for r in rels
    ]
    doc = {"format": "mentorjournal", "version": 1, "relationships": rels, "meetings": meetings}
    return json.dumps(doc).encode()


def test_an_import_overtaken_by_the_same_import_adds_nothing(
    journal: Journal, journal_path: Path, monkeypatch
) -> None:
    text = document(5)
    other = Journal.open(journal_path, PASSPHRASE)
    real = journal.insert_new

    def overtaken(objs: list[object]) -> list[object]:
        interchange.import_text(other, text)  # the other window's import lands first
        return real(objs)

    monkeypatch.setattr(journal, "insert_new", overtaken)
    try:
        result = interchange.import_text(journal, text)
    finally:
        other.close()
    assert result.total_added == 0 and result.skipped == 10
    assert len(journal.all(Relationship)) == 5 and len(journal.all(Meeting)) == 5


def test_a_partly_overtaken_import_adds_only_the_rest(
    journal: Journal, journal_path: Path, monkeypatch
):
    text = document(4)
    first_half = json.loads(text)
    first_half["relationships"] = first_half["relationships"][:2]
    first_half["meetings"] = first_half["meetings"][:2]
    other = Journal.open(journal_path, PASSPHRASE)
    real = journal.insert_new

    def overtaken(objs: list[object]) -> list[object]:
        interchange.import_text(other, json.dumps(first_half))
        return real(objs)

    monkeypatch.setattr(journal, "insert_new", overtaken)
    try:
        result = interchange.import_text(journal, text)
    finally:
        other.close()
    assert result.added == {**result.added, "relationships": 2, "meetings": 2}
    assert result.skipped == 4
    assert len(journal.all(Relationship)) == 4
