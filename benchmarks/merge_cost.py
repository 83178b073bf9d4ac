"""What merging two copies of a 10,000-entry journal costs (issue 16; budget ≤ 10 s), as the
median of repeated runs, opening the copy included (its bytes read, checked against its ledger)
and the key derivation left out (the same as for any unlock).

    python -m benchmarks.merge_cost [--runs 5] [--count 10000]

Two copies of the heavy journal (10,000 Gibbs reflections of about 2.4 KB) are made apart, as
two computers would: on each, 500 reflections edited (100 of them on both: changed on two
computers), 200 written anew and 100 deleted. Measured:

- ``apart``: the laptop's copy merged into the work copy (every change above comes in);
- ``again``: the same copy merged once more — nothing comes in, nothing is written (what each
  unlock costs when another computer's snapshot changed only a little is close to this);
- ``new``: a copy whose 10,000 reflections are all new merged into a journal without them.

The journals are made with the fast test KDF, in a temporary folder removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import generate
from mentorjournal.domain import Reflection
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf

EDITED, BOTH, ADDED, DELETED = 500, 100, 200, 100


def clock_from(start: datetime) -> Callable[[], datetime]:
    moment = [start]

    def now() -> datetime:
        moment[0] += timedelta(minutes=11)
        return moment[0]

    return now


def drift(path: Path, side: int, clock: Callable[[], datetime]) -> None:
    """One computer's changes: edits (the first ``BOTH`` on both sides), new reflections and
    deletions (different ones on each side)."""
    journal = Journal.open(path, generate.PASSPHRASE)
    journal.clock = clock
    try:
        ordered = sorted(journal.reflections(), key=lambda r: r.id)
        rel_id = ordered[0].relationship_id
        mine = ordered[:BOTH] + ordered[BOTH + side * EDITED : BOTH + (side + 1) * EDITED - BOTH]
        for r in mine:
            r.description = f"{r.description} — edited on computer {side}"
        journal.save_many(mine)
        journal.save_many(
            Reflection(rel_id, clock(), description=f"new on computer {side}: {i}")
            for i in range(ADDED)
        )
        for r in ordered[-(side + 1) * DELETED : len(ordered) - side * DELETED]:
            journal.delete(r)
    finally:
        journal.close()


def timed_merge(target: Path | str, copy: Path) -> tuple[float, str]:
    journal = Journal.open(target, generate.PASSPHRASE)
    try:
        start = time.perf_counter()
        other = journal.open_other(copy)
        try:
            report = journal.merge_copies([other])[0]
        finally:
            other.close()
        took = (time.perf_counter() - start) * 1000
    finally:
        journal.close()
    return took, " ".join(report.lines())


def series(runs: int, base: Path, copy: Path, folder: Path, *, again: bool) -> list[float]:
    out = []
    for i in range(runs):
        target = folder / f"target-{i}.db"
        shutil.copy(base, target)
        if again:
            timed_merge(target, copy)
        took, _said = timed_merge(target, copy)
        out.append(took)
        target.unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--count", type=int, default=generate.HEAVY_ENTRIES)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mj-merge-") as name:
        folder = Path(name)
        os.environ["XDG_STATE_HOME"] = str(folder / "state")  # never the person's
        permit_test_kdf(FAST_KDF_FOR_TESTS)
        empty, heavy = folder / "empty.db", folder / "heavy.db"
        Journal.create(empty, generate.PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)[0].close()
        shutil.copy(empty, heavy)  # the same journal, before anything was written in it
        journal = Journal.open(heavy, generate.PASSPHRASE)
        generate.build_heavy(journal, count=args.count)
        journal.close()
        work, laptop = folder / "work.db", folder / "laptop.db"
        shutil.copy(heavy, work)
        shutil.copy(heavy, laptop)
        clock = clock_from(datetime.now(UTC) + timedelta(days=1))  # after the heavy journal
        drift(work, 0, clock)
        drift(laptop, 1, clock)
        _took, said = timed_merge(shutil.copy(work, folder / "probe.db"), laptop)
        print(f"{args.count} reflections, {work.stat().st_size / 2**20:.1f} MiB a copy.")
        print(f"What the laptop's copy brings: {said}")
        results = {
            "apart": series(args.runs, work, laptop, folder, again=False),
            "again": series(args.runs, work, laptop, folder, again=True),
            "new": series(args.runs, empty, heavy, folder, again=False),
        }
        for what, values in results.items():
            print(
                f"merge {what}: median {statistics.median(values):.0f} ms "
                f"(min {min(values):.0f}, max {max(values):.0f}; {args.runs} runs; budget 10000)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
