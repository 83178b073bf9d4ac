"""What a benchmark run concludes: the budgets met or missed, the machine it ran on, the tables."""

from __future__ import annotations

import contextlib
import os
import platform
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measuring import Results
from benchmarks.workspace import Work


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
