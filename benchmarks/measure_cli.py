"""Measurements of the command line and the key derivation: search against jrnl, export, import,
passwd, and Argon2id alone.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from benchmarks import generate as gen
from benchmarks.measuring import MJ, Results, Run, clean_env, ms, run_measured
from benchmarks.workspace import OTHER_PASSPHRASE, Work


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
    from mentorjournal.journal.journal import Journal

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
