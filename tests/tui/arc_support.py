"""Keys a person presses through the arc of a relationship, shared by the arc's tests: a
reflection written stage by stage, another model chosen in the editor, a meeting held."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Select

from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.screens.reflection import ReflectionScreen
from mentorjournal.tui.widgets.choice_dialog import ChoiceDialog
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard
from tests.tui.clock_support import Clock
from tests.tui.snapshot_support import settle_all

MODEL_ORDER = ("gibbs", "driscoll", "kolb")  # as the editor's model list offers them


async def write_stages(pilot: Pilot[Any], *texts: str) -> None:
    """Type each stage's words, f4 between them (the editor has the focus in a stage)."""
    for n, text in enumerate(texts):
        if n:
            await pilot.press("f4")
        await pilot.press(*text)


async def choose_model(pilot: Pilot[Any], model: str) -> None:
    """From a stage's text: back to the model list (shift+tab twice), open it, choose, and f3
    back into the first stage."""
    screen = pilot.app.screen
    assert isinstance(screen, ReflectionScreen)
    await pilot.press("shift+tab", "shift+tab")
    chooser = screen.query_one("#reflection-model", Select)
    assert screen.focused is chooser
    downs = MODEL_ORDER.index(model) - MODEL_ORDER.index(str(chooser.value))
    await pilot.press("enter", *["down"] * downs, "enter")
    await settle_all(pilot)
    await pilot.press("f3")
    await settle_all(pilot)
    assert screen.editor.model.key == model


async def hold_meeting(pilot: Pilot[Any], clock: Clock, minutes: int = 50) -> MeetingScreen:
    """From the relationship's page on the meeting's day: m, the ground rules agreed, and
    ``minutes`` later ctrl+t, End meeting — then the reflection offered is taken."""
    await pilot.press("m")
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, GroundRulesCard)
    await pilot.press("enter")
    await settle_all(pilot)
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    clock.advance(minutes=minutes)
    await pilot.press("ctrl+t")
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, ChoiceDialog)
    await pilot.press("enter")  # End meeting
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, ChoiceDialog)  # Reflect now?
    await pilot.press("enter")
    await settle_all(pilot)
    assert isinstance(pilot.app.screen, ReflectionScreen)
    return meeting
