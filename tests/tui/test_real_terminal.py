"""The installed command in a real terminal (tmux, 80×24): unlock screen, a wrong passphrase,
the right one, the home screen with the relationship's title, and ctrl+q exiting 0; and the same
command started with ``NO_COLOR=1 TERM=linux`` (a plain console without colour) reaching the unlock
and the first-run screens."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import DEFAULT_KDF

PASSPHRASE = "orchid tramline velvet quarry"
TITLE = "Reverse mentoring with Tamsin"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def installed_command() -> str:
    beside = Path(sys.executable).with_name("mentorjournal")
    found = str(beside) if beside.exists() else shutil.which("mentorjournal")
    if not found:
        pytest.skip("the mentorjournal command is not installed in this environment")
    return found


class Tmux:
    def __init__(self, socket: Path) -> None:
        self.base = ["tmux", "-S", str(socket)]
        self.session = f"mj-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], check=True, capture_output=True, text=True
        ).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        shown = self.screen()
        while text in shown and time.monotonic() < deadline:
            time.sleep(0.1)
            shown = self.screen()
        assert text not in shown, f"{text!r} never went; the screen was:\n{shown}"
        return shown

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def key(self, name: str) -> None:
        self.run("send-keys", "-t", self.session, name)


def start(tmp_path: Path, path: Path, *env: str) -> tuple[Tmux, Path]:
    """The installed command on ``path`` in a new 80×24 tmux session, with ``env`` (NAME=value)."""
    command = installed_command()
    status = tmp_path / "exit-status"
    tmux = Tmux(tmp_path / "tmux.sock")
    shell = f"'{command}' --journal '{path}'; echo $? > '{status}'; sleep 30"
    tmux.run(
        "new-session", "-d", "-s", tmux.session, "-x", "80", "-y", "24",
        "env", "-u", "NO_COLOR", *env, "sh", "-c", shell,
    )  # fmt: skip
    return tmux, status


def exit_status(status: Path) -> str:
    """The exit status the shell wrote (it makes the file before ``echo`` writes the line)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if status.exists() and status.read_text().endswith("\n"):
            return status.read_text().strip()
        time.sleep(0.1)
    return "(still running)"


def make_journal(path: Path) -> None:
    # The real KDF: the installed command opens only journals at or above the floor.
    journal, _ = Journal.create(path, PASSPHRASE, kdf=DEFAULT_KDF)
    journal.save(Relationship(title=TITLE, partner="Tamsin"))
    journal.close()


def test_installed_command_unlocks_and_quits(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path)
    tmux, status = start(tmp_path, path, "TERM=xterm-256color")
    try:
        tmux.wait_for("Passphrase")
        tmux.type("certainly not it")
        tmux.key("Enter")
        tmux.wait_for("does not open this journal")
        tmux.type(PASSPHRASE)
        tmux.key("Enter")
        tmux.wait_for(TITLE)  # home shows the relationship first …
        shown = tmux.wait_for("Next meeting")  # … then where it stands
        assert TITLE in shown and "Looking at meetings" not in shown
        tmux.key("C-q")
        assert exit_status(status) == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)


@pytest.mark.parametrize("existing", [True, False], ids=["unlock", "first-run"])
def test_installed_command_starts_with_no_color_on_a_linux_console(
    tmp_path: Path, existing: bool
) -> None:
    path = tmp_path / "journal.db"
    if existing:
        make_journal(path)
    tmux, status = start(tmp_path, path, "NO_COLOR=1", "TERM=linux")
    try:
        if existing:
            tmux.wait_for("Passphrase")
            tmux.type(PASSPHRASE)
            tmux.key("Enter")
            tmux.wait_for(TITLE)
        else:
            shown = tmux.wait_for("Welcome to MentorJournal")
            assert "Choose a passphrase" in shown
        assert "unexpected problem" not in tmux.screen()
        tmux.key("C-q")
        code = exit_status(status)
        assert code == "0", tmux.screen()
        assert path.exists() == existing  # quitting the first run creates nothing
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)


def test_a_form_typed_in_one_burst_keeps_every_key(tmp_path: Path) -> None:
    """Issue 12, point 3: tmux sends the whole form at once (title, tab, down and space on the
    role, tab, partner, ctrl+s); every key lands in its field and the relationship is saved."""
    path = tmp_path / "journal.db"
    journal, _ = Journal.create(path, PASSPHRASE, kdf=DEFAULT_KDF)
    journal.close()
    tmux, status = start(tmp_path, path, "TERM=xterm-256color")
    try:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.key("Enter")
        tmux.wait_for("No relationships yet")
        tmux.type("n")
        tmux.wait_for("In this relationship I am the")
        tmux.type("Board role\t\x1b[B \tSam Okoye\x13")  # \x1b[B is down, \x13 is ctrl+s
        tmux.wait_for("Saved “Board role”")
        tmux.key("C-q")
        assert exit_status(status) == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
    journal = Journal.open(path, PASSPHRASE)
    try:
        [rel] = journal.relationships()
        assert (rel.title, rel.my_role.value, rel.partner) == ("Board role", "mentee", "Sam Okoye")
    finally:
        journal.close()


def test_page_tab_and_meeting_keys_arrive_on_a_linux_console_in_tmux(tmp_path: Path) -> None:
    """Issue 12, points 4–6: the keys the footers show are keys a plain console sends through
    tmux (digits and f5 for tabs, ctrl+t to start the meeting) and do their job."""
    path = tmp_path / "journal.db"
    journal, _ = Journal.create(path, PASSPHRASE, kdf=DEFAULT_KDF)
    journal.save(Relationship(title=TITLE, partner="Tamsin", cadence="FREQ=MONTHLY"))
    journal.close()
    tmux, status = start(tmp_path, path, "NO_COLOR=1", "TERM=linux")
    try:
        tmux.wait_for("Passphrase")
        tmux.type(PASSPHRASE)
        tmux.key("Enter")
        tmux.wait_for("Next meeting")
        tmux.key("Enter")  # the relationship's page
        shown = tmux.wait_for("i Insight")
        assert "c Calendar" in shown and "s Share" in shown and "e Edit" in shown
        tmux.type("2")
        tmux.wait_for("h Hold late")  # the Meetings tab and its keys
        tmux.key("F5")
        tmux.wait_for("About the meeting of")  # the Reflections tab
        tmux.wait_gone("h Hold late")  # and the footer without the Meetings tab's keys
        tmux.type("p")
        shown = tmux.wait_for("(60 min)")  # prepared
        assert "^t Start meeting" in shown
        tmux.key("C-t")  # (from inside a text field too: test_keys_found.py)
        tmux.wait_for("— Meeting ·")  # the meeting screen (its ground rules or "which meeting")
        tmux.key("C-q")
        assert exit_status(status) == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
