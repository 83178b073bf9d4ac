"""Adding or changing a relationship: purpose, ground rules, styles, dates and how often you meet.

A full screen rather than a dialog: the form is longer than 24 lines, so it scrolls. Nothing is
stored until the person saves (ctrl+s); escape leaves it unchanged, asking first when
something was typed. Dismisses with the
relationship's id when saved, ``None`` when cancelled. A lock or a quit stores nothing either:
what is typed is kept (encrypted, ``kept_typing``) and fills the form when it opens again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from mentorjournal.domain import Meeting, Relationship, Role
from mentorjournal.errors import JournalError
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.mentoring import agenda, zones
from mentorjournal.mentoring.cadence import CadenceError
from mentorjournal.mentoring.dates import DateInputError, format_date, format_day, parse_date
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.cadence_picker import CadencePicker
from mentorjournal.tui.widgets.discard import leave_or_ask
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.kept_typing import field_values, fill_fields, keep, take
from mentorjournal.tui.widgets.other_window import other_window_notice, tell
from mentorjournal.tui.widgets.steady import focus_now
from mentorjournal.tui.widgets.tick_list import DotButton

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

DEFAULT_GROUND_RULES = (
    "Confidential both ways: what either of us says here stays between us unless we both "
    "agree otherwise.\n"
    "Anything that needs saying can be said, including criticism, disagreement and awkward "
    "questions, and it is heard in good faith.\n"
    "Well-being comes first: either of us can pause, change the subject or stop at any time."
)
TEXT_AREAS = ("rel-purpose", "rel-rules", "rel-styles")
KEPT_BACK = "What you typed in this form is back, not saved yet: ctrl+s saves it."


CADENCE_FIELDS = ("cadence", "meeting_time", "meeting_minutes", "time_zone")
FIELD_WORDS = {
    "my_role": "role",
    "ground_rules": "ground rules",
    "meeting_time": "meeting time",
    "meeting_minutes": "meeting length",
    "time_zone": "time zone",
    "started_on": "start date",
    "ended_on": "end date",
}


def store_changes(
    journal: Journal, loaded: Relationship, fields: dict[str, Any]
) -> tuple[Relationship, str]:
    """Only the fields changed in the form, onto the relationship as stored now (another
    window's changes to the others stay); a changed cadence then as ``save_relationship``
    keeps it, which moves the meetings to come. Returns it, and a sentence (see ``store``)."""
    was = {name: getattr(loaded, name) for name in fields}
    rest = {name: v for name, v in fields.items() if name not in CADENCE_FIELDS}
    [stored] = journal.save_edits([FieldEdit.between(Relationship, loaded.id, was, rest)])
    rel = stored.entry
    cadence = {n: fields[n] for n in CADENCE_FIELDS if fields[n] != was[n]}
    if cadence:
        for name in cadence:
            if getattr(rel, name) not in (was[name], cadence[name]):
                stored.replaced[name] = getattr(rel, name)
        rel = journal.save_relationship(replace(rel, **cadence))
    return rel, other_window_notice([stored], FIELD_WORDS)


@dataclass
class Loaded:
    relationship: Relationship | None
    meetings: list[Meeting]
    kept: object = None  # the form's fields as typed before a lock or a quit (None: nothing)


class Refused(Exception):
    """A field a person must fix: where, and the sentence to show."""

    def __init__(self, field_id: str, error_id: str, message: str) -> None:
        super().__init__(message)
        self.field_id, self.error_id, self.message = field_id, error_id, message


class RelationshipForm(JournalScreen):
    """Create (``relationship_id=None``) or edit a relationship."""

    DEFAULT_CSS = """
    RelationshipForm #relform { padding: 0 2; }
    RelationshipForm #relform > * { max-width: 110; }
    RelationshipForm .field-label { margin-top: 1; }
    RelationshipForm .row { height: auto; }
    RelationshipForm .row > Vertical { height: auto; width: 1fr; }
    RelationshipForm #rel-role-col { width: 30; margin-right: 2; }
    RelationshipForm #rel-role { width: 100%; }
    RelationshipForm #rel-purpose, RelationshipForm #rel-styles { height: 5; }
    RelationshipForm #rel-rules { height: 7; }
    RelationshipForm #rel-started-col { margin-right: 2; }
    RelationshipForm .error, RelationshipForm #rel-dates-hint { height: auto; display: none; }
    """
    AUTO_FOCUS = "#rel-title"
    KEY_SECTION = "relationship_form"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship_id: str | None) -> None:
        super().__init__(relationship_id)
        self.relationship_id = relationship_id
        self.loaded: Loaded | None = None
        self.snapshot: tuple[Any, ...] = ()
        self.saving = False

    def compose(self) -> ComposeResult:
        yield journal_header()
        with VerticalScroll(id="relform"):
            yield Label("Title", classes="field-label")
            yield Input(placeholder="e.g. Reverse mentoring with Amara", id="rel-title")
            yield Static("", id="rel-title-error", classes="error")
            with Horizontal(classes="row"):
                with Vertical(id="rel-role-col"):
                    yield Label("In this relationship I am the", classes="field-label")
                    with RadioSet(id="rel-role"):
                        yield DotButton("mentor", id="role-mentor")
                        yield DotButton("mentee", id="role-mentee")
                with Vertical():
                    yield Label("Partner", classes="field-label")
                    yield Input(placeholder="their name", id="rel-partner")
            yield Static("", id="rel-role-error", classes="error")
            yield Label("Purpose — what you both want from this", classes="field-label")
            yield TextArea(id="rel-purpose")
            yield Label("Ground rules you agreed", classes="field-label")
            yield TextArea(id="rel-rules")
            yield Label("How each of you learns and works best", classes="field-label")
            yield TextArea(id="rel-styles")
            with Horizontal(classes="row"):
                with Vertical(id="rel-started-col"):
                    yield Label("Started on", classes="field-label")
                    yield Input(placeholder="e.g. 2026-09-08, today, +7d", id="rel-started")
                with Vertical():
                    yield Label("Ended on", classes="field-label")
                    yield Input(placeholder="blank while it goes on", id="rel-ended")
            yield Static("", id="rel-dates-hint", classes="muted")
            yield Static("", id="rel-dates-error", classes="error")
            yield Label("Meetings repeat", classes="field-label")
            yield CadencePicker(id="rel-cadence")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="rel-cancel")
                yield Button("Save", id="rel-save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Edit relationship" if self.relationship_id else "New relationship"
        rel_id, place = self.relationship_id, self.kept_place

        def load() -> Loaded:
            j = self.journal
            if rel_id is None:
                return Loaded(None, [], take(j, place))
            return Loaded(j.get(Relationship, rel_id), j.meetings(rel_id), take(j, place))

        self.run_journal(load, self.fill, group="relform-load", failed=self.load_failed, opens=True)

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.dismiss(None)

    def fill(self, loaded: Loaded) -> None:
        self.loaded = loaded
        rel = loaded.relationship
        if rel is None:
            self.query_one("#rel-rules", TextArea).text = DEFAULT_GROUND_RULES
            self.query_one("#rel-cadence", CadencePicker).set_rule(None)
        else:
            self.sub_title = f"Edit — {rel.title}"
            self.query_one("#rel-title", Input).value = rel.title
            self.query_one(f"#role-{rel.my_role.value}", RadioButton).value = True
            self.query_one("#rel-partner", Input).value = rel.partner
            texts = (rel.purpose, rel.ground_rules, rel.styles)
            for widget_id, text in zip(TEXT_AREAS, texts, strict=True):
                self.query_one(f"#{widget_id}", TextArea).text = text
            self.query_one("#rel-started", Input).value = format_date(rel.started_on)
            self.query_one("#rel-ended", Input).value = format_date(rel.ended_on)
            picker = self.query_one("#rel-cadence", CadencePicker)
            picker.set_rule(rel.cadence)
            picker.set_when(rel.meeting_time, rel.meeting_minutes, rel.time_zone)
        self.update_context()
        self.call_after_refresh(self.take_snapshot)
        if isinstance(loaded.kept, list):  # after the snapshot: still unsaved
            self.call_after_refresh(self.show_kept, loaded.kept)
        # Filling the fields may scroll the form; it opens at its top, the title in view.
        form = self.query_one("#relform", VerticalScroll)
        self.call_after_refresh(form.scroll_home, animate=False)

    # --- reading the form -----------------------------------------------------------------------

    def today(self) -> date:
        return self.now().astimezone().date()

    def role(self) -> Role | None:
        for role in Role:
            if self.query_one(f"#role-{role.value}", RadioButton).value:
                return role
        return None

    def state(self) -> tuple[Any, ...]:
        inputs = ("rel-title", "rel-partner", "rel-started", "rel-ended")
        return (
            self.role(),
            *(self.query_one(f"#{i}", Input).value for i in inputs),
            *(self.query_one(f"#{i}", TextArea).text for i in TEXT_AREAS),
            self.query_one("#rel-cadence", CadencePicker).state(),
        )

    @property
    def kept_place(self) -> str:
        return f"form.relationship.{self.relationship_id or 'new'}"

    def show_kept(self, values: list[object]) -> None:
        fill_fields(self, values)
        self.update_context()
        self.notify(KEPT_BACK, timeout=8)

    def take_snapshot(self) -> None:
        self.snapshot = self.state()

    def is_dirty(self) -> bool:
        return self.loaded is not None and self.state() != self.snapshot

    def parse_day(self, widget_id: str) -> date | None:
        """The date typed in a field; raises ``Refused`` with the sentence to show."""
        try:
            return parse_date(self.query_one(f"#{widget_id}", Input).value, self.today())
        except DateInputError as exc:
            raise Refused(widget_id, "rel-dates-error", str(exc)) from None

    def build(self) -> dict[str, Any]:
        """The relationship's fields as the form says they should be; raises ``Refused``."""
        title = self.query_one("#rel-title", Input).value.strip()
        if not title:
            raise Refused("rel-title", "rel-title-error", "Give the relationship a title.")
        role = self.role()
        if role is None:
            message = "Choose whether you are the mentor or the mentee here."
            raise Refused("rel-role", "rel-role-error", message)
        started, ended = self.parse_day("rel-started"), self.parse_day("rel-ended")
        if started and ended and ended < started:
            message = "The end date is before the start date."
            raise Refused("rel-ended", "rel-dates-error", message)
        picker = self.query_one("#rel-cadence", CadencePicker)
        try:
            rule = picker.rule()
            at, minutes, zone_name = picker.when()
        except CadenceError as exc:
            raise Refused("rel-cadence", "", str(exc)) from None
        purpose, rules, styles = (self.query_one(f"#{i}", TextArea).text for i in TEXT_AREAS)
        fields: dict[str, Any] = {
            "title": title,
            "my_role": role,
            "partner": self.query_one("#rel-partner", Input).value.strip(),
            "purpose": purpose,
            "ground_rules": rules,
            "styles": styles,
            "cadence": rule,
            "meeting_time": zones.time_words(at),
            "meeting_minutes": minutes,
            "time_zone": zone_name,
            "started_on": started,
            "ended_on": ended,
        }
        return fields

    def store(self, fields: dict[str, Any]) -> tuple[Relationship, str]:
        """Save (in a thread): a new relationship whole; an existing one, only the fields
        changed here. Returns it as stored, and a sentence when another window had changed
        the same fields ("" when not)."""
        existing = self.loaded.relationship if self.loaded else None
        if existing is None:
            return self.journal.save_relationship(Relationship(**fields)), ""
        return store_changes(self.journal, existing, fields)

    def say(self, static_id: str, message: str) -> None:
        """Show a line under a field (an error or a hint); an empty line takes no room."""
        line = self.query_one(f"#{static_id}", Static)
        line.update(message)
        line.display = bool(message)

    # --- live feedback --------------------------------------------------------------------------

    def update_context(self) -> None:
        """Tell the cadence picker which dates it counts from (the start date may have changed)."""
        meetings = self.loaded.meetings if self.loaded else []
        try:
            started = parse_date(self.query_one("#rel-started", Input).value, self.today())
        except DateInputError:
            started = None
        first = started or min((m.starts_at.date() for m in meetings), default=self.today())
        anchor = datetime.combine(first, agenda.DEFAULT_MEETING_TIME).astimezone()
        after = self.now()
        self.query_one("#rel-cadence", CadencePicker).set_context(anchor, after)

    @on(Input.Changed, "#rel-started, #rel-ended")
    def dates_changed(self) -> None:
        self.say("rel-dates-error", "")
        words = []
        for widget_id, name in (("rel-started", "Started"), ("rel-ended", "Ended")):
            try:
                day = parse_date(self.query_one(f"#{widget_id}", Input).value, self.today())
            except DateInputError:
                continue
            if day is not None:
                words.append(f"{name} {format_day(day)}")
        self.say("rel-dates-hint", " · ".join(words))
        self.update_context()

    @on(Input.Submitted, "#rel-started, #rel-ended")
    def date_submitted(self, event: Input.Submitted) -> None:
        try:
            self.parse_day(event.input.id or "")
        except Refused as refused:
            self.show_refusal(refused)

    @on(Input.Changed, "#rel-title")
    def title_changed(self) -> None:
        self.say("rel-title-error", "")

    @on(RadioSet.Changed, "#rel-role")
    def role_changed(self) -> None:
        self.say("rel-role-error", "")

    def show_refusal(self, refused: Refused) -> None:
        if refused.error_id:
            self.say(refused.error_id, refused.message)
            self.call_after_refresh(self.query_one(f"#{refused.error_id}").scroll_visible)
        if refused.field_id == "rel-cadence":
            self.query_one(CadencePicker).focus_choice()
        else:
            focus_now(self.query_one(f"#{refused.field_id}"))

    # --- saving ---------------------------------------------------------------------------------

    @on(Button.Pressed, "#rel-save")
    def action_save(self) -> None:
        if self.loaded is None or self.saving:
            return
        for error_id in ("rel-title-error", "rel-role-error", "rel-dates-error"):
            self.say(error_id, "")
        try:
            fields = self.build()
        except Refused as refused:
            self.show_refusal(refused)
            return
        self.saving = True

        def failed(exc: JournalError) -> None:
            self.saving = False
            self.journal_failed(exc)

        self.run_journal(
            lambda: self.store(fields), self.saved, group="relform-save", failed=failed
        )

    def saved(self, result: tuple[Relationship, str]) -> None:
        rel, notice = result
        tell(self.app, notice)
        self.notify(f"Saved “{rel.title}”.", timeout=3)
        self.dismiss(rel.id)

    @on(Button.Pressed, "#rel-cancel")
    def action_cancel(self) -> None:
        leave_or_ask(self, self.is_dirty(), lambda: self.dismiss(None))

    async def keep_typing(self) -> None:
        """Before a lock or a quit: what is typed, valid or not, is kept for this form (and
        nothing is stored behind the person's back)."""
        if self.saving or not self.is_dirty():
            return
        await asyncio.to_thread(keep, self.journal, self.kept_place, field_values(self))
