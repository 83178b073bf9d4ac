"""Keys are handled one after another, in the order they were typed, however fast they come.

Textual routes each key to the widget focused *when the app takes the key from its queue*. The
key's effect comes later: the widget handles it in its own queue, and a key no widget takes (enter
in an input, f5, tab…) travels back to the app, which only then runs its binding. In a burst the
app has by then routed the next keys, to the widget that was focused before: "passphrase, enter,
passphrase" typed both into the first field, "f5 then typing" typed into the notes.

``KeyOrder`` makes the app finish one key's whole trip before it routes the next: it waits until the
widgets on the way (the focused widget up to its screen) have handled it, and when the key has come
back to the app it runs the key's binding at once (so the focus it moves is where the next key
goes). A trip is waited for however slow the machine is (at most ``TRIP_PATIENCE`` seconds), but
not once a screen opens on top (a handler waiting on a dialog): then it is left to finish on its
own, and the keys after it go to the dialog. (Giving up after a moment, as this once did after
``PATIENCE``, let a key come back after the keys typed behind it had moved the focus, and run its
binding there: "home" for the themes list moved the cursor in the next field, "xyz" became "zxy".)

Keys typed as a screen opens wait for it too: until the screen on top is mounted (its focus set),
and until a screen that reads the journal first has shown what it read (``JournalMixin.opening``),
at most ``OPENING_PATIENCE`` seconds. A key with a priority binding (quit, lock) never waits.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from textual import events
from textual._dispatch_key import dispatch_key

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

PATIENCE = 0.5  # seconds a key's trip takes at most on a machine that is not busy
TRIP_PATIENCE = 5.0  # seconds to wait for one key's trip before routing the next anyway
OPENING_PATIENCE = 5.0  # seconds keys wait for a screen that is still opening


class KeyOrder:
    """The key on its trip and the widgets it travels through; one per app."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.key: events.Key | None = None
        self.path: list[DOMNode] = []
        self.done_early: list[events.Key] = []  # keys whose binding ran, still in the queue
        self.waiting_for: Screen[Any] | None = None  # the screen a key waits for, opening

    def routed(self, key: events.Key, target: DOMNode | None) -> None:
        """``key`` has been sent to ``target`` (None: a priority binding took it at once)."""
        self.key = key if target is not None else None
        self.path = path_to_screen(target) if target is not None else []

    async def finish_previous(self) -> None:
        """Before routing a key: let the key routed before it finish its trip."""
        key, path = self.key, self.path
        self.key, self.path = None, []
        if key is None or not self.app.screen_stack:  # (no screen: the app is closing)
            return
        if path and path[-1] is not self.app.screen and key not in queued(self.app):
            # It led to another screen (esc went back, enter opened one): its trip is over,
            # and waiting on the screen now covered would only wake it to lay itself out.
            return
        if not await settled(path):
            return
        if key not in queued(self.app):
            return  # a widget took it
        # It is back in the app's queue, behind the keys typed after it: run its binding now.
        self.done_early.append(key)
        app = self.app
        if not await app._check_bindings(key.key):
            await dispatch_key(app, key)
        focused = app.focused
        await settled(path_to_screen(focused if focused is not None else app.screen))

    async def wait_for_screen(self, key: events.Key) -> None:
        """Before routing ``key``: let the screen on top finish opening (see the module's note)."""
        app = self.app
        loop = asyncio.get_running_loop()
        deadline = loop.time() + OPENING_PATIENCE
        while app.screen_stack and loop.time() < deadline:
            screen = app.screen
            if has_priority_binding(screen, key.key):
                return
            opening = getattr(screen, "opening", None)
            awaited: asyncio.Event
            if not screen.is_mounted:
                awaited = screen._mounted_event
            elif isinstance(opening, asyncio.Event) and not opening.is_set():
                awaited = opening
            else:
                return
            # In short steps: the screen on top may change meanwhile (a dialog it opens).
            self.waiting_for = screen
            try:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(0.1):
                        await awaited.wait()
            finally:
                self.waiting_for = None

    def skip(self, key: events.Key) -> bool:
        """True for a key whose binding already ran (its copy in the queue is to be ignored)."""
        for index, done in enumerate(self.done_early):
            if done is key:
                del self.done_early[index]
                return True
        return False


def path_to_screen(node: DOMNode) -> list[DOMNode]:
    """``node`` and its ancestors up to and including its screen."""
    from textual.screen import Screen

    path = [node]
    while not isinstance(node, Screen) and node.parent is not None:
        node = node.parent
        path.append(node)
    return path


def has_priority_binding(screen: Screen[Any], key: str) -> bool:
    """True if a priority binding (one that works whatever has the focus) takes ``key``."""
    return any(
        binding.priority
        for _namespace, bindings in screen._binding_chain
        for binding in bindings.key_to_bindings.get(key, ())
    )


def queued(pump: DOMNode) -> list[object]:
    return list(pump._message_queue.values)


async def settled(path: list[DOMNode]) -> bool:
    """Wait until each node on ``path``, in order, has handled what is in its queue (a marker
    put at the end of its queue has come out). False when that was not waited for to the end: a
    screen opened on top meanwhile (a handler waits on it), or ``TRIP_PATIENCE`` passed."""
    if not path:
        return True
    app = path[0].app
    top = app.screen if app.screen_stack else None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TRIP_PATIENCE
    for node in path:
        reached = asyncio.Event()
        if not node.call_later(reached.set):
            continue
        while not reached.is_set():
            if loop.time() >= deadline or not app.screen_stack or app.screen is not top:
                return False
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(0.05):  # in short steps, to see a screen opening
                    await reached.wait()
    return True
