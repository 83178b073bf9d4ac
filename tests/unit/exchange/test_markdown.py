"""The Markdown export: one relationship's story, readable anywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Owner,
    Reflection,
    Relationship,
    Role,
)
from mentorjournal.exchange.markdown_export import export_markdown
from mentorjournal.journal.journal import Journal

CET = timezone(timedelta(hours=1))


def test_empty_journal() -> None:
    class Empty:
        def relationships(self) -> list[Relationship]:
            return []

    assert export_markdown(Empty()) == "# MentorJournal\n\nNo relationships yet.\n"  # type: ignore[arg-type]


def test_one_small_relationship_exactly(journal: Journal) -> None:
    rel = Relationship(
        title="Reverse mentoring",
        my_role=Role.MENTOR,
        partner="Jo",
        purpose="Learn together.\n# not a heading",
        started_on=date(2026, 1, 5),
        ended_on=date(2026, 12, 20),
    )
    meeting = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 1, 12, 9, 30, tzinfo=CET),
        duration_minutes=45,
        status=MeetingStatus.HELD,
        notes="We met.",
    )
    reflection = Reflection(
        relationship_id=rel.id,
        written_at=datetime(2026, 1, 12, 18, 0, tzinfo=CET),
        description="It went well.",
        action_plan="Read more.",
    )
    action = ActionStep(
        relationship_id=rel.id,
        title="Read the report",
        owner=Owner.BOTH,
        due_on=date(2026, 2, 1),
        detail="Chapter 2\n  and 3",
        carried_forward=2,  # as stored (stale): the export counts, as every screen does
    )
    done = ActionStep(
        relationship_id=rel.id,
        title="Book a room",
        status=ActionStatus.DONE,
        outcome=Outcome.FORWARDS,
        learning="Easy.",
    )
    # Written down on 5 January: the meeting of 12 January was held while it was open (1×);
    # the export counts at the journal's "now".
    journal.clock = lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    journal.save_many([rel, reflection, action, done])
    journal.clock = lambda: datetime(2026, 1, 20, 9, 0, tzinfo=UTC)
    journal.save(meeting)
    assert export_markdown(journal) == (
        "# Reverse mentoring\n"
        "\n"
        "I am the mentor; partner: Jo.\n"
        "\n"
        "From 2026-01-05 to 2026-12-20.\n"
        "\n"
        "#### Purpose\n"
        "\n"
        "Learn together.  \n"
        "\\# not a heading\n"
        "\n"
        "## Meetings\n"
        "\n"
        "### 2026-01-12 09:30 — held, 45 min\n"
        "\n"
        "#### Notes\n"
        "\n"
        "We met.\n"
        "\n"
        "## Reflections (Gibbs)\n"
        "\n"
        "### 2026-01-12 18:00\n"
        "\n"
        "#### Description\n"
        "\n"
        "It went well.\n"
        "\n"
        "#### Action plan\n"
        "\n"
        "Read more.\n"
        "\n"
        "## Action plan\n"
        "\n"
        "### Done\n"
        "\n"
        "- **Book a room** — owner: me — outcome: forwards\n"
        "  - Learning: Easy.\n"
        "\n"
        "### Open\n"
        "\n"
        "- **Read the report** — owner: both — due 2026-02-01 — carried forward 1×\n"
        "  - Detail: Chapter 2  \n"
        "    and 3\n"
    )


def test_sample_has_a_section_per_relationship(journal: Journal, sample) -> None:
    text = export_markdown(journal)
    lines = text.splitlines()
    titles = [ln for ln in lines if ln.startswith("# ")]
    assert titles == ["# Board mentoring", "# Reverse mentoring with Amara"]
    assert lines.count("## Meetings") == 1
    assert "### 2026-02-10 10:00 — held, 60 min" in lines
    assert "### 2026-03-10 10:00 — planned, 60 min" in lines
    assert "Snow day." not in text  # cancelled meetings are left out
    assert "## Reflections (Gibbs)" in lines
    assert "Uncomfortable, then grateful." in lines
    assert lines.count("## Action plan") == 2
    assert [
        ln for ln in lines if ln.startswith("### ") and ln[4:] in {"Open", "Done", "Dropped"}
    ] == [
        "### Open",
        "### Done",
        "### Open",
        "### Dropped",
    ]
    assert "- **Start a book club** — owner: partner — outcome: sideways" in lines
    assert "I am the mentee; partner: Amara Okafor." in lines
    assert "#### Points to raise" in lines and "#### Review of last month's actions" in lines


def test_export_of_one_relationship(journal: Journal, sample) -> None:
    text = export_markdown(journal, sample.other_rel.id)
    assert text.startswith("# Board mentoring\n\nI am the mentor; partner: Sam.\n")
    assert "Amara" not in text
    assert "- **Draft board questions** — owner: me" in text.splitlines()
    assert export_markdown(journal, "no-such-id") == "# MentorJournal\n\nNo relationships yet.\n"


def test_ground_rules_and_points_keep_their_lines_when_rendered(tmp_path) -> None:
    """Rendered (CommonMark), lines written one under another stay lines: issue 12, point 15."""
    from markdown_it import MarkdownIt

    from mentorjournal.domain import Meeting, MeetingStatus, Relationship
    from mentorjournal.exchange.markdown_export import export_markdown
    from mentorjournal.journal.journal import Journal
    from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

    journal, _ = Journal.create(tmp_path / "j.db", "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
    try:
        rel = Relationship(
            title="Rules", ground_rules="Confidential both ways.\nCriticism welcome."
        )
        meeting = Meeting(
            rel.id,
            datetime(2026, 11, 10, 10, tzinfo=UTC),
            status=MeetingStatus.HELD,
            points="Ask about panels\nBook the room",
        )
        journal.save_many([rel, meeting])
        page = MarkdownIt("commonmark").render(export_markdown(journal))
    finally:
        journal.close()
    assert "<p>Confidential both ways.<br />\nCriticism welcome.</p>" in page
    assert "<p>Ask about panels<br />\nBook the room</p>" in page
