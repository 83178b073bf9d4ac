"""A sample journal for trying MentorJournal, dated relative to "now" so it always looks current.

Everything is invented and goes in through the :class:`~mentorjournal.journal.Journal` API only.
The sample texts live in ``assets/demo.toml``; this module only dates and assembles them.
Never imports Textual at module level.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mentorjournal.domain import (
    GIBBS_STAGES,
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
    Role,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.journal import Journal
from mentorjournal.prompts import read_asset
from mentorjournal.store.crypto import DEFAULT_KDF, KdfParams

DEMO_PASSPHRASE = "demo journal not private"  # words only: no sign that looks like its end
DEMO_FILE = "demo-journal.db"
SECOND_TUESDAY = "FREQ=MONTHLY;BYDAY=+2TU"
EVERY_THREE_WEEKS = "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"
DEMO_ASSET = "demo.toml"
PREPARING = "preparing"  # a review made while preparing for the coming meeting
ABOUT = ("purpose", "ground_rules", "styles")  # a relationship's texts
MEETING_TEXTS = ("preparation", "points", "framing", "review_summary", "notes")


def _t(text: str) -> str:
    """Unwrap hard-wrapped text: blank lines separate paragraphs, other line breaks go."""
    paragraphs = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _texts(table: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The unwrapped texts under ``keys`` in a table of ``demo.toml`` (missing ones empty)."""
    return {k: _t(table.get(k, "")) for k in keys}


def _load_sample() -> dict[str, Any]:
    """The sample texts: ``assets/demo.toml``, parsed."""
    text, where = read_asset(DEMO_ASSET)
    sample = tomllib.loads(text)
    if sample.get("version") != 1:
        raise ValueError(f"The demo file {where} has an unknown version.")
    return sample


def _local(day: date, hour: int) -> datetime:
    """``hour``:00 on ``day`` in this computer's time zone (daylight saving included)."""
    return datetime.combine(day, time(hour)).astimezone()


def _second_tuesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 7)


def _meeting_days(now: datetime) -> list[date]:
    """Seven second Tuesdays: the first whose 10:00–11:00 meeting is not over by ``now`` (it may
    be under way), preceded by the six before it."""
    local = now.astimezone()
    month = local.year * 12 + local.month - 1
    if _local(_second_tuesday(local.year, local.month), 11) <= now:
        month += 1
    return [_second_tuesday((month - b) // 12, (month - b) % 12 + 1) for b in range(6, -1, -1)]


def _action(relationship_id: str, row: dict[str, Any], meeting_id: str, due_on: date) -> ActionStep:
    """An action step from a ``demo.toml`` row, agreed at ``meeting_id``."""
    return ActionStep(
        relationship_id,
        row["title"],
        meeting_id,
        owner=Owner(row["owner"]),
        due_on=due_on,
        resources=row.get("resources", ""),
        obstacles=row.get("obstacles", ""),
    )


def fill_demo(journal: Journal, now: datetime) -> None:
    """Fill an empty journal with the sample relationships, dated relative to ``now`` (aware)."""
    if now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    sample = _load_sample()
    latest = now - timedelta(minutes=1)
    days = _meeting_days(now)
    main = sample["reverse_mentoring"]
    rel = Relationship(
        main["title"],
        Role.MENTEE,
        main["partner"],
        cadence=SECOND_TUESDAY,
        started_on=(now - timedelta(days=182)).date(),
        **_texts(main, ABOUT),
    )
    objs: list[object] = [rel]
    held: list[Meeting] = []
    for day, row in zip(days, main["held"], strict=False):
        start = _local(day, 10)
        m = Meeting(
            rel.id,
            start,
            60,
            MeetingStatus.HELD,
            themes=row["themes"],
            used_prompts=row["used_prompts"],
            **_texts(row, MEETING_TEXTS),
        )
        held.append(m)
        stages = _texts(row["reflection"], GIBBS_STAGES)
        objs += [m, Reflection(rel.id, min(start + timedelta(hours=8), latest), m.id, **stages)]
        for moment, at in (
            (Moment.BEFORE, start - timedelta(minutes=20)),
            (Moment.AFTER, start + timedelta(minutes=75)),
        ):
            w = row[f"wellbeing_{moment.value}"]
            objs.append(
                WellbeingCheckin(min(at, latest), w["score"], w["note"], moment, rel.id, m.id)
            )
    coming = main["coming"]
    objs.append(
        Meeting(
            rel.id,
            _local(days[6], 10),
            themes=coming["themes"],
            **_texts(coming, ("preparation", "points", "framing")),
        )
    )

    last_end = held[-1].starts_at + timedelta(minutes=60)
    prep_at = last_end + (now - last_end) * 2 / 3 if now > last_end else latest
    reviews: list[tuple[ActionStep, dict[str, Any]]] = []
    for row in main["actions"]:
        due_on = days[row["due_after"]] + timedelta(days=row["due_days"])
        a = _action(rel.id, row, held[row["agreed_at"]].id, due_on)
        objs.append(a)
        reviews += [(a, review) for review in row.get("reviews", [])]

    # The second relationship: I mentor a junior colleague, every three weeks on Thursdays.
    today = now.astimezone().date()
    met_on = today - timedelta(days=7 + (today.weekday() - 3) % 7)
    other = sample["mentoring"]
    mentee = Relationship(
        other["title"],
        Role.MENTOR,
        other["partner"],
        cadence=EVERY_THREE_WEEKS,
        started_on=met_on - timedelta(days=14),
        **_texts(other, ABOUT),
    )
    met = other["first_meeting"]
    first = Meeting(
        mentee.id,
        _local(met_on, 14),
        45,
        MeetingStatus.HELD,
        notes=_t(met["notes"]),
        themes=met["themes"],
    )
    objs += [mentee, first]
    objs += [
        _action(mentee.id, row, first.id, met_on + timedelta(days=row["due_days"]))
        for row in other["actions"]
    ]
    w = met["wellbeing_after"]
    objs.append(
        WellbeingCheckin(
            _local(met_on, 15), w["score"], w["note"], Moment.AFTER, mentee.id, first.id
        )
    )
    objs += [SupportContact(c["name"], c["how"], c["note"]) for c in sample["support_contacts"]]
    own = [
        OwnPrompt(p["theme"], p.get("text", ""), p.get("theme_title", ""))
        for p in sample["own_prompts"]
    ]
    for i, prompt in enumerate(own):
        prompt.created_at = now - timedelta(days=60) + timedelta(minutes=i)
    journal.save_many([*objs, *own])
    for action, review in reviews:
        at = review["at"]
        when = prep_at if at == PREPARING else held[at].starts_at + timedelta(minutes=15)
        journal.review_action(
            action,
            ActionStatus(review["status"]),
            Outcome(review["outcome"]),
            review["learning"],
            now=min(when, latest),
        )


def create_demo_journal(
    folder: Path, now: datetime | None = None, kdf: KdfParams | None = None
) -> Path:
    """Create ``demo-journal.db`` in ``folder``, filled with the sample; return its path."""
    path = Path(folder) / DEMO_FILE
    journal, _recovery_key = Journal.create(path, DEMO_PASSPHRASE, kdf=kdf or DEFAULT_KDF)
    try:
        fill_demo(journal, now or datetime.now().astimezone())
    finally:
        journal.close()
    return path


def run_demo(kdf: KdfParams | None = None) -> int:
    """Open the sample journal in the TUI from a private temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="mentorjournal-demo-"))
    try:
        folder.chmod(0o700)
        path = create_demo_journal(folder, kdf=kdf)
        print(
            f"Demo journal (sample data) at {path}; its passphrase, without the quotes: "
            f"“{DEMO_PASSPHRASE}”",
            flush=True,
        )
        from mentorjournal.tui.app import run_app

        return run_app(path, kdf=kdf, demo_passphrase=DEMO_PASSPHRASE)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
