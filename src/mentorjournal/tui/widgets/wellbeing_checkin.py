"""A well-being check-in: a score from 1 (low) to 5 (good) and a short note.

Reusable wherever a check-in is asked (before a meeting, after a review, at the end of a
meeting). It only shows and edits the values and posts messages up; the screen stores them.

    yield WellbeingInput("How are you, before the meeting?", id="before")
    ...
    @on(WellbeingInput.Changed)     # score or note changed by the person
    @on(WellbeingInput.Submitted)   # enter pressed in the note
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, RadioButton, RadioSet, Static

from mentorjournal.tui import keymap

SCORES = (1, 2, 3, 4, 5)


class ScoreSet(RadioSet):
    """Five radio buttons in a row; the digit keys 1–5 choose directly."""

    KEY_SECTION = "wellbeing"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def action_choose(self, score: int) -> None:
        buttons = list(self.query(RadioButton))
        buttons[score - 1].value = True


class WellbeingInput(Vertical):
    """A score 1–5 and a note; ``score`` is None until one is chosen."""

    DEFAULT_CSS = """
    WellbeingInput {
        height: auto;
    }
    WellbeingInput .wellbeing-row {
        height: auto;
    }
    WellbeingInput ScoreSet {
        layout: horizontal;
        width: auto;
        height: auto;
    }
    WellbeingInput ScoreSet RadioButton {
        width: auto;
    }
    WellbeingInput Input {
        width: 1fr;
        min-width: 16;
    }
    WellbeingInput .wellbeing-label {
        color: $text-secondary;
    }
    """

    @dataclass
    class Values(Message):
        """The score and note shown now (the base of ``Changed`` and ``Submitted``)."""

        widget: WellbeingInput
        score: int | None
        note: str

        @property
        def control(self) -> WellbeingInput:
            return self.widget

    class Changed(Values):
        """The person chose a score or changed the note."""

    class Submitted(Values):
        """Enter was pressed in the note."""

    def __init__(
        self,
        label: str = "How are you? 1 = low, 5 = good (press a digit)",
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.label = label
        self._score: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="wellbeing-label")
        with Horizontal(classes="wellbeing-row"):
            with ScoreSet(classes="wellbeing-score"):
                for n in SCORES:
                    yield RadioButton(str(n), name=str(n))
            yield Input(placeholder="a note, if you like", classes="wellbeing-note")

    @property
    def score(self) -> int | None:
        return self._score

    @property
    def note(self) -> str:
        return self.query_one(".wellbeing-note", Input).value

    def set_value(self, score: int | None, note: str) -> None:
        """Show a stored check-in, without posting ``Changed``."""
        with self.prevent(RadioSet.Changed, Input.Changed):
            if score is not None and 1 <= score <= 5:
                self._score = score
                list(self.query(RadioButton))[score - 1].value = True
            self.query_one(".wellbeing-note", Input).value = note

    def set_label(self, label: str) -> None:
        self.label = label
        self.query_one(".wellbeing-label", Static).update(label)

    def clear(self) -> None:
        """Empty again (no score, no note), e.g. after the check-in was stored."""
        self._score = None
        # RadioButton.Changed prevented: the set would switch a button turned off back on.
        with self.prevent(RadioButton.Changed, RadioSet.Changed, Input.Changed):
            for button in self.query(RadioButton):
                button.value = False
            self.query_one(".wellbeing-note", Input).value = ""

    def focus_score(self) -> None:
        self.query_one(ScoreSet).focus()

    def focus_note(self) -> None:
        self.query_one(".wellbeing-note", Input).focus()

    @on(RadioSet.Changed)
    def _score_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._score = event.index + 1
        self.post_message(self.Changed(self, self.score, self.note))

    @on(Input.Changed)
    def _note_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.score, self.note))

    @on(Input.Submitted)
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, self.score, self.note))
