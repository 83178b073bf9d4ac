"""The person's own prompts and themes, and which built-in prompts they hid.

Shows what it is given (``show(rows)``) and posts what the person asked for; the screen stores
the :class:`~mentorjournal.domain.OwnPrompt` rows. The rules for the rows are those of
:func:`mentorjournal.mentoring.prompts.merge_themes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, SelectionList, Static

from mentorjournal.domain import OwnPrompt
from mentorjournal.mentoring.prompts import Theme, builtin_themes, merge_themes, theme_by_key
from mentorjournal.tui.widgets.steady import SteadySelectionList


def hidden_builtins(rows: Iterable[OwnPrompt]) -> dict[str, OwnPrompt]:
    """The row that decides each built-in prompt's visibility (the last one, as merge does)."""
    return {row.hides: row for row in rows if row.hides}


def own_theme_key(title: str, taken: Iterable[str]) -> str:
    """A new theme key from its title, unlike every key in use."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40] or "theme"
    used = set(taken)
    key, n = f"own-{slug}", 2
    while key in used:
        key, n = f"own-{slug}-{n}", n + 1
    return key


def own_list(rows: list[OwnPrompt], themes: list[Theme]) -> Text:
    builtin_keys = {t.key for t in builtin_themes()}
    text = Text()
    for row in rows:
        if row.text.strip():
            theme = theme_by_key(themes, row.theme)
            text.append("• ")
            text.append(row.text.strip())
            text.append(f"  ({theme.title if theme else 'a hidden theme'})\n", style="dim")
        elif row.theme_title.strip() and not row.hides and row.theme not in builtin_keys:
            text.append("◆ ", style="bold")
            text.append(f"Theme of your own: {row.theme_title.strip()}\n", style="bold")
    if not text:
        text.append("None yet.", style="dim")
    text.rstrip()
    return text


class OwnPromptsPanel(VerticalScroll):
    """Choose a theme; show or hide its built-in prompts; add a prompt; add a theme."""

    DEFAULT_CSS = """
    OwnPromptsPanel { height: 1fr; }
    OwnPromptsPanel #builtin-prompts { height: auto; max-height: 12; }
    OwnPromptsPanel .section-title { text-style: bold; margin-top: 1; }
    """

    @dataclass
    class AddPrompt(Message):
        theme: str
        text: str

    @dataclass
    class AddTheme(Message):
        title: str

    @dataclass
    class ToggleBuiltin(Message):
        theme: str
        prompt_key: str
        shown: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[OwnPrompt] = []
        self.themes: list[Theme] = merge_themes([])
        self.listed_theme = ""  # the theme whose built-in prompts are listed

    def compose(self) -> ComposeResult:
        yield Static(
            "Prompts come up in meetings by theme. Add your own, start a theme of your own, "
            "or hide a built-in prompt you would rather not see.",
            classes="muted",
        )
        yield Label("Theme", classes="field-label")
        yield Select([(t.title, t.key) for t in self.themes], allow_blank=False, id="prompt-theme")
        yield Static("", id="theme-about", classes="muted")
        yield Label(
            "Built-in prompts (space shows or hides one in meetings)",
            id="builtin-label",
            classes="field-label",
        )
        yield SteadySelectionList(id="builtin-prompts")
        yield Input(placeholder="A prompt of your own for this theme, then enter", id="new-prompt")
        yield Static("", id="prompts-message", classes="error")
        yield Static("Your own prompts and themes", classes="section-title")
        yield Static("", id="own-prompt-list")
        yield Input(placeholder="Start a theme of your own: its title, then enter", id="new-theme")

    @property
    def theme_key(self) -> str:
        value = self.query_one("#prompt-theme", Select).value
        return value if isinstance(value, str) else ""

    def show(self, rows: list[OwnPrompt], select_theme: str | None = None) -> None:
        """Show these rows (``journal.own_prompts()``); keep or move to the chosen theme."""
        self.rows = rows
        self.themes = merge_themes(rows)
        chooser = self.query_one("#prompt-theme", Select)
        keep = select_theme or self.theme_key
        chooser.set_options((t.title, t.key) for t in self.themes)
        if theme_by_key(self.themes, keep) is not None:
            chooser.value = keep
        self.show_theme()
        self.query_one("#own-prompt-list", Static).update(own_list(rows, self.themes))

    @on(Select.Changed, "#prompt-theme")
    def show_theme(self) -> None:
        key = self.theme_key
        theme = theme_by_key(self.themes, key)
        builtin = theme_by_key(builtin_themes(), key)
        about = self.query_one("#theme-about", Static)
        about.update(theme.summary if theme and theme.summary else "A theme of your own.")
        hidden = hidden_builtins(self.rows)
        listing = self.query_one("#builtin-prompts", SelectionList)
        keep = listing.highlighted if key == self.listed_theme else None
        self.listed_theme = key
        listing.clear_options()
        if builtin is not None:
            listing.add_options(
                (p.text, p.key, not (p.key in hidden and hidden[p.key].hidden))
                for p in builtin.prompts
            )
            listing.highlighted = keep if keep is not None else 0
        listing.display = builtin is not None
        self.query_one("#builtin-label").display = builtin is not None

    @on(SelectionList.SelectionToggled, "#builtin-prompts")
    def toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        key = event.selection.value
        self.post_message(
            self.ToggleBuiltin(self.theme_key, key, key in event.selection_list.selected)
        )

    @on(Input.Submitted, "#new-prompt")
    def add_prompt(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.say("Type the prompt first, then press enter.")
            return
        self.post_message(self.AddPrompt(self.theme_key, event.value.strip()))

    @on(Input.Submitted, "#new-theme")
    def add_theme(self, event: Input.Submitted) -> None:
        title = event.value.strip()
        if not title:
            self.say("Type the new theme's title first, then press enter.")
        elif any(t.title.casefold() == title.casefold() for t in self.themes):
            self.say(f"There is already a theme called “{title}”.")
        else:
            self.post_message(self.AddTheme(title))

    def say(self, text: str) -> None:
        self.query_one("#prompts-message", Static).update(text)

    def added(self, which: str) -> None:
        """The screen stored what was asked: clear that box."""
        self.query_one(f"#{which}", Input).value = ""
        self.say("")
