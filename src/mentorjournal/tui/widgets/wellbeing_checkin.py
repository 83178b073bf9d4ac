"""A well-being check-in: a score from 1 (low) to 5 (good) and a short note.

The one way to check in, wherever it is asked (the support screen, before a meeting, after a
review): the score row first, then the note. A digit on the score row chooses the score; tab goes
on to the note; enter (on the score row or in the note) asks to save both. Letters typed on the
score row go into the note, so "digit, then type" keeps the typing too. The widget only shows and
edits the values and posts messages up; the screen stores them (enter and ctrl+s), and before
leaving calls ``leave_keeping_checkin`` so that a note is never dropped unasked.

    yield WellbeingInput("Before the meeting, how are you?", id="before")
    ...
    @on(WellbeingInput.Changed)     # score or note changed by the person
    @on(WellbeingInput.Submitted)   # enter pressed on the score row or in the note
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, RadioButton, RadioSet, Static

from mentorjournal.tui import keymap
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.tick_list import DotButton

SCORES = (1, 2, 3, 4, 5)
DIGITS = {str(n) for n in SCORES}
KEYS = "1 (low) to 5 (good), then tab for a note"  # after the question, wherever it is asked


class ScoreButton(DotButton):
    """One score; its dot shows only while it is the chosen one, so the choice reads without
    colour (NO_COLOR, a monochrome terminal, colour-blindness)."""


class ScoreSet(RadioSet):
    """Five scores in a row: the digit keys 1–5 choose, enter asks to save, and other typing is
    passed on to the note (posted as ``TypedAhead``)."""

    KEY_SECTION = "wellbeing"
    BINDINGS = keymap.bindings(KEY_SECTION)

    @dataclass
    class TypedAhead(Message):
        """A character typed on the score row, meant for the note."""

        character: str

    class SubmitAsked(Message):
        """Enter on the score row."""

    def action_choose(self, score: int) -> None:
        buttons = list(self.query(RadioButton))
        buttons[score - 1].value = True

    def action_submit(self) -> None:
        self.post_message(self.SubmitAsked())

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Printable keys other than the scores (and space, which chooses the highlighted one)
        # are typing for the note: the screen's letter keys do not take them from here.
        return _for_the_note(character)

    async def _on_key(self, event: events.Key) -> None:
        if _for_the_note(event.character):
            event.stop()
            event.prevent_default()
            assert event.character is not None
            self.post_message(self.TypedAhead(event.character))


def _for_the_note(character: str | None) -> bool:
    return (
        character is not None
        and character.isprintable()
        and character not in DIGITS
        and character != " "
    )


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
        """Enter was pressed on the score row or in the note: save score and note."""

    def __init__(
        self,
        question: str = "How are you?",
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.label = f"{question} {KEYS}"
        self._score: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.label, classes="wellbeing-label")
        with Horizontal(classes="wellbeing-row"):
            with ScoreSet(classes="wellbeing-score"):
                for n in SCORES:
                    yield ScoreButton(str(n), name=str(n))
            # Not all selected on focus: typing on from the score row, or tabbing back into a
            # stored note, adds to the note rather than replacing it.
            yield Input(
                placeholder="a note, if you like", classes="wellbeing-note", select_on_focus=False
            )

    @property
    def score(self) -> int | None:
        return self._score

    @property
    def note(self) -> str:
        return self.query_one(".wellbeing-note", Input).value

    @property
    def note_without_score(self) -> bool:
        """A note is typed but no score chosen: it cannot be kept until a score is."""
        return self._score is None and bool(self.note.strip())

    @property
    def entered(self) -> bool:
        """A score is chosen or a note typed."""
        return self._score is not None or bool(self.note.strip())

    def set_value(self, score: int | None, note: str) -> None:
        """Show a stored check-in, without posting ``Changed``."""
        with self.prevent(RadioSet.Changed, Input.Changed):
            if score is not None and 1 <= score <= 5:
                self._score = score
                list(self.query(RadioButton))[score - 1].value = True
            self.query_one(".wellbeing-note", Input).value = note

    def set_question(self, question: str) -> None:
        self.label = f"{question} {KEYS}"
        self.query_one(".wellbeing-label", Static).update(self.label)

    def clear(self) -> None:
        """Empty again (no score, no note), e.g. after the check-in was stored."""
        self._score = None
        # RadioButton.Changed prevented: the set would switch a button turned off back on.
        with self.prevent(RadioButton.Changed, RadioSet.Changed, Input.Changed):
            for button in self.query(RadioButton):
                button.value = False
            self.query_one(".wellbeing-note", Input).value = ""

    # At once (not after a refresh, as ``focus()`` does): the next key of a burst goes there.

    def focus_score(self) -> None:
        self.screen.set_focus(self.query_one(ScoreSet))

    def focus_note(self) -> None:
        self.screen.set_focus(self.query_one(".wellbeing-note", Input))

    @on(RadioSet.Changed)
    def _score_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._score = event.index + 1
        self.post_message(self.Changed(self, self.score, self.note))

    @on(ScoreSet.TypedAhead)
    def _typed_on_score_row(self, event: ScoreSet.TypedAhead) -> None:
        event.stop()
        note = self.query_one(".wellbeing-note", Input)
        self.focus_note()
        note.insert_text_at_cursor(event.character)

    @on(Input.Changed)
    def _note_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.score, self.note))

    @on(Input.Submitted)
    @on(ScoreSet.SubmitAsked)
    def _submitted(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Submitted(self, self.score, self.note))


def leave_keeping_checkin(
    screen: Screen[Any],
    checkin: WellbeingInput,
    leave: Callable[[], object],
    *,
    skipping: bool = False,
) -> None:
    """Call ``leave`` now if nothing entered in ``checkin`` would be lost by it; else ask first.

    A screen stores a scored check-in before leaving, so only a note without a score is at risk;
    ``skipping`` leaves without storing, so a score or a note is. Asked, "Keep it" (which has the
    focus, as do esc and n) returns to the score row."""
    at_risk = checkin.entered if skipping else checkin.note_without_score
    if not at_risk:
        leave()
        return

    def answered(discard: bool | None) -> None:
        if discard:
            leave()
        else:
            checkin.focus_score()

    if skipping:
        question = "Skip the check-in?"
        detail = "The score and note you entered are not kept. Enter or ctrl+s saves them."
        confirm = "Skip it"
    else:
        question = "Discard your note?"
        detail = (
            "A check-in is kept with its score. Keep it, then press 1 (low) to 5 (good): "
            "the note is saved with the score."
        )
        confirm = "Discard the note"
    screen.app.push_screen(
        ConfirmDialog(question, detail, confirm_label=confirm, cancel_label="Keep it", danger=True),
        answered,
    )
