"""A table of ten years of rows paints first and fills as it is come near: the first rows at once,
the first thousand after the paint, the rest as the cursor or the scrolling reaches them (ctrl+end
goes to the real last row); rows the same as those shown are not drawn again; and each row is as
tall as its longest cell wraps to, as DataTable itself would make it."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from mentorjournal.tui.widgets.fitted_table import (
    FIRST_ROWS,
    UNASKED_ROWS,
    Column,
    FittedTable,
    cell_text,
)
from tests.tui.conftest import settle
from tests.tui.screen_text import until

COLUMNS = (Column("Written", 15), Column("Stages left empty", least=17))
MANY = UNASKED_ROWS + 2000


def rows(count: int, note: str = "none") -> list[tuple[str, tuple[object, ...]]]:
    return [(f"r{n}", (f"day {n}", note)) for n in range(count)]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS, id="table", cursor_type="row")

    @property
    def table(self) -> FittedTable:
        return self.query_one(FittedTable)


async def test_a_long_table_fills_as_it_is_come_near() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        app.table.show(rows(MANY))
        assert FIRST_ROWS <= app.table.row_count < MANY  # at once: the first rows
        await settle(pilot)
        await until(
            pilot, lambda: app.table.row_count == UNASKED_ROWS, "the first thousand, unasked"
        )
        await pilot.pause(0.2)
        assert app.table.row_count == UNASKED_ROWS  # and no more until they are come near
        app.table.focus()
        app.table.move_cursor(row=UNASKED_ROWS - 5)  # the cursor near the last row added
        await settle(pilot)
        assert app.table.row_count > UNASKED_ROWS
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert app.table.row_count == MANY
        assert app.table.cursor_row == MANY - 1  # the real last row, not the last added
        assert app.table.current_key() == f"r{MANY - 1}"


async def test_moving_to_a_row_still_to_come_adds_it() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        app.table.show(rows(MANY))
        app.table.move_to(MANY - 2)
        assert app.table.current_key() == f"r{MANY - 2}"
        await settle(pilot)


async def test_the_same_rows_are_not_drawn_again() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        app.table.show(rows(30))
        await settle(pilot)
        app.table.move_cursor(row=12)
        drawn = app.table._drawing
        app.table.show(rows(30))  # the page shown again, nothing changed
        assert app.table._drawing == drawn
        assert app.table.cursor_row == 12
        app.table.show(rows(30, note="description"))  # one column changed: drawn again
        assert app.table._drawing == drawn + 1
        assert app.table.cursor_row == 12


class TwoTablesApp(App[None]):
    """The fitted table beside a plain DataTable given the same cells, its rows sized by
    DataTable itself (``height=None``, as the fitted table's rows were made before)."""

    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS, id="fitted", cursor_type="row")
        yield DataTable(id="plain")


async def test_rows_are_as_tall_as_datatable_makes_them() -> None:
    long = "evaluation, analysis, conclusion, action plan, description, feelings"
    styled = Text("bold words that wrap onto a second line at least", style="bold")
    shown = [
        ("a", ("Tue 10 Nov 2026", "none")),
        ("b", ("day", long)),
        ("c", (styled, "x")),
        ("d", ("two\nlines", "")),
        ("e", ("", "a—dash and émigré wide ｗｉｄｅ characters " * 2)),
    ]
    app = TwoTablesApp()
    async with app.run_test(size=(60, 30)) as pilot:
        fitted = app.query_one(FittedTable)
        fitted.show(shown)
        plain = app.query_one("#plain", DataTable)
        for i, width in fitted.drawn_for:
            plain.add_column(COLUMNS[i].label, width=width)
        for key, cells in shown:
            plain.add_row(*(cell_text(c) for c in cells), key=key, height=None)
        await settle(pilot)
        assert [r.height for r in fitted.ordered_rows] == [r.height for r in plain.ordered_rows]
        assert max(r.height for r in fitted.ordered_rows) > 1
