"""How long home's standings take on the heavy journal (10,000 reflections, one relationship with
no meeting held): the arc of a relationship (issue 18) must not read every reflection to decide
whether to offer an opening or a closing reflection.

    python -m benchmarks.arc_standings [--runs 15] [--workdir DIR]

Prints the median CPU time of ``Journal.standings()`` on a freshly opened journal (nothing in
memory yet). The journal is built once with the fast test-only key derivation (the derivation is
not what is measured) and kept in the work folder.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.generate import build_heavy
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf

PASSPHRASE = "benchmark pass phrase"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "mj-arc-bench"))
    args = parser.parse_args()
    permit_test_kdf(FAST_KDF_FOR_TESTS)
    path = Path(args.workdir) / "heavy-fast-kdf.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        journal, _key = Journal.create(path, PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
        build_heavy(journal)
        journal.close()
    times = []
    for _ in range(args.runs):
        journal = Journal.open(path, PASSPHRASE)
        start = time.process_time()
        journal.standings()
        times.append(time.process_time() - start)
        journal.close()
    print(f"standings, heavy journal: median {statistics.median(times) * 1000:.1f} ms CPU")


if __name__ == "__main__":
    main()
