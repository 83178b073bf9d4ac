"""The close of a relationship: a summary built from all of it — meetings held, actions by
outcome, what was learned at the reviews, what changed and for whom, what continues — read
beside the opening reflection ("then and now"), as the source documents' tip 3 asks for
("closing reflective conversations") and tip 7 carries out of the pair (the wider impact).

Pure: over domain objects, no storage and no UI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Outcome,
    Owner,
    Reflection,
    Review,
)
from mentorjournal.mentoring import schedule
from mentorjournal.mentoring.dates import format_day

OWNER_ORDER = (Owner.PARTNER, Owner.BOTH, Owner.ME)


@dataclass(frozen=True)
class Learned:
    action: str  # the action's title
    learning: str
    day: date


@dataclass
class ClosingSummary:
    held: int = 0
    first: date | None = None
    last: date | None = None
    themes: list[tuple[str, int]] = field(default_factory=list)  # title, meetings it came up in
    done: int = 0
    dropped: int = 0
    still_open: int = 0
    outcomes: dict[Outcome, int] = field(default_factory=dict)  # of the actions closed
    learned: list[Learned] = field(default_factory=list)
    done_by: dict[Owner, list[str]] = field(default_factory=dict)  # who did what (titles)
    continues: list[str] = field(default_factory=list)  # open actions' titles
    opening: Reflection | None = None
    closing: Reflection | None = None


def latest_of(reflections: list[Reflection], model: str) -> Reflection | None:
    """The newest reflection of ``model`` (an opening or a closing one)."""
    found = [r for r in reflections if r.model == model]
    return max(found, key=lambda r: r.written_at, default=None)


def build_summary(
    meetings: list[Meeting],
    actions: list[ActionStep],
    reviews: list[Review],
    reflections: list[Reflection],
    titles: Mapping[str, str],
    now: datetime,
    zone: tzinfo,
) -> ClosingSummary:
    """The whole relationship in numbers and words (each list in the order things happened)."""
    held = sorted(
        (m for m in meetings if schedule.state_of(m, now, zone) is schedule.State.HELD),
        key=schedule.real_start,
    )
    summary = ClosingSummary(held=len(held))
    if held:
        summary.first = schedule.real_start(held[0]).astimezone(zone).date()
        summary.last = schedule.real_start(held[-1]).astimezone(zone).date()
    counted = Counter(key for m in held for key in dict.fromkeys(m.themes))
    order = list(dict.fromkeys(key for m in held for key in m.themes))
    summary.themes = [(titles.get(key, key), counted[key]) for key in order]
    by_id = {a.id: a for a in actions}
    for a in actions:
        if a.status is ActionStatus.DONE:
            summary.done += 1
            summary.done_by.setdefault(a.owner, []).append(a.title)
        elif a.status is ActionStatus.DROPPED:
            summary.dropped += 1
        else:
            summary.still_open += 1
            summary.continues.append(a.title)
        if a.status is not ActionStatus.OPEN and a.outcome is not None:
            summary.outcomes[a.outcome] = summary.outcomes.get(a.outcome, 0) + 1
    for r in sorted(reviews, key=lambda r: r.reviewed_at):
        action = by_id.get(r.action_id)
        if action is not None and r.learning.strip():
            day = r.reviewed_at.astimezone(zone).date()
            summary.learned.append(Learned(action.title, r.learning.strip(), day))
    summary.opening = latest_of(reflections, "opening")
    summary.closing = latest_of(reflections, "closing")
    return summary


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def meetings_line(summary: ClosingSummary) -> str:
    if not summary.held or summary.first is None or summary.last is None:
        return "No meetings were held."
    span = f"from {format_day(summary.first)} to {format_day(summary.last)}"
    return f"{plural(summary.held, 'meeting')} held, {span}."


def themes_line(summary: ClosingSummary) -> str:
    if not summary.themes:
        return ""
    return "Themes: " + "; ".join(f"{title} ({n}×)" for title, n in summary.themes) + "."


def outcomes_line(summary: ClosingSummary) -> str:
    """ "5 actions done, 1 dropped, 2 still open; of those closed, 4 went forwards …"."""
    total = summary.done + summary.dropped + summary.still_open
    if not total:
        return "No actions were agreed."
    line = (
        f"{plural(total, 'action')}: {summary.done} done, {summary.dropped} dropped, "
        f"{summary.still_open} still open"
    )
    went = [f"{summary.outcomes[o]} {o.value}" for o in Outcome if summary.outcomes.get(o)]
    if went:
        line += "; of those closed, " + ", ".join(went)
    return line + "."


def who_words(owner: Owner, partner: str) -> str:
    name = " ".join(partner.split()) or "my partner"
    return {Owner.ME: "me", Owner.PARTNER: name, Owner.BOTH: f"{name} and me"}[owner]


def done_by_lines(summary: ClosingSummary, partner: str) -> list[str]:
    """For whom things were done: one line per owner, with how many actions."""
    return [
        f"Done by {who_words(owner, partner)}: {plural(len(summary.done_by[owner]), 'action')}."
        for owner in OWNER_ORDER
        if summary.done_by.get(owner)
    ]
