"""The arc's pieces by keys: the model chosen in the editor (and refused when it would hide
words), a relationship's default model and the example programme chosen on its page (g), search
opening a Driscoll reflection at its stage, the closing reflection offered on home once the
relationship has ended, and a wrong end date refused with the journal unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select, Static

from mentorjournal.domain import Meeting, MeetingStatus, Reflection, Relationship
from mentorjournal.exchange.pack_import import example_pack
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.home import HomeScreen, RelationshipItem
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.widgets.arc_dialog import ArcDialog, EndDialog
from tests.local_zone import pinned_timezone
from tests.tui.arc_support import choose_model, write_stages
from tests.tui.conftest import FROZEN_NOW, reopen, searched, unlock
from tests.tui.screen_text import screen_text
from tests.tui.snapshot_support import settle_all

HELD = FROZEN_NOW - timedelta(days=13)  # Tue 10 Nov 2026, 09:00 UTC


@pytest.fixture(autouse=True)
def utc() -> Iterator[None]:
    with pinned_timezone("UTC"):
        yield


def one_relationship(journal: Journal, **fields: Any) -> Relationship:
    """A relationship with one meeting held on 10 Nov (reflected on), so home offers nothing
    of the arc unless a test asks for it."""
    rel = Relationship("Reverse mentoring with Amara", time_zone="UTC", **fields)
    meeting = Meeting(
        rel.id,
        HELD,
        status=MeetingStatus.HELD,
        slot_at=HELD,
        started_at=HELD,
        ended_at=HELD + timedelta(hours=1),
    )
    reflection = Reflection(rel.id, HELD + timedelta(hours=3), meeting.id, description="Done")
    journal.save_many([rel, meeting, reflection])
    journal.close()
    return rel


async def open_page(pilot: Any) -> RelationshipScreen:
    await unlock(pilot)
    await pilot.press("enter")
    await settle_all(pilot)
    page = pilot.app.screen
    assert isinstance(page, RelationshipScreen)
    return page


def stored(journal_path: Path) -> Journal:
    return reopen(journal_path)


async def test_another_model_is_refused_while_it_would_hide_words(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    rel = one_relationship(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        await pilot.press("r")
        await settle_all(pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionScreen)
        await write_stages(pilot, "What happened", "Uneasy")  # Gibbs: description, feelings
        await pilot.press("shift+tab", "shift+tab", "enter", "down", "enter")  # Driscoll
        await settle_all(pilot)
        assert editor.editor.model.key == "gibbs"  # Driscoll has no place for Feelings
        assert editor.query_one("#reflection-model", Select).value == "gibbs"
        warning = [n.message for n in app._notifications][-1]
        assert warning == (
            "Driscoll has no place for what you wrote under “Feelings”: move or clear it "
            "first, or keep Gibbs."
        )
        await pilot.press("f3", "f4")  # back into Feelings, cleared
        await pilot.press(*["backspace"] * len("Uneasy"))
        await choose_model(pilot, "driscoll")
        assert editor.editor.area("description").text == "What happened"  # kept: it is "What?"
        assert "▸● What?" in screen_text(app) and "○ So what?" in screen_text(app)
        await pilot.press("f4", *"It matters")
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        nudge = [n.message for n in app._notifications][-1]
        assert nudge == "Now what? is empty — you can come back to it any time."
    journal = stored(journal_path)
    try:
        written = [r for r in journal.reflections(rel.id) if r.model == "driscoll"]
        assert [(r.description, r.analysis, r.feelings) for r in written] == [
            ("What happened", "It matters", "")
        ]
    finally:
        journal.close()


async def test_the_default_model_and_the_example_programme_chosen_on_the_page(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    rel = one_relationship(new_journal, cadence="FREQ=MONTHLY;BYDAY=+2TU")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        await pilot.press("g")
        await settle_all(pilot)
        dialog = app.screen
        assert isinstance(dialog, ArcDialog)
        await pilot.press("enter", "down", "enter")  # the example programme (not yet imported)
        assert "added to your library when you save" in str(
            dialog.query_one("#arc-where", Static).render()
        )
        await pilot.press("tab", "enter", "down", "down", "enter")  # Kolb
        assert "Experience, reflective observation" in str(
            dialog.query_one("#arc-model-words", Static).render()
        )
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert "Programme: meeting 2 of 8: Talking about race, Well-being" in screen_text(app)
        await pilot.press("r")  # a new reflection: in the relationship's model
        await settle_all(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.editor.model.key == "kolb"
        assert "Experience" in screen_text(app) and "Experimentation" in screen_text(app)
        await pilot.press("escape", "escape")  # nothing written: nothing saved
        await settle_all(pilot)
        assert isinstance(app.screen, HomeScreen)
        item = app.screen.query_one(RelationshipItem)
        assert "Programme: meeting 2 of 8: Talking about race, Well-being" in str(
            item.query_one(Static).render()
        )
    journal = stored(journal_path)
    try:
        assert journal.default_model(rel.id) == "kolb"
        assert journal.relationship_programme(rel.id) == example_pack().programme
        assert {p.theme for p in journal.own_prompts() if p.theme_title} == {
            "recruitment-and-promotion",
            "carrying-it-further",
        }
        assert len(journal.reflections(rel.id)) == 1
    finally:
        journal.close()


async def test_search_opens_a_driscoll_reflection_at_the_stage_found(
    new_journal: Journal, make_app: Any
) -> None:
    rel = one_relationship(new_journal)
    journal = Journal.open(new_journal.path, "orchid tramline velvet quarry")
    journal.save(Reflection(rel.id, HELD, model="driscoll", analysis="The quokka matters"))
    journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("slash", *"quokka")
        await searched(pilot)
        await pilot.press("down", "enter")
        await settle_all(pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionScreen)
        assert editor.editor.model.key == "driscoll" and editor.editor.stage == 1
        assert "2. So what?" in screen_text(app)


async def test_home_offers_the_closing_reflection_once_it_has_ended(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    rel = one_relationship(new_journal, ended_on=date(2026, 11, 20))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        card = str(app.screen.query_one(RelationshipItem).query_one(Static).render())
        assert "➜ It has ended: write a closing reflection, then read then and now." in card
        await pilot.press("w")
        await settle_all(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert "Reverse mentoring with Amara · Closing reflection" in screen_text(app)
        assert not app.screen.query_one("#reflection-model", Select).display
        await write_stages(pilot, "Looking back now")
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        card = str(app.screen.query_one(RelationshipItem).query_one(Static).render())
        assert "➜ This relationship has ended." in card
    journal = stored(journal_path)
    try:
        [closing] = [r for r in journal.reflections(rel.id) if r.model == "closing"]
        assert closing.description == "Looking back now"
    finally:
        journal.close()


async def test_an_end_date_that_cannot_be_is_refused_and_nothing_changes(
    new_journal: Journal, make_app: Any, journal_path: Path
) -> None:
    rel = one_relationship(new_journal, started_on=date(2026, 10, 1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot)
        await pilot.press("o")
        await settle_all(pilot)
        dialog = app.screen
        assert isinstance(dialog, EndDialog)
        entry = dialog.query_one("#end-input", Input)
        assert entry.value == "2026-11-23"  # today
        entry.value = ""
        await pilot.press(*"2026-09-30", "enter")
        await settle_all(pilot)
        assert app.screen is dialog
        assert str(dialog.query_one("#end-message", Static).render()) == (
            "The end date is before the start date."
        )
        await pilot.press("escape")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
    journal = stored(journal_path)
    try:
        assert journal.get(Relationship, rel.id).ended_on is None
    finally:
        journal.close()
    assert datetime(2026, 11, 23, tzinfo=UTC).date() == FROZEN_NOW.date()


async def test_the_demos_ended_relationship_then_and_now_and_its_plan_at_80x24(
    new_journal: Journal, make_app: Any
) -> None:
    """From home by keys: the ended relationship's page, o, then and now side by side; s, the
    wider-impact plan, whose items are painted whole (a wrapped item's last line was lost when
    the list's scrollbar came)."""
    from mentorjournal.cli.demo import fill_demo
    from mentorjournal.tui.screens.closing import ClosingScreen
    from mentorjournal.tui.screens.share import SharePlanScreen
    from tests.tui.screen_text import region_text, words

    fill_demo(new_journal, FROZEN_NOW)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("down", "down", "enter", "o")  # the third card: Kwame, ended
        await settle_all(pilot)
        closing = app.screen
        assert isinstance(closing, ClosingScreen)
        shown = screen_text(app)
        assert "Reverse mentoring with Kwame Asante · ended Fri 9 Oct 2026" in shown
        assert "Then — before the first" in shown and "Now — at the close" in shown
        assert "That I hear plainly" in shown and "Four meetings over five months" in shown
        await pilot.press("s")
        await settle_all(pilot)
        share = app.screen
        assert isinstance(share, SharePlanScreen)
        listing = share.query_one("#share-items")
        painted = words(region_text(app, listing.content_region))
        assert "4 meetings held, from Tue 10 Feb 2026 to Tue 16 Jun 2026." in painted
        assert "~/wider-impact-plan-2026-11-23.md" in screen_text(app)
