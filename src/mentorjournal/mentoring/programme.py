"""A scheme's programme: for meeting 1, 2, 3 … which themes, and a short brief for the person
(tip 5 of the source documents: "topics with prompts or suggested questions for each meeting").

A prompt pack may carry one (exchange/prompt_packs.py); attached to a relationship, preparing
for its next meeting pre-selects that meeting's themes and shows the brief. The meeting a
relationship is at is the number of meetings held so far, plus one.

Pure: plain values in and out (the journal keeps a programme as a setting).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mentorjournal.errors import InvalidEntry

MAX_MEETINGS = 200  # a programme longer than this is a mistake, not a scheme


@dataclass(frozen=True)
class ProgrammeMeeting:
    number: int  # from 1
    themes: tuple[str, ...]  # theme keys (the pack's own or the built-in library's)
    brief: str = ""
    title: str = ""  # optional; else the themes' titles name the meeting


@dataclass(frozen=True)
class Programme:
    name: str
    meetings: tuple[ProgrammeMeeting, ...]  # by number, each number once

    @property
    def total(self) -> int:
        """How many meetings the programme runs to (its highest meeting number)."""
        return max((m.number for m in self.meetings), default=0)

    def meeting(self, number: int) -> ProgrammeMeeting | None:
        return next((m for m in self.meetings if m.number == number), None)

    def theme_keys(self) -> set[str]:
        return {key for m in self.meetings for key in m.themes}

    def with_keys(self, renamed: Mapping[str, str]) -> Programme:
        """The same programme with theme keys renamed (a pack's theme joined one already in the
        journal under another key)."""
        meetings = tuple(
            ProgrammeMeeting(m.number, tuple(renamed.get(k, k) for k in m.themes), m.brief, m.title)
            for m in self.meetings
        )
        return Programme(self.name, meetings)


def _fail(message: str) -> InvalidEntry:
    return InvalidEntry(message)


def programme_from(name: str, rows: Any) -> Programme:
    """A programme from its plain form (``[{"meeting": 1, "themes": […], "brief": "…"}, …]``,
    as a pack's ``[[programme]]`` tables or a stored setting hold it); raises InvalidEntry with
    one sentence saying what is wrong."""
    if not isinstance(rows, list) or not rows:
        raise _fail("The programme has no meetings: each one starts with [[programme]].")
    meetings: dict[int, ProgrammeMeeting] = {}
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise _fail(f"Entry {n} of the programme is not a table.")
        number = row.get("meeting")
        if type(number) is not int or not 1 <= number <= MAX_MEETINGS:
            raise _fail(
                f"Entry {n} of the programme needs meeting = a number from 1 to {MAX_MEETINGS}."
            )
        if number in meetings:
            raise _fail(f"The programme gives meeting {number} twice.")
        themes = row.get("themes", [])
        if not isinstance(themes, list) or not all(
            isinstance(k, str) and k.strip() for k in themes
        ):
            raise _fail(f'Meeting {number} of the programme needs themes = ["key", …].')
        brief, title = row.get("brief", ""), row.get("title", "")
        if not isinstance(brief, str) or not isinstance(title, str):
            raise _fail(f"The brief and title of meeting {number} must be text in quotes.")
        keys = tuple(dict.fromkeys(k.strip() for k in themes))
        meetings[number] = ProgrammeMeeting(number, keys, brief.strip(), title.strip())
    return Programme(name.strip(), tuple(meetings[k] for k in sorted(meetings)))


def programme_rows(programme: Programme) -> list[dict[str, Any]]:
    """The plain form :func:`programme_from` reads (empty brief and title left out)."""
    rows: list[dict[str, Any]] = []
    for m in programme.meetings:
        row: dict[str, Any] = {"meeting": m.number, "themes": list(m.themes)}
        if m.title:
            row["title"] = m.title
        if m.brief:
            row["brief"] = m.brief
        rows.append(row)
    return rows


def to_plain(programme: Programme) -> dict[str, Any]:
    return {"name": programme.name, "meetings": programme_rows(programme)}


def from_plain(value: Any) -> Programme | None:
    """A stored programme, or None for none (or one this version cannot read)."""
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return None
    try:
        return programme_from(value["name"], value.get("meetings"))
    except InvalidEntry:
        return None


def check_themes(programme: Programme, known: Iterable[str]) -> None:
    """Every theme the programme names is one of ``known`` (the pack's and the library's);
    else one sentence naming the first that is not."""
    have = set(known)
    for m in programme.meetings:
        for key in m.themes:
            if key not in have:
                raise _fail(
                    f"Meeting {m.number} of the programme names the theme {key!r}, which is "
                    "neither a theme of the pack nor a built-in one."
                )


def meeting_title(meeting: ProgrammeMeeting, titles: Mapping[str, str]) -> str:
    """What a programme meeting is about: its title, else its themes' titles."""
    if meeting.title:
        return meeting.title
    return ", ".join(titles.get(k, k) for k in meeting.themes)


def next_number(held: int) -> int:
    """The number of the next meeting of a relationship that has held ``held`` meetings."""
    return held + 1


def where_words(programme: Programme, held: int, titles: Mapping[str, str]) -> str:
    """Where a relationship stands in its programme: "meeting 3 of 8: Belonging"."""
    number, total = next_number(held), programme.total
    if number > total:
        return f"all {total} meetings of “{programme.name}” held"
    meeting = programme.meeting(number)
    about = meeting_title(meeting, titles) if meeting is not None else ""
    return f"meeting {number} of {total}" + (f": {about}" if about else "")
