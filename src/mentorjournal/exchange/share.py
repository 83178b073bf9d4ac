"""A shareable action plan: what we discussed, what we did, what we plan.

Pure logic over domain objects (no UI, no storage). :func:`build_items` lists every piece of a
relationship that *could* leave the journal; the person ticks some; :func:`render_markdown` and
:func:`render_html` (the same Markdown, rendered) write out **only** the ticked ones. Nothing is
ticked by default.

What is written for an item is its ``text`` under a heading made of fixed words and dates
(``"Notes"``, ``"Meeting of 10 Feb 2026"``) — never the words of another item, so that an item
left unticked cannot leak through the heading of one that was ticked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Owner,
    Reflection,
    Relationship,
)
from mentorjournal.errors import JournalError
from mentorjournal.exchange import html_page
from mentorjournal.exchange import markdown_text as md
from mentorjournal.exchange.visible import escape_controls
from mentorjournal.mentoring.models import model_of

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

Section = Literal["about", "discussed", "did", "changed", "continues", "plan"]
SECTION_TITLES: dict[str, str] = {  # in the order they are written
    "about": "About",
    "discussed": "What we discussed",
    "did": "What we did",
    "changed": "What changed, and for whom",  # the wider-impact plan's (exchange/impact.py)
    "continues": "What continues",
    "plan": "What we plan",
}
ACTION_PLAN = "Action plan"  # what a document is, in its title
OWNER_WORDS = {Owner.ME: "me", Owner.PARTNER: "my partner", Owner.BOTH: "both of us"}


def owner_words(owner: Owner, partner: str = "") -> str:
    """Who owns an action, for a document the partner reads: their name, not "my partner"."""
    name = " ".join(partner.split())
    if name and owner is Owner.PARTNER:
        return name
    if name and owner is Owner.BOTH:
        return f"{name} and me"
    return OWNER_WORDS[owner]


NOTHING_CHOSEN = "Tick at least one item first: nothing leaves the journal unless you tick it."


class ShareError(JournalError):
    """A shareable plan cannot be made as asked; the message is for the person."""

    default = NOTHING_CHOSEN


@dataclass(frozen=True)
class ShareItem:
    """One piece that may leave the journal if, and only if, the person ticks it.

    ``label`` is shown in the app (it may quote other entries, for context); ``text`` is what
    is written. ``group`` (a date heading) and ``heading`` (a fixed word) are written with it.
    An item with ``parent`` is written under that item when both are ticked.
    """

    key: str
    section: Section
    label: str
    text: str
    private: bool = False
    group: str = ""
    heading: str = ""
    parent: str = ""

    @property
    def bullet(self) -> bool:
        return not self.heading


def day_words(moment: datetime | date) -> str:
    day = moment.astimezone() if isinstance(moment, datetime) else moment
    return f"{day.day} {day:%b %Y}"


def snippet(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def action_text(a: ActionStep, partner: str = "") -> str:
    """One line about an action: its title, then status, outcome, owner (the partner by name)
    and due date."""
    title = " ".join(a.title.split())
    owner = owner_words(a.owner, partner)
    if a.status is ActionStatus.OPEN:
        due = f", due {day_words(a.due_on)}" if a.due_on else ""
        return f"{title} (owner: {owner}{due})"
    outcome = f", went {a.outcome.value}" if a.outcome else ""
    return f"{title} ({a.status.value}{outcome}; owner: {owner})"


REVIEW_HEADING = "Review of earlier actions"
MEETING_FIELDS = (
    ("notes", "Notes"),
    ("framing", "The problem and other framings"),
    ("review_summary", REVIEW_HEADING),
)


def private_item(
    key: str, section: Section, heading: str, text: str, kind: str = "", day: str = ""
) -> ShareItem:
    """A private piece (notes, a reflection stage, learning); ``kind`` and ``day`` (as in
    "meeting", "13 Oct 2026") make its group, written as "Meeting of 13 Oct 2026"."""
    group = f"{kind.capitalize()} of {day}" if kind else ""
    label = f"{day} {kind}, {heading.lower()}: {snippet(text)}" if kind else snippet(text)
    return ShareItem(key, section, label, text, private=True, group=group, heading=heading)


def _meeting_items(m: Meeting, titles: dict[str, str]) -> list[ShareItem]:
    day = day_words(m.starts_at)
    found: list[ShareItem] = []
    if m.themes:
        names = "; ".join(titles.get(k, k) for k in m.themes)
        label, group = f"{day} meeting, themes: {names}", f"Meeting of {day}"
        found.append(
            ShareItem(f"meeting:{m.id}:themes", "discussed", label, names, False, group, "Themes")
        )
    for attr, heading in MEETING_FIELDS:
        text = str(getattr(m, attr)).strip()
        if text:
            found.append(
                private_item(f"meeting:{m.id}:{attr}", "discussed", heading, text, "meeting", day)
            )
    return found


def _reflection_items(r: Reflection, skip_plan: bool) -> list[ShareItem]:
    """A reflection's stages under its model's own names (the one given as "my action plan"
    left out)."""
    day, key = day_words(r.written_at), f"reflection:{r.id}"
    return [
        private_item(f"{key}:{s.column}", "discussed", s.title, text, "reflection", day)
        for s in model_of(r).stages
        if (text := r.stage(s.column).strip()) and not (skip_plan and s.column == "action_plan")
    ]


def about_items(rel: Relationship) -> list[ShareItem]:
    """The relationship's title (written as the document's) and its purpose."""
    items = [ShareItem("title", "about", f"Title: {snippet(rel.title)}", rel.title)]
    if rel.purpose.strip():
        items.append(
            ShareItem(
                "purpose",
                "about",
                f"Purpose: {snippet(rel.purpose)}",
                rel.purpose.strip(),
                heading="Purpose",
            )
        )
    return items


def action_items(
    actions: Iterable[ActionStep], partner: str, *, closed: bool, section: Section
) -> list[ShareItem]:
    """The closed actions, each with what was learned from it under it (``closed``), or the
    open ones, in ``section``."""
    items: list[ShareItem] = []
    for a in actions:
        if (a.status is not ActionStatus.OPEN) != closed:
            continue
        key, text = f"action:{a.id}", action_text(a, partner)
        items.append(ShareItem(key, section, text, text))
        if closed and a.learning.strip():
            learning = private_item(f"{key}:learning", section, "Learning", a.learning.strip())
            label = f"Learning from “{snippet(a.title, 30)}”: {snippet(a.learning)}"
            items.append(replace(learning, label=label, parent=key))
    return items


def build_items(journal: Journal, rel: Relationship) -> list[ShareItem]:
    """Every piece of ``rel`` that could be shared, in the order it would be written."""
    from mentorjournal.mentoring.prompts import merge_themes

    titles = {t.key: t.title for t in merge_themes(journal.own_prompts())}
    items = about_items(rel)

    reflections = journal.reflections(rel.id)
    with_plan = [r for r in reflections if r.action_plan.strip()]
    plan_source = max(with_plan, key=lambda r: r.written_at, default=None)
    dated: list[tuple[datetime, list[ShareItem]]] = [
        (m.starts_at, _meeting_items(m, titles))
        for m in journal.meetings(rel.id)
        if m.status is MeetingStatus.HELD
    ]
    dated += [(r.written_at, _reflection_items(r, r is plan_source)) for r in reflections]
    for _when, found in sorted(dated, key=lambda pair: pair[0]):
        items.extend(found)

    actions = journal.actions(rel.id)  # done, then dropped (the journal's order)
    items += action_items(actions, rel.partner, closed=True, section="did")
    items += action_items(actions, rel.partner, closed=False, section="plan")
    if plan_source is not None:
        text = plan_source.action_plan.strip()
        plan = private_item(
            f"reflection:{plan_source.id}:action_plan",
            "plan",
            "My action plan from my last reflection",
            text,
        )
        when = day_words(plan_source.written_at)
        items.append(replace(plan, label=f"Last action plan ({when} reflection): {snippet(text)}"))
    return items


def chosen_items(items: Iterable[ShareItem], chosen: Iterable[str]) -> list[ShareItem]:
    """The ticked items in document order; refuses when none is ticked."""
    keys = set(chosen)
    picked = [i for i in items if i.key in keys]
    if not picked:
        raise ShareError(NOTHING_CHOSEN)
    return picked


def document_title(rel_title: str, picked: list[ShareItem], kind: str = ACTION_PLAN) -> str:
    if any(i.key == "title" for i in picked):
        return f"{kind}: " + " ".join(rel_title.split())
    return kind


@dataclass
class _Node:
    """One piece of the written document: a section or group heading, a block, or a bullet."""

    kind: Literal["section", "group", "block", "bullet"]
    title: str = ""
    text: str = ""
    subs: list[tuple[str, str]] = field(default_factory=list)


def _nodes(picked: list[ShareItem]) -> list[_Node]:
    """The document's layout."""
    nodes: list[_Node] = []
    bullets: dict[str, _Node] = {}
    for section in SECTION_TITLES:
        body = [i for i in picked if i.section == section and i.key != "title"]
        if not body:
            continue
        if section != "about":
            nodes.append(_Node("section", SECTION_TITLES[section]))
        group = ""
        for item in body:
            if item.group and item.group != group:
                group = item.group
                nodes.append(_Node("group", group))
            if item.parent in bullets:  # its parent is ticked: written under it
                bullets[item.parent].subs.append((item.heading, item.text))
            elif item.bullet or item.parent:
                node = _Node("bullet", item.heading if item.parent else "", item.text)
                bullets[item.key] = node
                nodes.append(node)
            else:
                nodes.append(_Node("block", item.heading, item.text))
    return nodes


def _md_bullet(lead: str, text: str, indent: str) -> list[str]:
    """A list item: ``lead`` (fixed words, as "Learning") before a person's text, its lines kept."""
    first, *more = md.lines(text) or [""]
    return md.item(f"{lead}: {first}" if lead else first, more, indent)


def render_markdown(
    rel_title: str,
    items: Iterable[ShareItem],
    chosen: Iterable[str],
    *,
    written_on: date | None = None,
    kind: str = ACTION_PLAN,
) -> str:
    """The plan as Markdown with only the ticked items (the title only if "title" is ticked)."""
    picked = chosen_items(items, chosen)
    out = [f"# {md.inline(document_title(rel_title, picked, kind))}", ""]
    if written_on is not None:
        out += [f"Written on {day_words(written_on)}.", ""]
    nodes = _nodes(picked)
    for n, node in enumerate(nodes):
        if node.kind == "section":
            out += [f"## {node.title}", ""]
        elif node.kind == "group":
            out += [f"### {node.title}", ""]
        elif node.kind == "block":
            body = md.listed(node.text) if node.title == REVIEW_HEADING else md.block(node.text)
            out += [f"#### {node.title}", "", *body]
        else:
            out += _md_bullet(node.title, node.text, "")
            for heading, text in node.subs:
                out += _md_bullet(heading, text, "  ")
            if n + 1 == len(nodes) or nodes[n + 1].kind != "bullet":
                out.append("")
    text = "\n".join(out).rstrip() + "\n"
    return escape_controls(text.replace("\r\n", "\n"), keep="\n\t")  # never raw controls


def render_html(
    rel_title: str,
    items: Iterable[ShareItem],
    chosen: Iterable[str],
    *,
    written_on: date | None = None,
    kind: str = ACTION_PLAN,
) -> str:
    """A complete, printable HTML page with only the ticked items: the Markdown of
    :func:`render_markdown`, rendered (so both files carry the same structure)."""
    items, chosen = list(items), set(chosen)
    picked = chosen_items(items, chosen)
    markdown = render_markdown(rel_title, items, chosen, written_on=written_on, kind=kind)
    return html_page.render_page(document_title(rel_title, picked, kind), markdown)
