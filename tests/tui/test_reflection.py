"""The Gibbs reflection editor: typed by keys, linked to a meeting, autosaved, edited again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from mentorjournal.domain import Meeting, MeetingStatus, Reflection, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import navigation
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.widgets.gibbs_editor import GibbsEditor
from tests.tui.conftest import FROZEN_NOW, reopen, settle, unlock
from tests.tui.screen_text import until
from tests.tui.test_relationship import rows_of


def prepare(journal: Journal) -> tuple[Relationship, Meeting, Meeting]:
    rel = Relationship(title="Race equality with Amara", partner="Amara")
    journal.save(rel)
    october = Meeting(rel.id, datetime(2026, 10, 20, 10, tzinfo=UTC), status=MeetingStatus.HELD)
    november = Meeting(rel.id, datetime(2026, 11, 17, 10, tzinfo=UTC), status=MeetingStatus.HELD)
    journal.save_many([october, november])
    journal.close()
    return rel, october, november


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_new_reflection(pilot: Pilot[object], *keys: str) -> ReflectionScreen:
    """From home, "r" reflects on the highlighted relationship's last meeting (or ``keys``
    lead to a new reflection)."""
    await unlock(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press(*(keys or ("r",)))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReflectionScreen)
    return screen


async def test_write_by_keys_link_meeting_and_name_empty_stages(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, october, november = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_new_reflection(pilot)
        editor = screen.query_one(GibbsEditor)
        assert not editor.has_class("-wide")  # questions above the text at 80 columns
        assert "What did the two of you talk about" in text_of(screen, "#gibbs-questions")
        link = screen.query_one("#reflection-meeting", Select)
        assert link.value == november.id  # the last held meeting, chosen by home
        assert text_of(screen, "#reflection-status") == "Not saved yet"

        # Link it to October instead: shift+tab to the Select, open it, one down, enter.
        await pilot.press("shift+tab", "enter", "down", "enter")
        await pilot.pause()
        assert link.value == october.id

        await pilot.press("alt+1", *"Met at noon")
        await pilot.press("ctrl+pagedown")  # next stage: Feelings
        assert "Feelings" in text_of(screen, "#gibbs-questions")
        assert "How were you feeling" in text_of(screen, "#gibbs-questions")
        await pilot.press(*"Nervous, then glad")
        assert editor.area("description").text == "Met at noon"
        assert editor.area("feelings").text == "Nervous, then glad"
        assert text_of(screen, "#gibbs-tab-feelings").lstrip("▸ ").startswith("●")
        assert text_of(screen, "#gibbs-tab-analysis").lstrip("▸ ").startswith("○")

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert (
            "Evaluation, Analysis, Conclusion and Action plan are empty — "
            "you can come back to them any time."
        ) in notifications(app)

    journal = reopen(journal_path)
    [stored] = journal.reflections(rel.id)
    assert stored.description == "Met at noon"
    assert stored.feelings == "Nervous, then glad"
    assert stored.evaluation == stored.analysis == stored.conclusion == stored.action_plan == ""
    assert stored.meeting_id == october.id
    assert stored.written_at == FROZEN_NOW
    journal.close()


async def test_autosave_after_a_pause_and_at_once_on_lock(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _october, november = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_new_reflection(pilot)
        assert screen.query_one(GibbsEditor).has_class("-wide")  # questions beside the text
        await pilot.press(*"Draft words")
        assert text_of(screen, "#reflection-status") == "Saving…"
        journal = reopen(journal_path)
        assert journal.reflections(rel.id) == []  # nothing yet: typing has only just stopped
        journal.close()

        await pilot.pause(2)  # past the 1.5 s debounce
        await settle(pilot)
        assert app.screen is screen
        assert text_of(screen, "#reflection-status").startswith("Saved ")
        journal = reopen(journal_path)
        [draft] = journal.reflections(rel.id)
        assert draft.description == "Draft words"
        assert draft.meeting_id == november.id
        journal.close()

        # Locking saves what was typed a moment ago, without waiting for the debounce …
        await pilot.press(*" more", "ctrl+l")
        await settle(pilot)
        journal = reopen(journal_path)
        [draft] = journal.reflections(rel.id)
        assert draft.description == "Draft words more"
        journal.close()

        # … and unlocking reopens the same entry rather than starting a second one.
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        assert screen.query_one(GibbsEditor).area("description").text == "Draft words more"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    journal = reopen(journal_path)
    assert [r.description for r in journal.reflections(rel.id)] == ["Draft words more"]
    journal.close()


async def test_edit_an_existing_reflection(new_journal, make_app, journal_path: Path) -> None:
    rel = Relationship(title="Curriculum with Jo")
    new_journal.save(rel)
    written = datetime(2026, 11, 2, 18, 30, tzinfo=UTC)
    old = Reflection(
        rel.id,
        written_at=written,
        description="We looked at the reading list.",
        evaluation="Useful.",
        analysis="Time was short.",
        conclusion="Ask earlier.",
        action_plan="Send the list by Friday.",
    )
    new_journal.save(old)
    new_journal.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.open_reflection(app, rel.id, old.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        editor = screen.query_one(GibbsEditor)
        assert editor.area("description").text == "We looked at the reading list."
        assert screen.query_one("#reflection-meeting", Select).value == "free-standing"
        # It opens at the first empty stage, Feelings, with its cursor ready.
        assert editor.stages[editor.stage].key == "feelings"
        assert text_of(screen, "#gibbs-tab-feelings").startswith("▸○")  # the current stage, marked
        await pilot.press(*"Calmer now")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("All six stages written" in m for m in notifications(app))

        # A new reflection left empty is not stored at all.
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("alt+3")
        assert "Evaluation" in text_of(app.screen, "#gibbs-questions")
        assert isinstance(app.focused, TextArea) and app.focused.id == "gibbs-evaluation"
        await pilot.press("f4")
        assert app.focused.id == "gibbs-analysis"
        await pilot.press("f3", "ctrl+pageup")
        assert app.focused.id == "gibbs-feelings"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Nothing was written, so no reflection was saved." in notifications(app)

    journal = reopen(journal_path)
    [stored] = journal.reflections(rel.id)
    assert stored.id == old.id
    assert stored.feelings == "Calmer now"
    assert stored.description == "We looked at the reading list."
    assert stored.action_plan == "Send the list by Friday."
    assert stored.written_at == written
    assert stored.meeting_id is None
    journal.close()


async def written_then_emptied(pilot: Pilot[object], rel: Relationship) -> ReflectionScreen:
    """From the relationship's page, r starts a reflection; a letter typed is autosaved, then
    deleted again."""
    app = pilot.app
    screen = await open_new_reflection(pilot, "enter", "r")  # home's only card: its page
    await pilot.press("a")
    await until(pilot, lambda: app.journal.reflections(rel.id), "the letter autosaved")
    await settle(pilot)
    await pilot.press("backspace")
    return screen


async def test_a_new_reflection_emptied_again_is_not_kept(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _october, _november = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await written_then_emptied(pilot, rel)
        await pilot.press("escape")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, RelationshipScreen)
        assert rows_of(page, "#rel-reflections") == []
        assert "Nothing was written, so no reflection was saved." in notifications(app)
    journal = reopen(journal_path)
    assert (journal.reflections(rel.id), journal.bin_items()) == ([], [])
    journal.close()


async def test_a_new_reflection_emptied_then_locked_comes_back_new(
    new_journal, make_app, journal_path: Path
) -> None:
    rel, _october, _november = prepare(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await written_then_emptied(pilot, rel)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert reopen_reflections(journal_path, rel) == []
        await unlock(pilot)
        screen = app.screen
        assert isinstance(screen, ReflectionScreen) and screen.editor.texts()["description"] == ""
        await pilot.press(*"Kept", "escape")  # written again: a new entry, stored
        await settle(pilot)
        assert isinstance(app.screen, RelationshipScreen)
    assert reopen_reflections(journal_path, rel) == ["Kept"]


def reopen_reflections(journal_path: Path, rel: Relationship) -> list[str]:
    journal = reopen(journal_path)
    try:
        return [r.description for r in journal.reflections(rel.id)]
    finally:
        journal.close()
