"""The Journal front door: every kind saved, edited, listed and deleted; the meeting cycle's
questions with fixed clocks; Unicode round trips; and the layering rule."""

from __future__ import annotations

import ast
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Outcome,
    Reflection,
    Relationship,
    Role,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import InvalidEntry, NotFound
from mentorjournal.journal import TABLE_OF, Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.unicode_entries import FAST_DIR, TEXT, entries_strategy, text_fields

CET = timezone(timedelta(hours=1))
SRC = Path(__file__).resolve().parents[2] / "src" / "mentorjournal"


def reopen(journal: Journal, passphrase: str) -> Journal:
    journal.close()
    return Journal.open(journal.path, passphrase)


# --- every kind: save, list, edit, delete ---------------------------------------------------


def test_every_kind_reads_back_equal_after_reopening(journal: Journal, sample, passphrase) -> None:
    again = reopen(journal, passphrase)
    try:
        for obj in sample.entries():
            got = again.get(type(obj), obj.id)
            assert got == obj
            assert got is not obj
        assert again.settings() == {"lock_minutes": 10, "theme": "ansi-dark", "welcome_seen": True}
    finally:
        again.close()


def test_listings_are_filtered_and_sorted(journal: Journal, sample) -> None:
    s = sample
    assert [r.title for r in journal.relationships()] == [
        "Board mentoring",
        "Reverse mentoring with Amara",
    ]
    assert [m.id for m in journal.meetings(s.rel.id)] == [s.cancelled.id, s.held.id, s.planned.id]
    assert journal.meetings(s.other_rel.id) == []
    assert [r.id for r in journal.reflections()] == [s.reflection.id]
    assert [a.id for a in journal.actions(s.rel.id)] == [
        s.open_action.id,
        s.done_action.id,
        s.dropped_action.id,
    ]
    assert [a.id for a in journal.actions()] == [
        s.open_action.id,
        s.other_action.id,
        s.done_action.id,
        s.dropped_action.id,
    ]
    assert [w.id for w in journal.wellbeing(s.rel.id)] == [s.checkin.id]
    assert journal.wellbeing(s.other_rel.id) == []
    assert [c.name for c in journal.support_contacts()] == ["Employee assistance"]
    # Saved in one transaction, so created at the same moment: the id breaks the tie.
    assert [p.id for p in journal.own_prompts()] == sorted([s.prompt.id, s.theme.id])
    links = [(rel, meeting) for rel, meeting, _newest in journal.reflection_link_groups()]
    assert links == [(s.rel.id, s.held.id)]


def test_edit_keeps_created_at_and_moves_updated_at(
    journal: Journal, sample, passphrase: str
) -> None:
    rel = sample.rel
    created, updated = rel.created_at, rel.updated_at
    assert created is not None and created == updated
    rel.title = "Reverse mentoring (year two)"
    rel.my_role = Role.MENTOR
    rel.ended_on = date(2026, 12, 31)
    journal.save(rel)
    again = reopen(journal, passphrase)
    try:
        got = again.get(Relationship, rel.id)
        assert (got.title, got.my_role, got.ended_on) == (
            "Reverse mentoring (year two)",
            Role.MENTOR,
            date(2026, 12, 31),
        )
        assert got.created_at == created
        assert got.updated_at is not None and got.updated_at >= updated
        assert len(again.relationships()) == 2
    finally:
        again.close()


@pytest.mark.parametrize(
    "field_name",
    ["other_rel", "held", "reflection", "open_action", "checkin", "contact", "prompt"],
)
def test_delete_each_kind(journal: Journal, sample, passphrase: str, field_name: str) -> None:
    obj = getattr(sample, field_name)
    kind = type(obj)
    before = len(journal.all(kind))
    journal.delete(obj)
    with pytest.raises(NotFound) as err:
        journal.get(kind, obj.id)
    assert str(err.value) == "That entry no longer exists."
    with pytest.raises(NotFound):
        journal.delete(obj)
    again = reopen(journal, passphrase)
    try:
        assert len(again.all(kind)) == before - 1
        assert obj.id not in {o.id for o in again.all(kind)}
    finally:
        again.close()


def test_deleting_a_relationship_cascades_to_its_entries_only(
    journal: Journal, sample, passphrase: str, row_counts
) -> None:
    journal.delete(sample.rel)
    assert row_counts(journal.path) == {
        "relationship": 1,
        "meeting": 0,
        "reflection": 0,
        "action": 1,
        "wellbeing": 0,
        "support_contact": 1,
        "own_prompt": 2,
        "setting": 3,
    }
    again = reopen(journal, passphrase)
    try:
        assert [a.id for a in again.actions()] == [sample.other_action.id]
        assert again.meetings() == [] and again.reflections() == [] and again.wellbeing() == []
    finally:
        again.close()


def test_deleting_a_meeting_unlinks_but_keeps_reflections_and_actions(
    journal: Journal, sample, passphrase: str
) -> None:
    journal.delete(sample.held)
    again = reopen(journal, passphrase)
    try:
        assert again.get(Reflection, sample.reflection.id).meeting_id is None
        assert again.get(ActionStep, sample.open_action.id).meeting_id is None
        assert again.get(WellbeingCheckin, sample.checkin.id).meeting_id is None
        assert again.get(Reflection, sample.reflection.id).feelings == (
            "Uncomfortable, then grateful."
        )
    finally:
        again.close()


INVALID = {
    "blank relationship title": lambda rid: Relationship(title="  \n"),
    "blank action title": lambda rid: ActionStep(relationship_id=rid, title=""),
    "blank contact name": lambda rid: SupportContact(name=" "),
    "score 0": lambda rid: WellbeingCheckin(at=datetime(2026, 1, 1, tzinfo=UTC), score=0),
    "score 6": lambda rid: WellbeingCheckin(at=datetime(2026, 1, 1, tzinfo=UTC), score=6),
    "zero-minute meeting": lambda rid: Meeting(
        relationship_id=rid, starts_at=datetime(2026, 1, 1, tzinfo=UTC), duration_minutes=0
    ),
    "naive datetime": lambda rid: Meeting(relationship_id=rid, starts_at=datetime(2026, 1, 1)),
    "role not an enum": lambda rid: Relationship(title="x", my_role="boss"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_entries_are_refused_with_a_sentence(
    journal: Journal, sample, case: str, row_counts
) -> None:
    before = row_counts(journal.path)
    with pytest.raises(InvalidEntry) as err:
        journal.save(INVALID[case](sample.rel.id))
    message = str(err.value)
    assert len(message) > 15 and message.endswith(".") and "\n" not in message
    assert row_counts(journal.path) == before


def test_settings_round_trip_and_overwrite(journal: Journal, passphrase: str) -> None:
    assert journal.setting("lock_minutes", 5) == 5
    journal.set_setting("lock_minutes", 15)
    journal.set_setting("lock_minutes", 20)
    journal.set_setting("nested", {"a": [1, "b", None]})
    again = reopen(journal, passphrase)
    try:
        assert again.settings() == {"lock_minutes": 20, "nested": {"a": [1, "b", None]}}
        assert again.setting("missing") is None
    finally:
        again.close()


# --- the meeting cycle with fixed clocks -----------------------------------------------------


def test_next_meeting_is_the_planned_one_then_the_cadence(journal: Journal, sample) -> None:
    rel_id = sample.rel.id
    now = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
    assert journal.next_meeting(rel_id, now) == datetime(2026, 3, 10, 10, 0, tzinfo=CET)
    after_planned = datetime(2026, 3, 10, 11, 30, tzinfo=CET)
    assert journal.next_meeting(rel_id, after_planned) == datetime(2026, 4, 14, 10, 0, tzinfo=CET)
    assert journal.next_meeting(sample.other_rel.id, now) is None
    sample.rel.ended_on = date(2026, 2, 1)
    journal.save(sample.rel)
    assert journal.next_meeting(rel_id, now) is None
    assert journal.last_held_meeting(rel_id).id == sample.held.id  # type: ignore[union-attr]


def test_open_and_overdue_actions(journal: Journal, sample) -> None:
    s = sample
    assert [a.id for a in journal.open_actions()] == [s.open_action.id, s.other_action.id]
    assert [a.id for a in journal.open_actions(s.rel.id)] == [s.open_action.id]
    on_due_day = datetime(2026, 2, 28, 12, 0, tzinfo=UTC)
    day_after = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert journal.overdue_actions(now=on_due_day) == []
    assert [a.id for a in journal.overdue_actions(now=day_after)] == [s.open_action.id]
    assert journal.overdue_actions(s.other_rel.id, now=day_after) == []
    s.open_action.status = ActionStatus.DONE
    journal.save(s.open_action)
    assert journal.overdue_actions(now=day_after) == []


def test_awaiting_review_and_review_action(journal: Journal, sample, passphrase: str) -> None:
    s = sample
    assert [a.id for a in journal.awaiting_review(s.rel.id)] == [
        s.open_action.id,
        s.dropped_action.id,
    ]
    during_next = datetime(2026, 3, 10, 10, 20, tzinfo=CET)
    kept = journal.review_action(s.open_action, ActionStatus.OPEN, None, "HR is slow", during_next)
    assert kept.carried_forward == 1
    assert kept.reviewed_at == during_next
    journal.review_action(
        s.dropped_action, ActionStatus.DROPPED, Outcome.SIDEWAYS, "Not now", during_next
    )
    assert journal.awaiting_review(s.rel.id) == []
    done = journal.review_action(
        s.other_action, ActionStatus.DONE, Outcome.FORWARDS, "Went well", during_next
    )
    assert done.carried_forward == 0
    again = reopen(journal, passphrase)
    try:
        got = again.get(ActionStep, s.open_action.id)
        assert (got.status, got.outcome, got.learning, got.carried_forward) == (
            ActionStatus.OPEN,
            None,
            "HR is slow",
            1,
        )
        kept_twice = again.review_action(got, ActionStatus.OPEN, Outcome.BACKWARDS, "Still", None)
        assert kept_twice.carried_forward == 2
        assert again.get(ActionStep, s.other_action.id).carried_forward == 0
    finally:
        again.close()


def test_search_is_reachable_from_the_journal(journal: Journal, sample) -> None:
    hits = journal.search("PANEL DATA")
    assert {(h.kind, h.entry_id) for h in hits} == {
        ("meeting", sample.planned.id),
        ("reflection", sample.reflection.id),
        ("action", sample.open_action.id),
    }


# --- arbitrary Unicode through every text field of every kind --------------------------------


def test_text_fields_cover_what_the_person_writes() -> None:
    assert set(text_fields(Meeting)) == {
        "preparation",
        "notes",
        "themes",
        "points",
        "framing",
        "review_summary",
        "used_prompts",
    }
    assert set(text_fields(Relationship)) == {
        "title",
        "partner",
        "purpose",
        "ground_rules",
        "styles",
        "cadence",
    }
    assert sum(len(text_fields(cls)) for cls in TABLE_OF) == 33


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries_strategy(), setting_value=TEXT)
def test_any_unicode_survives_save_close_reopen(entries: list[object], setting_value: str) -> None:
    with tempfile.TemporaryDirectory(dir=FAST_DIR) as folder:
        path = Path(folder) / "h.db"
        j, _ = Journal.create(path, "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
        j.save_many(entries)
        j.set_setting("note", setting_value)
        j.close()
        again = Journal.open(path, "pass phrase words")
        try:
            for obj in entries:
                assert again.get(type(obj), obj.id) == obj  # type: ignore[attr-defined]
            assert again.setting("note") == setting_value
        finally:
            again.close()


# --- layering ------------------------------------------------------------------------------------

FRONT_ENDS = {"cli.py", "demo.py", "__main__.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.add("." * node.level + (node.module or ""))
            else:
                found.add(node.module or "")
    return found


def below_front_ends() -> list[Path]:
    named = [
        SRC / f"{m}.py"
        for m in (
            "journal",
            "domain",
            "codec",
            "agenda",
            "search",
            "interchange",
            "markdown_export",
        )
    ]
    others = [p for p in SRC.glob("*.py") if p.name not in FRONT_ENDS and p not in named]
    return named + others + sorted((SRC / "store").glob("*.py"))


def test_the_import_collector_sees_every_form_of_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import textual\nfrom textual.app import App\nimport os.path as p\nfrom . import x\n"
        "def f():\n    from textual import on\n",
        encoding="utf-8",
    )
    assert imported_modules(probe) == {"textual", "textual.app", "os.path", "."}


def test_core_modules_never_import_textual() -> None:
    files = below_front_ends()
    assert len(files) >= 14
    for path in files:
        assert path.exists(), path
        bad = {m for m in imported_modules(path) if m == "textual" or m.startswith("textual.")}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_store_never_imports_anything_above_it() -> None:
    for path in sorted((SRC / "store").glob("*.py")):
        for module in imported_modules(path):
            if module.startswith("mentorjournal"):
                assert module.startswith("mentorjournal.store") or module == (
                    "mentorjournal.errors"
                ), f"store/{path.name} imports {module}"
            assert not module.startswith("..")


def test_an_edit_is_seen_elsewhere_only_once_saved(journal: Journal, sample) -> None:
    """Each ``get`` hands out a copy: a form that is given up leaves nothing behind, and an
    object keeps being the caller's after it is saved."""
    draft = journal.get(Meeting, sample.held.id)
    draft.notes = "typed, then the form was closed without saving"
    draft.themes.append("unsaved-theme")
    again = journal.get(Meeting, sample.held.id)
    assert again.notes == sample.held.notes
    assert "unsaved-theme" not in again.themes
    assert "unsaved-theme" not in journal.meetings(sample.rel.id)[0].themes

    again.notes = "saved words"
    journal.save(again)
    again.notes = "typed after saving"
    assert journal.get(Meeting, sample.held.id).notes == "saved words"
    assert {m.id: m.notes for m in journal.meetings()}[sample.held.id] == "saved words"
