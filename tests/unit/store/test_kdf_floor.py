"""The KDF parameters a journal may name: never below the floor (this version's default memory
and iterations) unless this process asked for the test-only fast KDF, never absurd, checked
before anything is derived; and every new wrap uses the default, never what the file says."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorjournal.errors import TamperedData
from mentorjournal.journal.journal import Journal
from mentorjournal.store import crypto
from mentorjournal.store.crypto import DEFAULT_KDF, FAST_KDF_FOR_TESTS, KdfParams
from tests.unit.cli_runner import NEW_PASS, PASS, assert_one_error_line, start_cli

ROOT = Path(__file__).resolve().parents[3]
WEAK = {"name": "argon2id", "memory_kib": 8, "iterations": 1, "lanes": 1}  # the downgrade
ABSURD = {
    "1 GiB": {"name": "argon2id", "memory_kib": 1024 * 1024, "iterations": 3, "lanes": 4},
    "t=64": {"name": "argon2id", "memory_kib": 64 * 1024, "iterations": 64, "lanes": 4},
    "64 lanes": {"name": "argon2id", "memory_kib": 64 * 1024, "iterations": 3, "lanes": 64},
}


def stored_kdf(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        return json.loads(conn.execute("SELECT kdf FROM vault").fetchone()[0])
    finally:
        conn.close()


def set_kdf(path: Path, params: dict[str, object]) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE vault SET kdf = ?", (json.dumps(params),))
    conn.close()


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[KdfParams]:
    """Every key derivation that reaches Argon2id."""
    seen: list[KdfParams] = []
    real = crypto._derive

    def spy(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        seen.append(params)
        return real(passphrase, salt, params)

    monkeypatch.setattr(crypto, "_derive", spy)
    return seen


def made(tmp_path: Path) -> tuple[Path, str]:
    journal, recovery_key = Journal.create(tmp_path / "j.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    journal.close()
    return tmp_path / "j.db", recovery_key


def test_the_default_is_the_floor_and_the_fast_test_kdf_is_below_it() -> None:
    assert DEFAULT_KDF.problem() is None
    assert DEFAULT_KDF.memory_kib == crypto.MIN_MEMORY_KIB
    assert DEFAULT_KDF.iterations == crypto.MIN_ITERATIONS
    assert KdfParams(memory_kib=64 * 1024 - 1).problem() == crypto.BELOW_FLOOR
    assert KdfParams(iterations=2).problem() == crypto.BELOW_FLOOR
    assert KdfParams(lanes=1).problem() is None  # fewer lanes: not weaker against guessing
    assert KdfParams(memory_kib=256 * 1024, iterations=10).problem() is None  # stronger is fine
    assert not FAST_KDF_FOR_TESTS.memory_kib >= crypto.MIN_MEMORY_KIB


def test_the_fast_kdf_opens_only_where_a_process_asked_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, derivations: list[KdfParams]
) -> None:
    path, _ = made(tmp_path)
    before = path.read_bytes()
    derivations.clear()
    monkeypatch.setattr(crypto, "_TEST_PERMITTED", set())  # as in any real process
    with pytest.raises(TamperedData) as err:
        Journal.open(path, PASS)
    assert str(err.value) == crypto.BELOW_FLOOR
    with pytest.raises(TamperedData):
        Journal.create(tmp_path / "other.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    assert derivations == [] and path.read_bytes() == before
    assert not (tmp_path / "other.db").exists()


def test_the_installed_command_refuses_a_fast_kdf_journal(tmp_path: Path) -> None:
    """The real command line (no test parameter) treats the test KDF like any weak one."""
    path, _ = made(tmp_path)
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MENTORJOURNAL_PASSPHRASE": PASS}
    done = subprocess.run(
        [sys.executable, "-m", "mentorjournal", "--journal", str(path), "search", "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"mentorjournal: {crypto.BELOW_FLOOR}\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["search", "recover", "passwd", "export", "info"])
def test_a_downgraded_journal_is_refused_before_deriving(
    tmp_path: Path, capsys, monkeypatch, derivations: list[KdfParams], command: str
) -> None:
    path, recovery_key = made(tmp_path)
    set_kdf(path, WEAK)
    before = path.read_bytes()
    derivations.clear()
    run = start_cli(capsys, monkeypatch, tmp_path)
    run.env(recovery_key=recovery_key, new_passphrase=NEW_PASS)
    code, out, err = run(command, *(["x"] if command == "search" else []))
    assert_one_error_line(code, out, err, "weaker than MentorJournal ever writes")
    assert derivations == []
    assert path.read_bytes() == before


@pytest.mark.parametrize("which", list(ABSURD))
def test_absurd_parameters_are_refused_at_once(
    tmp_path: Path, derivations: list[KdfParams], which: str
) -> None:
    path, recovery_key = made(tmp_path)
    set_kdf(path, ABSURD[which])
    before = path.read_bytes()
    derivations.clear()
    started = time.monotonic()
    for attempt in (
        lambda: Journal.open(path, PASS),
        lambda: Journal.recover(path, recovery_key, NEW_PASS),
    ):
        with pytest.raises(TamperedData) as err:
            attempt()
        assert str(err.value) == crypto.ABOVE_CAPS
    assert time.monotonic() - started < 2.0
    assert derivations == [] and path.read_bytes() == before


def test_recover_wraps_with_the_default_not_the_files_parameters(tmp_path: Path) -> None:
    path, recovery_key = made(tmp_path)
    assert stored_kdf(path)["memory_kib"] == FAST_KDF_FOR_TESTS.memory_kib
    Journal.recover(path, recovery_key, NEW_PASS).close()
    assert stored_kdf(path) == json.loads(DEFAULT_KDF.to_json())
    Journal.open(path, NEW_PASS).close()


def test_a_passphrase_change_wraps_with_the_default(tmp_path: Path) -> None:
    path, _ = made(tmp_path)
    journal = Journal.open(path, PASS)
    journal.change_passphrase(NEW_PASS)
    journal.close()
    assert stored_kdf(path) == json.loads(DEFAULT_KDF.to_json())


def test_a_stronger_journal_is_still_rewrapped_with_the_default(tmp_path: Path) -> None:
    """'Or stronger' is allowed to open; what is written is always this version's default."""
    stronger = KdfParams(memory_kib=80 * 1024, iterations=3, lanes=2)
    journal, _ = Journal.create(tmp_path / "s.db", PASS, kdf=stronger)
    journal.change_passphrase(NEW_PASS)
    journal.close()
    assert stored_kdf(tmp_path / "s.db") == json.loads(DEFAULT_KDF.to_json())
