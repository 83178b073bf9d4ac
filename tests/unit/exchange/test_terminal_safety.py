"""Control characters a person typed or imported never reach the terminal or a document raw
(search output, Markdown, error sentences); TEXTUAL_LOG stops the TUI; the demo's folder goes
on SIGTERM and SIGHUP too."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.domain import Meeting, Reflection, Relationship
from mentorjournal.exchange import share
from mentorjournal.exchange.markdown_export import export_markdown
from mentorjournal.exchange.visible import escape_controls
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.cli_runner import PASS, assert_one_error_line, fake_tui, start_cli

ROOT = Path(__file__).resolve().parents[3]
# OSC title change + BEL, a C0 clear screen, an 8-bit CSI (C1), DEL and a carriage return.
NASTY = "zebra \x1b]0;owned\x07 \x1b[2J \x9b31m \x7f back\rover"
RAW = ("\x1b", "\x07", "\x9b", "\x7f", "\r")
AT = datetime(2026, 2, 10, 10, 0, tzinfo=UTC)


def nasty_journal(tmp_path: Path) -> Path:
    path = tmp_path / "j.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    rel = Relationship(title=f"Title {NASTY}")
    meeting = Meeting(relationship_id=rel.id, starts_at=AT, notes=NASTY)
    reflection = Reflection(relationship_id=rel.id, written_at=AT, feelings=f"a\tb\n{NASTY}")
    journal.save_many([rel, meeting, reflection])
    journal.close()
    return path


def test_escape_controls_keeps_only_what_is_asked() -> None:
    assert escape_controls("a\x1bb\x9bc\x00d\te\nf") == "a\\x1bb\\x9bc\\x00d\\x09e\\x0af"
    assert escape_controls("a\tb\nc\x85", keep="\n\t") == "a\tb\nc\\x85"
    assert escape_controls("café ✓ “quotes”") == "café ✓ “quotes”"


def test_search_output_shows_controls_escaped(tmp_path: Path, capsys, monkeypatch) -> None:
    nasty_journal(tmp_path)
    run = start_cli(capsys, monkeypatch, tmp_path)
    code, out, err = run("search", "zebra")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 3 for line in lines)
    assert not any(ch in out for ch in RAW)
    assert "\\x1b]0;owned\\x07" in out and "\\x9b31m" in out
    code, out, err = run("search", "no such \x1b[2J words")
    assert code == 0 and "\x1b" not in err and "\\x1b[2J" in err


def test_markdown_export_escapes_controls_but_keeps_lines_and_tabs(tmp_path: Path) -> None:
    journal = Journal.open(nasty_journal(tmp_path), PASS)
    try:
        text = export_markdown(journal)
    finally:
        journal.close()
    assert not any(ch in text for ch in RAW)
    assert "a\tb" in text and "\n" in text
    # Rendered, the reader sees each control as its escape (the Markdown escapes the escape).
    shown = rendered_text(text)
    assert "\\x1b[2J" in shown and "\\x9b31m" in shown and "\\x7f" in shown
    assert "\\x1b]0;owned\\x07" in shown


def test_shared_markdown_escapes_controls() -> None:
    items = [share.ShareItem("title", "about", "Title", NASTY)]
    text = share.render_markdown(NASTY, items, ["title"])
    assert not any(ch in text for ch in RAW)
    assert "\\x1b]0;owned" in rendered_text(text)


def rendered_text(markdown: str) -> str:
    """What a reader of the rendered Markdown sees: its HTML's text, entities read."""
    import html
    import re

    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]*>", "", page))


def test_an_error_sentence_quoting_a_name_shows_controls_escaped(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    nasty_journal(tmp_path)
    run = start_cli(capsys, monkeypatch, tmp_path)
    code, out, err = run("import", str(tmp_path / "gone\x1b]0;owned\x07.json"))
    assert_one_error_line(code, out, err, "gone\\x1b]0;owned\\x07.json")
    assert "\x1b" not in err and "\x07" not in err


def test_textual_log_stops_the_tui_but_not_the_demo(tmp_path: Path, capsys, monkeypatch) -> None:
    started = fake_tui(monkeypatch)
    nasty_journal(tmp_path)
    monkeypatch.setenv("TEXTUAL_LOG", str(tmp_path / "keys.log"))
    code, out, err = start_cli(capsys, monkeypatch, tmp_path)()
    assert_one_error_line(code, out, err, "TEXTUAL_LOG is set")
    assert started == [] and not (tmp_path / "keys.log").exists()
    assert cli.main(["demo"]) == 0 and len(started) == 1
    monkeypatch.setenv("TEXTUAL_LOG", "")
    assert cli.main(["--journal", str(tmp_path / "j.db")]) == 0 and len(started) == 2


DEMO_UNTIL_SIGNALLED = r"""
import sys, time, types
fake = types.ModuleType("mentorjournal.tui.app")
def run_app(path, **kw):
    print("folder", path.parent, flush=True)
    time.sleep(60)
    return 0
fake.run_app = run_app
sys.modules["mentorjournal.tui.app"] = fake
from mentorjournal.cli.demo import run_demo
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf
permit_test_kdf(FAST_KDF_FOR_TESTS)
raise SystemExit(run_demo(kdf=FAST_KDF_FOR_TESTS))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_the_demo_folder_is_removed_on_a_signal(signum: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", DEMO_UNTIL_SIGNALLED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    lines = [proc.stdout.readline(), proc.stdout.readline()]
    folder = Path(lines[1].split(" ", 1)[1].strip())
    assert (folder / "demo-journal.db").exists()
    started = time.monotonic()
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum, err
    assert time.monotonic() - started < 10
    assert not folder.exists()


def test_json_export_has_no_raw_controls_and_reads_back_the_same(tmp_path: Path) -> None:
    from mentorjournal.exchange import interchange

    journal = Journal.open(nasty_journal(tmp_path), PASS)
    try:
        text = interchange.export_json(journal)
    finally:
        journal.close()
    assert not any(ch in text for ch in RAW)
    assert "\\u009b31m" in text and "\\u007f" in text
    titles = [r["title"] for r in json.loads(text)["relationships"]]
    assert titles == [f"Title {NASTY}"]
