"""The installed command in a real terminal under a shifted system clock (faketime), started with
NO_COLOR=1 and TERM=linux as a plain console would: two days after a skipped meeting, home says it
was missed; w leads to it on the Meetings tab, x cancels it with a reason; then the stored journal
and `mentorjournal calendar` (under the same shifted clock, in another zone) agree."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentorjournal.domain import Meeting, MeetingStatus, Reflection, Relationship
from mentorjournal.journal.journal import Journal
from tests.tui.test_real_terminal import PASSPHRASE, Tmux, exit_status, installed_command

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or shutil.which("faketime") is None,
    reason="tmux and faketime (Debian packages) are needed",
)
LONDON = ZoneInfo("Europe/London")
TITLE = "Reverse mentoring with Amara"


def two_months_held(path: Path) -> Relationship:
    """January and February held (a reflection on February's); March's meeting is next."""
    journal, _ = Journal.create(path, PASSPHRASE)  # the default key derivation: a real journal
    stamp = datetime(2028, 1, 2, 9, 0, tzinfo=LONDON)
    journal.clock = lambda: stamp
    rel = Relationship(
        title=TITLE,
        partner="Amara",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        meeting_time="10:00",
        time_zone="Europe/London",
        started_on=date(2028, 1, 1),
    )
    journal.save(rel)
    for day in (date(2028, 1, 11), date(2028, 2, 8)):
        slot = datetime.combine(day, datetime.min.time(), LONDON).replace(hour=10)
        journal.save(
            Meeting(
                relationship_id=rel.id,
                starts_at=slot,
                slot_at=slot,
                status=MeetingStatus.HELD,
                started_at=slot,
                ended_at=slot + timedelta(minutes=50),
                duration_minutes=50,
            )
        )
    after = datetime(2028, 2, 8, 18, 0, tzinfo=LONDON)
    journal.clock = lambda: after
    journal.save(Reflection(relationship_id=rel.id, written_at=after, description="Good talk."))
    journal.close()
    return rel


def shifted(command: list[str], moment: str) -> list[str]:
    """``command`` run with the system clock starting at ``moment`` (and running on)."""
    return ["faketime", "-m", moment, *command]


def test_a_skipped_meeting_under_a_shifted_clock_in_a_plain_terminal(tmp_path: Path) -> None:
    command = installed_command()
    path = tmp_path / "journal.db"
    rel = two_months_held(path)
    status = tmp_path / "exit-status"
    tmux = Tmux(tmp_path / "tmux.sock")
    inner = " ".join(shifted([f"'{command}'", "--journal", f"'{path}'"], "'2028-03-16 09:00:00'"))
    shell = f"{inner}; echo $? > '{status}'; sleep 30"
    env = ["-e", "TZ=Europe/London", "-e", "NO_COLOR=1", "-e", "TERM=linux"]
    tmux.run("new-session", "-d", "-s", tmux.session, "-x", "100", "-y", "30", *env, shell)
    try:
        tmux.wait_for("Passphrase", timeout=30)
        tmux.type(PASSPHRASE)
        tmux.key("Enter")
        screen = tmux.wait_for("was missed", timeout=30)
        assert "The meeting of Tue 14 Mar 2028 was missed" in screen
        tmux.key("w")
        screen = tmux.wait_for("missed — h hold late", timeout=20)
        tmux.key("x")
        tmux.wait_for("Cancel this meeting?", timeout=20)
        tmux.type("Amara on leave")
        tmux.key("Enter")
        tmux.wait_for("cancelled: Amara on leave", timeout=20)
        tmux.key("C-q")
        assert exit_status(status) == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)

    journal = Journal.open(path, PASSPHRASE)
    try:
        march = [m for m in journal.meetings(rel.id) if m.status is MeetingStatus.CANCELLED]
        assert len(march) == 1 and march[0].cancel_reason == "Amara on leave"
        assert march[0].slot_at == datetime(2028, 3, 14, 10, 0, tzinfo=LONDON)
    finally:
        journal.close()

    # The calendar under the same shifted clock, the computer in New York: the next meetings
    # are on London's 10:00, an hour apart in UTC across the clock change of 26 March.
    ics = tmp_path / "meetings.ics"
    done = subprocess.run(
        shifted(
            [command, "--journal", str(path), "calendar", "--count", "2", "-o", str(ics)],
            "2028-03-16 09:00:00",
        ),
        env={**os.environ, "TZ": "America/New_York", "MENTORJOURNAL_PASSPHRASE": PASSPHRASE},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    text = ics.read_text()
    assert "DTSTART:20280411T090000Z" in text  # 10:00 British Summer Time
    assert "DTSTART:20280509T090000Z" in text
    assert "20280314" not in text  # cancelled, and past
