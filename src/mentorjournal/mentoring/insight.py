"""Where a relationship has been: meetings held against its cadence (the gaps shown), outcomes of
actions per quarter, actions carried forward again and again, well-being before and after
meetings, and the themes covered so far against those never touched.

Pure logic over domain objects; no storage, no UI. ``compute`` gathers it all into an
:class:`Insight`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from statistics import fmean

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    OwnPrompt,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.mentoring import agenda, prompts, schedule


class SlotState(StrEnum):
    HELD = "held"
    MISSED = "missed"
    PLANNED = "planned"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Slot:
    """One meeting on the timeline: held, missed (a date passed with the meeting neither held
    nor cancelled), cancelled, or planned."""

    when: datetime
    state: SlotState


@dataclass
class MonthCell:
    """One calendar month of the timeline."""

    year: int
    month: int
    held: int = 0
    missed: int = 0
    planned: int = 0
    cancelled: int = 0

    @property
    def state(self) -> str:
        """``held``, ``partly`` (held and missed), ``missed``, ``planned`` or ``none``."""
        if self.held and self.missed:
            return "partly"
        if self.missed:
            return "missed"
        if self.held:
            return "held"
        if self.planned:
            return "planned"
        return "cancelled" if self.cancelled else "none"

    @property
    def label(self) -> str:
        return f"{date(self.year, self.month, 1):%b %Y}"


@dataclass(frozen=True)
class QuarterOutcomes:
    label: str  # "2026 Q3"
    forwards: int = 0
    backwards: int = 0
    sideways: int = 0

    @property
    def total(self) -> int:
        return self.forwards + self.backwards + self.sideways


@dataclass(frozen=True)
class WellbeingPoint:
    """The well-being scores given before and after one meeting (either may be missing), and
    the day (in the relationship's zone) they stand under: the meeting's, or for a check-in given
    far from its meeting (on 3 Dec, before a meeting on 12 Jan) its own day, in a point of its
    own."""

    meeting_id: str
    day: date
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Insight:
    slots: list[Slot] = field(default_factory=list)
    months: list[MonthCell] = field(default_factory=list)
    quarters: list[QuarterOutcomes] = field(default_factory=list)
    carried: list[ActionStep] = field(default_factory=list)
    wellbeing: list[WellbeingPoint] = field(default_factory=list)
    covered: list[tuple[str, str]] = field(default_factory=list)  # (theme key, title)
    untouched: list[tuple[str, str]] = field(default_factory=list)

    def count(self, state: SlotState) -> int:
        return sum(1 for s in self.slots if s.state is state)

    @property
    def held(self) -> int:
        return self.count(SlotState.HELD)

    @property
    def missed(self) -> int:
        return self.count(SlotState.MISSED)

    @property
    def planned(self) -> int:
        return self.count(SlotState.PLANNED)

    @property
    def cancelled(self) -> int:
        return self.count(SlotState.CANCELLED)

    @property
    def missed_dates(self) -> list[datetime]:
        return [s.when for s in self.slots if s.state is SlotState.MISSED]

    def average(self, which: str) -> float | None:
        """Mean of ``before``, ``after`` or ``change`` over the meetings that have it."""
        values = [v for p in self.wellbeing if (v := getattr(p, which)) is not None]
        return fmean(values) if values else None


# --- meetings against the cadence -----------------------------------------------------------


_STATES = {
    schedule.State.HELD: SlotState.HELD,
    schedule.State.MISSED: SlotState.MISSED,
    schedule.State.CANCELLED: SlotState.CANCELLED,
}


def meeting_slots(rel: Relationship, meetings: list[Meeting], now: datetime) -> list[Slot]:
    """Every meeting from the cadence's beginning on: held, missed (an earlier day, neither held
    nor cancelled), cancelled, and those to come (today's and the stored ones, or the next on
    the cadence), in time order. Days are counted in the relationship's zone."""
    zone = schedule.rel_zone(rel)
    hi = datetime.combine(now.astimezone(zone).date(), time.max, tzinfo=zone)
    later = [m.starts_at for m in meetings if m.starts_at > hi]
    timeline = schedule.timeline(rel, meetings, now, None, max([hi, *later]))
    slots = [Slot(s.when, _STATES.get(s.state, SlotState.PLANNED)) for s in timeline]
    nxt = schedule.upcoming(rel, meetings, now)
    if nxt is not None and all(s.when != nxt.when for s in slots):
        slots.append(Slot(nxt.when, SlotState.PLANNED))
    return sorted(slots, key=lambda s: s.when)


def month_cells(
    slots: list[Slot], started_on: date | None, now: datetime, zone: tzinfo
) -> list[MonthCell]:
    """One cell per month from the start (or first meeting) to now or the last planned meeting."""
    days = [s.when.astimezone(zone).date() for s in slots]
    today = now.astimezone(zone).date()
    first = min([*days, *([started_on] if started_on else []), today])
    last = max([*days, today])
    first = max(first, date(last.year - 9, 1, 1))  # ten calendar years at most
    cells: dict[tuple[int, int], MonthCell] = {}
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        cells[(year, month)] = MonthCell(year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for slot, day in zip(slots, days, strict=True):
        cell = cells.get((day.year, day.month))
        if cell is not None:
            setattr(cell, slot.state.value, getattr(cell, slot.state.value) + 1)
    return list(cells.values())


# --- actions --------------------------------------------------------------------------------


def quarter_label(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def outcomes_per_quarter(reviews: Iterable[Review], zone: tzinfo) -> list[QuarterOutcomes]:
    """Outcomes recorded at reviews, counted in the quarter of each review (an action reviewed
    three times counts three times: each is a record of how it went then); quarters with none
    between the first and the last are kept, so gaps show."""
    counts: dict[tuple[int, int], dict[Outcome, int]] = {}
    for r in reviews:
        if r.outcome is None:
            continue
        day = r.reviewed_at.astimezone(zone).date()
        key = (day.year, (day.month - 1) // 3 + 1)
        tally = counts.setdefault(key, {})
        tally[r.outcome] = tally.get(r.outcome, 0) + 1
    if not counts:
        return []
    (year, q), last = min(counts), max(counts)
    out: list[QuarterOutcomes] = []
    while (year, q) <= last:
        tally = counts.get((year, q), {})
        out.append(
            QuarterOutcomes(
                f"{year} Q{q}",
                tally.get(Outcome.FORWARDS, 0),
                tally.get(Outcome.BACKWARDS, 0),
                tally.get(Outcome.SIDEWAYS, 0),
            )
        )
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def carried_forward(actions: Iterable[ActionStep]) -> list[ActionStep]:
    """Actions moved on at least once, most often moved first (open ones before closed)."""
    moved = [a for a in actions if a.carried_forward >= 1]
    return sorted(
        moved,
        key=lambda a: (-a.carried_forward, a.status is not ActionStatus.OPEN, a.title.casefold()),
    )


# --- well-being and themes ------------------------------------------------------------------


NEAR = timedelta(days=2)  # a check-in this close to its meeting is of it (as one is placed)


def _near(checkin: WellbeingCheckin, meeting: Meeting) -> bool:
    if checkin.moment is Moment.BEFORE:
        anchor = meeting.starts_at
    else:
        anchor = meeting.ended_at or meeting.started_at or meeting.starts_at
    return abs(checkin.at - anchor) <= NEAR


def wellbeing_points(
    meetings: list[Meeting], checkins: Iterable[WellbeingCheckin], zone: tzinfo
) -> list[WellbeingPoint]:
    """Per meeting, the latest score given before it and the latest given after it, on the
    meeting's day; a score given far from its meeting is plotted on the day it was given, in the
    relationship's zone (so a check-in on 3 Dec stands under December, whatever meeting it was
    for), without a change. In the order of the days."""
    by_id = {m.id: m for m in meetings}
    latest: dict[tuple[str, Moment], WellbeingCheckin] = {}
    for c in checkins:
        if c.meeting_id not in by_id or c.moment is Moment.OTHER:
            continue
        key = (c.meeting_id, c.moment)
        if key not in latest or c.at >= latest[key].at:
            latest[key] = c
    placed: list[tuple[datetime, WellbeingPoint]] = []
    for mid in sorted({mid for mid, _ in latest}):
        meeting = by_id[mid]
        scores: dict[Moment, int] = {}
        for moment in (Moment.BEFORE, Moment.AFTER):
            given = latest.get((mid, moment))
            if given is None:
                continue
            if _near(given, meeting):
                scores[moment] = given.score
                continue
            alone = {moment: given.score}
            day = given.at.astimezone(zone).date()
            point = WellbeingPoint(mid, day, alone.get(Moment.BEFORE), alone.get(Moment.AFTER))
            placed.append((given.at, point))
        if scores:
            day = meeting.starts_at.astimezone(zone).date()
            point = WellbeingPoint(mid, day, scores.get(Moment.BEFORE), scores.get(Moment.AFTER))
            placed.append((meeting.starts_at, point))
    return [point for _, point in sorted(placed, key=lambda pair: (pair[0], pair[1].meeting_id))]


def theme_coverage(
    meetings: Iterable[Meeting], own: Iterable[OwnPrompt]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(covered, untouched)``: themes of held meetings (chosen, or a prompt of theirs used)
    and the library's themes never touched, each as ``(key, title)`` in library order."""
    library = prompts.merge_themes(own)
    titles = {t.key: t.title for t in prompts.builtin_themes()}
    prompt_theme = {p.key: t.key for t in prompts.builtin_themes() for p in t.prompts}
    for t in library:
        titles[t.key] = t.title
        prompt_theme.update({p.key: t.key for p in t.prompts})
    covered: set[str] = set()
    for m in meetings:
        if m.status is MeetingStatus.HELD:
            covered.update(m.themes)
            covered.update(prompt_theme[k] for k in m.used_prompts if k in prompt_theme)
    order = [t.key for t in library]
    ranked = sorted(covered, key=lambda k: (order.index(k) if k in order else len(order), k))
    return (
        [(k, titles.get(k, k)) for k in ranked],
        [(t.key, t.title) for t in library if t.key not in covered],
    )


def compute(
    rel: Relationship,
    meetings: list[Meeting],
    actions: list[ActionStep],
    reviews: list[Review],
    checkins: list[WellbeingCheckin],
    own_prompts: list[OwnPrompt],
    now: datetime,
) -> Insight:
    """Everything the insight screen shows for one relationship, in its own time zone."""
    zone = schedule.rel_zone(rel)
    slots = meeting_slots(rel, meetings, now)
    covered, untouched = theme_coverage(meetings, own_prompts)
    counts = agenda.carried_counts(actions, meetings, reviews, now, zone)
    moved = [replace(a, carried_forward=counts[a.id]) for a in actions]
    return Insight(
        slots=slots,
        months=month_cells(slots, rel.started_on, now, zone),
        quarters=outcomes_per_quarter(reviews, zone),
        carried=carried_forward(moved),
        wellbeing=wellbeing_points(meetings, checkins, zone),
        covered=covered,
        untouched=untouched,
    )
