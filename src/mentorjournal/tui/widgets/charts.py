"""Small charts drawn as Rich text, readable at 80 columns and without colour: a timeline of
months, a stacked bar per row, and before/after scores per meeting.

Each mark has its own shape (colour only adds to it), so the charts read the same under NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from mentorjournal.mentoring.insight import MonthCell, QuarterOutcomes, WellbeingPoint

MONTH_MARKS: dict[str, tuple[str, str]] = {
    "held": ("●", "green"),
    "partly": ("◐", "yellow"),
    "missed": ("○", "red"),
    "planned": ("◌", "cyan"),
    "cancelled": ("×", "dim"),
    "none": ("·", "dim"),
}
MONTH_WORDS = {
    "held": "held",
    "partly": "some missed",
    "missed": "missed",
    "planned": "planned",
    "cancelled": "cancelled",
    "none": "none due",
}
BAR_MARKS: tuple[tuple[str, str, str], ...] = (
    ("forwards", "█", "green"),
    ("backwards", "▒", "red"),
    ("sideways", "░", "yellow"),
)
SCORE_MARKS = {1: "▁", 2: "▃", 3: "▄", 4: "▆", 5: "█"}
SCORE_STYLES = {1: "red", 2: "dark_orange", 3: "yellow", 4: "green", 5: "bright_green"}
LABEL = 8  # width of the row labels
COLUMN = 4  # width of one meeting in the well-being chart


def month_timeline(months: Sequence[MonthCell]) -> Text:
    """One line per year, one mark per month under the month's initial."""
    text = Text(" " * LABEL + "  ".join("JFMAMJJASOND") + "\n", style="dim")
    by_year: dict[int, dict[int, MonthCell]] = {}
    for cell in months:
        by_year.setdefault(cell.year, {})[cell.month] = cell
    for year, cells in by_year.items():
        text.append(f"{year:<{LABEL}}")
        for month in range(1, 13):
            found = cells.get(month)
            mark, style = MONTH_MARKS[found.state] if found else (" ", "")
            text.append(mark, style=style)
            text.append("  " if month < 12 else "\n")
    return text


def month_legend() -> Text:
    text = Text()
    for n, (state, (mark, style)) in enumerate(MONTH_MARKS.items()):
        text.append("   " if n else "")
        text.append(mark, style=style)
        text.append(f" {MONTH_WORDS[state]}")
    return text


def bar_legend() -> Text:
    text = Text(" " * LABEL)
    for name, mark, style in BAR_MARKS:
        text.append(mark * 2, style=style)
        text.append(f" {name}   ")
    return text


def quarter_bars(quarters: Sequence[QuarterOutcomes], width: int = 24) -> Text:
    """A stacked bar per quarter (forwards, backwards, sideways) and the counts in words."""
    text = Text()
    most = max((q.total for q in quarters), default=0)
    scale = min(1.0, width / most) if most else 1.0
    for q in quarters:
        text.append(f"{q.label:<{LABEL}}")
        drawn = 0
        for name, mark, style in BAR_MARKS:
            n = getattr(q, name)
            cells = max(1, round(n * scale)) if n else 0
            text.append(mark * cells, style=style)
            drawn += cells
        text.append(" " * (width - drawn + 2))
        counts = " · ".join(f"{n} {name}" for name, _, _ in BAR_MARKS if (n := getattr(q, name)))
        text.append(counts or "none", style="" if counts else "dim")
        text.append("\n")
    text.rstrip()
    return text


def _score_cell(score: int | None) -> Text:
    if score is None:
        return Text("·".ljust(COLUMN), style="dim")
    return Text(SCORE_MARKS[score].ljust(COLUMN), style=SCORE_STYLES[score])


def _change_cell(change: int | None) -> Text:
    if change is None:
        return Text("".ljust(COLUMN))
    word = f"{change:+d}" if change else "0"
    style = "green" if change > 0 else "red" if change < 0 else ""
    return Text(word.replace("-", "−").ljust(COLUMN), style=style)


def wellbeing_strip(points: Sequence[WellbeingPoint], columns: int = 16) -> Text:
    """Before and after scores (1 ▁ … 5 █, the same marks whatever the other scores) for the
    last ``columns`` points, the change under them, then each point's day and its month (shown
    where it changes): a meeting's scores stand under its day, a check-in given far from its
    meeting (on 3 Dec, before a meeting on 12 Jan) under its own, so under December."""
    shown = list(points)[-columns:]
    text = Text()
    rows = (("Before", lambda p: _score_cell(p.before)), ("After", lambda p: _score_cell(p.after)))
    for label, cell in rows:
        text.append(f"{label:<{LABEL}}")
        for p in shown:
            text.append_text(cell(p))
        text.append("\n")
    text.append(f"{'Change':<{LABEL}}")
    for p in shown:
        text.append_text(_change_cell(p.change))
    text.append(f"\n{'Day':<{LABEL}}", style="dim")
    for p in shown:
        text.append(str(p.day.day).ljust(COLUMN), style="dim")
    text.append("\n" + " " * LABEL)
    last = ""
    for p in shown:
        month = f"{p.day:%b}"
        text.append((month if month != last else "").ljust(COLUMN), style="dim")
        last = month
    return text


def score_line(scores: Sequence[int]) -> Text:
    """Check-in scores in the order given, each by its own mark on the fixed 1–5 scale (a 3 is
    always half height, even when every score is 3), then the scale itself."""
    text = Text()
    for score in scores:
        if score in SCORE_MARKS:
            text.append(SCORE_MARKS[score], style=SCORE_STYLES[score])
    text.append("   1 low ▁ … █ 5 good", style="dim")
    return text
