"""The shareable action plan: only ticked items leave the journal, and HTML is escaped.

Every piece of text in the sample carries a distinctive marker (``MK-…``); a written file is
searched for every marker that was not ticked.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Owner,
    Reflection,
    Relationship,
    Role,
    WellbeingCheckin,
)
from mentorjournal.exchange import share
from mentorjournal.exchange.files import write_new_file
from mentorjournal.journal.journal import Journal

MARKER = re.compile(r"MK-[A-Z0-9-]+")
NEVER_SHARED = ("MK-PREP", "MK-POINTS", "MK-PLANNED", "MK-DETAIL", "MK-RES")
NEVER_SHARED += ("MK-OBST", "MK-WELL", "MK-STYLES", "MK-RULES")


def fill_markers(journal: Journal) -> Relationship:
    """A relationship with a marker in every text a person wrote; returns it."""
    rel = Relationship(
        title="Mentoring with Zora MK-TITLE",
        my_role=Role.MENTEE,
        partner="Zora MK-PARTNER",
        purpose="Learn how panels work MK-PURPOSE",
        ground_rules="MK-RULES",
        styles="MK-STYLES",
    )
    held = Meeting(
        rel.id,
        datetime(2026, 10, 13, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
        themes=["belonging"],
        preparation="MK-PREP",
        points="MK-POINTS",
        notes="Notes MK-NOTES <script>alert('x')</script>\n# not a heading",
        framing="Panel or pipeline MK-FRAMING",
        review_summary="One carried MK-REVIEW",
    )
    planned = Meeting(rel.id, datetime(2026, 12, 8, 10, 0, tzinfo=UTC), notes="MK-PLANNED")
    early = Reflection(
        rel.id, datetime(2026, 9, 1, 18, 0, tzinfo=UTC), action_plan="Older plan MK-R0-PLAN"
    )
    last = Reflection(
        rel.id,
        datetime(2026, 10, 13, 18, 0, tzinfo=UTC),
        meeting_id=held.id,
        description="MK-R-DESC happened",
        feelings="MK-R-FEEL uneasy",
        evaluation="MK-R-EVAL",
        analysis="MK-R-ANAL",
        conclusion="MK-R-CONC",
        action_plan="Ask for data MK-R-PLAN",
    )
    done = ActionStep(
        rel.id,
        "Read the report MK-A-DONE",
        owner=Owner.BOTH,
        status=ActionStatus.DONE,
        outcome=Outcome.FORWARDS,
        learning="The gap is named MK-A-LEARN",
        detail="MK-DETAIL",
        resources="MK-RES",
        obstacles="MK-OBST",
    )
    dropped = ActionStep(
        rel.id,
        "Book club MK-A-DROP",
        status=ActionStatus.DROPPED,
        outcome=Outcome.SIDEWAYS,
        learning="No time MK-A-DROPLEARN",
    )
    open_action = ActionStep(rel.id, "Ask HR MK-A-OPEN", due_on=date(2026, 12, 1))
    well = WellbeingCheckin(
        datetime(2026, 10, 13, 9, 0, tzinfo=UTC), 3, "MK-WELL", Moment.BEFORE, rel.id
    )
    journal.save_many([rel, held, planned, early, last, done, dropped, open_action, well])
    return rel


@pytest.fixture
def marked(journal: Journal) -> tuple[Relationship, list[share.ShareItem]]:
    rel = fill_markers(journal)
    return rel, share.build_items(journal, rel)


def by_marker(items: list[share.ShareItem], marker: str) -> share.ShareItem:
    [item] = [i for i in items if marker in i.text]
    return item


def markers(text: str) -> set[str]:
    return set(MARKER.findall(text))


class TagBalance(HTMLParser):
    VOID = {"meta", "br"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes nothing open"

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        assert tag in self.VOID, f"<{tag} /> is not a void element"
        self.tags.append(tag)


def test_items_cover_the_story_and_nothing_never_meant_to_leave(marked) -> None:
    _rel, items = marked
    all_text = "\n".join(i.text + i.label for i in items)
    for never in NEVER_SHARED:
        assert never not in all_text
    # The partner's name appears only as the owner of an action (the plan is written for them).
    named = [i for i in items if "MK-PARTNER" in i.text]
    assert named and all(i.key.startswith("action:") for i in named)
    assert all("owner: Zora MK-PARTNER" in i.text for i in named)
    assert "my partner" not in all_text
    sections = {i.key: i.section for i in items}
    assert sections["title"] == sections["purpose"] == "about"
    assert by_marker(items, "MK-NOTES").section == "discussed"
    assert by_marker(items, "MK-R-FEEL").section == "discussed"
    assert by_marker(items, "MK-R0-PLAN").section == "discussed"  # an older plan
    assert by_marker(items, "MK-R-PLAN").section == "plan"  # the last reflection's plan
    assert by_marker(items, "MK-A-DONE").section == "did"
    assert by_marker(items, "MK-A-DROPLEARN").section == "did"
    assert by_marker(items, "MK-A-OPEN").section == "plan"
    assert "owner: me, due 1 Dec 2026" in by_marker(items, "MK-A-OPEN").text
    assert by_marker(items, "MK-A-DONE").text.endswith(
        "(done, went forwards; owner: Zora MK-PARTNER and me)"
    )
    private = {m for i in items if i.private for m in markers(i.text)}
    assert private == {
        "MK-NOTES", "MK-FRAMING", "MK-REVIEW", "MK-R0-PLAN", "MK-R-DESC", "MK-R-FEEL",
        "MK-R-EVAL", "MK-R-ANAL", "MK-R-CONC", "MK-R-PLAN", "MK-A-LEARN", "MK-A-DROPLEARN",
    }  # fmt: skip
    themes = [i for i in items if i.key.endswith(":themes")]
    assert [t.text for t in themes] == ["Belonging"] and not themes[0].private
    assert len({i.key for i in items}) == len(items)


def test_nothing_ticked_is_refused(marked) -> None:
    rel, items = marked
    for render in (share.render_markdown, share.render_html):
        with pytest.raises(share.ShareError, match="Tick at least one item"):
            render(rel.title, items, set())
        with pytest.raises(share.ShareError):
            render(rel.title, items, {"no-such-item"})


def test_two_ticked_items_are_all_the_files_hold(marked, tmp_path: Path) -> None:
    rel, items = marked
    chosen = {by_marker(items, "MK-A-OPEN").key, by_marker(items, "MK-R-FEEL").key}
    md_path, html_path = tmp_path / "plan.md", tmp_path / "plan.html"
    write_new_file(md_path, share.render_markdown(rel.title, items, chosen))
    write_new_file(html_path, share.render_html(rel.title, items, chosen))
    for path in (md_path, html_path):
        written = path.read_text(encoding="utf-8")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert markers(written) == {"MK-A-OPEN", "MK-R-FEEL"}
        for item in items:
            if item.key in chosen:
                assert item.text in written
            else:
                assert item.text not in written
        assert "Zora" not in written and "Belonging" not in written
        assert "What we plan" in written and "What we discussed" in written
        assert "What we did" not in written  # no empty sections
    md = md_path.read_text(encoding="utf-8")
    assert md.startswith("# Action plan\n")  # the title was not ticked
    assert "### Reflection of 13 Oct 2026\n\n#### Feelings\n\nMK-R-FEEL uneasy\n" in md
    assert "- Ask HR MK-A-OPEN (owner: me, due 1 Dec 2026)\n" in md


def test_title_and_purpose_only_when_ticked(marked) -> None:
    rel, items = marked
    open_key = by_marker(items, "MK-A-OPEN").key
    md = share.render_markdown(rel.title, items, {open_key, "title"}, written_on=date(2026, 11, 23))
    assert md.startswith("# Action plan: Mentoring with Zora MK-TITLE\n\nWritten on 23 Nov 2026.")
    assert "MK-PURPOSE" not in md
    page = share.render_html(rel.title, items, {open_key, "purpose"})
    assert "<title>Action plan</title>" in page and "MK-TITLE" not in page
    assert "<h4>Purpose</h4>\n<p>Learn how panels work MK-PURPOSE</p>" in page


def test_html_is_a_whole_printable_page_with_every_text_escaped(marked) -> None:
    rel, items = marked
    notes = by_marker(items, "MK-NOTES")
    done, learn = by_marker(items, "MK-A-DONE"), by_marker(items, "MK-A-LEARN")
    page = share.render_html(rel.title, items, {notes.key, done.key, learn.key})
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page and "@media print" in page
    assert "<script>" not in page
    assert "Notes MK-NOTES &lt;script&gt;alert('x')&lt;/script&gt;<br />" in page
    assert "<li>Learning: The gap is named MK-A-LEARN</li>\n</ul>\n</li>" in page
    parser = TagBalance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert parser.tags.count("script") == 0 and "link" not in parser.tags  # self-contained


def test_markdown_keeps_a_persons_text_from_becoming_markup(marked) -> None:
    rel, items = marked
    notes = by_marker(items, "MK-NOTES")
    md = share.render_markdown(rel.title, items, {notes.key})
    # Its line break stays one when rendered: two spaces end the line (a hard break).
    assert "Notes MK-NOTES &lt;script&gt;alert('x')&lt;/script&gt;  \n\\# not a heading\n" in md
    assert "\n# not" not in md


def test_learning_sits_under_its_action_only_when_both_are_ticked(marked) -> None:
    rel, items = marked
    done, learn = by_marker(items, "MK-A-DONE"), by_marker(items, "MK-A-LEARN")
    both = share.render_markdown(rel.title, items, {done.key, learn.key})
    assert f"- {done.text}\n  - Learning: The gap is named MK-A-LEARN\n" in both
    alone = share.render_markdown(rel.title, items, {learn.key})
    assert "- Learning: The gap is named MK-A-LEARN\n" in alone
    assert "MK-A-DONE" not in alone  # the action's title does not come with its learning
