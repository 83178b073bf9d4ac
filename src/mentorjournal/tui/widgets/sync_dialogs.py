"""The dialogs of one journal on two computers: the passphrase or recovery key of a copy whose
key is not this journal's; the offer to merge the conflicted copies found beside the journal;
and, once, the word that the journal itself sits in a synced folder, with the way to a sync
folder instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from mentorjournal.tui import keymap
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog

if TYPE_CHECKING:
    from textual.app import App

    from mentorjournal.exchange.found_copies import FoundCopy, SyncedPlace


class CopySecretDialog(ModalScreen["str | None"]):
    """Asks for the passphrase or recovery key of the copy ``name``; dismisses with it, or None
    (skipped: that copy is not merged)."""

    AUTO_FOCUS = "#copy-secret"
    KEY_SECTION = "copy_secret"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.copy_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-secret-box", classes="dialog"):
            yield Static("Another passphrase", classes="dialog-title")
            yield Static(
                f"{self.copy_name} has another passphrase or data key than this journal (it "
                "was changed on one computer). Type that copy's passphrase, or its recovery "
                "key, to merge it.",
                id="copy-secret-why",
            )
            yield Input(password=True, id="copy-secret", placeholder="passphrase or recovery key")
            with Horizontal(classes="buttons"):
                yield Button("Skip", id="copy-secret-skip")
                yield Button("Merge", id="copy-secret-go", variant="primary")
        yield Footer()

    @on(Input.Submitted, "#copy-secret")
    @on(Button.Pressed, "#copy-secret-go")
    def go(self) -> None:
        value = self.query_one("#copy-secret", Input).value
        if value:
            self.dismiss(value)

    @on(Button.Pressed, "#copy-secret-skip")
    def action_cancel(self) -> None:
        self.dismiss(None)


def copies_in_words(found: list[FoundCopy]) -> str:
    tools = sorted({f.tool for f in found})
    n = len(found)
    names = ", ".join(f.path.name for f in found[:3]) + (" …" if n > 3 else "")
    return (
        f"{' and '.join(tools)} left {n} conflicted cop{'y' if n == 1 else 'ies'} of this "
        f"journal beside it ({names}): changes made on another computer at the same time. "
        "Merge them into this journal? Where both changed a field, the newer stays and the "
        "other is kept in its history; nothing is lost. Each copy fully merged is then removed."
    )


def offer_merge(app: Any, found: list[FoundCopy], then: Callable[[Any], None]) -> None:
    """Ask whether to merge the conflicted copies ``found``; ``then`` once answered."""

    def answered(yes: bool | None) -> None:
        if yes:
            app.merge_found(found)
        then(None)

    dialog = ChoiceDialog(
        "Conflicted copies found", copies_in_words(found), "Merge them", "Not now"
    )
    app.push_screen(dialog, answered)


def place_in_words(place: SyncedPlace, default: str) -> str:
    return (
        f"This journal file is in a folder that {place.tool} carries to your other computers "
        f"({place.root}). A sync tool can carry a half-written journal, and edits on two "
        "computers leave conflicted copies. The safe way: keep the journal on each computer "
        f"only (for instance at {default}) and choose a sync folder in {place.tool}: each "
        "computer then keeps only its own encrypted snapshot there and merges the others' "
        "when you unlock. Set one up now? (This is said once.)"
    )


def offer_sync_folder(app: App[Any], place: SyncedPlace) -> None:
    """Say (once: the caller keeps that it was said) that the journal is in a synced folder,
    and offer the sync folder setting instead."""
    from platformdirs import user_data_dir

    suggested = str(place.root / "MentorJournal sync")

    def answered(yes: bool | None) -> None:
        if yes:
            from mentorjournal.tui.widgets.sync_folder_panel import open_sync_settings

            open_sync_settings(app, suggested)

    default = Path(user_data_dir("mentorjournal")) / "journal.db"
    dialog = ChoiceDialog(
        f"Your journal is in a {place.tool} folder",
        place_in_words(place, str(default)),
        "Set up a sync folder",
        "Not now",
    )
    app.push_screen(dialog, answered)
