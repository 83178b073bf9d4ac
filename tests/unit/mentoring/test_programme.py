"""A scheme's programme: meeting N's themes and brief, and where a relationship is in it."""

from __future__ import annotations

import re

import pytest

from mentorjournal.errors import InvalidEntry
from mentorjournal.mentoring import programme as programmes
from mentorjournal.mentoring.programme import Programme, ProgrammeMeeting

TITLES = {"belonging": "Belonging", "purpose": "Purpose", "ground-rules": "Ground rules"}
ROWS = [
    {"meeting": 1, "themes": ["purpose", "ground-rules"], "title": "Getting started"},
    {"meeting": 3, "themes": ["belonging"], "brief": "  Who feels at home here?  "},
    {"meeting": 8, "themes": []},
]


def test_a_programme_from_its_rows_and_back() -> None:
    found = programmes.programme_from("Scheme", ROWS)
    assert found.total == 8
    assert found.meeting(3) == ProgrammeMeeting(3, ("belonging",), "Who feels at home here?")
    assert found.meeting(2) is None
    again = programmes.from_plain(programmes.to_plain(found))
    assert again == found


@pytest.mark.parametrize(
    ("held", "words"),
    [
        (0, "meeting 1 of 8: Getting started"),
        (2, "meeting 3 of 8: Belonging"),
        (1, "meeting 2 of 8"),  # the programme says nothing of meeting 2
        (8, "all 8 meetings of “Scheme” held"),
    ],
)
def test_where_a_relationship_is_in_its_programme(held: int, words: str) -> None:
    found = programmes.programme_from("Scheme", ROWS)
    assert programmes.where_words(found, held, TITLES) == words


@pytest.mark.parametrize(
    ("rows", "sentence"),
    [
        ([], "has no meetings"),
        ([{"meeting": 0, "themes": []}], "a number from 1 to 200"),
        ([{"meeting": True, "themes": []}], "a number from 1 to 200"),
        ([{"meeting": "1", "themes": []}], "a number from 1 to 200"),
        ([{"meeting": 2, "themes": []}, {"meeting": 2, "themes": []}], "meeting 2 twice"),
        ([{"meeting": 1, "themes": "belonging"}], 'needs themes = ["key", …]'),
        ([{"meeting": 1, "themes": [""]}], 'needs themes = ["key", …]'),
        ([{"meeting": 1, "themes": [], "brief": 3}], "must be text in quotes"),
        (["meeting 1"], "is not a table"),
    ],
)
def test_a_broken_programme_is_one_sentence(rows: object, sentence: str) -> None:
    with pytest.raises(InvalidEntry, match=re.escape(sentence)):
        programmes.programme_from("Scheme", rows)


def test_every_theme_must_be_known() -> None:
    found = programmes.programme_from("Scheme", [{"meeting": 4, "themes": ["belongin"]}])
    with pytest.raises(InvalidEntry) as caught:
        programmes.check_themes(found, TITLES)
    assert str(caught.value) == (
        "Meeting 4 of the programme names the theme 'belongin', which is neither a theme of "
        "the pack nor a built-in one."
    )
    programmes.check_themes(found, [*TITLES, "belongin"])


def test_keys_renamed_when_a_packs_theme_joins_one_already_there() -> None:
    found = Programme("S", (ProgrammeMeeting(1, ("mine", "belonging")),))
    renamed = found.with_keys({"mine": "own-theme-7"})
    assert renamed.meeting(1) == ProgrammeMeeting(1, ("own-theme-7", "belonging"))


def test_a_stored_programme_this_version_cannot_read_is_none() -> None:
    assert programmes.from_plain(None) is None
    assert programmes.from_plain({"name": "S", "meetings": [{"meeting": -1}]}) is None
