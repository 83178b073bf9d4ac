"""Keys sent in one quick burst all land where the person meant (issue 12, point 3).

``pilot.press`` waits for the app to be idle after every key; a terminal does not. Sent together,
keys used to be lost or land in the wrong place: a space in the theme list toggled whichever option
was highlighted when its message arrived (after the arrows behind it), and the keys typed after a
key that moves the focus went to the field the focus was leaving.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from textual import events
from textual.widgets import Input, SelectionList, TextArea

from mentorjournal.domain import ActionStep
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import key_order, navigation
from mentorjournal.tui.screens.action_form import ActionForm
from mentorjournal.tui.screens.first_run import RecoveryKeyScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.widgets.gibbs_editor import GibbsEditor
from mentorjournal.tui.widgets.notes_framing import FRAMING_TEMPLATE
from tests.tui import test_meeting, test_prepare
from tests.tui.conftest import PASSPHRASE, reopen, settle, unlock
from tests.tui.screen_text import burst, until


async def opened_prepare(pilot, rel_id: str) -> PrepareScreen:  # type: ignore[no-untyped-def]
    """Unlocked, and prepare opened for relationship ``rel_id`` and shown."""
    await unlock(pilot)
    navigation.prepare(pilot.app, rel_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PrepareScreen)
    return screen


async def test_a_burst_of_space_and_arrows_in_the_theme_list_chooses_each_theme(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened_prepare(pilot, made["rel"].id)
        themes = screen.query_one("#prepare-themes", SelectionList)
        await until(pilot, lambda: screen.focused is themes, "the themes list has the focus")
        keys = [themes.get_option_at_index(i).value for i in range(3)]
        themes.highlighted = 0
        burst(pilot, "space", "down", "space", "down", "space")
        await until(pilot, lambda: len(themes.selected) >= 3, "three themes chosen")
        await settle(pilot)
        assert themes.selected == keys and themes.highlighted == 2
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = reopen(journal_path)
    try:
        assert stored.upcoming_meeting(made["rel"].id, test_meeting.MEETING_AT).themes == keys
    finally:
        stored.close()


async def test_typing_straight_after_switching_to_the_framing_lands_in_the_framing(
    new_journal: Journal, make_app
) -> None:
    rel, _meeting = test_meeting.fill(new_journal)
    app = make_app()
    app.clock = test_meeting.Clock(test_meeting.MEETING_AT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await test_meeting.start_meeting(app, pilot, rel)
        notes = screen.query_one("#meeting-notes", TextArea)
        framing = screen.query_one("#meeting-framing", TextArea)
        await until(pilot, lambda: screen.focused is notes, "the notes have the focus")
        burst(pilot, *"abc", "f5", *"xyz", "f5", *"def")
        await until(pilot, lambda: notes.text.endswith("f"), "the last key typed")
        await settle(pilot)
        assert (notes.text, framing.text) == ("abcdef", "xyz" + FRAMING_TEMPLATE)


async def test_a_passphrase_typed_twice_in_one_burst_creates_the_journal(
    make_app, journal_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(pilot, *PASSPHRASE, "enter", *PASSPHRASE, "enter")
        await until(
            pilot, lambda: isinstance(app.screen, RecoveryKeyScreen), "the recovery key shown"
        )
        await settle(pilot)
    assert journal_path.exists()
    reopen(journal_path).close()


async def test_keys_typed_as_prepare_opens_land_once_it_has_loaded(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    """Prepare reads the journal in a worker; keys sent with the screen still empty used to go
    nowhere. They wait for it: home chooses the first theme, tab goes to the points."""
    made = test_prepare.fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.prepare(app, made["rel"].id)
        burst(pilot, "home", "space", "tab", *"xyz")
        screen = app.screen
        assert isinstance(screen, PrepareScreen)

        def typed() -> str:
            return "".join(box.text for box in screen.query("#prepare-points").results(TextArea))

        await until(pilot, lambda: typed() == "xyz", "the points typed")
        await settle(pilot)
        points = screen.query_one("#prepare-points", TextArea)
        themes = screen.query_one("#prepare-themes", SelectionList)
        first = themes.get_option_at_index(0).value
        assert themes.selected == [first] and screen.focused is points
        await pilot.press("escape")
        await settle(pilot)
    stored = reopen(journal_path)
    try:
        meeting = stored.upcoming_meeting(made["rel"].id, test_meeting.MEETING_AT)
        assert (meeting.themes, meeting.points) == ([first], "xyz")
    finally:
        stored.close()


async def test_a_key_slow_on_its_way_is_handled_before_the_keys_typed_after_it(
    new_journal: Journal, make_app, monkeypatch
) -> None:
    """On a busy machine a key can take longer than a moment to travel through the screen. Its
    binding used to run only when it came back, after the keys typed behind it had moved the
    focus: "home" for the themes moved the cursor in the points, and "xyz" came out "zxy"."""
    made = test_prepare.fill(new_journal)
    slowed: list[str] = []

    async def busy(screen: PrepareScreen, event: events.Key) -> None:
        if event.key == "home" and not slowed:  # the first key, held up as a busy machine would
            slowed.append(event.key)
            await asyncio.sleep(key_order.PATIENCE * 1.5)

    monkeypatch.setattr(PrepareScreen, "on_key", busy, raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened_prepare(pilot, made["rel"].id)
        themes = screen.query_one("#prepare-themes", SelectionList)
        points = screen.query_one("#prepare-points", TextArea)
        themes.highlighted = 2
        burst(pilot, "home", "space", "tab", *"xyz")
        await until(pilot, lambda: len(points.text) == 3, "the points typed")
        await settle(pilot)
        assert slowed == ["home"]
        assert (points.text, themes.selected) == ("xyz", [themes.get_option_at_index(0).value])


async def test_typing_as_an_action_opens_is_added_to_its_stored_title(
    new_journal: Journal, make_app, journal_path: Path, monkeypatch
) -> None:
    """The action form fills its fields from the journal in a worker (held back here until the
    keys are sent): a title typed before that used to be overwritten by the stored one."""
    made = test_prepare.fill(new_journal)
    action = made["action"]
    reading, gate = threading.Event(), threading.Event()
    relationships = Journal.relationships

    def slow_relationships(journal: Journal) -> list:
        reading.set()
        gate.wait(10)
        return relationships(journal)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        monkeypatch.setattr(Journal, "relationships", slow_relationships)
        navigation.edit_action(app, action.id)
        await until(pilot, reading.is_set, "the form reading the journal")
        burst(pilot, "end", *" soon", "ctrl+s")
        form = app.screen
        assert isinstance(form, ActionForm)
        title = form.query_one("#action-title", Input)
        # The keys wait for the form (or, before, went into the title still empty).
        for _ in range(500):
            if getattr(app.key_order, "waiting_for", None) is form or title.value.endswith("soon"):
                break
            await asyncio.sleep(0.01)  # not pilot.pause: it waits for the keys held
        gate.set()
        await until(pilot, lambda: not isinstance(app.screen, ActionForm), "the form saved")
        await settle(pilot)
    stored = reopen(journal_path)
    try:
        assert stored.get(ActionStep, action.id).title == "Ask HR for panel data soon"
    finally:
        stored.close()


async def test_keys_typed_as_a_kept_screen_opens_again_land_in_order(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    """Opened a second time, prepare and a reflection show what the journal kept for them at
    once (``show_view``); a reflection still sets up its stages after that (a coroutine), and
    the keys typed meanwhile wait for it as they do for the first opening. (A Kolb reflection:
    the editor is composed with Gibbs' stages and mounts Kolb's in their place.)"""
    made = test_prepare.fill(new_journal)
    before = reopen(journal_path)
    try:
        (written,) = before.reflections(made["rel"].id)
        written.model = "kolb"
        before.save(written)
    finally:
        before.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        stored = app.need_journal()
        (reflection,) = stored.reflections(made["rel"].id)
        for opening in range(2):  # the second time, from what the journal keeps
            navigation.open_reflection(app, made["rel"].id, reflection.id)
            if opening == 0:
                await settle(pilot)
                assert stored.kept_view(app.screen.view_key) is not None
                await pilot.press("escape")
                await settle(pilot)
        burst(pilot, *"xyz")
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)

        def described() -> str:
            return "".join(e.current_area.text for e in screen.query(GibbsEditor).results())

        await until(pilot, lambda: "x" in described() and "z" in described(), "the keys typed")
        assert described().startswith("xyz"), described()
        await pilot.press("escape")
        await settle(pilot)
        for opening in range(2):
            navigation.prepare(app, made["rel"].id)
            if opening == 0:
                await settle(pilot)
                await pilot.press("escape")
                await settle(pilot)
        burst(pilot, "home", "space", "tab", *"xyz")
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)

        def points() -> str:
            return "".join(box.text for box in prepare.query("#prepare-points").results(TextArea))

        await until(pilot, lambda: len(points()) == 3, "the points typed")
        assert points() == "xyz"
        await pilot.press("escape")
        await settle(pilot)
    stored = reopen(journal_path)
    try:
        assert stored.get(type(reflection), reflection.id).description.startswith("xyz")
        meeting = stored.upcoming_meeting(made["rel"].id, test_meeting.MEETING_AT)
        assert meeting.points == "xyz" and len(meeting.themes) == 1
    finally:
        stored.close()
