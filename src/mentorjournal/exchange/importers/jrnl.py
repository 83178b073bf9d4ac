"""jrnl's JSON export (``jrnl --export json``, jrnl 2 to 4) read as foreign entries.

The file: ``{"tags": {"@tag": count, …}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
"time": "HH:MM", "tags": ["@tag", …], "starred": bool}, …]}`` (an entry may also have a
``uuid`` and a ``creator``, when jrnl read a Day One journal). jrnl keeps no time zone: its date
and time are this computer's local time. jrnl splits an entry's first line (or first sentence)
off as its title; here title and body are one text again, the body on the line after the
title as jrnl itself shows it. Tags stay where they were written in the text; a tag jrnl lists
that the text does not hold (in any case), and a star, are added on a last line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mentorjournal.exchange.importers import (
    ForeignEntry,
    describe,
    read_json,
    refuse,
)
from mentorjournal.mentoring import zones

HOW = "make one with: jrnl --export json --file FILE"


def parse(data: bytes) -> list[ForeignEntry]:
    """Every entry of a jrnl JSON export, or BadImport with one sentence."""
    doc = read_json(data, "jrnl", HOW)
    if not (isinstance(doc, dict) and isinstance(doc.get("entries"), list) and "tags" in doc):
        raise refuse(f"the file is not jrnl's JSON export: {describe(doc)}.")
    return [_entry(entry, f"entries[{n}]") for n, entry in enumerate(doc["entries"])]


def _text(entry: dict[str, Any], where: str, key: str) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise refuse(f"{where}: “{key}” must be text.")
    return value


def _entry(entry: Any, where: str) -> ForeignEntry:
    if not isinstance(entry, dict):
        raise refuse(f"{where}: each entry must be an object.")
    title, body = _text(entry, where, "title"), _text(entry, where, "body")
    day, clock = _text(entry, where, "date"), _text(entry, where, "time")
    try:
        if len(day) != 10 or len(clock) != 5:
            raise ValueError
        # This computer's zone; the time as written, even in the hour the clocks skip.
        local = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zones.zone(""))
    except (ValueError, OverflowError, OSError):
        raise refuse(
            f"{where}: “date” and “time” must be YYYY-MM-DD and HH:MM (not “{day} {clock}”)."
        ) from None
    words = title.strip() + ("\n" + body.strip() if body.strip() else "")
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise refuse(f"{where}: “tags” must be a list of words.")
    starred = entry.get("starred", False)
    if not isinstance(starred, bool):
        raise refuse(f"{where}: “starred” must be true or false.")
    folded = words.casefold()
    missing = [t for t in tags if t.strip() and t.casefold() not in folded]
    extra = ([f"Tags: {' '.join(missing)}"] if missing else []) + (["Starred."] if starred else [])
    text = "\n\n".join(w for w in (words, " · ".join(extra)) if w)
    # The same words at the same minute are the same entry; a uuid (Day One through jrnl) names it.
    key = entry["uuid"] if isinstance(entry.get("uuid"), str) and entry["uuid"] else None
    return ForeignEntry(key or f"{day} {clock}\n{title}\n{body}", local, text)
