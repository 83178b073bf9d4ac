"""Search that narrows, on the search screen (issue 15, point 5): every word and "phrase" must
match; the filter row (relationship, kind, status, from and to dates) narrows by keys alone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from textual.widgets import Input, Select, Static
from textual.widgets._select import SelectCurrent, SelectOverlay

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    MeetingStatus,
    Reflection,
    Relationship,
    WellbeingCheckin,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.tui.screens.search import HitItem, SearchScreen
from tests.tui.conftest import settle
from tests.tui.test_search import open_search, text_of, type_term


@pytest.fixture
def story(new_journal: Journal) -> dict[str, Any]:
    amara = Relationship(title="Reverse mentoring with Amara")
    board = Relationship(title="Board mentoring")
    held = Meeting(
        amara.id,
        datetime(2026, 11, 10, 10, tzinfo=UTC),
        status=MeetingStatus.HELD,
        notes="We went through the panel data review.",
    )
    planned = Meeting(
        amara.id, datetime(2026, 12, 8, 10, tzinfo=UTC), preparation="Bring the panel data."
    )
    thin = Reflection(
        amara.id, datetime(2026, 11, 10, 18, tzinfo=UTC), description="The panel's data was thin."
    )
    ask = ActionStep(board.id, "Panel data for the board", due_on=date(2026, 11, 20))
    nerves = WellbeingCheckin(datetime(2026, 11, 10, 9, tzinfo=UTC), 3, "Panel nerves.")
    new_journal.save_many([amara, board, held, planned, thin, ask, nerves])
    new_journal.close()
    return {"held": held, "planned": planned, "thin": thin, "ask": ask, "nerves": nerves}


def shown_ids(screen: SearchScreen) -> set[str]:
    return {item.hit.entry_id for item in screen.query(HitItem)}


def count(screen: SearchScreen) -> str:
    return text_of(screen.query_one("#search-count", Static))


async def narrowed(pilot: Any) -> None:
    """Wait until the search for what the box and the filter row say has been shown."""
    screen = pilot.app.screen
    for _ in range(100):
        if screen.term == screen.query_one("#search-term", Input).value.strip() and (
            screen.filters == screen.chosen_filters()
        ):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the narrowed search never began")
    await settle(pilot)


async def until_counted(pilot: Any, words: str) -> None:
    """Wait until the line above the results says ``words`` (after the typing pause)."""
    for _ in range(100):
        if words in count(pilot.app.screen):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the search screen never said {words!r}")


async def tab_to(pilot: Any, selector: str) -> None:
    """Press tab until the widget ``selector`` names has the focus."""
    screen = pilot.app.screen
    widget = screen.query_one(selector)
    for _ in range(10):
        if screen.focused is widget:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}")


async def choose(pilot: Any, select_id: str, label: str) -> None:
    """Focus a filter by tab, open it with enter, go down to ``label`` and take it."""
    await tab_to(pilot, select_id)
    select = pilot.app.screen.query_one(select_id, Select)
    await pilot.press("enter")
    await pilot.pause()
    overlay = select.query_one(SelectOverlay)
    labels = [str(overlay.get_option_at_index(n).prompt) for n in range(overlay.option_count)]
    moves = labels.index(label) - (overlay.highlighted or 0)
    await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
    await narrowed(pilot)
    assert str(select.query_one(SelectCurrent).query_one(Static).render()) == label


async def test_words_and_phrases_all_match(story: dict[str, Any], make_app: Any) -> None:
    async with make_app().run_test(size=(100, 32)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "panel data")  # both words, anywhere in an entry
        assert shown_ids(screen) == {story[k].id for k in ("held", "planned", "thin", "ask")}
        assert count(screen) == "4 matches"  # not the check-in: "Panel nerves." has no "data"
        screen.query_one("#search-term", Input).value = ""
        await type_term(pilot, '"panel data" review')
        assert shown_ids(screen) == {story["held"].id}
        [item] = screen.query(HitItem)
        card = item.query_one(Static).content
        marked = [card.plain[s.start : s.end] for s in card.spans if "reverse" in str(s.style)]
        assert marked == ["panel data review"]


async def test_the_filter_row_narrows_by_keys(story: dict[str, Any], make_app: Any) -> None:
    async with make_app().run_test(size=(100, 32)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "panel data")
        await choose(pilot, "#search-kind", "Meetings")
        assert shown_ids(screen) == {story["held"].id, story["planned"].id}
        assert count(screen) == "2 matches"
        await choose(pilot, "#search-status", "Held")
        assert shown_ids(screen) == {story["held"].id}
        await choose(pilot, "#search-status", "Any status")
        await choose(pilot, "#search-rel", "Board mentoring")
        assert shown_ids(screen) == set()
        assert count(screen) == "No matches for “panel data” among the entries chosen."
        await choose(pilot, "#search-kind", "Actions")
        assert shown_ids(screen) == {story["ask"].id}
        # Dates: the person types them in the two boxes after the filters.
        await choose(pilot, "#search-rel", "Any relationship")
        await choose(pilot, "#search-kind", "Any kind")
        await tab_to(pilot, "#search-from")
        await pilot.press(*"2026-11-15")
        await narrowed(pilot)
        assert shown_ids(screen) == {story["planned"].id, story["ask"].id}
        await tab_to(pilot, "#search-to")
        await pilot.press(*"2026-11-30")
        await narrowed(pilot)
        assert shown_ids(screen) == {story["ask"].id}
        # A date it cannot read is said, and the results stay as they were.
        await pilot.press(*["backspace"] * 10, *"30/11/2026")
        await until_counted(pilot, "is ambiguous")
        assert shown_ids(screen) == {story["ask"].id}


async def test_filters_alone_list_what_they_keep(story: dict[str, Any], make_app: Any) -> None:
    async with make_app().run_test(size=(100, 32)) as pilot:
        screen = await open_search(pilot)
        await choose(pilot, "#search-kind", "Check-ins")
        assert count(screen) == "1 match"
        [item] = screen.query(HitItem)
        assert text_of(item.query_one(Static)).startswith("well-being")
        assert item.hit.entry_id == story["nerves"].id
        await choose(pilot, "#search-status", "Planned")  # a check-in has no status
        assert count(screen) == "No entries are chosen."
