"""Shared settings, strategies and helpers for the fuzz tests in this package.

Throughout: nothing crashes, a value is stored exactly or refused whole with a sentence, a failed
import leaves the journal as it was, and no stored text is readable in the file.
``test_journal``, ``test_interchange`` and ``test_cadence`` already fuzz well-formed Unicode
through save/reopen and export/import, and short rule texts; this package goes further.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
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

# Any time zone: named ones, any whole-minute offset within a day, and UTC (used by the
# date and the repeat-rule tests).
MINUTE_OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m))
)
ZONES = st.one_of(st.timezones(), MINUTE_OFFSETS, st.just(UTC))


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
    action = ActionStep(relationship_id=rel.id, **texts(ActionStep))
    return [
        rel,
        meeting,
        Reflection(relationship_id=rel.id, meeting_id=meeting.id,
                   written_at=datetime(2026, 2, 3, 18, tzinfo=UTC), **texts(Reflection)),
        action,
        Review(relationship_id=rel.id, action_id=action.id, meeting_id=meeting.id,
               status=ActionStatus.OPEN, reviewed_at=datetime(2026, 2, 3, 9, 40, tzinfo=UTC),
               **texts(Review)),
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
