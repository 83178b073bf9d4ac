"""How often an action was carried forward is said in one place (issue 12 residue, point 8):
``mentoring.agenda.carried_words`` says it and ``Journal.carried_counts`` counts it; no other
file writes the words with a number of its own (which is how the export came to print the
stored count while the screens printed the one worked out)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).parents[2] / "src" / "mentorjournal"
SAID = re.compile(r"carried forward \{")


def test_only_carried_words_says_carried_forward_with_a_count() -> None:
    saying = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if SAID.search(path.read_text(encoding="utf-8"))
    )
    assert saying == ["mentoring/agenda.py"]
