"""The key map (tui/keymap.py) is the only place keys are written, and it keeps its own rules:
the same job has the same key on every screen, a key means one thing on a screen, footer labels
are short, and the README's table is the one the map makes."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from pathlib import Path

import pytest
from textual.dom import DOMNode

import mentorjournal.tui
from mentorjournal.tui import keymap
from mentorjournal.tui.keymap_readme import HEADER, readme_table

README = Path(__file__).parents[2] / "README.md"
PARTS = {part for section in keymap.KEYMAP.values() for part in section.parts}
SCREENS = [name for name in keymap.KEYMAP if name not in PARTS | {"app", "typing"}]


def action_name(action: str) -> str:
    return action.partition("(")[0]


def key_patterns(key: keymap.Key) -> set[str]:
    """Its keys, a numbered one as its pattern ("alt+{n}")."""
    return {key.keys} if key.numbers else set(key.keys.split(","))


def jobs_of(screen: str) -> dict[str, set[str]]:
    """Each action of a screen (its own section and its widgets') with all its keys."""
    jobs: dict[str, set[str]] = defaultdict(set)
    for name in [screen, *keymap.KEYMAP[screen].parts]:
        for key in keymap.KEYMAP[name].keys:
            jobs[action_name(key.action)] |= key_patterns(key)
    return jobs


def test_the_same_job_has_the_same_keys_on_every_screen() -> None:
    where: dict[str, dict[frozenset[str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for screen in [*SCREENS, "app", "typing"]:
        for action, keys in jobs_of(screen).items():
            where[action][frozenset(keys)].append(screen)
    differing = {action: dict(found) for action, found in where.items() if len(found) > 1}
    assert differing == {}
    # The pairs the issue named: previous/next of a prompt and of a stage, and select all.
    assert jobs_of("meeting")["next"] == jobs_of("reflection")["next"] == {"f4", "ctrl+pagedown"}
    assert jobs_of("meeting")["previous"] == jobs_of("reflection")["previous"]
    assert jobs_of("typing")["select_all"] == {"f7"}
    assert jobs_of("settings")["next_tab"] == jobs_of("relationship")["next_tab"] == {"f5"}


@pytest.mark.parametrize("name", list(keymap.KEYMAP))
def test_a_key_means_one_thing_on_a_screen(name: str) -> None:
    """Within a section, and between a screen's keys and the keys that work everywhere."""
    app_keys = {
        key: k.action
        for section in ("app", "typing")
        for k in keymap.KEYMAP[section].keys
        if k.bound
        for key, _action in k.expanded()
    }
    seen: dict[str, str] = {}
    for k in keymap.KEYMAP[name].keys:
        if not k.bound:
            continue
        for key, action in k.expanded():
            assert seen.setdefault(key, action) == action, f"{key} in {name}"
            if name not in ("app", "typing"):
                assert key not in app_keys, f"{key} in {name} is a key of everywhere"


# The keys the map's rules give a job (its docstring): wherever they are bound, they do that job.
NAMED_JOBS = {
    "ctrl+n": {"add_action"},
    "ctrl+t": {"meet", "end_meeting"},
    "f3": {"previous"},
    "f4": {"next"},
    "f5": {"next_tab"},
    "f7": {"select_all"},
}


def test_a_key_named_for_a_job_does_no_other_job() -> None:
    """ctrl+n adds on the meeting, the page and the board: on share it was "untick all"."""
    for name, section in keymap.KEYMAP.items():
        for k in section.keys:
            for key, action in k.expanded():
                if key in NAMED_JOBS:
                    assert action_name(action) in NAMED_JOBS[key], (name, key, action)


def test_footer_labels_are_short_and_every_key_is_explained() -> None:
    for name, section in keymap.KEYMAP.items():
        for key in section.keys:
            if key.show:
                assert len(key.label) <= 14, (name, key.label)
            assert key.help, (name, key.keys)


def tui_classes() -> list[type[DOMNode]]:
    package = mentorjournal.tui
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("mentorjournal.tui"):
            found.append(cls)
    return found


def test_every_class_takes_its_keys_from_the_map() -> None:
    """No hand-written key list: a class of the app with keys of its own has a section, and its
    keys are exactly the section's."""
    with_keys = [cls for cls in tui_classes() if "BINDINGS" in vars(cls)]
    assert len(with_keys) >= 25
    for cls in with_keys:
        section = vars(cls).get("KEY_SECTION")
        if cls.__name__ == "MentorJournalApp":
            assert keymap.bindings("app", "typing") == cls.BINDINGS
            continue
        assert section in keymap.KEYMAP, cls.__name__
        assert keymap.bindings(section) == cls.BINDINGS, cls.__name__
    used = {vars(cls).get("KEY_SECTION") for cls in with_keys} | PARTS | {"app", "typing"}
    assert set(keymap.KEYMAP) - used == set()  # no section is left without its screen


def test_the_readme_table_is_the_one_the_key_map_makes() -> None:
    """If this fails: python -m mentorjournal.tui.keymap_readme, and paste its table into
    README.md under "## In the app"."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER[0])
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    assert "\n".join(lines[start:end]) == readme_table()
    assert lines[start - 2] == "## In the app"
