"""The demo journal's arc of a relationship: a programme followed, a reflection in Driscoll's
model, and an ended relationship with its opening and closing reflections.

Called by ``demo.fill_demo`` once the other relationships are stored; the texts are in
``assets/demo.toml`` (``[programme]``, ``[mentoring.driscoll]``, ``[ended]``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from mentorjournal.domain import (
    REFLECTION_MODELS,
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Owner,
    Reflection,
    Relationship,
    Role,
)
from mentorjournal.exchange import pack_import
from mentorjournal.journal.journal import Journal

Clock = Any  # demo._StoryClock: ``at``, the moment the journal stamps


def _stages(model: str, table: dict[str, Any], unwrap: Callable[[str], str]) -> dict[str, Any]:
    """A model's stages from a table of demo.toml, as the columns they are kept in."""
    return {column: unwrap(table.get(key, "")) for key, column in REFLECTION_MODELS[model]}


def fill_arc(
    journal: Journal,
    clock: Clock,
    now: datetime,
    sample: dict[str, Any],
    local: Callable[[date, int], datetime],
    unwrap: Callable[[str], str],
) -> None:
    latest = clock.at
    rels = {r.title: r for r in journal.relationships()}
    main = rels[sample[sample["programme"]["follows"]]["title"]]
    pack = pack_import.example_pack()
    clock.at = latest - timedelta(days=150)
    pack_import.import_pack(journal, pack)
    journal.attach_programme(main.id, pack_import.find_programme(journal, pack.name))

    mentee = rels[sample["mentoring"]["title"]]
    first = journal.meetings(mentee.id)[0]
    assert first.ended_at is not None
    written = min(first.ended_at + timedelta(hours=3), latest)
    clock.at = written
    journal.set_default_model(mentee.id, "driscoll")
    driscoll = _stages("driscoll", sample["mentoring"]["driscoll"], unwrap)
    journal.save(Reflection(mentee.id, written, first.id, "driscoll", **driscoll))
    _ended(journal, clock, now, sample["ended"], local, unwrap)
    clock.at = latest


def _ended(
    journal: Journal,
    clock: Clock,
    now: datetime,
    story: dict[str, Any],
    local: Callable[[date, int], datetime],
    unwrap: Callable[[str], str],
) -> None:
    """An earlier reverse mentoring, no regular cadence: four meetings, three actions, the
    opening and closing reflections and a Kolb reflection, ended some weeks ago."""
    today = now.astimezone().date()
    started = today - timedelta(days=story["started_days_ago"])
    texts: dict[str, Any] = {k: unwrap(story[k]) for k in ("purpose", "ground_rules", "styles")}
    rel = Relationship(
        story["title"],
        Role.MENTEE,
        story["partner"],
        started_on=started,
        ended_on=today - timedelta(days=story["ended_days_ago"]),
        **texts,
    )
    clock.at = rel.created_at = local(started, 9)
    journal.save(rel)
    opening_at = local(started + timedelta(days=7), 18)
    clock.at = opening_at
    journal.save(
        Reflection(
            rel.id, opening_at, model="opening", **_stages("opening", story["opening"], unwrap)
        )
    )
    held: list[Meeting] = []
    for row in story["held"]:
        slot = local(started + timedelta(days=row["days_after"]), 10)
        m = Meeting(
            rel.id,
            slot,
            60,
            MeetingStatus.HELD,
            notes=unwrap(row["notes"]),
            themes=row["themes"],
            slot_at=slot,
            started_at=slot,
            ended_at=slot + timedelta(hours=1),
        )
        clock.at = m.created_at = slot - timedelta(days=1)
        objs: list[object] = [m]
        if "kolb" in row:
            at = slot + timedelta(hours=6)
            objs.append(
                Reflection(rel.id, at, m.id, "kolb", **_stages("kolb", row["kolb"], unwrap))
            )
        journal.save_many(objs)
        held.append(m)
    for row in story["actions"]:
        agreed = held[row["agreed_at"]]
        assert agreed.ended_at is not None
        action = ActionStep(
            rel.id,
            row["title"],
            agreed.id,
            owner=Owner(row["owner"]),
            due_on=agreed.starts_at.date() + timedelta(days=row["due_days"]),
            resources=row.get("resources", ""),
            obstacles=row.get("obstacles", ""),
        )
        clock.at = action.created_at = agreed.ended_at - timedelta(minutes=5)
        journal.save(action)
        for review in row.get("reviews", []):
            at = held[review["at"]]
            assert at.started_at is not None
            clock.at = when = at.started_at + timedelta(minutes=15)
            journal.review_action(
                action,
                ActionStatus(review["status"]),
                Outcome(review["outcome"]),
                review["learning"],
                now=when,
                meeting_id=at.id,
            )
    assert rel.ended_on is not None
    closing_at = local(rel.ended_on + timedelta(days=2), 17)
    clock.at = closing_at
    journal.save(
        Reflection(
            rel.id, closing_at, model="closing", **_stages("closing", story["closing"], unwrap)
        )
    )
