"""The earlier versions of one entry's texts, as the one value the ``history`` table keeps for
it; and the rule of which are kept. Pure: no I/O, no clock of its own.

Per field, the versions are a chain, oldest first. The newest is stored whole; each older one
only as what differs from the next newer one: the length of the text both share at the start
and at the end, and the part between (``_delta``). Most edits touch one place, so a 1 MB note
edited 500 times costs about 1 MB plus its edits, not 500 MB.

Which versions are kept (``keep``): the newest ``KEEP_LAST`` of the entry (all its fields
together); of older ones, the newest of each field on each day, for ``DAILY_FOR``; no more.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

KEEP_LAST = 50
DAILY_FOR = timedelta(days=365)
CHUNK = 4096

RETENTION_WORDS = (
    "History keeps the last {last} versions of each entry's texts, and beyond those one version "
    "a day for a year; older versions are let go. Deleted entries stay in Recently deleted for "
    "{days} days, then are removed for good."
)


@dataclass(frozen=True)
class Mark:
    """What is known of one field's current value: its version id, when it was written, how
    (``edit``, ``restore``, ``merge``) and the ids of the saves of the same editing session it
    took the place of without keeping them (each was this value, earlier in the session)."""

    id: str
    at: datetime
    how: str = "edit"
    also: tuple[str, ...] = ()

    def to_plain(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at.isoformat(), "how": self.how, "also": list(self.also)}

    @classmethod
    def from_plain(cls, data: Mapping[str, Any]) -> Mark:
        return cls(
            str(data["id"]),
            datetime.fromisoformat(data["at"]),
            str(data.get("how", "edit")),
            tuple(str(a) for a in data.get("also", ())),
        )


@dataclass(frozen=True)
class Version:
    """One earlier version of one field of one entry. ``id`` is the id its value had while it
    was current (the same on every copy of the journal it came to); ``written_at`` when it
    was written, ``replaced_at`` when a later save took its place."""

    id: str
    entry_id: str
    field: str
    text: str
    written_at: datetime
    replaced_at: datetime
    how: str = "edit"
    also: tuple[str, ...] = ()

    @property
    def mark(self) -> Mark:
        return Mark(self.id, self.written_at, self.how, self.also)


def first_id(entry_id: str, field_name: str, value: Any) -> str:
    """The version id of a value no save of schema 6 has marked (the value the entry was made
    with, or had when the journal was upgraded): worked out from the value itself, so every
    copy of the journal holding it gives it the same id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mentorjournal:{entry_id}:{field_name}:{value!r}"))


# --- the stored form -----------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    at = 0
    while at < n and a[at : at + CHUNK] == b[at : at + CHUNK]:
        at += CHUNK
    end = min(at + CHUNK, n)
    while at < end and a[at] == b[at]:
        at += 1
    return at


def _common_suffix(a: str, b: str, limit: int) -> int:
    n = min(len(a), len(b)) - limit
    got = 0
    while got < n:
        step = min(CHUNK, n - got)
        if a[len(a) - got - step : len(a) - got] != b[len(b) - got - step : len(b) - got]:
            break
        got += step
    while got < n and a[len(a) - got - 1] == b[len(b) - got - 1]:
        got += 1
    return got


def _delta(old: str, newer: str) -> dict[str, Any]:
    start = _common_prefix(old, newer)
    end = _common_suffix(old, newer, start)
    return {"keep": [start, end], "mid": old[start : len(old) - end]}


def changed_span(old: str, new: str) -> int:
    """How many characters of ``old`` a change to ``new`` took out (or replaced)."""
    start = _common_prefix(old, new)
    return len(old) - start - _common_suffix(old, new, start)


def _undelta(newer: str, item: Mapping[str, Any]) -> str:
    start, end = item["keep"]
    return newer[:start] + item["mid"] + newer[len(newer) - end :]


def _meta(entry_id: str, name: str, item: Mapping[str, Any], text: str) -> Version:
    return Version(
        id=str(item["id"]),
        entry_id=entry_id,
        field=name,
        text=text,
        written_at=datetime.fromisoformat(item["at"]),
        replaced_at=datetime.fromisoformat(item["rep"]),
        how=str(item.get("how", "edit")),
        also=tuple(item.get("also", ())),
    )


def _item(version: Version) -> dict[str, Any]:
    return {
        "id": version.id,
        "at": version.written_at.isoformat(),
        "rep": version.replaced_at.isoformat(),
        "how": version.how,
        "also": list(version.also),
    }


@dataclass
class Chains:
    """The stored value of one entry's history: per field, its versions oldest first."""

    entry_id: str
    fields: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def from_plain(cls, entry_id: str, data: Mapping[str, Any] | None) -> Chains:
        return cls(entry_id, {k: list(v) for k, v in (data or {}).items()})

    def to_plain(self) -> dict[str, Any]:
        return {k: v for k, v in self.fields.items() if v}

    def __len__(self) -> int:
        return sum(len(v) for v in self.fields.values())

    def ids(self) -> set[str]:
        return {str(item["id"]) for chain in self.fields.values() for item in chain}

    def field_versions(self, name: str) -> Iterator[Version]:
        """One field's versions, newest first."""
        text = ""
        for item in reversed(self.fields.get(name, [])):
            text = item["text"] if "text" in item else _undelta(text, item)
            yield _meta(self.entry_id, name, item, text)

    def metas(self) -> list[Version]:
        """Every version without its text (nothing is worked out): for the retention rule."""
        return [
            _meta(self.entry_id, name, item, "")
            for name, chain in self.fields.items()
            for item in chain
        ]

    def versions(self, names: Iterable[str] | None = None) -> list[Version]:
        """Every version (of ``names`` when given), newest first."""
        out = [v for n in (names or list(self.fields)) for v in self.field_versions(n)]
        return sorted(out, key=lambda v: (v.replaced_at, v.written_at), reverse=True)

    def add(self, version: Version) -> None:
        """A version of one field, put in its place by time (usually: the newest)."""
        known = self.versions([version.field])
        if any(v.id == version.id for v in known):
            return
        known.append(version)
        self._store(version.field, known)

    def drop(self, ids: set[str]) -> None:
        for name in list(self.fields):
            known = self.versions([name])
            if any(v.id in ids for v in known):
                self._store(name, [v for v in known if v.id not in ids])

    def _store(self, name: str, versions: list[Version]) -> None:
        ordered = sorted(versions, key=lambda v: (v.replaced_at, v.written_at))
        chain: list[dict[str, Any]] = []
        for i, version in enumerate(ordered):
            item = _item(version)
            if i + 1 == len(ordered):
                item["text"] = version.text
            else:
                item.update(_delta(version.text, ordered[i + 1].text))
            chain.append(item)
        self.fields[name] = chain

    def push(self, version: Version) -> None:
        """The newest version of its field (the common case: only the one before it is
        stored again, as what differs from this one)."""
        chain = self.fields.setdefault(version.field, [])
        last = chain[-1] if chain else None
        if last is not None and (
            "text" not in last or datetime.fromisoformat(last["rep"]) > version.replaced_at
        ):
            self.add(version)
            return
        if last is not None:
            text = last.pop("text")
            last.update(_delta(text, version.text))
        chain.append({**_item(version), "text": version.text})


# --- what is kept ----------------------------------------------------------------------------


def keep(versions: list[Version], now: datetime) -> set[str]:
    """The ids of the versions (of one entry) the retention rule keeps."""
    newest_first = sorted(versions, key=lambda v: (v.replaced_at, v.written_at), reverse=True)
    kept = {v.id for v in newest_first[:KEEP_LAST]}
    days: set[tuple[str, Any]] = set()
    for v in newest_first[KEEP_LAST:]:
        day = (v.field, v.written_at.date())
        if day in days or now - v.written_at > DAILY_FOR:
            continue
        days.add(day)
        kept.add(v.id)
    return kept
