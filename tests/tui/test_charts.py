"""The well-being charts use the fixed 1–5 scale and say which meeting each column is
(issue 12, point 13; the widget's text, as insight and support draw it)."""

from __future__ import annotations

from datetime import UTC, datetime

from mentorjournal.mentoring.insight import WellbeingPoint
from mentorjournal.tui.widgets import charts
from tests.local_zone import pinned_timezone


def lines(text) -> list[str]:
    return text.plain.splitlines()


def test_a_score_has_one_height_whatever_the_other_scores() -> None:
    assert charts.score_line([3, 3, 3]).plain.startswith("▄▄▄")
    assert charts.score_line([3, 5]).plain.startswith("▄█")
    assert charts.score_line([1, 3]).plain.startswith("▁▄")
    assert "1 low ▁ … █ 5 good" in charts.score_line([4]).plain


def test_each_column_is_headed_by_its_meetings_day_and_month() -> None:
    points = [
        WellbeingPoint("a", datetime(2026, 11, 10, 10, tzinfo=UTC), 3, 4),
        WellbeingPoint("b", datetime(2027, 1, 12, 10, tzinfo=UTC), 3, None),  # asked on 3 Dec
    ]
    with pinned_timezone("UTC"):
        before, after, change, days, months = lines(charts.wellbeing_strip(points))
    assert before == "Before  ▄   ▄   "
    assert after == "After   ▆   ·   "
    assert change.rstrip() == "Change  +1"
    assert days.rstrip() == "Meeting 10  12"
    assert months.rstrip() == "        Nov Jan"
