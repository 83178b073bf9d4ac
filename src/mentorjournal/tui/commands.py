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
    ("Review", "Review last month's actions", navigation.review),
    ("Reflect", "A Gibbs reflection", navigation.new_reflection),
    ("Insight", "Meetings, outcomes, well-being and themes over time", navigation.insight),
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
