"""Moving between screens, in a real terminal: key → the next screen's own text on screen, and
esc → back, for ten screens, against a bare Textual app pushing and popping twins of the same
screens (benchmarks/bare_screens_app.py) in the same run; and keystroke → echo in meeting notes
holding 1 MB of text while autosave runs, against a bare TextArea holding the same text.

Both programs run side by side, each in a tmux of its own at 120×40, and take turns round by
round (which one goes first alternates), so that other work on the machine falls on both alike.
Every round is counted, the first (cold: modules imported, entries decrypted) included.
"""

from __future__ import annotations

import re
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import generate as gen
from benchmarks.measuring import HERE, MJ, PY, Results, ms
from benchmarks.screen_journals import NOTES_MARK, big_notes, under_way_copy
from benchmarks.tmux_probe import Tmux
from benchmarks.workspace import Work

HOME = r"MentorJournal — Home"
PAGE = r"Meetings \(\d+\)"  # the relationship page's tab, its count filled in
SETTLE_S = 0.5  # after a screen shows, before the next key: a glance at it
TYPING_KEYS = "bcdefghijklnopqrstuvwxyz"  # typed, then taken back (no "a" or "m": keys elsewhere)
TYPING_PACE_S = 0.15  # one key every 150 ms (80 words a minute): autosave runs meanwhile
TYPING_ROUNDS = 4


@dataclass(frozen=True)
class Move:
    """A screen reached from ``origin`` ("home" or "page") by ``key``; ``shows`` is a regex of
    its own text, on screen once what it shows is painted."""

    name: str
    origin: str
    key: str
    shows: str


MOVES = (
    Move("relationship page", "home", "Enter", PAGE),
    # The header names the relationship once the preparation is shown (the screen then scrolls
    # down to the themes, so the meeting's line above them may be gone by the next paint).
    Move("prepare", "page", "p", r"— Prepare · "),
    Move("meeting", "page", "m", r"\d+ min elapsed"),
    Move("review", "page", "v", r"open or to review"),
    Move("reflection", "page", "r", r"Not saved yet"),
    Move("insight", "page", "i", r"meetings? held ·"),
    Move("actions board", "home", "a", r"Showing \d+ of \d+"),
    Move("search", "home", "/", r"Words to find"),
    Move("settings", "home", ",", r"Locks after \d+ minutes"),
    Move("support", "home", "F2", r"Employee assistance line|No support contacts yet"),
)
ORIGIN = {"home": HOME, "page": PAGE}
SIZE = ("120", "40")


def slug(name: str) -> str:
    return name.replace(" ", "_")


def p95(values: list[float]) -> float:
    """The 95th percentile (linear between the two nearest ranks; with 10 values, between
    the 9th and the 10th)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


class Side:
    """One program in its terminal: the journal app or the bare twin app."""

    def __init__(self, root: Path, name: str) -> None:
        self.tm = Tmux(root / f"tmux-{name}.sock", SIZE)
        self.name = name

    def press(self, key: str, shows: str, gone: str) -> float:
        began = self.tm.key(key)
        seen = self.tm.wait_for(shows, gone=gone, timeout=30)
        return ms(seen - began)


def open_journal(tm: Tmux, journal: Path, state: Path) -> None:
    tm.launch([MJ, "--journal", journal], XDG_STATE_HOME=str(state))
    tm.wait_for("Passphrase")
    time.sleep(2.0)  # a person types; the journal code preloads
    tm.type(gen.PASSPHRASE)
    time.sleep(0.3)
    tm.key("Enter")
    tm.wait_for("Next meeting:", fail=("does not open",))


def one_round(side: Side, record: Callable[[str, str, float], None]) -> None:
    """Every move there and back, from home (and back at home at the end)."""

    def there(move: Move) -> None:
        record(move.name, "open", side.press(move.key, move.shows, ORIGIN[move.origin]))
        time.sleep(SETTLE_S)

    def back(move: Move) -> None:
        record(move.name, "back", side.press("Escape", ORIGIN[move.origin], move.shows))
        time.sleep(SETTLE_S)

    page, *others = MOVES
    there(page)
    for move in (m for m in others if m.origin == "page"):
        there(move)
        back(move)
    back(page)
    for move in (m for m in others if m.origin == "home"):
        there(move)
        back(move)


def measure_screens(work: Work, res: Results, rounds: int, kind: str) -> None:
    source = work.heavy if kind == "heavy" else work.realistic
    root = work.root / "screens"
    state = root / f"state-{kind}"
    shutil.rmtree(state, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    journal = root / f"{kind}.db"
    title = under_way_copy(source, journal, state)
    print(f"\n== screens, {kind} journal ({title}: a meeting under way), tmux 120×40 ==")
    mj, bare = Side(root, "mj"), Side(root, "bare")
    try:
        open_journal(mj.tm, journal, state)
        bare.tm.launch([PY, HERE / "bare_screens_app.py"])
        bare.tm.wait_for(HOME)
        time.sleep(1.0)
        for round_ in range(rounds):
            for side in (mj, bare) if round_ % 2 == 0 else (bare, mj):

                def record(name: str, way: str, value: float, side: Side = side) -> None:
                    res.add(
                        f"screen_{side.name}_{way}_{slug(name)}_{kind}",
                        f"{name}: {way}, {'bare Textual' if side is bare else 'mentorjournal'}, "
                        f"{kind}",
                        "ms",
                        value,
                    )

                one_round(side, record)
        mj.tm.key("C-q")
    finally:
        mj.tm.close()
        bare.tm.close()


def change_counter(journal: Path) -> int:
    """SQLite's file change counter (header bytes 24–27, plaintext): one more per commit."""
    with journal.open("rb") as fh:
        fh.seek(24)
        return int.from_bytes(fh.read(4), "big")


def type_and_take_back(side: Side, record: Callable[[float], None]) -> None:
    typed = ""
    for key in [*TYPING_KEYS, *("BSpace" for _ in TYPING_KEYS)]:
        step = time.perf_counter()
        if key == "BSpace":
            typed = typed[:-1]
            began = side.tm.key("BSpace")
        else:
            typed += key
            began = side.tm.type(key)
        shows = rf"(?<![a-z]){re.escape(typed)}{re.escape(NOTES_MARK)}"
        seen = side.tm.wait_for(shows, timeout=30)
        record(ms(seen - began))
        time.sleep(max(0.0, TYPING_PACE_S - (time.perf_counter() - step)))


def measure_typing(work: Work, res: Results) -> None:
    root = work.root / "screens"
    state = root / "state-typing"
    shutil.rmtree(state, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    notes = big_notes()
    text_file = root / "notes-1mb.txt"
    text_file.write_text(notes, encoding="utf-8")
    journal = root / "typing.db"
    under_way_copy(work.realistic, journal, state, notes=notes)
    print(f"\n== typing in {len(notes.encode()) / 1e6:.1f} MB of meeting notes, tmux 120×40 ==")
    mj, bare = Side(root, "mj"), Side(root, "bare")
    try:
        open_journal(mj.tm, journal, state)
        mj.tm.key("Enter")
        mj.tm.wait_for(PAGE)
        time.sleep(SETTLE_S)
        mj.tm.key("m")
        mj.tm.wait_for(r"\d+ min elapsed", timeout=60)
        bare.tm.launch([PY, HERE / "bare_screens_app.py", "--typing", text_file])
        for side in (mj, bare):
            side.tm.wait_for(re.escape(NOTES_MARK), timeout=60)
        time.sleep(2.0)
        before = change_counter(journal)
        for round_ in range(TYPING_ROUNDS):
            for side in (mj, bare) if round_ % 2 == 0 else (bare, mj):
                label = "bare TextArea" if side is bare else "mentorjournal meeting notes"

                def record(value: float, side: Side = side, label: str = label) -> None:
                    res.add(
                        f"typing_{side.name}",
                        f"keystroke → echo, 1 MB of notes: {label}",
                        "ms",
                        value,
                        quiet=True,
                    )

                type_and_take_back(side, record)
                time.sleep(2.0)  # the last quiet autosave, before the other side types
        for key in ("typing_mj", "typing_bare"):
            s = res.series[key]
            print(f"    {s.label:<58} median {s.median:6.1f} p95 {p95(s.values):6.1f} ms")
        commits = change_counter(journal) - before
        res.add(
            "typing_saves", "journal writes while typing (autosave; SQLite's counter)", "", commits
        )
        mj.tm.key("C-q")
    finally:
        mj.tm.close()
        bare.tm.close()
