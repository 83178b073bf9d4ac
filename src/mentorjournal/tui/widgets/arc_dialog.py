"""Dialogs about a relationship's arc: the programme it follows and the model its reflections
are written in (``ArcDialog``), and its end (``EndDialog``).

Each dismisses with what it stored, or None when the person goes back: nothing is changed then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from mentorjournal.domain import Relationship
from mentorjournal.errors import JournalError
from mentorjournal.mentoring import schedule
from mentorjournal.mentoring.dates import DateInputError, format_day, parse_date
from mentorjournal.mentoring.models import chosen_models
from mentorjournal.mentoring.programme import Programme
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.discard import leave_or_ask, typed_state

NONE = "none"  # the programme Select's value for "no programme"
EXAMPLE = "example"  # … for the example pack shipped with the app (imported when chosen)


@dataclass
class ArcChoices:
    relationship: Relationship
    programmes: list[Programme]
    attached: Programme | None
    model: str
    example: str  # the example programme's name ("" when it is in the journal already)


class ArcDialog(JournalModal[bool | None]):
    """Choose the programme (one a prompt pack brought, or the example) and the model."""

    KEY_SECTION = "arc_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)
    AUTO_FOCUS = "#arc-programme"

    def __init__(self, relationship_id: str) -> None:
        super().__init__()
        self.relationship_id = relationship_id
        self.choices: ArcChoices | None = None
        self.first_state: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="arc-box", classes="dialog"):
            yield Static("Programme and reflections", classes="dialog-title")
            yield Static("", id="arc-about")
            yield Label("The programme it follows (prepare shows each meeting's brief)")
            yield Select(
                [("No programme", NONE)], value=NONE, allow_blank=False, id="arc-programme"
            )
            yield Static("", id="arc-where", classes="muted")
            yield Label("Reflections are written with")
            yield Select(
                [(m.title, m.key) for m in chosen_models()],
                value="gibbs",
                allow_blank=False,
                id="arc-model",
            )
            yield Static("", id="arc-model-words", classes="muted")
            yield Static("", id="arc-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="arc-back")
                yield Button("Save", id="arc-save", variant="primary")

    def on_mount(self) -> None:
        rid = self.relationship_id

        def load() -> ArcChoices:
            from mentorjournal.exchange.pack_import import example_pack

            j = self.journal
            found = j.programmes()
            example = example_pack().name
            there = any(p.name == example for p in found)
            return ArcChoices(
                j.get(Relationship, rid),
                found,
                j.relationship_programme(rid),
                j.default_model(rid),
                "" if there else example,
            )

        self.run_journal(load, self.fill, failed=self.load_failed)

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.dismiss(None)

    def fill(self, choices: ArcChoices) -> None:
        self.choices = choices
        self.query_one("#arc-about", Static).update(choices.relationship.title)
        options = [("No programme", NONE)]
        options += [(p.name, f"programme:{p.name}") for p in choices.programmes]
        if choices.example:
            options.append((f"{choices.example} (example)", EXAMPLE))
        box = self.query_one("#arc-programme", Select)
        box.set_options(options)
        attached = choices.attached
        if attached is not None and attached.name not in {p.name for p in choices.programmes}:
            box.set_options([*options, (attached.name, f"programme:{attached.name}")])
        box.value = f"programme:{attached.name}" if attached is not None else NONE
        self.query_one("#arc-model", Select).value = choices.model
        self.first_state = typed_state(self)

    @on(Select.Changed, "#arc-programme")
    def programme_changed(self, event: Select.Changed) -> None:
        words = ""
        if event.value == EXAMPLE:
            words = "Its themes and prompts are added to your library when you save."
        elif isinstance(event.value, str) and event.value.startswith("programme:") and self.choices:
            name = event.value.removeprefix("programme:")
            found = [p for p in [*self.choices.programmes, self.choices.attached] if p]
            programme = next((p for p in found if p.name == name), None)
            if programme is not None:
                words = f"{programme.total} meetings; each with its themes and a brief."
        self.query_one("#arc-where", Static).update(words)

    @on(Select.Changed, "#arc-model")
    def model_changed(self, event: Select.Changed) -> None:
        model = next((m for m in chosen_models() if m.key == event.value), None)
        self.query_one("#arc-model-words", Static).update(model.summary if model else "")

    @on(Button.Pressed, "#arc-save")
    def action_save(self) -> None:
        choices = self.choices
        if choices is None:
            return
        chosen = self.query_one("#arc-programme", Select).value
        model = self.query_one("#arc-model", Select).value
        rid = self.relationship_id

        def store() -> bool:
            from mentorjournal.exchange import pack_import

            j = self.journal
            programme: Programme | None = None
            if chosen == EXAMPLE:
                pack = pack_import.example_pack()
                pack_import.import_pack(j, pack)
                programme = pack_import.find_programme(j, pack.name)
            elif isinstance(chosen, str) and chosen.startswith("programme:"):
                name = chosen.removeprefix("programme:")
                found = [*choices.programmes, *([choices.attached] if choices.attached else [])]
                programme = next(p for p in found if p.name == name)
            j.attach_programme(rid, programme)
            j.set_default_model(rid, str(model))
            return True

        def failed(exc: JournalError) -> None:
            self.query_one("#arc-message", Static).update(str(exc))

        self.run_journal(store, self.dismiss, failed=failed)

    @on(Button.Pressed, "#arc-back")
    def action_cancel(self) -> None:
        leave_or_ask(self, typed_state(self) != self.first_state, lambda: self.dismiss(None))


class EndDialog(JournalModal[Relationship | None]):
    """End the relationship on a day (today unless the person types another)."""

    KEY_SECTION = "end_dialog"
    BINDINGS = keymap.bindings(KEY_SECTION)
    AUTO_FOCUS = "#end-input"

    def __init__(self, relationship: Relationship) -> None:
        super().__init__()
        self.relationship = relationship

    def today(self) -> date:
        return self.now().astimezone(schedule.rel_zone(self.relationship)).date()

    def compose(self) -> ComposeResult:
        with Vertical(id="end-box", classes="dialog"):
            yield Static("End this relationship?", classes="dialog-title")
            yield Static(
                f"“{self.relationship.title}” ends on the day below: no meetings after it. "
                "A closing reflection is offered then, and then and now read side by side.",
                id="end-line",
            )
            yield Input(self.today().isoformat(), placeholder="YYYY-MM-DD", id="end-input")
            yield Static("", id="end-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="end-back")
                yield Button("End it", id="end-ok", variant="primary")

    @on(Input.Changed, "#end-input")
    def show_day(self, event: Input.Changed) -> None:
        try:
            day = parse_date(event.value, self.today())
        except DateInputError as exc:
            self.say(str(exc))
            return
        self.say(f"Ends {format_day(day)}." if day else "")

    def say(self, text: str) -> None:
        self.query_one("#end-message", Static).update(text)

    @on(Input.Submitted, "#end-input")
    @on(Button.Pressed, "#end-ok")
    def action_ok(self) -> None:
        try:
            day = parse_date(self.query_one("#end-input", Input).value, self.today())
        except DateInputError as exc:
            self.say(str(exc))
            return
        if day is None:
            self.say("Type the day it ends, e.g. today or 2026-07-14.")
            return
        rid = self.relationship.id
        self.run_journal(
            lambda: self.journal.end_relationship(rid, day), self.dismiss, failed=self.refused
        )

    def refused(self, exc: JournalError) -> None:
        self.say(str(exc))

    @on(Button.Pressed, "#end-back")
    def action_cancel(self) -> None:
        self.dismiss(None)
