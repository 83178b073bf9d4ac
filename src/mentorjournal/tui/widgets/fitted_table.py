"""A table that fits its width: no column runs off the right edge, no cell ends in "…".

Columns of a fixed width keep it; the others share what is left, and a cell longer than its
column wraps onto more lines (its row grows). A column worth showing only on a wide table names
the width from which it appears. When the table's width changes, the rows are drawn again for
the new widths, with the cursor kept on the same row.

Fast with many rows: each row's height is worked out here (a cell that fits on one line needs
no wrapping; DataTable would render every cell of every row to find it); rows the same as those
shown are not drawn again; a table shows its first rows at once and adds more after each
refresh, so that the screen paints first; and of a very long table (ten years of daily
reflections) only the first thousand rows are added that way, the rest as the cursor or the
scrolling comes near them (or at once for ctrl+end).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.widget import Widget
from textual.widgets import DataTable

CELL_PADDING = 2  # one cell either side of each column (DataTable's cell_padding)
SCROLLBAR = 2  # kept free for the vertical scrollbar, shown or not (no redraw when it comes)
FIRST_ROWS = 100  # drawn at once; the rest follow after the screen has painted
MORE_ROWS = 300  # added after each refresh
UNASKED_ROWS = 1000  # added without being come near; more only as they are


@dataclass(frozen=True)
class Column:
    label: str
    width: int = 0  # cells; 0: a share of what the fixed columns leave
    share: int = 1
    least: int = 8  # a shared column is never narrower than this
    wide_from: int = 0  # shown only when the table is at least this wide


def column_widths(columns: Sequence[Column], width: int) -> list[tuple[int, int]]:
    """(index in ``columns``, width) of each column shown in a table ``width`` cells wide."""
    shown = [(i, c) for i, c in enumerate(columns) if width >= c.wide_from]
    fixed = sum(c.width for _, c in shown if c.width)
    left = width - SCROLLBAR - fixed - CELL_PADDING * len(shown)
    sharing = [c for _, c in shown if not c.width]
    shares = sum(c.share for c in sharing) or 1
    widths: list[tuple[int, int]] = []
    given = 0
    for i, c in shown:
        if c.width:
            widths.append((i, c.width))
            continue
        last = c is sharing[-1]
        w = left - given if last else left * c.share // shares
        w = max(c.least, w)
        given += w
        widths.append((i, w))
    return widths


def cell_text(cell: object) -> Text:
    """A cell as text that may wrap; a string is shown as written (never read as markup)."""
    text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
    text.no_wrap = False
    text.overflow = "fold"
    return text


def cell_height(console: Console, cell: object, width: int) -> int:
    """The lines ``cell`` takes in a column ``width`` cells wide (as DataTable would wrap it)."""
    plain = cell.plain if isinstance(cell, Text) else str(cell)
    if "\n" not in plain and "\t" not in plain and cell_len(plain) <= width:
        return 1
    return max(len(cell_text(cell).wrap(console, width)), 1)


class FittedTable(DataTable[Text]):
    """``show(rows)`` fills it: each row is a key and one cell per column (also for columns
    not shown at this width)."""

    def __init__(self, columns: Sequence[Column], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.spec = tuple(columns)
        self.rows_shown: list[tuple[str, Sequence[object]]] = []
        self.drawn_for: list[tuple[int, int]] = []
        self._drawing = 0  # how many times the table was drawn (rows added later check it)
        self._next = 0  # the first of the rows shown not yet added to the table
        self._adding = False

    def table_width(self) -> int:
        """The table's width, a vertical scrollbar's room included (``column_widths`` keeps it
        free, so a scrollbar coming or going does not change the columns)."""
        return self.size.width or self.app.size.width

    def show(self, rows: Iterable[tuple[str, Sequence[object]]], keep: str | None = None) -> None:
        """Show these rows; the cursor stays on the row of ``keep`` (default: the row it is on,
        else as far down as it was)."""
        rows = list(rows)
        plan = column_widths(self.spec, self.table_width())
        if rows == self.rows_shown and plan == self.drawn_for:
            if keep is not None and keep != self.current_key():
                keys = [key for key, _ in rows]
                if keep in keys:
                    self.move_to(keys.index(keep))
            return  # the same rows: nothing to draw
        self.rows_shown = rows
        self.draw(keep)

    def current_key(self) -> str | None:
        if not self.row_count or not 0 <= self.cursor_row < self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def draw(self, keep: str | None = None) -> None:
        keep = keep or self.current_key()
        was = self.cursor_row
        plan = column_widths(self.spec, self.table_width())
        self.drawn_for = plan
        self._drawing += 1  # rows still to add from an earlier draw are not added now
        self._next = len(self.rows_shown)  # (none added while the columns are made)
        self.clear(columns=True)
        for i, width in plan:
            self.add_column(self.spec[i].label, width=width, key=self.spec[i].label)
        self._next = 0
        keys = [key for key, _ in self.rows_shown]
        if not keys:
            return
        row = keys.index(keep) if keep in keys else min(max(was, 0), len(keys) - 1)
        # A table on a tab not shown gets its rows once the screen has painted.
        self._add_rows(max(FIRST_ROWS if self.showing() else 0, row + 1))
        self.move_cursor(row=row)
        if self._next < len(keys):
            self.call_after_refresh(self._add_more, self._drawing)

    def showing(self) -> bool:
        """Shown now: neither it nor any of its containers is hidden (a tab not chosen)."""
        return all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    def move_to(self, row: int) -> None:
        """The cursor to ``row`` (its row added first if it was still to come)."""
        self._add_rows(row + 1)
        self.move_cursor(row=row)

    def _add_rows(self, stop: int) -> None:
        """The rows shown, up to ``stop``, added to the table (those not added yet)."""
        console = self.app.console
        plan = self.drawn_for
        self._adding = True  # adding a row may move the cursor: no rows added from there
        try:
            while self._next < min(stop, len(self.rows_shown)):
                key, cells = self.rows_shown[self._next]
                self._next += 1
                shown = [(cells[i], width) for i, width in plan]
                tall = max(cell_height(console, cell, width) for cell, width in shown)
                self.add_row(*(cell_text(cell) for cell, _ in shown), key=key, height=tall)
        finally:
            self._adding = False

    def _add_more(self, drawing: int) -> None:
        """The next rows of a long table (unless it was drawn again meanwhile)."""
        if drawing != self._drawing or not self.is_attached:
            return
        self._add_rows(min(self._next + MORE_ROWS, max(UNASKED_ROWS, self._next)))
        if self._next < min(len(self.rows_shown), UNASKED_ROWS):
            self.call_after_refresh(self._add_more, drawing)

    def _come_near(self) -> None:
        """The cursor or the scrolling is near the last row added: add the next ones."""
        page = self.size.height
        if self._adding or self._next >= len(self.rows_shown) or not page:
            return  # adding rows already, all added, or not shown (no size)
        if self.cursor_row + page >= self._next or self.scroll_y + 2 * page >= self.max_scroll_y:
            self._add_rows(self._next + MORE_ROWS)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._come_near()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._come_near()

    def action_scroll_bottom(self) -> None:
        self._add_rows(len(self.rows_shown))  # the last row is the real last one
        super().action_scroll_bottom()

    def on_mount(self) -> None:
        self.draw()  # the column headings, before any row

    def on_resize(self, event: events.Resize) -> None:
        if column_widths(self.spec, self.table_width()) != self.drawn_for:
            self.draw()
