"""A bare Textual app with MentorJournal's screens as plain widgets, and nothing else: the floor
for "key → next screen painted" and "esc → back" (benchmarks/measure_screens.py).

It imports only Textual (nothing from mentorjournal). Each screen is a twin of one of the app's:
the same kinds of widgets in the same containers, filled with a screenful of text when composed
(no journal, no worker), reached by the same key from a twin of home or of the relationship page,
and showing the words the benchmark waits for. ``--typing FILE`` opens straight on a twin of the
meeting screen whose notes hold FILE's text, for the typing row.

    python benchmarks/bare_screens_app.py [--typing FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Collapsible,
    ContentSwitcher,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    ListItem,
    ListView,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    Switch,
    Tab,
    TabbedContent,
    TabPane,
    Tabs,
    TextArea,
)

ROWS = 40  # a screenful of rows in each table and list: what a screen must paint at first
SENTENCE = (
    "the team postponed that vague objective beside one department when our group lost this "
    "dashboard the manager summarised every late metric openly it seemed optimistic that they "
    "overestimated the result"
)
WORDS = SENTENCE.split(" ")
TITLE = "Mentoring from Gareth"


def words(n: int, start: int = 0) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(n)).capitalize() + "."


def text(lines: int, width: int = 16) -> str:
    return "\n".join(words(width, i) for i in range(lines))


def table(columns: tuple[str, ...], rows: int = ROWS) -> DataTable[str]:
    grid: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
    grid.add_columns(*columns)
    for i in range(rows):
        grid.add_row(*(words(3, i + j) for j in range(len(columns))), key=str(i))
    return grid


def wellbeing(question: str) -> ComposeResult:
    with Vertical(classes="auto"):
        yield Static(question)
        with Horizontal(classes="auto"):
            with RadioSet():
                for n in range(1, 6):
                    yield RadioButton(str(n))
            yield Input(placeholder="a note, if you like")


def hidden(widget: Widget) -> Widget:
    widget.display = False
    return widget


FILLER = ("Prepare", "Meet", "Review", "Reflect", "Add action", "Insight", "Calendar", "Share")


class Twin(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back")]
    NAME = ""
    FOOTER = 3  # keys in the footer as the app's screen shows them (its own, the app's: help,
    # quit, the palette): keys that do nothing are added to make up the number

    def __init_subclass__(cls, **kwargs: object) -> None:
        own = list(cls.__dict__.get("BINDINGS", []))  # Textual adds Twin's (esc) to them
        shown = 1 + sum(1 for b in own if isinstance(b, Binding) and b.show)
        more = max(cls.FOOTER - shown - 2, 0)  # the bare app's own: quit and the palette
        fillers = (Binding(f"ctrl+{n + 1}", f"noop({n})", FILLER[n % 8]) for n in range(more))
        cls.BINDINGS = [*own, *fillers]
        super().__init_subclass__(**kwargs)  # (which merges the bindings)

    def action_noop(self, _n: int) -> None:
        pass

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = self.NAME

    def action_back(self) -> None:
        self.app.pop_screen()


class Relationship(Twin):
    NAME = TITLE
    FOOTER = 12
    BINDINGS = [
        Binding("p", "open('prepare')", "Prepare"),
        Binding("m", "open('meet')", "Meet"),
        Binding("v", "open('review')", "Review"),
        Binding("r", "open('reflect')", "Reflect"),
        Binding("i", "open('insight')", "Insight"),
    ]

    def body(self) -> ComposeResult:
        yield Static(f"{TITLE}  I am the mentee · Gareth")
        yield Static("Purpose: " + text(2), classes="pin")
        yield Static("Next meeting: Tue 8 Dec 2026, 14:00 · monthly on the second Tuesday")
        with TabbedContent():
            with TabPane("About"), VerticalScroll():
                yield Static(text(20))
            with TabPane(f"Meetings ({ROWS})"):
                yield table(("When", "Status", "Notes"))
            with TabPane(f"Reflections ({ROWS})"):
                yield table(("Written", "About the meeting of", "Stages left empty"))
            with TabPane(f"Actions ({ROWS})"):
                yield table(("Action", "Owner", "Due", "Status", "Outcome"))

    def action_open(self, name: str) -> None:
        self.app.push_screen(SCREENS[name]())


class Prepare(Twin):
    NAME = f"Prepare · {TITLE}"
    FOOTER = 7

    def body(self) -> ComposeResult:
        with VerticalScroll():
            with Vertical(classes="auto pin"):
                yield Static("Purpose  " + words(14))
                with Collapsible(title="Ground rules"):
                    yield Static(text(4))
            yield Static("Next meeting: Tue 8 Dec 2026, 14:00 (60 min)")
            with Vertical(classes="auto"):
                yield Static("Agenda")
                yield Static(text(14))
                yield hidden(Static(""))  # the programme's brief (none in these journals)
                yield Static("Themes for this meeting (space chooses)")
                yield SelectionList[int](*((words(4, i), i, True) for i in range(20)))
                yield Static("Points to raise (one a line)")
                yield TextArea(text(3), classes="points")
                yield Static("Before the meeting")
                yield from wellbeing("How are you?")
                yield Static("Practicality gaps")
                yield OptionList(*(words(6, i) for i in range(4)))
                yield Static("")


class Meeting(Twin):
    NAME = "Meeting"
    FOOTER = 7

    def __init__(self, notes: str = "") -> None:
        super().__init__()
        self.notes = notes

    def body(self) -> ComposeResult:
        yield Static("Purpose: " + words(14))
        with Horizontal(classes="line"):
            yield Static("1 min elapsed · 59 min left of 60 min")
            yield Static("")
        yield Static("Purpose  1/5\n" + words(16), classes="deck")
        with Vertical():
            yield hidden(Tabs(Tab("Notes"), Tab("Problem & framings")))
            with Horizontal():
                with Vertical():
                    yield Static("Notes")
                    yield TextArea(self.notes, id="notes")
                with Vertical():
                    yield Static("The problem as defined · alternative framings")
                    yield TextArea("The problem as defined\n- \n\nAlternative framings\n- \n")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#notes").focus()


class Review(Twin):
    NAME = "Review"
    FOOTER = 7

    def body(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("For the meeting of Tue 8 Dec 2026: 6 actions open or to review.")
            yield OptionList(*(f"○ {words(3, i)}\n  owner: partner, due 9 Nov" for i in range(6)))
            yield Static(text(6), classes="pin")
            for label, choices in (("Status", ("Done", "Open", "Dropped")), ("Outcome", "FBS")):
                with Horizontal(classes="line"):
                    yield Static(label)
                    for choice in choices:
                        yield Button(choice, compact=True)
            with Horizontal(classes="line"):
                yield Label("Learned")
                yield Input(placeholder="l to write what was learned; enter records", compact=True)
            with Horizontal(classes="line"):
                yield Button("Record", compact=True)
                yield Button("Finish review", compact=True)
            yield hidden(Static(""))
            with hidden(Vertical(classes="auto")):
                yield Static("")
                yield from wellbeing("After the review, how are you?")
                with Horizontal(classes="line"):
                    yield Button("Save and close", compact=True)
                    yield Button("Skip", compact=True)


class Reflection(Twin):
    NAME = "Reflection"
    FOOTER = 6
    STAGES = ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan")

    def body(self) -> ComposeResult:
        yield Static(TITLE)
        with Horizontal(classes="top"):
            models = [("Gibbs", 0), ("Driscoll", 1), ("Kolb", 2)]
            yield Select(models, value=0, allow_blank=False)  # the model chooser
            yield Label("Meeting")
            yield Select([(words(4, i), i) for i in range(120)], value=0, allow_blank=False)
            yield Static("Not saved yet")
        with Horizontal(classes="auto"):
            for stage in self.STAGES:
                yield Static(f"○ {stage} ", classes="tab")
        with Horizontal():
            with VerticalScroll(classes="guide"):
                yield Static(text(12, 6))
            with ContentSwitcher(initial="stage-0"):
                for n, _stage in enumerate(self.STAGES):
                    yield TextArea(
                        placeholder="Write here; it is saved as you type.", id=f"stage-{n}"
                    )


class Insight(Twin):
    NAME = "Insight"
    FOOTER = 5

    def body(self) -> ComposeResult:
        # As many lines in each part as the app's shows for the realistic journal's first
        # relationship (the meetings' months, 40 quarters of outcomes, carried, well-being,
        # themes).
        with VerticalScroll():
            yield hidden(Static("Working it out…"))
            yield Static("Meetings  monthly\n120 meetings held · 0 missed\n" + text(13, 12))
            for lines in (42, 2, 7, 5):
                yield Static(text(lines, 12))


class Actions(Twin):
    NAME = "Actions"
    FOOTER = 7

    def body(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Select([("All relationships", 0)], value=0, allow_blank=False)
            yield Select([("Open", 0), ("Done", 1)], value=0, allow_blank=False)
            yield Select([("Anyone", 0), ("Me", 1)], value=0, allow_blank=False)
            yield Checkbox("Overdue")
        yield Static(f"Showing {ROWS} of 738 · 24 open · 7 overdue")
        yield table(("Title", "Due", "Owner", "Status", "Gap", "Relationship", "Outcome"))
        yield hidden(Static(""))
        yield Static(words(12))


class Search(Twin):
    NAME = "Search"
    FOOTER = 4

    def body(self) -> ComposeResult:
        yield Input(placeholder="Words to find in everything you wrote")
        with Horizontal(classes="filters"):
            yield Select([("Any relationship", 0)], value=0, allow_blank=False)
            yield Select([("Any kind", 0)], value=0, allow_blank=False)
            yield Select([("Any status", 0)], value=0, allow_blank=False)
            yield Input(placeholder="from date")
            yield Input(placeholder="to date")
        yield Static('Type a word or two to search the whole journal; "quotes" find a phrase.')
        yield ListView()


class Settings(Twin):
    NAME = "Settings"
    FOOTER = 5

    def body(self) -> ComposeResult:
        with TabbedContent():
            with TabPane("General"), VerticalScroll():
                yield Label("Lock after this many minutes without a key press (0 = never)")
                with Horizontal(classes="row"):
                    yield Input("5")
                    yield Static("Locks after 5 minutes without a key press.")
                with Horizontal(classes="row"):
                    yield Switch(True)
                    yield Label("Lock when the computer goes to sleep (or ctrl+z): on")
                yield Label("Usual length of a meeting, minutes")
                with Horizontal(classes="row"):
                    yield Input("60")
                    yield Static("New meetings last 60 minutes unless you change them.")
                yield Label("Theme")
                yield Select([(words(2, i), i) for i in range(20)], value=0, allow_blank=False)
                yield Static("Applies at once.")
            with TabPane("Passphrase and backup"), VerticalScroll():
                for label in ("Change passphrase…", "New key…"):
                    yield Static("Passphrase")
                    yield Static(words(12))
                    yield Button(label)
                yield Static("Backup")
                yield Label("Copy the encrypted journal to")
                with Horizontal(classes="row"):
                    yield Input("journal-backup.db")
                    yield Button("Back up now")
                yield Static(words(10))
            with TabPane("Prompts and themes"), VerticalScroll():
                yield Static(words(12))
                yield Label("Theme")
                yield Select([(words(2, i), i) for i in range(20)], value=0, allow_blank=False)
                yield Static(words(12))
                yield Label("Built-in prompts")
                yield SelectionList[int](*((words(6, i), i, True) for i in range(8)))
                yield Input(placeholder="a prompt of your own")
                yield Static("")
                yield Static("Your own prompts")
                yield Static(text(3))
                yield Input(placeholder="a theme of your own")
                with Vertical(classes="auto"):
                    yield Label("Prompt pack")
                    with Horizontal(classes="row"):
                        yield Input("~/mentorjournal-prompts.toml")
                        yield Button("Export")
                        yield Button("Import")
                    yield Static("")


class Support(Twin):
    NAME = "Support and well-being"
    FOOTER = 6

    def body(self) -> ComposeResult:
        yield Static(text(2))
        with TabbedContent():
            with TabPane("Support contacts"):
                yield ListView(
                    ListItem(Static("Aunt Rosalind  phone\nSunday evenings")),
                    ListItem(Static("Employee assistance line  0800 000 000")),
                )
                yield hidden(Static(words(20)))
            with TabPane("Well-being"), VerticalScroll():
                yield from wellbeing("How are you right now?")
                with Horizontal(classes="auto"):
                    yield Select([(TITLE, 0)], prompt="Not tied to a relationship")
                    yield Button("Save")
                for lines in (0, 1, 1, 2, 5):
                    yield Static(text(lines))


class Home(Twin):
    NAME = "Home"
    FOOTER = 9
    BINDINGS = [
        Binding("a", "open('actions')", "Actions"),
        Binding("slash", "open('search')", "Search"),
        Binding("comma", "open('settings')", "Settings"),
        Binding("f2", "open('support')", "Support"),
    ]

    def body(self) -> ComposeResult:
        yield Static("3 relationships · 24 open actions · 7 overdue · 17 to review")
        cards = (f"{TITLE} {i}\n{text(3, 10)}\nNext meeting:" for i in range(3))
        yield ListView(*(ListItem(Static(card)) for card in cards))

    def on_list_view_selected(self) -> None:  # enter, as on the app's home
        self.action_open("relationship")

    def action_open(self, name: str) -> None:
        self.app.push_screen(SCREENS[name]())

    def action_back(self) -> None:
        pass


SCREENS: dict[str, type[Screen[None]]] = {
    "relationship": Relationship,
    "prepare": Prepare,
    "meet": Meeting,
    "review": Review,
    "reflect": Reflection,
    "insight": Insight,
    "actions": Actions,
    "search": Search,
    "settings": Settings,
    "support": Support,
}

CSS = """
.auto, .line, .row, .top, .filters { height: auto; }
.pin, .deck { border-left: tall $accent; height: auto; }
.points { height: 6; }
.filters Select, .filters Input { width: 1fr; }
.row Input { width: 12; }
.row Static, .row Label { width: 1fr; padding: 1 0 0 2; }
.guide { width: 42; }
Twin TabbedContent, Twin DataTable { height: 1fr; }
"""


class BareScreensApp(App[None]):
    CSS = CSS
    TITLE = "MentorJournal"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, typing: Path | None) -> None:
        super().__init__()
        self.typing = typing

    def on_mount(self) -> None:
        if self.typing is not None:
            self.push_screen(Meeting(self.typing.read_text(encoding="utf-8")))
        else:
            self.push_screen(Home())


if __name__ == "__main__":
    args = sys.argv[1:]
    BareScreensApp(Path(args[1]) if args[:1] == ["--typing"] else None).run()
