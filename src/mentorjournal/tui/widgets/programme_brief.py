"""While preparing: where the relationship is in its programme, and that meeting's brief."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from mentorjournal.mentoring import programme as programmes
from mentorjournal.mentoring.programme import Programme


class ProgrammeBrief(Static):
    """Hidden until there is a programme to show."""

    DEFAULT_CSS = "ProgrammeBrief { height: auto; padding: 0 0 0 2; display: none; }"

    def show(self, programme: Programme, number: int, titles: Mapping[str, str]) -> tuple[str, ...]:
        """Show meeting ``number`` of ``programme``; returns the themes it gives the meeting."""
        meeting = programme.meeting(number)
        words = programmes.where_words(programme, number - 1, titles)
        brief = "\n" + meeting.brief if meeting is not None and meeting.brief else ""
        self.update(
            Content.assemble(("Programme", "bold"), f" · {programme.name} · {words}", brief)
        )
        self.display = True
        return meeting.themes if meeting is not None else ()
