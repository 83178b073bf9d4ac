"""Interchange test helpers: empty journals to import into, and a valid document to import."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS


def new_journal(folder: Path, name: str) -> Journal:
    return Journal.create(folder / name, "pass phrase words", kdf=FAST_KDF_FOR_TESTS)[0]


def fresh_doc() -> dict[str, Any]:
    """A valid file with one new entry of every kind (ids not in any journal yet)."""
    rel, meeting, action = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
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
                "id": action,
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
        "reviews": [
            {
                "id": str(uuid.uuid4()),
                "relationship_id": rel,
                "action_id": action,
                "meeting_id": meeting,
                "status": "open",
                "outcome": "sideways",
                "learning": "Imported learning",
                "reviewed_at": "2026-01-12T10:15:00+00:00",
            }
        ],
        "wellbeing": [{"id": str(uuid.uuid4()), "at": "2026-01-12T09:00:00+00:00", "score": 4}],
        "support_contacts": [{"id": str(uuid.uuid4()), "name": "A friend"}],
        "own_prompts": [{"id": str(uuid.uuid4()), "theme": "purpose", "text": "Why me?"}],
    }
