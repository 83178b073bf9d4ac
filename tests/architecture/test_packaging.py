"""The built wheel (not the editable checkout) holds every room and the assets, and runs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mentorjournal import __version__
from tests.architecture.import_graph import SRC, all_modules

ROOT = SRC.parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(
            f"the wheel could not be built here (no network for hatchling?): {build.stderr}"
        )
    (wheel,) = out.glob("mentorjournal-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_from(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
        cwd=site,
    )


def test_the_wheel_holds_every_module_and_asset(unpacked_wheel: Path) -> None:
    packaged = {p.relative_to(unpacked_wheel) for p in unpacked_wheel.rglob("*") if p.is_file()}
    for path in all_modules().values():
        assert path.relative_to(SRC.parent) in packaged, path
    for asset in (ROOT / "assets").iterdir():
        assert Path("mentorjournal/assets") / asset.name in packaged
    assert Path("mentorjournal/tui/app.tcss") in packaged


def test_the_installed_package_reads_its_own_assets(unpacked_wheel: Path) -> None:
    done = run_from(
        unpacked_wheel,
        "-c",
        "import mentorjournal, sys\n"
        "from mentorjournal.mentoring.prompts import builtin_themes, read_asset\n"
        "assert mentorjournal.__file__.startswith(sys.argv[1]), mentorjournal.__file__\n"
        "print(read_asset('prompts.toml')[1]); print(len(builtin_themes()))",
        str(unpacked_wheel),
    )
    assert done.returncode == 0, done.stderr
    where, count = done.stdout.split()
    assert where == str(unpacked_wheel / "mentorjournal" / "assets" / "prompts.toml")
    assert int(count) >= 7


def test_python_dash_m_runs_the_command_line_of_the_wheel(unpacked_wheel: Path) -> None:
    done = run_from(unpacked_wheel, "-m", "mentorjournal", "--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"mentorjournal {__version__}"), (
        done.stderr
    )
