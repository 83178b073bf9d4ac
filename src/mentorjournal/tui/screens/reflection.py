"""A reflection in its model's stages (Gibbs' six, Driscoll's three, Kolb's four, or an opening
or closing one), one at a time, saved (encrypted) as the person writes.

The entry is created on its first save. Typing is saved ~1.5 s after the last keystroke and at
least every 5 s while typing goes on, in a worker (``DraftKeeper``); ``save_draft_now`` saves at
once (before a lock or quit). Finishing saves, names any empty stage in a gentle notification,
and goes back — it never blocks.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, Select, Static
from textual.widgets.select import InvalidSelectValueError

from mentorjournal.domain import GIBBS_STAGES, Reflection, new_id
from mentorjournal.errors import JournalError, NotFound
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.mentoring import models
from mentorjournal.mentoring.dates import format_day
from mentorjournal.mentoring.preparation import one_line
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.screens.reflection_values import (
    FREE_STANDING,
    KEYS_HINT,
    Opened,
    Values,
    field_words,
    fields_of,
    keys_hint,
    meeting_label,
    nothing_written,
    opened_with,
    status_words,
    values_of,
)
from mentorjournal.tui.widgets.autosave import DraftKeeper, Written
from mentorjournal.tui.widgets.found import mark_in_text_area
from mentorjournal.tui.widgets.gibbs_editor import GibbsEditor
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.history_link import open_history
from mentorjournal.tui.widgets.key_footer import KeyFooter
from mentorjournal.tui.widgets.other_window import bring_text, other_window_notice
from mentorjournal.tui.widgets.stage_picker import StagePicker

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal


class ReflectionScreen(JournalScreen):
    """Write or edit one Gibbs reflection, linked to a meeting or free-standing."""

    AUTO_FOCUS = None
    KEY_SECTION = "reflection"
    BINDINGS = keymap.bindings(KEY_SECTION)
    DEFAULT_CSS = """
    ReflectionScreen #reflection-about {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    ReflectionScreen #reflection-top {
        height: 3;
        padding: 0 1;
    }
    ReflectionScreen #reflection-top Label {
        padding-top: 1;
        margin-right: 1;
    }
    ReflectionScreen #reflection-meeting {
        width: 3fr;
        max-width: 52;
    }
    ReflectionScreen #reflection-model {
        width: 16;
        margin-right: 1;
    }
    ReflectionScreen #reflection-status {
        width: 1fr;
        min-width: 16;
        padding-top: 1;
        text-align: right;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        relationship_id: str,
        reflection_id: str | None,
        meeting_id: str | None = None,
        prefill: str = "",
        stage: int | None = None,
        find: str = "",
        model: str | None = None,
    ) -> None:
        super().__init__(
            relationship_id, reflection_id, meeting_id=meeting_id, prefill=prefill, model=model
        )
        self.model = model  # of a new entry (None: the relationship's default)
        self.start_stage = stage  # where to open (None: the first empty stage of an entry)
        self.find = find  # words search found, marked in the stage opened
        self.relationship_id, self.reflection_id = relationship_id, reflection_id
        self.meeting_id, self.prefill = meeting_id, prefill
        self.entry: Reflection | None = None  # a private copy: the entry as last stored
        self.entry_id = reflection_id
        self.created = reflection_id is not None
        self.made_here = reflection_id is None  # a new entry: emptied again, it is no entry
        self.new_args = (self.init_args, self.init_kwargs)
        self.drafts = DraftKeeper(
            self, self.draft, self.write, self.show_stored, self.saved, self.save_failed
        )
        self.journal_for_saving: Journal  # the open journal, for the saving thread
        self._finishing = False
        self._saved_at: datetime | None = None

    def compose(self) -> ComposeResult:
        yield journal_header()
        # Which relationship, in full (a long title would not fit in the header beside the day).
        yield Static("", id="reflection-about")
        with Horizontal(id="reflection-top"):
            yield Select(
                [(m.title, m.key) for m in models.chosen_models()],
                value="gibbs",
                allow_blank=False,
                id="reflection-model",
                tooltip="The reflection model: Gibbs, Driscoll or Kolb",
            )
            yield Label("Meeting", classes="field-label")
            yield Select(
                [("Free-standing (no meeting)", FREE_STANDING)],
                value=FREE_STANDING,
                allow_blank=False,
                id="reflection-meeting",
            )
            yield Static("", id="reflection-status")
        editor = GibbsEditor(keys_hint=KEYS_HINT, id="reflection-editor")
        # Until the entry is loaded; not at all when the journal keeps it (shown at once, and
        # enabling the editor later would style each of its parts again).
        editor.disabled = self.journal.kept_view(self.view_key) is None
        yield editor
        yield KeyFooter()

    @property
    def view_key(self) -> tuple[str, str, str | None, str | None]:
        return ("reflection", self.relationship_id, self.reflection_id, self.model)

    @property
    def editor(self) -> GibbsEditor:
        return self.query_one(GibbsEditor)

    # --- loading ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = "Reflection"
        journal = self.journal
        self.journal_for_saving = journal
        rid, ref_id = self.relationship_id, self.reflection_id

        def load(_now: datetime) -> Opened:
            return opened_with(journal, rid, ref_id, self.model)

        self.show_view(
            self.view_key,
            load,
            self.loaded,
            group="reflection-load",
            failed=self.load_failed,
            opens=True,
        )

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.app.pop_screen()

    async def loaded(self, result: Opened) -> None:
        rel, meetings, kept, model = result
        entry = replace(kept) if kept is not None else None  # a copy: the journal keeps its own
        if entry is None:
            entry = Reflection(
                relationship_id=rel.id,
                written_at=self.now(),
                meeting_id=self.meeting_id,
                model=model,
                description=self.prefill,
            )
        if entry.meeting_id not in {m.id for m in meetings}:
            entry.meeting_id = None  # a link to no meeting of this relationship is no link
        self.entry, self.entry_id = entry, entry.id
        written = format_day(entry.written_at.astimezone().date())
        self.sub_title = f"Reflection · {written}"
        kind = models.model_of(entry)
        about = one_line(rel.title) + (f" · {kind.title}" if models.is_arc(kind.key) else "")
        self.query_one("#reflection-about", Static).update(Content(about))
        options = [("Free-standing (no meeting)", FREE_STANDING)]
        options += [(meeting_label(m), m.id) for m in reversed(meetings)]
        with self.prevent(Select.Changed, GibbsEditor.Edited):
            link = self.query_one("#reflection-meeting", Select)
            link.set_options(options)
            link.value = entry.meeting_id or FREE_STANDING
            chooser = self.query_one("#reflection-model", Select)
            chooser.display = not models.is_arc(kind.key)
            if chooser.display:
                chooser.value = kind.key
            await self.editor.set_model(kind, keys_hint(len(kind.stages)))
            self.editor.disabled = False
            self.editor.load({key: entry.stage(key) for key in GIBBS_STAGES})
        first_empty = next((i for i, k in enumerate(kind.columns) if not entry.stage(k)), 0)
        if self.start_stage is not None:
            self.editor.go_to(self.start_stage)
            if self.find:  # once the stage's text has its size, to scroll in
                self.call_after_refresh(mark_in_text_area, self.editor.current_area, self.find)
        else:
            self.editor.go_to(first_empty if self.created else 0)
        # A new entry counts as unsaved once anything is written in it (a prefill included).
        blank = (entry.meeting_id, entry.model, *("" for _ in GIBBS_STAGES))
        self.drafts.stored = values_of(entry) if self.created else blank
        self.show_status()

    # --- what the person has written -----------------------------------------------------

    def draft(self) -> Values:
        """What is on screen now: the meeting link, the model and the six texts."""
        link = self.query_one("#reflection-meeting", Select).value
        meeting_id = link if isinstance(link, str) and link != FREE_STANDING else None
        texts = self.editor.texts()
        return (meeting_id, self.editor.model.key, *(texts[key] for key in GIBBS_STAGES))

    @on(GibbsEditor.Edited)
    @on(Select.Changed, "#reflection-meeting")
    def edited(self) -> None:
        if self.entry is not None:
            self.drafts.changed()
            self.show_status()

    @on(Select.Changed, "#reflection-model")
    async def model_chosen(self, event: Select.Changed) -> None:
        """Write in another model: the words stay where they are kept, so a model is refused
        while a stage it has no place for holds words (they would be hidden)."""
        now = self.editor.model
        if self.entry is None or not isinstance(event.value, str) or event.value == now.key:
            return
        chosen = models.reflection_model(event.value)
        texts = self.editor.texts()
        hidden = [c for c in GIBBS_STAGES if c not in chosen.columns and texts[c].strip()]
        if hidden:
            names = " and ".join(f"“{s.title}”" for s in now.stages if s.column in hidden)
            self.notify(
                f"{chosen.title} has no place for what you wrote under {names}: move or clear "
                f"it first, or keep {now.title}.",
                title="Model not changed",
                severity="warning",
                timeout=8,
            )
            with self.prevent(Select.Changed):
                self.query_one("#reflection-model", Select).value = now.key
            return
        await self.editor.set_model(chosen, keys_hint(len(chosen.stages)))
        self.edited()

    # --- saving --------------------------------------------------------------------------

    def write(self, values: Values, base: Values) -> Written[Values]:
        """Store ``values`` (in a thread): a new entry whole, at its first save; later only the
        fields that differ from ``base`` (as last stored), onto the entry as stored now, so
        another window's words in it stay."""
        assert self.entry is not None
        journal = self.journal_for_saving
        if self.made_here and nothing_written(values):
            return self.unwritten(values)
        if not self.created:
            entry = replace(self.entry, **fields_of(values))
            journal.save(entry)
            self.entry, self.created = entry, True
            return Written(values_of(entry))
        edit = FieldEdit.between(Reflection, self.entry.id, fields_of(base), fields_of(values))
        [stored] = journal.save_edits([edit])
        self.entry = stored.entry
        words = field_words(models.model_of(stored.entry))
        return Written(values_of(stored.entry), other_window_notice([stored], words))

    def unwritten(self, values: Values) -> Written[Values]:
        """(In a thread) A new entry with every stage empty is not stored; one stored already
        (autosaved before it was emptied) is removed for good: it held nothing to keep."""
        assert self.entry is not None
        if self.created:
            with contextlib.suppress(NotFound):
                self.journal_for_saving.delete(self.entry, to_bin=False)
            self.entry = replace(self.entry, id=new_id())  # written again: a new entry
            self.entry_id, self.created = self.entry.id, False
            self.init_args, self.init_kwargs = self.new_args
        return Written(values)

    def show_stored(self, values: Values) -> None:
        """Show the entry as stored now (another window wrote to it too), cursors kept."""
        link = self.query_one("#reflection-meeting", Select)
        with contextlib.suppress(InvalidSelectValueError):
            link.value = values[0] or FREE_STANDING
        for key, text in zip(GIBBS_STAGES, values[2:], strict=True):
            bring_text(self.editor.area(key), text or "")

    def saved(self) -> None:
        if self.created:
            self._saved_at = self.now()
            # After a lock the screen is rebuilt from its arguments: reopen this entry.
            self.init_args, self.init_kwargs = (self.relationship_id, self.entry_id), {}
        if self.is_mounted:
            self.show_status()

    def save_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        if self.is_mounted:
            self.query_one("#reflection-status", Static).update("Not saved")

    async def save_draft_now(self) -> None:
        await self.drafts.save_now()

    def rebuild(self) -> ReflectionScreen:
        """After a lock: the same entry, open at the stage the person was writing."""
        screen = super().rebuild()
        assert isinstance(screen, ReflectionScreen)
        if self.entry is not None:
            screen.start_stage = self.editor.stage
        screen.made_here = self.made_here
        return screen

    def show_status(self) -> None:
        words = status_words(self.drafts.dirty, self._saved_at, self.created)
        self.query_one("#reflection-status", Static).update(words)

    # --- keys ----------------------------------------------------------------------------

    def action_next(self) -> None:
        self.editor.next_stage()

    def action_previous(self) -> None:
        self.editor.previous_stage()

    def action_go_to_stage(self, index: int) -> None:
        if index < len(self.editor.stages):
            self.editor.go_to(index)

    def action_pick_stage(self) -> None:
        if self.entry is None or isinstance(self.app.screen, StagePicker):
            return
        titles = [stage.title for stage in self.editor.stages]

        def chosen(index: int | None) -> None:
            if index is not None:
                self.editor.go_to(index)
            else:
                self.editor.go_to(self.editor.stage)  # the focus back in the text

        self.app.push_screen(StagePicker(titles, self.editor.stage), chosen)

    async def action_history(self) -> None:
        saved = self.entry is not None and self.created
        await open_history(self, Reflection, self.entry_id if saved else None, self.restored)

    def restored(self, entry: Reflection) -> None:
        """A version put back (History): the entry as stored now, on screen."""
        self.entry = replace(entry)
        self.drafts.stored = values_of(entry)
        self.show_stored(self.drafts.stored)
        self.show_status()

    async def action_back(self) -> None:
        await self.action_done()

    async def action_done(self) -> None:
        if self._finishing:
            return
        if self.entry is None:
            self.app.pop_screen()
            return
        self._finishing = True
        if not await self.drafts.save_now():
            self._finishing = False
            return
        if self.created:
            empty, model = self.entry.empty_stages(), models.model_of(self.entry)
            if empty:
                sentence = models.empty_sentence(model, empty)
                self.notify(sentence, title="Reflection saved", timeout=8)
            else:
                count = ("two", "three", "four", "five", "six")[len(model.stages) - 2]
                self.notify(f"All {count} stages written.", title="Reflection saved")
        else:
            self.notify("Nothing was written, so no reflection was saved.")
        self.app.pop_screen()
