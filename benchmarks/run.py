"""Measure MentorJournal against its performance budgets (DESIGN.md), in one command.

    python -m benchmarks.run [--runs 5] [--quick] [--workdir DIR] [--only launch,tui,…]

Builds the benchmark journals (benchmarks.generate, real default KDF) into a work folder if they
are missing, installs jrnl from PyPI into its own venv if missing, then measures each thing
``--runs`` times and prints median / min / max with the budgets, and writes
benchmarks/results.json.

- launch: the installed ``mentorjournal`` command and a bare Textual app with the same widgets
  (benchmarks/bare_unlock_app.py), alternately, each in a fresh tmux pane; the time from asking
  tmux to start it to "Passphrase" showing in ``capture-pane`` (polled every ~5 ms); twice
  ``--runs`` rounds, after one uncounted warm-up round;
- tui: unlock → home (Enter pressed → the relationship title showing, and → its next meeting
  showing once the standings are filled in), then search ("/", the
  word typed → "N matches" showing, the search screen's 200 ms debounce included; the first
  search decrypts everything, the second does not), then ctrl+q; the TUI's memory at home and
  after searching (VmRSS) and its peak over the whole session (benchmarks/rss.py);
- kdf: Argon2id with the journal's (default) parameters, in this process (also once beside each
  heavy unlock: the unlock budget is judged against that one);
- search: ``mentorjournal search WORD`` (MENTORJOURNAL_PASSPHRASE) against ``jrnl -contains WORD``
  on an encrypted jrnl journal of the same text (password typed at jrnl's prompt through a pty):
  wall time from launch to exit, CPU time and peak memory (wait4's rusage of that process);
- export / import (JSON; Markdown export too) of the heavy journal, passwd on the heavy and the
  realistic journal (the budget: passphrase change independent of journal size);
- screens: in tmux at 120×40, on the realistic and the heavy journal (each a copy with a meeting
  under way), key → the next screen's own text on screen and esc → back, for ten screens,
  ``--rounds`` rounds (default 10), against a bare Textual app pushing and popping twins of the
  same screens in the same run (benchmarks/bare_screens_app.py); and keystroke → echo in meeting
  notes holding 1 MB while autosave runs, against a bare TextArea (benchmarks/measure_screens.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import generate as gen
from benchmarks.measure_cli import (
    measure_export,
    measure_import,
    measure_kdf,
    measure_passwd,
    measure_search,
)
from benchmarks.measure_screens import measure_screens, measure_typing
from benchmarks.measure_tui import measure_launch, tui_session
from benchmarks.measuring import HERE, MJ, PY, Quiet, Results
from benchmarks.report import (
    budget_table,
    budgets,
    machine,
    screen_budgets,
    screen_rows,
    screens_table,
    table,
)
from benchmarks.tmux_probe import Tmux
from benchmarks.workspace import DEFAULT_JRNL_VENV, DEFAULT_WORKDIR, Work, prepare

RESULTS = HERE / "results.json"


SECTIONS = ("launch", "tui", "kdf", "search", "export", "import", "passwd", "screens")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=(__doc__ or "").split("\n")[0]
    )
    p.add_argument("--runs", type=int, default=5, help="runs of each measurement (default 5)")
    p.add_argument("--quick", action="store_true", help="2 runs each, no Markdown export (~2 min)")
    p.add_argument(
        "--rounds", type=int, default=10, help="rounds of the screens section (default 10)"
    )
    p.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="journals live here")
    p.add_argument(
        "--seed",
        type=int,
        default=gen.SEED,
        help="other text for the journals (use with another --workdir): do the ratios hold?",
    )
    p.add_argument("--jrnl-venv", type=Path, default=DEFAULT_JRNL_VENV)
    p.add_argument("--no-jrnl", action="store_true", help="skip the comparison with jrnl")
    p.add_argument("--only", help=f"comma-separated, from: {', '.join(SECTIONS)}")
    p.add_argument("--results", type=Path, default=RESULTS, help="where to write the JSON")
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="S",
        help="before each section, wait up to S seconds for other work on the machine to stop",
    )
    args = p.parse_args(argv)
    runs = 2 if args.quick else args.runs
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if unknown := only - set(SECTIONS):
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if not MJ.exists():
        p.error(f"the mentorjournal command is not installed beside {PY}")
    if {"launch", "tui", "screens"} & only and shutil.which("tmux") is None:
        p.error("tmux is needed for the launch, tui and screens measurements")

    began = time.perf_counter()
    work = Work(args.workdir, args.jrnl_venv)
    with_jrnl = "search" in only and not args.no_jrnl
    print(f"work folder: {work.root}", flush=True)
    prepare(work, need_jrnl=with_jrnl, seed=args.seed)
    res = Results()
    quiet = Quiet(args.wait_idle)
    load_before = os.getloadavg()
    if {"launch", "tui"} & only:
        tm = Tmux(work.root / "tmux.sock")
        try:
            if "launch" in only:
                quiet.before("launch")
                measure_launch(work, res, runs, tm)
            if "tui" in only:
                quiet.before("tui realistic")
                tui_session(work, res, runs, tm, "realistic")
                quiet.before("tui heavy")
                tui_session(work, res, runs, tm, "heavy")
        finally:
            tm.close()
    if "screens" in only:  # each journal in a tmux of its own, beside the bare app's
        for kind in ("realistic", "heavy"):
            quiet.before(f"screens {kind}")
            measure_screens(work, res, args.rounds, kind)
        quiet.before("typing")
        measure_typing(work, res)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("kdf", lambda: measure_kdf(res, runs)),
        ("search", lambda: measure_search(work, res, runs, with_jrnl)),
        ("passwd", lambda: measure_passwd(work, res, runs)),
    ]
    for name, step in steps:
        if name in only:
            quiet.before(name)
            step()
    if "export" in only or "import" in only:
        export = work.root / "heavy-export.json"
        if "export" in only:
            quiet.before("export")
            export = measure_export(work, res, runs, quick=args.quick)
        if "import" in only:
            quiet.before("import")
            measure_import(work, res, runs, export)

    checks = budgets(res) + screen_budgets(res)
    command = "python -m benchmarks.run" + (
        " " + " ".join(argv if argv is not None else sys.argv[1:])
        if (argv if argv is not None else sys.argv[1:])
        else ""
    )
    info = machine(work)
    load_after = os.getloadavg()
    info["load average before → after"] = f"{load_before[0]:.2f} → {load_after[0]:.2f} (1 min)"
    elapsed = time.perf_counter() - began
    print("\n## Results\n")
    print(table(res))
    if rows := screen_rows(res):
        print("\n## Screens (ratios to a bare Textual app, same run)\n")
        print(screens_table(rows))
    print("\n## Budgets\n")
    print(budget_table(checks))
    print("\n## Machine\n")
    for k, v in info.items():
        print(f"- {k}: {v}")
    print(f"- CPUs busy before each section: {quiet.seen}")
    rounds = f", {args.rounds} rounds of screens" if "screens" in only else ""
    print(f"\n{command}: {runs} runs each{rounds}, {elapsed / 60:.1f} min in all")
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "runs": runs,
        "screen_rounds": args.rounds if "screens" in only else None,
        "elapsed_s": round(elapsed, 1),
        "machine": info,
        "planted": gen.PLANTED,
        "series": {k: s.as_json() for k, s in res.series.items()},
        "budgets": [b.__dict__ for b in checks],
        "screens": [r.__dict__ | {"ok": r.ok()} for r in screen_rows(res)],
        "cpu_busy_before_sections": quiet.seen,
    }
    args.results.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
