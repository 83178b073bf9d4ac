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


# --- moving between screens (benchmarks/measure_screens.py) ---------------------------------

OPEN_MEDIAN = {"realistic": 1.5, "heavy": 2.0}  # × the bare app, same run
OPEN_P95 = {"realistic": 2.0}
BACK_MEDIAN = 1.2
TYPING_MEDIAN = 1.2


@dataclass
class ScreenRow:
    screen: str
    kind: str
    opened: tuple[float, float]  # median: the app's, the bare app's
    opened_p95: tuple[float, float]
    back: tuple[float, float]  # median

    def ratios(self) -> tuple[float, float, float]:
        return tuple(a / b for a, b in (self.opened, self.opened_p95, self.back))  # type: ignore[return-value]

    def ok(self) -> bool:
        opened, opened_p95, back = self.ratios()
        limit_p95 = OPEN_P95.get(self.kind)
        return (
            opened <= OPEN_MEDIAN[self.kind]
            and (limit_p95 is None or opened_p95 <= limit_p95)
            and back <= BACK_MEDIAN
        )


def screen_rows(res: Results) -> list[ScreenRow]:
    from benchmarks.measure_screens import MOVES, p95, slug

    rows = []
    for kind in ("realistic", "heavy"):
        for move in MOVES:
            series = {
                (side, way): res.series.get(f"screen_{side}_{way}_{slug(move.name)}_{kind}")
                for side in ("mj", "bare")
                for way in ("open", "back")
            }
            if any(s is None or not s.values for s in series.values()):
                continue
            mo, bo = series["mj", "open"], series["bare", "open"]
            mb, bb = series["mj", "back"], series["bare", "back"]
            assert mo and bo and mb and bb
            rows.append(
                ScreenRow(
                    move.name,
                    kind,
                    (mo.median, bo.median),
                    (p95(mo.values), p95(bo.values)),
                    (mb.median, bb.median),
                )
            )
    return rows


def screens_table(rows: list[ScreenRow]) -> str:
    lines = [
        "| screen | journal | open, median: app / bare | open, p95: app / bare "
        "| back (esc), median: app / bare | within budget |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        opened, opened_p95, back = r.ratios()
        lines.append(
            f"| {r.screen} | {r.kind} "
            f"| {r.opened[0]:.0f} / {r.opened[1]:.0f} ms = **{opened:.2f}×** "
            f"| {r.opened_p95[0]:.0f} / {r.opened_p95[1]:.0f} ms = {opened_p95:.2f}× "
            f"| {r.back[0]:.0f} / {r.back[1]:.0f} ms = **{back:.2f}×** "
            f"| {'yes' if r.ok() else 'NO'} |"
        )
    return "\n".join(lines)


def screen_budgets(res: Results) -> list[Budget]:
    """One line per journal (every screen within its budgets?) and one for typing."""
    out: list[Budget] = []
    rows = screen_rows(res)
    for kind in ("realistic", "heavy"):
        mine = [r for r in rows if r.kind == kind]
        if not mine:
            continue
        failed = [r.screen for r in mine if not r.ok()]
        limit = f"open ≤ {OPEN_MEDIAN[kind]}× median"
        if kind in OPEN_P95:
            limit += f", ≤ {OPEN_P95[kind]}× p95"
        out.append(
            Budget(
                f"screens, {kind}: key → painted, esc → back",
                f"{len(mine) - len(failed)} of {len(mine)} screens within"
                + (f" (not: {', '.join(failed)})" if failed else ""),
                f"{limit}; back ≤ {BACK_MEDIAN}× median (bare Textual, same run)",
                not failed,
            )
        )
    app, bare = res.series.get("typing_mj"), res.series.get("typing_bare")
    if app and bare and app.values and bare.values:
        from benchmarks.measure_screens import p95

        saves = res.median("typing_saves")
        out.append(
            Budget(
                "typing in 1 MB of meeting notes",
                f"median {app.median:.0f} vs bare TextArea {bare.median:.0f} ms = "
                f"{app.median / bare.median:.2f}× (p95 {p95(app.values):.0f} vs "
                f"{p95(bare.values):.0f} ms)"
                + (f"; {saves:.0f} autosaves meanwhile" if saves is not None else ""),
                f"≤ {TYPING_MEDIAN}× median",
                app.median / bare.median <= TYPING_MEDIAN,
            )
        )
    return out
