"""The in-meeting prompt deck: one prompt at a time from the themes chosen while preparing.

The screen calls ``next``, ``previous``, ``toggle_used`` and ``next_theme`` (method calls go down);
the deck posts ``UsedChanged`` when a prompt is marked or unmarked (messages go up).
The chosen themes come first; the other themes follow, so any prompt can be reached in a meeting
whose conversation turns elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from mentorjournal.mentoring.prompts import Prompt, Theme

NO_PROMPTS = "No prompts to show. Add your own prompts in Settings."


class PromptDeck(Static):
    """Shows the current prompt with its theme, its position and whether it was used."""

    class UsedChanged(Message):
        def __init__(self, used: tuple[str, ...]) -> None:
            super().__init__()
            self.used = used

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(NO_PROMPTS, id=id)
        self.themes: list[Theme] = []
        self.chosen: set[str] = set()
        self.used: list[str] = []
        self.theme_index = 0
        self.prompt_index = 0

    def load(self, themes: Iterable[Theme], chosen: Iterable[str], used: Iterable[str]) -> None:
        """``themes``: every theme; ``chosen``: keys chosen for this meeting (none: all)."""
        with_prompts = [t for t in themes if t.prompts]
        by_key = {t.key: t for t in with_prompts}
        picked = [by_key[k] for k in dict.fromkeys(chosen) if k in by_key]
        self.chosen = {t.key for t in picked} or set(by_key)
        self.themes = picked + [t for t in with_prompts if t not in picked]
        self.used = list(dict.fromkeys(used))
        self.theme_index = 0
        self.prompt_index = self._first_unused()
        self.show()

    @property
    def theme(self) -> Theme | None:
        return self.themes[self.theme_index] if self.themes else None

    @property
    def prompt(self) -> Prompt | None:
        theme = self.theme
        return theme.prompts[self.prompt_index] if theme else None

    def next(self) -> None:
        self._move(1)

    def previous(self) -> None:
        self._move(-1)

    def next_theme(self) -> None:
        if not self.themes:
            return
        self.theme_index = (self.theme_index + 1) % len(self.themes)
        self.prompt_index = self._first_unused()
        self.show()

    def toggle_used(self) -> None:
        prompt = self.prompt
        if prompt is None:
            return
        if prompt.key in self.used:
            self.used.remove(prompt.key)
        else:
            self.used.append(prompt.key)
        self.show()
        self.post_message(self.UsedChanged(tuple(self.used)))

    def _move(self, step: int) -> None:
        theme = self.theme
        if theme is None:
            return
        self.prompt_index = (self.prompt_index + step) % len(theme.prompts)
        self.show()

    def _first_unused(self) -> int:
        theme = self.theme
        if theme is None:
            return 0
        for index, prompt in enumerate(theme.prompts):
            if prompt.key not in self.used:
                return index
        return 0

    def show(self) -> None:
        theme, prompt = self.theme, self.prompt
        if theme is None or prompt is None:
            self.update(NO_PROMPTS)
            return
        text = Text()
        text.append(theme.title, style="bold")
        text.append(f"  {self.prompt_index + 1}/{len(theme.prompts)}")
        if theme.key not in self.chosen:
            text.append("  (not chosen for this meeting)", style="dim")
        if prompt.key in self.used:
            text.append("  ✓ used", style="bold green")
        text.append("\n")
        text.append(prompt.text, style="italic" if prompt.own else "")
        self.update(text)
