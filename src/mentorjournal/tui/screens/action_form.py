"""Create or edit an action step. The quick-capture fields come first: title, owner, due date,
resources and obstacles; the review fields (status, outcome, learning) follow.

Dismisses with the action's id when saved, ``None`` when cancelled. A lock keeps it open, as
typed (``KeptForm``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Select, Static, TextArea

from mentorjournal.domain import ActionStatus, ActionStep, Outcome, Owner, Relationship
from mentorjournal.errors import JournalError
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.mentoring.dates import DateInputError, format_date, format_day, parse_date
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalModal
from mentorjournal.tui.widgets.discard import leave_or_ask, typed_state
from mentorjournal.tui.widgets.found import mark_in_field
from mentorjournal.tui.widgets.history_link import open_history
from mentorjournal.tui.widgets.kept_typing import KeptForm
from mentorjournal.tui.widgets.other_window import other_window_notice, tell
from mentorjournal.tui.widgets.steady import focus_now

NO_OUTCOME = "none"
TEXT_FIELDS = ("resources", "obstacles", "detail", "learning")
FIELD_WORDS = {"due_on": "due date", "learning": "learning", "detail": "details"}
OWNER_LABELS = {Owner.ME: "Me", Owner.PARTNER: "My partner", Owner.BOTH: "Both of us"}
STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
OUTCOME_LABELS = {
    Outcome.FORWARDS: "Forwards",
    Outcome.BACKWARDS: "Backwards",
    Outcome.SIDEWAYS: "Sideways",
}

Loaded = tuple[ActionStep | None, list[Relationship], list[object] | None]


W = TypeVar("W", bound=Widget)


def titled(widget: W, title: str) -> W:
    """A field whose label sits in its top border (one line saved per field)."""
    widget.border_title = title
    if isinstance(widget, TextArea):
        widget.tab_behavior = "focus"
    return widget


def resolved(d: date | None) -> str:
    """How a due date reads beside the field: "→ Tue 1 Dec 2026"."""
    return "→ no due date" if d is None else f"→ {format_day(d)}"


class ActionForm(JournalModal[str | None], KeptForm):  # type: ignore[misc]
    """A dialog to write an action step; also the quick capture during a meeting."""

    AUTO_FOCUS = "#action-title"
    KEY_SECTION = "action_form"
    BINDINGS = keymap.bindings(KEY_SECTION)
    # The fields scroll between the title and the buttons, which stay in view: at 80x24 the
    # form is taller than the screen; the focused field is scrolled to.
    DEFAULT_CSS = """
    ActionForm #action-box {
        width: 76;
        height: auto;
        max-height: 100%;
    }
    ActionForm #action-form {
        height: 1fr;
    }
    ActionForm #action-box > .buttons {
        margin-top: 0;
    }
    ActionForm #action-form > *, ActionForm .pair > * {
        border-title-color: $text-secondary;
    }
    ActionForm .pair {
        height: auto;
    }
    ActionForm .pair > * {
        width: 1fr;
        margin-right: 1;
    }
    ActionForm #action-due {
        width: 20;
    }
    ActionForm #action-due-resolved {
        padding-top: 1;
        color: $text-success;
    }
    ActionForm TextArea {
        height: 4;
    }
    ActionForm #action-detail, ActionForm #action-learning {
        height: 5;
    }
    """

    def __init__(
        self,
        action_id: str | None,
        relationship_id: str | None,
        meeting_id: str | None,
        find: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.action_id = action_id
        self.find = find  # (field, words): what search found, marked in that field
        self.relationship_id = relationship_id
        self.meeting_id = meeting_id
        self.action: ActionStep | None = None
        self._ready = False
        self._saving = False
        self.shown: tuple[object, ...] = ()  # the fields as first shown (to see what was typed)

    def compose(self) -> ComposeResult:
        owners = [(label, owner.value) for owner, label in OWNER_LABELS.items()]
        statuses = [(label, status.value) for status, label in STATUS_LABELS.items()]
        outcomes = [("—", NO_OUTCOME)] + [(lbl, o.value) for o, lbl in OUTCOME_LABELS.items()]
        with Vertical(id="action-box", classes="dialog"):
            yield Static(
                "Edit action" if self.action_id else "New action",
                id="action-form-title",
                classes="dialog-title",
            )
            yield Static("", id="action-rel-name", classes="muted")
            with VerticalScroll(id="action-form"):
                yield titled(Select[str]([], prompt="Choose…", id="action-rel"), "Relationship")
                yield titled(Input(id="action-title", placeholder="What will be done?"), "Title")
                with Horizontal(classes="pair"):
                    yield titled(
                        Select(owners, value=Owner.ME.value, allow_blank=False, id="action-owner"),
                        "Owner",
                    )
                    yield titled(Input(id="action-due", placeholder="+2w, next tue…"), "Due")
                    yield Static(resolved(None), id="action-due-resolved")
                yield Static("", id="action-due-error", classes="error")
                yield titled(TextArea(id="action-resources"), "Resources needed")
                yield titled(
                    TextArea(id="action-obstacles"), "Obstacles — history, politics, who must agree"
                )
                yield titled(TextArea(id="action-detail"), "Detail")
                with Horizontal(classes="pair"):
                    yield titled(
                        Select(statuses, value="open", allow_blank=False, id="action-status"),
                        "Status",
                    )
                    yield titled(
                        Select(outcomes, value=NO_OUTCOME, allow_blank=False, id="action-outcome"),
                        "Outcome",
                    )
                yield titled(TextArea(id="action-learning"), "What was learned")
            yield Static("", id="action-form-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="action-save", variant="primary", compact=True)
                yield Button("Cancel", id="action-cancel", compact=True)
        yield Footer()

    # --- loading ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        for select in self.query(Select):  # a Select's border belongs to its inner widget
            select.query_one("SelectCurrent").border_title = select.border_title
        self.query_one("#action-rel").display = False
        journal, action_id = self.journal, self.action_id

        def load() -> Loaded:
            action = replace(journal.get(ActionStep, action_id)) if action_id else None
            return action, journal.relationships(), self.take_typing()

        self.run_journal(
            load, self.loaded, group="action-form", failed=self.load_failed, opens=True
        )

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.dismiss(None)

    def rebuild(self) -> ActionForm:
        return ActionForm(self.action_id, self.relationship_id, self.meeting_id)

    def loaded(self, result: Loaded) -> None:
        self.action, relationships, typing = result
        if self.action is not None:
            self.relationship_id = self.action.relationship_id
            self.fill(self.action)
        titles = {r.id: r.title for r in relationships}
        name = self.query_one("#action-rel-name", Static)
        if self.relationship_id in titles:
            name.update(f"In: {titles[self.relationship_id]}")
        else:
            self.relationship_id = None
            name.display = False
            choose = self.query_one("#action-rel", Select)
            choose.set_options((r.title, r.id) for r in relationships)
            if len(relationships) == 1:
                choose.value = relationships[0].id
            choose.display = True
            if len(relationships) != 1:
                focus_now(choose)
        self._ready = True
        self.shown = typed_state(self)
        self.show_typing(typing)  # what was typed before a lock
        form = self.query_one("#action-form", VerticalScroll)
        if self.find is not None and self.action is not None:
            self.call_after_refresh(self.show_found, *self.find)
        else:
            self.call_after_refresh(form.scroll_home, animate=False)

    def show_found(self, field: str, term: str) -> None:
        """Focus the field holding the words search found (title, else a text), marked."""
        form = self.query_one("#action-form", VerticalScroll)
        names = [field] if field in ("title", *TEXT_FIELDS) else []
        for name in [*names, "title", *TEXT_FIELDS]:
            box = self.query_one(f"#action-{name}")
            if isinstance(box, Input | TextArea) and mark_in_field(box, term):
                box.focus(scroll_visible=False)
                form.scroll_to_center(box, animate=False, immediate=True)
                return
        form.scroll_home(animate=False)

    def fill(self, a: ActionStep) -> None:
        self.query_one("#action-title", Input).value = a.title
        self.query_one("#action-owner", Select).value = a.owner.value
        self.query_one("#action-due", Input).value = format_date(a.due_on)
        for name in TEXT_FIELDS:
            self.query_one(f"#action-{name}", TextArea).text = getattr(a, name)
        self.query_one("#action-status", Select).value = a.status.value
        outcome = a.outcome.value if a.outcome else NO_OUTCOME
        self.query_one("#action-outcome", Select).value = outcome

    # --- the due date, resolved as it is typed -------------------------------------------

    def today(self) -> date:
        return self.now().astimezone().date()

    @on(Input.Changed, "#action-due")
    def due_changed(self, event: Input.Changed) -> None:
        self.check_due(event.value)

    def check_due(self, text: str) -> tuple[bool, date | None]:
        shown = self.query_one("#action-due-resolved", Static)
        error = self.query_one("#action-due-error", Static)
        try:
            due = parse_date(text, self.today())
        except DateInputError as exc:
            shown.update("")
            error.update(str(exc))
            return False, None
        shown.update(resolved(due))
        error.update("")
        return True, due

    # --- saving ----------------------------------------------------------------------------

    def problem(self, message: str, focus: str) -> None:
        self.query_one("#action-form-error", Static).update(message)
        focus_now(self.query_one(focus))

    @on(Button.Pressed, "#action-save")
    def action_save(self) -> None:
        if not self._ready or self._saving:
            return
        title = self.query_one("#action-title", Input).value.strip()
        if not title:
            self.problem("Give the action a title — a few words are enough.", "#action-title")
            return
        ok, due = self.check_due(self.query_one("#action-due", Input).value)
        if not ok:  # the sentence is already shown under the field
            self.query_one("#action-form-error", Static).update("")
            focus_now(self.query_one("#action-due"))
            return
        rel_id = self.relationship_id
        if rel_id is None:
            chosen = self.query_one("#action-rel", Select).value
            if not isinstance(chosen, str):
                self.problem("Choose the relationship this action belongs to.", "#action-rel")
                return
            rel_id = chosen
        outcome = self.query_one("#action-outcome", Select).value
        fields: dict[str, object] = {
            "title": title,
            "owner": Owner(str(self.query_one("#action-owner", Select).value)),
            "due_on": due,
            "status": ActionStatus(str(self.query_one("#action-status", Select).value)),
            "outcome": None if outcome == NO_OUTCOME else Outcome(str(outcome)),
        }
        for name in TEXT_FIELDS:
            fields[name] = self.query_one(f"#action-{name}", TextArea).text
        self.query_one("#action-form-error", Static).update("")
        self._saving = True
        journal, loaded = self.journal, self.action

        def store() -> tuple[str, str]:
            if loaded is None:
                action = ActionStep(relationship_id=rel_id, meeting_id=self.meeting_id, **fields)  # type: ignore[arg-type]
                return journal.save(action).id, ""
            # Only what was changed here, onto the action as stored now: a review or an edit
            # made in another window meanwhile stays.
            was = {name: getattr(loaded, name) for name in fields}
            [stored] = journal.save_edits([FieldEdit.between(ActionStep, loaded.id, was, fields)])
            return loaded.id, other_window_notice([stored], FIELD_WORDS)

        self.run_journal(store, self.saved, group="action-form", failed=self.save_failed)

    def saved(self, result: tuple[str, str]) -> None:
        action_id, notice = result
        tell(self.app, notice)
        self.dismiss(action_id)

    def save_failed(self, exc: JournalError) -> None:
        self._saving = False
        self.journal_failed(exc)

    async def action_history(self) -> None:
        action_id = self.action.id if self.action is not None else None
        await open_history(self, ActionStep, action_id, self.restored)

    def restored(self, action: ActionStep) -> None:
        """A version put back (History): shown, and it is what this form edits from now on;
        what was typed in the other fields stays."""
        before, self.action = self.action, action
        clean = typed_state(self) == self.shown
        for name in ("title", *TEXT_FIELDS):
            if before is not None and getattr(before, name) != getattr(action, name):
                box = self.query_one(f"#action-{name}")
                if isinstance(box, Input):
                    box.value = action.title
                elif isinstance(box, TextArea):
                    box.text = getattr(action, name)
        if clean:  # nothing typed here: nothing to ask about when it closes
            self.shown = typed_state(self)

    @on(Button.Pressed, "#action-cancel")
    def action_cancel(self) -> None:
        typed = self._ready and typed_state(self) != self.shown
        leave_or_ask(self, typed, lambda: self.dismiss(None))
