"""Keys a person can find (issue 12, points 4–6): the footers show what is needed, tab bars have
keys and a focus mark that is not colour alone, start-meeting works while typing, select all is
f7 in every text field, and help (f1) lists every key of the screen from the key map."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Tab, TabbedContent, Tabs, TextArea

from mentorjournal.domain import ActionStep, Meeting, MeetingStatus, Reflection, Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.tui import keymap, navigation
from mentorjournal.tui.screens.help import HelpScreen
from mentorjournal.tui.screens.home import HomeScreen
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.screens.prepare import PrepareScreen
from mentorjournal.tui.screens.relationship import RelationshipScreen
from mentorjournal.tui.screens.settings import SettingsScreen
from mentorjournal.tui.widgets.meeting_dialogs import RescheduleDialog
from tests.tui.conftest import reopen, settle, unlock
from tests.tui.screen_text import footer_text, screen_text
from tests.tui.screen_text import words as words_of
from tests.tui.snapshot_support import settle_all
from tests.tui.test_snapshots import SCREENS, demo_app, demo_folder, in_tmp, utc_local_time

__all__ = ["demo_app", "demo_folder", "in_tmp", "utc_local_time"]  # fixtures, from there

PAGE_KEYS = (
    "p Prepare",
    "m Meet",
    "v Review",
    "r Reflect",
    "a Add action",
    "i Insight",
    "c Calendar",
    "s Share",
    "e Edit",
    "1…4 Tabs",
    "f1 Help",
)
MEETINGS_TAB_KEYS = ("h Hold late", "t Move", "x Cancel", "k Cadence")


def fill(journal: Journal) -> Relationship:
    """A monthly relationship with a held meeting, a reflection on it and an action."""
    rel = Relationship(title="Reverse mentoring with Amara", cadence="FREQ=MONTHLY")
    held = Meeting(
        relationship_id=rel.id,
        starts_at=datetime(2026, 10, 27, 10, 0, tzinfo=UTC),
        status=MeetingStatus.HELD,
        notes="Talked about the charter",
    )
    reflection = Reflection(
        relationship_id=rel.id,
        meeting_id=held.id,
        written_at=datetime(2026, 10, 27, 18, 0, tzinfo=UTC),
        description="We met at noon",
    )
    action = ActionStep(relationship_id=rel.id, title="Ask HR for panel data")
    journal.save_many([rel, held, reflection, action])
    journal.close()
    return rel


async def open_page(pilot, rel: Relationship) -> RelationshipScreen:
    await unlock(pilot)
    await pilot.press("enter")  # the only relationship, from home
    await settle(pilot)
    page = pilot.app.screen
    assert isinstance(page, RelationshipScreen)
    return page


def shown_pane(screen, tabbed: str) -> str:
    """The id of the tab pane that is displayed (not only the active one by name)."""
    bar = screen.query_one(tabbed, TabbedContent)
    shown = [p.id for p in bar.query("TabPane") if p.parent.parent is bar and p.region.height]
    assert len(shown) == 1, shown
    return shown[0]


async def test_the_relationship_footer_shows_the_page_keys_and_the_meetings_keys_on_their_tab(
    new_journal: Journal, make_app
) -> None:
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(pilot, rel)
        footer = footer_text(app)
        for words in PAGE_KEYS:
            assert words in footer, footer
        for words in MEETINGS_TAB_KEYS:
            assert words not in footer, footer  # the About tab: not its keys
        assert len(footer.splitlines()) == 2  # wrapped at 80 columns, nothing cut in the middle

        await pilot.press("2")
        await settle(pilot)
        assert shown_pane(page, "#rel-tabs") == "tab-meetings"
        footer = footer_text(app)
        for words in (*MEETINGS_TAB_KEYS, *PAGE_KEYS, "^q Quit"):  # all, at 80 columns
            assert words in footer, footer
        await pilot.press("t")  # and the keys shown do their job
        await settle(pilot)
        assert isinstance(app.screen, RescheduleDialog)


async def test_a_narrow_footer_leaves_out_a_page_key_before_help_and_quit(
    new_journal: Journal, make_app
) -> None:
    """Too narrow for all the Meetings tab's keys: those left out are the page's own, whole;
    f1 Help and ^q Quit keep their room (issue 12 residue, point 6)."""
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(64, 24)) as pilot:
        await open_page(pilot, rel)
        await pilot.press("2")
        await settle(pilot)
        footer = footer_text(app)
        assert footer.splitlines()[-1].rstrip().endswith("f1 Help ^q Quit"), footer
        shown = [words for words in (*PAGE_KEYS, *MEETINGS_TAB_KEYS) if words in footer]
        assert "p Prepare" in shown and len(shown) < len(PAGE_KEYS) + len(MEETINGS_TAB_KEYS)
        assert all(len(line.rstrip()) <= 64 for line in footer.splitlines())
        await pilot.press("f1")  # every key is still in help (read down to its end)
        await settle(pilot)
        text = words_of(screen_text(app))
        for _ in range(4):
            await pilot.press("pagedown")
            await settle(pilot)
            text += " " + words_of(screen_text(app))
        for key in ("h Hold a missed meeting", "k Change the cadence", "1…4 Go to a tab"):
            assert key in text, text


async def test_a_dialog_over_the_page_shows_its_keys_not_the_page_s_first_row(
    new_journal: Journal, make_app
) -> None:
    """The page's footer has two rows; a dialog's has one: the page's first row used to show
    through above the dialog's keys."""
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_page(pilot, rel)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        bottom = "\n".join(screen_text(app).splitlines()[-2:])
        assert "Prepare" not in bottom and "esc Close" in bottom, bottom
        await pilot.press("escape")
        await settle(pilot)
        assert "p Prepare" in footer_text(app)  # back: the page's footer again


async def test_home_footer_shows_settings(new_journal: Journal, make_app) -> None:
    fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        footer = footer_text(app)
        assert ", Settings" in footer and "f1 Help" in footer, footer
        await pilot.press("comma")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)


async def test_start_meeting_is_shown_and_works_while_typing_in_prepare(
    new_journal: Journal, make_app, journal_path: Path
) -> None:
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        navigation.prepare(app, rel.id)
        await settle(pilot)
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        await pilot.press("tab", *"Panel data")  # from the themes to the points
        points = prepare.query_one("#prepare-points", TextArea)
        assert app.focused is points and points.text == "Panel data"
        assert "^t Start meeting" in footer_text(app)

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "ctrl+t, m" in screen_text(app) and "Start the meeting" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is points

        await pilot.press("ctrl+t")  # from inside the text field
        await settle(pilot)
        assert points.text == "Panel data"  # nothing typed into it
        assert prepare not in app.screen_stack
        assert any(isinstance(s, MeetingScreen) for s in app.screen_stack)
    journal = reopen(journal_path)
    assert [m.points for m in journal.meetings(rel.id) if m.status is MeetingStatus.PLANNED] == [
        "Panel data"
    ]
    journal.close()


async def test_tab_keys_switch_the_relationship_tabs(new_journal: Journal, make_app) -> None:
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(pilot, rel)
        await pilot.press("3")
        await settle(pilot)
        assert shown_pane(page, "#rel-tabs") == "tab-reflections"
        assert "About the meeting of" in screen_text(app)  # the reflections table is shown
        await pilot.press("f5")  # the next tab
        await settle(pilot)
        assert shown_pane(page, "#rel-tabs") == "tab-actions"
        assert "Ask HR for panel data" in screen_text(app)
        assert isinstance(app.focused, Tabs)  # the tab bar has the focus, with its mark
        await pilot.press("f5", "1")
        await settle(pilot)
        assert shown_pane(page, "#rel-tabs") == "tab-about"
        await pilot.press("2", "tab")  # into the meetings table
        await settle(pilot)
        assert isinstance(app.focused, DataTable) and app.focused.id == "rel-meetings"


async def test_f5_switches_the_settings_tabs_while_a_field_has_the_focus(
    new_journal: Journal, make_app
) -> None:
    fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await settle(pilot)
        settings = app.screen
        minutes = settings.query_one("#auto-lock", Input)
        assert app.focused is minutes
        before = minutes.value
        assert "f5 Next tab" in footer_text(app)
        await pilot.press("f5")
        await settle(pilot)
        assert shown_pane(settings, "#settings-tabs") == "security-pane"
        assert "Change passphrase" in screen_text(app)
        await pilot.press("f5")
        await settle(pilot)
        assert shown_pane(settings, "#settings-tabs") == "prompts-pane"
        assert minutes.value == before  # the key typed nothing


@pytest.mark.parametrize("no_color", [False, True])
async def test_a_focused_tab_bar_is_marked_by_more_than_colour(
    new_journal: Journal, make_app, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_page(pilot, rel)
        tabs = page.query_one("#rel-tabs").query_one(Tabs)

        def active_tab_marks() -> set[str]:
            """Text styles on every cell of the active tab's name, as painted."""
            tab = tabs.query_one("Tab.-active", Tab)
            region = tab.region
            strip = app.screen._compositor.render_strips()[region.y]
            cells = [seg for seg in strip.crop(region.x + 1, region.right - 1) if seg.text]
            return {
                mark
                for mark in ("underline", "reverse")
                if all(seg.style is not None and getattr(seg.style, mark) for seg in cells)
            }

        tabs.focus()
        await settle(pilot)
        assert active_tab_marks() == ({"underline", "reverse"} if no_color else {"underline"})
        page.query_one("#rel-about-scroll").focus()
        await settle(pilot)
        assert active_tab_marks() == set()


async def test_f7_selects_all_in_an_input_as_in_a_text_area(new_journal: Journal, make_app) -> None:
    fill(new_journal)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("comma")
        await settle(pilot)
        minutes = app.screen.query_one("#auto-lock", Input)
        assert app.focused is minutes and minutes.value == "5"
        await pilot.press("end", "0")  # the cursor after "50", nothing selected
        assert minutes.value == "50"
        await pilot.press("f7", "7")  # all selected, then replaced
        assert minutes.value == "7"


def help_words(app) -> str:
    """The help box's words as read, a wrapped line joined to the one before it."""
    box = app.screen.query_one("#help-box").region
    lines = screen_text(app).splitlines()[box.y : box.bottom]
    return " ".join(" ".join(line[box.x : box.right].strip("│") for line in lines).split())


@pytest.mark.parametrize("where", ["relationship", "prepare"])
async def test_f1_lists_every_key_of_the_screen_from_the_key_map(
    new_journal: Journal, make_app, where: str
) -> None:
    rel = fill(new_journal)
    app = make_app()
    async with app.run_test(size=(120, 70)) as pilot:
        await unlock(pilot)
        navigation.open_relationship(app, rel.id)
        if where == "prepare":
            navigation.prepare(app, rel.id)
        await settle(pilot)
        if where == "prepare":
            app.screen.query_one("#prepare-points", TextArea).focus()  # typing: m is not bound
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = help_words(app)
        expected = [row for name in keymap.sections_of(app.screen.for_screen) for row in
                    keymap.help_rows(name)]  # fmt: skip
        expected += keymap.help_rows("app")
        if where == "prepare":
            expected += keymap.help_rows("typing")
        for keys, words in expected:
            assert f"{keys} {words}" in shown, (keys, words)
        await pilot.press("f1")  # f1 again closes it
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("name", [name for name in SCREENS if name != "help"])  # f1 closes it
async def test_f1_on_every_main_screen_lists_all_its_keys_from_the_key_map(
    name: str, demo_app
) -> None:
    """The screens of the snapshots, over the demo journal: help names the screen's keys,
    those of its widgets and the ones that work everywhere, none cut off."""
    _expected, steps = SCREENS[name]
    app = demo_app
    async with app.run_test(size=(120, 70)) as pilot:
        await settle_all(pilot)
        await steps(pilot)
        await settle_all(pilot)
        screen = app.screen
        assert keymap.sections_of(screen), f"{type(screen).__name__} has no keys in the map"
        await pilot.press("f1")
        await settle_all(pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.for_screen is screen
        shown = help_words(app)
        rows = [row for section in keymap.sections_of(screen) for row in keymap.help_rows(section)]
        for keys, words in [*rows, *keymap.help_rows("app")]:
            assert f"{keys} {words}" in shown, (keys, words)


@pytest.mark.parametrize(
    "name", ["meeting", "prepare", "reflection", "action_form", "relationship"]
)
async def test_at_80_columns_the_footer_shows_every_key_the_map_shows(name: str, demo_app) -> None:
    """Every key the key map shows in a footer is in the screen's footer at 80x24, whole (the
    meeting's f5, f8, f6 and esc were left out there, to be found only in f1)."""
    _expected, steps = SCREENS[name]
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_all(pilot)
        await steps(pilot)
        await settle_all(pilot)
        screen = app.screen
        footer = words_of(footer_text(app))
        tabs = {t.active for t in screen.query(TabbedContent)}
        section = keymap.KEYMAP[screen.KEY_SECTION]  # type: ignore[attr-defined]
        for key in section.keys:
            if key.show and key.bound and (key.tab is None or key.tab[0] in tabs):
                assert (key.group or key.label) in footer, (key.label, footer)
        assert "f6 History" in footer
