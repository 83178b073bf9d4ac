"""What ciphertext lengths tell (issue 14, point 7): every value of a choice, date, time, number or
yes/no field is stored at one length per field, whatever was chosen; a text shows only its size
bucket (64, 128, 256, … bytes of JSON). Read from the file alone, with ``sqlite3``."""

from __future__ import annotations

import dataclasses
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from mentorjournal.journal.codec import _unwrap_optional, encode_value, field_types
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.reads import TABLE_OF
from mentorjournal.store import records
from tests.conftest import Sample

OVERHEAD = 1 + 12 + 16  # format byte, nonce, tag
ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-9))]
DATETIMES = [
    datetime(2026, 2, 10, 10, 0, tzinfo=ZONES[0]),
    datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=ZONES[1]),
    datetime(1, 1, 1, tzinfo=ZONES[2]),
    datetime(9999, 12, 31, 23, 59, 59, 1, tzinfo=timezone(timedelta(seconds=-3661.000005))),
]
# Text fields whose values are choices (a time of day, a zone name, the model, a theme id).
CHOICE_TEXTS = {
    "meeting_time": ["00:00", "10:00", "23:59"],
    "time_zone": ["UTC", "Europe/London", "America/Argentina/ComodRivadavia"],
    "model": ["gibbs"],
}


def values_of(tp: Any, name: str) -> list[Any] | None:
    """Every kind of value a choice, date, time, number or yes/no field takes; None for text."""
    base, optional = _unwrap_optional(tp)
    extra = [None] if optional else []
    if isinstance(base, type) and issubclass(base, Enum):
        return [*base, *extra]
    if base is bool:
        return [True, False, *extra]
    if base is int:
        return [0, 1, 5, 59, 240, 10**9, *extra]
    if base is datetime:
        return [*DATETIMES, *extra]
    if base is date:
        return [date(1, 1, 1), date(2026, 2, 28), date(9999, 12, 31), *extra]
    if name in CHOICE_TEXTS:
        return CHOICE_TEXTS[name]
    return None


FIELDS = [
    (cls, name, values)
    for cls in TABLE_OF
    for name, tp in field_types(cls).items()
    if name not in records.PLAIN_COLUMNS and (values := values_of(tp, name)) is not None
]


def stored_lengths(path: Path, table: str, column: str, ids: list[str]) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        marks = ", ".join("?" * len(ids))
        sql = f"SELECT length({column}) FROM {table} WHERE id IN ({marks})"
        return {r[0] for r in conn.execute(sql, ids)}
    finally:
        conn.close()


def store_variants(journal: Journal, sample: Sample, cls: type, name: str, values: list[Any]):
    """One row of ``cls`` per value, like the sample's own (through the store, which pads)."""
    template = next(e for e in sample.entries() if type(e) is cls)
    table = TABLE_OF[cls]
    rows = []
    for value in values:
        plain = {k: encode_value(v) for k, v in dataclasses.asdict(template).items()}
        plain.update(id=str(uuid.uuid4()), created_at="2026-01-01T00:00:00+00:00")
        plain.update(updated_at=plain["created_at"])
        plain[name] = encode_value(value)
        rows.append(plain)
    with journal._db.write() as conn:
        records.insert_rows(conn, journal._need_cipher(), table, rows)
    return [r["id"] for r in rows]


def test_every_choice_date_time_number_and_yes_no_field_is_covered() -> None:
    covered = {(TABLE_OF[c], n) for c, n, _ in FIELDS}
    for wanted in [
        ("meeting", "status"),
        ("action", "owner"),
        ("action", "outcome"),
        ("action", "due_on"),
        ("review", "outcome"),
        ("wellbeing", "moment"),
        ("wellbeing", "score"),
        ("own_prompt", "hidden"),
        ("relationship", "my_role"),
        ("meeting", "started_at"),
        ("action", "carried_forward"),
    ]:
        assert wanted in covered


@pytest.mark.parametrize(
    ("cls", "name", "values"), FIELDS, ids=[f"{TABLE_OF[c]}.{n}" for c, n, _ in FIELDS]
)
def test_each_value_of_a_choice_field_has_one_stored_length(
    journal: Journal, sample: Sample, cls: type, name: str, values: list[Any]
) -> None:
    ids = store_variants(journal, sample, cls, name, values)
    assert stored_lengths(journal.path, TABLE_OF[cls], name, ids) == {OVERHEAD + 64}


def test_texts_show_only_their_size_bucket(journal: Journal, sample: Sample) -> None:
    sizes = [0, 1, 30, 61, 62, 63, 100, 126, 127, 300, 1000, 5000]
    texts = ["é" * (n // 2) + "x" * (n % 2) for n in sizes]  # n bytes of UTF-8
    ids = store_variants(journal, sample, type(sample.reflection), "feelings", texts)
    conn = sqlite3.connect(journal.path)
    try:
        got = dict(conn.execute("SELECT id, length(feelings) FROM reflection").fetchall())
    finally:
        conn.close()
    for i, n in zip(ids, sizes, strict=True):
        bucket = 64
        while bucket < n + 2:  # the JSON string's quotes
            bucket *= 2
        assert got[i] == OVERHEAD + bucket, n
    assert {got[i] for i in ids} == {OVERHEAD + b for b in (64, 128, 256, 512, 1024, 8192)}
