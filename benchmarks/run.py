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
  realistic journal (the budget: passphrase change independent of journal size).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import platform
import re
import select
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import generate as gen

HERE = Path(__file__).resolve().parent
PY = Path(sys.executable)
MJ = PY.with_name("mentorjournal")
RESULTS = HERE / "results.json"
DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "mentorjournal-bench"
DEFAULT_JRNL_VENV = Path(tempfile.gettempdir()) / "jrnl-venv"
OTHER_PASSPHRASE = "second benchmark lantern meadow gravel"
TERM_SIZE = ("100", "32")
POLL_S = 0.005
TYPING_PAUSE_S = 2.0  # between the unlock screen painting and the passphrase being typed
SECTIONS = ("launch", "tui", "kdf", "search", "export", "import", "passwd")

# --- results ----------------------------------------------------------------------------------


@dataclass
class Series:
    label: str
    unit: str  # "ms" or "MiB"
    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "unit": self.unit,
            "values": [round(v, 2) for v in self.values],
            "median": round(self.median, 2),
            "min": round(min(self.values), 2),
            "max": round(max(self.values), 2),
        }


class Results:
    def __init__(self) -> None:
        self.series: dict[str, Series] = {}

    def add(self, key: str, label: str, unit: str, value: float) -> None:
        self.series.setdefault(key, Series(label, unit)).values.append(value)
        shown = f"{value:8.1f} {unit}"
        print(f"    {label:<58} {shown}", flush=True)

    def median(self, key: str) -> float | None:
        s = self.series.get(key)
        return s.median if s and s.values else None


# --- processes: wall time and peak memory ----------------------------------------------------


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system time of the process
    maxrss_mib: float
    returncode: int
    stdout: bytes
    terminal: bytes  # what the program wrote to its terminal (stderr, prompts)


def _controlling_tty() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run_measured(
    cmd: Sequence[str | Path],
    env: dict[str, str],
    *,
    answer: str | None = None,
    timeout: float = 600.0,
) -> Run:
    """Run ``cmd`` with a pty as its terminal (stdin, stderr, /dev/tty) and stdout to a file.

    ``answer``: typed (with Enter) once the program turns echo off, i.e. is inside getpass.
    Wall time is from just before the launch to the moment wait4 returns."""
    master, slave = os.openpty()
    with tempfile.TemporaryFile() as out:
        began = time.perf_counter()
        proc = subprocess.Popen(
            [str(c) for c in cmd],
            stdin=slave,
            stdout=out,
            stderr=slave,
            env=env,
            preexec_fn=_controlling_tty,  # noqa: PLW1509 - no threads run at this point
        )
        done: list[Any] = []

        def reap() -> None:
            _pid, status, usage = os.wait4(proc.pid, 0)
            done.append((time.perf_counter(), status, usage))

        waiter = threading.Thread(target=reap, daemon=True)
        waiter.start()
        terminal = bytearray()
        pending = answer
        deadline = began + timeout
        while not done:
            if time.perf_counter() > deadline:
                proc.kill()
                raise TimeoutError(
                    f"{cmd} took more than {timeout} s; its terminal: {bytes(terminal[-800:])!r}"
                )
            ready, _, _ = select.select([master], [], [], 0.001)
            if ready:
                with contextlib.suppress(OSError):
                    terminal += os.read(master, 65536)
            if pending is not None and not termios.tcgetattr(slave)[3] & termios.ECHO:
                os.write(master, pending.encode() + b"\r")
                pending = None
        waiter.join()
        ended, status, usage = done[0]
        proc.returncode = os.waitstatus_to_exitcode(status)
        while select.select([master], [], [], 0)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            terminal += chunk
        os.close(master)
        os.close(slave)
        out.seek(0)
        stdout = out.read()
    cpu = usage.ru_utime + usage.ru_stime
    return Run(ended - began, cpu, usage.ru_maxrss / 1024, proc.returncode, stdout, bytes(terminal))


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MENTORJOURNAL_", "TEXTUAL", "PYTHON", "XDG_", "TMUX"))
    }
    env.update(
        {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    )
    env.update(extra)
    return env


# --- tmux -------------------------------------------------------------------------------------


class Tmux:
    """One tmux server and one pane, to start programs in and read the screen of.

    The screen is read (and keys sent) through one control-mode client (``tmux -C``) kept open
    for the whole run: polling by starting a ``tmux capture-pane`` process every few
    milliseconds would itself take a good part of a core from the program being measured.
    """

    def __init__(self, socket: Path) -> None:
        self.base = ["tmux", "-S", str(socket)]
        self.target = "bench:0.0"
        socket.unlink(missing_ok=True)
        env = clean_env()
        subprocess.run(
            [*self.base, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", TERM_SIZE[0]]
            + ["-y", TERM_SIZE[1], "sleep 1000000"],
            check=True,
            env=env,
        )
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("set-option", "-g", "status", "off")
        self.tmux("set-option", "-g", "window-size", "manual")
        self.control = subprocess.Popen(
            [*self.base, "-C", "attach-session", "-t", "bench", "-f", "no-output,ignore-size"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.command("display-message -p ready")  # the client is attached and answering

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], check=True, capture_output=True, text=True
        ).stdout

    def command(self, line: str) -> str:
        """One command through the control client; its output (between %begin and %end)."""
        assert self.control.stdin is not None and self.control.stdout is not None
        self.control.stdin.write(line + "\n")
        self.control.stdin.flush()
        out: list[str] = []
        inside = False
        for raw in self.control.stdout:
            text = raw.rstrip("\n")
            if not inside:
                # A reply to a command this client sent ends in flag 1 (the attach itself and
                # notifications do not).
                inside = text.startswith("%begin ") and text.endswith(" 1")
                continue
            if text.startswith(("%end ", "%error ")):
                if text.startswith("%error "):
                    raise RuntimeError(f"tmux refused {line!r}: {' '.join(out)}")
                return "\n".join(out) + "\n"
            out.append(text)
        raise RuntimeError("the tmux control client went away")

    def screen(self) -> str:
        return self.command(f"capture-pane -p -t {self.target}")

    def reset(self) -> None:
        """An empty pane running nothing of interest."""
        self.tmux("respawn-pane", "-k", "-t", self.target, "exec sleep 1000000")
        self.tmux("clear-history", "-t", self.target)
        deadline = time.monotonic() + 5
        while self.screen().strip() and time.monotonic() < deadline:
            time.sleep(0.02)

    def launch(self, cmd: Sequence[str | Path], **env: str) -> float:
        """Start ``cmd`` in the pane (killing what ran there); returns the time just before."""
        line = shlex.join(
            ["env", "TERM=xterm-256color", "COLORTERM=truecolor"]
            + [f"{k}={v}" for k, v in env.items()]
            + [str(c) for c in cmd]
        )
        began = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", self.target, line)
        return began

    def wait_for(self, pattern: str, *, timeout: float = 60.0, fail: Sequence[str] = ()) -> float:
        """Poll the screen every ~5 ms until ``pattern`` (a regex) shows; returns the time the
        capture that first showed it came back (so at most one poll late)."""
        rx = re.compile(pattern)
        deadline = time.perf_counter() + timeout
        shown = ""
        while time.perf_counter() < deadline:
            shown = self.screen()
            seen = time.perf_counter()
            if rx.search(shown):
                return seen
            for bad in fail:
                if bad in shown:
                    raise RuntimeError(f"{bad!r} showed instead of {pattern!r}:\n{shown}")
            time.sleep(POLL_S)
        raise TimeoutError(f"{pattern!r} never showed; the screen was:\n{shown}")

    def type(self, text: str) -> float:
        if "'" in text or "\n" in text:
            raise ValueError(f"cannot type {text!r} through tmux's command parser")
        began = time.perf_counter()
        self.command(f"send-keys -t {self.target} -l '{text}'")
        return began

    def key(self, *names: str) -> float:
        began = time.perf_counter()
        self.command(f"send-keys -t {self.target} {' '.join(names)}")
        return began

    def close(self) -> None:
        if self.control.poll() is None:
            assert self.control.stdin is not None
            self.control.stdin.close()
            self.control.wait(5)
        subprocess.run([*self.base, "kill-server"], capture_output=True)


# --- the work folder: journals, jrnl --------------------------------------------------------


@dataclass
class Work:
    root: Path
    jrnl_venv: Path

    @property
    def realistic(self) -> Path:
        return self.root / "realistic.db"

    @property
    def heavy(self) -> Path:
        return self.root / "heavy.db"

    @property
    def heavy_text(self) -> Path:
        return self.root / "heavy-jrnl.txt"

    @property
    def jrnl_home(self) -> Path:
        return self.root / "jrnl"

    @property
    def jrnl_journal(self) -> Path:
        return self.jrnl_home / "heavy.jrnl"

    @property
    def jrnl(self) -> Path:
        return self.jrnl_venv / "bin" / "jrnl"

    def jrnl_env(self) -> dict[str, str]:
        home = self.jrnl_home
        return clean_env(
            HOME=str(home / "home"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            # No keyring here: jrnl asks for the password at its prompt, like a person's.
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )


def prepare(work: Work, *, need_jrnl: bool, seed: int = gen.SEED) -> None:
    work.root.mkdir(parents=True, exist_ok=True)
    meta_path = work.root / "meta.json"
    meta = {"generator": gen.GENERATOR_VERSION, "seed": seed, "entries": gen.HEAVY_ENTRIES}
    if meta_path.exists() and json.loads(meta_path.read_text()) != meta:
        print("  the generator changed: building the journals again", flush=True)
        for p in (work.realistic, work.heavy, work.heavy_text, work.jrnl_journal):
            p.unlink(missing_ok=True)
    meta_path.write_text(json.dumps(meta))
    for kind, path in (("realistic", work.realistic), ("heavy", work.heavy)):
        if not path.exists():
            print(f"  building the {kind} journal (default KDF) …", flush=True)
            part = path.with_name(path.name + ".part")
            part.unlink(missing_ok=True)
            began = time.perf_counter()
            gen.generate(kind, part, seed=seed)
            part.rename(path)
            print(f"    {path} in {time.perf_counter() - began:.1f} s", flush=True)
    if not work.heavy_text.exists():
        gen.write_jrnl_text(work.heavy_text, seed)
    if need_jrnl:
        prepare_jrnl(work)


def to_yaml(data: dict[str, Any], indent: int = 0) -> str:
    """A small YAML writer for jrnl's config (mappings, strings, booleans, numbers)."""
    out = []
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:\n{to_yaml(value, indent + 2)}")
        elif isinstance(value, bool):
            out.append(f"{pad}{key}: {'true' if value else 'false'}\n")
        elif isinstance(value, int):
            out.append(f"{pad}{key}: {value}\n")
        else:
            quoted = str(value).replace("'", "''")
            out.append(f"{pad}{key}: '{quoted}'\n")
    return "".join(out)


def prepare_jrnl(work: Work) -> None:
    if not work.jrnl.exists():
        print(f"  installing jrnl from PyPI into {work.jrnl_venv} …", flush=True)
        base = shutil.which("python3") or sys.executable
        subprocess.run([base, "-m", "venv", str(work.jrnl_venv)], check=True)
        subprocess.run([str(work.jrnl_venv / "bin" / "pip"), "install", "-q", "jrnl"], check=True)
    jpy = str(work.jrnl_venv / "bin" / "python")
    version = subprocess.run(
        [jpy, "-c", "from jrnl import __version__; print(__version__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    config_dir = work.jrnl_home / "config" / "jrnl"
    config_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("home", "data"):
        (work.jrnl_home / sub).mkdir(exist_ok=True)
    config = {
        "version": version,
        "journals": {"default": {"journal": str(work.jrnl_journal), "encrypt": True}},
        "editor": "",
        "encrypt": True,
        "template": False,
        "default_hour": 9,
        "default_minute": 0,
        "timeformat": "%F %r",
        "tagsymbols": "#@",
        "highlight": True,
        "linewrap": 79,
        "indent_character": "|",
        "colors": {"body": "none", "date": "none", "tags": "none", "title": "none"},
    }
    # YAML, not JSON: jrnl takes a JSON config for jrnl 1.x's and offers to upgrade it.
    (config_dir / "jrnl.yaml").write_text(to_yaml(config))
    if not work.jrnl_journal.exists():
        print("  encrypting the heavy text as a jrnl journal (jrnl's own v3 encryption) …")
        script = (
            "import os, sys\n"
            "from jrnl.encryption import determine_encryption_method_for_writing\n"
            "cls = determine_encryption_method_for_writing(True)\n"
            "enc = cls('default', {})\n"
            "enc.password = os.environ['BENCH_PASSWORD']\n"
            "text = open(sys.argv[1], encoding='utf-8').read()\n"
            "open(sys.argv[2], 'wb').write(enc.encrypt(text))\n"
        )
        part = work.jrnl_journal.with_name(work.jrnl_journal.name + ".part")
        subprocess.run(
            [jpy, "-c", script, str(work.heavy_text), str(part)],
            check=True,
            env={**work.jrnl_env(), "BENCH_PASSWORD": gen.PASSPHRASE},
        )
        part.rename(work.jrnl_journal)


# --- other load on the machine ----------------------------------------------------------------


def cpu_busy(interval: float = 1.0) -> float:
    """The share of all CPUs busy (anything, ours included) over ``interval`` seconds."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields), idle

    total0, idle0 = sample()
    time.sleep(interval)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


class Quiet:
    """Before each section: note how busy the machine is, and optionally wait for it to calm."""

    def __init__(self, wait_s: float, limit: float = 0.25) -> None:
        self.wait_s = wait_s
        self.limit = limit
        self.seen: dict[str, float] = {}

    def before(self, section: str) -> None:
        busy = cpu_busy()
        deadline = time.monotonic() + self.wait_s
        while busy > self.limit and time.monotonic() < deadline:
            print(f"  (the machine is {busy:.0%} busy with other work; waiting)", flush=True)
            time.sleep(4)
            busy = cpu_busy()
        self.seen[section] = round(busy, 2)
        print(f"  [{section}: CPUs {busy:.0%} busy before starting]", flush=True)


# --- the measurements ---------------------------------------------------------------------


def ms(seconds: float) -> float:
    return seconds * 1000


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


def rss_mib(pid: int) -> float:
    """The current resident memory of a running process (VmRSS), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


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


def kdf_ms() -> float:
    """One key derivation with the default (real) parameters, in this process."""
    from mentorjournal.store.crypto import DEFAULT_KDF, derive_key, new_salt

    salt = new_salt()
    began = time.perf_counter()
    derive_key(gen.PASSPHRASE, salt, DEFAULT_KDF)
    return ms(time.perf_counter() - began)


def measure_kdf(res: Results, runs: int) -> None:
    from mentorjournal.store.crypto import DEFAULT_KDF as K

    print("\n== KDF (Argon2id, default parameters, in-process) ==", flush=True)
    kdf_ms()
    label = f"KDF: Argon2id {K.memory_kib // 1024} MiB, t={K.iterations}, p={K.lanes}"
    for _ in range(max(runs, 5)):
        res.add("kdf", label, "ms", kdf_ms())


def mj_env(passphrase: str = gen.PASSPHRASE, **extra: str) -> dict[str, str]:
    return clean_env(MENTORJOURNAL_PASSPHRASE=passphrase, **extra)


def record(res: Results, key: str, label: str, run: Run) -> None:
    res.add(f"{key}_time", label, "ms", ms(run.wall_s))
    res.add(f"{key}_cpu", f"{label} (CPU time)", "ms", ms(run.cpu_s))
    res.add(f"{key}_peak", f"{label} (peak memory)", "MiB", run.maxrss_mib)


def measure_search(work: Work, res: Results, runs: int, with_jrnl: bool) -> None:
    word, count = next(iter(gen.PLANTED["heavy"].items()))
    print(f"\n== CLI search for “{word}” ({count} entries), heavy journal ==", flush=True)
    mj_cmd: list[str | Path] = [MJ, "--journal", work.heavy, "search", word]
    jrnl_cmd: list[str | Path] = [work.jrnl, "-contains", word]

    def mj() -> Run:
        run = run_measured(mj_cmd, mj_env())
        lines = run.stdout.decode().splitlines()
        if run.returncode != 0 or len(lines) != count:
            raise RuntimeError(f"mentorjournal search: rc {run.returncode}, {len(lines)} lines")
        return run

    def jrnl() -> Run:
        run = run_measured(jrnl_cmd, work.jrnl_env(), answer=gen.PASSPHRASE)
        found = re.search(rb"(\d+) entr(?:y|ies) found", run.terminal)
        if run.returncode != 0 or not found or int(found.group(1)) != count:
            raise RuntimeError(f"jrnl: rc {run.returncode}; its terminal said:\n{run.terminal!r}")
        return run

    mj()  # warm-up
    if with_jrnl:
        jrnl()
    for _ in range(runs):
        record(res, "search_mj", "CLI search: mentorjournal search, heavy", mj())
        if with_jrnl:
            record(res, "search_jrnl", "CLI search: jrnl -contains, same text", jrnl())


def measure_export(work: Work, res: Results, runs: int, *, quick: bool = False) -> Path:
    print("\n== export, heavy journal ==", flush=True)
    out_json = work.root / "heavy-export.json"
    out_md = work.root / "heavy-export.md"
    formats = (("json", out_json),) if quick else (("json", out_json), ("markdown", out_md))
    for i in range(runs + 1):
        for fmt, out in formats:
            out.unlink(missing_ok=True)
            run = run_measured(
                [MJ, "--journal", work.heavy, "export", "--format", fmt, "-o", out], mj_env()
            )
            if run.returncode != 0 or not out.exists():
                raise RuntimeError(f"export failed: {run.terminal!r}")
            if i:
                record(res, f"export_{fmt}", f"export {fmt}, heavy", run)
    return out_json


def measure_import(work: Work, res: Results, runs: int, export: Path) -> None:
    from mentorjournal.journal import Journal

    print("\n== import into an empty journal, heavy export ==", flush=True)
    if not export.exists():
        run_measured([MJ, "--journal", work.heavy, "export", "-o", export], mj_env())
    for i in range(runs):
        target = work.root / f"import-{i}.db"
        target.unlink(missing_ok=True)
        journal, _ = Journal.create(target, gen.PASSPHRASE)  # default KDF, as `init` would
        journal.close()
        run = run_measured([MJ, "--journal", target, "import", export], mj_env())
        if run.returncode != 0 or b"10000 reflections" not in run.stdout:
            raise RuntimeError(f"import failed: {run.stdout!r} {run.terminal!r}")
        record(res, "import", "import JSON into an empty journal, heavy", run)
        target.unlink()


def measure_passwd(work: Work, res: Results, runs: int) -> None:
    print("\n== passwd (real KDF: unlock + new wrap) ==", flush=True)
    for kind, source in (("heavy", work.heavy), ("realistic", work.realistic)):
        copy = work.root / f"passwd-{kind}.db"
        copy.unlink(missing_ok=True)
        shutil.copyfile(source, copy)
        current, new = gen.PASSPHRASE, OTHER_PASSPHRASE
        for _ in range(runs):
            run = run_measured(
                [MJ, "--journal", copy, "passwd"],
                mj_env(current, MENTORJOURNAL_NEW_PASSPHRASE=new),
            )
            if run.returncode != 0:
                raise RuntimeError(f"passwd failed: {run.terminal!r}")
            record(res, f"passwd_{kind}", f"passwd, {kind}", run)
            current, new = new, current
        copy.unlink()


# --- budgets, machine, report -----------------------------------------------------------


@dataclass
class Budget:
    name: str
    measured: str
    limit: str
    ok: bool | None


def budgets(res: Results) -> list[Budget]:
    out: list[Budget] = []
    m = res.median
    if (bare := m("launch_bare")) and (mj := m("launch_mj")):
        out.append(
            Budget(
                "launch → unlock screen painted",
                f"{mj:.0f} ms vs bare {bare:.0f} ms = {mj / bare:.2f}×",
                "≤ 1.20× bare Textual app",
                mj / bare <= 1.2,
            )
        )
    if (home := m("unlock_home_heavy")) and (kdf := m("kdf_tui") or m("kdf")):
        out.append(
            Budget(
                "unlock → home, heavy (10 k entries)",
                f"{home:.0f} ms = KDF {kdf:.0f} ms + {home - kdf:.0f} ms",
                "≤ KDF + 150 ms",
                home <= kdf + 150,
            )
        )
    if (s_mj := m("search_mj_time")) and (s_j := m("search_jrnl_time")):
        out.append(
            Budget(
                "CLI search, heavy, unlock included: time",
                f"{s_mj:.0f} ms vs jrnl {s_j:.0f} ms = {s_mj / s_j:.2f}×"
                + (
                    f" (CPU time {c_mj:.0f} vs {c_j:.0f} ms = {c_mj / c_j:.2f}×)"
                    if (c_mj := m("search_mj_cpu")) and (c_j := m("search_jrnl_cpu"))
                    else ""
                ),
                "≤ 0.50× jrnl -contains",
                s_mj / s_j <= 0.5,
            )
        )
    if peak := m("search_mj_peak"):
        out.append(
            Budget(
                "CLI search, heavy: peak memory",
                f"{peak:.0f} MiB",
                "≤ 150 MiB",
                peak <= 150,
            )
        )
    heavy, small = res.series.get("passwd_heavy_time"), res.series.get("passwd_realistic_time")
    if heavy and small:
        # Judged on the fastest runs: other work on the machine only ever adds time, and the
        # question is whether any work grows with the journal.
        ph, pr = min(heavy.values), min(small.values)
        out.append(
            Budget(
                "passphrase change independent of size",
                f"fastest: heavy {ph:.0f} ms vs realistic {pr:.0f} ms = {ph / pr:.2f}×",
                "≤ 1.20× (same work whatever the size)",
                ph / pr <= 1.2,
            )
        )
    return out


def _first(path: str, key: str) -> str:
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
    return "?"


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def machine(work: Work) -> dict[str, str]:
    import cryptography
    import sqlalchemy
    import textual

    mem_kib = _first("/proc/meminfo", "MemTotal").split()[0]
    os_name = _first("/etc/os-release", "PRETTY_NAME").strip('"')
    jrnl_version = "?"
    if work.jrnl.exists():
        jrnl_version = _version(
            [
                str(work.jrnl_venv / "bin" / "python"),
                "-c",
                "from jrnl import __version__; print(__version__)",
            ]
        )
    return {
        "cpus (nproc)": str(len(os.sched_getaffinity(0))),
        "cpu model": _first("/proc/cpuinfo", "model name"),
        "memory": f"{int(mem_kib) / 1024 / 1024:.1f} GiB" if mem_kib.isdigit() else "?",
        "os": f"{os_name}, kernel {platform.release()}",
        "python": platform.python_version(),
        "textual": textual.__version__,
        "cryptography": cryptography.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "tmux": _version(["tmux", "-V"]),
        "jrnl": jrnl_version,
    }


def table(res: Results) -> str:
    lines = [
        "| measurement | median | min | max | unit | runs |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for s in res.series.values():
        lines.append(
            f"| {s.label} | {s.median:.1f} | {min(s.values):.1f} | {max(s.values):.1f} "
            f"| {s.unit} | {len(s.values)} |"
        )
    return "\n".join(lines)


def budget_table(items: list[Budget]) -> str:
    lines = ["| budget | measured (medians) | limit | result |", "| --- | --- | --- | --- |"]
    for b in items:
        verdict = "n/a" if b.ok is None else ("PASS" if b.ok else "FAIL")
        lines.append(f"| {b.name} | {b.measured} | {b.limit} | {verdict} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=(__doc__ or "").split("\n")[0]
    )
    p.add_argument("--runs", type=int, default=5, help="runs of each measurement (default 5)")
    p.add_argument("--quick", action="store_true", help="2 runs each, no Markdown export (~2 min)")
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
    if {"launch", "tui"} & only and shutil.which("tmux") is None:
        p.error("tmux is needed for the launch and tui measurements")

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

    checks = budgets(res)
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
    print("\n## Budgets\n")
    print(budget_table(checks))
    print("\n## Machine\n")
    for k, v in info.items():
        print(f"- {k}: {v}")
    print(f"- CPUs busy before each section: {quiet.seen}")
    print(f"\n{command}: {runs} runs each, {elapsed / 60:.1f} min in all")
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": command,
        "runs": runs,
        "elapsed_s": round(elapsed, 1),
        "machine": info,
        "planted": gen.PLANTED,
        "series": {k: s.as_json() for k, s in res.series.items()},
        "budgets": [b.__dict__ for b in checks],
        "cpu_busy_before_sections": quiet.seen,
    }
    args.results.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
