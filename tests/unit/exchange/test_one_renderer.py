"""The shared plan's Markdown and HTML carry the same structure (issue 15, point 2): the HTML is
the Markdown rendered, so headings, lists, paragraphs and line breaks are the same in both, and a
person's text is never markup in either."""

from __future__ import annotations

from datetime import date

import pytest

from mentorjournal.domain import Reflection
from mentorjournal.exchange import share
from mentorjournal.journal.journal import Journal
from tests.unit.exchange.markdown_render import PANDOC, Page, markdown_it, pandoc, read_page
from tests.unit.exchange.test_markdown_safety import ADVERSARIAL, spaced
from tests.unit.exchange.test_share import fill_markers

PAGE_ONLY = {"html", "head", "meta", "title", "style", "body"}
TYPED = "A list typed:\n- one\n- two\n \nafter a line of spaces\n1. first\n\n\n**not bold**"


def body(page: Page) -> Page:
    """The page without what only a whole HTML page has (head, title, style)."""
    return Page([t for t in page.tags if t not in PAGE_ONLY], page.headings, page.blocks)


def whole_plan(journal: Journal) -> tuple[str, str]:
    """The Markdown and the HTML of a plan with everything ticked."""
    rel = fill_markers(journal)
    [last] = [r for r in journal.reflections(rel.id) if "MK-R-PLAN" in r.action_plan]
    journal.save(
        Reflection(
            rel.id,
            last.written_at.replace(hour=8),
            description=TYPED,
            feelings="\n\n".join(ADVERSARIAL),
        )
    )
    items = share.build_items(journal, rel)
    chosen = {i.key for i in items}
    day = date(2026, 11, 23)
    return (
        share.render_markdown(rel.title, items, chosen, written_on=day),
        share.render_html(rel.title, items, chosen, written_on=day),
    )


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param("markdown-it", id="markdown-it"),
        pytest.param(
            "pandoc",
            id="pandoc",
            marks=pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed"),
        ),
    ],
)
def test_the_html_has_the_structure_of_the_markdown(journal: Journal, reader: str) -> None:
    markdown, page = whole_plan(journal)
    rendered = markdown_it(markdown) if reader == "markdown-it" else pandoc(markdown, "commonmark")
    expected, got = read_page(rendered), body(read_page(page))
    assert got.headings == expected.headings
    assert got.tags == expected.tags
    # (pandoc writes a run of spaces as one, as a browser shows it)
    assert [spaced(b) for b in got.blocks] == [spaced(b) for b in expected.blocks]
    # What the structure is: the plan's own headings and lists; the typed list is text.
    assert [h for h, _ in got.headings].count("h2") == 3
    assert "A list typed:\n- one\n- two" in got.blocks
    assert "after a line of spaces\n1. first" in got.blocks
    assert "**not bold**" in got.blocks
    assert got.tags.count("li") == 5  # the done and dropped actions, their learning, the open one
    assert {"em", "strong", "a", "img", "code", "pre", "blockquote", "table"}.isdisjoint(got.tags)


def test_the_html_title_is_the_documents_title_as_text(journal: Journal) -> None:
    rel = fill_markers(journal)
    items = share.build_items(journal, rel)
    page = share.render_html("<b>Board</b> & *Jo*\n#", items, {"title", items[1].key})
    assert "<title>Action plan: &lt;b&gt;Board&lt;/b&gt; &amp; *Jo* #</title>" in page
    assert "<h1>Action plan: &lt;b&gt;Board&lt;/b&gt; &amp; *Jo* #</h1>" in page
