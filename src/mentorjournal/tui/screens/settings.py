"""Settings: locking, meeting length, theme, passphrase, backup, and the person's own prompts.

Every value is stored (encrypted) in the journal's settings as soon as it is accepted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    Select,
    Static,
    Switch,
    TabbedContent,
    TabPane,
)

from mentorjournal.domain import OwnPrompt
from mentorjournal.errors import JournalError
from mentorjournal.journal.bin import BIN_DAYS
from mentorjournal.journal.history_chain import KEEP_LAST, RETENTION_WORDS
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.key_footer import KeyFooter
from mentorjournal.tui.widgets.own_prompts import OwnPromptsPanel, hidden_builtins, own_theme_key
from mentorjournal.tui.widgets.passphrase_dialog import PassphraseDialog
from mentorjournal.tui.widgets.prompt_pack_bar import PromptPackBar
from mentorjournal.tui.widgets.sync_folder_panel import SyncFolderPanel

RETENTION = RETENTION_WORDS.format(last=KEEP_LAST, days=BIN_DAYS)
FIRST_THEMES = ("textual-dark", "textual-light", "ansi-dark", "ansi-light")
# What a person reads for a theme's internal id; any other theme gets its id in words.
THEME_NAMES = {
    "textual-dark": "Standard dark",
    "textual-light": "Standard light",
    "ansi-dark": "Terminal's own colours, dark",
    "ansi-light": "Terminal's own colours, light",
    "catppuccin-frappe": "Catppuccin Frappé",
    "rose-pine": "Rosé Pine",
    "rose-pine-moon": "Rosé Pine Moon",
    "rose-pine-dawn": "Rosé Pine Dawn",
}


@dataclass(frozen=True)
class Minutes:
    """A whole number of minutes kept as a setting."""

    key: str
    default: int
    low: int
    high: int
    error: str

    def parse(self, text: str) -> int | None:
        try:
            value = int(text.strip())
        except ValueError:
            return None
        return value if self.low <= value <= self.high else None


AUTO_LOCK = Minutes(
    "auto_lock_minutes", 5, 0, 240, "Type a whole number of minutes from 0 (never) to 240."
)
MEETING = Minutes("meeting_minutes", 60, 5, 480, "Type a whole number of minutes from 5 to 480.")
FIELDS = {"auto-lock": AUTO_LOCK, "meeting-minutes": MEETING}


def minutes_note(field: str, value: int) -> str:
    if field == "auto-lock":
        if value == 0:
            return "Never locks by itself; ctrl+l locks at once."
        return f"Locks after {value} minute{'s' if value != 1 else ''} without a key press."
    return f"New meetings last {value} minutes unless you change them."


class SettingsScreen(JournalScreen):
    """General settings, passphrase and backup, and prompts — one tab each."""

    KEY_SECTION = "settings"
    BINDINGS = keymap.bindings(KEY_SECTION)
    AUTO_FOCUS = "#auto-lock"
    theme_value = ""  # the theme chosen here (with NO_COLOR set, not the one in use)
    DEFAULT_CSS = """
    SettingsScreen #settings-tabs, SettingsScreen #settings-tabs > ContentSwitcher { height: 1fr; }
    SettingsScreen TabPane { height: 1fr; padding: 0 1; }
    SettingsScreen .setting-row { height: auto; }
    SettingsScreen .setting-row Input { width: 12; }
    SettingsScreen .setting-row Static { width: 1fr; padding: 1 0 0 2; }
    SettingsScreen .setting-row Static.error { color: $text-error; }
    SettingsScreen #switch-row Label { padding: 1 0 0 1; }
    SettingsScreen #theme { width: 40; }
    SettingsScreen #backup-row Input { width: 1fr; }
    SettingsScreen .section-title { text-style: bold; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        settings = self.journal.settings()  # a small table, already in memory once unlocked
        yield journal_header()
        with TabbedContent(id="settings-tabs", initial="general-pane"):
            with TabPane("General", id="general-pane"), VerticalScroll():
                yield from self.minutes_field(
                    "auto-lock", "Lock after this many minutes without a key press (0 = never)"
                )
                with Horizontal(id="switch-row", classes="setting-row"):
                    on_suspend = bool(settings.get("lock_on_suspend", True))
                    yield Switch(on_suspend, id="lock-on-suspend")
                    yield Label(suspend_label(on_suspend), id="lock-on-suspend-state")
                yield from self.minutes_field(
                    "meeting-minutes", "Usual length of a meeting, minutes"
                )
                yield Label("Theme", classes="field-label")
                names = ordered_themes(self.app.available_themes)
                stored = settings.get("theme")
                self.theme_value = stored if stored in names else self.app.theme
                yield Select(
                    [(theme_name(n, self.app.available_themes[n].dark), n) for n in names],
                    value=self.theme_value,
                    allow_blank=False,
                    id="theme",
                )
                yield Static(self.colour_note(), id="theme-note", classes="muted")
                yield Static("History and deleted entries", classes="section-title")
                yield Static(RETENTION, id="history-rule", classes="muted")
                yield Button("Recently deleted…", id="recently-deleted")
            with TabPane("Passphrase and backup", id="security-pane"), VerticalScroll():
                yield Static("Passphrase", classes="section-title")
                yield Static(
                    "Changing it re-wraps the journal's key; no entry is rewritten. Your recovery "
                    "key keeps working.",
                    classes="muted",
                )
                yield Button("Change passphrase…", id="change-passphrase")
                yield Static("Encryption key", classes="section-title")
                yield Static(
                    "A new key encrypts every entry again and gives a new recovery key.",
                    classes="muted",
                )
                yield Button("New key…", id="rekey")
                yield Static("Backup", classes="section-title")
                yield Label("Copy the encrypted journal to", classes="field-label")
                with Horizontal(id="backup-row", classes="setting-row"):
                    yield Input(self.default_backup(), id="backup-path")
                    yield Button("Back up now", id="backup", variant="primary")
                yield Static(
                    "The copy stays encrypted and opens with the same passphrase.",
                    id="backup-message",
                    classes="muted",
                )
                yield SyncFolderPanel(id="sync-folder-panel")
            with TabPane("Prompts and themes", id="prompts-pane"):
                yield OwnPromptsPanel(id="own-prompts")
        yield KeyFooter()

    def minutes_field(self, field: str, label: str) -> ComposeResult:
        spec = FIELDS[field]
        value = self.stored_minutes(spec)
        yield Label(label, classes="field-label")
        with Horizontal(classes="setting-row"):
            yield Input(str(value), id=field)
            yield Static(minutes_note(field, value), id=f"{field}-message")

    def stored_minutes(self, spec: Minutes) -> int:
        value = self.journal.setting(spec.key, spec.default)
        return value if isinstance(value, int) and not isinstance(value, bool) else spec.default

    def colour_note(self) -> str:
        if os.environ.get("NO_COLOR"):
            return "NO_COLOR is set, so colours are off; the theme you choose is kept for later."
        return "Applies at once."

    def default_backup(self) -> str:
        return str(self.journal.path.with_name(f"journal-backup-{self.now():%Y-%m-%d}.db"))

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        # Last in the prompts panel, below the person's own prompts (scrolled to when needed).
        pack_bar = PromptPackBar("~/mentorjournal-prompts.toml", id="prompt-pack")
        self.query_one("#own-prompts", OwnPromptsPanel).mount(pack_bar)
        self.run_journal(self.journal.own_prompts, self.show_prompts, group="settings-prompts")
        self.run_journal(
            lambda: [p.name for p in self.journal.programmes()], pack_bar.offer_programmes
        )

    # --- minutes and switches -------------------------------------------------------------

    @on(Input.Submitted, "#auto-lock, #meeting-minutes")
    @on(Input.Blurred, "#auto-lock, #meeting-minutes")
    def minutes_entered(self, event: Input.Submitted | Input.Blurred) -> None:
        field = event.input.id or ""
        spec = FIELDS[field]
        note = self.query_one(f"#{field}-message", Static)
        value = spec.parse(event.value)
        if value is None:
            note.update(spec.error)
            note.add_class("error")
            return
        note.remove_class("error")
        if value == self.stored_minutes(spec):
            note.update(minutes_note(field, value))
            return
        self.run_journal(
            lambda: self.journal.set_setting(spec.key, value),
            lambda _: note.update(minutes_note(field, value) + " Saved."),
        )

    @on(Switch.Changed, "#lock-on-suspend")
    def suspend_changed(self, event: Switch.Changed) -> None:
        self.query_one("#lock-on-suspend-state", Label).update(suspend_label(event.value))
        if event.value != bool(self.journal.setting("lock_on_suspend", True)):
            self.run_journal(lambda: self.journal.set_setting("lock_on_suspend", event.value))

    @on(Select.Changed, "#theme")
    def theme_changed(self, event: Select.Changed) -> None:
        name = event.value
        if not isinstance(name, str) or name == self.theme_value:
            return
        self.theme_value = name
        if not os.environ.get("NO_COLOR"):
            self.app.theme = name
        self.run_journal(lambda: self.journal.set_setting("theme", name))

    @on(Button.Pressed, "#recently-deleted")
    def recently_deleted(self) -> None:
        navigation.recently_deleted(self.app)

    # --- passphrase and backup --------------------------------------------------------------

    @on(Button.Pressed, "#change-passphrase")
    def change_passphrase(self) -> None:
        def done(changed: bool | None) -> None:
            if changed:
                self.notify("Passphrase changed. Use the new one when you next unlock.")

        self.app.push_screen(PassphraseDialog(), done)

    @on(Button.Pressed, "#rekey")
    def rekey(self) -> None:
        from mentorjournal.tui.screens.first_run import RecoveryKeyScreen
        from mentorjournal.tui.widgets.rekey_dialog import RekeyDialog

        def shown(_: bool | None) -> None:
            self.notify("Every entry is encrypted with the new key; your passphrase is the same.")

        def done(recovery_key: str | None) -> None:
            if recovery_key:
                self.app.push_screen(RecoveryKeyScreen(recovery_key), shown)

        self.app.push_screen(RekeyDialog(kdf=self.app.kdf), done)

    @on(Button.Pressed, "#backup")
    @on(Input.Submitted, "#backup-path")
    def backup(self) -> None:
        message = self.query_one("#backup-message", Static)
        text = self.query_one("#backup-path", Input).value.strip()
        if not text:
            message.update("Type where the backup should go.")
            return
        target = Path(text).expanduser()
        if not target.is_absolute():
            target = self.journal.path.parent / target
        message.update("Backing up…")
        button = self.query_one("#backup", Button)
        button.disabled = True

        def done(_: object) -> None:
            button.disabled = False
            message.update(f"Backed up to {target}. It opens with your passphrase.")

        def failed(exc: JournalError) -> None:
            button.disabled = False
            message.update(str(exc))

        self.run_journal(lambda: self.journal.backup(target), done, failed=failed)

    # --- own prompts and themes -----------------------------------------------------------

    def show_prompts(self, rows: list[OwnPrompt], select_theme: str | None = None) -> None:
        self.query_one("#own-prompts", OwnPromptsPanel).show(rows, select_theme)

    def store_prompts(self, rows: list[OwnPrompt], *, then: str = "", theme: str = "") -> None:
        """Save rows, then show every row again (and clear the box ``then`` names)."""
        panel = self.query_one("#own-prompts", OwnPromptsPanel)

        def job() -> list[OwnPrompt]:
            self.journal.save_many(rows)
            return self.journal.own_prompts()

        def done(stored: list[OwnPrompt]) -> None:
            if then:
                panel.added(then)
            self.show_prompts(stored, theme or None)

        self.run_journal(job, done, group="settings-prompts")

    @on(OwnPromptsPanel.AddPrompt)
    def add_prompt(self, event: OwnPromptsPanel.AddPrompt) -> None:
        self.store_prompts([OwnPrompt(theme=event.theme, text=event.text)], then="new-prompt")

    @on(OwnPromptsPanel.AddTheme)
    def add_theme(self, event: OwnPromptsPanel.AddTheme) -> None:
        panel = self.query_one("#own-prompts", OwnPromptsPanel)
        taken = [t.key for t in panel.themes] + [r.theme for r in panel.rows]
        key = own_theme_key(event.title, taken)
        self.store_prompts(
            [OwnPrompt(theme=key, theme_title=event.title)], then="new-theme", theme=key
        )

    @on(OwnPromptsPanel.ToggleBuiltin)
    def toggle_builtin(self, event: OwnPromptsPanel.ToggleBuiltin) -> None:
        panel = self.query_one("#own-prompts", OwnPromptsPanel)
        row = hidden_builtins(panel.rows).get(event.prompt_key)
        if row is None:
            new = OwnPrompt(theme=event.theme, hides=event.prompt_key, hidden=not event.shown)
            self.store_prompts([new])
            return
        journal, row_id = self.journal, row.id

        def job() -> list[OwnPrompt]:  # that one field, onto the row as stored now
            journal.save_fields(OwnPrompt, row_id, {"hidden": not event.shown})
            return journal.own_prompts()

        self.run_journal(job, self.show_prompts, group="settings-prompts")

    @on(PromptPackBar.Export)
    def export_pack(self, event: PromptPackBar.Export) -> None:
        from mentorjournal.exchange import files, pack_import

        bar = self.query_one("#prompt-pack", PromptPackBar)

        def job() -> str:
            pack = pack_import.pack_of(self.journal, None, event.programme)
            files.write_new_file(event.path, pack.text)
            return pack.what

        self.run_journal(
            job,
            lambda what: bar.say(f"Exported {what} to {event.path} (not encrypted)."),
            failed=lambda exc: bar.say(str(exc), error=True),
        )

    @on(PromptPackBar.Import)
    def import_pack(self, event: PromptPackBar.Import) -> None:
        from mentorjournal.exchange import pack_import, prompt_packs

        bar = self.query_one("#prompt-pack", PromptPackBar)

        def job() -> tuple[str, list[OwnPrompt], list[str]]:
            pack = prompt_packs.read_pack(event.path)
            news = pack_import.import_pack(self.journal, pack)  # all of it, or nothing
            names = [p.name for p in self.journal.programmes()]
            return news, self.journal.own_prompts(), names

        def done(result: tuple[str, list[OwnPrompt], list[str]]) -> None:
            bar.say(result[0])
            bar.offer_programmes(result[2])
            self.show_prompts(result[1])

        self.run_journal(
            job, done, group="settings-prompts", failed=lambda exc: bar.say(str(exc), error=True)
        )

    def action_back(self) -> None:
        self.app.pop_screen()


def ordered_themes(available: dict[str, Any]) -> list[str]:
    """The three standard themes first, then every other registered theme by name."""
    first = [n for n in FIRST_THEMES if n in available]
    return first + sorted(n for n in available if n not in FIRST_THEMES)


def theme_name(name: str, dark: bool) -> str:
    """A theme as a person reads it: "Nord (dark)", not "nord"."""
    if name in THEME_NAMES:
        return THEME_NAMES[name]
    words = " ".join(w.capitalize() for w in name.replace("_", "-").split("-"))
    return f"{words} ({'dark' if dark else 'light'})"


def suspend_label(on: bool) -> str:
    if on:
        return "Lock when the computer goes to sleep (or ctrl+z): on"
    return "Lock when the computer goes to sleep (or ctrl+z): off"
