"""Search: find words anywhere in the journal as you type, narrow by relationship, kind, status
and dates, and open what you found.

Every word typed and every "quoted phrase" must be in an entry for it to be found. The journal is
encrypted on disk, so the first search decrypts every entry once (the journal keeps them in memory
while it is unlocked); that runs in a worker while "Searching…" shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Input, ListItem, ListView, Select, Static

from mentorjournal.domain import Relationship
from mentorjournal.journal.search import NO_FILTERS, SearchFilters
from mentorjournal.mentoring.dates import DateInputError, format_day, parse_date
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.found import MARK
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.list_refill import refill
from mentorjournal.tui.widgets.steady import focus_now

if TYPE_CHECKING:
    from mentorjournal.journal.search import SearchHit

DEBOUNCE_SECONDS = 0.2
MAX_SHOWN = 200  # more rows than this is no help to anyone; the count says how many there are
HIGHLIGHT = MARK  # the words found, as they are marked in the entry opened
ANY = "any"
KINDS = [
    ("Any kind", ANY),
    ("Meetings", "meeting"),
    ("Reflections", "reflection"),
    ("Actions", "action"),
    ("Check-ins", "check-in"),
    ("Reviews", "review"),
    ("Relationships", "relationship"),
    ("Support", "support"),
    ("Prompts", "prompt"),
]
STATUSES = [("Any status", ANY), *((s.capitalize(), s) for s in ("planned", "held", "cancelled"))]
STATUSES += [(s.capitalize(), s) for s in ("open", "done", "dropped")]
RELATIONSHIPS = ("relationships",)  # kept by the journal (Journal.work_out) for the filter
HINT = 'Type a word or two to search the whole journal; "quotes" find a phrase.'


def hit_card(hit: SearchHit) -> Text:
    """Two lines: what and when (and in which relationship), then the words around the match."""
    card = Text()
    card.append(hit.kind, style="bold")
    card.append(f"  {format_day(hit.when)}" if hit.when else "  —", style="dim")
    if hit.relationship:
        card.append(f"  {hit.relationship}", style="italic")
    card.append("\n")
    end = hit.start + hit.length
    card.append(hit.snippet[: hit.start])
    card.append(hit.snippet[hit.start : end], style=HIGHLIGHT)
    card.append(hit.snippet[end:])
    card.no_wrap = True
    card.overflow = "ellipsis"
    return card


def count_line(found: int, term: str, narrowed: bool = False) -> str:
    if found == 0:
        among = " among the entries chosen" if narrowed else ""
        return f"No matches for “{term}”{among}." if term else "No entries are chosen."
    label = "1 match" if found == 1 else f"{found:,} matches"
    if found > MAX_SHOWN:
        return f"{label} — the newest {MAX_SHOWN} are shown; add a word to narrow it."
    return label


class HitItem(ListItem):
    def __init__(self, hit: SearchHit) -> None:
        super().__init__(Static(hit_card(hit)))
        self.hit = hit


class ResultList(ListView):
    """The results; up from the first one goes back to the search box."""

    KEY_SECTION = "search_results"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def action_up_or_leave(self) -> None:
        if not self.index:
            focus_now(self.screen.query_one("#search-term", Input))
        else:
            self.action_cursor_up()


class SearchScreen(JournalScreen):
    """Type to search every decrypted word; enter opens the highlighted result."""

    AUTO_FOCUS = "#search-term"
    KEY_SECTION = "search"
    BINDINGS = keymap.bindings(KEY_SECTION)
    DEFAULT_CSS = """
    SearchScreen #search-term { margin: 0 1; }
    SearchScreen #search-filters { height: 1; padding: 0 1; margin-bottom: 1; }
    SearchScreen #search-filters > * { margin-right: 1; }
    SearchScreen #search-rel { width: 1fr; }
    SearchScreen #search-kind { width: 17; }
    SearchScreen #search-status { width: 14; }
    SearchScreen #search-from, SearchScreen #search-to { width: 12; }
    SearchScreen #search-to { margin-right: 0; }
    SearchScreen #search-count { padding: 0 2; height: 1; color: $text-muted; }
    SearchScreen #search-results { height: 1fr; }
    SearchScreen #search-results > ListItem { padding: 0 1; margin-bottom: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.term = ""  # the term whose results are shown (or being searched for)
        self.filters = NO_FILTERS  # and what narrowed them
        self.hits: list[SearchHit] = []
        self._debounce: Timer | None = None
        self.listed: list[Relationship] = []  # the relationships the filter offers

    def compose(self) -> ComposeResult:
        yield journal_header()
        yield Input(placeholder="Words to find in everything you wrote", id="search-term")
        with Horizontal(id="search-filters"):
            # The relationships at once when the journal keeps them (else once they are read).
            kept = self.journal.kept_view(RELATIONSHIPS)
            self.listed = kept.value if kept is not None else []
            every = [("Any relationship", ANY), *((r.title, r.id) for r in self.listed)]
            yield Select(every, value=ANY, allow_blank=False, compact=True, id="search-rel")
            yield Select(KINDS, value=ANY, allow_blank=False, compact=True, id="search-kind")
            yield Select(STATUSES, value=ANY, allow_blank=False, compact=True, id="search-status")
            yield Input(placeholder="from date", compact=True, id="search-from")
            yield Input(placeholder="to date", compact=True, id="search-to")
        yield Static(HINT, id="search-count")
        yield ResultList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        journal = self.journal
        self.show_view(
            RELATIONSHIPS,
            lambda _now: journal.relationships(),
            self.list_relationships,
            again=self.list_relationships,
        )

    def list_relationships(self, relationships: list[Relationship]) -> None:
        if relationships == self.listed:
            return  # listed already
        self.listed = relationships
        choice = self.query_one("#search-rel", Select)
        choice.set_options([("Any relationship", ANY), *((r.title, r.id) for r in relationships)])
        choice.value = ANY

    async def on_screen_resume(self) -> None:
        # Back from an entry that may have changed: search again for what is in the box.
        if self.term or self.filters.narrows:
            await self.start_search()

    def chosen_filters(self) -> SearchFilters:
        """What the filter row narrows to; DateInputError for a date it cannot read."""

        def picked(selector: str) -> str | None:
            value = self.query_one(selector, Select).value
            return value if isinstance(value, str) and value != ANY else None

        today = self.now().astimezone().date()
        since, until = (
            parse_date(self.query_one(box, Input).value, today)
            for box in ("#search-from", "#search-to")
        )
        kind = picked("#search-kind")
        return SearchFilters(
            relationship_id=picked("#search-rel"),
            kinds=frozenset([kind] if kind else []),
            since=since,
            until=until,
            status=picked("#search-status"),
        )

    @on(Select.Changed, "#search-filters Select")
    @on(Input.Changed, "#search-filters Input")
    @on(Input.Changed, "#search-term")
    def typed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.start_search)

    @on(Input.Submitted, "#search-term")
    async def submitted(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        await self.start_search()
        self.action_to_results()

    async def start_search(self) -> None:
        self._debounce = None
        term = self.query_one("#search-term", Input).value.strip()
        try:
            filters = self.chosen_filters()
        except DateInputError as exc:
            self.term = term
            self.query_one("#search-count", Static).update(str(exc))
            return
        self.term, self.filters = term, filters
        if not term and not filters.narrows:
            await self.show_hits("", NO_FILTERS, [])
            return
        self.query_one("#search-count", Static).update("Searching…")
        self.workers.cancel_group(self.app, "search")  # (run_journal: the app's workers); a stale
        # search's result is ignored anyway
        self.run_journal(
            lambda: self.journal.search(term, filters),
            lambda hits: self.show_hits(term, filters, hits),
            group="search",
        )

    async def show_hits(self, term: str, filters: SearchFilters, hits: list[SearchHit]) -> None:
        if (term, filters) != (self.term, self.filters):
            return  # the person has typed or chosen on since this search began
        results = self.query_one("#search-results", ResultList)
        await refill(results, (HitItem(hit) for hit in hits[:MAX_SHOWN]))
        if (term, filters) != (self.term, self.filters):
            return  # typed on while the list was being filled: the newer search fills it next
        self.hits = hits
        count = self.query_one("#search-count", Static)
        if term or filters.narrows:
            count.update(count_line(len(hits), term, filters.narrows))
        else:
            count.update(HINT)

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", ResultList)
        if results.children:
            focus_now(results)

    @on(ListView.Selected, "#search-results")
    def open_hit(self, event: ListView.Selected) -> None:
        if isinstance(event.item, HitItem):
            hit = event.item.hit
            navigation.open_entry(self.app, hit.entry_type, hit.entry_id, hit.field, self.term)

    def action_back(self) -> None:
        self.app.pop_screen()
