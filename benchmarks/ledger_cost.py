"""What the ledger of rows (issue 14) costs at unlock: the check of every row against the sealed
ledger, on the heavy journal (10,000 reflections) and the realistic one, as medians of repeated
runs. The key derivation is left out (it is the same with or without the ledger); the budget is
KDF + 150 ms for the whole unlock → home, so this check must stay a small part of 150 ms.

    python -m benchmarks.ledger_cost [--runs 15] [--kind heavy|realistic|both]

The journals are made here with the fast test KDF (the KDF is not what is measured), in a
temporary folder that is removed afterwards; nothing is written anywhere else.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import generate
from mentorjournal.journal import integrity
from mentorjournal.journal.journal import Journal
from mentorjournal.store import ledger


def measure(path: Path, runs: int) -> dict[str, float]:
    journal = Journal.open(path, generate.PASSPHRASE)
    try:
        db, cipher = journal._db, journal._need_cipher()
        wall, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            sealed, problem = integrity._check(db, cipher)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert problem is None and isinstance(sealed, ledger.Ledger)
        rows = sum(sealed.rows.values())
    finally:
        journal.close()
    return {
        "rows": rows,
        "wall_ms": statistics.median(wall),
        "cpu_ms": statistics.median(cpu),
        "file_mib": path.stat().st_size / 2**20,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--kind", choices=("heavy", "realistic", "both"), default="both")
    args = p.parse_args(argv)
    kinds = ["heavy", "realistic"] if args.kind == "both" else [args.kind]
    with tempfile.TemporaryDirectory(prefix="mj-ledger-") as folder:
        os.environ["XDG_STATE_HOME"] = folder  # the journals' counters: not the person's
        for kind in kinds:
            path = Path(folder) / f"{kind}.db"
            generate.generate(kind, path, fast_kdf=True)
            got = measure(path, args.runs)
            print(
                f"{kind}: {got['rows']:.0f} rows, {got['file_mib']:.1f} MiB; the ledger check "
                f"at unlock, median of {args.runs}: {got['wall_ms']:.1f} ms "
                f"({got['cpu_ms']:.1f} ms CPU time)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
