"""The ``mentorjournal`` command line alongside an open journal: each sees what the other wrote,
two imports at once both land, and while another holds the journal the command says in one line
that it is in use. Never a damaged file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal.domain import Relationship
from mentorjournal.journal.journal import Journal
from tests.unit.two_instances.checks import import_file, integrity, titles
from tests.unit.two_instances.processes import (
    BUSY_SENTENCE,
    EXCLUSIVE,
    HOLDER,
    PASS,
    ROOT,
    SHORT_WAIT_CLI,
    cli,
    env,
    finish,
    start,
    wait_for_line,
)


def test_the_command_line_and_an_open_journal_see_each_other(path: Path, tmp_path: Path) -> None:
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == set()
        done = cli("--journal", str(path), "import", str(import_file(tmp_path, "x", ["by CLI"])))
        assert (done.returncode, done.stderr) == (0, ""), done.stderr
        assert titles(j) == {"by CLI"}
        j.save(Relationship(title="by the open journal"))
        exported = cli("--journal", str(path), "export")
        assert exported.returncode == 0, exported.stderr
        got = {r["title"] for r in json.loads(exported.stdout)["relationships"]}
        assert got == {"by CLI", "by the open journal"}
    finally:
        j.close()


def test_two_imports_at_once_both_land(path: Path, tmp_path: Path) -> None:
    files = [
        import_file(tmp_path, name, [f"{name}-{i}" for i in range(300)]) for name in ("p", "q")
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.fast_cli", "--journal", str(path), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            cwd=ROOT,
        )
        for f in files
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, err) == (0, "")
        assert out == "Imported 300 relationships.\n"
    assert integrity(path) == [("ok",)]
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == {f"{n}-{i}" for n in "pq" for i in range(300)}
    finally:
        j.close()


def test_two_imports_of_one_file_at_once_add_it_once(path: Path, tmp_path: Path) -> None:
    """Issue 14: one of them failed with "UNIQUE constraint failed"."""
    data = import_file(tmp_path, "same", [f"s-{i}" for i in range(300)])
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.fast_cli", "--journal", str(path), "import", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, err) == (0, "")
        outs.append(out)
    assert sorted(outs) == [
        "Imported 300 relationships.\n",
        "Imported nothing new; 300 already present.\n",
    ]
    assert integrity(path) == [("ok",)]
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == {f"s-{i}" for i in range(300)}
    finally:
        j.close()


@pytest.mark.parametrize("held_by", ["writer", "exclusive"])
def test_the_command_line_says_in_one_line_that_the_journal_is_in_use(
    path: Path, tmp_path: Path, held_by: str
) -> None:
    data = import_file(tmp_path, "x", ["by CLI"])
    release = tmp_path / "release"
    holder = (
        start(HOLDER, path, PASS, "held elsewhere", release)
        if held_by == "writer"
        else start(EXCLUSIVE, path, release)
    )
    try:
        wait_for_line(holder, "holding")
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                SHORT_WAIT_CLI,
                "0.3",
                "--journal",
                str(path),
                "import",
                str(data),
            ],
            capture_output=True,
            text=True,
            env=env(),
            cwd=ROOT,
            timeout=60,
        )
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr == f"mentorjournal: {BUSY_SENTENCE}\n"
        release.touch()
        finish(holder)
    finally:
        if holder.poll() is None:
            holder.kill()
    j = Journal.open(path, PASS)
    try:
        assert titles(j) == ({"held elsewhere"} if held_by == "writer" else set())
    finally:
        j.close()
    assert integrity(path) == [("ok",)]
