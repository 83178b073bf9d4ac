"""Every key of the app, written once: the footers, help (f1) and the README's table come from here.

A section holds the keys of one screen, dialog or widget (its class says which, ``KEY_SECTION``,
and takes its ``BINDINGS`` from :func:`bindings`). Each key has the words for the footer (short)
and for help (a sentence). The same job has the same key wherever it appears (a test walks this
table): f3/f4 previous/next (prompt, stage), f5 next tab, f7 select all, ctrl+s save, escape back
or cancel. A job that must work while typing has a ctrl key (ctrl+t start or end the meeting,
ctrl+n add an action); where nothing is typed the letter does the same (m, a). Those keys do
no other job anywhere (a test holds them to it).

The README's table comes from here too: ``python -m mentorjournal.tui.keymap_readme`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.binding import Binding, BindingType

NAMES = {"slash": "/", "comma": ",", "escape": "esc", "pageup": "pgup", "pagedown": "pgdn"}


@dataclass(frozen=True)
class Key:
    """One job's key(s) in one section."""

    keys: str  # Textual's key names, comma-separated; the first is the one the footer shows
    action: str
    label: str  # in the footer: a few words (at most about 14 characters)
    help: str  # in help (f1): what it does, in a sentence
    show: bool = True  # in the footer
    priority: bool = False  # before the focused widget (a text area would take it)
    group: str = ""  # keys next to each other with one label in the footer ("f3 f4 Prev/next")
    numbers: tuple[int, int] | None = None  # "{n}" in keys, "{n}"/"{i}" in action: n from..to
    tab: tuple[str, str] | None = None  # (pane id, its name): in the footer only on that tab
    readme: str | None = ""  # the README's words ("": the label); None: not in the README
    bound: bool = True  # False: a key Textual gives (listed here, not bound again)
    listed: bool = True  # in help (f1)

    def expanded(self) -> list[tuple[str, str]]:
        """(key, action) for each key this entry binds."""
        if self.numbers is None:
            return [(key, self.action) for key in self.keys.split(",")]
        low, high = self.numbers
        return [
            (self.keys.format(n=n), self.action.format(n=n, i=n - 1)) for n in range(low, high + 1)
        ]

    def shown_keys(self) -> str:
        """The keys as a person reads them: "m, ctrl+t", "1…4", "alt+1…6"."""
        if self.numbers is not None:
            low, high = self.numbers
            return key_name(self.keys.format(n=low)) + f"…{high}"
        return ", ".join(key_name(key) for key in self.keys.split(","))

    @property
    def words(self) -> str:
        """The README's words for it."""
        if self.readme:
            return self.readme
        label = self.label
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]


@dataclass(frozen=True)
class Section:
    place: str  # where these keys work, in words ("relationship page")
    keys: tuple[Key, ...]
    parts: tuple[str, ...] = ()  # sections of widgets on it (their keys work when focused)
    readme: bool = False  # a row (or rows) in the README's table


def key_name(key: str) -> str:
    return "+".join(NAMES.get(part, part) for part in key.split("+"))


K = Key
# Keys that several sections share.
BACK = K("escape", "back", "Back", "Back to where you were", readme=None)
BACK_SAVES = K("escape", "back", "Back (saves)", "Back (what you typed is saved first)",
               show=False, readme=None)  # fmt: skip
SAVE = K("ctrl+s", "save", "Save", "Save")
CANCEL = K("escape", "cancel", "Cancel", "Close without saving (asks first if you typed)")
NEXT_TAB = K("f5", "next_tab", "Next tab", "Show the next tab", show=False, readme=None)
PREVIOUS = ("f3,ctrl+pageup", "previous")
NEXT = ("f4,ctrl+pagedown", "next")
ADD_ACTION = K("a,ctrl+n", "add_action", "Add action", "Add an action step")
MEETINGS = ("tab-meetings", "Meetings tab")
ABOUT = ("tab-about", "About tab")
HISTORY = K(
    "f6",
    "history",
    "History",
    "History: earlier versions of these texts, what changed since, and restore",
    priority=True,  # also while typing (a text area's own f6 selects a line)
    readme="history of the texts: compare, restore",
)

# One line a key where it fits; the words are what a person reads, so they are kept together.
# fmt: off
KEYMAP: dict[str, Section] = {
    "app": Section("everywhere", (
        K("ctrl+p", "command_palette", "palette", "Command palette: every action by name",
          readme="command palette: every action by name", bound=False),
        K("f1", "help", "Help", "This help: the keys of the screen you are on (f1 closes it)",
          priority=True, readme="the keys of the screen you are on"),
        K("f2", "support", "Support", "Support contacts and well-being, from anywhere",
          show=False, priority=True, readme="your support contacts and well-being check-ins"),
        K("ctrl+l", "lock", "Lock", "Lock the journal now", show=False, priority=True,
          readme="lock now (what you were typing is saved, encrypted, first)"),
        K("ctrl+q", "quit", "Quit", "Quit (what you were typing is saved first; over a form "
          "not saved, it asks)", priority=True, readme="quit"),
        K("ctrl+z", "suspend_app", "Suspend", "Hand the terminal back", show=False, readme=None,
          listed=False),
        K("tab,shift+tab", "next_field", "Next field", "Move between fields", readme=None,
          bound=False),
        K("escape", "back", "Back", "Back / close", readme="back, or close a dialog",
          bound=False),
    ), readme=True),
    "typing": Section("in a text field", (
        K("f7", "select_all", "Select all", "Select all the text", show=False, priority=True),
        K("ctrl+z", "undo", "Undo", "Undo (in a text area)", bound=False, readme=None),
        K("ctrl+y", "redo", "Redo", "Redo (in a text area)", bound=False, readme=None),
    ), readme=True),
    "home": Section("home", (
        K("w", "what_now", "What now", "Do what the highlighted relationship's “what now” line "
          "says: review, prepare, meet or reflect (or write the opening or closing reflection)",
          readme="follow the “what now” line: review → prepare → meet → reflect"),
        K("enter", "open", "Open", "Open the highlighted relationship's page", show=False,
          readme="open the relationship's page"),
        K("n", "new_relationship", "New", "Add a new mentoring relationship",
          readme="new relationship"),
        K("r", "reflect", "Reflect", "Write a reflection (Gibbs, Driscoll or Kolb) on the last "
          "meeting"),
        K("a", "actions", "Actions", "The actions board: every action step, with filters",
          readme="actions board"),
        K("slash", "search", "Search", "Search every word in the journal"),
        K("comma", "settings", "Settings", "Settings: auto-lock, theme, passphrase, backup"),
        K("b", "recently_deleted", "Deleted", "Recently deleted: restore an entry, or empty the "
          "bin", show=False, readme="recently deleted"),
    ), readme=True),
    "relationship": Section("relationship page", (
        K("p", "prepare", "Prepare", "Prepare the next meeting"),
        K("m,ctrl+t", "meet", "Meet", "Start the meeting (or go back to it)"),
        K("v", "review", "Review", "Review how each open action went"),
        K("r", "reflect", "Reflect", "Write a reflection (Gibbs, Driscoll or Kolb) on the last "
          "meeting"),
        ADD_ACTION,
        K("i", "insight", "Insight", "Insight: meetings, outcomes, well-being over time"),
        K("c", "calendar", "Calendar", "Write the coming meetings to a calendar file (.ics)",
          readme="calendar file"),
        K("s", "share", "Share", "Share an action plan with your partner (a file)",
          readme="share an action plan"),
        K("e", "edit", "Edit", "Edit title, purpose, ground rules, dates and cadence"),
        K("g", "arc", "Programme", "The programme it follows (a prompt pack's) and the model "
          "its reflections are written in", tab=ABOUT, readme="programme and reflection model"),
        K("o", "end_or_close", "Ending", "End the relationship and write its closing "
          "reflection; once ended: then and now, and the wider-impact plan", tab=ABOUT,
          readme="end it (once ended: then and now)"),
        replace(HISTORY, tab=ABOUT),
        K("h", "hold_late", "Hold late", "Hold a missed meeting now, late (the highlighted "
          "one on the Meetings tab)", tab=MEETINGS, readme="hold a missed meeting late"),
        K("t", "reschedule", "Move", "Move one meeting to another time (the highlighted one "
          "on the Meetings tab; elsewhere the next)", tab=MEETINGS, readme="move one meeting"),
        K("x", "cancel_meeting", "Cancel", "Cancel one meeting, with a reason (the highlighted "
          "one on the Meetings tab; elsewhere the next)", tab=MEETINGS,
          readme="cancel one (with a reason)"),
        K("k", "change_cadence", "Cadence", "Change the cadence from a day on", tab=MEETINGS,
          readme="change the cadence from a day on"),
        K("{n}", "go_to_tab({n})", "Tabs", "Go to a tab: 1 About, 2 Meetings, 3 Reflections, "
          "4 Actions", numbers=(1, 4), readme="go to a tab"),
        NEXT_TAB,
        K("ctrl+d", "delete", "Delete", "Delete the relationship and all in it (asks first)",
          show=False, readme=None),
        K("escape", "back", "Back", "Back to home", readme=None),
    ), readme=True),
    "prepare": Section("prepare", (
        K("ctrl+t,m", "meet", "Start meeting", "Start the meeting (also while typing)",
          readme="start the meeting"),
        SAVE,
        HISTORY,
        K("e", "fill_gap", "Fill in a gap", "Open the highlighted practicality gap's action to "
          "note its resources or obstacles", readme=None),
        K("p", "plan", "Plan meeting", "Say when you meet next (when none is planned)",
          show=False, readme=None),  # (the screen says "press p" while none is planned)
        K("escape", "back", "Back", "Back (what you typed is saved first)", readme=None),
    ), parts=("wellbeing",), readme=True),
    "meeting": Section("meeting", (
        K(*PREVIOUS, "Prev prompt", "The previous prompt", priority=True,
          group="Prev/next prompt", readme="previous / next prompt"),
        K(*NEXT, "Next prompt", "The next prompt", priority=True,
          group="Prev/next prompt", readme=None),
        K("f9", "mark_used", "Mark used", "Mark the prompt as used (or not)",
          readme="mark the prompt used"),
        K("ctrl+n,a", "add_action", "Add action", "Add an action step agreed just now"),
        K("ctrl+t", "end_meeting", "End meeting", "End the meeting (asks first)"),
        K("f5", "next_tab", "Notes/framing", "Switch between the notes and the framing",
          readme="switch notes / framing"),
        K("f8", "switch_theme", "Next theme", "Prompts of the next theme",
          readme="next theme's prompts"),
        HISTORY,  # (the meeting's footer has two rows: every key fits at 80 columns)
        replace(BACK_SAVES, show=True),
    ), readme=True),
    "reflection": Section("reflection", (
        K("ctrl+s", "done", "Done", "Done: save and close the reflection", readme=None),
        K(*PREVIOUS, "Previous stage", "The previous stage", priority=True,
          group="Prev/next stage", readme="previous / next stage"),
        K(*NEXT, "Next stage", "The next stage", priority=True,
          group="Prev/next stage", readme=None),
        K("ctrl+g", "pick_stage", "Go to stage", "Go to a stage: then press its number",
          priority=True, readme="go to a stage (then its number)"),
        # Not offered (f1, README): Textual 8.2.8 reads alt+digit as most terminals send it
        # (ESC, digit: xterm, tmux, VTE) as a macOS Option character ("§" for alt+6), typed
        # into the stage. Bound for terminals with the kitty keyboard protocol; ctrl+g works.
        K("alt+{n}", "go_to_stage({i})", "Go to stage", "Go to stage 1–6 (in terminals that "
          "send alt+digit)", show=False, priority=True, numbers=(1, 6), readme=None,
          listed=False),
        HISTORY,
        BACK_SAVES,
    ), readme=True),
    "review": Section("review", (
        K("d", "status('done')", "Done", "Status: done", show=False),
        K("o", "status('open')", "Still open", "Status: still open", show=False),
        K("x", "status('dropped')", "Dropped", "Status: dropped", show=False),
        K("f", "outcome('forwards')", "Forwards", "Outcome: moved forwards", show=False),
        K("b", "outcome('backwards')", "Backwards", "Outcome: moved backwards", show=False),
        K("s", "outcome('sideways')", "Sideways", "Outcome: sideways", show=False),
        K("l", "learning", "Learning", "Write what you learned from it"),
        K("ctrl+s", "record", "Record", "Record this action's review"),
        K("e", "finish", "Finish", "Finish the review"),
        BACK,
    ), parts=("review_list",), readme=True),
    "review_list": Section("review list", (
        K("enter", "record", "Record", "Record the highlighted action", show=False),
    )),
    "actions": Section("actions board", (
        ADD_ACTION,
        K("d", "mark_done", "Mark done", "Mark the highlighted action done"),
        K("escape", "back", "Back", "Back to home", readme=None),
    ), parts=("actions_table",), readme=True),
    "actions_table": Section("actions table", (
        K("enter", "select_cursor", "Edit", "Edit the highlighted action"),
    )),
    "support": Section("support (f2)", (
        BACK,
        K("n", "new_contact", "New contact", "Add a support contact"),
        K("enter", "edit_contact", "Edit", "Edit the highlighted contact"),
        K("{n}", "score({n})", "Check in", "Check in: how are you, 1 = low, 5 = good",
          numbers=(1, 5)),
        K("ctrl+d", "delete_contact", "Delete", "Delete the highlighted contact (asks first)",
          show=False),
        K("ctrl+s", "save_checkin", "Save", "Save the check-in: its score and its note"),
        K("c", "show_tab('contacts-pane')", "Contacts", "Show the support contacts", show=False),
        K("w", "show_tab('wellbeing-pane')", "Well-being", "Show well-being", show=False),
        NEXT_TAB,
    ), parts=("wellbeing",)),
    "wellbeing": Section("well-being check-in", (
        K("{n}", "choose({n})", "Score", "Choose the score (1 = low, 5 = good)", show=False,
          numbers=(1, 5)),
        K("enter", "submit", "Save check-in", "Save the check-in: its score and its note",
          show=False),
    )),
    "settings": Section("settings", (BACK, K("f5", "next_tab", "Next tab", "Show the next tab"))),
    "insight": Section("insight", (
        BACK, K("c", "calendar", "Calendar", "Write the coming meetings to a file (.ics)"),
    )),
    "search": Section("search", (
        BACK, K("down", "to_results", "To results", "From the box to the results", show=False),
    ), parts=("search_results",)),
    "search_results": Section("search results", (
        K("up", "up_or_leave", "Up", "Up (from the first result: back to the box)", show=False),
    )),
    "share": Section("share", (
        BACK,
        K("ctrl+s", "write", "Write file", "Write the file"),
        K("ctrl+f", "switch_format", "Markdown/HTML", "Switch between Markdown and HTML"),
        K("u", "untick_all", "Untick all", "Untick everything (in the list)", show=False),
    )),
    "closing": Section("then and now", (
        K("w", "write_closing", "Closing", "Write (or read again) the closing reflection",
          readme="the closing reflection"),
        K("t", "opening", "Opening", "Write (or read again) the opening reflection",
          readme="the opening reflection"),
        K("s", "share", "Share impact", "Share the start of a wider-impact plan (a file)",
          readme="share a wider-impact plan"),
        BACK,
    ), readme=True),
    "unlock": Section("unlock", (
        K("escape", "clear", "Clear", "Clear what is typed", show=False),
    )),
    "help": Section("help", (K("escape,q", "close", "Close", "Close"),)),
    "history": Section("history", (
        K("enter,r", "restore", "Restore", "Put the highlighted version back (asks first; what "
          "is there now is kept in history)"),
        K("escape,q", "close", "Close", "Close"),
    )),
    "bin": Section("recently deleted", (
        K("enter,r", "restore", "Restore", "Put the highlighted entry back, with all that was "
          "deleted with it"),
        K("ctrl+d", "empty", "Empty bin", "Remove everything here for good (asks first)"),
        BACK,
    )),
    "meeting_view": Section("meeting", (K("escape,q", "close", "Close", "Close"),)),
    # History (f6) works in the action form too; the README's "every form" row leaves it out.
    "action_form": Section("every form", (SAVE, CANCEL, replace(HISTORY, readme=None)),
                           readme=True),
    "relationship_form": Section("relationship form", (SAVE, CANCEL)),
    "arc_dialog": Section("programme and model", (SAVE, CANCEL)),
    "end_dialog": Section("end the relationship", (
        K("ctrl+s", "ok", "End it", "End the relationship on the day typed"), CANCEL,
    )),
    "contact_form": Section("contact form", (SAVE, CANCEL)),
    "passphrase_dialog": Section("passphrase", (
        K("ctrl+s", "change", "Change", "Change the passphrase"), CANCEL,
    )),
    "copy_secret": Section("passphrase of a copy", (
        K("escape", "cancel", "Skip", "Skip this copy: it is not merged"),
    )),
    "rekey_dialog": Section("new data key", (
        K("escape", "cancel", "Cancel", "Close without making a new key"),
    )),
    "calendar_dialog": Section("calendar file", (
        K("ctrl+s", "write", "Write file", "Write the file"), CANCEL,
    )),
    "plan_meeting": Section("plan a meeting", (K("escape", "cancel", "Not now", "Not now"),)),
    "slot_dialog": Section("meeting", (BACK, K("ctrl+s", "ok", "Save", "Save"))),
    "cadence_dialog": Section("cadence", (BACK, K("ctrl+s", "ok", "Save", "Save"))),
    "which_meeting": Section("which meeting", (BACK,)),
    "ground_rules": Section("ground rules", (
        K("enter", "agree", "Agreed — start", "We agree: start the meeting"),
        K("escape", "cancel", "Not now", "Not now"),
    )),
    "confirm": Section("question", (
        K("escape,n", "answer(False)", "Cancel", "No / cancel"),
        K("y", "answer(True)", "Yes", "Yes"),
        K("left", "app.focus_previous", "Previous button", "Previous button", show=False),
        K("right", "app.focus_next", "Next button", "Next button", show=False),
    )),
    "stage_picker": Section("go to stage", (
        K("escape", "dismiss_none", "Cancel", "Cancel"),
        K("{n}", "choose({i})", "Stage", "Go to that stage", show=False, numbers=(1, 6)),
    )),
}
# fmt: on

BY_ID: dict[str, Key] = {}  # a binding's id → its key in the table (filled by ``bindings``)
ORDER: dict[tuple[str, str], int] = {}  # (binding id, key) → its place in the table


def binding_id(section: str, action: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in action.replace("app.", "")).strip("-")
    return f"{section}-{slug.replace('--', '-')}"


def bindings(*names: str) -> list[BindingType]:
    """The Textual bindings of these sections, in the table's order."""
    out: list[BindingType] = []
    for name in names:
        for key in KEYMAP[name].keys:
            if not key.bound:
                continue
            group = Binding.Group(key.group) if key.group else None
            for index, (keys, action) in enumerate(key.expanded()):
                numbered = key.numbers is not None
                first = index == 0 or not numbered
                binding = Binding(
                    keys,
                    action,
                    key.label,
                    show=key.show and first,
                    key_display=key.shown_keys() if numbered and first else None,
                    priority=key.priority,
                    id=binding_id(name, action),
                    group=group,
                )
                BY_ID[binding.id or ""] = key
                ORDER.setdefault((binding.id or "", keys), len(ORDER))
                out.append(binding)
    return out


def key_for(name: str, action: str) -> str:
    """The first key of ``action`` in section ``name``, as a person reads it."""
    key = next(k for k in KEYMAP[name].keys if k.action == action)
    return key.shown_keys().partition(", ")[0]


def help_rows(name: str) -> list[tuple[str, str]]:
    """A section's keys for help (f1): (keys as read, what they do)."""
    return [(k.shown_keys(), k.help) for k in KEYMAP[name].keys if k.listed]


def sections_of(node: Any) -> list[str]:
    """The sections of a screen: its own, then those of its parts."""
    name = getattr(node, "KEY_SECTION", "")
    if name not in KEYMAP:
        return []
    return [name, *KEYMAP[name].parts]
