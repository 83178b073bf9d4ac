"""Every schema version has a fixture journal in ``tests/fixtures/journals``; today's code opens a
copy of each, upgrades it (after copying it aside as ``<name>.v<N>.bak``) and reads back every
entry exactly. The schema of each version is pinned by a hash, so changing the schema without a
new migration step, a fixture and a hash fails here, saying what to do.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from mentorjournal.domain import ActionStep, Meeting, Relationship, Review
from mentorjournal.journal.journal import TABLE_OF, Journal
from mentorjournal.store import db as db_module
from mentorjournal.store import migrations
from mentorjournal.store.db import Database
from tests.fixtures import make_fixtures
from tests.fixtures.make_fixtures import PASSPHRASE, SETTINGS, entries, fixture_path

VERSIONS = list(range(1, migrations.LATEST + 1))

# sha256 of ``schema_text`` of a new file migrated to each version. Released versions never
# change; a new version adds its line here (the failure message prints the value to record).
SCHEMA_SHA256 = {
    1: "759409734a6aaeda1c089a1da4f3cd9b9e34c71d3cf6cd0d4a3c5a1c8084975e",
    2: "10d88e522c4216bb07df9ca01c48f3dd2e5b7fd3d64c9c2611bd05ac69cf0c23",
    3: "23f55d039b0bb03f1f9aa9dff5bacf2909806eb1693991ef3d81a5815d34a4ed",
    4: "3743d7730607ceb5684f6d641d8a207cc4a0e3f133f4b182fa7b1ab497be7f66",
    5: "aaf2f9efdd0bb2777cef5ca2262bde5353bc0ee79fe600995cdab9f50b092670",
    6: "5ae853f09f668cd73320dc3dc3ed61c212a06b8af5f66bd58464f063e80f846c",
}
WHAT_TO_DO = (
    "Never edit a released migration step. To change the schema: add a new step to "
    "store/migrations.py STEPS (and tables.py), run `PYTHONPATH=src:. python "
    "tests/fixtures/make_fixtures.py` to add its fixture journal, and record the new version's "
    "schema hash in SCHEMA_SHA256 in tests/unit/store/test_migration_fixtures.py."
)


def read_only(path: Path) -> sqlite3.Connection:
    """Never creates or changes the file (a missing fixture stays missing)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def schema_text(path: Path) -> str:
    conn = read_only(path)
    try:
        rows = conn.execute(
            "SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()
    return "\n".join("|".join(r) for r in rows)


def fresh_schema(tmp_path: Path, version: int) -> str:
    path = tmp_path / f"fresh-v{version}.db"
    db_module._prepare_new_file(path)
    db = Database(path, Database._engine(path))
    try:
        with db.write() as conn:
            migrations.migrate(conn, upto=version)
    finally:
        db.dispose()
    return schema_text(path)


def columns(path: Path, table: str) -> set[str]:
    conn = read_only(path)
    try:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


def versions_in(path: Path) -> list[int]:
    conn = read_only(path)
    try:
        return [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1")]
    finally:
        conn.close()


def expected_entries(version: int, stored_columns: dict[str, set[str]]) -> list[object]:
    """``entries(version)`` as a journal of that version holds them: a field its table did not
    have yet reads back as the field's default; a kind whose table it did not have is absent."""
    out = []
    for obj in entries(version):
        present = stored_columns[TABLE_OF[type(obj)]]
        if not present:
            continue
        changes = {}
        for f in dataclasses.fields(obj):
            if f.name not in present:
                default = f.default_factory() if callable(f.default_factory) else f.default
                changes[f.name] = default
        out.append(dataclasses.replace(obj, **changes))
    return out


# --- the fixtures and the hashes are complete -----------------------------------------------


def test_every_schema_version_has_a_fixture_and_no_more() -> None:
    missing = [v for v in VERSIONS if not fixture_path(v).exists()]
    assert not missing, (
        f"No fixture journal for schema version(s) {missing}: run `PYTHONPATH=src:. python "
        "tests/fixtures/make_fixtures.py` and commit tests/fixtures/journals/."
    )
    extra = sorted(
        p.name for p in make_fixtures.FOLDER.glob("v*.db") if p not in map(fixture_path, VERSIONS)
    )
    assert not extra, f"fixtures for versions this code does not have: {extra}"


@pytest.mark.parametrize("version", VERSIONS)
def test_the_schema_of_each_version_is_pinned(tmp_path: Path, version: int) -> None:
    digest = hashlib.sha256(fresh_schema(tmp_path, version).encode()).hexdigest()
    assert SCHEMA_SHA256.get(version) == digest, (
        f"The schema of version {version} is not the recorded one ({version}: {digest!r}). "
        f"{WHAT_TO_DO}"
    )
    assert sorted(SCHEMA_SHA256) == VERSIONS, (
        f"SCHEMA_SHA256 must list versions {VERSIONS}. {WHAT_TO_DO}"
    )


def test_the_newest_schema_is_what_a_new_journal_gets(tmp_path: Path) -> None:
    """A change to the schema that skips the migration steps (or tables.py alone) fails here or
    in test_store's model check."""
    path = tmp_path / "new.db"
    Journal.create(path, "pass phrase words", kdf=make_fixtures.FAST_KDF_FOR_TESTS)[0].close()
    digest = hashlib.sha256(schema_text(path).encode()).hexdigest()
    assert digest == SCHEMA_SHA256[migrations.LATEST], (
        f"A new journal's schema (hash {digest}) is not that of version {migrations.LATEST}. "
        f"{WHAT_TO_DO}"
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_each_fixture_is_a_journal_of_its_version(tmp_path: Path, version: int) -> None:
    path = fixture_path(version)
    assert schema_text(path) == fresh_schema(tmp_path, version)
    assert versions_in(path) == list(range(1, version + 1))
    assert Journal.info(path)["schema_version"] == version
    data = path.read_bytes()
    for obj in entries():
        for value in (getattr(obj, "title", None), getattr(obj, "notes", None)):
            if value:
                assert value.encode() not in data  # the fixture is encrypted, as a journal is


# --- opening each fixture with today's code -----------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_opening_a_fixture_upgrades_it_with_a_copy_beside_and_reads_it_back(
    tmp_path: Path, version: int
) -> None:
    fixture = fixture_path(version)
    original = fixture.read_bytes()
    stored_columns = {name: columns(fixture, name) for name in TABLE_OF.values()}
    path = tmp_path / "journal.db"
    shutil.copyfile(fixture, path)

    journal = Journal.open(path, PASSPHRASE)
    try:
        wanted = expected_entries(version, stored_columns)
        for expected in wanted:
            got = journal.get(type(expected), expected.id)  # type: ignore[attr-defined]
            assert got == expected, type(expected).__name__
        for kind in TABLE_OF:
            assert len(journal.all(kind)) == sum(type(o) is kind for o in wanted), kind
        assert len(journal.all(Relationship)) == 1
        assert len(journal.all(Meeting)) == (3 if version >= 4 else 2)
        assert len(journal.all(ActionStep)) == 2
        assert len(journal.all(Review)) == (1 if version >= 4 else 0)
        assert journal.settings() == SETTINGS
        # The upgraded journal takes new writes in every column.
        action = journal.get(ActionStep, make_fixtures.uid(5))
        action.learning = "written after the upgrade"
        journal.save(action)
    finally:
        journal.close()

    backup = tmp_path / f"journal.db.v{version}.bak"
    names = sorted(p.name for p in tmp_path.iterdir())
    if version < migrations.LATEST:
        assert names == ["journal.db", backup.name]
        assert schema_text(backup) == schema_text(fixture)
        assert versions_in(backup) == list(range(1, version + 1))
        # The copy is the whole journal: it opens (and is upgraded in its turn) with the same
        # passphrase and holds the same entries.
        again = tmp_path / "from-backup.db"
        shutil.copyfile(backup, again)
        from_backup = Journal.open(again, PASSPHRASE)
        try:
            assert from_backup.get(Relationship, make_fixtures.uid(1)).title == (
                "Reverse mentoring — Ayşe 👩🏽‍💻"
            )
        finally:
            from_backup.close()
    else:
        assert names == ["journal.db"]
    assert versions_in(path) == VERSIONS
    assert schema_text(path) == fresh_schema(tmp_path, migrations.LATEST)
    assert fixture.read_bytes() == original

    reopened = Journal.open(path, PASSPHRASE)
    try:
        assert reopened.get(ActionStep, make_fixtures.uid(5)).learning == (
            "written after the upgrade"
        )
    finally:
        reopened.close()


def test_a_version_1_fixture_reads_back_the_exact_words(tmp_path: Path) -> None:
    """Spelled out once, independent of make_fixtures: what a version 1 journal held."""
    path = tmp_path / "old.db"
    shutil.copyfile(fixture_path(1), path)
    journal = Journal.open(path, PASSPHRASE)
    try:
        rel = journal.get(Relationship, "00000000-0000-4000-8000-000000000001")
        assert (rel.title, rel.partner, rel.cadence) == (
            "Reverse mentoring — Ayşe 👩🏽‍💻",
            "Ayşe Yılmaz",
            "FREQ=MONTHLY;BYDAY=+2TU",
        )
        assert rel.ground_rules == "Confidential;\tno notes shared.\r\nMonthly, one hour."
        meeting = journal.get(Meeting, "00000000-0000-4000-8000-000000000002")
        assert meeting.notes == "We talked about promotion panels.\x00 (a NUL inside)"
        assert meeting.starts_at.isoformat() == "2025-02-11T10:00:00+05:30"
        assert meeting.themes == ["belonging", "talking-about-race"]
        assert (meeting.review_summary, meeting.used_prompts) == ("", [])  # new in version 2
        action = journal.get(ActionStep, "00000000-0000-4000-8000-000000000005")
        assert (action.title, action.due_on.isoformat(), action.carried_forward) == (
            "Ask HR for panel data",
            "2025-02-28",
            0,
        )
        assert journal.setting("note") == "Ünïcödé ✓ \x00 nul, 😀, עברית"
        assert rel.created_at is not None and rel.created_at.isoformat() == (
            "2025-06-03T12:00:00+00:00"
        )
    finally:
        journal.close()
