"""Killing the app mid-meeting (SIGKILL: no chance to save) loses only the last seconds of notes.

The app runs in a real subprocess (headless, through Textual's pilot) that types notes without a
pause — so the 1.5 s debounce never fires and only the "at least every 5 s" autosave can have
saved anything — and prints a line after each typed word. The test kills it, opens the journal
afresh, and checks that every word typed well before the kill was stored, and stored encrypted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from mentorjournal.domain import Relationship
from tests.tui.conftest import PASSPHRASE, reopen

ROOT = Path(__file__).resolve().parents[2]
TYPING_SECONDS = 10.0
MAX_TYPING_SECONDS = 20.0
BOUND_SECONDS = 7.0  # a save at least every 5 s while typing goes on, and room for a busy machine

DRIVER = r"""
import asyncio, sys
from pathlib import Path

from textual.widgets import TextArea

from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf
from mentorjournal.tui.app import MentorJournalApp
from mentorjournal.tui.screens.meeting import MeetingScreen
from mentorjournal.tui.widgets.ground_rules_card import GroundRulesCard


async def until(pilot, test, what):
    for _ in range(400):
        if test():
            return
        await pilot.pause(0.05)
    raise SystemExit(f"timed out waiting for {what}")


async def main(path, rel_id, passphrase):
    permit_test_kdf(FAST_KDF_FOR_TESTS)
    app = MentorJournalApp(Path(path), kdf=FAST_KDF_FOR_TESTS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*passphrase, "enter")
        await until(pilot, lambda: app.journal is not None, "the journal")
        app.push_screen(MeetingScreen(rel_id))
        await until(pilot, lambda: isinstance(app.screen, GroundRulesCard), "the ground rules")
        await pilot.press("enter")

        def started():
            screen = app.screen
            return isinstance(screen, MeetingScreen) and screen.started is not None

        await until(pilot, started, "the meeting")
        await until(pilot, lambda: app.focused is app.screen.query_one("#meeting-notes"), "notes")
        print("ready", flush=True)
        n = 0
        while True:
            await pilot.press(*f"word{n:04d} ")
            print(f"typed {n}", flush=True)
            n += 1


asyncio.run(main(*sys.argv[1:]))
"""


def word(n: int) -> str:
    return f"word{n:04d}"


def test_sigkill_while_typing_loses_only_the_last_seconds(new_journal, journal_path, tmp_path):
    rel = Relationship(title="Reverse mentoring with Amara", ground_rules="Confidential.")
    new_journal.save(rel)
    new_journal.close()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    proc = subprocess.Popen(
        [sys.executable, str(driver), str(journal_path), rel.id, PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    lines: list[tuple[float, str]] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append((time.monotonic(), line.strip()))
            if line.strip() == "ready":
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(40):
            proc.kill()
            _out, err = proc.communicate(timeout=10)
            raise AssertionError(f"the app never started the meeting:\n{err[-2000:]}")
        # Type for a while; on a slow machine, on until a few words are past the bound.
        started = time.monotonic()
        while time.monotonic() - started < MAX_TYPING_SECONDS:
            now = time.monotonic()
            old = [at for at, text in list(lines) if text.startswith("typed ")]
            old = [at for at in old if at <= now - BOUND_SECONDS]
            if now - started >= TYPING_SECONDS and len(old) >= 3:
                break
            time.sleep(0.1)
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    reader.join(timeout=5)

    typed = [(at, int(text.split()[1])) for at, text in lines if text.startswith("typed ")]
    assert proc.returncode == -signal.SIGKILL
    assert typed, "nothing was typed before the kill"
    safe = [n for at, n in typed if at <= killed_at - BOUND_SECONDS]
    assert safe, f"typing did not run long enough to test the bound ({len(typed)} words)"

    journal = reopen(journal_path)
    try:
        [meeting] = journal.meetings(rel.id)
        notes = meeting.notes
    finally:
        journal.close()
    # What was typed, in order; the kill may come while the word after the last one reported is
    # being typed, and an autosave may have caught some of its letters.
    assert [n for _at, n in typed] == list(range(len(typed)))
    everything = "".join(f"{word(n)} " for n in range(len(typed) + 1))
    assert everything.startswith(notes), "the stored notes are not what was typed"
    missing = [word(n) for n in safe if word(n) not in notes]
    assert not missing, f"typed ≥{BOUND_SECONDS:.0f} s before the kill but lost: {missing}"

    raw = b"".join(p.read_bytes() for p in journal_path.parent.glob(journal_path.name + "*"))
    assert word(safe[-1]).encode() not in raw  # stored encrypted, never as plain text
