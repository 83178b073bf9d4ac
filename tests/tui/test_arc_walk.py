"""The whole arc of a relationship, by keys, from the unlock screen: a scheme's programme pack is
imported; a new relationship is made, its opening reflection written, the programme attached;
three monthly meetings are prepared (each meeting's themes pre-selected and its brief shown) and
held, with one reflection in each model (Gibbs, Driscoll, Kolb); the relationship is ended, its
closing reflection written, then and now read, and a wider-impact plan shared; the pack is
exported again with its programme — then what was stored, the JSON export and the Markdown."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, Select, SelectionList, Static

from mentorjournal.exchange import pack_import
from mentorjournal.exchange.interchange import export_json
from mentorjournal.exchange.markdown_export import export_markdown
from mentorjournal.exchange.prompt_packs import export_pack, parse_pack
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.closing import ClosingScreen
from mentorjournal.tui.screens.home import HomeScreen, RelationshipItem
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.relationship_form import RelationshipForm
from mentorjournal.tui.screens.settings import SettingsScreen
from mentorjournal.tui.screens.share import SharePlanScreen
from mentorjournal.tui.widgets.arc_dialog import ArcDialog, EndDialog
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.confirm import ConfirmDialog
from tests.local_zone import pinned_timezone
from tests.tui.arc_support import choose_model, hold_meeting, write_stages
from tests.tui.clock_support import Clock
from tests.tui.conftest import reopen, unlock
from tests.tui.screen_text import screen_text, words
from tests.tui.snapshot_support import settle_all

PACK = pack_import.example_pack()
TITLE = "Reverse mentoring with Amara"
HOPES, WORRIES, BRING = "Hear it plainly", "That I explain too much", "The policy review"
ACTION = "Ask HR for the panel data"
NOW_WHAT = "Email HR about the panel data by Friday"
LOOKING_BACK, LEARNED = "Three honest meetings", "Listening is work"
CHANGED, CONTINUES = "Panels for the yard now include Estates staff", "Take it to the review"


@pytest.fixture(autouse=True)
def utc() -> Iterator[None]:
    with pinned_timezone("UTC"):
        yield


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def card(app: Any) -> str:
    return str(app.screen.query_one(RelationshipItem).query_one(Static).render())


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def press_button(pilot: Any, selector: str) -> None:
    button = pilot.app.screen.query_one(selector, Button)
    while button.has_class("-active"):  # a button ignores presses for 0.2 s after one
        await pilot.pause(0.05)
    button.focus()
    await pilot.press("enter")
    await settle_all(pilot)


async def settings_pack(pilot: Any, path: str, button: str, programme: bool = False) -> str:
    """Home → Settings → Prompts and themes: a pack's path, and Import or Export (with the
    programme chosen by keys, when ``programme``); returns the news, then back home."""
    await pilot.press("comma")
    await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    await pilot.click("#--content-tab-prompts-pane")
    await settle_all(pilot)
    screen.query_one("#pack-path", Input).value = path
    if programme:
        chooser = screen.query_one("#pack-programme", Select)
        chooser.focus()
        await pilot.press("enter", "down", "enter")
        await settle_all(pilot)
        assert chooser.value == PACK.name
    await press_button(pilot, button)
    news = text_of(screen, "#pack-message")
    await pilot.press("escape")
    await settle_all(pilot)
    return news


async def new_relationship(pilot: Any) -> None:
    """n: the title, mentee, partner, started today, monthly on the second Tuesday."""
    await pilot.press("n")
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, RelationshipForm)
    await pilot.press(*TITLE, "tab", "down", "space", "tab", *"Amara", "tab")
    await pilot.press(*"Race and tutoring", "tab", "tab", "tab", *"today", "tab", "tab")
    for downs in (1, 1, 1):  # monthly on a weekday, 2nd, Tuesday
        await pilot.press("enter", *["down"] * downs, "enter", "tab")
    await pilot.press("ctrl+s")
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)


async def prepare(pilot: Any, clock: Clock, day: int, month: int) -> PrepareScreen:
    """The day before meeting ``month``: from the page, p; saved with ctrl+s."""
    clock.set(datetime(2026, month, day, 9, 0, tzinfo=UTC))
    await pilot.press("p")
    await settle_all(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    await pilot.press("ctrl+s")
    await settle_all(pilot)
    return screen


def stored_meeting_themes(journal_path: Path) -> list[list[str]]:
    journal = reopen(journal_path)
    try:
        return [m.themes for m in journal.meetings()]
    finally:
        journal.close()


async def test_a_programme_followed_through_three_meetings_to_a_shared_closing_plan(
    new_journal: Journal, make_app: Any, journal_path: Path, home: Path
) -> None:
    new_journal.close()
    (home / "scheme.toml").write_text(export_pack(PACK.themes, PACK.name, PACK.programme))
    assert PACK.programme is not None
    clock = Clock(datetime(2026, 9, 1, 9, 0, tzinfo=UTC))  # Tuesday 1 September
    app = make_app()
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        news = await settings_pack(pilot, "~/scheme.toml", "#pack-import")
        added = "Imported 2 themes and 8 prompts, and its programme (8 meetings)"
        assert news == f"{added} from “{PACK.name}”."

        # --- a new relationship: before the first meeting, the opening reflection -------------
        await new_relationship(pilot)
        opening = "➜ Before the first meeting: write your hopes, worries and what you bring."
        assert opening in card(app)
        await pilot.press("w")
        await settle_all(pilot)
        editor = app.screen
        assert isinstance(editor, ReflectionScreen)
        assert f"{TITLE} · Opening reflection" in screen_text(app)
        assert "Hopes" in screen_text(app) and "What I bring" in screen_text(app)
        await write_stages(pilot, HOPES, WORRIES, BRING)
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        assert "➜ Prepare for the 8 Sep meeting." in card(app)

        # --- the programme, attached on the relationship's page (g) ---------------------------
        await pilot.press("enter")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        await pilot.press("g")
        await settle_all(pilot)
        assert isinstance(app.screen, ArcDialog)
        await pilot.press("enter", "down", "enter")  # the programme the pack brought
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        assert isinstance(app.screen, RelationshipScreen)
        assert "Programme: meeting 1 of 8: Getting started" in screen_text(app)
        about = words(text_of(app.screen, "#rel-about"))
        assert f"“{PACK.name}”: meeting 1 of 8: Getting started" in about

        # --- three months: each meeting prepared from the programme, then held ----------------
        months = [(9, 7, "Getting started"), (10, 12, "Talking about race, Well-being"),
                  (11, 9, "Belonging")]  # fmt: skip
        for n, (month, day, about) in enumerate(months, start=1):
            screen = await prepare(pilot, clock, day, month)
            brief = words(text_of(screen, "#prepare-brief"))
            meeting = PACK.programme.meeting(n)
            assert meeting is not None
            assert f"meeting {n} of 8: {about}" in brief and words(meeting.brief) in brief
            chosen = screen.query_one("#prepare-themes", SelectionList).selected
            assert sorted(chosen) == sorted(meeting.themes)  # pre-selected; the person may change
            if n == 3:  # Driscoll's "Now what?" is last month's action plan on the agenda
                assert NOW_WHAT in text_of(screen, "#prepare-agenda")
            assert sorted(stored_meeting_themes(journal_path)[-1]) == sorted(meeting.themes)
            await pilot.press("escape")
            await settle_all(pilot)
            clock.set(datetime(2026, month, day + 1, 10, 0, tzinfo=UTC))
            if n == 2:  # an action agreed at the second meeting, captured as it was agreed
                await pilot.press("a", *ACTION, "ctrl+s")
                await settle_all(pilot)
            await hold_meeting(pilot, clock)
            if n == 1:
                await write_stages(pilot, "We agreed ground rules", "Nervous")
            elif n == 2:
                await choose_model(pilot, "driscoll")
                assert "So what?" in screen_text(app)
                await write_stages(pilot, "We practised naming race", "It matters", NOW_WHAT)
            else:
                await choose_model(pilot, "kolb")
                assert "Conceptualisation" in screen_text(app)
                await write_stages(pilot, "Belonging talk", "I noticed", "Titles filter", "Try it")
            await pilot.press("ctrl+s")
            await settle_all(pilot)
            assert isinstance(app.screen, RelationshipScreen)

        # --- the end: o, the end date, the closing reflection, then and now -------------------
        clock.set(datetime(2026, 11, 20, 16, 0, tzinfo=UTC))
        await pilot.press("o")
        await settle_all(pilot)
        assert isinstance(app.screen, EndDialog)
        assert app.screen.query_one("#end-input", Input).value == "2026-11-20"
        await pilot.press("enter")
        await settle_all(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # Write it now
        await settle_all(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert "Closing reflection" in screen_text(app)
        await write_stages(pilot, LOOKING_BACK, LEARNED, CHANGED, CONTINUES)
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        await pilot.press("o")
        await settle_all(pilot)
        closing = app.screen
        assert isinstance(closing, ClosingScreen)
        then = words(text_of(closing, "#closing-opening"))
        now = words(text_of(closing, "#closing-summary"))
        assert HOPES in then and WORRIES in then and BRING in then
        assert CHANGED in now and CONTINUES in now
        assert "3 meetings held, from Tue 8 Sep 2026 to Tue 10 Nov 2026." in now
        assert f"What continues • {ACTION}" in now

        # --- the wider-impact plan: the same tick-to-share rules --------------------------------
        await pilot.press("s")
        await settle_all(pilot)
        share = app.screen
        assert isinstance(share, SharePlanScreen) and share.plan is not None
        listing = share.query_one("#share-items", SelectionList)
        assert listing.selected == []  # nothing ticked at first
        wanted = {"title", "impact:meetings", "closing:changed"}
        for index, item in enumerate(share.plan.items):
            if item.key in wanted:
                await pilot.press(*["down"] * (index - (listing.highlighted or 0)), "space")
        assert set(listing.selected) == wanted
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle_all(pilot)
        plan = (home / "wider-impact-plan-2026-11-20.md").read_text(encoding="utf-8")
        assert plan.startswith(f"# Wider-impact plan: {TITLE}")
        assert CHANGED in plan and "3 meetings held" in plan
        assert LEARNED not in plan and HOPES not in plan and ACTION not in plan
        await pilot.press("escape", "escape", "escape")
        await settle_all(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "This relationship has ended." in card(app)

        # --- the pack, exported again with its programme -----------------------------------------
        news = await settings_pack(pilot, "~/again.toml", "#pack-export", programme=True)
        assert news.startswith("Exported 2 themes and 8 prompts, and the programme")
    again = parse_pack((home / "again.toml").read_text(encoding="utf-8"))
    assert (again.name, again.programme) == (PACK.name, PACK.programme)

    # --- what was stored, and the files that leave the journal -------------------------------
    journal = reopen(journal_path)
    try:
        [rel] = journal.relationships()
        assert rel.ended_on == date(2026, 11, 20)
        assert journal.relationship_programme(rel.id) == PACK.programme
        held = [m for m in journal.meetings() if m.status.value == "held"]
        assert [m.themes for m in held] == [
            list(PACK.programme.meeting(n).themes) for n in (1, 2, 3)
        ]  # type: ignore[union-attr]
        models = [r.model for r in journal.reflections()]
        assert models == ["opening", "gibbs", "driscoll", "kolb", "closing"]
        data = json.loads(export_json(journal))
        markdown = export_markdown(journal)
    finally:
        journal.close()
    by_model = {r["model"]: r for r in data["reflections"]}
    assert by_model["driscoll"]["now_what"] == NOW_WHAT
    assert by_model["kolb"]["conceptualisation"] == "Titles filter"
    assert by_model["opening"]["hopes"] == HOPES and by_model["closing"]["changed"] == CHANGED
    assert set(by_model["gibbs"]) >= {"description", "feelings"} and "what" not in by_model["gibbs"]
    for heading in ("So what?", "Now what?", "Conceptualisation", "Hopes", "What continues"):
        assert f"#### {heading}\n" in markdown
