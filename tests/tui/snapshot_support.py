"""Helpers for whole-app tests and screenshots that must come out the same on every machine.

- ``pinned_timezone``: the local time zone is part of what a screen shows (meetings are at 10:00
  *local*), so tests that draw dates fix it;
- ``settle_all``: wait until no worker is running, no animation is scheduled or running, and the
  screen has repainted, however many rounds of "a worker's result starts another worker" that takes;
- ``unlock_at_once``: unlock by setting the passphrase field (no 29 key presses per snapshot);
- ``palette``: run a command from the command palette (ctrl+p, its name typed, enter);
- ``still_cursors``: text cursors that do not blink, so a screenshot never catches one half-way.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from tests.tui.conftest import PASSPHRASE, workers_done

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
        await workers_done(app)
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


async def palette(pilot: Pilot[object], command: str) -> None:
    """ctrl+p, the command's name typed, enter."""
    await pilot.press("ctrl+p")
    await settle_all(pilot)
    await pilot.press(*command)
    # The palette searches as it is typed: wait until the command is the one highlighted.
    for _ in range(200):
        await settle_all(pilot)
        options = pilot.app.screen.query(OptionList)
        highlighted = [
            o.get_option_at_index(o.highlighted).prompt
            for o in options
            if o.highlighted is not None and o.option_count
        ]
        if any(command in str(getattr(p, "plain", p)) for p in highlighted):
            break
    else:
        raise AssertionError(f"the palette never offered {command!r}")
    await pilot.press("enter")
    await settle_all(pilot)
