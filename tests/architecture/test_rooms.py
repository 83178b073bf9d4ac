"""The package's rooms and the one-way arrows between them (docs/architecture.md).

Read from the source, so a change that breaks a rule fails here with the module and the arrow
named, before anyone has to notice it in review.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.architecture.import_graph import (
    SRC,
    all_modules,
    cycles,
    external,
    graph,
    imported_names,
)

ROOMS = {"mentoring", "store", "journal", "exchange", "cli", "tui"}
TOP_FILES = {"__init__.py", "__main__.py", "domain.py", "errors.py"}
SHARED = {"mentorjournal", "mentorjournal.domain", "mentorjournal.errors"}
# What each room may import from the package, besides itself and the shared words.
MAY_IMPORT = {
    "mentoring": set(),
    "store": set(),
    "journal": {"mentoring", "store"},
    "exchange": {"journal", "mentoring", "store"},
    "cli": {"exchange", "journal", "mentoring", "store", "tui"},
    "tui": {"exchange", "journal", "mentoring", "store"},
}
# mentoring/ is pure: the standard library and dateutil only.
MENTORING_OUTSIDE = {"dateutil"}
NOT_TEXTUAL = ("mentoring", "store", "journal", "exchange")
MAX_LINES = 400
MAX_APP_LINES = 200


def room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ROOMS else None


def test_the_top_level_holds_only_the_shared_words_and_the_rooms() -> None:
    files = {p.name for p in SRC.iterdir() if p.is_file() and p.suffix == ".py"}
    folders = {p.name for p in SRC.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert files == TOP_FILES
    assert folders == ROOMS
    for folder in folders:
        assert (SRC / folder / "__init__.py").is_file(), f"{folder}/ is not a package"


def test_arrows_between_rooms_point_down_only() -> None:
    wrong = []
    for module, targets in graph().items():
        here = room(module)
        for target in targets:
            there = room(target)
            if target in SHARED or there == here:
                continue
            if here is None:  # the shared words import nothing of the package
                if module != "mentorjournal.__main__" or there != "cli":
                    wrong.append(f"{module} -> {target}")
            elif there is None or there not in MAY_IMPORT[here]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_cycle_outside_the_interface() -> None:
    arrows = {
        m: {t for t in ts if room(t) != "tui"} for m, ts in graph().items() if room(m) != "tui"
    }
    assert cycles(arrows) == []


def test_screens_and_widgets_never_import_the_app_at_run_time() -> None:
    wrong = [
        module
        for module, targets in graph().items()
        if module.startswith(("mentorjournal.tui.screens", "mentorjournal.tui.widgets"))
        and "mentorjournal.tui.app" in targets
    ]
    assert wrong == []


def test_mentoring_is_pure() -> None:
    stdlib = sys.stdlib_module_names
    for name, path in all_modules().items():
        if room(name) == "mentoring":
            outside = {m for m in external(path) if m not in stdlib and m != "__future__"}
            assert outside <= MENTORING_OUTSIDE, f"{name} imports {sorted(outside)}"


@pytest.mark.parametrize("where", NOT_TEXTUAL)
def test_rooms_below_the_front_ends_never_import_textual(where: str) -> None:
    modules = {n: p for n, p in all_modules().items() if room(n) == where}
    assert modules, where
    for name, path in modules.items():
        imports = imported_names(path)
        assert not {m for m in imports if m.split(".")[0] in {"textual", "rich"}}, name


def test_no_source_file_is_long() -> None:
    sizes = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in SRC.rglob("*.py")}
    assert {str(p.relative_to(SRC)): n for p, n in sizes.items() if n > MAX_LINES} == {}
    assert sizes[SRC / "tui" / "app.py"] <= MAX_APP_LINES


def test_the_rules_catch_a_wrong_arrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above can fail: a pure module importing the store, and a cycle, are found."""
    from tests.architecture import import_graph

    fake = tmp_path / "mentorjournal"
    (fake / "mentoring").mkdir(parents=True)
    (fake / "store").mkdir()
    for init in (fake, fake / "mentoring", fake / "store"):
        (init / "__init__.py").write_text("")
    (fake / "mentoring" / "a.py").write_text("from mentorjournal.store import b\n")
    (fake / "store" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import mentorjournal.store.c\n"
        "def f():\n    from mentorjournal.store import c\n"
    )
    (fake / "store" / "c.py").write_text("import mentorjournal.store.b\n")
    monkeypatch.setattr(import_graph, "SRC", fake)
    arrows = import_graph.graph()
    assert arrows["mentorjournal.mentoring.a"] == {"mentorjournal.store.b"}
    assert import_graph.cycles(arrows) == [["mentorjournal.store.b", "mentorjournal.store.c"]]


def test_the_core_loads_no_textual_in_a_fresh_interpreter(tmp_path: Path) -> None:
    """Importing every module below the front ends, and using a journal, loads no Textual."""
    core = sorted(n for n in all_modules() if room(n) in NOT_TEXTUAL)
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "from mentorjournal.journal.journal import Journal\n"
        "from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS, permit_test_kdf\n"
        "permit_test_kdf(FAST_KDF_FOR_TESTS)\n"
        f"j, _ = Journal.create({str(tmp_path / 'j.db')!r}, 'pass phrase words', "
        "kdf=FAST_KDF_FOR_TESTS)\n"
        "j.search('x'); j.standings(); j.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert len(core) >= 30


def test_every_import_of_the_package_names_a_module_that_exists() -> None:
    """A moved module leaves no import behind that only a missing-imports setting hides."""
    modules = all_modules()
    wrong = []
    for name, path in modules.items():
        for imported in imported_names(path):
            if not imported.startswith("mentorjournal"):
                continue
            base, _, attribute = imported.rpartition(".")
            if imported not in modules and (base not in modules or not attribute):
                wrong.append(f"{name}: {imported}")
    assert wrong == []
