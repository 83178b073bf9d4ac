"""What the two-instance tests look at and feed in: the file's integrity check, the relationship
titles a journal sees, and a small import document for the command line."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from mentorjournal.journal.journal import Journal


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def titles(journal: Journal) -> set[str]:
    return {r.title for r in journal.relationships()}


def import_file(folder: Path, name: str, titles_: list[str]) -> Path:
    doc = {
        "format": "mentorjournal",
        "version": 1,
        "relationships": [{"id": str(uuid.uuid4()), "title": t} for t in titles_],
    }
    path = folder / f"{name}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path
