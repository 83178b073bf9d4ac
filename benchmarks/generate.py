"""Synthetic journals for the benchmarks, made through MentorJournal's public API only.

Two kinds:

- ``realistic``: three mentoring relationships, ten years of monthly meetings (preparation,
  points, notes), a Gibbs reflection after most meetings, a few action steps per meeting
  (most reviewed), well-being check-ins, support contacts and own prompts;
- ``heavy``: one relationship holding 10,000 Gibbs reflections of about 2.4 KB each
  (≈ 24 MB of text).

The text is English-like prose put together from a word list with a seeded random generator, so
the same seed always gives the same journal. Known rare words are planted in a known number of
entries so that searching has a known answer (``PLANTED`` below).

    python -m benchmarks.generate --kind heavy --out heavy.db [--fast-kdf] [--jrnl-text heavy.txt]

Timed runs must use the real (default) key derivation; ``--fast-kdf`` is for trying things out.
``--jrnl-text`` also writes the same entries (date + the reflection's text) as a plaintext jrnl
journal, for the side-by-side comparison with jrnl.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.prose import PLANTED, Prose, plant, planted_choice
from mentorjournal.domain import (
    GIBBS_STAGES,
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Owner,
    OwnPrompt,
    Reflection,
    Relationship,
    Role,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import DEFAULT_KDF, FAST_KDF_FOR_TESTS, permit_test_kdf

GENERATOR_VERSION = 1  # bump when the generated content changes (run.py rebuilds its cache)
PASSPHRASE = "benchmark orchid tramline velvet quarry"
SEED = 20240611

HEAVY_TITLE = "Ten thousand reflections with Wilhelmina"
HEAVY_ENTRIES = 10_000
HEAVY_STAGE_CHARS = (300, 420)  # per Gibbs stage; six stages ≈ 2.4 KB per reflection
HEAVY_START = datetime(2015, 1, 5, 8, 0, tzinfo=UTC)
HEAVY_SPAN = timedelta(days=3650)

REALISTIC_TITLES = (
    "Reverse mentoring with Priyanka",
    "Mentoring from Gareth",
    "Peer mentoring with Oluwaseun",
)
REALISTIC_YEARS = 10

# --- the heavy journal -------------------------------------------------------------------------


@dataclass
class HeavyEntry:
    written_at: datetime
    stages: dict[str, str]

    def text(self) -> str:
        return "\n\n".join(self.stages[s] for s in GIBBS_STAGES)


def heavy_entries(seed: int = SEED, count: int = HEAVY_ENTRIES) -> Iterator[HeavyEntry]:
    """The heavy journal's reflections, oldest first, the same for the same seed."""
    rng = random.Random(seed)
    prose = Prose(rng)
    planted = planted_choice(random.Random(seed + 1), "heavy", count)
    step = HEAVY_SPAN / count
    low, high = HEAVY_STAGE_CHARS
    for i in range(count):
        stages = {s: prose.text(low, high, paragraphs=False) for s in GIBBS_STAGES}
        for word in planted.get(i, []):
            stage = rng.choice(GIBBS_STAGES)
            stages[stage] = plant(rng, stages[stage], word)
        when = (HEAVY_START + step * i).replace(second=0, microsecond=0)
        yield HeavyEntry(when, stages)


def build_heavy(journal: Journal, seed: int = SEED, count: int = HEAVY_ENTRIES) -> int:
    rel = Relationship(
        title=HEAVY_TITLE,
        my_role=Role.MENTEE,
        partner="Wilhelmina",
        purpose="To see how the journal copes with ten years of daily writing.",
        started_on=HEAVY_START.date(),
    )
    journal.save(rel)
    batch: list[Reflection] = []
    total = 0
    for entry in heavy_entries(seed, count):
        batch.append(
            Reflection(relationship_id=rel.id, written_at=entry.written_at, **entry.stages)
        )
        if len(batch) == 500:
            journal.save_many(batch)
            total += len(batch)
            batch = []
    if batch:
        journal.save_many(batch)
        total += len(batch)
    return total


def write_jrnl_text(path: Path, seed: int = SEED, count: int = HEAVY_ENTRIES) -> int:
    """The heavy journal's reflections as a plaintext jrnl journal (jrnl's default time format
    ``%F %r``): one entry per reflection, its date and its six stages."""
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        for entry in heavy_entries(seed, count):
            stamp = entry.written_at.strftime("%Y-%m-%d %I:%M:%S %p")
            chunk = f"[{stamp}] {entry.text()}\n\n"
            fh.write(chunk)
            size += len(chunk.encode())
    return size


# --- the realistic journal -----------------------------------------------------------------


def build_realistic(journal: Journal, seed: int = SEED, now: datetime | None = None) -> int:
    """Three relationships, ten years of monthly meetings, reflections, actions and more."""
    rng = random.Random(seed)
    prose = Prose(rng)
    now = now or datetime.now(UTC)
    start = (now - timedelta(days=365 * REALISTIC_YEARS)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    objs: list[object] = []
    text_entries: list[object] = []  # entries that may get a planted word
    roles = (Role.MENTOR, Role.MENTEE, Role.MENTEE)
    partners = ("Priyanka", "Gareth", "Oluwaseun")
    hours = (9, 14, 16)
    for n, title in enumerate(REALISTIC_TITLES):
        rel = Relationship(
            title=title,
            my_role=roles[n],
            partner=partners[n],
            purpose=prose.text(120, 220, paragraphs=False),
            ground_rules=prose.text(150, 300),
            styles=prose.text(100, 200, paragraphs=False),
            cadence=f"FREQ=MONTHLY;BYDAY=+{n + 1}TU",
            started_on=start.date(),
        )
        objs.append(rel)
        text_entries.append(rel)
        month = start
        while month < now + timedelta(days=31):
            first = month.replace(day=1)
            tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 7 * n)
            when = tuesday.replace(hour=hours[n])
            held = when < now
            meeting = Meeting(
                relationship_id=rel.id,
                starts_at=when,
                duration_minutes=rng.choice((45, 60, 60, 75, 90)),
                status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                preparation=prose.text(150, 400),
                points=prose.text(80, 250, paragraphs=False),
                notes=prose.text(500, 1400) if held else "",
                framing=prose.text(60, 200, paragraphs=False) if rng.random() < 0.3 else "",
                review_summary=prose.text(80, 240, paragraphs=False) if held else "",
            )
            objs.append(meeting)
            text_entries.append(meeting)
            if held and rng.random() < 0.5:
                objs.append(
                    WellbeingCheckin(
                        at=when + timedelta(hours=2),
                        score=rng.randint(2, 5),
                        note=prose.text(20, 90, paragraphs=False),
                        moment=Moment.AFTER,
                        relationship_id=rel.id,
                        meeting_id=meeting.id,
                    )
                )
            if held and rng.random() < 0.75:
                reflection = Reflection(
                    relationship_id=rel.id,
                    meeting_id=meeting.id,
                    written_at=when + timedelta(hours=rng.randint(2, 30)),
                    **{s: prose.text(120, 380) for s in GIBBS_STAGES},
                )
                objs.append(reflection)
                text_entries.append(reflection)
            for _ in range(rng.randint(1, 3)):
                due = (when + timedelta(days=rng.randint(7, 28))).date()
                reviewed = held and due < (now - timedelta(days=35)).date()
                status = (
                    rng.choice((ActionStatus.DONE, ActionStatus.DONE, ActionStatus.DROPPED))
                    if reviewed
                    else ActionStatus.OPEN
                )
                action = ActionStep(
                    relationship_id=rel.id,
                    meeting_id=meeting.id,
                    title=prose.title(),
                    detail=prose.text(60, 240, paragraphs=False),
                    owner=rng.choice((Owner.ME, Owner.ME, Owner.PARTNER, Owner.BOTH)),
                    due_on=due,
                    resources=prose.text(30, 120, paragraphs=False) if rng.random() < 0.7 else "",
                    obstacles=prose.text(30, 120, paragraphs=False) if rng.random() < 0.6 else "",
                    status=status,
                    outcome=rng.choice(tuple(Outcome)) if reviewed else None,
                    learning=prose.text(40, 200, paragraphs=False) if reviewed else "",
                    reviewed_at=(
                        datetime.combine(due, datetime.min.time(), UTC) + timedelta(days=7)
                        if reviewed
                        else None
                    ),
                )
                objs.append(action)
                text_entries.append(action)
            month = (first + timedelta(days=32)).replace(day=1)
    objs.append(SupportContact(name="Employee assistance line", how="0800 000 000"))
    objs.append(SupportContact(name="Aunt Rosalind", how="phone", note="Sunday evenings"))
    objs.append(OwnPrompt(theme="own-career", theme_title="Career moves"))
    objs.append(OwnPrompt(theme="own-career", text="What would I do with one more free day?"))
    objs.append(OwnPrompt(theme="own-career", text="Which meeting drained me most, and why?"))

    fields = {
        Relationship: "purpose",
        Meeting: "notes",
        Reflection: "analysis",
        ActionStep: "detail",
    }
    candidates = [o for o in text_entries if getattr(o, fields[type(o)])]
    chosen = planted_choice(random.Random(seed + 1), "realistic", len(candidates))
    for index, words in chosen.items():
        obj = candidates[index]
        name = fields[type(obj)]
        for word in words:
            setattr(obj, name, plant(rng, getattr(obj, name), word))

    for i in range(0, len(objs), 500):
        journal.save_many(objs[i : i + 500])
    return len(objs)


def home_marker(kind: str) -> str:
    """Text on the home screen once it has painted: the (first) relationship's title."""
    return HEAVY_TITLE if kind == "heavy" else sorted(REALISTIC_TITLES, key=str.casefold)[0]


def generate(kind: str, out: Path, *, fast_kdf: bool = False, seed: int = SEED) -> int:
    if out.exists():
        raise SystemExit(f"{out} already exists; remove it first.")
    if fast_kdf:  # below the floor: only code that asks (tests, benchmarks) may open it
        permit_test_kdf(FAST_KDF_FOR_TESTS)
    journal, _recovery = Journal.create(
        out, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS if fast_kdf else DEFAULT_KDF
    )
    try:
        if kind == "heavy":
            return build_heavy(journal, seed)
        return build_realistic(journal, seed)
    finally:
        journal.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.generate", description=(__doc__ or "").split("\n")[0]
    )
    p.add_argument("--kind", choices=("heavy", "realistic"), required=True)
    p.add_argument("--out", type=Path, required=True, help="the journal file to create")
    p.add_argument("--fast-kdf", action="store_true", help="a weak KDF: never for timed runs")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--jrnl-text", type=Path, help="(heavy) also write the same text for jrnl")
    args = p.parse_args(argv)
    began = time.perf_counter()
    count = generate(args.kind, args.out, fast_kdf=args.fast_kdf, seed=args.seed)
    print(
        f"{args.out}: {args.kind} journal, {count} entries, passphrase {PASSPHRASE!r}, "
        f"{'FAST (not for timing)' if args.fast_kdf else 'default'} KDF, "
        f"{time.perf_counter() - began:.1f} s",
        file=sys.stderr,
    )
    if args.jrnl_text:
        size = write_jrnl_text(args.jrnl_text, args.seed)
        print(f"{args.jrnl_text}: jrnl text, {size / 1e6:.1f} MB", file=sys.stderr)
    print(f"planted words: {PLANTED[args.kind]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
