"""Running ``cli.main`` in tests: the runner, the passphrases it sets, a filled journal, and the
check that an error is one line."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

PASS = "pass phrase words"
NEW_PASS = "quartz lantern meadow harbour"
ENV = (
    "MENTORJOURNAL_JOURNAL",
    "MENTORJOURNAL_PASSPHRASE",
    "MENTORJOURNAL_NEW_PASSPHRASE",
    "MENTORJOURNAL_RECOVERY_KEY",
)


class Cli:
    """Runs ``main`` with the fast KDF (and the journal's ``clock``, when given) and returns
    (exit code, stdout, stderr)."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def env(self, **values: str | None) -> None:
        for key, value in values.items():
            name = f"MENTORJOURNAL_{key.upper()}"
            if value is None:
                self.monkeypatch.delenv(name, raising=False)
            else:
                self.monkeypatch.setenv(name, value)

    def __call__(
        self,
        *argv: str,
        kdf: object = FAST_KDF_FOR_TESTS,
        clock: Callable[[], datetime] | None = None,
    ) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = cli.main(list(argv), kdf=kdf, clock=clock)  # type: ignore[arg-type]
        out, err = self.capsys.readouterr()
        return code, out, err


def start_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Cli:
    """A runner whose environment names the journal ``tmp_path / "j.db"`` and its passphrase."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTORJOURNAL_JOURNAL", str(tmp_path / "j.db"))
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASS)
    return Cli(capsys, monkeypatch)


def fill_journal(tmp_path: Path, make_sample):
    """Create ``tmp_path / "j.db"`` (the journal ``start_cli`` names) with the sample in it.

    Returns the sample and the recovery key.
    """
    j, recovery_key = Journal.create(tmp_path / "j.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    sample = make_sample(j)
    j.close()
    return sample, recovery_key


def assert_one_error_line(code: int, out: str, err: str, contains: str = "") -> None:
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert err.startswith("mentorjournal: ")
    assert "Traceback" not in err
    assert contains in err


def fake_tui(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Stand in for the terminal app: ``run_app`` only notes the journal it was started on."""
    started: list[Path] = []

    def run_app(path: Path, **_kw: object) -> int:
        started.append(path)
        return 0

    fake = types.ModuleType("mentorjournal.tui.app")
    fake.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mentorjournal.tui.app", fake)
    return started
