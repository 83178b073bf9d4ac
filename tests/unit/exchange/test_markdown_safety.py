"""Whatever a person typed, the Markdown the app writes shows it as typed (issue 15, point 1).

Texts written to turn into markup (headings, setext underlines, lists of every kind, quotes,
code, tables, raw HTML, links, emphasis, math, citations, definition lists …) are put in every
field of a journal; its Markdown export and its shared plan are rendered by markdown-it-py and
by pandoc. Only the app's own structure may appear: no raw HTML element, no heading, list,
emphasis or anything else the person did not write through the app, and each typed line is a
line of the rendered page.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorjournal.domain import (
    GIBBS_STAGES,
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Reflection,
    Relationship,
    Role,
)
from mentorjournal.exchange import markdown_text as md
from mentorjournal.exchange import share
from mentorjournal.exchange.markdown_export import export_markdown
from mentorjournal.exchange.visible import escape_controls
from mentorjournal.journal.journal import Journal
from tests.unit.exchange.markdown_render import (
    PANDOC,
    Page,
    markdown_it,
    needs_pandoc,
    pandoc,
    read_page,
)

ADVERSARIAL = [
    "Heading\n===\nSecond\n---\n# atx\n###### six #\n#hashtag and C# and #.",
    "**bold** __strong__ *em* _em_ ***both*** snake_case_name 2*3*4",
    "- a bullet\n+ plus\n* star\n-\n1. one\n2) two\n10000000000. big\n(3) paren",
    "a. letter\nB)  capital\nI. Roman\niv. roman\n(c) paren\n#. hash\n(@) example\n@ alone",
    "> quoted\n>> twice\n> - quoted list",
    "```python\nprint('code')\n```\n~~~\nfence\n~~~\n    four spaces\n\tand a tab",
    "| a | b |\n|---|---|\n| 1 | 2 |\nx | y\n--|--",
    "+---+---+\n| g | t |\n+===+===+\nName   Age\n----   ---\nJo     3",
    "<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n<b>bold</b> <!-- c -->",
    "<div>\n*in html*\n</div>\n<?php x ?> <![CDATA[ y ]]> <http://example.com> <a@b.c>",
    "&amp; &lt;b&gt; &#60;i&#62; &copy; & alone",
    "[link](http://example.com) ![img](x.png) [ref][1]\n[1]: http://example.com\n[^note]",
    "Footnote[^1] and ^[inline note]\n[^1]: the note",
    "`code` ``two`` `<b>`{=html} x^super^ H~2~O ~~struck~~ $x^2$ $$y$$",
    "@doe99 says [@doe99, p. 3] and -@doe; mail jo@example.com",
    "Term\n:   a definition\nOther\n~   another\n::: warning\nfenced div\n:::",
    "| line block\n| second\n---\ntitle: yaml\n...\n% Title block\n% author",
    "\\textbf{tex} \\begin{itemize} \\item x \\end{itemize}\nback\\\nslash",
    "***\n___\n- - -\n* * *\n=\n-",
    "[span]{.red} `x`{.y} # H {#id .cls}\n{#id}",
    "line one\nline two\n\n\n  indented third  \n\ttabbed\n\nlast  ",
    "ends with two spaces  \nends with backslash\\\nnext",
    "\x1b]0;title\x07 \x1b[2J \x9b31m \x7f NUL\x00 bell",
    "a\rb\r\nc and \u2028 and \u00a0nbsp",
]


def spaced(line: str) -> str:
    """A line as HTML shows it: a run of spaces and tabs is one space."""
    return re.sub(r"[ \t]+", " ", line)


def expected_lines(text: str) -> list[str]:
    """What a reader must see for ``text``: each line (ends stripped, controls escaped) kept,
    runs of blank lines as one paragraph break ("")."""
    out: list[str] = []
    for raw in text.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = spaced(escape_controls(raw.strip(), keep="\t"))
        if line or (out and out[-1]):
            out.append(line)
    return out


def shown_lines(page: Page) -> list[str]:
    """The page's blocks as lines, a paragraph break as ""."""
    out: list[str] = []
    for n, block in enumerate(page.blocks):
        if n:
            out.append("")
        out += [spaced(line) for line in block.split("\n")]
    return out


# --- one text --------------------------------------------------------------------------------


def assert_plain_text(page: Page, text: str) -> None:
    assert set(page.tags) <= {"p", "br"}, page.tags
    assert shown_lines(page) == expected_lines(text)


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_a_text_renders_as_typed_in_markdown_it(text: str) -> None:
    assert_plain_text(read_page(markdown_it("\n".join(md.lines(text)))), text)


@needs_pandoc
def test_every_text_renders_as_typed_in_pandoc() -> None:
    # One document, one text after each (app-written) heading: one pandoc run.
    doc = "\n".join(f"## Case {n}\n\n" + "\n".join(md.block(t)) for n, t in enumerate(ADVERSARIAL))
    for reader in ("markdown-smart", "commonmark"):
        page = pandoc(doc, reader)
        assert page.count("<h2") == len(ADVERSARIAL), reader
        for n, (chunk, text) in enumerate(zip(page.split("<h2")[1:], ADVERSARIAL, strict=True)):
            body = read_page("<h2" + chunk)
            assert body.headings == [("h2", f"Case {n}")], reader
            assert set(body.tags) <= {"h2", "p", "br"}, (reader, text, body.tags)
            assert shown_lines(body)[2:] == expected_lines(text), (reader, text)


@needs_pandoc
def test_pandoc_with_every_default_extension_makes_no_markup_either() -> None:
    """Its default Markdown (smart quotes and dashes on): only typography may change."""
    doc = "\n".join(line for t in ADVERSARIAL for line in md.block(t))
    page = read_page(pandoc(doc))
    assert set(page.tags) <= {"p", "br"}, page.tags


MARKUP_CHARS = "#*_-+=:>|<&`~^$@[](){}!.\\%0123456789 \t\n\r"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKUP_CHARS) + ["a", "I", "x", "\x1b"])))
def test_any_text_of_markup_characters_renders_as_typed(text: str) -> None:
    assert_plain_text(read_page(markdown_it("\n".join(md.lines(text)))), text)


def test_one_line_for_a_heading_or_a_list_item() -> None:
    assert md.inline("  # A <b>title</b>\n= with *stars*  ") == (
        "\\# A &lt;b&gt;title&lt;/b&gt; = with \\*stars\\*"
    )
    page = read_page(markdown_it("# " + md.inline("Reverse *mentoring*\n---")))
    assert page.tags == ["h1"] and page.headings == [("h1", "Reverse *mentoring* ---")]


# --- a whole journal -------------------------------------------------------------------------


def adversarial_journal(journal: Journal) -> Relationship:
    """One relationship with an adversarial text in every field a person writes."""
    texts = iter(ADVERSARIAL)
    title = "<b>Mentoring</b> *with* Jo\n==="
    rel = Relationship(
        title=title,
        my_role=Role.MENTOR,
        partner="# Jo <i>",
        purpose=next(texts),
        ground_rules=next(texts),
        styles=next(texts),
        started_on=date(2026, 1, 5),
    )
    held = Meeting(
        rel.id,
        datetime(2026, 2, 10, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
        themes=["belonging"],
        preparation=next(texts),
        points=next(texts),
        notes=next(texts),
        framing=next(texts),
        review_summary=next(texts),
    )
    reflection = Reflection(
        rel.id,
        datetime(2026, 2, 10, 18, 0, tzinfo=UTC),
        meeting_id=held.id,
        **{stage: next(texts) for stage in ("description", "feelings", "evaluation")},
        **{stage: next(texts) for stage in ("analysis", "conclusion", "action_plan")},
    )
    done = ActionStep(
        rel.id,
        "*Read* the <u>report</u> | now",
        status=ActionStatus.DONE,
        outcome=Outcome.FORWARDS,
        detail=next(texts),
        resources=next(texts),
        obstacles=next(texts),
        learning=next(texts),
    )
    still = ActionStep(rel.id, "1. Ask HR\n- again", due_on=date(2026, 3, 1))
    rest = dict(zip(GIBBS_STAGES, texts, strict=False))  # the rest of the texts
    later = Reflection(rel.id, datetime(2026, 2, 11, 9, 0, tzinfo=UTC), **rest)
    assert next(texts, None) is None
    journal.save_many([rel, held, reflection, done, still, later])
    return rel


EXPORT_TAGS = {"h1", "h2", "h3", "h4", "p", "br", "ul", "li", "strong"}
EXPORT_HEADINGS = [
    ("h1", "<b>Mentoring</b> *with* Jo ==="),
    *[("h4", t) for t in ("Purpose", "Ground rules", "Learning styles")],
    ("h2", "Meetings"),
    ("h3", "2026-02-10 10:00 — held, 60 min"),
    *[("h4", t) for t in ("Preparation", "Points to raise", "Notes")],
    *[("h4", t) for t in ("Problem and alternative framings", "Review of last month's actions")],
    ("h2", "Reflections (Gibbs)"),
    ("h3", "2026-02-10 18:00"),
    *[("h4", t) for t in ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion")],
    ("h4", "Action plan"),
    ("h3", "2026-02-11 09:00"),
    *[("h4", t) for t in ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion")],
    ("h4", "Action plan"),
    ("h2", "Action plan"),
    ("h3", "Done"),
    ("h3", "Open"),
]


def assert_only_the_exports_structure(page: Page) -> None:
    assert set(page.tags) <= EXPORT_TAGS, sorted(set(page.tags) - EXPORT_TAGS)
    # (pandoc's smart quotes may turn the app's own apostrophes round)
    assert [(h, t.replace("’", "'")) for h, t in page.headings] == EXPORT_HEADINGS
    # Two actions (their titles in bold) and four notes under the done one.
    assert page.tags.count("strong") == 2 and page.tags.count("li") == 6
    shown = "\n".join(page.blocks)
    assert "*Read* the <u>report</u> | now — owner: me — outcome: forwards" in shown
    assert "1. Ask HR - again — owner: me — due 2026-03-01" in shown
    assert "I am the mentor; partner: # Jo <i>." in shown


def assert_every_text_shown(page: Page) -> None:
    """Each text's lines, one under the other (the first may follow a label, as "Detail: ")."""
    lines = shown_lines(page)
    for text in ADVERSARIAL:
        first, *more = expected_lines(text)
        assert any(
            lines[i].endswith(first) and lines[i + 1 : i + 1 + len(more)] == more
            for i in range(len(lines))
        ), text


def test_the_export_of_an_adversarial_journal_in_markdown_it(journal: Journal) -> None:
    adversarial_journal(journal)
    page = read_page(markdown_it(export_markdown(journal)))
    assert_only_the_exports_structure(page)
    assert_every_text_shown(page)


@needs_pandoc
def test_the_export_of_an_adversarial_journal_in_pandoc(journal: Journal) -> None:
    adversarial_journal(journal)
    text = export_markdown(journal)
    assert_only_the_exports_structure(read_page(pandoc(text)))
    assert_every_text_shown(read_page(pandoc(text, "markdown-smart")))


def shared_plan(journal: Journal) -> str:
    rel = adversarial_journal(journal)
    items = share.build_items(journal, rel)
    return share.render_markdown(rel.title, items, {i.key for i in items})


SHARE_HEADINGS = [
    ("h1", "Action plan: <b>Mentoring</b> *with* Jo ==="),
    ("h4", "Purpose"),
    ("h2", "What we discussed"),
    ("h3", "Meeting of 10 Feb 2026"),
    ("h4", "Themes"),
    *[("h4", t) for t in ("Notes", "The problem and other framings", "Review of earlier actions")],
    ("h3", "Reflection of 10 Feb 2026"),
    *[("h4", t) for t in ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion")],
    ("h4", "Action plan"),
    ("h3", "Reflection of 11 Feb 2026"),
    *[("h4", t) for t in ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion")],
    ("h2", "What we did"),
    ("h2", "What we plan"),
    ("h4", "My action plan from my last reflection"),
]


def test_the_shared_plan_of_an_adversarial_journal(journal: Journal) -> None:
    renderers = [markdown_it] + ([pandoc] if PANDOC else [])
    text = shared_plan(journal)
    for render in renderers:
        page = read_page(render(text))
        assert set(page.tags) <= {"h1", "h2", "h3", "h4", "p", "br", "ul", "li"}, page.tags
        assert [(h, t.replace("’", "'")) for h, t in page.headings] == SHARE_HEADINGS
        assert page.tags.count("li") == 3  # the done action, its learning, the open action
        assert "*Read* the <u>report</u> | now (done, went forwards; owner: me)" in page.blocks
        assert "1. Ask HR - again (owner: me, due 1 Mar 2026)" in page.blocks
