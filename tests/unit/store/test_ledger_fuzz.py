"""The ledger of rows against random sequences of the app's own writes — adding, editing and
deleting every kind of entry, settings, cascades — and then one random tampering: a row deleted,
a row re-linked, a row put back to an older copy of itself, or the whole file put back to an
older copy. Untampered, the journal always opens and reads; tampered, a row change is always
refused with a sentence and an older whole file always told (issue 14, point 6)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Reflection,
    Relationship,
    Review,
    WellbeingCheckin,
)
from mentorjournal.errors import JournalAltered
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.store import ledger_support as tamper

PASS = "pass phrase words"
AT = datetime(2026, 2, 10, 10, 0, tzinfo=UTC)
KINDS = [Relationship, Meeting, Reflection, ActionStep, Review, WellbeingCheckin]
OPS = ["relationship", "meeting", "reflection", "action", "review", "checkin", "edit", "delete"]
OPS += ["setting", "relationship", "edit", "meeting", "action"]  # (more likely)
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
STEP = st.tuples(st.sampled_from(OPS), st.integers(0, 10_000), TEXT)
TAMPERINGS = ["re-link a row", "an older copy of a row", "delete a row", "older file", "none"]


def pick(items: list[Any], n: int) -> Any:
    return items[n % len(items)] if items else None


def apply(j: Journal, op: str, n: int, text: str) -> None:
    rels, meetings, actions = j.relationships(), j.meetings(), j.actions()
    rel = pick(rels, n)
    if op == "relationship":
        j.save(Relationship(title=f"r{n} {text}"))
    elif op == "setting":
        j.set_setting(f"key{n % 3}", text)
    elif rel is None:
        return
    elif op == "meeting":
        j.save(Meeting(relationship_id=rel.id, starts_at=AT, notes=text))
    elif op == "reflection":
        m = pick([x for x in meetings if x.relationship_id == rel.id] + [None], n)
        j.save(Reflection(relationship_id=rel.id, meeting_id=m and m.id, written_at=AT))
    elif op == "action":
        m = pick([x for x in meetings if x.relationship_id == rel.id] + [None], n)
        j.save(ActionStep(relationship_id=rel.id, meeting_id=m and m.id, title=f"a{n}"))
    elif op == "review" and actions:
        a = pick(actions, n)
        m = pick([x for x in meetings if x.relationship_id == a.relationship_id] + [None], n)
        j.save(
            Review(
                relationship_id=a.relationship_id,
                action_id=a.id,
                meeting_id=m and m.id,
                status=ActionStatus.DONE,
                reviewed_at=AT,
                learning=text,
            )
        )
    elif op == "checkin":
        j.save(WellbeingCheckin(at=AT, score=1 + n % 5, relationship_id=rel.id, note=text))
    elif op in ("edit", "delete"):
        entry = pick([e for kind in KINDS for e in j.all(kind)], n)
        if op == "delete":
            j.delete(entry)
        elif isinstance(entry, Relationship):
            entry.purpose = text
            j.save(entry)
        elif isinstance(entry, ActionStep):
            entry.title = f"edited {n}"
            j.save(entry)
        elif hasattr(entry, "note"):
            entry.note = text
            j.save(entry)


def raw_rows(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {
            (t, r["id"]): dict(r)
            for t in [*TABLE_OF.values(), "setting"]
            for r in conn.execute(f"SELECT * FROM {t}")
        }
    finally:
        conn.close()


@dataclass
class History:
    """Copies of the file and of every row, taken after each step."""

    files: list[Path] = field(default_factory=list)
    rows: list[dict[tuple[str, str], dict[str, Any]]] = field(default_factory=list)


def tamper_with(path: Path, how: str, n: int, history: History) -> bool:
    """Apply one tampering; False when this journal offers nothing to tamper with so."""
    now = raw_rows(path)
    keys = sorted(now)
    if how == "delete a row" and keys:
        table, row_id = pick(keys, n)
        tamper.delete_row(path, table, row_id)
        return True
    if how == "re-link a row":  # to another relationship, meeting or action, or to none
        links = [
            (key, column)
            for key in keys
            for column in ("relationship_id", "meeting_id", "action_id")
            if column in now[key]
        ]
        if not links:
            return False
        (table, row_id), column = pick(links, n)
        parent = {"relationship_id": "relationship", "meeting_id": "meeting"}.get(column, "action")
        others: list[str | None] = [k[1] for k in keys if k[0] == parent]
        if column == "meeting_id":  # the one link that may be empty
            others.append(None)
        others = [o for o in others if o != now[(table, row_id)][column]]
        if not others:
            return False
        tamper.relink(path, table, row_id, column, pick(others, n))
        return True
    if how == "an older copy of a row":
        for older in history.rows:
            for key, values in sorted(older.items()):
                if key in now and now[key]["row_version"] != values["row_version"]:
                    tamper.put_row(path, key[0], values)
                    return True
        return False
    return False


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@example(drawn=[], how="re-link a row", n=0)  # each kind at least once, whatever is drawn
@example(drawn=[("delete", 2, "")], how="re-link a row", n=3)
@example(drawn=[], how="an older copy of a row", n=0)
@example(drawn=[("relationship", 5, "x")], how="delete a row", n=1)
@example(drawn=[("setting", 1, "y")], how="older file", n=0)
@example(drawn=[], how="none", n=0)
@given(
    drawn=st.lists(STEP, max_size=12),
    how=st.sampled_from(TAMPERINGS),
    n=st.integers(0, 10_000),
)
def test_the_ledger_holds_through_writes_and_catches_every_tampering(
    drawn: list[tuple[str, int, str]], how: str, n: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "j.db"
        j, _recovery = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
        history = History()
        # A start that offers something of each kind to tamper with, then the random writes,
        # then an edit (so that an older copy of a row exists, unless it was deleted).
        steps = [("relationship", 0, ""), ("relationship", 1, ""), ("meeting", 0, "")]
        steps += [("action", 0, ""), ("reflection", 0, ""), *drawn, ("edit", 0, "last edit")]
        try:
            for i, (op, k, text) in enumerate(steps):
                apply(j, op, k, text)
                copy = Path(folder) / f"copy-{i}.db"
                shutil.copyfile(path, copy)
                history.files.append(copy)
                history.rows.append(raw_rows(path))
        finally:
            j.close()

        if how == "older file":
            shutil.copyfile(history.files[0], path)
            opened = Journal.open(path, PASS)
            try:
                changed_after = raw_rows(path) != history.rows[-1]
                event("older file, written since" if changed_after else "older file, the same")
                assert bool(opened.warnings) == changed_after
            finally:
                opened.close()
            return
        applied = how != "none" and tamper_with(path, how, n, history)
        event(how if applied else f"untampered ({how})")
        if not applied:
            opened = Journal.open(path, PASS)
            try:
                assert opened.warnings == [] and opened.altered is None
                for kind in KINDS:
                    opened.all(kind)
                opened.settings()
            finally:
                opened.close()
            return
        before = path.read_bytes()
        try:
            Journal.open(path, PASS).close()
        except JournalAltered as err:
            assert str(err).endswith("“mentorjournal export” can still save what is intact.")
        else:
            raise AssertionError(f"{how} was not noticed")
        assert path.read_bytes() == before
