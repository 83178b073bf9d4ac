"""The Journal's questions about the meeting cycle with fixed clocks, search through the
journal, Unicode round trips through every text field, and the layering rule. Saving, listing,
editing and deleting each kind of entry are in ``test_entries.py``."""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    Outcome,
    Relationship,
)
from mentorjournal.journal import TABLE_OF, Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.journal_helpers import reopen
from tests.unit.unicode_entries import FAST_DIR, TEXT, entries_strategy, text_fields

CET = timezone(timedelta(hours=1))
SRC = Path(__file__).resolve().parents[2] / "src" / "mentorjournal"


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


def test_importing_and_using_the_core_in_a_fresh_interpreter_loads_no_textual(
    tmp_path: Path,
) -> None:
    """Whatever form an import takes (at the top, in a function, through importlib), importing
    every module below the front ends and using a journal loads no part of Textual."""
    modules = [
        "mentorjournal." + ".".join(p.relative_to(SRC).with_suffix("").parts)
        for p in below_front_ends()
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from mentorjournal.journal import Journal\n"
        "from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS\n"
        f"j, _ = Journal.create({str(tmp_path / 'j.db')!r}, 'pass phrase words', "
        "kdf=FAST_KDF_FOR_TESTS)\n"
        "j.search('x'); j.standings(); j.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


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
