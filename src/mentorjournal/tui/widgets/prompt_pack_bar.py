"""A row under the person's own prompts: export them as a prompt pack (with a programme, if the
journal has one and the person chooses it), or import one.

Posts what the person asked for (``Export`` / ``Import`` with the path typed); the screen does
the work and reports back with :meth:`PromptPackBar.say`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

NO_PROGRAMME = ""  # the programme Select's value for "themes and prompts only"


class PromptPackBar(Vertical):
    """A path, an Export button and an Import button, and one line of news."""

    DEFAULT_CSS = """
    PromptPackBar { height: auto; margin-top: 1; }
    PromptPackBar #pack-row { height: auto; }
    PromptPackBar #pack-path { width: 1fr; }
    PromptPackBar Button { margin-left: 1; }
    PromptPackBar #pack-message { height: auto; }
    PromptPackBar #pack-programme { width: 1fr; display: none; }
    """

    @dataclass
    class Export(Message):
        path: Path
        programme: str | None = None  # the name of the programme to export with the themes

    @dataclass
    class Import(Message):
        path: Path

    def __init__(self, default_path: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        yield Label(
            "Prompt pack (TOML) — share your themes and prompts, or add a handbook's",
            classes="field-label",
        )
        with Horizontal(id="pack-row"):
            yield Input(self.default_path, id="pack-path")
            yield Button("Export", id="pack-export")
            yield Button("Import", id="pack-import")
        yield Select(
            [("Themes and prompts only", NO_PROGRAMME)],
            value=NO_PROGRAMME,
            allow_blank=False,
            id="pack-programme",
        )
        yield Static(
            "Export writes your own themes and prompts; the file is not encrypted.",
            id="pack-message",
            classes="muted",
        )

    def path(self) -> Path | None:
        text = self.query_one("#pack-path", Input).value.strip()
        if not text:
            self.say("Type the prompt pack's file name first.", error=True)
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else Path.home() / path

    def offer_programmes(self, names: list[str]) -> None:
        """The programmes the journal has, to export one with the themes (hidden if none)."""
        box = self.query_one("#pack-programme", Select)
        chosen = box.value
        options = [("Themes and prompts only", NO_PROGRAMME)]
        options += [(f"With the programme “{name}”", name) for name in names]
        box.set_options(options)
        box.value = chosen if chosen in names else NO_PROGRAMME
        box.display = bool(names)

    @on(Button.Pressed, "#pack-export")
    def export(self) -> None:
        path = self.path()
        chosen = self.query_one("#pack-programme", Select).value
        if path is not None:
            programme = chosen if isinstance(chosen, str) and chosen else None
            self.post_message(self.Export(path, programme))

    @on(Button.Pressed, "#pack-import")
    def import_(self) -> None:
        path = self.path()
        if path is not None:
            self.post_message(self.Import(path))

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#pack-message", Static)
        message.update(Content(text))
        message.set_class(error, "error")
        message.set_class(not error, "muted")
