"""``import --from jrnl|dayone FILE [--relationship TITLE]`` (issue 15, point 4): a real jrnl
4.6 export and a Day One-shaped one come in, are found by ``search``, and a second import adds
nothing; a file of the wrong kind is one sentence and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import row_counts
from tests.unit.cli_runner import Cli, assert_one_error_line, fill_journal, start_cli
from tests.unit.exchange.test_importers import DAYONE, FOREIGN, dayone_zip

JRNL_FILE = FOREIGN / "jrnl-4.6-export.json"


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    return start_cli(capsys, monkeypatch, tmp_path)


@pytest.fixture
def filled(tmp_path: Path, make_sample):
    return fill_journal(tmp_path, make_sample)[0]


def test_a_jrnl_export_comes_in_once_and_is_found(run: Cli, filled) -> None:
    code, out, err = run("import", "--from", "jrnl", str(JRNL_FILE))
    assert (code, err) == (0, "")
    assert out == "Imported 6 reflections into “Imported from jrnl” (a new relationship).\n"
    code, out, _ = run("search", "who sits on them")
    assert out == (
        "2024-01-15\treflection\tImported from jrnl\t"
        "…ut promotion panels and who sits on them. @mentoring #panels\n"
    )
    code, out, err = run("import", "--from", "jrnl", str(JRNL_FILE))
    assert (code, out, err) == (0, "Imported nothing new; 6 already present.\n", "")
    assert len(run("search", "@mentoring")[1].splitlines()) == 4


def test_a_day_one_zip_comes_into_a_relationship_there_is(run: Cli, filled, tmp_path: Path) -> None:
    archive = tmp_path / "Export-All Entries.zip"
    archive.write_bytes(dayone_zip(("Journal.json", DAYONE)))
    code, out, err = run(
        "import", "--from", "dayone", str(archive), "--relationship", "board MENTORING"
    )
    assert (code, err) == (0, "")
    assert out == "Imported 3 reflections into “Board mentoring”; 1 with no words left out.\n"
    code, out, _ = run("search", "blunt")
    [line] = out.splitlines()
    # Dated where it was written: the evening of 3 November in New York.
    assert line.split("\t")[:3] == ["2024-11-03", "reflection", "Board mentoring"]
    exported = json.loads(run("export")[1])
    zones = {
        r["written_at"][-6:] for r in exported["reflections"] if "Sam asked" in r["description"]
    }
    assert zones == {"-05:00"}  # kept in New York time
    # Its Journal.json alone is the same entries: nothing new.
    (tmp_path / "Journal.json").write_bytes(DAYONE)
    code, out, _ = run(
        "import",
        "--from",
        "dayone",
        str(tmp_path / "Journal.json"),
        "--relationship",
        "Board mentoring",
    )
    assert out == "Imported nothing new; 3 already present, 1 with no words left out.\n"


@pytest.mark.parametrize(
    ("source", "content", "says"),
    [
        ("dayone", JRNL_FILE.read_bytes(), "looks like a jrnl export (use --from jrnl)"),
        ("jrnl", DAYONE, "looks like a Day One export (use --from dayone)"),
        ("jrnl", b"[2024-01-15 09:30] plain text", "not jrnl's JSON export (make one with: jrnl"),
        ("jrnl", b'{"format": "mentorjournal", "version": 1}', "mentorjournal import FILE"),
    ],
)
def test_a_file_of_the_wrong_kind_is_one_sentence(
    run: Cli, filled, tmp_path: Path, source: str, content: bytes, says: str
) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(content)
    before = row_counts(tmp_path / "j.db")
    code, out, err = run("import", "--from", source, str(path))
    assert_one_error_line(code, out, err, says)
    assert "Nothing was imported" in err
    assert row_counts(tmp_path / "j.db") == before


def test_without_from_a_jrnl_export_says_how(run: Cli, filled) -> None:
    code, out, err = run("import", str(JRNL_FILE))
    assert_one_error_line(code, out, err, "not a MentorJournal export; it looks like a jrnl")


def test_relationship_goes_with_from(run: Cli) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("import", str(JRNL_FILE), "--relationship", "X")
    assert stopped.value.code == 2
    assert "--relationship goes with --from" in run.capsys.readouterr().err
