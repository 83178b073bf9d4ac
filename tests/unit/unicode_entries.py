"""Hypothesis strategies: one entry of every kind with arbitrary Unicode in every text field."""

from __future__ import annotations

import dataclasses
import os
import typing
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    OwnPrompt,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)

CET = timezone(timedelta(hours=1))

SPECIAL_TEXT = [
    "",
    "\x00",
    "nul\x00inside",
    "👩🏽‍💻 emoji 🧑‍🤝‍🧑",
    "مرحبا بالعالم",
    "שָׁלוֹם עולם",
    "\u202eright-to-left override\u202c",
    "line\r\nbreak\u2028sep",
    "tab\there",
    "\ufeffBOM",
    "😀" * 300,
]
TEXT = st.one_of(st.text(), st.sampled_from(SPECIAL_TEXT))
NON_BLANK = {"title", "name", "theme"}
# Links, and text fields that hold a choice checked when saved (not words the person wrote).
NOT_WORDS = {"id", "relationship_id", "meeting_id", "action_id", "meeting_time", "time_zone"}
# Many journals are made here: on tmpfs when there is one, as every commit is synced to disk.
FAST_DIR = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def text_fields(cls: type) -> dict[str, str]:
    """Each field that holds words: 'str' (incl. optional) or 'list' (a list of strings)."""
    hints = typing.get_type_hints(cls)
    out = {}
    for f in dataclasses.fields(cls):
        if f.name in NOT_WORDS:
            continue
        tp = hints[f.name]
        if tp in (str, str | None):
            out[f.name] = "str"
        elif tp == list[str]:
            out[f.name] = "list"
    return out


def build_entries(draw: st.DrawFn) -> list[object]:
    """One entry of every kind (two own prompts), every text field drawn from TEXT."""

    def texts(cls: type) -> dict[str, object]:
        values: dict[str, object] = {}
        for name, shape in text_fields(cls).items():
            if shape == "list":
                values[name] = draw(st.lists(TEXT, max_size=3))
            else:
                value = draw(TEXT)
                values[name] = ("T" + value) if name in NON_BLANK else value
        return values

    rel = Relationship(
        **texts(Relationship),  # type: ignore[arg-type]
        started_on=date(2025, 9, 1),
        meeting_time="10:00",
        time_zone="Europe/Paris",
    )
    meeting = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2025, 9, 9, 10, tzinfo=CET),
        slot_at=datetime(2025, 9, 9, 10, tzinfo=CET),
        started_at=datetime(2025, 9, 9, 10, 7, tzinfo=CET),
        ended_at=datetime(2025, 9, 9, 10, 58, tzinfo=CET),
        duration_minutes=51,
        status=MeetingStatus.HELD,
        **texts(Meeting),  # type: ignore[arg-type]
    )
    action = ActionStep(
        relationship_id=rel.id,
        meeting_id=meeting.id,
        due_on=date(2025, 10, 1),
        outcome=Outcome.SIDEWAYS,
        **texts(ActionStep),  # type: ignore[arg-type]
    )
    return [
        rel,
        meeting,
        Reflection(
            relationship_id=rel.id,
            meeting_id=meeting.id,
            written_at=datetime(2025, 9, 9, 20, tzinfo=UTC),
            **texts(Reflection),  # type: ignore[arg-type]
        ),
        action,
        Review(
            relationship_id=rel.id,
            action_id=action.id,
            meeting_id=meeting.id,
            status=ActionStatus.OPEN,
            reviewed_at=datetime(2025, 9, 9, 10, 40, tzinfo=CET),
            outcome=Outcome.SIDEWAYS,
            **texts(Review),  # type: ignore[arg-type]
        ),
        WellbeingCheckin(
            at=datetime(2025, 9, 9, 9, tzinfo=UTC),
            score=4,
            moment=Moment.BEFORE,
            relationship_id=rel.id,
            **texts(WellbeingCheckin),  # type: ignore[arg-type]
        ),
        SupportContact(**texts(SupportContact)),  # type: ignore[arg-type]
        OwnPrompt(hidden=True, **texts(OwnPrompt)),  # type: ignore[arg-type]
        OwnPrompt(**texts(OwnPrompt)),  # type: ignore[arg-type]
    ]


@st.composite
def entries_strategy(draw: st.DrawFn) -> list[object]:
    return build_entries(draw)
