"""The prompt library: built-in themes and Gibbs questions, merged with the person's own prompts.

Pure logic: reads two TOML files shipped with the package and combines them with
:class:`~mentorjournal.domain.OwnPrompt` rows. No UI and no storage here.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from mentorjournal.domain import GIBBS_STAGES, OwnPrompt

PROMPTS_FILE = "prompts.toml"
GIBBS_FILE = "gibbs.toml"


class PromptLibraryError(Exception):
    """A prompt library file is missing or malformed; the message is meant for the person."""


@dataclass(frozen=True)
class Prompt:
    key: str
    theme: str
    text: str
    own: bool = False


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    summary: str
    prompts: tuple[Prompt, ...]
    own: bool = False


@dataclass(frozen=True)
class GibbsStage:
    key: str
    title: str
    hint: str
    questions: tuple[str, ...]


def read_asset(name: str) -> tuple[str, str]:
    """``(text, where)`` of the data file ``name`` from the top-level ``assets/`` folder.

    Reads the copy packaged as ``mentorjournal/assets``, else the development checkout's
    ``assets/``; raises :class:`PromptLibraryError` if neither can be read. Shared by every
    module that reads an asset (the prompt library, the demo journal).
    """
    return _read_asset(name)


def _read_asset(name: str) -> tuple[str, str]:
    # The lookup behind read_asset; tests/unit/mentoring/test_prompts.py patches and calls it
    # by this name.
    try:
        installed = files("mentorjournal").joinpath(f"assets/{name}")
        if installed.is_file():
            return installed.read_text(encoding="utf-8"), str(installed)
    except (OSError, ModuleNotFoundError, TypeError, ValueError):
        pass  # not installed as a wheel: fall back to the development checkout
    checkout = Path(__file__).resolve().parents[3] / "assets" / name
    try:
        return checkout.read_text(encoding="utf-8"), str(checkout)
    except OSError as exc:
        raise PromptLibraryError(
            f"The data file {name!r} could not be found or read; "
            "MentorJournal may not be installed correctly."
        ) from exc


def _load(name: str, table: str) -> list[dict[str, Any]]:
    text, where = read_asset(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PromptLibraryError(
            f"The prompt library file {where} is not valid TOML: {exc}"
        ) from exc
    if data.get("version") != 1:
        raise PromptLibraryError(f"The prompt library file {where} has an unknown version.")
    rows = data.get(table)
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise PromptLibraryError(f"The prompt library file {where} has no [[{table}]] entries.")
    return rows


def _text(row: dict[str, Any], field: str, name: str) -> str:
    value = row.get(field)
    if not isinstance(value, str) or not value.strip():
        label = row.get("key", "?")
        raise PromptLibraryError(f"In {name}, entry {label!r} needs a non-empty {field!r}.")
    return value.strip()


@cache
def builtin_themes() -> tuple[Theme, ...]:
    """The built-in themes in file order, each with its prompts."""
    seen: set[str] = set()
    themes: list[Theme] = []
    for row in _load(PROMPTS_FILE, "theme"):
        key = _text(row, "key", PROMPTS_FILE)
        raw = row.get("prompts")
        if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
            raise PromptLibraryError(f"In {PROMPTS_FILE}, theme {key!r} needs a list of prompts.")
        prompts = tuple(
            Prompt(_text(p, "key", PROMPTS_FILE), key, _text(p, "text", PROMPTS_FILE)) for p in raw
        )
        for k in (key, *(p.key for p in prompts)):
            if k in seen:
                raise PromptLibraryError(f"In {PROMPTS_FILE}, the key {k!r} is used twice.")
            seen.add(k)
        title, summary = _text(row, "title", PROMPTS_FILE), _text(row, "summary", PROMPTS_FILE)
        themes.append(Theme(key, title, summary, prompts))
    return tuple(themes)


@cache
def gibbs_stages() -> tuple[GibbsStage, ...]:
    """Gibbs' six stages in cycle order, with a hint and guiding questions for each."""
    stages: list[GibbsStage] = []
    for row in _load(GIBBS_FILE, "stage"):
        key = _text(row, "key", GIBBS_FILE)
        questions = row.get("questions")
        if not isinstance(questions, list) or not all(
            isinstance(q, str) and q.strip() for q in questions
        ):
            raise PromptLibraryError(f"In {GIBBS_FILE}, stage {key!r} needs a list of questions.")
        stages.append(
            GibbsStage(
                key,
                _text(row, "title", GIBBS_FILE),
                _text(row, "hint", GIBBS_FILE),
                tuple(q.strip() for q in questions),
            )
        )
    if tuple(s.key for s in stages) != GIBBS_STAGES:
        raise PromptLibraryError(f"{GIBBS_FILE} must list the six Gibbs stages in order.")
    return tuple(stages)


def gibbs_stage(key: str) -> GibbsStage:
    """One Gibbs stage by key; raises ``KeyError`` for an unknown stage."""
    for stage in gibbs_stages():
        if stage.key == key:
            return stage
    raise KeyError(key)


def merge_themes(own: Iterable[OwnPrompt]) -> list[Theme]:
    """The built-in themes plus the person's own themes and prompts, minus what they hid.

    Rows are applied in the given (created) order, so a later row can undo an earlier one:

    * ``hides`` set: hides that built-in prompt when ``hidden`` is true, shows it again otherwise;
    * ``theme_title`` set and no ``text``: defines an own theme keyed ``theme`` (or, for a
      built-in key, only toggles whether that theme is hidden); ``hidden`` hides it;
    * ``text`` set and not ``hidden``: adds a prompt (key = row id) to theme ``theme``.

    Hidden themes and prompts are left out; prompts for unknown or hidden themes are dropped;
    themes with no prompts left are still listed. Built-ins come first in file order, then own
    themes in the order they were first defined.
    """
    builtins = builtin_themes()
    builtin_keys = {t.key for t in builtins}
    own_titles: dict[str, str] = {}  # insertion order = order first defined
    hidden_themes: set[str] = set()
    hidden_prompts: set[str] = set()
    added: dict[str, list[Prompt]] = {}
    for row in own:
        if row.hides:
            (hidden_prompts.add if row.hidden else hidden_prompts.discard)(row.hides)
        elif row.text.strip():
            if not row.hidden:
                added.setdefault(row.theme, []).append(
                    Prompt(row.id, row.theme, row.text.strip(), own=True)
                )
        elif row.theme_title.strip() and row.theme:
            if row.theme not in builtin_keys:
                own_titles[row.theme] = row.theme_title.strip()
            (hidden_themes.add if row.hidden else hidden_themes.discard)(row.theme)

    merged: list[Theme] = []
    for theme in builtins:
        if theme.key not in hidden_themes:
            kept = tuple(p for p in theme.prompts if p.key not in hidden_prompts)
            merged.append(
                Theme(theme.key, theme.title, theme.summary, (*kept, *added.get(theme.key, ())))
            )
    for key, title in own_titles.items():
        if key not in hidden_themes:
            merged.append(Theme(key, title, "", tuple(added.get(key, ())), own=True))
    return merged


def theme_by_key(themes: Iterable[Theme], key: str) -> Theme | None:
    """The theme with this key, or ``None``."""
    return next((t for t in themes if t.key == key), None)
