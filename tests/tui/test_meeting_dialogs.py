"""Moving and cancelling one meeting from the relationship page, by keys: what is typed is never
thrown away unasked, a meeting already held cannot be moved, and moving one leaves the next."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from mentorjournal.domain import Meeting, MeetingStatus, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from mentorjournal.tui.widgets.meeting_dialogs import CancelDialog, RescheduleDialog
from tests.tui.clock_support import Clock
from tests.tui.conftest import reopen, unlock
from tests.tui.snapshot_support import settle_all

NOVEMBER = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)  # second Tuesdays, 10:00 UTC


def fill(journal: Journal) -> tuple[Relationship, Meeting]:
    journal.clock = lambda: datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    rel = Relationship(
        title="Reverse mentoring with Amara",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        time_zone="UTC",
        started_on=date(2026, 10, 1),
    )
    held = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 10, 13, 10, 0, tzinfo=UTC),
        slot_at=datetime(2026, 10, 13, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
    )
    journal.save_many([rel, held])
    journal.close()
    return rel, held


async def open_page(pilot, rel_id: str) -> RelationshipScreen:
    await unlock(pilot)
    navigation.open_relationship(pilot.app, rel_id)
    await settle_all(pilot)
    page = pilot.app.screen
    assert isinstance(page, RelationshipScreen)
    return page


async def test_typed_reason_is_kept_unless_discarded_and_a_move_leaves_the_rest(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    rel, held = fill(new_journal)
    app = make_app()
    app.clock = Clock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot, rel.id)
        # x on the About tab: the next meeting (10 Nov). A reason typed, then esc: asked first.
        await pilot.press("x")
        await settle_all(pilot)
        dialog = app.screen
        assert isinstance(dialog, CancelDialog)
        assert "Tue 10 Nov 2026, 10:00" in str(dialog.query_one("#cancel-line", Static).render())
        await pilot.press(*"Amara unwell", "escape")
        await settle_all(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # Keep editing (it has the focus)
        await settle_all(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#cancel-input", Input).value == "Amara unwell"
        await pilot.press("escape")
        await settle_all(pilot)
        await pilot.press("y")  # Discard
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        stored = reopen(journal_path)
        assert [m.id for m in stored.meetings(rel.id)] == [held.id]  # nothing was stored
        stored.close()

        # t: moved to Thursday 12 Nov at 15:00; December stays on its second Tuesday.
        await pilot.press("t")
        await settle_all(pilot)
        move = app.screen
        assert isinstance(move, RescheduleDialog)
        move.query_one("#reschedule-input", Input).value = ""
        await pilot.press(*"2026-11-12 15:00", "enter")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert "moved from Tue 10 Nov 2026, 10:00" in str(
            app.screen.query_one("#rel-meetings").get_row_at(0)
        )

        # A held meeting cannot be moved: t on it (Meetings tab, its row) says so.
        page = app.screen
        page.show_slot(held.id)
        await settle_all(pilot)
        await pilot.press("t")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert any("still to be held" in n.message for n in app._notifications)

    stored = reopen(journal_path)
    try:
        moved = [m for m in stored.meetings(rel.id) if m.id != held.id]
        assert [(m.starts_at, m.slot_at, m.status) for m in moved] == [
            (datetime(2026, 11, 12, 15, 0, tzinfo=UTC), NOVEMBER, MeetingStatus.PLANNED)
        ]
        stored.clock = lambda: datetime(2026, 11, 12, 16, 0, tzinfo=UTC) + timedelta(days=1)
        assert stored.next_meeting(rel.id) == datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
    finally:
        stored.close()


async def test_a_dialog_closed_by_its_save_s_result_cancels_no_worker(
    new_journal: Journal, make_app, journal_path: Path, monkeypatch
) -> None:
    """The move dialog closes itself when its save comes back, while the worker that saved
    waits for that to finish: closing it used to cancel the worker (and a test waiting for
    the workers could go on before the page had shown the move)."""
    rel, _held = fill(new_journal)
    cancelled: list[str] = []
    cancel = Worker.cancel

    def noted(worker: Worker) -> None:
        if worker.state is WorkerState.RUNNING:
            cancelled.append(worker.group)
        cancel(worker)

    monkeypatch.setattr(Worker, "cancel", noted)
    app = make_app()
    app.clock = Clock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot, rel.id)
        await pilot.press("t")
        await settle_all(pilot)
        move = app.screen
        assert isinstance(move, RescheduleDialog)
        move.query_one("#reschedule-input", Input).value = ""
        await pilot.press(*"2026-11-12 15:00", "enter")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert "moved from" in str(app.screen.query_one("#rel-meetings").get_row_at(0))
    assert cancelled == []
