"""``export --format html`` and the story's choices (issue 15, point 3): the whole journal or one
relationship, a period (``--from``/``--to``), Markdown or printable HTML; the contract's
usage errors (exit 2) for what does not go together."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli_runner import Cli, assert_one_error_line, fill_journal, start_cli
from tests.unit.exchange.markdown_render import read_page


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    for name in ("LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    return start_cli(capsys, monkeypatch, tmp_path)


@pytest.fixture
def filled(tmp_path: Path, make_sample):
    return fill_journal(tmp_path, make_sample)[0]


def test_the_whole_journal_as_a_printable_page(run: Cli, filled, tmp_path: Path) -> None:
    target = tmp_path / "journal.html"
    code, out, err = run("export", "--format", "html", "-o", str(target))
    assert (code, out) == (0, "")
    assert "not encrypted" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>MentorJournal</title>" in page
    assert "size: A4;" in page and "counter(page)" in page
    read = read_page(page)
    assert [t for h, t in read.headings if h == "h1"] == [
        "Board mentoring",
        "Reverse mentoring with Amara",
    ]
    assert ("h3", "2026-02-10 10:00 — held, 60 min") in read.headings
    assert "We talked about promotion panels." in read.blocks


def test_one_relationship_in_a_period(run: Cli, filled) -> None:
    code, out, _ = run(
        "export",
        "--format",
        "html",
        "--relationship",
        "reverse MENTORING with amara",
        "--from",
        "2026-02-11",
        "--to",
        "2026-03-31",
    )
    assert code == 0
    read = read_page(out)
    assert "<title>Reverse mentoring with Amara</title>" in out
    assert [t for h, t in read.headings if h == "h1"] == ["Reverse mentoring with Amara"]
    assert "Entries from 2026-02-11 to 2026-03-31." in read.blocks
    headings = [t for _, t in read.headings]
    assert "2026-03-10 10:00 — planned, 60 min" in headings  # in the period
    assert "2026-02-10 10:00 — held, 60 min" not in headings  # the day before it
    assert "Reflections (Gibbs)" not in headings  # the only one was written on 10 Feb
    shown = "\n".join(read.blocks)
    assert "Ask HR for panel data — owner: me — due 2026-02-28" in shown  # due in it
    assert "Read the inclusion report" not in shown  # reviewed on 10 Feb


def test_markdown_takes_the_same_choices(run: Cli, filled) -> None:
    choices = ["--relationship", filled.other_rel.id, "--to", "2020-01-01"]
    code, out, _ = run("export", "--format", "markdown", *choices)
    assert code == 0
    assert out.startswith("# Board mentoring\n\nEntries up to 2020-01-01.\n")
    assert "Amara" not in out and "## Meetings" not in out


def test_letter_paper_in_the_us(run: Cli, filled, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    code, out, _ = run("export", "--format", "html")
    assert code == 0 and "size: letter;" in out and "size: A4" not in out


def test_an_unknown_relationship_is_one_line(run: Cli, filled) -> None:
    code, out, err = run("export", "--format", "html", "--relationship", "Nobody")
    assert_one_error_line(code, out, err, "No relationship is called “Nobody”.")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--relationship", "Board mentoring"], "go with --format markdown or html"),
        (["--format", "json", "--from", "2026-01-01"], "go with --format markdown or html"),
        (["--format", "html", "--from", "2026-02-01", "--to", "2026-01-31"], "is after --to"),
        (["--format", "html", "--from", "1 March"], "give a day as YYYY-MM-DD"),
        (["--format", "html", "--to", "2026-02-30"], "give a day as YYYY-MM-DD"),
        (["--format", "html", "--to", "20260201"], "give a day as YYYY-MM-DD"),
    ],
)
def test_choices_that_do_not_go_together_are_usage_errors(
    run: Cli, argv: list[str], says: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run("export", *argv)
    assert stopped.value.code == 2
    err = run.capsys.readouterr().err
    assert "usage: mentorjournal export" in err and says in err
