"""The footer of the main screens: the keys that work now, most important first.

Like Textual's ``Footer`` (compact), and besides:
- ``rows=2`` lets the keys wrap onto a second line when one is too short (the relationship page
  at 80 columns); a key that fits on no row is left out whole, never cut in the middle, and
  the keys of everywhere (f1 Help, ^q Quit) always have their room: a screen's own key is left
  out before them (f1 lists every key);
- a key of one tab (the key map's ``tab``) is shown only while that tab is;
- keys of one group ("f3 f4 Prev/next prompt") are shown together with the group's words;
- the command palette key is shown at the right when there is room left for it (f1 lists it).
"""

from __future__ import annotations

from itertools import groupby

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.widgets import Footer, TabbedContent
from textual.widgets._footer import FooterKey

from mentorjournal.tui import keymap

PALETTE_EXTRA = 2  # the palette key's border on its left and the gap before it
# Each key is made compact (as this footer always is) from the start, not bound to the footer's
# ``compact`` (Textual's ``data_bind``): the class given by the binding once mounted restyled
# every key each time the keys were laid out, and the binding kept every key ever made alive
# (the footer's watcher list only lets go when ``compact`` changes, which it never does).
COMPACT = "-compact"


def size_of(item: FooterKey) -> int:
    """Columns an item takes, with the gap after it."""
    return len(item.key_display) + 1 + len(item.description) + 1


class KeyFooter(Footer):
    """The screen's keys on at most ``rows`` lines."""

    DEFAULT_CSS = """
    KeyFooter { layout: vertical; height: auto; max-height: 2; }
    KeyFooter > .key-row { height: 1; width: 100%; }
    """

    def __init__(self, *, rows: int = 1, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)
        self.rows = rows
        self.laid_out_for = 0  # the width the keys were arranged for

    def on_mount(self) -> None:
        self.call_after_refresh(self.follow_tabs)

    def follow_tabs(self) -> None:
        for tabs in self.screen.query(TabbedContent):
            self.watch(tabs, "active", self.tab_changed, init=False)

    def tab_changed(self) -> None:
        if self.is_attached:
            self.call_after_refresh(self.recompose)

    def on_resize(self, event: events.Resize) -> None:
        if self.laid_out_for and event.size.width != self.laid_out_for:
            self.call_after_refresh(self.recompose)

    def shown_here(self, binding: Binding) -> bool:
        """False for a key of a tab that is not the one shown."""
        key = keymap.BY_ID.get(binding.id or "")
        if key is None or key.tab is None:
            return True
        return any(tabs.active == key.tab[0] for tabs in self.screen.query(TabbedContent))

    def keys(self) -> list[tuple[FooterKey, bool]]:
        """One item per action (its first key in the key map that works now), in the key map's
        order (the app's keys last), a group's keys as one item; each with True for the app's."""
        app = self.app
        active = [
            (node is app, keymap.ORDER.get((binding.id or "", binding.key), -1), binding, on, tip)
            for node, binding, on, tip in self.screen.active_bindings.values()
            if binding.show and self.shown_here(binding)
        ]
        shown: dict[str, tuple[Binding, bool, bool]] = {}
        for of_app, _order, binding, enabled, _tip in sorted(active, key=lambda a: a[:2]):
            shown.setdefault(binding.action, (binding, enabled, of_app))
        items: list[tuple[FooterKey, bool]] = []
        for group, members in groupby(shown.values(), lambda m: m[0].group):
            together = list(members)
            if group is None:
                for binding, enabled, of_app in together:
                    display, label = app.get_key_display(binding), binding.description
                    items.append((self.item(binding, display, label, enabled), of_app))
                continue
            first, enabled, of_app = together[0]
            display = " ".join(app.get_key_display(b) for b, _e, _a in together)
            items.append((self.item(first, display, group.description, enabled), of_app))
        return items

    def item(self, binding: Binding, display: str, label: str, enabled: bool) -> FooterKey:
        return FooterKey(
            binding.key, display, label, binding.action, disabled=not enabled, classes=COMPACT
        )

    def compose(self) -> ComposeResult:
        width = self.size.width or self.app.size.width
        self.laid_out_for = width
        keys = self.keys()
        everywhere = [item for item, of_app in keys if of_app]
        reserve = sum(size_of(item) for item in everywhere)  # kept on the last row

        def fits(used: int, size: int) -> bool:
            room = width + 1 - (reserve if len(rows) == self.rows else 0)
            return used + size <= room  # (+ 1: the last item needs no gap after it)

        rows: list[list[FooterKey]] = [[]]
        used = 0
        for item in (item for item, of_app in keys if not of_app):
            size = size_of(item)
            if not fits(used, size):
                if len(rows) == self.rows:
                    continue  # on no row: left out (help lists it)
                rows.append([])
                used = 0
                if not fits(used, size):
                    continue
            rows[-1].append(item)
            used += size
        if used + reserve > width + 1 and len(rows) < self.rows:
            rows.append([])
            used = 0
        rows[-1].extend(everywhere)
        used += reserve
        palette = self.palette_key()
        if palette is not None:
            size = len(palette.key_display) + 1 + len(palette.description) + PALETTE_EXTRA
            if used + size <= width:
                rows[-1].append(palette)
        for row in rows:
            with HorizontalGroup(classes="key-row"):
                yield from row

    def palette_key(self) -> FooterKey | None:
        app = self.app
        if not (self.show_command_palette and app.ENABLE_COMMAND_PALETTE):
            return None
        active = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if active is None:
            return None
        binding = active.binding
        key = FooterKey(
            binding.key,
            app.get_key_display(binding),
            binding.description,
            binding.action,
            classes=f"-command-palette {COMPACT}",
            disabled=not active.enabled,
        )
        return key
