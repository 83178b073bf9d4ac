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
from mentorjournal.journal import Journal
from mentorjournal.store.crypto import DEFAULT_KDF, FAST_KDF_FOR_TESTS

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

# Rare words planted in a known number of entries: {kind: {word: entries}}. None of them can
# come out of the word list below (they are checked against it at import).
PLANTED: dict[str, dict[str, int]] = {
    "heavy": {"zanzibarite": 40, "fjordwhistle": 25},
    "realistic": {"zanzibarite": 7, "fjordwhistle": 4},
}

# --- the word list -----------------------------------------------------------------------------


def _words(block: str) -> list[str]:
    return block.split()


NOUNS = _words(
    """
meeting project deadline budget report team manager colleague mentor mentee customer client
proposal review plan strategy goal target feedback question answer decision problem solution
idea approach process workshop presentation slide spreadsheet roadmap release sprint backlog
ticket incident outage server database pipeline dashboard metric survey interview candidate
hiring onboarding contract supplier partner stakeholder sponsor director board committee
agenda minute note summary draft document policy guideline standard template checklist
training course skill habit routine calendar schedule week month quarter year morning
afternoon evening lunch coffee conversation discussion argument compromise agreement promise
risk issue concern worry doubt fear hope confidence trust respect patience curiosity energy
attention focus priority balance boundary workload pressure stress rest holiday weekend
career promotion role title salary appraisal objective milestone outcome result impact value
culture change transition reorganisation merger department office building floor desk room
laptop phone email message chat thread channel call video camera microphone network
research experiment prototype design sketch diagram model pattern framework library tool
language system platform service product feature interface screen button form field
story example anecdote lesson insight principle assumption perspective viewpoint opinion
evidence data figure chart table trend signal noise mistake error success failure attempt
progress setback obstacle barrier opportunity chance choice option alternative direction
community network circle group cohort generation audience listener speaker writer reader
article book chapter paragraph sentence word phrase quote reference source notebook journal
garden kitchen train station bicycle walk journey map route bridge river window door
"""
)

ADJECTIVES = _words(
    """
good bad new old small large long short quick slow early late clear vague simple complex
careful careless honest open closed quiet loud calm busy tired fresh bright dull warm cold
useful useless helpful awkward difficult easy hard soft gentle firm fair unfair kind curt
patient impatient generous thoughtful thoughtless practical theoretical formal informal
senior junior experienced inexperienced technical social political personal professional
surprising predictable familiar unfamiliar obvious subtle honest candid tentative confident
anxious relaxed nervous hopeful doubtful sceptical optimistic pessimistic realistic vivid
important trivial urgent pressing minor major central marginal recent distant previous
next final first second third whole partial rough polished careful detailed brief thorough
shared private public hidden visible quiet noisy crowded empty friendly distant supportive
"""
)

VERBS = [
    ("ask", "asked"),
    ("answer", "answered"),
    ("explain", "explained"),
    ("describe", "described"),
    ("suggest", "suggested"),
    ("agree", "agreed"),
    ("disagree", "disagreed"),
    ("listen to", "listened to"),
    ("talk about", "talked about"),
    ("write", "wrote"),
    ("read", "read"),
    ("review", "reviewed"),
    ("plan", "planned"),
    ("prepare", "prepared"),
    ("present", "presented"),
    ("share", "shared"),
    ("discuss", "discussed"),
    ("question", "questioned"),
    ("challenge", "challenged"),
    ("support", "supported"),
    ("avoid", "avoided"),
    ("postpone", "postponed"),
    ("finish", "finished"),
    ("start", "started"),
    ("change", "changed"),
    ("improve", "improved"),
    ("simplify", "simplified"),
    ("notice", "noticed"),
    ("remember", "remembered"),
    ("forget", "forgot"),
    ("underestimate", "underestimated"),
    ("overestimate", "overestimated"),
    ("rewrite", "rewrote"),
    ("rethink", "rethought"),
    ("test", "tested"),
    ("try", "tried"),
    ("build", "built"),
    ("design", "designed"),
    ("measure", "measured"),
    ("compare", "compared"),
    ("choose", "chose"),
    ("drop", "dropped"),
    ("keep", "kept"),
    ("offer", "offered"),
    ("accept", "accepted"),
    ("decline", "declined"),
    ("delegate", "delegated"),
    ("organise", "organised"),
    ("summarise", "summarised"),
    ("clarify", "clarified"),
    ("interrupt", "interrupted"),
    ("encourage", "encouraged"),
    ("praise", "praised"),
    ("criticise", "criticised"),
    ("hear", "heard"),
    ("see", "saw"),
    ("find", "found"),
    ("lose", "lost"),
    ("bring", "brought"),
    ("send", "sent"),
    ("follow up on", "followed up on"),
    ("look into", "looked into"),
    ("write down", "wrote down"),
    ("think about", "thought about"),
]

ADVERBS = _words(
    """
quickly slowly carefully carelessly clearly quietly openly honestly gently firmly briefly
thoroughly calmly nervously patiently eagerly reluctantly deliberately casually directly
politely bluntly warmly coolly confidently tentatively suddenly gradually finally again
"""
)

FEELINGS = _words(
    """
anxious relieved proud embarrassed frustrated grateful curious uneasy hopeful tired
energised overwhelmed calm confident unsure irritated excited disappointed encouraged
surprised defensive reassured impatient content restless
"""
)

SUBJECTS = (
    "I",
    "we",
    "my mentor",
    "my mentee",
    "the team",
    "she",
    "he",
    "they",
    "the manager",
    "our group",
    "my partner",
    "the director",
    "a colleague",
    "the client",
)
PREPOSITIONS = _words(
    """
about for with without before after during around through against beside behind under over
"""
)
DETERMINERS = ("the", "a", "our", "my", "their", "this", "that", "every", "one")
OPENERS = (
    "At first",
    "Later",
    "In the end",
    "Looking back",
    "Honestly",
    "To be fair",
    "On reflection",
    "By the afternoon",
    "Before the meeting",
    "Afterwards",
    "Meanwhile",
    "Once again",
    "For once",
    "Surprisingly",
)

for _word in (w for words in PLANTED.values() for w in words):
    _pool = [*NOUNS, *ADJECTIVES, *ADVERBS, *FEELINGS, *(v for pair in VERBS for v in pair)]
    assert not any(_word in w or w in _word for w in _pool), _word


class Prose:
    """English-like sentences and paragraphs from the word list, reproducible from a seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _np(self) -> str:
        r = self.rng
        det = r.choice(DETERMINERS)
        noun = r.choice(NOUNS)
        words = f"{r.choice(ADJECTIVES)} {noun}" if r.random() < 0.55 else noun
        if det == "a" and words[0] in "aeiou":
            det = "an"
        return f"{det} {words}"

    def sentence(self) -> str:
        r = self.rng
        pick = r.randrange(9)
        subj = r.choice(SUBJECTS)
        verb, past = r.choice(VERBS)
        if pick == 0:
            s = f"{subj} {past} {self._np()} {r.choice(PREPOSITIONS)} {self._np()}"
        elif pick == 1:
            s = f"when {subj} {past} {self._np()}, {r.choice(SUBJECTS)} {r.choice(VERBS)[1]} "
            s += f"{self._np()} {r.choice(ADVERBS)}"
        elif pick == 2:
            s = f"I felt {r.choice(FEELINGS)} because {self._np()} was {r.choice(ADJECTIVES)}"
        elif pick == 3:
            s = f"{r.choice(OPENERS)}, {subj} {past} {self._np()} {r.choice(ADVERBS)}"
        elif pick == 4:
            s = f"next time I will {verb} {self._np()} and {r.choice(VERBS)[0]} {self._np()}"
        elif pick == 5:
            s = f"it seemed {r.choice(ADJECTIVES)} that {subj} {past} {self._np()}"
        elif pick == 6:
            s = f"{self._np()} of {self._np()} {past} {self._np()} {r.choice(PREPOSITIONS)} "
            s += f"{self._np()}"
        elif pick == 7:
            s = f"why did {subj} {verb} {self._np()} so {r.choice(ADVERBS)}"
            return s[0].upper() + s[1:] + "?"
        else:
            s = f"{subj} {past} {self._np()}, but {r.choice(SUBJECTS)} {r.choice(VERBS)[1]} "
            s += f"{self._np()} {r.choice(PREPOSITIONS)} {self._np()}"
        return s[0].upper() + s[1:] + "."

    def text(self, low: int, high: int, *, paragraphs: bool = True) -> str:
        """About ``low``–``high`` characters of sentences (in paragraphs when long)."""
        target = self.rng.randint(low, high)
        out: list[str] = []
        para: list[str] = []
        size = 0
        while size < target:
            s = self.sentence()
            para.append(s)
            size += len(s) + 1
            if paragraphs and len(para) >= self.rng.randint(3, 6):
                out.append(" ".join(para))
                para = []
        if para:
            out.append(" ".join(para))
        return "\n\n".join(out)

    def title(self) -> str:
        r = self.rng
        verb = r.choice(VERBS)[0]
        return f"{verb.capitalize()} {r.choice(DETERMINERS)} {r.choice(NOUNS)}"


def plant(rng: random.Random, text: str, word: str) -> str:
    """``text`` with ``word`` put in, as a word, after a random sentence."""
    cuts = [i + 1 for i, ch in enumerate(text) if ch == "." and i + 1 < len(text)]
    at = rng.choice(cuts) if cuts else len(text)
    return f"{text[:at]} The {word} came up again.{text[at:]}"


def planted_choice(rng: random.Random, kind: str, population: int) -> dict[int, list[str]]:
    """Which entries (by index) get which planted words."""
    chosen: dict[int, list[str]] = {}
    for word, count in PLANTED[kind].items():
        for index in rng.sample(range(population), count):
            chosen.setdefault(index, []).append(word)
    return chosen


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
