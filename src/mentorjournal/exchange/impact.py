"""The start of a wider-impact plan, when a relationship ends: what was discussed, what was done
and learned, what changed and for whom, what continues — the seed of a reverse-mentoring action
plan that carries the learning beyond the pair (tip 7 of the source documents).

The same pieces and the same rules as the shared action plan (``share``): nothing is ticked at
first, a private piece (a reflection's words, what was learned) is written only when ticked, and
a heading is fixed words, never another item's words. Only what may be shared differs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from mentorjournal.domain import Relationship
from mentorjournal.exchange.share import (
    SECTION_TITLES,
    ShareItem,
    about_items,
    action_items,
    private_item,
    snippet,
)
from mentorjournal.mentoring import closing
from mentorjournal.mentoring.models import reflection_model

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

WIDER_IMPACT = "Wider-impact plan"  # what the document is, in its title
# A closing or opening reflection's stage: (model, stage key, section, heading written).
STAGE_ITEMS = (
    ("opening", "hopes", "discussed", "What I hoped for at the start"),
    ("closing", "learned", "changed", "What I learned"),
    ("closing", "changed", "changed", "What changed, and for whom"),
    ("closing", "continues", "continues", "What I will carry on"),
)


def _fact(key: str, section: str, text: str) -> ShareItem:
    """A line made of counts and the app's own words (no one's text): not private."""
    return ShareItem(key, section, text, text)  # type: ignore[arg-type]


def _stage_item(
    summary: closing.ClosingSummary, model: str, key: str, section: str, heading: str
) -> ShareItem | None:
    reflection = summary.opening if model == "opening" else summary.closing
    if reflection is None:
        return None
    stage = next(s for s in reflection_model(model).stages if s.key == key)
    text = reflection.stage(stage.column).strip()
    if not text:
        return None
    item = private_item(f"{model}:{key}", section, heading, text)  # type: ignore[arg-type]
    return replace(item, label=f"{heading}: {snippet(text)}")


def build_impact_items(journal: Journal, rel: Relationship) -> list[ShareItem]:
    """Every piece of the ended relationship ``rel`` that could go into its wider-impact plan,
    in the order it would be written."""
    summary = journal.closing_summary(rel.id)
    items = about_items(rel)
    items.append(_fact("impact:meetings", "discussed", closing.meetings_line(summary)))
    if summary.themes:
        items.append(_fact("impact:themes", "discussed", closing.themes_line(summary)))
    actions = journal.actions(rel.id)
    items.append(_fact("impact:outcomes", "did", closing.outcomes_line(summary)))
    items += action_items(actions, rel.partner, closed=True, section="did")
    for n, line in enumerate(closing.done_by_lines(summary, rel.partner)):
        items.append(_fact(f"impact:done-by:{n}", "changed", line))
    items += action_items(actions, rel.partner, closed=False, section="continues")
    for model, key, section, heading in STAGE_ITEMS:
        found = _stage_item(summary, model, key, section, heading)
        if found is not None:
            items.append(found)
    order = list(SECTION_TITLES)
    return sorted(items, key=lambda i: order.index(i.section))
