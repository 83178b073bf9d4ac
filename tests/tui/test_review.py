"""The next-meeting review: status, outcome and learning per action, carried forward, summary."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Moment,
    Outcome,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.journal import Journal
from mentorjournal.markdown_export import export_markdown
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.review import ReviewScreen
from tests.tui.conftest import FROZEN_NOW, reopen, settle, unlock

ASK = "Ask HR for panel data"
SIT = "Sit in on a promotion panel"


def fill(journal: Journal) -> dict[str, object]:
    rel = Relationship(title="Reverse mentoring with Amara", cadence="FREQ=MONTHLY")
    held = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 10, 27, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
    )
    ask = ActionStep(relationship_id=rel.id, meeting_id=held.id, title=ASK)
    sit = ActionStep(relationship_id=rel.id, meeting_id=held.id, title=SIT, carried_forward=1)
    journal.save_many([rel, held, ask, sit])
    journal.close()
    return {"rel": rel, "ask": ask, "sit": sit}


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows(screen) -> list[str]:
    view = screen.query_one("#review-actions", OptionList)
    return [str(view.get_option_at_index(i).prompt) for i in range(view.option_count)]


async def open_review(pilot, rel_id: str) -> ReviewScreen:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    navigation.review(pilot.app, rel_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_review_by_keys_records_carries_and_summarises(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, made["rel"].id)
        assert "2 actions since the last meeting" in text_of(screen, "#review-intro")
        listed = rows(screen)
        assert ASK in listed[0] and SIT in listed[1]
        assert "moved 1×" in listed[1]
        assert ASK in text_of(screen, "#review-current")

        # Done, forwards, and what was learned — typed — then enter records it.
        await pilot.press("d", "f", "l", *"They said yes", "enter")
        await settle(pilot)
        assert rows(screen)[0].startswith("✓ ")
        assert "done, forwards, learned: They said yes" in rows(screen)[0]
        assert SIT in text_of(screen, "#review-current")  # moved on to the next one

        # Kept open, sideways; enter on the list records it. All reviewed: the check-in after.
        await pilot.press("o", "s", "enter")
        await settle(pilot)
        assert "still open, sideways, carried forward 2×" in rows(screen)[1]
        summary = text_of(screen, "#review-summary")
        assert ASK in summary and SIT in summary
        assert screen.query_one("#review-after").display
        await pilot.press("4", "tab", *"lighter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    journal = reopen(journal_path)
    try:
        ask = journal.get(ActionStep, made["ask"].id)
        sit = journal.get(ActionStep, made["sit"].id)
        assert (ask.status, ask.outcome, ask.learning) == (
            ActionStatus.DONE,
            Outcome.FORWARDS,
            "They said yes",
        )
        assert (ask.carried_forward, ask.reviewed_at) == (0, FROZEN_NOW)
        assert (sit.status, sit.outcome, sit.carried_forward) == (
            ActionStatus.OPEN,
            Outcome.SIDEWAYS,
            2,
        )
        [meeting] = [m for m in journal.meetings(made["rel"].id) if m.status.value == "planned"]
        assert meeting.review_summary == (
            f"- {ASK} — done, forwards, learned: They said yes\n"
            f"- {SIT} — still open, sideways, carried forward 2×"
        )
        assert meeting.review_summary in export_markdown(journal, made["rel"].id)
        [checkin] = journal.all(WellbeingCheckin)
        assert (checkin.moment, checkin.score, checkin.note) == (Moment.AFTER, 4, "lighter")
        assert checkin.meeting_id == meeting.id
        assert journal.awaiting_review(made["rel"].id) == []
    finally:
        journal.close()


async def test_review_by_mouse_and_a_correction_counts_one_move(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, made["rel"].id)
        await pilot.click("#review-record-button")
        await pilot.pause()
        assert "Choose how it went first" in text_of(screen, "#review-message")

        await pilot.click("#status-open")
        await pilot.click("#outcome-backwards")
        assert screen.query_one("#status-open").variant == "primary"
        await pilot.click("#review-record-button")
        await settle(pilot)
        assert "still open, backwards, carried forward 1×" in rows(screen)[0]

        # Back to the first action to correct it: the move is not counted twice.
        await pilot.press("up")
        assert ASK in text_of(screen, "#review-current")
        assert "Recorded: " in text_of(screen, "#review-current")
        await pilot.press("s", "l")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"Too busy", "enter")
        await settle(pilot)
        assert "still open, sideways, learned: Too busy, carried forward 1×" in rows(screen)[0]
        assert not screen.query_one("#review-after").display  # the second is not reviewed yet

        # The second is marked dropped but not recorded: finishing and skipping keep it.
        await pilot.press("up")
        assert ASK in text_of(screen, "#review-current")
        await pilot.click("#review-actions", offset=(8, 2))  # a click shows, never records
        await pilot.press("x")
        assert SIT in text_of(screen, "#review-current")
        await pilot.click("#review-finish")
        await pilot.pause()
        assert "1 not reviewed yet" in text_of(screen, "#review-summary")
        await pilot.click("#review-skip")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    journal = reopen(journal_path)
    try:
        ask = journal.get(ActionStep, made["ask"].id)
        assert (ask.status, ask.outcome, ask.carried_forward) == (
            ActionStatus.OPEN,
            Outcome.SIDEWAYS,
            1,
        )
        [meeting] = [m for m in journal.meetings(made["rel"].id) if m.status.value == "planned"]
        assert meeting.review_summary == (
            f"- {ASK} — still open, sideways, learned: Too busy, carried forward 1×\n"
            f"- {SIT} — dropped, carried forward 1×"
        )
        assert journal.get(ActionStep, made["sit"].id).status is ActionStatus.DROPPED
        assert journal.awaiting_review(made["rel"].id) == []
        assert journal.all(WellbeingCheckin) == []
    finally:
        journal.close()


async def test_a_chosen_status_is_recorded_on_lock_and_the_review_comes_back(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot, made["rel"].id)
        await pilot.press("x", "ctrl+l")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)  # rebuilt from its id after unlocking
        waiting, done = rows(screen)  # still to review first, then those recorded
        assert SIT in waiting and waiting.startswith("○ ")
        assert done == f"✓ {ASK} — dropped"
        assert SIT in text_of(screen, "#review-current")

    journal = reopen(journal_path)
    try:
        assert journal.get(ActionStep, made["ask"].id).status is ActionStatus.DROPPED
        assert [a.title for a in journal.awaiting_review(made["rel"].id)] == [SIT]
    finally:
        journal.close()
