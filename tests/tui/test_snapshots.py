"""Screenshots of every main screen at 80x24 and 120x40, over the demo journal.

What is on screen must not depend on the machine or the day: the clock is frozen (FROZEN_NOW),
the local time zone is pinned, the journal's path is relative (the tests run in their own
``tmp_path``), text cursors do not blink, and ids are never shown. The demo journal is filled once
per module and copied for each screenshot.

Update after a deliberate change of the look:
    PYTHONPATH=src:. pytest tests/tui/test_snapshots.py --snapshot-update
then look at the changed SVGs in tests/tui/__snapshots__/test_snapshots/.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ListView

from mentorjournal.cli.demo import fill_demo
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui import navigation
from mentorjournal.tui.app import MentorJournalApp
from mentorjournal.tui.screens.home import RelationshipItem
from tests.local_zone import pinned_timezone
from tests.tui.conftest import FROZEN_NOW, PASSPHRASE, frozen_clock, searched
from tests.tui.snapshot_support import (
    settle_all,
    still_cursors,
    unlock_at_once,
)

JOURNAL = Path("journal") / "journal.db"  # relative: the screens show it, so it must not vary
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
MAIN = "Reverse mentoring with Amara Okafor"  # the demo's reverse-mentoring relationship
MENTORING = "Mentoring Hannah Price"  # … the one I mentor (reflected on with Driscoll)
ENDED = "Reverse mentoring with Kwame Asante"  # … the one that has ended
SEARCH_WORD = "Dean"  # found in meetings, reflections and actions (all dated by the journal)

Steps = Callable[[Pilot[object]], Awaitable[None]]


@pytest.fixture(scope="module", autouse=True)
def utc_local_time() -> Iterator[None]:
    with pinned_timezone("UTC"):
        yield


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory, utc_local_time: None) -> Path:
    """The demo journal, filled once (fast key derivation) and copied by each test."""
    folder = tmp_path_factory.mktemp("demo") / JOURNAL.parent
    journal, _key = Journal.create(folder / JOURNAL.name, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    try:
        fill_demo(journal, FROZEN_NOW)
    finally:
        journal.close()
    return folder


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def demo_app(in_tmp: Path, demo_folder: Path) -> MentorJournalApp:
    shutil.copytree(demo_folder, in_tmp / JOURNAL.parent)
    app = MentorJournalApp(JOURNAL, kdf=FAST_KDF_FOR_TESTS, clock=frozen_clock)
    app.animation_level = "none"  # scrolls jump: a screenshot never catches one half-way
    return app


# --- getting to each screen, as a person would (keys), or by navigation where keys are long ---


async def nothing(pilot: Pilot[object]) -> None:
    return None


async def home(pilot: Pilot[object]) -> None:
    await unlock_at_once(pilot)


def keys(*pressed: str) -> Steps:
    """From home, press these keys."""

    async def steps(pilot: Pilot[object]) -> None:
        await home(pilot)
        await pilot.press(*pressed)
        await settle_all(pilot)

    return steps


async def relationship(pilot: Pilot[object]) -> None:
    """Home, the main relationship highlighted, enter."""
    await home(pilot)
    view = pilot.app.screen.query_one("#relationships", ListView)
    titles = [
        item.standing.relationship.title
        for item in view.children
        if isinstance(item, RelationshipItem)
    ]
    view.index = titles.index(MAIN)
    await pilot.press("enter")
    await settle_all(pilot)


def main_id(app: MentorJournalApp) -> str:
    return next(r.id for r in app.need_journal().relationships() if r.title == MAIN)


def opened(go: Callable[[MentorJournalApp, str], None], *pressed: str) -> Steps:
    """From home, a screen of the main relationship (as its page's key would open it)."""

    async def steps(pilot: Pilot[object]) -> None:
        await home(pilot)
        app: MentorJournalApp = pilot.app  # type: ignore[assignment]
        go(app, main_id(app))
        await settle_all(pilot)
        await pilot.press(*pressed)
        await settle_all(pilot)

    return steps


def titled(title: str, go: Callable[[MentorJournalApp, str], None]) -> Steps:
    """From home, a screen of the relationship called ``title``."""

    async def steps(pilot: Pilot[object]) -> None:
        await home(pilot)
        app: MentorJournalApp = pilot.app  # type: ignore[assignment]
        go(app, next(r.id for r in app.need_journal().relationships() if r.title == title))
        await settle_all(pilot)

    return steps


def latest_reflection(app: MentorJournalApp, rel_id: str) -> None:
    latest = app.need_journal().reflections(rel_id)[-1]
    navigation.open_reflection(app, rel_id, latest.id)


async def prepare(pilot: Pilot[object]) -> None:
    await opened(navigation.prepare)(pilot)
    # Opening may store the agenda again ~1.5 s later; store it now so "Saved." always shows.
    await pilot.app.screen.save_draft_now()  # type: ignore[attr-defined]
    await settle_all(pilot)


async def search(pilot: Pilot[object]) -> None:
    await keys("slash", *SEARCH_WORD)(pilot)
    await searched(pilot)
    await settle_all(pilot)


# name: (the class of the screen on top when the screenshot is taken, how to get there)
SCREENS: dict[str, tuple[str, Steps]] = {
    "unlock": ("UnlockScreen", nothing),
    "home": ("HomeScreen", home),
    "relationship": ("RelationshipScreen", relationship),
    "relationship_form": ("RelationshipForm", opened(navigation.edit_relationship)),
    "reflection": ("ReflectionScreen", opened(latest_reflection)),
    "actions": ("ActionsScreen", keys("a")),
    "action_form": ("ActionForm", keys("a", "enter")),
    "search": ("SearchScreen", search),
    "support": ("SupportScreen", keys("f2")),
    "support_wellbeing": ("SupportScreen", keys("f2", "3")),  # a check-in begun; the history
    "settings": ("SettingsScreen", keys("comma")),
    "help": ("HelpScreen", keys("f1")),
    "prepare": ("PrepareScreen", prepare),
    # On the demo's day the next meeting is a fortnight away: which meeting is this?
    "which_meeting": ("WhichMeetingDialog", opened(navigation.meet)),
    "ground_rules": ("GroundRulesCard", opened(navigation.meet, "enter")),
    "meeting": ("MeetingScreen", opened(navigation.meet, "enter", "enter")),
    "review": ("ReviewScreen", opened(navigation.review)),
    # The arc of a relationship (issue 18): the demo's ended one, and the others.
    "closing": ("ClosingScreen", titled(ENDED, navigation.closing)),
    "share_impact": (
        "SharePlanScreen",
        titled(ENDED, lambda a, r: navigation.share(a, r, "impact")),
    ),
    "arc_dialog": ("ArcDialog", opened(navigation.arc)),
    "end_dialog": ("EndDialog", opened(navigation.end_or_close)),
    "reflection_driscoll": ("ReflectionScreen", titled(MENTORING, latest_reflection)),
}


def shot(steps: Steps, seen: list[str]) -> Steps:
    """Get there, stop the cursors blinking, let everything settle; note the screen on top."""

    async def run_before(pilot: Pilot[object]) -> None:
        await settle_all(pilot)
        await steps(pilot)
        await still_cursors(pilot)
        await settle_all(pilot)
        seen.append(type(pilot.app.screen).__name__)

    return run_before


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("name", SCREENS)
def test_screen(name: str, size: tuple[int, int], demo_app: MentorJournalApp, snap_compare) -> None:
    expected, steps = SCREENS[name]
    seen: list[str] = []
    same = snap_compare(demo_app, terminal_size=size, run_before=shot(steps, seen))
    assert seen == [expected], "the steps did not lead to the screen meant"
    assert same


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_first_run(size: tuple[int, int], in_tmp: Path, snap_compare) -> None:
    app = MentorJournalApp(JOURNAL, kdf=FAST_KDF_FOR_TESTS, clock=frozen_clock)
    seen: list[str] = []
    same = snap_compare(app, terminal_size=size, run_before=shot(nothing, seen))
    assert seen == ["FirstRunScreen"]
    assert same
    assert not (in_tmp / JOURNAL).exists()
