"""The command palette: every action of the app by name (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from mentorjournal.tui import navigation

if TYPE_CHECKING:
    from mentorjournal.tui.app import MentorJournalApp

# One command per relationship for each: "<verb>: <title>", what it does, where it goes.
PER_RELATIONSHIP: tuple[tuple[str, str, Callable[[MentorJournalApp, str], None]], ...] = (
    ("Open", "The relationship's page", navigation.open_relationship),
    ("Edit", "Its title, purpose, ground rules, dates and cadence", navigation.edit_relationship),
    ("Prepare", "Prepare the next meeting", navigation.prepare),
    ("Meet", "Start the meeting with prompts", navigation.meet),
    ("Review", "How each open action went, kept with this meeting", navigation.review),
    ("Reflect", "A reflection: Gibbs, Driscoll or Kolb", navigation.new_reflection),
    ("Opening reflection", "Hopes, worries, what you bring", navigation.opening_reflection),
    ("Programme and model", "The programme it follows; how it is reflected on", navigation.arc),
    (
        "End or close",
        "End it; once ended, then and now and the wider impact",
        navigation.end_or_close,
    ),
    ("Insight", "Meetings, outcomes, well-being and themes over time", navigation.insight),
    ("Meetings", "Hold a missed meeting late, move or cancel one", navigation.meetings),
    (
        "Move the next meeting",
        "One meeting to another time; the rest stay",
        navigation.move_next_meeting,
    ),
    ("Cancel the next meeting", "With a reason if you like", navigation.cancel_next_meeting),
    (
        "Change cadence",
        "How often, what time, how long, which zone — from a day on",
        navigation.change_cadence,
    ),
)


def journal_commands(app: MentorJournalApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Commands for an unlocked journal; per-relationship ones for each relationship."""
    yield SystemCommand("Home", "Every relationship and what to do next", lambda: go_home(app))
    yield SystemCommand(
        "New relationship", "Add a mentoring relationship", lambda: navigation.new_relationship(app)
    )
    yield SystemCommand(
        "Actions board", "Every action step, with filters", lambda: navigation.actions_board(app)
    )
    yield SystemCommand("Search", "Find any words in the journal", lambda: navigation.search(app))
    yield SystemCommand(
        "Support and well-being", "Your support contacts and check-ins", app.action_support
    )
    yield SystemCommand(
        "Settings",
        "Auto-lock, meeting length, theme, passphrase, backup",
        lambda: navigation.settings(app),
    )
    yield SystemCommand(
        "Recently deleted",
        "Restore what was deleted in the last 30 days, or empty the bin",
        lambda: navigation.recently_deleted(app),
    )
    yield SystemCommand("Lock", "Lock the journal now", app.action_lock)
    yield SystemCommand("Help", "Keys for this screen", app.action_help)
    journal = app.need_journal()
    for rel in journal.relationships():
        for verb, help_text, go in PER_RELATIONSHIP:
            yield SystemCommand(f"{verb}: {rel.title}", help_text, partial(go, app, rel.id))


def go_home(app: MentorJournalApp) -> None:
    from mentorjournal.tui.screens.home import HomeScreen

    while len(app.screen_stack) > 2 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()
