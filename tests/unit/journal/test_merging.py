"""Three-way merges of one field (journal/merging.py): nothing either side wrote is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.domain import ActionStatus
from mentorjournal.journal.merging import (
    OTHER_WINDOW,
    Merged,
    merge_keys,
    merge_text,
    merge_value,
)


def test_changes_to_different_lines_are_both_kept() -> None:
    base = "Panel data\nAsk Amara\nPipeline"
    mine = "Panel data first\nAsk Amara\nPipeline"
    theirs = "Panel data\nAsk Amara\nPipeline and promotions"
    assert merge_text(base, mine, theirs) == (
        "Panel data first\nAsk Amara\nPipeline and promotions",
        False,
    )


def test_neighbouring_lines_and_lines_added_around_are_both_kept() -> None:
    assert merge_text("a\nb", "A\nb", "a\nB") == ("A\nB", False)
    # The other window added lines before and after a line this one changed.
    theirs = f"From B\n\n{OTHER_WINDOW}\nold"
    assert merge_text("old", "old, and more", theirs) == (
        f"From B\n\n{OTHER_WINDOW}\nold, and more",
        False,
    )


def test_the_same_lines_changed_on_both_sides_keep_the_other_under_a_marker() -> None:
    text, marked = merge_text("Agenda", "Agenda: pay gap", "Agenda: panels")
    assert marked
    assert text == f"Agenda: pay gap\n\n{OTHER_WINDOW}\nAgenda: panels"
    # Both wrote at the end of the same text.
    text, marked = merge_text("Notes", "Notes\nfrom A", "Notes\nfrom B")
    assert (text, marked) == (f"Notes\nfrom A\n\n{OTHER_WINDOW}\nfrom B", True)


def test_only_emptied_lines_are_not_kept_twice() -> None:
    assert merge_text("x\ny", "x\nY", "x\n") == ("x\nY", False)


def test_lists_take_both_sides_additions_and_removals() -> None:
    assert merge_keys(["a", "b"], ["a", "c"], ["a", "b", "d"]) == ["a", "c", "d"]
    assert merge_keys(["a", "b"], ["a", "b", "c"], ["b"]) == ["b", "c"]


def test_a_choice_takes_this_screens_value_and_says_so() -> None:
    assert merge_value(3, 4, 2) == Merged(4, replaced=True)
    assert merge_value(3, 4, 3) == Merged(4)
    assert merge_value(3, 3, 2) == Merged(2)
    status = merge_value(ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.DROPPED)
    assert (status.value, status.replaced) == (ActionStatus.DONE, True)


lines = st.lists(st.sampled_from(["a", "b", "c", "dd", ""]), max_size=6).map("\n".join)


@given(lines, lines, lines)
def test_every_line_either_side_wrote_is_in_the_merge(base: str, mine: str, theirs: str) -> None:
    text, _marked = merge_text(base, mine, theirs)
    kept = text.split("\n")
    for side in (mine, theirs):
        added = [ln for ln in side.split("\n") if ln.strip() and ln not in base.split("\n")]
        for line in added:
            assert line in kept  # (an emptied line is no text to keep)
    assert merge_text(base, mine, base) == (mine, False)
    assert merge_text(base, base, theirs) == (theirs, False)
