"""Day One's JSON export read as foreign entries: the ``.zip`` Day One writes (one JSON file per
journal, e.g. ``Journal.json``, beside folders of photos) or one of its JSON files.

A journal file: ``{"metadata": {"version": "1.0"}, "entries": [{"uuid", "creationDate":
"2024-05-14T08:31:22Z", "timeZone": "Europe/London", "text", "tags": [...], "starred", …}]}``.
An entry keeps its date and time in its own zone (``timeZone``; UTC when it names none this
computer knows). Day One writes its text as Markdown: its backslash escapes (``\\.``) are read
as the characters, and a photo (``![](dayone-moment://…)``) becomes "[photo]". Tags and a star
are added on a last line of the text; photos, places and weather are not imported, nor is an
entry with no words at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import Any

from mentorjournal.exchange.files import MAX_IMPORT_BYTES
from mentorjournal.exchange.importers import (
    ForeignEntry,
    describe,
    read_json,
    refuse,
)
from mentorjournal.mentoring import zones

HOW = "in Day One: File › Export › JSON"
ZIP_MAGIC = b"PK\x03\x04"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation
_MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:[^)\n]*\)")


def parse(data: bytes) -> list[ForeignEntry]:
    """Every entry of a Day One export (.zip or JSON), or BadImport with one sentence."""
    if data.startswith(ZIP_MAGIC):
        return [entry for doc in _zip_documents(data) for entry in _journal(doc)]
    return _journal(data)


def _zip_documents(data: bytes) -> list[bytes]:
    """The JSON files of a Day One .zip (one per journal), at most MAX_IMPORT_BYTES in all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                m
                for m in archive.infolist()
                if m.filename.lower().endswith(".json") and not m.filename.startswith("__MACOSX/")
            ]
            if not members:
                raise refuse(f"the .zip holds no Day One journal (Journal.json); {HOW}.")
            if sum(m.file_size for m in members) > MAX_IMPORT_BYTES:
                raise refuse("the journals in the .zip are too large to read.")
            docs = []
            for member in members:
                with archive.open(member) as opened:
                    docs.append(opened.read(MAX_IMPORT_BYTES + 1))
            if sum(len(d) for d in docs) > MAX_IMPORT_BYTES:
                raise refuse("the journals in the .zip are too large to read.")
            return docs
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise refuse("the .zip cannot be read (it is damaged or not a Day One export).") from None


def _journal(data: bytes) -> list[ForeignEntry]:
    doc = read_json(data, "Day One", HOW)
    entries = doc.get("entries") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not (
        "metadata" in doc or any(isinstance(e, dict) and "creationDate" in e for e in entries)
    ):
        raise refuse(f"the file is not Day One's JSON export: {describe(doc)}.")
    return [_entry(entry, f"entries[{n}]") for n, entry in enumerate(entries)]


def _moment(entry: dict[str, Any], where: str) -> datetime:
    created = entry.get("creationDate")
    try:
        if not isinstance(created, str):
            raise ValueError
        at = datetime.fromisoformat(created)
        if at.tzinfo is None:
            raise ValueError
    except ValueError:
        raise refuse(
            f"{where}: “creationDate” must be a date and time such as 2024-05-14T08:31:22Z."
        ) from None
    zone = entry.get("timeZone")
    if isinstance(zone, str) and zones.is_zone_name(zone):
        return at.astimezone(zones.zone(zone))
    return at.astimezone(UTC)


def _entry(entry: Any, where: str) -> ForeignEntry:
    if not isinstance(entry, dict):
        raise refuse(f"{where}: each entry must be an object.")
    text = entry.get("text", "")
    if not isinstance(text, str):
        raise refuse(f"{where}: “text” must be text.")
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise refuse(f"{where}: “tags” must be a list of words.")
    at = _moment(entry, where)
    words = _ESCAPED.sub(r"\1", _MOMENT.sub("[photo]", text)).strip()
    named = [" ".join(t.split()) for t in tags if t.strip()]
    extra = ([f"Tags: {', '.join(named)}"] if named else []) + (
        ["Starred."] if entry.get("starred") is True else []
    )
    words = "\n\n".join(w for w in (words, " · ".join(extra)) if w)
    uid = entry.get("uuid")
    key = uid.upper() if isinstance(uid, str) and uid.strip() else f"{at.isoformat()}\n{text}"
    return ForeignEntry(key, at, words)
