"""What the benchmark measures with: series of results, and a process's wall time, CPU time and
peak memory; how busy the machine is.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import statistics
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


PY = Path(sys.executable)


MJ = PY.with_name("mentorjournal")


POLL_S = 0.005


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

    def add(self, key: str, label: str, unit: str, value: float, *, quiet: bool = False) -> None:
        self.series.setdefault(key, Series(label, unit)).values.append(value)
        if not quiet:
            shown = f"{value:8.1f} {unit}"
            print(f"    {label:<58} {shown}", flush=True)

    def median(self, key: str) -> float | None:
        s = self.series.get(key)
        return s.median if s and s.values else None


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


def ms(seconds: float) -> float:
    return seconds * 1000


def rss_mib(pid: int) -> float:
    """The current resident memory of a running process (VmRSS), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")
