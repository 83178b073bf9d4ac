"""The earlier versions of one entry's texts, as the one value the ``history`` table keeps for
it; and the rule of which are kept. Pure: no I/O, no clock of its own.

Per field, the versions are a chain, oldest first. The newest is stored whole; each older one
only as what differs from the next newer one (``_delta``): the length of the text both start
and end with, and between, the sentences and lines it shares with the newer one (as offsets
into it) and its own text. So a 1 MB note edited 500 times costs about 1 MB plus its edits,
not 500 MB.

Which versions are kept (``keep``): the newest ``KEEP_LAST`` of the entry (all its fields
together); of older ones, the newest of each field on each day, for ``DAILY_FOR``; no more.
"""

from __future__ import annotations

import difflib
import re
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

KEEP_LAST = 50
DAILY_FOR = timedelta(days=365)
CHUNK = 4096
LONG_PIECE = 2048
_SENTENCE = re.compile(r"[^\n.!?]*[.!?\n]+\s*|[^\n.!?]+")
_WORD = re.compile(r"\S+\s*")

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


def _equal_run(a: str, b: str, at_a: int, at_b: int, step: int, limit: int) -> int:
    """How many characters from ``at_a``/``at_b`` on (backwards when ``step`` is -1) are the
    same in both, up to ``limit``: whole chunks compared first, then halves (slices are
    compared in C; no loop over characters)."""
    got = 0
    size = CHUNK
    while size and got < limit:
        n = min(size, limit - got)
        if step > 0:
            same = a[at_a + got : at_a + got + n] == b[at_b + got : at_b + got + n]
        else:
            same = a[at_a - got - n : at_a - got] == b[at_b - got - n : at_b - got]
        if same:
            got += n
        else:
            size //= 2
    return got


def _common_prefix(a: str, b: str) -> int:
    return _equal_run(a, b, 0, 0, 1, min(len(a), len(b)))


def _common_suffix(a: str, b: str, limit: int) -> int:
    return _equal_run(a, b, len(a), len(b), -1, min(len(a), len(b)) - limit)


def _pieces(text: str) -> list[str]:
    """``text`` cut after each sentence or line end; a longer run without one (a list, a pasted
    block) after words chosen by their own letters, so that an edit moves no cut far from it.
    Only to find what two texts share: the cuts are not stored."""
    out: list[str] = []
    for piece in _SENTENCE.findall(text):
        if len(piece) <= LONG_PIECE:
            out.append(piece)
            continue
        start = 0
        before = b""
        for word in _WORD.finditer(piece):
            this = word.group().encode("utf-8", "surrogatepass")
            if zlib.crc32(before + this) & 31 == 0:  # by two words: cuts in any word list
                out.append(piece[start : word.end()])
                start = word.end()
            before = this
        if start < len(piece):
            out.append(piece[start:])
    return out


def _delta(old: str, newer: str) -> dict[str, Any]:
    """``old`` as what it shares with ``newer``: the length of the text both start and end
    with (``keep``), and between, parts of ``newer`` (as [from, to] offsets) and text of its
    own (``ops``)."""
    start = _common_prefix(old, newer)
    end = _common_suffix(old, newer, start)
    old_mid, new_mid = old[start : len(old) - end], newer[start : len(newer) - end]
    ops: list[Any] = []
    if old_mid and new_mid:
        a, b = _pieces(old_mid), _pieces(new_mid)
        at = [0]
        for piece in b:
            at.append(at[-1] + len(piece))
        matcher = difflib.SequenceMatcher(None, a, b)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                ops.append([start + at[j1], start + at[j2]])
            elif i2 > i1:
                ops.append("".join(a[i1:i2]))
    elif old_mid:
        ops.append(old_mid)
    return {"keep": [start, end], "ops": ops}


def changed_span(old: str, new: str) -> int:
    """How many characters of ``old`` a change to ``new`` took out (or replaced)."""
    start = _common_prefix(old, new)
    return len(old) - start - _common_suffix(old, new, start)


def _undelta(newer: str, item: Mapping[str, Any]) -> str:
    start, end = item["keep"]
    parts = [newer[:start]]
    for op in item["ops"]:
        parts.append(op if isinstance(op, str) else newer[op[0] : op[1]])
    parts.append(newer[len(newer) - end :])
    return "".join(parts)


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
        """Let versions go: the one just older than each run let go is stored again as what
        differs from its new next newer one; nothing else is worked out again."""
        for name, chain in self.fields.items():
            gone = [i for i, item in enumerate(chain) if item["id"] in ids]
            if not gone:
                continue
            untouched = chain[: max(gone[0] - 1, 0)]  # older than all of it: as stored
            kept: list[dict[str, Any]] = []
            newer_text: str | None = None  # the text of the last version kept
            text = ""
            gap = False
            for item in reversed(chain[len(untouched) :]):
                text = item["text"] if "text" in item else _undelta(text, item)
                if item["id"] in ids:
                    gap = True
                    continue
                if gap or newer_text is None:
                    item = {k: v for k, v in item.items() if k not in ("text", "keep", "ops")}
                    item.update({"text": text} if newer_text is None else _delta(text, newer_text))
                kept.append(item)
                newer_text, gap = text, False
            self.fields[name] = untouched + kept[::-1]

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
