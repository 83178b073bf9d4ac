"""What a person sees: the text of the screen on top, as drawn (not as composed).

A widget can hold text that is hidden, scrolled away or cut off; asserting on ``render()`` of a
widget cannot tell. These helpers read the lines the compositor paints.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget


def screen_text(app: App[object]) -> str:
    """Every line of the screen on top as a person sees it, joined with newlines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def region_text(app: App[object], region: Region) -> str:
    """The lines of the screen within ``region`` (e.g. a widget's, or one column of a table),
    as painted: whatever covers it is what is read."""
    lines = screen_text(app).splitlines()
    return "\n".join(line[region.x : region.right] for line in lines[region.y : region.bottom])


def words(text: str) -> str:
    """``text`` with every run of spaces and line breaks made one space: wrapped text read as
    one line."""
    return " ".join(text.split())


def footer_text(app: App[object]) -> str:
    """The footer of the screen on top as painted: its line, or lines when it wraps."""
    from textual.widgets import Footer

    region = app.screen.query_one(Footer).region
    return "\n".join(screen_text(app).splitlines()[region.y : region.bottom])


async def until(
    pilot: Pilot[object], check: Callable[[], object], what: str, tries: int = 500
) -> None:
    """Wait (at most ``tries`` short pauses) for ``check()`` to be true; fail naming ``what``."""
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}\n--- screen ---\n{screen_text(pilot.app)}")


async def until_shown(pilot: Pilot[object], text: str, tries: int = 500) -> str:
    """Wait until ``text`` is painted on the screen; returns the screen's text."""
    await until(pilot, lambda: text in screen_text(pilot.app), f"{text!r} on screen", tries)
    return screen_text(pilot.app)


def burst(pilot: Pilot[object], *keys: str) -> None:
    """Send ``keys`` all at once, as a terminal delivers a fast burst (``pilot.press`` waits for
    the app to be idle after each key, which hides what a burst can lose)."""
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        char = key if len(key) == 1 else {"space": " ", "enter": "\r"}.get(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


def text_in(app: App[object], widget: Widget) -> str:
    """The lines painted inside ``widget``'s region of the screen (what a person sees of it,
    scrolled as it is), joined with newlines."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    lines = strips[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text.rstrip() for strip in lines)
