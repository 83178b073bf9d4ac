"""Helpers for whole-app tests and screenshots that must come out the same on every machine.

- ``pinned_timezone``: the local time zone is part of what a screen shows (meetings are at 10:00
  *local*), so tests that draw dates fix it;
- ``settle_all``: wait until no worker is running, no animation is scheduled or running, and the
  screen has repainted, however many rounds of "a worker's result starts another worker" that takes;
- ``unlock_at_once``: unlock by setting the passphrase field (no 29 key presses per snapshot);
- ``still_cursors``: text cursors that do not blink, so a screenshot never catches one half-way.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.tui.conftest import PASSPHRASE

TIMEZONE = "UTC"


async def settle_all(pilot: Pilot[object], rounds: int = 6) -> None:
    """Let every worker finish (and any worker their results start), and every animation (a
    scroll, scheduled or running) end, then repaint."""
    app = pilot.app
    app.animation_level = "none"  # a scroll jumps to its end (it may still be scheduled)
    for _ in range(rounds):
        await pilot.pause()
        if all(w.is_finished for w in app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def unlock_at_once(pilot: Pilot[object], passphrase: str = PASSPHRASE) -> None:
    """The unlock screen with the passphrase filled in and enter pressed."""
    pilot.app.screen.query_one("#passphrase", Input).value = passphrase
    await pilot.press("enter")
    await settle_all(pilot)


async def still_cursors(pilot: Pilot[object]) -> None:
    """Stop the text cursors of the screen on top from blinking (and show them steadily)."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()
