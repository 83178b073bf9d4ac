"""Measurements in a real terminal: launch → unlock screen against a bare Textual app, and a whole
session (unlock → home, two searches, memory) on each journal.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from benchmarks import generate as gen
from benchmarks.measure_cli import kdf_ms
from benchmarks.measuring import HERE, MJ, PY, Results, ms, rss_mib
from benchmarks.tmux_probe import Tmux
from benchmarks.workspace import Work

TYPING_PAUSE_S = 2.0  # between the unlock screen painting and the passphrase being typed


def measure_launch(work: Work, res: Results, runs: int, tm: Tmux) -> None:
    print("\n== launch → unlock screen painted (tmux) ==", flush=True)
    commands: dict[str, list[str | Path]] = {
        "bare": [PY, HERE / "bare_unlock_app.py", work.realistic],
        "mj": [MJ, "--journal", work.realistic],
    }
    labels = {
        "bare": "launch → unlock painted: bare Textual app",
        "mj": "launch → unlock painted: mentorjournal",
    }
    # Twice as many rounds as other measurements (launches are cheap and noisy); round 0
    # warms the caches (bytecode, page cache) and is not counted.
    for round_ in range(2 * runs + 1):
        order = ("bare", "mj") if round_ % 2 else ("mj", "bare")
        for name in order:
            tm.reset()
            began = tm.launch(commands[name])
            seen = tm.wait_for("Passphrase")
            if round_:
                res.add(f"launch_{name}", labels[name], "ms", ms(seen - began))
    tm.reset()


def tui_session(work: Work, res: Results, runs: int, tm: Tmux, kind: str) -> None:
    journal = work.heavy if kind == "heavy" else work.realistic
    home = re.escape(gen.home_marker(kind))
    (first, n1), (second, n2) = gen.PLANTED[kind].items()
    print(f"\n== TUI session, {kind} journal (tmux) ==", flush=True)
    for _ in range(runs):
        rss_file = work.root / f"tui-rss-{kind}.json"
        rss_file.unlink(missing_ok=True)
        Path(f"{rss_file}.pid").unlink(missing_ok=True)
        tm.reset()
        tm.launch([PY, HERE / "rss.py", rss_file, MJ, "--journal", journal])
        tm.wait_for("Passphrase")
        pid = int(Path(f"{rss_file}.pid").read_text())
        time.sleep(TYPING_PAUSE_S)  # a person starts typing; the journal code preloads
        tm.type(gen.PASSPHRASE)
        time.sleep(0.3)
        began = tm.key("Enter")
        seen = tm.wait_for(home, fail=("does not open",))
        res.add(f"unlock_home_{kind}", f"unlock → home painted, {kind}", "ms", ms(seen - began))
        # The relationships show first; where each stands (next meeting, counts) follows.
        seen = tm.wait_for("Next meeting:")
        res.add(
            f"unlock_home_full_{kind}",
            f"unlock → home with every standing filled in, {kind}",
            "ms",
            ms(seen - began),
        )
        time.sleep(0.5)
        res.add(f"tui_rss_home_{kind}", f"TUI memory at home (RSS), {kind}", "MiB", rss_mib(pid))
        tm.key("/")
        tm.wait_for("Words to find")
        time.sleep(0.3)
        began = tm.type(first)
        seen = tm.wait_for(rf"(?<![\d,]){n1} match")
        res.add(
            f"tui_search_cold_{kind}",
            f"TUI search, first (decrypts all; 200 ms debounce incl.), {kind}",
            "ms",
            ms(seen - began),
        )
        time.sleep(0.3)
        # Clear the box first and wait for it to show empty: a ctrl+u sent together with the
        # next word can reach the Input after the word (its binding runs once the key has
        # bubbled up), deleting it.
        tm.key("C-u")
        tm.wait_for("Words to find")
        began = tm.type(second)
        seen = tm.wait_for(rf"(?<![\d,]){n2} match")
        res.add(
            f"tui_search_warm_{kind}",
            f"TUI search, second (200 ms debounce incl.), {kind}",
            "ms",
            ms(seen - began),
        )
        res.add(
            f"tui_rss_search_{kind}",
            f"TUI memory after searching (RSS), {kind}",
            "MiB",
            rss_mib(pid),
        )
        tm.key("C-q")
        deadline = time.monotonic() + 30
        while not rss_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        data = json.loads(rss_file.read_text())
        if kind == "heavy":
            # The KDF alone, right after, so that the budget compares like with like on a
            # machine whose load changes.
            res.add("kdf_tui", "KDF alone, beside each heavy unlock (in-process)", "ms", kdf_ms())
        if data["returncode"] != 0:
            raise RuntimeError(f"the TUI exited {data['returncode']}:\n{tm.screen()}")
        res.add(
            f"tui_peak_{kind}",
            f"TUI peak memory (KDF, home, 2 searches), {kind}",
            "MiB",
            data["maxrss_kib"] / 1024,
        )
    tm.reset()
