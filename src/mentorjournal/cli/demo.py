"""A sample journal for trying MentorJournal, dated relative to "now" so it always looks current.

Everything is invented and goes in through the :class:`~mentorjournal.journal.journal.Journal`
API only.
The sample texts live in ``assets/demo.toml``; this module only dates and assembles them.
Never imports Textual at module level.
"""

from __future__ import annotations

import contextlib
import math
import shutil
import signal
import tempfile
import tomllib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from mentorjournal.cli.demo_arc import fill_arc
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
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import zones
from mentorjournal.mentoring.prompts import read_asset
from mentorjournal.store.crypto import DEFAULT_KDF, KdfParams

DEMO_PASSPHRASE = "demo journal not private"  # words only: no sign that looks like its end
DEMO_FILE = "demo-journal.db"
SECOND_TUESDAY = "FREQ=MONTHLY;BYDAY=+2TU"
EVERY_THREE_WEEKS = "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"
DEMO_ASSET = "demo.toml"
PREPARING = "preparing"  # a review made while preparing for the coming meeting
ABOUT = ("purpose", "ground_rules", "styles")  # a relationship's texts
MEETING_TEXTS = ("preparation", "points", "framing", "review_summary", "notes")
LATE_START = {2: 7}  # held meeting -> minutes it began after 10:00
EARLY_END = {4: 15}  # held meeting -> minutes it ended before 11:00


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


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    """``hour``:``minute`` on ``day`` in this computer's time zone (daylight saving included)."""
    return datetime.combine(day, time(hour, minute), tzinfo=zones.zone(zones.local_zone_name()))


def _second_tuesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 7)


def _meeting_days(now: datetime) -> list[date]:
    """Seven second Tuesdays: the first whose day is not over by ``now`` (today's meeting, which
    stays today's until the day ends, is the coming one), preceded by the six before it."""
    today = now.astimezone(zones.zone(zones.local_zone_name())).date()
    month = today.year * 12 + today.month - 1
    if _second_tuesday(today.year, today.month) < today:
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


class _StoryClock:
    """The journal's clock while the demo is written: each entry is stamped when it happens in
    the story, so "when first saved" agrees with the meetings around it."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def _held_meetings(
    journal: Journal, clock: _StoryClock, rel: Relationship, rows: list[Any], days: list[date]
) -> list[Meeting]:
    """The six meetings held, each with its reflection and check-ins before and after; one
    began a little late and one ended early. Returns them oldest first."""
    held = []
    for i, (day, row) in enumerate(zip(days, rows, strict=False)):
        slot = _local(day, 10)
        began = slot + timedelta(minutes=LATE_START.get(i, 0))
        ended = slot + timedelta(minutes=60 - EARLY_END.get(i, 0))
        m = Meeting(
            rel.id,
            slot,
            math.ceil((ended - began) / timedelta(minutes=1)),
            MeetingStatus.HELD,
            themes=row["themes"],
            used_prompts=row["used_prompts"],
            slot_at=slot,
            started_at=began,
            ended_at=ended,
            **_texts(row, MEETING_TEXTS),
        )
        m.created_at = slot - timedelta(days=1)  # prepared the day before
        written = min(slot + timedelta(hours=8), clock.at)
        reflection = Reflection(rel.id, written, m.id, **_texts(row["reflection"], GIBBS_STAGES))
        reflection.created_at = written
        objs: list[object] = [m, reflection]
        for moment, at in (
            (Moment.BEFORE, slot - timedelta(minutes=20)),
            (Moment.AFTER, ended + timedelta(minutes=15)),
        ):
            w = row[f"wellbeing_{moment.value}"]
            when = min(at, clock.at)
            checkin = WellbeingCheckin(when, w["score"], w["note"], moment, rel.id, m.id)
            checkin.created_at = when
            objs.append(checkin)
        journal.save_many(objs)
        held.append(m)
    return held


def fill_demo(journal: Journal, now: datetime) -> None:
    """Fill an empty journal with the sample relationships, dated relative to ``now`` (aware),
    the way a person would have lived them: meetings on the cadence at 10:00 in this computer's
    zone, reviews recorded at the meetings they were done in (or while preparing the next)."""
    if now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    own_clock = journal.clock
    clock = _StoryClock(now - timedelta(minutes=1))
    journal.clock = clock
    try:
        _fill(journal, clock, now, _load_sample())
    finally:
        journal.clock = own_clock


def _fill(journal: Journal, clock: _StoryClock, now: datetime, sample: dict[str, Any]) -> None:
    latest = clock.at
    days = _meeting_days(now)
    zone_name = zones.local_zone_name()
    main = sample["reverse_mentoring"]
    started = (now - timedelta(days=182)).date()
    rel = Relationship(
        main["title"],
        Role.MENTEE,
        main["partner"],
        cadence=SECOND_TUESDAY,
        started_on=started,
        meeting_time="10:00",
        meeting_minutes=60,
        time_zone=zone_name,
        **_texts(main, ABOUT),
    )
    rel.created_at = _local(started, 9)
    journal.save(rel)
    held = _held_meetings(journal, clock, rel, main["held"], days)

    # The coming meeting, prepared two thirds of the way from the day after the last one to now.
    after_last = _local(days[5] + timedelta(days=1), 0)
    prep_at = min(after_last + (now - after_last) * 2 / 3, latest)
    coming = Meeting(
        rel.id,
        _local(days[6], 10),
        themes=main["coming"]["themes"],
        slot_at=_local(days[6], 10),
        **_texts(main["coming"], ("preparation", "points", "framing")),
    )
    coming.created_at = prep_at
    extra = main["cancelled"]
    planned_at = held[extra["planned_at"]]
    off_cadence = _local(days[extra["planned_at"]] + timedelta(days=extra["days_after"]), 16)
    cancelled = Meeting(
        rel.id,
        off_cadence,
        extra["minutes"],
        MeetingStatus.CANCELLED,
        points=_t(extra["points"]),
        slot_at=off_cadence,  # off the cadence: its own start is its slot
        cancel_reason=extra["reason"],
    )
    cancelled.created_at = planned_at.ended_at
    clock.at = off_cadence - timedelta(days=1)  # cancelled the day before
    journal.save(cancelled)
    clock.at = prep_at
    journal.save(coming)

    # Actions, agreed near the end of their meeting; each review recorded with the meeting it
    # was done in (a quarter of an hour in), or with the coming one while preparing it.
    made: list[tuple[ActionStep, dict[str, Any]]] = []
    for row in main["actions"]:
        at = held[row["agreed_at"]]
        due_on = days[row["due_after"]] + timedelta(days=row["due_days"])
        a = _action(rel.id, row, at.id, due_on)
        assert at.ended_at is not None
        a.created_at = at.ended_at - timedelta(minutes=5)
        made.append((a, row))
    clock.at = latest
    journal.save_many([a for a, _ in made])
    reviews = [
        (a, review, held[review["at"]] if review["at"] != PREPARING else coming)
        for a, row in made
        for review in row.get("reviews", [])
    ]
    for a, review, meeting in sorted(reviews, key=lambda r: _review_time(r[2], prep_at)):
        when = min(_review_time(meeting, prep_at), latest)
        clock.at = when
        journal.review_action(
            a,
            ActionStatus(review["status"]),
            Outcome(review["outcome"]),
            review["learning"],
            now=when,
            meeting_id=meeting.id,
        )
    clock.at = latest
    _second_relationship(journal, clock, now, sample, zone_name)
    fill_arc(journal, clock, now, sample, _local, _t)  # a programme, Driscoll, an ended one
    clock.at = latest
    journal.save_many(
        [SupportContact(c["name"], c["how"], c["note"]) for c in sample["support_contacts"]]
    )
    own = [
        OwnPrompt(p["theme"], p.get("text", ""), p.get("theme_title", ""))
        for p in sample["own_prompts"]
    ]
    for i, prompt in enumerate(own):
        prompt.created_at = now - timedelta(days=60) + timedelta(minutes=i)
    journal.save_many(own)


def _review_time(meeting: Meeting, prep_at: datetime) -> datetime:
    if meeting.started_at is None:
        return prep_at
    return meeting.started_at + timedelta(minutes=15)


def _second_relationship(
    journal: Journal, clock: _StoryClock, now: datetime, sample: dict[str, Any], zone_name: str
) -> None:
    """I mentor a junior colleague, every three weeks on Thursdays at 14:00 for 45 minutes,
    from the first meeting a week or two ago."""
    today = now.astimezone(zones.zone(zone_name)).date()
    met_on = today - timedelta(days=7 + (today.weekday() - 3) % 7)
    other = sample["mentoring"]
    mentee = Relationship(
        other["title"],
        Role.MENTOR,
        other["partner"],
        cadence=EVERY_THREE_WEEKS,
        started_on=met_on - timedelta(days=14),
        meeting_time="14:00",
        meeting_minutes=45,
        time_zone=zone_name,
        cadence_from=met_on,
        **_texts(other, ABOUT),
    )
    mentee.created_at = _local(met_on - timedelta(days=14), 9)
    met = other["first_meeting"]
    slot = _local(met_on, 14)
    first = Meeting(
        mentee.id,
        slot,
        45,
        MeetingStatus.HELD,
        notes=_t(met["notes"]),
        themes=met["themes"],
        slot_at=slot,
        started_at=slot,
        ended_at=slot + timedelta(minutes=45),
    )
    first.created_at = slot - timedelta(days=2)
    actions = [
        _action(mentee.id, row, first.id, met_on + timedelta(days=row["due_days"]))
        for row in other["actions"]
    ]
    for a in actions:
        a.created_at = slot + timedelta(minutes=40)
    w = met["wellbeing_after"]
    checkin = WellbeingCheckin(
        _local(met_on, 15), w["score"], w["note"], Moment.AFTER, mentee.id, first.id
    )
    checkin.created_at = checkin.at
    journal.save_many([mentee, first, *actions, checkin])


def create_demo_journal(
    folder: Path, now: datetime | None = None, kdf: KdfParams | None = None
) -> Path:
    """Create ``demo-journal.db`` in ``folder``, filled with the sample; return its path."""
    path = Path(folder) / DEMO_FILE
    journal, _recovery_key = Journal.create(path, DEMO_PASSPHRASE, kdf=kdf or DEFAULT_KDF)
    journal.remember_seen = False  # a journal of one run: nothing of it kept on this computer
    try:
        fill_demo(journal, now or datetime.now().astimezone())
    finally:
        journal.close()
    return path


@contextlib.contextmanager
def _removed_on_signals(folder: Path) -> Iterator[None]:
    """SIGTERM or SIGHUP (the terminal closed) end the demo too: the folder goes first, then
    the program stops as it would on that signal (exit status 128 + its number)."""

    def end(signum: int, _frame: object) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        raise SystemExit(128 + signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError):  # only the main thread may set handlers
                previous[number] = signal.signal(number, end)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_demo(kdf: KdfParams | None = None) -> int:
    """Open the sample journal in the TUI from a private temporary folder, removed afterwards
    (also when the program is ended by SIGTERM or SIGHUP)."""
    folder = Path(tempfile.mkdtemp(prefix="mentorjournal-demo-"))
    try:
        with _removed_on_signals(folder):
            return _run_demo_in(folder, kdf)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_demo_in(folder: Path, kdf: KdfParams | None) -> int:
    folder.chmod(0o700)
    path = create_demo_journal(folder, kdf=kdf)
    print(
        f"Demo journal (sample data) at {path}; its passphrase, without the quotes: "
        f"“{DEMO_PASSPHRASE}”",
        flush=True,
    )
    from mentorjournal.tui.app import run_app

    return run_app(path, kdf=kdf, demo_passphrase=DEMO_PASSPHRASE)
