"""Test-wide settings and shared fixtures.

One time zone, so dates shown and stored are the same everywhere. The fixtures (no Textual here:
``tests/unit`` must run without it): ``journal`` (a new journal with the fast, test-only KDF),
``sample`` / ``make_sample`` (one of everything), ``row_counts`` and ``passphrase``. A module-scoped
fixture may import ``make_sample`` and ``row_counts`` from ``tests.conftest``.
"""
# ruff: noqa: E402  (the time zone is set before anything is imported that could read it)

from __future__ import annotations

import os
import time

# Before anything reads the local time zone.
os.environ["TZ"] = "UTC"
time.tzset()

# Each journal's newest change counter is remembered in the user's state folder (issue 14):
# the tests' own, never the person's (subprocesses inherit it).
import tempfile

os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="mentorjournal-test-state-")

import sqlite3
from dataclasses import dataclass, field
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
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf

# The fast KDF is below the floor every real journal must meet: this test session (only) may
# make and open journals with it, because it asks for that here, explicitly.
permit_test_kdf(FAST_KDF_FOR_TESTS)

PASSPHRASE = "pass phrase words"
CET = timezone(timedelta(hours=1))
# Every table holding entries (not schema_version or vault).
ENTRY_TABLES = (
    "relationship",
    "meeting",
    "reflection",
    "action",
    "review",
    "wellbeing",
    "support_contact",
    "own_prompt",
    "setting",
)


@pytest.fixture(autouse=True)
def own_state_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test remembers journals' change counters in a state folder of its own (the fixture
    journals share their keys, so one test's counter would make another's copy look older)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "j.db"


@pytest.fixture
def journal(journal_path: Path):
    """A new, empty journal at ``journal_path`` (fast KDF: an explicit test-only parameter)."""
    j, _recovery_key = Journal.create(journal_path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    yield j
    j.close()


@dataclass
class Sample:
    """What ``make_sample`` stored, so tests can look entries up by role."""

    rel: Relationship
    other_rel: Relationship
    held: Meeting
    planned: Meeting
    cancelled: Meeting
    reflection: Reflection
    open_action: ActionStep
    done_action: ActionStep
    dropped_action: ActionStep
    other_action: ActionStep
    review: Review
    checkin: WellbeingCheckin
    contact: SupportContact
    prompt: OwnPrompt
    theme: OwnPrompt
    settings: dict[str, object] = field(default_factory=dict)

    def entries(self) -> list[object]:
        return [
            self.rel,
            self.other_rel,
            self.held,
            self.planned,
            self.cancelled,
            self.reflection,
            self.open_action,
            self.done_action,
            self.dropped_action,
            self.other_action,
            self.review,
            self.checkin,
            self.contact,
            self.prompt,
            self.theme,
        ]


def make_sample(journal: Journal) -> Sample:
    """Fill a journal with one of everything (and a second relationship); returns what it stored."""
    rel = Relationship(
        title="Reverse mentoring with Amara",
        my_role=Role.MENTEE,
        partner="Amara Okafor",
        purpose="Understand how race shapes everyday work here.",
        ground_rules="Confidential; honest; monthly for an hour.",
        styles="Amara prefers questions first; I think aloud.",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        started_on=date(2026, 1, 13),
    )
    other_rel = Relationship(
        title="Board mentoring",
        my_role=Role.MENTOR,
        partner="Sam",
        purpose="Support Sam's first board role.",
    )
    held = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 2, 10, 10, 0, tzinfo=CET),
        status=MeetingStatus.HELD,
        preparation="Read the staff survey.",
        notes="We talked about promotion panels.",
        themes=["belonging", "talking-about-race"],
        points="Ask about the panel's make-up.",
        framing="Is the problem the panel or the pipeline?",
        review_summary="Two actions done, one carried.",
        used_prompts=["belonging-1"],
    )
    planned = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 3, 10, 10, 0, tzinfo=CET),
        status=MeetingStatus.PLANNED,
        preparation="Bring the panel data.",
    )
    cancelled = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 1, 13, 10, 0, tzinfo=CET),
        status=MeetingStatus.CANCELLED,
        notes="Snow day.",
    )
    reflection = Reflection(
        relationship_id=rel.id,
        meeting_id=held.id,
        written_at=datetime(2026, 2, 10, 18, 30, tzinfo=CET),
        description="We discussed the promotion panel.",
        feelings="Uncomfortable, then grateful.",
        evaluation="Good that I listened.",
        analysis="My assumptions about merit.",
        conclusion="I had not seen the pattern.",
        action_plan="Ask HR for panel data.",
    )
    open_action = ActionStep(
        relationship_id=rel.id,
        meeting_id=held.id,
        title="Ask HR for panel data",
        detail="Last three rounds.",
        owner=Owner.ME,
        due_on=date(2026, 2, 28),
        resources="HR analytics team",
        obstacles="Data protection review",
    )
    done_action = ActionStep(
        relationship_id=rel.id,
        title="Read the inclusion report",
        owner=Owner.BOTH,
        status=ActionStatus.DONE,
        outcome=Outcome.FORWARDS,
        learning="The report names the gap plainly.",
        reviewed_at=datetime(2026, 2, 10, 10, 30, tzinfo=CET),
    )
    dropped_action = ActionStep(
        relationship_id=rel.id,
        title="Start a book club",
        owner=Owner.PARTNER,
        status=ActionStatus.DROPPED,
        outcome=Outcome.SIDEWAYS,
        learning="Nobody had time.",
    )
    other_action = ActionStep(relationship_id=other_rel.id, title="Draft board questions")
    review = Review(  # the done action's review, kept with the meeting it was reviewed in
        relationship_id=rel.id,
        action_id=done_action.id,
        meeting_id=held.id,
        status=ActionStatus.DONE,
        reviewed_at=datetime(2026, 2, 10, 10, 30, tzinfo=CET),
        outcome=Outcome.FORWARDS,
        learning="The report names the gap plainly.",
    )
    checkin = WellbeingCheckin(
        at=datetime(2026, 2, 10, 9, 45, tzinfo=CET),
        score=3,
        note="Nervous before the meeting.",
        moment=Moment.BEFORE,
        relationship_id=rel.id,
        meeting_id=held.id,
    )
    contact = SupportContact(name="Employee assistance", how="0800 000 000", note="24 hours")
    prompt = OwnPrompt(theme="belonging", text="When did I last feel I belonged here?")
    theme = OwnPrompt(theme="my-theme", theme_title="Allyship at board level")
    sample = Sample(
        rel=rel,
        other_rel=other_rel,
        held=held,
        planned=planned,
        cancelled=cancelled,
        reflection=reflection,
        open_action=open_action,
        done_action=done_action,
        dropped_action=dropped_action,
        other_action=other_action,
        review=review,
        checkin=checkin,
        contact=contact,
        prompt=prompt,
        theme=theme,
        settings={"lock_minutes": 10, "theme": "ansi-dark", "welcome_seen": True},
    )
    journal.save_many(sample.entries())
    for key, value in sample.settings.items():
        journal.set_setting(key, value)
    return sample


def row_counts(path: Path) -> dict[str, int]:
    """Rows per entry table, read with sqlite3 directly."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ENTRY_TABLES}
    finally:
        conn.close()


@pytest.fixture(name="passphrase")
def passphrase_fixture() -> str:
    return PASSPHRASE


@pytest.fixture(name="make_sample")
def make_sample_fixture():
    return make_sample


@pytest.fixture
def sample(journal: Journal) -> Sample:
    return make_sample(journal)


@pytest.fixture(name="row_counts")
def row_counts_fixture():
    return row_counts
