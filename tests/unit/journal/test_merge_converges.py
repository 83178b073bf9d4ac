"""Two and three copies of one journal drift apart through random edits (texts and choices),
new entries, deletions, restores from Recently deleted, new passphrases and data keys, and
merges of one into another along the way. Then, merged in every order, they come to the same
journal (entries, their histories, settings); every text ever saved in a field with history, of
an entry that is in it, is its current text or in its history; and merging them all again
changes nothing at all."""

from __future__ import annotations

import contextlib
import itertools
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.domain import ActionStatus, ActionStep, Reflection, Relationship, SupportContact
from mentorjournal.errors import InvalidEntry, NotFound
from mentorjournal.exchange.interchange import export_data
from mentorjournal.journal.history import HISTORY_FIELDS
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.sync_support import Clock, fingerprint

PASS = "pass phrase words"
# The texts each kind is edited in, and the kinds that may be deleted.
TEXTS: dict[type, tuple[str, ...]] = {
    Reflection: ("description", "feelings", "action_plan"),
    ActionStep: ("title", "detail"),
    SupportContact: ("note", "how"),
    Relationship: ("purpose",),
}
KINDS = (Reflection, ActionStep, SupportContact, Relationship)

OPS = st.one_of(
    st.tuples(st.just("text"), st.integers(0, 3), st.integers(0, 99), st.integers(0, 2)),
    st.tuples(st.just("choice"), st.integers(0, 99), st.sampled_from(list(ActionStatus))),
    st.tuples(st.just("add"), st.integers(0, 2), st.integers(0, 99)),
    st.tuples(st.just("delete"), st.integers(0, 3), st.integers(0, 99)),
    st.tuples(st.just("restore"), st.integers(0, 99)),
    st.tuples(st.just("passwd"), st.booleans()),
    st.tuples(st.just("setting"), st.integers(0, 1)),
    st.tuples(st.just("merge"), st.integers(0, 2)),
)


@dataclass
class World:
    folder: Path
    clock: Clock = field(default_factory=lambda: Clock(step_seconds=11 * 60))
    secrets: list[str] = field(default_factory=lambda: [PASS])
    typed: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    counter: int = 0

    def word(self) -> str:
        self.counter += 1
        return f"typed {self.counter}"

    def open(self, path: Path) -> Journal:
        for secret in reversed(self.secrets):
            journal = Journal.open_locked(path)
            journal.remember_seen = False  # copies of one journal on one computer
            journal.clock = self.clock  # (the bin is emptied by it at unlock)
            try:
                journal.unlock(secret)
            except Exception:
                journal.close()
                continue
            return journal
        raise AssertionError("no passphrase opens it")

    def typed_in(self, entry: Any, name: str, value: str) -> None:
        """A text saved in a field whose earlier versions are kept (``HISTORY_FIELDS``)."""
        if value and name in HISTORY_FIELDS.get(type(entry), ()):
            self.typed.setdefault((entry.id, name), set()).add(value)


def base(world: World) -> Path:
    path = world.folder / "base.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    journal.clock = world.clock
    rels = [Relationship(title="With Amara"), Relationship(title="Board")]
    entries: list[Any] = [*rels, SupportContact(name="Helpline", note="24 hours")]
    for i in range(3):
        entries.append(Reflection(rels[i % 2].id, world.clock(), description=f"base {i}"))
        entries.append(ActionStep(rels[i % 2].id, f"action {i}"))
    journal.save_many(entries)
    for entry in entries:
        for name in TEXTS[type(entry)]:
            world.typed_in(entry, name, getattr(entry, name))
    journal.close()
    return path


def alive(journal: Journal, kind: type) -> list[Any]:
    return sorted(journal.all(kind), key=lambda e: e.id)


def apply(world: World, journal: Journal, op: tuple[Any, ...], copies: list[Path]) -> None:
    name = op[0]
    if name == "text":
        kind = KINDS[op[1]]
        entries = alive(journal, kind)
        if entries:
            entry = entries[op[2] % len(entries)]
            field_name = TEXTS[kind][op[3] % len(TEXTS[kind])]
            value = world.word()
            journal.save_fields(kind, entry.id, {field_name: value})
            world.typed_in(entry, field_name, value)
    elif name == "choice":
        actions = alive(journal, ActionStep)
        if actions:
            journal.save_fields(ActionStep, actions[op[1] % len(actions)].id, {"status": op[2]})
    elif name == "add":
        rels = alive(journal, Relationship)
        if rels:
            rel = rels[op[2] % len(rels)]
            kind = (Reflection, ActionStep, SupportContact)[op[1]]
            word = world.word()
            entry: Any = (
                Reflection(rel.id, world.clock(), description=word)
                if kind is Reflection
                else ActionStep(rel.id, word)
                if kind is ActionStep
                else SupportContact(name=word)
            )
            journal.save(entry)
            for field_name in TEXTS[kind]:
                world.typed_in(entry, field_name, getattr(entry, field_name))
    elif name == "delete":
        entries = alive(journal, KINDS[op[1]])
        if entries and (KINDS[op[1]] is not Relationship or op[2] % 4 == 0):
            journal.delete(entries[op[2] % len(entries)])
    elif name == "restore":
        items = sorted(journal.bin_items(), key=lambda i: i.id)
        if items:
            # (not when its relationship is not there, or it is back already)
            with contextlib.suppress(InvalidEntry, NotFound):
                journal.restore_from_bin(items[op[1] % len(items)].id)
    elif name == "passwd":
        words = world.word() + " pass phrase"
        world.secrets.append(words)
        if op[1]:
            journal.change_passphrase(words, kdf=FAST_KDF_FOR_TESTS)
            journal.rekey(words, kdf=FAST_KDF_FOR_TESTS)
        else:
            journal.change_passphrase(words, kdf=FAST_KDF_FOR_TESTS)
    elif name == "setting":
        journal.set_setting(("theme", "auto_lock_minutes")[op[1]], world.word())
    elif name == "merge":
        other = copies[op[1] % len(copies)]
        if other != journal.path:
            merge(world, journal, [other])


def merge(world: World, journal: Journal, paths: list[Path]) -> None:
    copies = [journal.open_other(p, world.secrets) for p in paths]
    try:
        journal.merge_copies(copies)
    finally:
        for copy in copies:
            copy.close()


def normal(journal: Journal) -> tuple[Any, ...]:
    """The journal as a person sees it: entries, each entry's history, settings."""
    data = export_data(journal)
    entries = {k: sorted(v, key=lambda e: e["id"]) for k, v in data.items() if isinstance(v, list)}
    ids = [e["id"] for items in entries.values() for e in items]
    history = {i: sorted((v.field, v.id, v.text) for v in journal.versions(i)) for i in ids}
    return entries, history, journal.settings()


def check(n: int, ops: list[tuple[int, tuple[Any, ...]]]) -> None:
    with tempfile.TemporaryDirectory(prefix="mj-converge-") as tmp:
        world = World(Path(tmp))
        start = base(world)
        copies = [world.folder / f"copy{i}.db" for i in range(n)]
        for path in copies:
            shutil.copy(start, path)
        opened = [world.open(p) for p in copies]
        try:
            for who, op in ops:
                apply(world, opened[who % n], op, copies)
        finally:
            for journal in opened:
                journal.close()
        results = []
        for order in itertools.permutations(range(n)):
            target = world.folder / f"merged-{''.join(map(str, order))}.db"
            shutil.copy(copies[order[0]], target)
            journal = world.open(target)
            try:
                merge(world, journal, [copies[i] for i in order[1:]])
                results.append(normal(journal))
            finally:
                journal.close()
        assert all(r == results[0] for r in results[1:])
        # Every text typed into an entry that is in the journal: current, or in its history.
        journal = world.open(target)
        try:
            entries, history, _settings = results[0]
            current = {e["id"]: e for items in entries.values() for e in items}
            for (entry_id, name), values in world.typed.items():
                if entry_id in current:
                    kept = {text for f, _id, text in history[entry_id] if f == name}
                    assert values <= kept | {current[entry_id][name]}, (entry_id, name)
            before = fingerprint(target)
            merge(world, journal, copies)  # again: nothing changes
            assert fingerprint(target) == before
        finally:
            journal.close()


SEQUENCES = st.lists(st.tuples(st.integers(0, 2), OPS), min_size=1, max_size=14)
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(SEQUENCES)
def test_two_copies_converge(ops: list[tuple[int, tuple[Any, ...]]]) -> None:
    check(2, ops)


@SLOW
@given(SEQUENCES)
def test_three_copies_converge(ops: list[tuple[int, tuple[Any, ...]]]) -> None:
    check(3, ops)
