"""Search as you type: results with kind, relationship and snippet; enter opens; no matches."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.widgets import Static

from mentorjournal.domain import Reflection, Relationship, SupportContact
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.search import HitItem, ResultList, SearchScreen
from mentorjournal.tui.screens.support import SupportScreen
from tests.tui.conftest import searched, settle, unlock


def text_of(widget: Static) -> str:
    return str(widget.render())


@pytest.fixture
def filled(new_journal: Journal) -> dict[str, Any]:
    rel = Relationship(title="Reverse mentoring with Amara", partner="Amara")
    reflection = Reflection(
        relationship_id=rel.id,
        written_at=datetime(2026, 11, 10, 18, 0, tzinfo=UTC),
        description="We talked about who sits on the promotion panel and why.",
        feelings="Uneasy at first.",
    )
    contact = SupportContact(name="Staff counselling", how="ext 4455")
    new_journal.save_many([rel, reflection, contact])
    new_journal.close()
    return {"rel": rel, "reflection": reflection, "contact": contact}


async def open_search(pilot: Any) -> SearchScreen:
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("slash")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def type_term(pilot: Any, term: str) -> None:
    await pilot.press(*term)
    await searched(pilot)


async def test_typing_shows_the_hit_and_enter_opens_it(
    filled: dict[str, Any], make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    has_reflection_screen = importlib.util.find_spec("mentorjournal.tui.screens.reflection")
    opened: list[tuple[type, str]] = []
    if not has_reflection_screen:
        monkeypatch.setattr(
            navigation,
            "open_entry",
            lambda app, kind, entry_id, *_: opened.append((kind, entry_id)),
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "PANEL")
        assert text_of(screen.query_one("#search-count", Static)) == "1 match"
        items = list(screen.query(HitItem))
        assert len(items) == 1
        card = text_of(items[0].query_one(Static))
        assert card.startswith("reflection  Tue 10 Nov 2026  Reverse mentoring with Amara")
        assert "the promotion panel and why" in card
        # The match itself, and only it, is highlighted in the snippet.
        shown = items[0].query_one(Static).content
        marked = [shown.plain[s.start : s.end] for s in shown.spans if "reverse" in str(s.style)]
        assert marked == ["panel"]

        await pilot.press("down", "enter")
        await settle(pilot)
        if has_reflection_screen:
            from mentorjournal.tui.screens.reflection import ReflectionScreen

            assert isinstance(app.screen, ReflectionScreen)
        else:
            assert opened == [(Reflection, filled["reflection"].id)]


async def test_a_support_contact_opens_the_support_screen(
    filled: dict[str, Any], make_app: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "counsel")
        card = text_of(screen.query_one(HitItem).query_one(Static))
        assert card.startswith("support")
        assert "Staff counselling" in card
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_a_word_in_no_entry_says_no_matches_and_typing_on_updates(
    filled: dict[str, Any], make_app: Any
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "zebra")
        assert text_of(screen.query_one("#search-count", Static)) == "No matches for “zebra”."
        assert not list(screen.query(HitItem))
        # Clearing and typing a word that is there shows it again (stale results are replaced).
        await pilot.press(*["backspace"] * 5)
        await type_term(pilot, "uneasy")
        assert text_of(screen.query_one("#search-count", Static)) == "1 match"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.fixture
def two_panels(new_journal: Journal) -> list[Reflection]:
    rel = Relationship(title="Reverse mentoring with Amara", partner="Amara")
    older, newer = (
        Reflection(
            relationship_id=rel.id,
            written_at=datetime(2026, 11, day, 18, 0, tzinfo=UTC),
            description=words,
        )
        for day, words in (
            (3, "Who sits on the panel, and why."),
            (17, "The panel chair listened."),
        )
    )
    new_journal.save_many([rel, older, newer])
    new_journal.close()
    return [newer, older]


async def test_typing_on_after_a_pause_highlights_the_new_first_result(
    two_panels: list[Reflection], make_app: Any
) -> None:
    """A pause mid-word shows results, which the rest of the word replaces. The first of the new
    results is highlighted, not one of the old ones on their way out, and enter opens it."""
    from mentorjournal.tui.screens.reflection import ReflectionScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "pan")
        assert [item.hit.entry_id for item in screen.query(HitItem)] == [r.id for r in two_panels]
        await type_term(pilot, "el")
        results = screen.query_one("#search-results", ResultList)
        items = list(results.query(HitItem))
        assert [item.hit.entry_id for item in items] == [r.id for r in two_panels]
        assert all(item.hit.length == len("panel") for item in items)
        assert results.highlighted_child is items[0]
        assert [item.highlighted for item in items] == [True, False]

        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.editor.texts()["description"] == two_panels[0].description


async def test_enter_on_a_meeting_opens_that_meeting_and_a_reflection_at_the_stage_matched(
    new_journal: Journal, make_app: Any
) -> None:
    """Issue 12, point 9: the entry itself, not the relationship's About tab."""
    from mentorjournal.domain import Meeting, MeetingStatus
    from mentorjournal.tui.screens.meeting_view import MeetingView
    from mentorjournal.tui.screens.reflection import ReflectionScreen
    from mentorjournal.tui.widgets.gibbs_editor import GibbsEditor
    from tests.tui.screen_text import until_shown

    rel = Relationship(title="Reverse mentoring with Amara", partner="Amara")
    meeting = Meeting(
        rel.id,
        datetime(2026, 11, 10, 10, tzinfo=UTC),
        status=MeetingStatus.HELD,
        notes="Amara described the tutor reallocation problem.",
    )
    reflection = Reflection(
        relationship_id=rel.id,
        written_at=datetime(2026, 11, 10, 18, 0, tzinfo=UTC),
        description="We met.",
        analysis="The timetable clash explains most of it.",
    )
    new_journal.save_many([rel, meeting, reflection])
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, "reallocation")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingView)
        await until_shown(pilot, "Amara described the tutor reallocation problem.")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        box = screen.query_one("#search-term")
        box.value = ""
        box.focus()
        await type_term(pilot, "timetable")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        editor = app.screen.query_one(GibbsEditor)
        assert editor.stages[editor.stage].key == "analysis"
        await until_shown(pilot, "The timetable clash explains most of it.")


# --- issue 12, point 9: the entry opened with the words found marked and in view -------------

FILLER = "\n".join(f"{n}. Talked it through, point by point." for n in range(1, 61))
# Each kind of entry: the word searched (only at the end of a long text) and the kind of its hit.
FOUND = {
    "meeting notes": ("reallocation", "meeting"),
    "meeting preparation": ("timetabling", "meeting"),
    "why a meeting was cancelled": ("snowstorm", "meeting"),
    "what a review learned": ("apprenticeship", "review"),
    "a reflection's stage": ("secondment", "reflection"),
    "an action's detail": ("spreadsheet", "action"),
    "what an action learned": ("ombudsman", "action"),
}


@pytest.fixture
def long_entries(new_journal: Journal) -> None:
    from mentorjournal.domain import (
        ActionStatus,
        ActionStep,
        Meeting,
        MeetingStatus,
        Review,
    )
    from mentorjournal.mentoring.preparation import review_summary

    rel = Relationship(title="Reverse mentoring with Amara", partner="Amara")
    nov = datetime(2026, 11, 10, 10, tzinfo=UTC)
    asked = ActionStep(rel.id, "Ask HR for panel data", learning="Later: the data came in.")
    review = Review(
        rel.id,
        asked.id,
        ActionStatus.DONE,
        nov,
        learning="The apprenticeship scheme keeps the best data.",
    )
    held = Meeting(
        rel.id,
        nov,
        status=MeetingStatus.HELD,
        preparation=f"{FILLER}\nAsk about timetabling.",
        notes=f"{FILLER}\nAmara described the tutor reallocation problem.",
        review_summary=review_summary([(asked, review, 0)]),
    )
    review.meeting_id = held.id
    cancelled = Meeting(
        rel.id,
        datetime(2026, 10, 13, 10, tzinfo=UTC),
        status=MeetingStatus.CANCELLED,
        preparation=FILLER,
        cancel_reason="A snowstorm closed the campus.",
    )
    reflection = Reflection(
        relationship_id=rel.id,
        written_at=datetime(2026, 11, 10, 18, 0, tzinfo=UTC),
        analysis=f"{FILLER}\nA secondment would explain it.",
    )
    detailed = ActionStep(rel.id, "Map the panels", detail=f"{FILLER}\nKeep it in a spreadsheet.")
    learned = ActionStep(rel.id, "Complain", learning="The ombudsman was the right door.")
    new_journal.save_many([rel, held, cancelled, reflection, asked, detailed, learned, review])
    new_journal.close()


async def open_hit_of_kind(pilot: Any, screen: SearchScreen, kind: str) -> None:
    kinds = [item.hit.kind for item in screen.query(HitItem)]
    await pilot.press("down", *["down"] * kinds.index(kind), "enter")
    await settle(pilot)


@pytest.mark.parametrize("entry", list(FOUND))
async def test_enter_shows_the_words_found_marked_and_in_view(
    long_entries: None, make_app: Any, entry: str
) -> None:
    """At 80×24 the words are far below the first screen of the entry: it opens scrolled to
    them, and they are marked (selected in a text field, reversed in a meeting's record)."""
    from textual.widgets import TextArea

    from mentorjournal.tui.screens.action_form import ActionForm
    from mentorjournal.tui.screens.meeting_view import MeetingView
    from mentorjournal.tui.screens.reflection import ReflectionScreen
    from mentorjournal.tui.widgets.found import MARK
    from tests.tui.screen_text import text_in, until

    term, kind = FOUND[entry]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await type_term(pilot, term)
        await open_hit_of_kind(pilot, screen, kind)
        opened = app.screen
        if isinstance(opened, MeetingView):
            assert entry.startswith(("meeting", "why", "what a review"))
            holder = opened.query_one("#meeting-body")
            shown = opened.query_one("#meeting-text", Static).content
            marked = [shown.plain[s.start : s.end] for s in shown.spans if s.style == MARK]
            assert [m.casefold() for m in marked] == [term]
        else:
            expected = ReflectionScreen if entry.startswith("a reflection") else ActionForm
            assert isinstance(opened, expected)
            holder = app.focused
            assert isinstance(holder, TextArea)
            await until(pilot, lambda: holder.selected_text.casefold() == term, "words selected")
        await until(pilot, lambda: term in text_in(app, holder).casefold(), f"{term!r} in view")
