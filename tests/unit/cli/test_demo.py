"""The demo journal: a rich sample, built through the Journal API and dated relative to "now"."""

from __future__ import annotations

import os
import sys
import time
import types
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.cli.demo import DEMO_PASSPHRASE, create_demo_journal, run_demo
from mentorjournal.domain import (
    GIBBS_STAGES,
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Reflection,
    Relationship,
    Review,
    Role,
    WellbeingCheckin,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import insight, prompts
from mentorjournal.mentoring.schedule import State
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MAIN = "Reverse mentoring with Amara Okafor"


def _open_demo(folder: Path, now: datetime) -> Journal:
    path = create_demo_journal(folder, now=now, kdf=FAST_KDF_FOR_TESTS)
    assert path == folder / "demo-journal.db"
    return Journal.open(path, DEMO_PASSPHRASE)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Journal]:
    journal = _open_demo(tmp_path, NOW)
    yield journal
    journal.close()


def _rel(journal: Journal, title: str = MAIN) -> Relationship:
    return next(r for r in journal.relationships() if r.title == title)


@pytest.fixture
def london() -> Iterator[None]:
    """The local time zone is Europe/London (with summer time) for the duration of a test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_two_relationships_one_as_mentee_one_as_mentor(demo: Journal) -> None:
    rels = [r for r in demo.relationships() if r.ended_on is None]  # and one ended (test_demo_arc)
    assert len(rels) == 2 and len(demo.relationships()) == 3
    main = _rel(demo)
    assert (main.my_role, main.partner, main.cadence) == (
        Role.MENTEE,
        "Amara Okafor",
        "FREQ=MONTHLY;BYDAY=+2TU",
    )
    assert "personal tutoring" in main.purpose and "confidentiality" in main.ground_rules.lower()
    assert main.styles.strip() and main.started_on == date(2026, 5, 25)
    # The cadence's time, length and zone (this computer's: the tests run in UTC).
    assert (main.meeting_time, main.meeting_minutes, main.time_zone) == ("10:00", 60, "UTC")
    other = next(r for r in rels if r is not main)
    assert other.my_role is Role.MENTOR and other.cadence == "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"
    assert (other.meeting_time, other.meeting_minutes, other.time_zone) == ("14:00", 45, "UTC")
    first = demo.meetings(other.id)[0]
    assert other.cadence_from == first.starts_at.date() and first.slot_at == first.starts_at


def test_six_monthly_held_meetings_and_the_next_one_planned(demo: Journal) -> None:
    main = _rel(demo)
    meetings = demo.meetings(main.id)
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    planned = [m for m in meetings if m.status is MeetingStatus.PLANNED]
    cancelled = [m for m in meetings if m.status is MeetingStatus.CANCELLED]
    assert len(held) == 6 and len(planned) == 1 and len(cancelled) == 1
    assert [m.starts_at.date() for m in held] == [
        date(2026, 6, 9),
        date(2026, 7, 14),
        date(2026, 8, 11),
        date(2026, 9, 8),
        date(2026, 10, 13),
        date(2026, 11, 10),
    ]
    for m in held:
        # Each keeps its slot at 10:00; its real start and end are kept beside it, and its
        # length is the time it really took.
        assert m.starts_at.astimezone().hour == 10 and m.slot_at == m.starts_at
        assert m.started_at is not None and m.ended_at is not None
        assert m.duration_minutes == (m.ended_at - m.started_at) / timedelta(minutes=1)
        assert m.notes.count("\n\n") >= 2 and len(m.notes) > 450  # several real paragraphs
        assert m.framing.strip() and m.points.strip() and m.preparation.strip() and m.themes
    real = [(f"{m.started_at:%H:%M}", f"{m.ended_at:%H:%M}") for m in held]
    assert real == [
        ("10:00", "11:00"),
        ("10:00", "11:00"),
        ("10:07", "11:00"),  # began a little late
        ("10:00", "11:00"),
        ("10:00", "10:45"),  # ended early
        ("10:00", "11:00"),
    ]
    assert [m.duration_minutes for m in held] == [60, 60, 53, 60, 45, 60]
    # An extra meeting off the cadence, cancelled with a reason: counted as cancelled.
    (off,) = cancelled
    assert off.slot_at == off.starts_at and off.starts_at.date() == date(2026, 8, 27)
    assert "moot court" in off.cancel_reason
    timeline = demo.timeline(main.id, now=NOW)
    assert [s.state for s in timeline] == [State.HELD] * 3 + [State.CANCELLED] + [State.HELD] * 3
    assert not held[0].review_summary and all(m.review_summary for m in held[1:])
    nxt = demo.next_meeting(main.id, NOW)
    assert nxt is not None and nxt == planned[0].starts_at
    local = nxt.astimezone()
    assert (local.date(), local.hour, local.minute) == (date(2026, 12, 8), 10, 0)


def test_themes_and_used_prompts_are_real_library_keys(demo: Journal) -> None:
    themes = {t.key: t for t in prompts.builtin_themes()}
    prompt_keys = {p.key for t in themes.values() for p in t.prompts}
    for m in demo.meetings():
        assert set(m.themes) <= set(themes)
        assert set(m.used_prompts) <= prompt_keys


def test_actions_outcomes_carrying_and_practicality_gaps(demo: Journal) -> None:
    main = _rel(demo)
    actions = demo.actions(main.id)
    assert len(actions) >= 10
    assert {a.status for a in actions} == set(ActionStatus)
    assert {a.outcome for a in actions if a.outcome} == set(Outcome)
    assert {a.owner for a in actions} == {"me", "partner", "both"}
    # Carried forward = meetings held while it was open (as the journal works it out).
    carried = {a.title: demo.carried_forward(a, NOW) for a in actions}
    stored = {a.title: a.carried_forward for a in actions if a.reviewed_at}
    assert stored == {t: n for t, n in carried.items() if t in stored}
    assert sum(n > 0 for n in carried.values()) == 4 and max(carried.values()) == 2
    assert carried["Raise tutor reallocation with the Dean of Law"] == 2
    closed = [a for a in actions if a.status is not ActionStatus.OPEN]
    assert all(a.reviewed_at and a.outcome and a.learning for a in closed)
    with_both = [a for a in actions if a.resources.strip() and a.obstacles.strip()]
    assert len(actions) // 2 < len(with_both) < len(actions)  # most, not all
    assert any(a.has_practicality_gap() for a in demo.open_actions(main.id))
    assert all(a.due_on is not None for a in actions)


def test_reviews_are_records_kept_with_the_meetings_they_were_done_in(demo: Journal) -> None:
    main = _rel(demo)
    meetings = sorted(demo.meetings(main.id), key=lambda m: m.starts_at)
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    coming = next(m for m in meetings if m.status is MeetingStatus.PLANNED)
    records = demo.reviews(main.id)
    assert len(records) == 15 and not [r for r in records if r.id.startswith("legacy-")]
    per_meeting = [sum(r.meeting_id == m.id for r in records) for m in [*held, coming]]
    assert per_meeting == [0, 2, 2, 3, 3, 3, 2]
    for r in records:  # each done during its meeting, or while preparing the coming one
        m = next(m for m in meetings if m.id == r.meeting_id)
        if m is coming:
            assert held[-1].ended_at < r.reviewed_at < NOW  # type: ignore[operator]
        else:
            assert m.started_at < r.reviewed_at < m.ended_at  # type: ignore[operator]
    # An action carried forward keeps its history: "still open" twice, at two meetings.
    dean = next(a for a in demo.actions(main.id) if a.title.startswith("Raise tutor"))
    history = demo.reviews(main.id, dean.id)
    assert [(r.meeting_id, r.status, r.outcome) for r in history] == [
        (held[4].id, ActionStatus.OPEN, Outcome.SIDEWAYS),
        (held[5].id, ActionStatus.OPEN, Outcome.BACKWARDS),
    ]
    assert (dean.outcome, dean.learning) == (history[-1].outcome, history[-1].learning)
    # Outcomes per quarter count every record, not each action's latest outcome.
    ins = insight.compute(main, meetings, demo.actions(main.id), records, [], [], NOW)
    assert sum(q.total for q in ins.quarters) == 15
    assert (ins.held, ins.cancelled, ins.missed, ins.planned) == (6, 1, 0, 1)


def test_exactly_two_awaiting_review_and_some_overdue(demo: Journal) -> None:
    main = _rel(demo)
    coming = demo.review_meeting(main.id, NOW, create=False)
    assert coming is not None and coming.status is MeetingStatus.PLANNED
    awaiting = demo.awaiting_review(main.id, coming.id)
    assert [a.title for a in awaiting] == [
        "Raise tutor reallocation with the Dean of Law",
        "Read the Students' Union report on the awarding gap",
    ]
    assert all(a.status is ActionStatus.OPEN for a in awaiting)
    # The agenda also holds the two reviewed while preparing, with what was recorded; every
    # open action is on it.
    agenda = demo.agenda_actions(main.id, coming.id)
    reviewed = {a.title: r for a, r in agenda if r is not None}
    assert set(reviewed) == {
        "Co-write a one-page note for tutors on talking about belonging",
        "Meet the Head of Student Support about tutor referrals",
    }
    assert all(r.meeting_id == coming.id for r in reviewed.values())
    assert {a.id for a in demo.open_actions(main.id)} <= {a.id for a, _ in agenda}
    assert len(agenda) == 4
    overdue = demo.overdue_actions(main.id, now=NOW)
    assert len(overdue) >= 2
    # One overdue action was already reviewed while preparing, so it does not await review.
    assert any(a not in awaiting for a in overdue) and any(a in awaiting for a in overdue)
    standing = next(st for st in demo.standings(NOW) if st.relationship.id == main.id)
    assert (standing.review_count, standing.needs_reflection, standing.missed) == (2, False, [])


def test_a_gibbs_reflection_per_held_meeting_with_a_nudge(demo: Journal) -> None:
    main = _rel(demo)
    held = [m for m in demo.meetings(main.id) if m.status is MeetingStatus.HELD]
    by_meeting = {r.meeting_id: r for r in demo.reflections(main.id)}
    assert set(by_meeting) == {m.id for m in held}
    gaps = [by_meeting[m.id].empty_stages() for m in held]
    assert all(set(g) <= {"feelings", "analysis"} for g in gaps)
    assert 1 <= sum(bool(g) for g in gaps) <= 2
    for r in by_meeting.values():
        filled = [s for s in GIBBS_STAGES if r.stage(s).strip()]
        assert all(len(r.stage(s)) > 60 for s in filled)


def test_wellbeing_before_and_after_each_held_meeting(demo: Journal) -> None:
    main = _rel(demo)
    checkins = demo.wellbeing(main.id)
    for m in demo.meetings(main.id):
        if m.status is MeetingStatus.HELD:
            moments = sorted(w.moment for w in checkins if w.meeting_id == m.id)
            assert moments == [Moment.AFTER, Moment.BEFORE]
    assert len({w.score for w in checkins}) >= 3
    assert all(1 <= w.score <= 5 and w.note for w in checkins)


def test_second_relationship_is_small(demo: Journal) -> None:
    other = next(r for r in demo.relationships() if r.my_role is Role.MENTOR)
    meetings = demo.meetings(other.id)
    assert [m.status for m in meetings] == [MeetingStatus.HELD]
    assert len(demo.actions(other.id)) == 2
    nxt = demo.next_meeting(other.id, NOW)
    assert nxt == meetings[0].starts_at + timedelta(weeks=3) and nxt > NOW


def test_support_contacts_and_own_prompts(demo: Journal) -> None:
    contacts = demo.support_contacts()
    assert [c.name for c in contacts] == ["Race equality network", "Staff counselling service"]
    assert all("example.org" in c.how for c in contacts)
    merged = {t.key: t for t in prompts.merge_themes(demo.own_prompts())}
    own = merged["law-school-culture"]
    assert own.own and own.title == "Law school culture" and len(own.prompts) == 2
    assert sum(p.own for p in merged["belonging"].prompts) == 1


def test_nothing_is_dated_after_now(demo: Journal) -> None:
    stamps = [w.at for w in demo.wellbeing()] + [r.written_at for r in demo.reflections()]
    stamps += [a.reviewed_at for a in demo.actions() if a.reviewed_at]
    stamps += [r.reviewed_at for r in demo.reviews()]
    stamps += [m.starts_at for m in demo.meetings() if m.status is not MeetingStatus.PLANNED]
    stamps += [t for m in demo.meetings() for t in (m.started_at, m.ended_at) if t]
    for kind in (Relationship, Meeting, Reflection, ActionStep, Review, WellbeingCheckin):
        stamps += [e.created_at for e in demo.all(kind)] + [e.updated_at for e in demo.all(kind)]
    assert stamps and max(stamps) < NOW


@pytest.mark.parametrize(
    ("now", "next_day"),
    [
        (datetime(2027, 3, 1, 8, 0, tzinfo=UTC), date(2027, 3, 9)),  # early in the month
        (datetime(2026, 4, 14, 8, 0, tzinfo=UTC), date(2026, 4, 14)),  # the morning of one
        (datetime(2026, 7, 14, 9, 30, tzinfo=UTC), date(2026, 7, 14)),  # 10:30 BST: due
        # Its time has passed but it is not held yet: today's meeting until the day ends …
        (datetime(2026, 12, 8, 10, 30, tzinfo=UTC), date(2026, 12, 8)),
        (datetime(2027, 1, 12, 12, 0, tzinfo=UTC), date(2027, 1, 12)),
        (datetime(2026, 12, 8, 23, 59, tzinfo=UTC), date(2026, 12, 8)),
        # … and the day after, that meeting was held and the next is a month on.
        (datetime(2026, 12, 9, 0, 1, tzinfo=UTC), date(2027, 1, 12)),
    ],
)
def test_any_now_gives_a_consistent_journal(
    tmp_path: Path, london: None, now: datetime, next_day: date
) -> None:
    journal = _open_demo(tmp_path, now)
    try:
        main = _rel(journal)
        nxt = journal.next_meeting(main.id, now)
        assert nxt is not None
        local = nxt.astimezone()
        assert (local.date(), local.hour) == (next_day, 10)  # 10:00 London, BST or GMT
        assert main.time_zone == "Europe/London"
        held = [m for m in journal.meetings(main.id) if m.status is MeetingStatus.HELD]
        assert len(held) == 6 and all(m.starts_at.astimezone().hour == 10 for m in held)
        coming = journal.review_meeting(main.id, now, create=False)
        assert coming is not None and coming.starts_at == nxt
        assert len(journal.awaiting_review(main.id, coming.id)) == 2
        assert journal.overdue_actions(main.id, now=now)
        assert max(w.at for w in journal.wellbeing()) < now
        assert max(r.reviewed_at for r in journal.reviews()) < now
        found = journal.standings(now)
        standings = {st.relationship.id: st for st in found if st.relationship.ended_on is None}
        assert len(standings) == 2  # and the ended one (tests/unit/cli/test_demo_arc.py)
        for st in standings.values():  # nothing missed or under way
            assert st.missed == [] and st.upcoming is not None
            assert st.upcoming.state is not State.UNDER_WAY
        # Every meeting has its reflection (Hannah's first one in Driscoll's model).
        assert not any(st.needs_reflection for st in found)
        due = now.astimezone().date() == next_day and now >= nxt
        assert (standings[main.id].next_step == "meet") is due
    finally:
        journal.close()


def test_run_demo_opens_the_app_and_removes_the_folder(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, object] = {}

    def fake_run_app(path: Path, *, kdf: object = None, demo_passphrase: str | None = None) -> int:
        seen.update(path=path, exists=path.exists(), kdf=kdf, passphrase=demo_passphrase)
        seen["mode"] = path.parent.stat().st_mode & 0o777
        Journal.open(path, demo_passphrase or "").close()
        return 7

    fake = types.ModuleType("mentorjournal.tui.app")
    fake.run_app = fake_run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mentorjournal.tui.app", fake)
    assert run_demo(kdf=FAST_KDF_FOR_TESTS) == 7
    path = seen["path"]
    assert isinstance(path, Path) and seen["exists"] and seen["mode"] == 0o700
    assert seen["kdf"] == FAST_KDF_FOR_TESTS and seen["passphrase"] == DEMO_PASSPHRASE
    assert not path.parent.exists()
    out = capsys.readouterr().out
    assert str(path) in out and DEMO_PASSPHRASE in out
