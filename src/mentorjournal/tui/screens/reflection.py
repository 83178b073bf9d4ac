"""A Gibbs reflection: six stages, one at a time, saved (encrypted) as the person writes.

The entry is created on its first save. Typing is saved ~1.5 s after the last keystroke, in a
worker; ``save_draft_now`` saves at once (before a lock or quit). Finishing saves, names any
empty stage in a gentle notification, and goes back — it never blocks.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Select, Static

from mentorjournal.domain import GIBBS_STAGES, Meeting, Reflection, Relationship
from mentorjournal.errors import JournalError
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.gibbs_editor import GibbsEditor, empty_stages_sentence

if TYPE_CHECKING:
    from mentorjournal.journal import Journal

AUTOSAVE_SECONDS = 1.5
FREE_STANDING = "free-standing"  # the link Select's value for "not tied to a meeting"
NEXT, PREV = "reflection-next-stage", "reflection-prev-stage"
KEYS_HINT = "f3/f4 or ctrl+pgup/pgdn: previous/next stage · alt+1…6: go to a stage"

Values = tuple[str | None, ...]
Saved = tuple[Reflection, int] | None  # the stored copy and its edit count; None: superseded


def values_of(ref: Reflection) -> Values:
    """What the person controls in an entry: its meeting link and the six texts."""
    return (ref.meeting_id, *(ref.stage(key) for key in GIBBS_STAGES))


def meeting_label(meeting: Meeting) -> str:
    when = meeting.starts_at.astimezone()
    return f"{when:%a} {when.day} {when:%b %Y %H:%M} · {meeting.status.value}"


class ReflectionScreen(JournalScreen):
    """Write or edit one Gibbs reflection, linked to a meeting or free-standing."""

    AUTO_FOCUS = None
    BINDINGS = [
        Binding("ctrl+s", "done", "Done", id="reflection-done"),
        Binding("escape", "back", "Back (saves)", id="reflection-back", show=False),
        # priority: a TextArea scrolls sideways on ctrl+pgup/pgdn, and would type alt+digits
        Binding("f4,ctrl+pagedown", "next_stage", "Next stage", id=NEXT, priority=True),
        Binding("f3,ctrl+pageup", "previous_stage", "Prev stage", id=PREV, priority=True),
        *(
            Binding(
                f"alt+{n}",
                f"go_to_stage({n - 1})",
                f"Stage {n}",
                id=f"reflection-stage-{n}",
                show=False,
                priority=True,
            )
            for n in range(1, 7)
        ),
    ]
    DEFAULT_CSS = """
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
    ) -> None:
        super().__init__(relationship_id, reflection_id, meeting_id=meeting_id, prefill=prefill)
        self.relationship_id = relationship_id
        self.reflection_id = reflection_id
        self.meeting_id = meeting_id
        self.prefill = prefill
        self.entry: Reflection | None = None  # a private copy: the entry as last stored
        self.created = reflection_id is not None
        self._stored: Values = ()
        self._ready = False
        self._finishing = False
        self._timer: Timer | None = None
        self._edits = 0  # counts edits; a save never overwrites a newer one
        self._saving = 0
        self._saved_at: datetime | None = None
        self._save_lock = threading.Lock()
        self._stored_edit = 0  # the newest edit stored (guarded by the lock)
        self._shown_edit = 0  # the newest edit the screen knows is stored
        self._created_at: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="reflection-top"):
            yield Label("Meeting", classes="field-label")
            yield Select(
                [("Free-standing (no meeting)", FREE_STANDING)],
                value=FREE_STANDING,
                allow_blank=False,
                id="reflection-meeting",
            )
            yield Static("", id="reflection-status")
        editor = GibbsEditor(keys_hint=KEYS_HINT, id="reflection-editor")
        editor.disabled = True  # until the entry is loaded
        yield editor
        yield Footer()

    @property
    def editor(self) -> GibbsEditor:
        return self.query_one(GibbsEditor)

    # --- loading ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = "Reflection"
        journal = self.journal
        rid, ref_id = self.relationship_id, self.reflection_id

        def load() -> tuple[Relationship, list[Meeting], Reflection | None]:
            rel = journal.get(Relationship, rid)
            ref = journal.get(Reflection, ref_id) if ref_id else None
            return rel, journal.meetings(rid), replace(ref) if ref else None

        self.run_journal(load, self.loaded, group="reflection-load", failed=self.load_failed)

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        self.app.pop_screen()

    def loaded(self, result: tuple[Relationship, list[Meeting], Reflection | None]) -> None:
        rel, meetings, entry = result
        if entry is None:
            entry = Reflection(
                relationship_id=rel.id,
                written_at=self.now(),
                meeting_id=self.meeting_id,
                description=self.prefill,
            )
        if entry.meeting_id not in {m.id for m in meetings}:
            entry.meeting_id = None  # a link to no meeting of this relationship is no link
        self.entry = entry
        self._created_at = entry.created_at
        self._stored = values_of(entry)
        written = entry.written_at.astimezone()
        self.sub_title = f"Reflection · {rel.title} · {written:%a} {written.day} {written:%b %Y}"
        options = [("Free-standing (no meeting)", FREE_STANDING)]
        options += [(meeting_label(m), m.id) for m in reversed(meetings)]
        link = self.query_one("#reflection-meeting", Select)
        link.set_options(options)
        link.value = entry.meeting_id or FREE_STANDING
        self.editor.disabled = False
        self.editor.load({key: entry.stage(key) for key in GIBBS_STAGES})
        first_empty = next((i for i, k in enumerate(GIBBS_STAGES) if not entry.stage(k)), 0)
        self.editor.go_to(first_empty if self.created else 0)
        self._ready = True
        self.show_status()

    # --- what the person has written -----------------------------------------------------

    def snapshot(self) -> Reflection:
        """A fresh copy of the entry holding what is on screen now."""
        assert self.entry is not None
        link = self.query_one("#reflection-meeting", Select).value
        meeting_id = link if isinstance(link, str) and link != FREE_STANDING else None
        copy = replace(self.entry, meeting_id=meeting_id)
        for key, text in self.editor.texts().items():
            setattr(copy, key, text)
        return copy

    def pending(self) -> bool:
        return self._ready and values_of(self.snapshot()) != self._stored

    def needs_save(self) -> bool:
        if not self._ready:
            return False
        if self.pending():
            return True
        return not self.created and any(self.editor.texts()[k].strip() for k in GIBBS_STAGES)

    @on(GibbsEditor.Edited)
    @on(Select.Changed, "#reflection-meeting")
    def edited(self) -> None:
        if not self._ready:
            return
        self._edits += 1
        self.cancel_timer()
        if self.pending():
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self.autosave)
        self.show_status()

    def cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_unmount(self) -> None:
        self.cancel_timer()

    # --- saving --------------------------------------------------------------------------

    def store(self, journal: Journal, snapshot: Reflection, edit: int) -> Saved:
        """In a worker thread: store the snapshot unless a newer one was stored already."""
        with self._save_lock:
            if edit < self._stored_edit:
                return None
            snapshot.created_at = self._created_at
            journal.save(snapshot)
            self._stored_edit = edit
            self._created_at = snapshot.created_at
            return snapshot, edit

    def autosave(self) -> None:
        self._timer = None
        if not self.pending():
            return
        journal, snapshot, edit = self.journal, self.snapshot(), self._edits
        self._saving += 1
        self.show_status()
        self.run_journal(
            lambda: self.store(journal, snapshot, edit),
            self.saved,
            group="reflection-save",
            failed=self.save_failed,
        )

    def saved(self, result: Saved) -> None:
        self._saving -= 1
        if result is not None and result[1] >= self._shown_edit:
            stored, self._shown_edit = result
            self._stored = values_of(stored)
            self._saved_at = self.now()
            if not self.created:
                self.created = True
                # After a lock the screen is rebuilt from its arguments: reopen this entry.
                self.init_args = (self.relationship_id, stored.id)
                self.init_kwargs = {}
        if self.is_mounted:
            self.show_status()

    def save_failed(self, exc: JournalError) -> None:
        self._saving -= 1
        self.journal_failed(exc)
        if self.is_mounted:
            self.query_one("#reflection-status", Static).update("Not saved")

    async def save_now(self) -> bool:
        """Store what is on screen now; False when the journal refused."""
        self.cancel_timer()
        if not self.needs_save():
            return True
        journal, snapshot, edit = self.journal, self.snapshot(), self._edits
        self._saving += 1
        self.show_status()
        try:
            result = await asyncio.to_thread(self.store, journal, snapshot, edit)
        except JournalError as exc:
            self.save_failed(exc)
            return False
        self.saved(result)
        return True

    async def save_draft_now(self) -> None:
        await self.save_now()

    def show_status(self) -> None:
        if self._saving:
            text = "Saving…"
        elif self.pending():
            text = "Unsaved changes"
        elif self._saved_at is not None:
            text = f"Saved {self._saved_at.astimezone():%H:%M}"
        elif self.created:
            text = "All saved"
        else:
            text = "Not saved yet"
        self.query_one("#reflection-status", Static).update(text)

    # --- keys ----------------------------------------------------------------------------

    def action_next_stage(self) -> None:
        self.editor.next_stage()

    def action_previous_stage(self) -> None:
        self.editor.previous_stage()

    def action_go_to_stage(self, index: int) -> None:
        self.editor.go_to(index)

    async def action_back(self) -> None:
        await self.action_done()

    async def action_done(self) -> None:
        if self._finishing:
            return
        if not self._ready:
            self.app.pop_screen()
            return
        self._finishing = True
        if not await self.save_now():
            self._finishing = False
            return
        if self.created:
            empty = self.snapshot().empty_stages()
            if empty:
                self.notify(empty_stages_sentence(empty), title="Reflection saved", timeout=8)
            else:
                self.notify("All six stages written.", title="Reflection saved")
        else:
            self.notify("Nothing was written, so no reflection was saved.")
        self.app.pop_screen()
