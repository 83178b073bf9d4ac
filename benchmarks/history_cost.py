"""What history (issue 16) costs: unlock → home on the realistic journal with ten versions of
history per entry, against the same journal without, in a real terminal (tmux, as
``measure_tui`` measures it) beside the key derivation; the ledger check at unlock; and the
cost of one save of a reflection's text with history (a save inside an editing session, and
one that keeps a version) against the same save without it.

    python -m benchmarks.history_cost [--runs 5] [--saves 40] [--workdir DIR]

The journals are made here, through the public ``Journal`` API, with the real key derivation
(the budget is KDF + 150 ms), in ``DIR`` (default a temporary folder, removed afterwards).
Needs ``tmux`` and the ``mentorjournal`` command beside this ``python``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import generate as gen
from benchmarks.measure_cli import kdf_ms
from benchmarks.measuring import MJ, ms
from benchmarks.tmux_probe import Tmux
from mentorjournal.domain import Reflection
from mentorjournal.journal import integrity
from mentorjournal.journal.history import HISTORY_FIELDS, EntryHistory
from mentorjournal.journal.history_chain import Mark, Version
from mentorjournal.journal.journal import Journal

VERSIONS = 10
BUDGET_MS = 150.0


def add_history(path: Path) -> int:
    """Ten versions of one text of every entry that has history (nine taken in as from another
    copy, the tenth by a save that replaces the text): the stored form is that of ten editing
    sessions. Returns how many entries got them."""
    journal = Journal.open(path, gen.PASSPHRASE)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    count = 0
    try:
        every = [(kind, fields, journal.all(kind)) for kind, fields in HISTORY_FIELDS.items()]
        with journal.merge_batch() as batch:  # (read first: the batch holds the write lock)
            for kind, fields, entries in every:
                for entry in entries:
                    name = next((f for f in fields if getattr(entry, f)), fields[0])
                    text = getattr(entry, name)
                    versions = []
                    for n in range(VERSIONS - 1):
                        at = start + timedelta(days=n)
                        earlier = f"{text} (draft {n}: a sentence since changed.)"
                        versions.append(Version(f"{entry.id}-{n}", entry.id, name, earlier, at, at))
                    batch.add_versions(kind, entry.id, versions)
                    mark = Mark(f"{entry.id}-now", start + timedelta(days=VERSIONS))
                    batch.set_fields(kind, entry.id, {name: text + " Now."}, {name: mark})
                    count += 1
    finally:
        journal.close()
    return count


def unlock_to_home(tm: Tmux, path: Path) -> tuple[float, float]:
    """(unlock → home painted, → every standing filled in), ms."""
    tm.reset()
    tm.launch([MJ, "--journal", path])
    tm.wait_for("Passphrase")
    time.sleep(2.0)  # a person starts typing; the journal code preloads
    tm.type(gen.PASSPHRASE)
    time.sleep(0.3)
    began = tm.key("Enter")
    painted = tm.wait_for(re.escape(gen.home_marker("realistic")), fail=("does not open",))
    full = tm.wait_for("Next meeting:")
    tm.key("C-q")
    time.sleep(0.5)
    return ms(painted - began), ms(full - began)


def ledger_check_ms(path: Path, runs: int) -> float:
    journal = Journal.open(path, gen.PASSPHRASE)
    try:
        db, cipher = journal._db, journal._need_cipher()
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            integrity._check(db, cipher)
            times.append(ms(time.perf_counter() - began))
    finally:
        journal.close()
    return statistics.median(times)


def save_ms(path: Path, saves: int, *, history: bool, new_session: bool) -> float:
    """Median time of ``save_fields`` of one reflection's text, on a copy of ``path``."""
    copy = path.with_name(f"save-{history}-{new_session}.db")
    shutil.copyfile(path, copy)
    before: Callable[..., object] = EntryHistory._history_before
    after: Callable[..., object] = EntryHistory._history_after
    if not history:  # the code before issue 16: no reading of what is replaced, no history
        EntryHistory._history_before = lambda self, conn, cipher, items: {}  # type: ignore[method-assign]
        EntryHistory._history_after = lambda *args, **kwargs: None  # type: ignore[method-assign]
    journal = Journal.open(copy, gen.PASSPHRASE)
    clock = [datetime(2026, 6, 1, tzinfo=UTC)]
    journal.clock = lambda: clock[0]
    try:
        entry = journal.reflections()[len(journal.reflections()) // 2]
        text = entry.analysis
        times = []
        for n in range(saves + 1):
            clock[0] += timedelta(minutes=11 if new_session else 1)
            text += f" word{n}"
            began = time.perf_counter()
            journal.save_fields(Reflection, entry.id, {"analysis": text})
            if n:  # the first save opens the session
                times.append(ms(time.perf_counter() - began))
    finally:
        journal.close()
        EntryHistory._history_before = before  # type: ignore[method-assign]
        EntryHistory._history_after = after  # type: ignore[method-assign]
        copy.unlink()
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--saves", type=int, default=40)
    p.add_argument("--workdir", type=Path)
    args = p.parse_args(argv)
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="mj-history-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_STATE_HOME"] = str(folder / "state")  # the journals' counters: not yours
    plain, with_history = folder / "realistic.db", folder / "realistic-history.db"
    try:
        if not plain.exists():
            print("building the realistic journal (default KDF) …", flush=True)
            gen.generate("realistic", plain)
        if not with_history.exists():
            shutil.copyfile(plain, with_history)
            began = time.perf_counter()
            count = add_history(with_history)
            took = time.perf_counter() - began
            print(f"{count} entries given {VERSIONS} versions of history each ({took:.1f} s)")
        size = with_history.stat().st_size / 2**20
        print(f"files: {plain.stat().st_size / 2**20:.1f} MiB without, {size:.1f} MiB with")

        tm = Tmux(folder / "tmux.sock")
        got: dict[str, list[float]] = {k: [] for k in ("plain", "hist", "plain_full", "hist_full")}
        kdf: list[float] = []
        try:
            for _ in range(args.runs):
                for key, path in (("plain", plain), ("hist", with_history)):
                    painted, full = unlock_to_home(tm, path)
                    got[key].append(painted)
                    got[f"{key}_full"].append(full)
                kdf.append(kdf_ms())
        finally:
            tm.close()
        med = {k: statistics.median(v) for k, v in got.items()}
        kdf_med = statistics.median(kdf)
        print(f"\nunlock → home painted, median of {args.runs} (KDF {kdf_med:.0f} ms):")
        print(f"  without history: {med['plain']:.0f} ms (all filled in {med['plain_full']:.0f})")
        print(f"  with {VERSIONS} versions per entry: {med['hist']:.0f} ms "
              f"(all filled in {med['hist_full']:.0f})")  # fmt: skip
        over = med["hist"] - kdf_med
        verdict = "PASS" if over <= BUDGET_MS else "FAIL"
        print(f"  budget KDF + {BUDGET_MS:.0f} ms: KDF + {over:.0f} ms → {verdict}")
        print(
            f"ledger check at unlock: {ledger_check_ms(plain, 15):.1f} ms without, "
            f"{ledger_check_ms(with_history, 15):.1f} ms with history"
        )
        print(f"\none save of a reflection's text, median of {args.saves}:")
        for label, new_session in (("inside an editing session", False), ("keeping a version",
                                                                          True)):  # fmt: skip
            without = save_ms(with_history, args.saves, history=False, new_session=new_session)
            with_it = save_ms(with_history, args.saves, history=True, new_session=new_session)
            print(f"  {label}: {with_it:.1f} ms with history, {without:.1f} ms without "
                  f"({with_it / without:.2f}×)")  # fmt: skip
    finally:
        if args.workdir is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
