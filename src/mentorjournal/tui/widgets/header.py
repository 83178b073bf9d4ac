"""The header of every screen: the app's title and the screen's, after a plain icon.

Textual's default icon ("⭘") is missing from some terminal fonts; "≡" is in all the usual ones
(and, as before, a click on it opens the command palette).

Textual 8.2.8's Header updates its title from watchers that may run while the app is closing,
after the title widget has gone ("No nodes match 'HeaderTitle'"), which ended a quit right after
unlocking with the "unexpected problem" sentence and exit code 1. This header's watchers let a
title that is no longer there be.
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

ICON = "≡"


class JournalHeader(Header):
    def _on_mount(self, event: Mount) -> None:
        # Not Header's own watchers (Textual calls each class's handler unless prevented); the
        # plain widget's part is kept.
        event.prevent_default()
        Widget._on_mount(self, event)

        async def set_title() -> None:
            with suppress(NoMatches, NoScreen):  # the header is being taken down
                self.query_one(HeaderTitle).update(self.format_title())

        for owner in (self.app, self.screen):
            self.watch(owner, "title", set_title)
            self.watch(owner, "sub_title", set_title)

    def on_unmount(self) -> None:
        """Let go of the app's title: Textual drops a gone widget's watcher only when the title
        changes, which the app's never does, so every header (and its screen's widgets, drawn
        lines and caches) would stay in memory for the whole session, and every full garbage
        collection would walk them all."""
        watchers = getattr(self.app, "__watchers", {})  # textual.reactive's own store
        for name in ("title", "sub_title"):
            kept = watchers.get(name, [])
            kept[:] = [(node, call) for node, call in kept if node is not self]


def journal_header() -> Header:
    return JournalHeader(icon=ICON)
