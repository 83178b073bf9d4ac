"""A prompt pack of version 2 carries a programme: read with clear sentences, version 1 still
read, written back the same (round trip), imported into the journal with its themes' keys, and
through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.domain import OwnPrompt
from mentorjournal.exchange import pack_import
from mentorjournal.exchange.prompt_packs import (
    PackError,
    export_pack,
    import_plan,
    parse_pack,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.programme import ProgrammeMeeting
from mentorjournal.mentoring.prompts import merge_themes
from tests.unit.cli_runner import PASS, Cli, assert_one_error_line
from tests.unit.exchange.test_prompt_packs import GOOD, THEME, cli  # noqa: F401  (a fixture)

V2 = GOOD.replace("version = 1", "version = 2")
PROGRAMME = (
    '[[programme]]\nmeeting = 1\nthemes = ["t", "purpose"]\nbrief = "Start \\"here\\"."\n'
    '[[programme]]\nmeeting = 2\ntitle = "Belonging"\nthemes = ["belonging"]\n'
)


def test_a_version_2_pack_with_a_programme() -> None:
    pack = parse_pack(V2 + THEME + PROGRAMME)
    assert pack.programme is not None and pack.programme.name == "H"
    assert pack.programme.meetings == (
        ProgrammeMeeting(1, ("t", "purpose"), 'Start "here".'),
        ProgrammeMeeting(2, ("belonging",), "", "Belonging"),
    )
    assert parse_pack(GOOD + THEME).programme is None  # version 1 is still read
    assert parse_pack(V2 + PROGRAMME.replace('"t", ', "")).themes == ()  # built-in themes only


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (GOOD + THEME + PROGRAMME, "The prompt pack has a programme, which needs version = 2."),
        (
            V2 + THEME + PROGRAMME.replace('"belonging"', '"belongin"'),
            "In the prompt pack: Meeting 2 of the programme names the theme 'belongin', which is "
            "neither a theme of the pack nor a built-in one.",
        ),
        (
            V2 + THEME + "[[programme]]\nmeeting = 1\nthemes = []\n" * 2,
            "In the prompt pack: The programme gives meeting 1 twice.",
        ),
        (V2 + "programme = 3\n" + THEME, "In the prompt pack: The programme has no meetings"),
    ],
)
def test_a_broken_programme_is_one_sentence(text: str, sentence: str) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(text)
    assert str(caught.value).startswith(sentence)


def test_the_example_pack_round_trips() -> None:
    pack = pack_import.example_pack()
    assert pack.programme is not None and pack.programme.total == 8
    keys = {k for m in pack.programme.meetings for k in m.themes}
    for topic in ("talking-about-race", "prioritising-anti-racism", "raising-awareness",
                  "organisational-culture", "recruitment-and-promotion", "race-equality-charter",
                  "belonging", "personal-tutoring"):  # fmt: skip
        assert topic in keys
    again = parse_pack(export_pack(pack.themes, pack.name, pack.programme))
    assert again == pack
    assert "version = 1" in export_pack(pack.themes, pack.name)  # no programme: older apps read it


def test_a_packs_theme_that_joins_one_already_there_keeps_the_programme_right() -> None:
    mine = OwnPrompt(theme="own-7", theme_title="Recruitment and promotion")
    rows, programme = import_plan(pack_import.example_pack(), [mine])
    assert programme is not None
    meeting = programme.meeting(5)
    assert meeting is not None and meeting.themes == ("organisational-culture", "own-7")
    assert not any(r.theme == "recruitment-and-promotion" for r in rows)


def test_export_with_the_programme_and_import_elsewhere(journal: Journal, tmp_path: Path) -> None:
    pack = pack_import.example_pack()
    pack_import.import_pack(journal, pack)
    out = pack_import.pack_of(journal, None, pack.name.upper())
    assert out.what == (
        "2 themes and 8 prompts, and the programme “Race equality reverse mentoring: eight "
        "meetings” (8 meetings)"
    )
    again = parse_pack(out.text)
    assert (again.name, again.programme) == (pack.name, pack.programme)
    assert [(t.title, [p.text for p in t.prompts]) for t in again.themes] == [
        (t.title, [p.text for p in t.prompts]) for t in pack.themes
    ]
    other, _key = Journal.create(tmp_path / "other.db", PASS, kdf=journal._kdf)
    try:
        news = pack_import.import_pack(other, parse_pack(out.text))
        added = "Imported 2 themes and 8 prompts, and its programme (8 meetings)"
        assert news == f"{added} from “{pack.name}”."
        assert other.programmes() == journal.programmes()
        titles = {t.title for t in merge_themes(other.own_prompts()) if t.own}
        assert titles == {"Recruitment and promotion", "Carrying the learning further"}
    finally:
        other.close()
    with pytest.raises(PackError, match="No programme is called “Other”; the journal has “Race"):
        pack_import.pack_of(journal, None, "Other")


def test_the_command_line_exports_and_imports_a_programme(
    cli: Cli,  # noqa: F811
    tmp_path: Path,
) -> None:
    example = tmp_path / "example.toml"
    example.write_text(export_pack(*_example()), encoding="utf-8")
    code, out, err = cli("prompts-import", str(example))
    assert (code, err) == (0, "")
    assert out.startswith("Imported 2 themes and 8 prompts, and its programme (8 meetings)")
    code, out, err = cli(
        "prompts-export", "--programme", "race equality reverse mentoring: eight meetings"
    )
    assert (code, err) == (0, "")
    assert parse_pack(out).programme == pack_import.example_pack().programme
    assert parse_pack(out).name == "Race equality reverse mentoring: eight meetings"
    code, out, err = cli("prompts-export", "--programme", "Nope")
    assert_one_error_line(code, out, err, "No programme is called “Nope”")


def _example() -> tuple:
    pack = pack_import.example_pack()
    return pack.themes, pack.name, pack.programme
