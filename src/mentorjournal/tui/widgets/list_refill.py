"""Replacing every item of a ListView and highlighting one of the new items.

``ListView.clear()`` only schedules the old items' removal: they stay in the list's nodes until the
next idle moment. Setting ``index`` before they are gone would highlight an old item that is about
to vanish, and none of the new ones would show as highlighted. ``refill`` waits for the old items
to go and the new ones to mount, and lets one refill of a list finish before the next begins.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from textual.widgets import ListItem, ListView

_turns: WeakKeyDictionary[ListView, asyncio.Lock] = WeakKeyDictionary()


async def refill(view: ListView, items: Iterable[ListItem], index: int | None = 0) -> int:
    """Show ``items`` in ``view`` in place of what it held, highlighting the item at ``index``
    (the last one if there are fewer; none if ``index`` is None). Returns how many it shows."""
    new = list(items)
    turn = _turns.setdefault(view, asyncio.Lock())
    async with turn:
        await view.clear()
        if new:
            await view.extend(new)
        if new and index is not None:
            view.index = min(index, len(new) - 1)
    return len(new)
