"""The command palette: every action of the app by name (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from mentorjournal.tui import navigation

if TYPE_CHECKING:
    from mentorjournal.tui.app import MentorJournalApp


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
        rid = rel.id
        yield SystemCommand(
            f"Open: {rel.title}",
            "The relationship's page",
            lambda rid=rid: navigation.open_relationship(app, rid),
        )
        yield SystemCommand(
            f"Prepare: {rel.title}",
            "Prepare the next meeting",
            lambda rid=rid: navigation.prepare(app, rid),
        )
        yield SystemCommand(
            f"Meet: {rel.title}",
            "Start the meeting with prompts",
            lambda rid=rid: navigation.meet(app, rid),
        )
        yield SystemCommand(
            f"Review: {rel.title}",
            "Review last month's actions",
            lambda rid=rid: navigation.review(app, rid),
        )
        yield SystemCommand(
            f"Reflect: {rel.title}",
            "A Gibbs reflection",
            lambda rid=rid: navigation.new_reflection(app, rid),
        )


def go_home(app: MentorJournalApp) -> None:
    from mentorjournal.tui.screens.home import HomeScreen

    while len(app.screen_stack) > 2 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()
