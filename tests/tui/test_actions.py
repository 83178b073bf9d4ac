"""The actions board and the action form: filters, due-date shortcuts, capture, mark done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from mentorjournal.domain import ActionStatus, ActionStep, Outcome, Owner, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.actions import ActionsScreen
from tests.tui.conftest import reopen, settle, unlock


def prepare(journal: Journal) -> dict[str, ActionStep | Relationship]:
    """Two relationships and five actions; the frozen clock says Monday 2026-11-23."""
    amara = Relationship(title="Race equality with Amara", partner="Amara")
    jo = Relationship(title="Curriculum with Jo", partner="Jo")
    journal.save_many([amara, jo])
    items: dict[str, ActionStep | Relationship] = {
        "amara": amara,
        "jo": jo,
        "charter": ActionStep(
            amara.id,
            "Read the charter",
            due_on=date(2026, 11, 20),
            resources="An hour",
            obstacles="None known",
        ),
        "hr": ActionStep(
            amara.id,
            "Ask HR for data",
            owner=Owner.PARTNER,
            due_on=date(2026, 12, 1),
            carried_forward=2,
        ),
        "note": ActionStep(
            amara.id,
            "Draft a note",
            owner=Owner.BOTH,
            status=ActionStatus.DONE,
            outcome=Outcome.SIDEWAYS,
        ),
        "list": ActionStep(jo.id, "Share reading list", due_on=date(2026, 11, 10)),
        "idea": ActionStep(jo.id, "Dropped idea", status=ActionStatus.DROPPED),
    }
    journal.save_many(v for k, v in items.items() if isinstance(v, ActionStep))
    journal.close()
    return items


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def rows(screen) -> list[str]:
    """The titles in the board's table, top to bottom."""
    table = screen.query_one("#actions-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def choose(pilot: Pilot[object], selector: str, index: int) -> None:
    """Open a Select by clicking it, go to the option at ``index`` by keys, press enter."""
    await pilot.click(selector)
    await pilot.press("home", *["down"] * index, "enter")
    await pilot.pause()


async def open_board(pilot: Pilot[object]) -> ActionsScreen:
    await unlock(pilot)
    await pilot.press("a")  # home → the actions board
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActionsScreen)
    return pilot.app.screen


async def test_filters_change_the_rows(new_journal, make_app) -> None:
    prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        # Open actions, soonest due first; the "!" marks practicality gaps.
        assert rows(board) == ["Share reading list", "Read the charter", "Ask HR for data"]
        assert text_of(board, "#actions-counts").startswith(
            "Showing 3 of 5 · 3 open · 2 overdue · 2 with a practicality gap"
        )
        table = board.query_one("#actions-table", DataTable)
        assert str(table.get_row_at(0)[1]) == "Tue 10 Nov 2026"
        assert "due Tue 10 Nov 2026 (13 days overdue)" in text_of(board, "#actions-detail")
        assert str(table.get_row_at(2)[4]) == "!"  # Ask HR: no resources or obstacles

        await pilot.click("#actions-overdue")
        assert rows(board) == ["Share reading list", "Read the charter"]
        await choose(pilot, "#actions-owner", 2)  # Partner
        assert rows(board) == []
        assert board.query_one("#actions-empty").display
        assert text_of(board, "#actions-empty") == "No actions match these filters."
        await pilot.click("#actions-overdue")
        assert rows(board) == ["Ask HR for data"]

        await choose(pilot, "#actions-owner", 0)  # Anyone
        await choose(pilot, "#actions-status", 3)  # Any status
        assert len(rows(board)) == 5
        await choose(pilot, "#actions-rel", 1)  # Curriculum with Jo (sorted by title)
        assert rows(board) == ["Share reading list", "Dropped idea"]
        assert text_of(board, "#actions-counts").startswith("Showing 2 of 2 · 1 open")
        await choose(pilot, "#actions-status", 2)  # Dropped
        assert rows(board) == ["Dropped idea"]


async def test_due_shortcut_and_bad_date(new_journal, make_app, journal_path: Path) -> None:
    items = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await pilot.press("down", "down", "enter")  # Ask HR for data
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        due = form.query_one("#action-due", Input)
        assert due.value == "2026-12-01"
        assert text_of(form, "#action-due-resolved") == "→ Tue 1 Dec 2026"
        await pilot.click("#action-due")
        await pilot.press("home", "ctrl+k", *"+2w")
        assert text_of(form, "#action-due-resolved") == "→ Mon 7 Dec 2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is board
        assert "Ask HR for data" in rows(board)
        table = board.query_one("#actions-table", DataTable)
        assert str(table.get_row_at(table.cursor_row)[1]) == "Mon 7 Dec 2026"

        # A date that does not exist: the sentence shows under the field; nothing is saved.
        await pilot.press("up", "enter")  # Read the charter
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        await pilot.click("#action-due")
        await pilot.press("home", "ctrl+k", *"2026-02-30")
        assert "“2026-02-30” is not a real date" in text_of(form, "#action-due-error")
        assert text_of(form, "#action-due-resolved") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert app.focused is form.query_one("#action-due")
        await pilot.press("escape")  # the typed date would be lost: asked first
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is board

    journal = reopen(journal_path)
    assert journal.get(ActionStep, items["hr"].id).due_on == date(2026, 12, 7)
    charter = journal.get(ActionStep, items["charter"].id)
    assert charter.due_on == date(2026, 11, 20)
    assert charter.updated_at == items["charter"].updated_at
    journal.close()


async def test_create_with_partner_resources_and_obstacles(
    new_journal, make_app, journal_path: Path
) -> None:
    items = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        await pilot.press("a")  # add an action, as on a relationship's page
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActionForm)
        # Two relationships and none chosen on the board: the form asks which one.
        assert app.focused is form.query_one("#action-rel", Select)
        await pilot.press("ctrl+s")
        assert text_of(form, "#action-form-error") == (
            "Give the action a title — a few words are enough."
        )
        assert app.focused is form.query_one("#action-title")
        # The list: the blank "Choose…", then by title: Curriculum with Jo, Race equality …
        await pilot.press("shift+tab", "enter", "home", "down", "down", "enter")
        assert form.query_one("#action-rel", Select).value == items["amara"].id
        await pilot.press("tab", *"Invite the dean")
        await pilot.press("tab", "enter", "down", "enter")  # My partner
        await pilot.press("tab", *"next tue")
        assert text_of(form, "#action-due-resolved") == "→ Tue 24 Nov 2026"
        await pilot.press("tab", *"HR data", "tab", *"Dean must agree")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is board
        assert "Invite the dean" in rows(board)
        table = board.query_one("#actions-table", DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Invite the dean"

    journal = reopen(journal_path)
    [new] = [a for a in journal.actions() if a.title == "Invite the dean"]
    assert new.relationship_id == items["amara"].id
    assert new.owner is Owner.PARTNER
    assert new.due_on == date(2026, 11, 24)
    assert new.resources == "HR data"
    assert new.obstacles == "Dean must agree"
    assert new.status is ActionStatus.OPEN
    assert new.meeting_id is None and new.outcome is None
    journal.close()


async def test_d_marks_done(new_journal, make_app, journal_path: Path) -> None:
    items = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        board = await open_board(pilot)
        assert rows(board)[0] == "Share reading list"
        await pilot.press("d")  # done, as in a review
        await settle(pilot)
        assert rows(board) == ["Read the charter", "Ask HR for data"]
        assert text_of(board, "#actions-counts").startswith("Showing 2 of 5 · 2 open · 1 overdue")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ActionsScreen)

    journal = reopen(journal_path)
    done = journal.get(ActionStep, items["list"].id)
    assert done.status is ActionStatus.DONE
    assert done.reviewed_at is None  # still to be reviewed (outcome and learning) next meeting
    journal.close()
