"""Prompt packs: TOML written exactly, read with clear errors, imported once; and the CLI."""

from __future__ import annotations

import os
import stat
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentorjournal.domain import OwnPrompt
from mentorjournal.exchange.prompt_packs import (
    PackError,
    export_pack,
    pack_themes,
    pack_to_own_prompts,
    parse_pack,
    read_pack,
    toml_string,
)
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring.prompts import (
    Prompt,
    Theme,
    builtin_themes,
    merge_themes,
    theme_by_key,
)
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.cli_runner import ENV, PASS, Cli, assert_one_error_line

TRICKY = (
    'She said "no" — twice',
    "C:\\Users\\amara\\notes\\n is not a newline",
    "line one\nline two\r\nline three\n",
    "tab\there, bell \x07, escape \x1b, delete \x7f, nul-free",
    "Ünïcödé: 日本語, עברית, emoji 🧭✊🏾, zero-width \u200d joiner",
    "'''triple''' and \"\"\"triple\"\"\" and # not a comment = not a key",
    "  leading and trailing spaces  ",
)


def handbook_rows() -> list[OwnPrompt]:
    """An own theme with two prompts, and an own prompt in a built-in theme (in this order:
    each is stamped a second after the one before, as if typed one by one)."""
    rows = [
        OwnPrompt(theme="own-belonging-at-work", theme_title="Belonging at work"),
        OwnPrompt(theme="own-belonging-at-work", text="When did you last feel you belonged?"),
        OwnPrompt(theme="own-belonging-at-work", text="Who made that possible?"),
        OwnPrompt(theme="belonging", text="What would help a newcomer belong sooner?"),
    ]
    for n, row in enumerate(rows):
        row.created_at = datetime(2026, 11, 1, 9, 0, n, tzinfo=UTC)
    return rows


def own_view(rows: list[OwnPrompt]) -> dict[str, tuple[str, list[str]]]:
    """Theme key → (title, own prompt texts), as the meeting screen would show them."""
    return {
        t.key: (t.title, [p.text for p in t.prompts if p.own])
        for t in merge_themes(rows)
        if t.own or any(p.own for p in t.prompts)
    }


def test_round_trip_export_parse_own_prompts() -> None:
    rows = handbook_rows()
    themes = pack_themes(merge_themes(rows))
    assert [t.key for t in themes] == ["belonging", "own-belonging-at-work"]
    assert all(len(t.prompts) == n for t, n in zip(themes, (1, 2), strict=True))
    text = export_pack(themes, "Handbook 2026")
    pack = parse_pack(text)
    assert pack.name == "Handbook 2026" and pack.prompt_count == 3
    imported = pack_to_own_prompts(pack, [])
    assert own_view(imported) == own_view(rows)
    assert [r.theme_title for r in imported if not r.text] == ["Belonging at work"]


def test_tricky_strings_round_trip_exactly() -> None:
    prompts = tuple(Prompt(f"k-{n}", "tricky", t) for n, t in enumerate(TRICKY))
    theme = Theme("tricky", TRICKY[0], TRICKY[2], prompts)
    text = export_pack([theme], TRICKY[4])
    data = tomllib.loads(text)
    assert [p["text"] for p in data["theme"][0]["prompts"]] == list(TRICKY)
    pack = parse_pack(text)
    assert pack.name == TRICKY[4]
    assert [p.text for p in pack.themes[0].prompts] == list(TRICKY)
    assert pack.themes[0].title == TRICKY[0]
    for value in TRICKY:
        assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value
    assert "\n" not in toml_string(TRICKY[2])  # every value stays on its line


def test_importing_the_same_pack_twice_adds_nothing() -> None:
    pack = parse_pack(export_pack(pack_themes(merge_themes(handbook_rows())), "H"))
    first = pack_to_own_prompts(pack, [])
    assert len(first) == 4
    assert pack_to_own_prompts(pack, first) == []
    # A prompt the person already has (same theme, same words) is not added either.
    mine = [OwnPrompt(theme="belonging", text="What would help a newcomer belong sooner?")]
    assert [r.text for r in pack_to_own_prompts(pack, mine) if r.theme == "belonging"] == []


def test_imported_prompts_keep_the_packs_order(journal: Journal, journal_path: Path) -> None:
    texts = [f"Question {n}?" for n in range(12)]
    theme = Theme(
        "own-h", "Handbook", "", tuple(Prompt(f"q{n}", "own-h", t) for n, t in enumerate(texts))
    )
    journal.save_many(pack_to_own_prompts(parse_pack(export_pack([theme], "H")), []))
    again = Journal.open(journal_path, PASS)
    try:
        merged = theme_by_key(merge_themes(again.own_prompts()), "own-h")
    finally:
        again.close()
    assert merged is not None and [p.text for p in merged.prompts] == texts


def test_all_themes_pack_adds_no_copy_of_a_builtin_prompt() -> None:
    everything = pack_themes(merge_themes(handbook_rows()), everything=True)
    assert len(everything) == len(builtin_themes()) + 1
    pack = parse_pack(export_pack(everything, "All"))
    added = pack_to_own_prompts(pack, [])
    assert sorted(r.text for r in added if r.text) == sorted(
        r.text for r in handbook_rows() if r.text
    )


def test_a_pack_theme_joins_an_existing_theme_of_the_same_title() -> None:
    theirs = Theme("own-belonging", "BELONGING AT WORK", "", (Prompt("p1", "x", "New question?"),))
    pack = parse_pack(export_pack([theirs], "H"))
    rows = handbook_rows()
    added = pack_to_own_prompts(pack, rows)
    assert [(r.theme, r.text, r.theme_title) for r in added] == [
        ("own-belonging-at-work", "New question?", "")
    ]
    merged = theme_by_key(merge_themes(rows + added), "own-belonging-at-work")
    assert merged is not None and "New question?" in [p.text for p in merged.prompts]


GOOD = 'format = "mentorjournal-prompts"\nversion = 1\nname = "H"\n'
THEME = '[[theme]]\nkey = "t"\ntitle = "T"\nprompts = [{ key = "p", text = "Q?" }]\n'


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("format = ", "not valid TOML"),
        ('format = "mentorjournal"\nversion = 1\n' + THEME, "not a MentorJournal prompt pack"),
        ('format = "mentorjournal-prompts"\nname = "H"\n' + THEME, "does not say its version"),
        (GOOD.replace("version = 1", "version = 3") + THEME, "version 3; this MentorJournal"),
        (GOOD.replace("version = 1", "version = true") + THEME, "version True"),
        (GOOD.replace('name = "H"', 'name = " "') + THEME, "the pack's name is empty"),
        (GOOD, "has no themes"),
        (GOOD + THEME.replace('title = "T"', 'title = ""'), "theme 't''s title is empty"),
        (GOOD + THEME.replace('text = "Q?"', 'text = "  "'), "text of prompt 1 of theme 't'"),
        (GOOD + THEME.replace('key = "p"', 'key = "t"'), "the key 't' is used twice"),
        (GOOD + THEME + THEME.replace('key = "t"', 'key = "u"'), "the key 'p' is used twice"),
        (GOOD + THEME.replace('{ key = "p", text = "Q?" }', '"Q?"'), "list of { key"),
        (GOOD + THEME.replace('text = "Q?"', "text = 3"), "must be text in quotes"),
    ],
)
def test_broken_packs_give_one_clear_sentence(text: str, sentence: str) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(text)
    message = str(caught.value)
    assert sentence in message
    assert "\n" not in message and message.endswith((".", ")."))


def test_reading_a_file_that_is_not_a_pack(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="cannot be read"):
        read_pack(tmp_path / "missing.toml")
    (tmp_path / "latin1.toml").write_bytes(b'name = "caf\xe9"')
    with pytest.raises(PackError, match="not UTF-8"):
        read_pack(tmp_path / "latin1.toml")
    (tmp_path / "ok.toml").write_text(GOOD + THEME, encoding="utf-8")
    assert read_pack(tmp_path / "ok.toml").themes[0].prompts[0].text == "Q?"


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path: Path) -> Cli:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTORJOURNAL_JOURNAL", str(tmp_path / "j.db"))
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASS)
    journal, _key = Journal.create(tmp_path / "j.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    journal.close()
    return Cli(capsys, monkeypatch)


def stored_rows(path: Path) -> list[OwnPrompt]:
    journal = Journal.open(path, PASS)
    try:
        return journal.own_prompts()
    finally:
        journal.close()


def test_cli_export_then_import_into_another_journal(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("prompts-export")
    assert_one_error_line(code, out, err, "no prompts or themes of your own")
    journal = Journal.open(tmp_path / "j.db", PASS)
    journal.save_many(handbook_rows())
    journal.close()

    code, out, err = cli("prompts-export", "--name", "Handbook")
    assert (code, err) == (0, "")
    assert parse_pack(out).name == "Handbook" and parse_pack(out).prompt_count == 3
    pack_file = tmp_path / "pack.toml"
    code, out, err = cli("prompts-export", "-o", str(pack_file))
    assert (code, out) == (0, "")
    assert err == f"Exported 2 themes and 3 prompts to {pack_file} (not encrypted).\n"
    assert stat.S_IMODE(os.stat(pack_file).st_mode) == 0o600
    code, out, _ = cli("prompts-export", "--all")
    assert code == 0 and len(parse_pack(out).themes) == len(builtin_themes()) + 1

    other = tmp_path / "other.db"
    Journal.create(other, PASS, kdf=FAST_KDF_FOR_TESTS)[0].close()
    code, out, err = cli("--journal", str(other), "prompts-import", str(pack_file))
    assert (code, err) == (0, "")
    assert out == "Imported 1 theme and 3 prompts from “MentorJournal prompts”.\n"
    assert own_view(stored_rows(other)) == own_view(handbook_rows())
    code, out, err = cli("--journal", str(other), "prompts-import", str(pack_file))
    assert (code, err) == (0, "")
    assert out.startswith("Nothing new: every theme and prompt")
    assert len(stored_rows(other)) == 4


def test_cli_import_of_a_broken_pack_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(GOOD + THEME + THEME, encoding="utf-8")  # duplicate keys
    code, out, err = cli("prompts-import", str(broken))
    assert_one_error_line(code, out, err, "the key 't' is used twice")
    code, out, err = cli("prompts-import", str(tmp_path / "absent.toml"))
    assert_one_error_line(code, out, err, "cannot be read")
    assert stored_rows(tmp_path / "j.db") == []
