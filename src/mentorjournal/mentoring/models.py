"""Reflection models: Gibbs (gibbs.toml), Driscoll and Kolb, and the opening and closing
reflections of a relationship (models.toml), each with its stages and guiding questions.

Which of a reflection's six stored columns holds each stage is fixed in
``domain.REFLECTION_MODELS``; the asset files give the words. Pure: reads two data files shipped
with the package, nothing else.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from mentorjournal.domain import ARC_MODELS, CHOSEN_MODELS, REFLECTION_MODELS, Reflection
from mentorjournal.mentoring.prompts import PromptLibraryError, gibbs_stages, read_asset

MODELS_FILE = "models.toml"
GIBBS = "gibbs"


@dataclass(frozen=True)
class ModelStage:
    """One stage of a model: ``key`` names it in files, ``column`` is where its text is kept."""

    key: str
    column: str
    title: str
    hint: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class ReflectionModel:
    key: str
    title: str
    summary: str
    stages: tuple[ModelStage, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(s.column for s in self.stages)

    @property
    def forward(self) -> ModelStage | None:
        """The forward-looking stage (what I will do): the one kept as the action plan."""
        return next((s for s in self.stages if s.column == "action_plan"), None)

    def stage_index(self, column: str) -> int | None:
        """Where the stage kept in ``column`` is in this model (from 0), None if it has none."""
        return next((i for i, s in enumerate(self.stages) if s.column == column), None)

    def stage_of(self, column: str) -> ModelStage | None:
        index = self.stage_index(column)
        return None if index is None else self.stages[index]


def _words(row: dict[str, Any], field: str, where: str) -> str:
    value = row.get(field)
    if not isinstance(value, str) or not value.strip():
        raise PromptLibraryError(f"In {MODELS_FILE}, {where} needs a non-empty {field!r}.")
    return value.strip()


def _stage(row: Any, column: str, where: str) -> ModelStage:
    if not isinstance(row, dict):
        raise PromptLibraryError(f"In {MODELS_FILE}, {where} is not a table.")
    questions = row.get("questions")
    if not isinstance(questions, list) or not all(
        isinstance(q, str) and q.strip() for q in questions
    ):
        raise PromptLibraryError(f"In {MODELS_FILE}, {where} needs a list of questions.")
    return ModelStage(
        _words(row, "key", where),
        column,
        _words(row, "title", where),
        _words(row, "hint", where),
        tuple(q.strip() for q in questions),
    )


@cache
def _other_models() -> dict[str, ReflectionModel]:
    text, where = read_asset(MODELS_FILE)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = f"The reflection models file {where} is not valid TOML: {exc}"
        raise PromptLibraryError(message) from exc
    rows = data.get("model")
    if data.get("version") != 1 or not isinstance(rows, list):
        raise PromptLibraryError(f"The reflection models file {where} cannot be read.")
    found: dict[str, ReflectionModel] = {}
    for row in rows:
        key = _words(row, "key", "a model")
        layout = REFLECTION_MODELS.get(key)
        raw = row.get("stage")
        if layout is None or not isinstance(raw, list) or len(raw) != len(layout):
            raise PromptLibraryError(
                f"In {MODELS_FILE}, model {key!r} must list the stages domain.py gives it."
            )
        stages = tuple(
            _stage(r, column, f"stage {n} of {key!r}")
            for n, (r, (_k, column)) in enumerate(zip(raw, layout, strict=True), start=1)
        )
        if tuple(s.key for s in stages) != tuple(k for k, _c in layout):
            raise PromptLibraryError(f"In {MODELS_FILE}, the stages of {key!r} are not in order.")
        found[key] = ReflectionModel(
            key, _words(row, "title", key), _words(row, "summary", key), stages
        )
    missing = set(REFLECTION_MODELS) - {GIBBS} - set(found)
    if missing:
        raise PromptLibraryError(f"{MODELS_FILE} has no model {sorted(missing)[0]!r}.")
    return found


@cache
def _gibbs() -> ReflectionModel:
    stages = tuple(ModelStage(s.key, s.key, s.title, s.hint, s.questions) for s in gibbs_stages())
    summary = "Description, feelings, evaluation, analysis, conclusion, action plan."
    return ReflectionModel(GIBBS, "Gibbs", summary, stages)


def reflection_model(key: str) -> ReflectionModel:
    """The model named ``key``; Gibbs for a name this version does not know."""
    if key == GIBBS or key not in REFLECTION_MODELS:
        return _gibbs()
    return _other_models()[key]


def chosen_models() -> tuple[ReflectionModel, ...]:
    """The models a person may choose for any reflection: Gibbs, Driscoll, Kolb."""
    return tuple(reflection_model(key) for key in CHOSEN_MODELS)


def model_of(reflection: Reflection) -> ReflectionModel:
    return reflection_model(reflection.model)


def is_arc(model: str) -> bool:
    """An opening or a closing reflection (offered at the start and at the end)."""
    return model in ARC_MODELS


def forward_text(reflection: Reflection) -> str:
    """What the reflection says the person will do: its model's forward-looking stage."""
    stage = model_of(reflection).forward
    return reflection.stage(stage.column) if stage is not None else ""


def stage_text(reflection: Reflection, stage: ModelStage) -> str:
    return reflection.stage(stage.column)


def empty_sentence(model: ReflectionModel, columns: list[str]) -> str:
    """The gentle nudge naming a reflection's empty stages by its model's own names."""
    titles = [s.title for s in model.stages if s.column in columns]
    if len(titles) == 1:
        return f"{titles[0]} is empty — you can come back to it any time."
    names = ", ".join(titles[:-1]) + f" and {titles[-1]}"
    return f"{names} are empty — you can come back to them any time."
