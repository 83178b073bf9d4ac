"""A meeting's agenda as built by ``preparation.build_agenda``: sections, overdue and
carried-forward marks, what was reviewed already (✓), and practicality gaps.
Shown while preparing; the meeting screen may show it too."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from mentorjournal.mentoring.agenda import carried_words
from mentorjournal.mentoring.preparation import SECTION_TITLES, AgendaItem

EMPTY = "Nothing yet: no open actions, no action plan, no themes."


def agenda_content(items: list[AgendaItem]) -> Content:
    if not items:
        return Content.styled(EMPTY, "dim")
    parts: list[str | tuple[str, str]] = []
    kind = ""
    for item in items:
        if item.kind != kind:
            kind = item.kind
            parts.append((("\n" if parts else "") + SECTION_TITLES[kind] + "\n", "bold"))
        parts.append(("✓ " if item.reviewed is not None else "• ") + item.text)
        if item.overdue:
            parts.append(("  overdue", "bold $error"))
        if item.detail:
            parts.append((f"  {item.detail}", "dim"))
        if item.carried:
            parts.append((f"  ↻ {carried_words(item.carried)}", "bold $warning"))
        if item.gap:
            parts.append(("  ⚠ practicality gap", "$error"))
        parts.append("\n")
    return Content.assemble(*parts).rstrip()


class AgendaView(Static):
    """Shows a list of agenda items; ``show(items)`` replaces them."""

    DEFAULT_CSS = """
    AgendaView {
        height: auto;
    }
    """

    def show(self, items: list[AgendaItem]) -> None:
        self.update(agenda_content(items))
