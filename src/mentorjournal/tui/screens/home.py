"""Home: where every mentoring relationship stands, and what to do next in each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import ListItem, ListView, Static

from mentorjournal.mentoring import schedule
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.base import JournalScreen
from mentorjournal.tui.widgets.header import journal_header
from mentorjournal.tui.widgets.key_footer import KeyFooter
from mentorjournal.tui.widgets.list_refill import refill

if TYPE_CHECKING:
    from mentorjournal.domain import Relationship
    from mentorjournal.mentoring.agenda import Standing

# Columns a card's text loses: its left border and padding (3), and room for a scrollbar (2).
CARD_CHROME = 5


def first_lines(text: str, count: int) -> str:
    """The first ``count`` lines of ``text`` that are not blank, stripped."""
    return "\n".join([line.strip() for line in text.splitlines() if line.strip()][:count])


def first_line(text: str) -> str:
    return first_lines(text, 1)


def relationship_lines(rel: Relationship, width: int) -> Text:
    """The top of a card: title, roles, and the purpose in one line of ``width`` cells at most."""
    card = Text()
    card.append(rel.title, style="bold")
    who = f"  I am the {rel.my_role.value}" + (f" · {rel.partner}" if rel.partner else "")
    card.append(who + "\n", style="dim")
    purpose = Text(first_line(rel.purpose))
    if purpose:
        label = "Purpose: "
        purpose.truncate(max(width - len(label), 1), overflow="ellipsis")
        card.append(label).append_text(purpose).append("\n")
    return card


def standing_card(st: Standing, now_label: str, width: int = 80 - CARD_CHROME) -> Text:
    """One relationship's card: who and why, the next meeting, the actions, what to do now."""
    card = relationship_lines(st.relationship, width)
    when = schedule.format_meeting(st.relationship, st.next_meeting) if st.next_meeting else "—"
    card.append(f"Next meeting: {when}\n")
    if st.programme:  # where it is in its programme: "meeting 3 of 8: Belonging"
        line = Text(f"Programme: {st.programme}")
        line.truncate(max(width, 1), overflow="ellipsis")
        card.append_text(line).append("\n")
    card.append(f"Open {st.open_count} · ")
    card.append(f"overdue {st.overdue_count}", style="bold red" if st.overdue_count else "")
    card.append(f" · to review {st.review_count}\n")
    card.append(f"{now_label} {st.what_now}", style="bold" if st.next_step else "italic")
    return card


def pending_card(rel: Relationship, width: int) -> Text:
    """A card before its standing is worked out (a moment after unlocking)."""
    return relationship_lines(rel, width).append("Looking at meetings and actions…", style="dim")


def relationship_count(count: int) -> str:
    return f"{count} relationship" if count == 1 else f"{count} relationships"


class RelationshipItem(ListItem):
    """One relationship on home; ``standing`` is None until it has been worked out."""

    def __init__(self, rel: Relationship, standing: Standing | None, width: int) -> None:
        super().__init__(Static(classes="card-body"))
        self.relationship = rel
        self.standing = standing
        self.width = width

    def on_mount(self) -> None:
        self.fit(self.width)

    def fit(self, width: int) -> None:
        """Draw the card for a text ``width`` cells wide (again after a resize)."""
        self.width = width
        body = (
            standing_card(self.standing, "➜", width)
            if self.standing is not None
            else pending_card(self.relationship, width)
        )
        self.query_one(Static).update(body)

    def show(self, standing: Standing) -> None:
        if standing == self.standing:
            return  # shown already (home shown again, nothing changed)
        self.relationship, self.standing = standing.relationship, standing
        self.fit(self.width)


class HomeScreen(JournalScreen):
    """Every relationship: next meeting, counts of actions, and a "what now" line."""

    KEY_SECTION = "home"
    BINDINGS = keymap.bindings(KEY_SECTION)

    def __init__(self, relationships: list[Relationship] | None = None) -> None:
        """``relationships``: read already (right after unlocking, in the unlock worker), so
        that the first paint shows them; where each stands is filled in once worked out."""
        super().__init__()
        self.first_relationships = relationships
        self.summary = ""  # the line under the header, as shown

    def compose(self) -> ComposeResult:
        first = self.first_relationships or []
        width = self.card_width()
        yield journal_header()
        yield Static("", id="home-summary", classes="screen-intro")
        yield ListView(*[RelationshipItem(rel, None, width) for rel in first], id="relationships")
        yield Static(
            "No relationships yet. Press n to add the first one — its purpose, ground rules "
            "and how often you meet.",
            id="home-empty",
            classes="empty",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        self.query_one("#home-empty").display = False
        if self.first_relationships:
            self.query_one("#relationships", ListView).focus()
            count = relationship_count(len(self.first_relationships))
            self.query_one("#home-summary", Static).update(count)

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: one load, not two.
        self.refresh_standings()

    def card_width(self) -> int:
        return max((self.size.width or self.app.size.width) - CARD_CHROME, 20)

    def on_resize(self, event: events.Resize) -> None:
        width = max(event.size.width - CARD_CHROME, 20)
        for item in self.query(RelationshipItem):
            item.fit(width)

    def refresh_standings(self) -> None:
        journal = self.journal
        self.show_view(
            ("standings",),
            journal.standings,
            self.show_standings,
            again=self.show_standings,
            group="home",
        )

    async def show_standings(self, standings: list[Standing]) -> None:
        view = self.query_one("#relationships", ListView)
        items = list(self.query(RelationshipItem))
        if [i.relationship.id for i in items] == [st.relationship.id for st in standings]:
            for item, st in zip(items, standings, strict=True):
                item.show(st)  # the same relationships: only the cards change
        else:
            width = self.card_width()
            cards = (RelationshipItem(st.relationship, st, width) for st in standings)
            await refill(view, cards, view.index or 0)
        self.show_counts(standings)

    def show_counts(self, standings: list[Standing]) -> None:
        """The summary line, and the list or the "no relationships yet" text."""
        view = self.query_one("#relationships", ListView)
        empty = not standings
        self.query_one("#home-empty").display = empty
        view.display = not empty
        if standings:
            view.focus()
        opened = sum(st.open_count for st in standings)
        overdue = sum(st.overdue_count for st in standings)
        review = sum(st.review_count for st in standings)
        summary = (
            f"{relationship_count(len(standings))} · {opened} open actions · {overdue} overdue · "
            f"{review} to review"
        )
        if summary != self.summary:
            self.summary = summary
            self.query_one("#home-summary", Static).update(summary)

    def selected_item(self) -> RelationshipItem | None:
        item = self.query_one("#relationships", ListView).highlighted_child
        return item if isinstance(item, RelationshipItem) else None

    @on(ListView.Selected, "#relationships")
    def action_open(self) -> None:
        item = self.selected_item()
        if item is not None:
            navigation.open_relationship(self.app, item.relationship.id)

    def action_what_now(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        if item.standing is None:
            self.notify("One moment: still looking at meetings and actions.")
            return
        navigation.follow_next_step(self.app, item.standing)

    def action_new_relationship(self) -> None:
        navigation.new_relationship(self.app)

    def action_reflect(self) -> None:
        item = self.selected_item()
        if item is None:
            self.notify("Add a relationship first (press n).")
            return
        last = self.journal.last_held_meeting(item.relationship.id)
        navigation.new_reflection(self.app, item.relationship.id, last.id if last else None)

    def action_actions(self) -> None:
        navigation.actions_board(self.app)

    def action_search(self) -> None:
        navigation.search(self.app)

    def action_settings(self) -> None:
        navigation.settings(self.app)

    def action_recently_deleted(self) -> None:
        navigation.recently_deleted(self.app)
