"""Import is as strict as the app's own forms: canonical ids only, sane counts, repeat rules the
relationship form accepts, no NUL in text, and every choice (enum) field refuses a bad value
instead of quietly turning it into null or the default. Nothing is written when it refuses."""

from __future__ import annotations

import dataclasses
import enum
import json
import typing
import uuid
from typing import Any

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Owner,
    Relationship,
    Review,
    Role,
    WellbeingCheckin,
)
from mentorjournal.errors import BadImport
from mentorjournal.exchange import interchange
from mentorjournal.journal.codec import field_types
from mentorjournal.journal.journal import Journal
from tests.unit.interchange_samples import fresh_doc

ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
BAD_IDS = {
    "urn": f"urn:uuid:{ID}",
    "braces": "{" + ID + "}",
    "capitals": ID.upper(),
    "no dashes": ID.replace("-", ""),
    "plus sign": "+" + ID[1:],
    "spaces": f" {ID}",
}


def refused(journal: Journal, doc: dict[str, Any], *expected: str) -> str:
    before = journal.path.read_bytes()
    with pytest.raises(BadImport) as err:
        interchange.import_text(journal, json.dumps(doc))
    message = str(err.value)
    assert message.startswith("Nothing was imported: ") and "\n" not in message
    for part in expected:
        assert part in message
    assert journal.path.read_bytes() == before
    return message


def with_section(doc: dict[str, Any], section: str, **values: Any) -> dict[str, Any]:
    doc[section][0].update(values)
    return doc


@pytest.mark.parametrize("how", list(BAD_IDS))
def test_non_canonical_ids_are_refused(journal: Journal, how: str) -> None:
    assert uuid.UUID(BAD_IDS[how].strip())  # Python's own parser takes every one of them
    refused(journal, with_section(fresh_doc(), "support_contacts", id=BAD_IDS[how]), "UUID")
    doc = fresh_doc()
    doc["relationships"][0]["id"] = BAD_IDS[how]
    refused(journal, doc, "relationships[0]")


def test_a_non_canonical_link_is_refused(journal: Journal) -> None:
    doc = fresh_doc()
    rel = doc["relationships"][0]["id"]
    refused(journal, with_section(doc, "meetings", relationship_id=f"urn:uuid:{rel}"), "UUID")


@pytest.mark.parametrize("value", [-5, -1, 10_001, 10**300])
def test_an_absurd_carried_forward_is_refused(journal: Journal, value: int) -> None:
    refused(journal, with_section(fresh_doc(), "actions", carried_forward=value), "carried_forward")


def test_carried_forward_within_range_is_kept(journal: Journal) -> None:
    doc = with_section(fresh_doc(), "actions", carried_forward=10_000)
    interchange.import_text(journal, json.dumps(doc))
    assert journal.all(ActionStep)[0].carried_forward == 10_000


@pytest.mark.parametrize(
    "rule",
    ["FREQ=SECONDLY", "FREQ=MINUTELY;INTERVAL=5", "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=3", "nonsense"],
)
def test_a_repeat_rule_the_form_refuses_is_refused(journal: Journal, rule: str) -> None:
    refused(journal, with_section(fresh_doc(), "relationships", cadence=rule), "cadence")


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;BYDAY=+2TU", "FREQ=WEEKLY;UNTIL=20200101"])
def test_a_repeat_rule_the_form_accepts_is_kept(journal: Journal, rule: str) -> None:
    interchange.import_text(
        journal, json.dumps(with_section(fresh_doc(), "relationships", cadence=rule))
    )
    assert journal.relationships()[0].cadence == rule


@pytest.mark.parametrize(
    ("section", "field", "value"),
    [
        ("relationships", "title", "a\x00b"),
        ("meetings", "notes", "before\x00after"),
        ("meetings", "themes", ["belonging", "x\x00"]),
        ("reflections", "feelings", "\x00"),
        ("support_contacts", "name", "A\x00"),
    ],
)
def test_nul_in_text_is_refused(journal: Journal, section: str, field: str, value: Any) -> None:
    refused(journal, with_section(fresh_doc(), section, **{field: value}), field, "NUL")


def test_an_unknown_reflection_model_is_refused(journal: Journal) -> None:
    refused(journal, with_section(fresh_doc(), "reflections", model="freud"), "model", "gibbs")


# --- every choice field: a bad value is refused, every good value kept exactly ----------------

SECTION_OF = {cls: section for section, cls in interchange.SECTIONS.items()}


def choice_fields() -> list[tuple[type, str, type[enum.Enum], bool]]:
    """(kind, field, enum, optional) for every enum-typed field of every kind imported."""
    out = []
    for cls in interchange.SECTIONS.values():
        for f in dataclasses.fields(cls):
            tp = field_types(cls)[f.name]
            args = typing.get_args(tp)
            base = next((a for a in args if a is not type(None)), tp) if args else tp
            if isinstance(base, type) and issubclass(base, enum.Enum):
                out.append((cls, f.name, base, type(None) in args))
    return out


CHOICES = choice_fields()
CHOICE_IDS = [f"{cls.__name__}.{name}" for cls, name, _e, _o in CHOICES]


def test_every_choice_field_is_covered() -> None:
    assert {(cls, name) for cls, name, _e, _o in CHOICES} == {
        (Relationship, "my_role"),
        (Meeting, "status"),
        (ActionStep, "owner"),
        (ActionStep, "status"),
        (ActionStep, "outcome"),
        (Review, "status"),
        (Review, "outcome"),
        (WellbeingCheckin, "moment"),
    }
    assert {e for _c, _n, e, _o in CHOICES} == {
        Role,
        MeetingStatus,
        Owner,
        ActionStatus,
        Outcome,
        Moment,
    }


@pytest.mark.parametrize(("cls", "name", "choice", "optional"), CHOICES, ids=CHOICE_IDS)
@pytest.mark.parametrize("bad", ["bogus", "", " held", "HELD", "Mentor", 1, True, ["me"]])
def test_a_bad_choice_is_refused_not_defaulted(
    journal: Journal, cls: type, name: str, choice: type[enum.Enum], optional: bool, bad: Any
) -> None:
    section = SECTION_OF[cls]
    refused(journal, with_section(fresh_doc(), section, **{name: bad}), f"{section}[0]", name)


@pytest.mark.parametrize(("cls", "name", "choice", "optional"), CHOICES, ids=CHOICE_IDS)
def test_null_is_refused_where_a_choice_is_needed(
    journal: Journal, cls: type, name: str, choice: type[enum.Enum], optional: bool
) -> None:
    section = SECTION_OF[cls]
    doc = with_section(fresh_doc(), section, **{name: None})
    if optional:
        interchange.import_text(journal, json.dumps(doc))
        assert getattr(journal.all(cls)[0], name) is None
    else:
        refused(journal, doc, f"{section}[0]", name)


@pytest.mark.parametrize(("cls", "name", "choice", "optional"), CHOICES, ids=CHOICE_IDS)
def test_every_good_choice_is_kept_exactly(
    journal: Journal, cls: type, name: str, choice: type[enum.Enum], optional: bool
) -> None:
    section = SECTION_OF[cls]
    for member in choice:
        doc = with_section(fresh_doc(), section, **{name: member.value})
        interchange.import_text(journal, json.dumps(doc))
        got = [o for o in journal.all(cls) if o.id == doc[section][0]["id"]]
        assert getattr(got[0], name) is member
