"""Search that narrows (issue 15, point 5): words and "phrases" that must all match, and filters
for relationship, kind, dates and status, compared with a brute-force scan of the JSON export,
in memory and from the file, through the journal and through ``mentorjournal search``."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Reflection,
    Relationship,
    Review,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.exchange import interchange
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.search import (
    KIND_FILTERS,
    KIND_NAMES,
    NO_FILTERS,
    STATUS_KINDS,
    TEXT_FIELDS,
    SearchFilters,
    parse_query,
)
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

PASS = "pass phrase words"
WORDS = ["panel", "pipeline", "Data", "mentor", "café", "STRASSE", "board", "race", "hr"]
ZONES = [timezone(timedelta(hours=h)) for h in (-8, -5, 0, 1, 9, 13)]
SECTION_KIND = {
    "relationships": "relationship",
    "meetings": "meeting",
    "reflections": "reflection",
    "actions": "action",
    "reviews": "review",
    "wellbeing": "well-being",
    "support_contacts": "support",
    "own_prompts": "prompt",
}
KIND_CLASS = {KIND_NAMES[cls]: cls for cls in KIND_NAMES}
OWN_DATE = {"relationship": "started_on", "meeting": "starts_at", "reflection": "written_at"}
OWN_DATE |= {"action": "due_on", "review": "reviewed_at", "well-being": "at"}


def words(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))


def moment(rng: random.Random) -> datetime:
    """Late evenings and small hours too, in zones either side of this computer's (UTC)."""
    day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 500))
    return datetime(day.year, day.month, day.day, rng.choice([0, 1, 9, 15, 22, 23]), 30).replace(
        tzinfo=rng.choice(ZONES)
    )


def fill(journal: Journal, seed: int = 15) -> None:
    rng = random.Random(seed)
    rels = [Relationship(f"Rel {n} {words(rng)}", purpose=words(rng)) for n in range(3)]
    rels[0].started_on = date(2025, 3, 1)
    entries: list[Any] = list(rels)
    for _ in range(40):
        rel = rng.choice(rels).id
        entries.append(
            Meeting(rel, moment(rng), status=rng.choice(list(MeetingStatus)), notes=words(rng))
        )
        entries.append(Reflection(rel, moment(rng), description=words(rng), feelings=words(rng)))
    for _ in range(30):
        due = date(2025, 1, 1) + timedelta(days=rng.randint(0, 500)) if rng.random() < 0.7 else None
        status = rng.choice(list(ActionStatus))
        action = ActionStep(rng.choice(rels).id, f"Act {words(rng)}", due_on=due, status=status)
        entries.append(action)
        if rng.random() < 0.5:
            entries.append(
                Review(action.relationship_id, action.id, status, moment(rng), learning=words(rng))
            )
    for _ in range(10):
        rel_id = rng.choice([None, *[r.id for r in rels]])
        entries.append(WellbeingCheckin(moment(rng), 3, words(rng), relationship_id=rel_id))
    entries.append(SupportContact("Line", note="panel pipeline"))
    journal.save_many(entries)


@pytest.fixture(scope="module")
def journal_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "j.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    fill(journal)
    journal.close()
    return path


@pytest.fixture(scope="module")
def exported(journal_file: Path) -> dict[str, Any]:
    journal = Journal.open(journal_file, PASS)
    try:
        return json.loads(interchange.export_json(journal))
    finally:
        journal.close()


@pytest.fixture(scope="module")
def warm(journal_file: Path):
    journal = Journal.open(journal_file, PASS)
    for cls in TEXT_FIELDS:
        journal.all(cls)  # everything in memory
    yield journal
    journal.close()


def day_of(value: str | None) -> date | None:
    """An entry's own day, read from the export: the date as written (in its own zone)."""
    if not value:
        return None
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value).date()


def brute_force(doc: dict[str, Any], query: str, filters: SearchFilters) -> set[tuple[str, str]]:
    """(kind, id) of every entry of the export that the query and filters keep, found the
    slowest and plainest way."""
    terms = parse_query(query)
    kinds = {KIND_NAMES[KIND_FILTERS[k]] for k in filters.kinds}
    found = set()
    for section, kind in SECTION_KIND.items():
        for entry in doc[section]:
            texts = [str(entry.get(f) or "").casefold() for f in TEXT_FIELDS[KIND_CLASS[kind]]]
            if not terms and not filters.narrows:
                continue
            if not all(any(t in text for text in texts) for t in terms):
                continue
            if kinds and kind not in kinds:
                continue
            rel = entry["id"] if kind == "relationship" else entry.get("relationship_id")
            if filters.relationship_id and rel != filters.relationship_id:
                continue
            if filters.status and (
                KIND_CLASS[kind] not in STATUS_KINDS[filters.status]
                or entry.get("status") != filters.status
            ):
                continue
            if filters.since or filters.until:
                day = day_of(entry.get(OWN_DATE.get(kind, ""), None))
                if day is None or (filters.since and day < filters.since):
                    continue
                if filters.until and day > filters.until:
                    continue
            found.add((kind, entry["id"]))
    return found


DAYS = st.none() | st.dates(date(2024, 12, 1), date(2026, 6, 30))
QUERIES = st.lists(
    st.sampled_from([*WORDS, '"panel pipeline"', '"data mentor"', "CAFÉ", "strasse", "act"]),
    max_size=3,
).map(" ".join)


@st.composite
def filter_sets(draw: st.DrawFn, rel_ids: list[str]) -> SearchFilters:
    since, until = draw(DAYS), draw(DAYS)
    if since and until and since > until:
        since, until = until, since
    return SearchFilters(
        relationship_id=draw(st.none() | st.sampled_from(rel_ids)),
        kinds=frozenset(draw(st.lists(st.sampled_from(sorted(KIND_FILTERS)), max_size=2))),
        since=since,
        until=until,
        status=draw(st.none() | st.sampled_from(sorted(STATUS_KINDS))),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_filtered_searches_find_what_a_scan_of_the_export_finds(
    warm: Journal, journal_file: Path, exported: dict[str, Any], data: st.DataObject
) -> None:
    rel_ids = [r["id"] for r in exported["relationships"]]
    query = data.draw(QUERIES)
    filters = data.draw(filter_sets(rel_ids))
    want = brute_force(exported, query, filters)
    assert {(h.kind, h.entry_id) for h in warm.search(query, filters)} == want


def test_from_the_file_too(journal_file: Path, exported: dict[str, Any]) -> None:
    """Nothing in memory: values read from the file, the quick look at stored bytes on."""
    rel = exported["relationships"][1]["id"]
    cases = [
        ("panel", NO_FILTERS),
        ('"panel pipeline" data', NO_FILTERS),
        ("", SearchFilters(kinds=frozenset({"meeting"}), status="held")),
        ("race", SearchFilters(relationship_id=rel, since=date(2025, 6, 1))),
        ("café board", SearchFilters(kinds=frozenset({"check-in", "reflection"}))),
        ("", SearchFilters(until=date(2025, 3, 1))),
    ]
    for query, filters in cases:
        cold = Journal.open(journal_file, PASS)
        try:
            got = {(h.kind, h.entry_id) for h in cold.search(query, filters)}
        finally:
            cold.close()
        assert got == brute_force(exported, query, filters), (query, filters)
        assert got or query == "café board"


def test_the_query_and_where_a_hit_is_shown(warm: Journal) -> None:
    assert parse_query('  Panel "HR  data"   panel "unclosed  phrase') == [
        "panel",
        "hr data",
        "unclosed phrase",
    ]
    assert parse_query('"" " "') == []
    [hit, *_] = [h for h in warm.search('"panel pipeline"') if h.kind == "support"]
    assert hit.snippet[hit.start : hit.start + hit.length] == "panel pipeline"
    [hit] = warm.search("pipeline line", SearchFilters(kinds=frozenset({"support"})))
    assert hit.snippet[hit.start : hit.start + hit.length] == "pipeline"  # the first word


def test_filters_alone_list_everything_they_keep(warm: Journal, exported) -> None:
    held = [m for m in exported["meetings"] if m["status"] == "held"]
    hits = warm.search("", SearchFilters(status="held"))
    assert sorted(h.entry_id for h in hits) == sorted(m["id"] for m in held)
    assert warm.search("") == [] and warm.search('""') == []


def test_a_date_range_keeps_an_entry_by_its_own_day(warm: Journal, exported) -> None:
    """A meeting at 23:30 on 1 March at UTC-5 is on 1 March, though it is 2 March in UTC."""
    late = [
        m
        for m in exported["meetings"]
        if datetime.fromisoformat(m["starts_at"]).date()
        != datetime.fromisoformat(m["starts_at"]).astimezone(UTC).date()
    ]
    assert late  # the data has such meetings
    for m in late:
        day = day_of(m["starts_at"])
        hits = warm.search("", SearchFilters(kinds=frozenset({"meeting"}), since=day, until=day))
        assert m["id"] in {h.entry_id for h in hits}
        assert {h.when for h in hits} == {day}


def test_check_in_is_the_well_being_kind(warm: Journal) -> None:
    a = warm.search("", SearchFilters(kinds=frozenset({"check-in"})))
    b = warm.search("", SearchFilters(kinds=frozenset({"well-being"})))
    assert a == b and {h.kind for h in a} == {"well-being"} and len(a) == 10


def test_the_command_line_lists_what_the_scan_finds(
    journal_file: Path, exported, capsys, monkeypatch
) -> None:
    from tests.unit.cli_runner import start_cli

    run = start_cli(capsys, monkeypatch, journal_file.parent)
    rel = exported["relationships"][0]
    argv = ["--relationship", rel["title"], "--kind", "meeting", "--kind", "reflection"]
    argv += ["--from", "2025-02-01", "--to", "2025-12-31"]
    code, out, err = run("search", "panel", "board", *argv)
    assert code == 0
    filters = SearchFilters(
        rel["id"], frozenset({"meeting", "reflection"}), date(2025, 2, 1), date(2025, 12, 31)
    )
    want = brute_force(exported, "panel board", filters)
    by_id = {e["id"]: (s, e) for s in SECTION_KIND for e in exported[s]}
    expected = Counter((str(day_of(by_id[i][1][OWN_DATE[k]])), k, rel["title"]) for k, i in want)
    assert Counter(tuple(line.split("\t")[:3]) for line in out.splitlines()) == expected
    assert want and err == ""
    code, out, err = run("search", "zzz", "--status", "held")
    assert (code, out) == (0, "")
    assert err == "No entry contains “zzz” among those the options keep.\n"


def test_the_command_lines_names_are_the_searchs() -> None:
    from mentorjournal.cli.entry import SEARCH_KINDS, SEARCH_STATUSES

    assert set(SEARCH_KINDS) == set(KIND_FILTERS) and set(SEARCH_STATUSES) == set(STATUS_KINDS)
