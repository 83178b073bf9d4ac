"""What the lived-year test checks after every step, against the journal as stored on disk, and
the keys it presses to get around the app as a person would.

The test keeps its own ledger of what it did (meetings held, cancelled and skipped, reviews
recorded, outcomes per quarter); the stored journal and what insight shows must agree with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.pilot import Pilot
from textual.widgets import ListView

from mentorjournal.domain import ActionStatus, MeetingStatus, Outcome
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import agenda, insight, schedule
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from tests.tui.clock_support import Clock
from tests.tui.conftest import PASSPHRASE
from tests.tui.snapshot_support import settle_all


@dataclass
class Ledger:
    """What the test did to one relationship."""

    held: int = 0
    cancelled: int = 0
    missed: int = 0
    reviews: dict[tuple[str, str], tuple[ActionStatus, Outcome | None, str]] = field(
        default_factory=dict
    )  # (action id, meeting id) → what was recorded last
    outcomes: Counter[tuple[str, Outcome]] = field(default_factory=Counter)  # (quarter, outcome)

    def record(
        self, action_id: str, meeting_id: str, how: tuple[ActionStatus, Outcome, str], at: datetime
    ) -> None:
        """A review recorded at ``at``; recorded again for the same meeting, it replaces the
        earlier record (and its outcome in the quarter's count)."""
        before = self.reviews.get((action_id, meeting_id))
        if before is not None and before[1] is not None:
            self.outcomes[(quarter(at), before[1])] -= 1
        self.reviews[(action_id, meeting_id)] = how
        self.outcomes[(quarter(at), how[1])] += 1
        self.outcomes += Counter()  # drop counts that went to zero


def stored(journal_path: Path, clock: Clock) -> Journal:
    journal = Journal.open(journal_path, PASSPHRASE)
    journal.clock = clock
    return journal


def check_invariants(journal_path: Path, clock: Clock, ledgers: dict[str, Ledger]) -> None:
    """Every rule of the cycle, on the journal as stored now."""
    journal = stored(journal_path, clock)
    try:
        now = clock()
        for rel in journal.relationships():
            ledger = ledgers[rel.id]
            zone = ZoneInfo(rel.time_zone)
            meetings = journal.meetings(rel.id)
            actions = journal.actions(rel.id)
            reviews = [r for r in journal.reviews(rel.id) if not r.id.startswith("legacy-")]
            # No open action is missing from the agenda of the meeting a review now belongs to.
            target = journal.review_meeting(rel.id, now, create=False)
            target_id = target.id if target else None
            listed = {a.id for a in agenda.on_agenda(actions, reviews, target_id)}
            for a in actions:
                if a.status is ActionStatus.OPEN and a.meeting_id != target_id:
                    assert a.id in listed, f"open action {a.title!r} missing from the agenda"
            # Every stored meeting still to be held sits on its cadence at its time in its zone
            # (unless it was moved: then its slot does).
            for m in meetings:
                if m.status is MeetingStatus.PLANNED and m.started_at is None:
                    assert m.slot_at is not None
                    day = m.slot_at.astimezone(zone).date()
                    lo = datetime.combine(day, time.min, tzinfo=zone)
                    hi = datetime.combine(day, time.max, tzinfo=zone)
                    dates = [d for d, _ in schedule.cadence_dates(rel, meetings, lo, hi, day)]
                    assert m.slot_at in dates, f"{m.slot_at} is not on the cadence"
            assert len({m.slot_at for m in meetings}) == len(meetings), "two meetings, one slot"
            # Carried forward = meetings held while the action was open.
            for a in actions:
                held_while_open = 0
                closing = [r for r in reviews if r.action_id == a.id and r.status is a.status]
                closed_at = None
                if a.status is not ActionStatus.OPEN and closing:
                    last = max(closing, key=lambda r: r.reviewed_at)
                    by_id = {m.id: m for m in meetings}
                    closed_at = schedule.real_start(by_id[last.meeting_id or ""])
                for m in meetings:
                    if m.status is not MeetingStatus.HELD or m.id == a.meeting_id:
                        continue
                    start = m.started_at or m.starts_at
                    assert a.created_at is not None
                    if start > a.created_at and (closed_at is None or start < closed_at):
                        held_while_open += 1
                assert journal.carried_forward(a) == held_while_open, a.title
            # Every review ever recorded is kept, with what was recorded last for that meeting.
            kept = {(r.action_id, r.meeting_id or ""): r for r in reviews}
            assert set(kept) == set(ledger.reviews), "a review record was lost or doubled"
            for key, (status, outcome, learning) in ledger.reviews.items():
                record = kept[key]
                assert (record.status, record.outcome, record.learning) == (
                    status,
                    outcome,
                    learning,
                )
            # Insight's counts equal what happened.
            seen = insight.compute(
                rel, meetings, actions, reviews, journal.wellbeing(rel.id), [], now
            )
            assert (seen.held, seen.cancelled, seen.missed) == (
                ledger.held,
                ledger.cancelled,
                ledger.missed,
            ), rel.title
            counted: Counter[tuple[str, Outcome]] = Counter()
            for q in seen.quarters:
                for outcome in Outcome:
                    if n := getattr(q, outcome.value):
                        counted[(q.label, outcome)] = n
            assert counted == ledger.outcomes
    finally:
        journal.close()


async def go_home(pilot: Pilot[object]) -> HomeScreen:
    """Escape until home, as a person would."""
    for _ in range(8):
        if isinstance(pilot.app.screen, HomeScreen):
            break
        await pilot.press("escape")
        await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    screen.refresh_standings()
    await settle_all(pilot)
    return screen


async def open_page(pilot: Pilot[object], index: int) -> RelationshipScreen:
    """Home, the ``index``-th relationship (in title order) by arrow keys, then enter."""
    home = await go_home(pilot)
    cards = home.query_one("#relationships", ListView)
    assert home.focused is cards
    await pilot.press(*["up"] * len(cards.children), *["down"] * index, "enter")
    await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, RelationshipScreen)
    titles = sorted(r.title for r in pilot.app.need_journal().relationships())  # type: ignore[attr-defined]
    assert screen.page is not None and screen.page.relationship.title == titles[index]
    return screen


def quarter(moment: datetime) -> str:
    return f"{moment.year} Q{(moment.month - 1) // 3 + 1}"
