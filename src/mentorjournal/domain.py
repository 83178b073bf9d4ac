"""Plain domain objects: what the person writes, with no storage or UI concerns.

Every object has an ``id`` (a UUID string made in Python) and optional ``created_at`` /
``updated_at`` (set by the journal when stored). Everything else is the person's own words or
choices and is encrypted at rest by the store.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_id() -> str:
    """A fresh random UUID string, used as the primary key of every row."""
    return str(uuid.uuid4())


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Owner(StrEnum):
    ME = "me"
    PARTNER = "partner"
    BOTH = "both"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class Outcome(StrEnum):
    FORWARDS = "forwards"
    BACKWARDS = "backwards"
    SIDEWAYS = "sideways"


class Moment(StrEnum):
    """When a well-being check-in was made, relative to a meeting."""

    BEFORE = "before"
    AFTER = "after"
    OTHER = "other"


GIBBS_STAGES: tuple[str, ...] = (
    "description",
    "feelings",
    "evaluation",
    "analysis",
    "conclusion",
    "action_plan",
)

# Each reflection model's stages in order: (its interchange key, the column its text is kept
# in). The six columns are Gibbs' own; another model keeps each stage in one fixed column
# (docs/interchange.md), so a reader of the first version of the file still finds its words.
# Every model's forward-looking stage (what I will do) is kept in ``action_plan``.
REFLECTION_MODELS: dict[str, tuple[tuple[str, str], ...]] = {
    "gibbs": tuple((stage, stage) for stage in GIBBS_STAGES),
    "driscoll": (("what", "description"), ("so_what", "analysis"), ("now_what", "action_plan")),
    "kolb": (
        ("experience", "description"),
        ("observation", "analysis"),
        ("conceptualisation", "conclusion"),
        ("experimentation", "action_plan"),
    ),
    # The relationship's arc: before the first meeting, and when it has ended.
    "opening": (("hopes", "description"), ("worries", "feelings"), ("bring", "evaluation")),
    "closing": (
        ("looking_back", "description"),
        ("learned", "conclusion"),
        ("changed", "evaluation"),
        ("continues", "action_plan"),
    ),
}
CHOSEN_MODELS: tuple[str, ...] = ("gibbs", "driscoll", "kolb")  # offered for any reflection
ARC_MODELS: tuple[str, ...] = ("opening", "closing")  # offered at the start and at the end


def model_columns(model: str) -> tuple[str, ...]:
    """The columns a model's stages are kept in, in stage order (Gibbs' for an unknown one)."""
    return tuple(
        column for _key, column in REFLECTION_MODELS.get(model, REFLECTION_MODELS["gibbs"])
    )


@dataclass
class Relationship:
    title: str
    my_role: Role = Role.MENTEE
    partner: str = ""
    purpose: str = ""
    ground_rules: str = ""
    styles: str = ""  # notes on each other's learning styles and interaction approaches
    cadence: str | None = None  # RFC 5545 RRULE body (no DTSTART: the fields below say when)
    started_on: date | None = None
    ended_on: date | None = None
    meeting_time: str = "10:00"  # the cadence's time of day, HH:MM on the 24-hour clock
    meeting_minutes: int = 60  # how long a meeting on the cadence is planned to last
    time_zone: str = ""  # IANA zone the cadence's time is kept in ("" = this computer's)
    cadence_from: date | None = None  # the day the current cadence applies from
    # Cadences used before ``cadence_from``: each {"rule", "time", "minutes", "zone", "from",
    # "until"} (dates YYYY-MM-DD, "from" may be ""), oldest first.
    earlier_cadences: list[dict[str, str]] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Meeting:
    relationship_id: str
    starts_at: datetime  # timezone-aware
    duration_minutes: int = 60
    status: MeetingStatus = MeetingStatus.PLANNED
    preparation: str = ""
    notes: str = ""
    themes: list[str] = field(default_factory=list)  # theme keys chosen while preparing
    points: str = ""  # the person's own points to raise
    framing: str = ""  # the problem as defined, and alternative framings
    review_summary: str = ""  # summary of the next-meeting review held in this meeting
    used_prompts: list[str] = field(default_factory=list)
    # The cadence slot this meeting stands for (None: a meeting off the cadence). Rescheduling
    # moves ``starts_at`` only, so the slot is still taken and the series does not move.
    slot_at: datetime | None = None
    started_at: datetime | None = None  # when it really began
    ended_at: datetime | None = None  # when it really ended
    cancel_reason: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Reflection:
    relationship_id: str
    written_at: datetime
    meeting_id: str | None = None
    model: str = "gibbs"
    description: str = ""
    feelings: str = ""
    evaluation: str = ""
    analysis: str = ""
    conclusion: str = ""
    action_plan: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def stage(self, name: str) -> str:
        return str(getattr(self, name))

    def empty_stages(self) -> list[str]:
        """The columns of this reflection's model left empty, in stage order."""
        return [s for s in model_columns(self.model) if not self.stage(s).strip()]


@dataclass
class ActionStep:
    relationship_id: str
    title: str
    meeting_id: str | None = None
    detail: str = ""
    owner: Owner = Owner.ME
    due_on: date | None = None
    resources: str = ""
    obstacles: str = ""  # organisational history, politics, who must agree
    status: ActionStatus = ActionStatus.OPEN
    outcome: Outcome | None = None
    learning: str = ""
    reviewed_at: datetime | None = None
    # How many meetings were held while it was open (worked out by the journal from the
    # meetings and the review records; kept so that files of version 1 still say it).
    carried_forward: int = 0
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def is_overdue(self, today: date) -> bool:
        return self.status is ActionStatus.OPEN and self.due_on is not None and self.due_on < today

    def has_practicality_gap(self) -> bool:
        return self.status is ActionStatus.OPEN and not (
            self.resources.strip() and self.obstacles.strip()
        )


@dataclass
class Review:
    """How an action went, recorded for one meeting: reviewing it again for the same meeting
    edits this record; a review at a later meeting is a new one, so the history stays."""

    relationship_id: str
    action_id: str
    status: ActionStatus
    reviewed_at: datetime
    meeting_id: str | None = None
    outcome: Outcome | None = None
    learning: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class WellbeingCheckin:
    at: datetime
    score: int  # 1 (low) … 5 (good)
    note: str = ""
    moment: Moment = Moment.OTHER
    relationship_id: str | None = None
    meeting_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class SupportContact:
    name: str
    how: str = ""  # phone, e-mail, web address, room …
    note: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class OwnPrompt:
    """A prompt the person wrote, or a theme of their own (``text`` empty, ``theme_title`` set),
    or a built-in prompt they hid (``hides`` = the built-in prompt's key)."""

    theme: str  # theme key (built-in key or the person's own)
    text: str = ""
    theme_title: str = ""
    hidden: bool = False
    hides: str = ""
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    updated_at: datetime | None = None


ENTRY_KINDS: tuple[type, ...] = (
    Relationship,
    Meeting,
    Reflection,
    ActionStep,
    Review,
    WellbeingCheckin,
    SupportContact,
    OwnPrompt,
)
