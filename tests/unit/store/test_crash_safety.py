"""An unexpected error in the app: one calm sentence, exit status 1, and nothing decrypted printed
or written anywhere.

Textual's own crash report prints a traceback with the local variables of every frame — which
may hold decrypted words. The app runs here in a real subprocess, started exactly as the
``mentorjournal`` command starts it (``cli.main`` → ``run_app`` → ``App.run``), only headless and
with an auto-pilot that types the passphrase, waits until an entry holding a marker is on the
screen, and then makes something inside the app fail while a local variable holds the decrypted
marker. A control run with Textual's default handler shows that the harness would see a leak.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.crash import CRASH_MESSAGE

ROOT = Path(__file__).resolve().parents[3]
PASS = "orchid tramline velvet quarry"
MARKER = "ZQXCRASHMARKER"  # no spaces: one run of text on screen and in any file

DRIVER = r"""
import asyncio, os, sys
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from mentorjournal import cli
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from mentorjournal.tui.app import MentorJournalApp

path, passphrase, where, handler, marker, headless = sys.argv[1:7]


def secret_words(app):
    # Decrypted text in local variables, as in any real handler that meets a bug.
    rel = app.journal.relationships()[0]
    title, purpose = rel.title, rel.purpose
    notes = {"title": title, "purpose": purpose}
    return title, notes


def boom(app):
    title, notes = secret_words(app)
    if where == "message":
        raise ValueError(f"could not handle {title!r}")
    raise RuntimeError()


class Exploding(Screen):
    def compose(self):
        title, notes = secret_words(self.app)
        raise RuntimeError()
        yield


async def until(pilot, test, what):
    for _ in range(600):
        if test():
            return
        await pilot.pause(0.05)
    print(f"timed out waiting for {what}", flush=True)
    pilot.app.exit(3)


async def auto_pilot(pilot):
    app = pilot.app
    try:
        await until(pilot, lambda: app.screen.query("#passphrase"), "the unlock screen")
        await pilot.press(*passphrase, "enter")
        await until(pilot, lambda: marker in app.export_screenshot(), "the entry on screen")
        print("shown", flush=True)
        if os.environ.get("MJ_PROGRESS"):
            Path(os.environ["MJ_PROGRESS"]).write_text("shown")
        if where in ("action", "message"):
            MentorJournalApp.action_help = lambda self: boom(self)
            await pilot.press("f1")
        elif where == "timer":
            app.set_timer(0.05, lambda: boom(app))
        elif where == "worker":
            app.screen.run_journal(lambda: boom(app))
        elif where == "compose":
            app.push_screen(Exploding())
        elif where == "twice":  # two failures at once: still one sentence
            app.set_timer(0.05, lambda: boom(app))
            app.set_timer(0.05, lambda: boom(app))
            app.screen.run_journal(lambda: boom(app))
        elif where == "panic":  # Textual's own panic (e.g. its input thread failed)
            from rich.traceback import Traceback

            def fail_with_a_report():
                title, notes = secret_words(app)
                try:
                    raise RuntimeError(title)
                except RuntimeError:
                    app.panic(Traceback(show_locals=True), title)

            app.call_later(fail_with_a_report)
        for _ in range(400):  # the app ends now; Textual awaits this pilot before exiting
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
    except Exception:  # the app is closing under the pilot: not the app's output
        pass


if handler == "textual":  # control: Textual's own crash report
    MentorJournalApp._handle_exception = App._handle_exception
    MentorJournalApp._fatal_error = App._fatal_error

run = MentorJournalApp.run
MentorJournalApp.run = lambda self, **kw: run(
    self, headless=headless == "headless", size=(100, 30), auto_pilot=auto_pilot
)
raise SystemExit(cli.main(["--journal", path], kdf=FAST_KDF_FOR_TESTS))
"""


def every_file(*folders: Path) -> dict[Path, bytes]:
    out = {}
    for folder in folders:
        for p in folder.rglob("*"):
            if p.is_file() and not p.is_symlink():
                out[p] = p.read_bytes()
    return out


def holds_marker(data: bytes) -> bool:
    return any(MARKER.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be"))


@pytest.fixture
def crash_env(tmp_path: Path):
    """A journal with the marker in an entry; a private HOME and TMPDIR to search afterwards."""
    folder = tmp_path / "journal"
    path = folder / "journal.db"
    journal, _ = Journal.create(path, PASS, kdf=FAST_KDF_FOR_TESTS)
    journal.save(
        Relationship(title=f"Mentoring {MARKER}", partner="Amara", purpose=f"purpose {MARKER}")
    )
    journal.close()
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MENTORJOURNAL_", "TEXTUAL", "XDG_")) and k != "PYTHONPATH"
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        HOME=str(home),
        TMPDIR=str(scratch),
        TEMP=str(scratch),
        TMP=str(scratch),
        SQLITE_TMPDIR=str(scratch),
        TERM="xterm-256color",
        COLUMNS="100",
    )
    return path, driver, env, (folder, home, scratch)


def run_driver(crash_env, where: str, handler: str = "ours") -> subprocess.CompletedProcess[str]:
    path, driver, env, _folders = crash_env
    return subprocess.run(
        [sys.executable, str(driver), str(path), PASS, where, handler, MARKER, "headless"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=90,
    )


@pytest.mark.parametrize(
    "where", ["action", "message", "timer", "worker", "compose", "twice", "panic"]
)
def test_a_crash_shows_one_calm_sentence_and_leaks_nothing(crash_env, where: str) -> None:
    path, _driver, _env, folders = crash_env
    home = folders[1]
    before = every_file(*folders)
    done = run_driver(crash_env, where)
    output = done.stdout + done.stderr

    assert done.stdout.startswith("shown\n"), output  # the entry really was on screen
    assert done.returncode == 1, output
    assert CRASH_MESSAGE in " ".join(done.stderr.split()), output
    assert MARKER not in output
    for leak in ("Traceback", "Error", "locals", "secret_words", "notes", "NOTE", "errors"):
        assert leak not in output, (leak, output)
    # The calm sentence is all there is (Rich may wrap it over lines).
    assert " ".join(done.stderr.split()) == CRASH_MESSAGE, output

    after = every_file(*folders)
    new_or_changed = [p for p, data in after.items() if before.get(p) != data]
    assert all(not holds_marker(after[p]) for p in after), [
        p for p in after if holds_marker(after[p])
    ]
    # Only the journal itself may have changed (nothing was saved here, so not even that),
    # and the journal's newest change counter, remembered in the state folder (a number and
    # its MAC, under a name that is a keyed hash).
    seen = home / ".local" / "state" / "mentorjournal" / "seen"
    assert [
        p
        for p in new_or_changed
        if p != path and not (p.parent == seen and re.fullmatch(rb"\d+ [0-9a-f]{64}\n", after[p]))
    ] == []
    # And the journal still opens with everything in it.
    journal = Journal.open(path, PASS)
    try:
        assert [r.title for r in journal.relationships()] == [f"Mentoring {MARKER}"]
    finally:
        journal.close()


def test_control_textual_default_report_would_show_the_words(crash_env) -> None:
    """Proof the harness can see a leak: Textual's own handler prints the locals."""
    done = run_driver(crash_env, "action", handler="textual")
    assert done.stdout.startswith("shown\n"), done.stdout + done.stderr
    assert done.returncode == 1
    assert MARKER in done.stderr
    assert "Traceback" in done.stderr


# --- a real terminal: after the crash the screen and its scrollback keep only the sentence ------


def test_in_a_real_terminal_only_the_sentence_remains(crash_env, tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    path, driver, env, folders = crash_env
    before = every_file(*folders)
    status = tmp_path / "status"
    socket = tmp_path / "tmux.sock"
    session = f"mj-{uuid.uuid4().hex[:8]}"
    base = ["tmux", "-S", str(socket)]
    command = (
        f"'{sys.executable}' '{driver}' '{path}' '{PASS}' action ours {MARKER} terminal;"
        f" echo $? > '{status}'; sleep 30"
    )
    progress = tmp_path / "progress"
    env_args = [f"{k}={v}" for k, v in env.items() if k in ("PYTHONPATH", "HOME", "TMPDIR")]
    env_args.append(f"MJ_PROGRESS={progress}")
    subprocess.run(
        [*base, "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
         "env", "TERM=xterm-256color", *env_args, "sh", "-c", command],
        check=True,
        cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.exists(), "the app did not end"
        time.sleep(0.3)
        history = subprocess.run(
            [*base, "capture-pane", "-p", "-J", "-S", "-", "-t", session],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        subprocess.run([*base, "kill-server"], capture_output=True)
    assert progress.read_text() == "shown"
    assert status.read_text().strip() == "1"
    assert CRASH_MESSAGE in " ".join(history.split())
    assert MARKER not in history
    assert "Traceback" not in history
    after = every_file(*folders)
    assert not [p for p in after if holds_marker(after[p])]
    assert [p for p in after if before.get(p) != after[p] and p != path] == []


# --- the command line: an unexpected error is one calm line too ------------------------------


@pytest.mark.parametrize("command", [["export"], ["search", "Mentoring"], ["import", "FILE"]])
def test_the_command_line_never_prints_a_traceback(
    crash_env, capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: list[str]
) -> None:
    from mentorjournal import cli
    from mentorjournal.cli.entry import UNEXPECTED
    from mentorjournal.exchange import interchange
    from mentorjournal.journal import search

    path = crash_env[0]

    def boom(*_args: object, **_kwargs: object) -> object:
        journal = Journal.open(path, PASS)
        secret = journal.relationships()[0].title
        journal.close()
        raise RuntimeError(f"cannot handle {secret}")

    for module, name in [(interchange, "export_json"), (search, "search"),
                         (interchange, "import_text")]:  # fmt: skip
        monkeypatch.setattr(module, name, boom)
    data = tmp_path / "in.json"
    data.write_text('{"format": "mentorjournal", "version": 1}', encoding="utf-8")
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASS)
    argv = ["--journal", str(path), *[str(data) if a == "FILE" else a for a in command]]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == f"mentorjournal: {UNEXPECTED}\n"
    assert MARKER not in err and "Traceback" not in err
