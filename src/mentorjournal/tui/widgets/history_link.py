"""Opening History (f6) from a screen that shows an entry's texts: what is typed is saved
first, and once a version is restored the screen is given the entry as stored now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mentorjournal.tui.screens.base import JournalMixin

NOTHING_YET = "Nothing is saved here yet, so there is no history."


async def open_history(
    screen: JournalMixin,
    kind: type,
    entry_id: str | None,
    restored: Callable[[Any], None],
    fields: tuple[str, ...] | None = None,
) -> None:
    """History of ``entry_id``'s texts (``fields``: only those) over ``screen``."""
    from mentorjournal.tui.screens.history import HistoryScreen

    app = screen.app
    if entry_id is None:
        app.notify(NOTHING_YET, timeout=4)
        return
    save_now = getattr(screen, "save_draft_now", None)
    if save_now is not None:
        await save_now()  # the history compares with what is typed now

    def closed(field: str | None) -> None:
        if field is not None:
            journal = screen.journal
            screen.run_journal(lambda: journal.get(kind, entry_id), restored)

    app.push_screen(HistoryScreen(kind, entry_id, fields), closed)
