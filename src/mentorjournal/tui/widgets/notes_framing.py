"""A meeting's two editors: the notes, and the problem as defined with alternative framings.

Side by side when the screen is wide (its ``-wide`` breakpoint class, from 120 columns), else one
at a time under two tabs. New framing starts from headings; headings alone count as empty.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, Tab, Tabs, TextArea

from mentorjournal.tui.widgets.steady import focus_now

FRAMING_TEMPLATE = "The problem as defined\n- \n\nAlternative framings\n- \n"
EDITORS = ("notes", "framing")


class NotesAndFraming(Vertical):
    """Notes and framing editors; ``switch`` moves between them (f5 on the meeting screen)."""

    SCOPED_CSS = False  # the rules below look at the screen's breakpoint class
    DEFAULT_CSS = """
    NotesAndFraming { height: 1fr; }
    NotesAndFraming #meeting-editors { height: 1fr; }
    NotesAndFraming .editor-pane { width: 1fr; height: 1fr; }
    NotesAndFraming TextArea { height: 1fr; }
    NotesAndFraming .pane-title { display: none; padding: 0 1; color: $text-secondary; }
    NotesAndFraming .editor-pane.-hidden { display: none; }
    .-wide NotesAndFraming .editor-pane.-hidden { display: block; }
    .-wide NotesAndFraming #meeting-tabs { display: none; }
    .-wide NotesAndFraming .pane-title { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Tabs(
            Tab("Notes", id="tab-notes"),
            Tab("Problem & framings", id="tab-framing"),
            id="meeting-tabs",
        )
        with Horizontal(id="meeting-editors"):
            with Vertical(id="notes-pane", classes="editor-pane"):
                yield Static("Notes", classes="pane-title")
                yield TextArea(id="meeting-notes", read_only=True)
            with Vertical(id="framing-pane", classes="editor-pane -hidden"):
                yield Static("The problem as defined · alternative framings", classes="pane-title")
                yield TextArea(id="meeting-framing", read_only=True)

    def editor(self, name: str) -> TextArea:
        return self.query_one(f"#meeting-{name}", TextArea)

    def load(self, notes: str, framing: str) -> None:
        self.editor("notes").load_text(notes)
        self.editor("framing").load_text(framing or FRAMING_TEMPLATE)

    @property
    def notes(self) -> str:
        return self.editor("notes").text

    @property
    def framing(self) -> str:
        text = self.editor("framing").text
        return "" if text == FRAMING_TEMPLATE else text

    def open(self) -> None:
        """Let the person type, in the notes."""
        for name in EDITORS:
            self.editor(name).read_only = False
        self.show("notes")

    def switch(self) -> None:
        self.show("notes" if self.screen.focused is self.editor("framing") else "framing")

    def show(self, name: str, *, focus: bool = True) -> None:
        self.query_one("#meeting-tabs", Tabs).active = f"tab-{name}"
        for other in EDITORS:
            self.query_one(f"#{other}-pane").set_class(other != name, "-hidden")
        if focus:
            focus_now(self.editor(name))

    @on(Tabs.TabActivated, "#meeting-tabs")
    def tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        self.show((event.tab.id or "tab-notes").removeprefix("tab-"), focus=False)
