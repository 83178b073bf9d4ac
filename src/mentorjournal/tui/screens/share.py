"""Share an action plan (or, for an ended relationship, the start of a wider-impact plan): tick
what may leave the journal, see exactly what will be written, and write it (Markdown, or HTML for
printing) only after a warning that the file is not encrypted.

Nothing is ticked when the screen opens; private pieces (notes, reflections, learning) are
marked as such and are written only when ticked one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import (
    Button,
    Footer,
    Input,
    Markdown,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from mentorjournal.domain import Relationship
from mentorjournal.errors import JournalError, NotFound
from mentorjournal.exchange import files, share
from mentorjournal.tui import keymap
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.tick_list import TickList

FORMATS = {"md": "Markdown", "html": "HTML for printing"}
TAGS = {
    "about": "ABOUT",
    "discussed": "TALK",
    "did": "DID",
    "changed": "CHNG",
    "continues": "NEXT",
    "plan": "PLAN",
}
# kind → (what the document is, its file's name, the words of the screen's title)
KINDS = {
    "plan": (share.ACTION_PLAN, "action-plan", "Share"),
    "impact": ("Wider-impact plan", "wider-impact-plan", "Wider impact"),
}
NOTHING_TICKED = (
    "*Nothing is ticked, so nothing would be written.*\n\n"
    "Tick the items that may leave the journal with **space**; the file will hold "
    "those and nothing else."
)


@dataclass
class Plan:
    relationship: Relationship
    items: list[share.ShareItem]


def item_prompt(item: share.ShareItem) -> Content:
    markup = "[bold $accent]$tag[/] "
    if item.private:
        markup += "[bold $text-warning]private[/] "
    return Content.from_markup(markup + "$label", tag=f"{TAGS[item.section]:<5}", label=item.label)


class SharePlanScreen(JournalScreen):
    """One relationship's plan: what we discussed, what we did, what we plan."""

    DEFAULT_CSS = """
    SharePlanScreen #share-intro { padding: 0 1; height: auto; color: $text-muted; }
    SharePlanScreen #share-body { height: 1fr; }
    SharePlanScreen #share-left { width: 1fr; height: 1fr; }
    SharePlanScreen #share-items { height: 1fr; }
    SharePlanScreen #share-detail { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    SharePlanScreen #share-preview-box { width: 1fr; height: 1fr; border: round $panel; }
    SharePlanScreen #share-preview { margin: 0 1; }
    SharePlanScreen #share-controls { height: auto; }
    SharePlanScreen #share-format { width: 24; }
    SharePlanScreen #share-path { width: 1fr; }
    SharePlanScreen #share-message { padding: 0 1; height: auto; }
    """
    AUTO_FOCUS = "#share-items"
    KEY_SECTION = "share"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationship_id: str, kind: str = "plan") -> None:
        super().__init__(relationship_id, kind)
        self.relationship_id = relationship_id
        self.kind = kind if kind in KINDS else "plan"
        self.plan: Plan | None = None

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Static(
            "Space ticks what may leave the journal; nothing else is written.",
            id="share-intro",
        )
        with Horizontal(id="share-body"):
            with Vertical(id="share-left"):
                yield TickList(id="share-items")
                yield Static("", id="share-detail")
            with VerticalScroll(id="share-preview-box"):
                yield Markdown(NOTHING_TICKED, id="share-preview", open_links=False)
        with Horizontal(id="share-controls"):
            yield Select(
                [(label, value) for value, label in FORMATS.items()],
                value="md",
                allow_blank=False,
                id="share-format",
            )
            yield Input(self.default_path("md"), id="share-path")
            yield Button("Write file", id="share-write-button", variant="primary")
        yield Static("", id="share-message")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Share an action plan" if self.kind == "plan" else "Wider-impact plan"
        self.query_one("#share-items").border_title = "What may leave the journal"
        self.query_one("#share-preview-box").border_title = "Preview"
        self.load(opens=True)

    async def journal_changed(self) -> None:
        self.load()  # what is ticked stays ticked

    def load(self, *, opens: bool = False) -> None:
        rel_id = self.relationship_id

        def load() -> Plan:
            rel = self.journal.get(Relationship, rel_id)
            if self.kind == "impact":
                from mentorjournal.exchange.impact import build_impact_items

                return Plan(rel, build_impact_items(self.journal, rel))
            return Plan(rel, share.build_items(self.journal, rel))

        self.run_journal(load, self.show, group="share", failed=self.load_failed, opens=opens)

    def load_failed(self, exc: JournalError) -> None:
        self.journal_failed(exc)
        if isinstance(exc, NotFound) and self.is_current:
            self.dismiss(None)

    def show(self, plan: Plan) -> None:
        self.plan = plan
        self.sub_title = f"{KINDS[self.kind][2]}: {plan.relationship.title}"
        listing = self.query_one("#share-items", SelectionList)
        ticked = self.chosen
        listing.clear_options()
        listing.add_options(Selection(item_prompt(i), i.key, i.key in ticked) for i in plan.items)
        listing.highlighted = 0
        self.refresh_preview()

    # --- what is ticked, and the preview --------------------------------------------------

    @property
    def chosen(self) -> set[str]:
        return set(self.query_one("#share-items", SelectionList).selected)

    def default_path(self, fmt: str) -> str:
        return f"~/{KINDS[self.kind][1]}-{self.now().astimezone():%Y-%m-%d}.{fmt}"

    def document(self, fmt: str) -> str:
        """The file's text for what is ticked; raises ShareError when nothing is."""
        assert self.plan is not None
        render = share.render_html if fmt == "html" else share.render_markdown
        return render(
            self.plan.relationship.title,
            self.plan.items,
            self.chosen,
            written_on=self.now().astimezone().date(),
            kind=KINDS[self.kind][0],
        )

    def preview_text(self) -> str:
        try:
            return self.document("md")
        except share.ShareError:
            return NOTHING_TICKED

    @on(SelectionList.SelectedChanged, "#share-items")
    def refresh_preview(self) -> None:
        self.query_one("#share-preview", Markdown).update(self.preview_text())
        picked = [i for i in self.plan.items if i.key in self.chosen] if self.plan else []
        private = sum(1 for i in picked if i.private)
        total = len(self.plan.items) if self.plan else 0
        note = f"{len(picked)} of {total} ticked" + (f" ({private} private)" if private else "")
        self.query_one("#share-items").border_subtitle = note
        self.say("")

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#share-message", Static)
        message.update(Content(text))
        message.set_class(error, "error")

    @on(SelectionList.SelectionHighlighted, "#share-items")
    def show_detail(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        """Where the highlighted item goes in the file, in words (the list shows it whole)."""
        item = self.plan.items[event.selection_index] if self.plan else None
        if item is not None:
            private = " · private: written only when ticked" if item.private else ""
            detail = f"{share.SECTION_TITLES[item.section]}{private}"
            self.query_one("#share-detail", Static).update(Content(detail))

    # --- format and path ------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        value = self.query_one("#share-format", Select).value
        return value if isinstance(value, str) else "md"

    @on(Select.Changed, "#share-format")
    def format_changed(self) -> None:
        html = self.fmt == "html"
        title = "Preview — the HTML page holds the same" if html else "Preview"
        self.query_one("#share-preview-box").border_title = title
        box = self.query_one("#share-path", Input)
        stem, dot, ext = box.value.rpartition(".")
        if dot and ext in FORMATS and ext != self.fmt:
            box.value = f"{stem}.{self.fmt}"
        elif not box.value.strip():
            box.value = self.default_path(self.fmt)

    def action_switch_format(self) -> None:
        self.query_one("#share-format", Select).value = "html" if self.fmt == "md" else "md"

    def action_untick_all(self) -> None:
        self.query_one("#share-items", SelectionList).deselect_all()

    def target(self) -> Path | None:
        text = self.query_one("#share-path", Input).value.strip()
        if not text:
            self.say("Type where the file should go.", error=True)
            return None
        path = Path(text).expanduser()
        path = path if path.is_absolute() else Path.home() / path
        if path.is_dir():
            self.say(f"{path} is a folder; add a file name.", error=True)
            return None
        return path

    # --- writing --------------------------------------------------------------------------

    @on(Button.Pressed, "#share-write-button")
    @on(Input.Submitted, "#share-path")
    def action_write(self) -> None:
        if self.plan is None:
            return
        try:
            text = self.document(self.fmt)
        except share.ShareError as exc:
            self.say(str(exc), error=True)
            return
        path = self.target()
        if path is None:
            return
        picked = [i for i in self.plan.items if i.key in self.chosen]
        private = sum(1 for i in picked if i.private)
        items = f"{len(picked)} item{'s' * (len(picked) != 1)}"
        detail = (
            f"{items}{f' ({private} private)' if private else ''} will be written to {path} "
            f"as {FORMATS[self.fmt]}. The file is NOT encrypted: anyone who can open it can "
            "read it. Keep it safe, and delete it when it is no longer needed."
        )
        if path.exists():
            detail += " It replaces the file already there."
        dialog = ConfirmDialog(
            "Write an unencrypted file?", escape(detail), confirm_label="Write it", danger=True
        )
        self.app.push_screen(dialog, lambda yes: self.confirmed(yes, path, text))

    def confirmed(self, yes: bool | None, path: Path, text: str) -> None:
        if not yes:
            self.say("Nothing was written.")
            return
        self.say("Writing…")

        def done(_: object) -> None:
            self.say(f"Written to {path} — not encrypted: keep it safe.")
            self.notify(f"Written to {path}.", title=KINDS[self.kind][0], timeout=6, markup=False)

        def failed(exc: JournalError) -> None:
            self.say(str(exc), error=True)

        self.run_journal(lambda: files.write_new_file(path, text), done, failed=failed)

    def action_back(self) -> None:
        self.dismiss(None)
