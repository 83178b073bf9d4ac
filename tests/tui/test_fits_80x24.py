"""At 80x24 nothing a person needs is cut (issue 12, point 14): the reflection's title and day,
the share list's items and its button, the relationship page's dates, titles and stages, the
actions board's titles, and the cadence menu, which leaves the footer in view.

Each test reads the screen as painted (tests/tui/screen_text.py), not the widgets' contents.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Footer, Input, TabbedContent
from textual.widgets._select import SelectOverlay

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    MeetingStatus,
    Reflection,
    Relationship,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.actions import ActionsScreen
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.relationship_form import RelationshipForm
from mentorjournal.tui.screens.share import SharePlanScreen
from mentorjournal.tui.widgets.meeting_dialogs import CadenceDialog
from tests.tui.clock_support import Clock
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.screen_text import region_text, screen_text, until, words
from tests.tui.snapshot_support import settle_all

SIZE = (80, 24)
TITLE = "Mentoring Hannah Adeyemi, new lecturer in the School of Law"  # 59: whole in its label
SURVEY = "Read two years of student survey comments on personal tutoring in Law"
SENATE = "Raise tutor reallocation with the Dean of Law after the next Senate"
HELD = datetime(2026, 11, 10, 10, 0, tzinfo=UTC)
WRITTEN = HELD + timedelta(days=2)  # Thu 12 Nov 2026


def fill(journal: Journal) -> tuple[Relationship, Reflection]:
    """A relationship with a long title, a meeting held on 10 Nov, a reflection on it with the
    last four stages left empty, and two actions with long titles: one due on Thu 17 Dec 2026,
    one overdue since 10 Nov (the frozen clock says Mon 23 Nov 2026)."""
    journal.clock = Clock(datetime(2026, 10, 1, 9, 0, tzinfo=UTC))
    rel = Relationship(
        title=TITLE,
        partner="Hannah Adeyemi",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        started_on=date(2026, 10, 13),
        time_zone="UTC",
    )
    meeting = Meeting(
        relationship_id=rel.id,
        starts_at=HELD,
        slot_at=HELD,
        started_at=HELD,
        ended_at=HELD + timedelta(minutes=60),
        duration_minutes=60,
        status=MeetingStatus.HELD,
    )
    reflection = Reflection(
        relationship_id=rel.id,
        meeting_id=meeting.id,
        written_at=WRITTEN,
        description="We talked about her first term.",
        feelings="Hopeful.",
    )
    survey = ActionStep(relationship_id=rel.id, title=SURVEY, due_on=date(2026, 12, 17))
    senate = ActionStep(relationship_id=rel.id, title=SENATE, due_on=date(2026, 11, 10))
    journal.save_many([rel, meeting, reflection, survey, senate])
    journal.close()
    return rel, reflection


async def opened(pilot: Any, go: Any, *args: Any) -> Any:
    """Unlocked, then the screen ``go`` opens (as its key or command would)."""
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    go(pilot.app, *args)
    await settle(pilot)
    return pilot.app.screen


def column(table: DataTable[Any], label: str) -> Region:
    """Where the column headed ``label`` is on the screen."""
    x = table.region.x - round(table.scroll_x)
    for col in table.ordered_columns:
        width = col.get_render_width(table)
        if str(col.label) == label:
            return Region(x, table.region.y, width, table.region.height)
        x += width
    raise AssertionError(f"no column {label!r}")


async def test_the_reflection_header_keeps_its_day_and_the_relationship_is_whole(
    new_journal: Journal, make_app
) -> None:
    rel, reflection = fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, navigation.open_reflection, rel.id, reflection.id)
        assert isinstance(screen, ReflectionScreen)
        header, *rest = screen_text(app).splitlines()
        assert header.strip().endswith("Reflection · Thu 12 Nov 2026")
        assert f" {TITLE}" in rest  # on its own line, whole


async def test_the_relationship_tabs_show_whole_dates_titles_and_stages(
    new_journal: Journal, make_app
) -> None:
    rel, _ = fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        page = await opened(pilot, navigation.open_relationship, rel.id)
        assert isinstance(page, RelationshipScreen)
        tabs = page.query_one("#rel-tabs", TabbedContent)

        await pilot.click("#--content-tab-tab-actions")
        await until(pilot, lambda: tabs.active == "tab-actions", "the Actions tab shown")
        table = page.query_one("#rel-actions", DataTable)
        titles = words(region_text(app, column(table, "Action")))
        assert SENATE in titles and SURVEY in titles
        due = words(region_text(app, column(table, "Due")))
        assert "Thu 17 Dec 2026" in due  # the year whole (it was "Thu 17 Dec 20")
        assert "Tue 10 Nov 2026 overdue" in due  # late in words, not colour alone
        assert words(region_text(app, column(table, "Outcome"))).startswith("Outcome")

        await pilot.click("#--content-tab-tab-reflections")
        await until(pilot, lambda: tabs.active == "tab-reflections", "the Reflections tab")
        table = page.query_one("#rel-reflections", DataTable)
        empty = words(region_text(app, column(table, "Stages left empty")))
        assert "evaluation, analysis, conclusion, action plan" in empty  # was cut at "action"


async def test_the_actions_board_shows_whole_titles(new_journal: Journal, make_app) -> None:
    fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        board = await opened(pilot, navigation.actions_board)
        assert isinstance(board, ActionsScreen)
        table = board.query_one("#actions-table", DataTable)
        titles = words(region_text(app, column(table, "Title")))
        assert SENATE in titles and SURVEY in titles
        relationships = words(region_text(app, column(table, "Relationship")))
        assert relationships.count(TITLE) == 2
        assert words(region_text(app, column(table, "Gap"))).startswith("Gap")  # all in view


async def test_the_share_list_shows_whole_items_and_ticks_without_colour(
    new_journal: Journal, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    rel, _ = fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot, navigation.share, rel.id)
        assert isinstance(screen, SharePlanScreen) and app.no_color
        listing = screen.query_one("#share-items")
        assert f"ABOUT Title: {TITLE}" in words(region_text(app, listing.content_region))
        shown = region_text(app, listing.region)
        assert "Write file" in screen_text(app)  # the button's label whole

        # Ticked and not ticked tell apart without colour: an X, or an empty box.
        boxes = [line.lstrip("▊ ")[:3] for line in shown.splitlines()[1:] if "▐" in line]
        assert boxes and set(boxes) == {"▐ ▌"}
        await pilot.press("space")
        await settle(pilot)
        boxes = [line.lstrip("▊ ")[:3] for line in region_text(app, listing.region).splitlines()]
        boxes = [box for box in boxes if box.startswith("▐")]
        assert boxes[0] == "▐X▌" and set(boxes[1:]) == {"▐ ▌"}
        assert screen.query_one("#share-items").selected == ["title"]  # type: ignore[attr-defined]


async def test_the_cadence_menu_leaves_the_footer_and_its_fields_are_whole(
    new_journal: Journal, make_app
) -> None:
    fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot, navigation.new_relationship)
        assert isinstance(form, RelationshipForm)
        for _ in range(30):  # Tab on, as a person would, to the menu of how meetings repeat
            if app.focused is not None and app.focused.id == "cadence-kind":
                break
            await pilot.press("tab")
        else:
            raise AssertionError("Tab never reached the cadence menu")
        await pilot.press("enter")
        overlay = form.query_one(SelectOverlay)
        await until(pilot, lambda: overlay.display, "the menu open")
        await pilot.pause()
        footer = form.query_one(Footer)
        assert overlay.region.bottom <= footer.region.y  # not over the footer
        last = screen_text(app).splitlines()[-1]
        assert "▊" not in last and "Quit" in last

        await pilot.press("down", "enter")  # monthly on a weekday: the time fields show
        await settle(pilot)
        for _ in range(30):
            if app.focused is not None and app.focused.id == "cadence-time":
                break
            await pilot.press("tab")
        time_box = form.query_one("#cadence-time", Input)
        assert app.focused is time_box
        assert "10:00" in region_text(app, time_box.region)  # was "10:0"


async def test_the_cadence_dialog_shows_its_from_day_and_buttons(
    new_journal: Journal, make_app
) -> None:
    rel, _ = fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await opened(pilot, navigation.change_cadence, rel.id)
        assert isinstance(dialog, CadenceDialog)
        from_box = dialog.query_one("#cadence-from", Input)
        assert "2026-11-23" in region_text(app, from_box.region)
        shown = screen_text(app)
        assert "Change the cadence" in shown and "Change it" in shown
        preview = dialog.query_one("#cadence-preview").content_region
        dates = "Tue 8 Dec 2026, 10:00 · Tue 12 Jan 2027, 10:00 · Tue 9 Feb 2027, 10:00."
        assert dates in words(region_text(app, preview).replace("\N{NO-BREAK SPACE}", " "))


async def test_the_action_form_scrolls_to_each_field_with_save_and_cancel_in_view(
    new_journal: Journal, make_app, journal_path
) -> None:
    """The form is taller than 24 lines: its fields scroll between its title and its buttons,
    which stay in view; tab brings each field whole into view (issue 12 residue, point 7)."""
    rel, _ = fill(new_journal)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await opened(pilot, navigation.edit_action, None, rel.id)
        assert isinstance(form, ActionForm)
        fields = form.query_one("#action-form")
        for field in ("title", "owner", "due", "resources", "obstacles", "detail", "status",
                      "outcome", "learning"):  # fmt: skip
            focused = app.focused
            assert focused is not None and focused.id == f"action-{field}"
            await settle_all(pilot)  # the scroll to it (animated) has ended
            assert fields.region.contains_region(focused.region), field
            assert focused.region.height == focused.outer_size.height, field  # whole
            shown = screen_text(app)
            assert "Save" in shown and "Cancel" in shown and "New action" in shown, shown
            if field == "title":
                await pilot.press(*"Write to the Dean")
            await pilot.press("tab")
        assert app.focused is form.query_one("#action-save")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ActionForm)
    journal = reopen(journal_path)
    try:
        assert "Write to the Dean" in [a.title for a in journal.actions(rel.id)]
    finally:
        journal.close()
