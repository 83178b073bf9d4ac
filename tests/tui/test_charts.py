"""The well-being charts use the fixed 1–5 scale and say which meeting each column is
(issue 12, point 13; the widget's text, as insight and support draw it)."""

from __future__ import annotations

from datetime import date

from mentorjournal.mentoring.insight import WellbeingPoint
from mentorjournal.tui.widgets import charts


def lines(text) -> list[str]:
    return text.plain.splitlines()


def test_a_score_has_one_height_whatever_the_other_scores() -> None:
    assert charts.score_line([3, 3, 3]).plain.startswith("▄▄▄")
    assert charts.score_line([3, 5]).plain.startswith("▄█")
    assert charts.score_line([1, 3]).plain.startswith("▁▄")
    assert "1 low ▁ … █ 5 good" in charts.score_line([4]).plain


def test_each_column_is_headed_by_its_day_and_month() -> None:
    # A meeting on 10 Nov with both scores; a check-in given on 3 Dec before a meeting on 12 Jan
    # (a point of its own, under December); the after of that meeting, under January.
    points = [
        WellbeingPoint("a", date(2026, 11, 10), 3, 4),
        WellbeingPoint("b", date(2026, 12, 3), 3, None),
        WellbeingPoint("b", date(2027, 1, 12), None, 5),
    ]
    before, after, change, days, months = lines(charts.wellbeing_strip(points))
    assert before == "Before  ▄   ▄   ·   "
    assert after == "After   ▆   ·   █   "
    assert change.rstrip() == "Change  +1"
    assert days.rstrip() == "Day     10  3   12"
    assert months.rstrip() == "        Nov Dec Jan"
