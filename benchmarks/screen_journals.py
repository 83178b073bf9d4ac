"""The journals the screens section works on: copies of the benchmark journals with a meeting
under way today in the first relationship on home (so that "m" opens the meeting screen at once,
as it does for a person in the middle of a meeting), and for the typing row one whose notes hold
1 MB of text.

Made afresh at the start of each run (a meeting is under way only on the day it began), with the
journals' "newest change seen" kept in the run's own state folder (``XDG_STATE_HOME``), never the
person's.
"""

from __future__ import annotations

import os
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import generate as gen
from benchmarks.prose import Prose

NOTES_BYTES = 1_000_000
# Typed at the very start of the 1 MB notes: "echoed" is this text showing on the first line.
NOTES_MARK = "Typing here."


def big_notes(size: int = NOTES_BYTES, seed: int = gen.SEED) -> str:
    """About ``size`` bytes of meeting notes in paragraphs; the first line starts with
    ``NOTES_MARK`` (so that the first notes line on screen is known)."""
    prose = Prose(random.Random(seed + 17))
    parts = [NOTES_MARK]
    length = len(NOTES_MARK)
    while length < size:
        chunk = prose.text(600, 1400)
        parts.append(chunk)
        length += len(chunk) + 2
    return "\n\n".join(parts)[:size]


def under_way_copy(source: Path, target: Path, state: Path, notes: str | None = None) -> str:
    """Copy ``source`` to ``target`` and start a meeting there now (its first relationship's
    next one, or one planned now if it meets on no cadence), with ``notes`` if given. Returns
    that relationship's title."""
    from mentorjournal.domain import Meeting
    from mentorjournal.journal.journal import Journal

    os.environ["XDG_STATE_HOME"] = str(state)  # this process's reads of "newest seen"
    target.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    journal = Journal.open(target, gen.PASSPHRASE)
    try:
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        rel = journal.relationships()[0]
        meeting = journal.upcoming_meeting(rel.id, now) or journal.plan_meeting(rel.id, now)
        meeting = journal.start_meeting(meeting, now)
        if notes is not None:
            journal.save_fields(Meeting, meeting.id, {"notes": notes})
        return rel.title
    finally:
        journal.close()
