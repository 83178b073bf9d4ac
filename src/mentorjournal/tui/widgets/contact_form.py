"""A dialog to add or edit one support contact: who, how to reach them, and a note."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from mentorjournal.domain import SupportContact
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.discard import leave_or_ask, typed_state
from mentorjournal.tui.widgets.kept_typing import KeptForm
from mentorjournal.tui.widgets.other_window import other_window_notice, tell
from mentorjournal.tui.widgets.steady import focus_now


class ContactForm(JournalModal[bool], KeptForm):  # type: ignore[misc]
    """Add (``contact_id`` None) or edit a support contact; dismisses True once it is saved.
    A lock keeps it open, as typed."""

    AUTO_FOCUS = "#contact-name"
    KEY_SECTION = "contact_form"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, contact_id: str | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.shown: tuple[object, ...] = ()  # the fields as first shown (to see what was typed)
        self.loaded: SupportContact | None = None  # the contact as shown when opened

    def compose(self) -> ComposeResult:
        title = "Edit support contact" if self.contact_id else "New support contact"
        with Vertical(id="contact-box", classes="dialog"):
            yield Static(title, classes="dialog-title")
            yield Label("Name — a person, a service, a network", classes="field-label")
            yield Input(id="contact-name", placeholder="e.g. Staff counselling service")
            yield Label("How to reach them", classes="field-label")
            yield Input(id="contact-how", placeholder="phone, e-mail, web address, room")
            yield Label("Note", classes="field-label")
            yield Input(id="contact-note", placeholder="hours, what they help with")
            yield Static("", id="contact-message", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="contact-cancel-button")
                yield Button("Save", id="contact-save", variant="primary")

    def on_mount(self) -> None:
        if self.contact_id is not None:
            contact = self.journal.get(SupportContact, self.contact_id)  # listed, so in memory
            self.loaded = contact
            self.query_one("#contact-name", Input).value = contact.name
            self.query_one("#contact-how", Input).value = contact.how
            self.query_one("#contact-note", Input).value = contact.note
        self.shown = typed_state(self)
        self.show_typing(self.take_typing())  # what was typed before a lock

    def rebuild(self) -> ContactForm:
        return ContactForm(self.contact_id)

    @on(Input.Submitted, "#contact-name")
    def to_how(self) -> None:
        focus_now(self.query_one("#contact-how", Input))

    @on(Input.Submitted, "#contact-how")
    def to_note(self) -> None:
        focus_now(self.query_one("#contact-note", Input))

    @on(Input.Submitted, "#contact-note")
    @on(Button.Pressed, "#contact-save")
    def action_save(self) -> None:
        name = self.query_one("#contact-name", Input).value.strip()
        how = self.query_one("#contact-how", Input).value.strip()
        note = self.query_one("#contact-note", Input).value.strip()
        if not name:
            self.query_one("#contact-message", Static).update(
                "A support contact needs a name — who or what it is."
            )
            focus_now(self.query_one("#contact-name", Input))
            return
        journal, loaded = self.journal, self.loaded
        typed = {"name": name, "how": how, "note": note}

        def store() -> str:
            if loaded is None:
                journal.save(SupportContact(name=name, how=how, note=note))
                return ""
            # Only what was changed here, onto the contact as stored now.
            was = {"name": loaded.name, "how": loaded.how, "note": loaded.note}
            [stored] = journal.save_edits(
                [FieldEdit.between(SupportContact, loaded.id, was, typed)]
            )
            return other_window_notice([stored], {"how": "way to reach them"})

        self.run_journal(store, self.stored, group="contact")

    def stored(self, notice: str) -> None:
        tell(self.app, notice)
        self.dismiss(True)

    @on(Button.Pressed, "#contact-cancel-button")
    def action_cancel(self) -> None:
        leave_or_ask(self, typed_state(self) != self.shown, lambda: self.dismiss(False))
