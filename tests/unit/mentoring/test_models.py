"""Reflection models: Gibbs, Driscoll, Kolb and the opening and closing reflections, each with
its own stages and questions, kept in the six columns by one fixed map."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import GIBBS_STAGES, REFLECTION_MODELS, Reflection
from mentorjournal.mentoring import agenda, models, prompts
from mentorjournal.mentoring.models import (
    chosen_models,
    empty_sentence,
    forward_text,
    model_of,
    reflection_model,
)
from mentorjournal.mentoring.prompts import PromptLibraryError

AT = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)
STAGE_NAMES = {
    "driscoll": ["What?", "So what?", "Now what?"],
    "kolb": ["Experience", "Observation", "Conceptualisation", "Experimentation"],
    "opening": ["Hopes", "Worries", "What I bring"],
    "closing": ["Looking back", "What I learned", "What changed, for whom", "What continues"],
}


def test_the_three_models_a_person_chooses_from() -> None:
    assert [m.key for m in chosen_models()] == ["gibbs", "driscoll", "kolb"]
    assert [s.column for s in reflection_model("gibbs").stages] == list(GIBBS_STAGES)


@pytest.mark.parametrize("key", list(STAGE_NAMES))
def test_each_model_has_its_own_stages_and_questions(key: str) -> None:
    model = reflection_model(key)
    assert [s.title for s in model.stages] == STAGE_NAMES[key]
    assert [(s.key, s.column) for s in model.stages] == list(REFLECTION_MODELS[key])
    assert len(set(model.columns)) == len(model.columns)  # one stage per column
    for stage in model.stages:
        assert stage.hint.strip() and 3 <= len(stage.questions) <= 4
        assert all(q.endswith("?") for q in stage.questions)
    gibbs_questions = {q for s in reflection_model("gibbs").stages for q in s.questions}
    assert not gibbs_questions & {q for s in model.stages for q in s.questions}


def test_the_forward_looking_stage_of_each_model() -> None:
    forward = {m: (reflection_model(m).forward or None) for m in REFLECTION_MODELS}
    assert {m: s.key if s else None for m, s in forward.items()} == {
        "gibbs": "action_plan",
        "driscoll": "now_what",
        "kolb": "experimentation",
        "opening": None,
        "closing": "continues",
    }


def test_an_unknown_model_reads_as_gibbs() -> None:
    assert reflection_model("borton").key == "gibbs"


def reflection(model: str, **texts: str) -> Reflection:
    return Reflection("rel", AT, model=model, **texts)


def test_the_agenda_takes_each_models_forward_looking_stage() -> None:
    driscoll = reflection("driscoll", description="What happened", action_plan="Call HR")
    assert forward_text(driscoll) == "Call HR"
    # An opening reflection has no forward-looking stage (words in a column it does not use,
    # say from another program, are not its plan).
    later = reflection("opening", description="I hope", feelings="I worry", action_plan="Stray")
    later.written_at = AT + timedelta(days=1)
    # The opening reflection has no forward-looking stage: the last one with a plan counts.
    assert agenda.last_action_plan([driscoll, later]) == "Call HR"
    kolb = reflection("kolb", action_plan="Try the new advert")
    kolb.written_at = AT + timedelta(days=2)
    assert agenda.last_action_plan([driscoll, later, kolb]) == "Try the new advert"


def test_empty_stages_are_named_by_the_models_own_names() -> None:
    entry = reflection("driscoll", description="It happened")
    assert entry.empty_stages() == ["analysis", "action_plan"]
    sentence = empty_sentence(model_of(entry), entry.empty_stages())
    assert sentence == "So what? and Now what? are empty — you can come back to them any time."
    kolb = reflection("kolb", description="x", analysis="y", conclusion="z")
    assert empty_sentence(model_of(kolb), kolb.empty_stages()).startswith("Experimentation is")


@pytest.fixture
def own_assets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    def fake_read(name: str) -> tuple[str, str]:
        path = tmp_path / name
        return path.read_text(encoding="utf-8"), str(path)

    monkeypatch.setattr(prompts, "_read_asset", fake_read)
    models._other_models.cache_clear()
    yield tmp_path
    models._other_models.cache_clear()


def model_toml(key: str, stage_keys: list[str]) -> str:
    stage = '[[model.stage]]\nkey = "{}"\ntitle = "T"\nhint = "H"\nquestions = ["Q?"]\n'
    head = f'[[model]]\nkey = "{key}"\ntitle = "M"\nsummary = "S"\n'
    return head + "".join(stage.format(k) for k in stage_keys)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("version = 1\n[[model\n", "not valid TOML"),
        ("version = 1\n" + model_toml("driscoll", ["what", "now_what", "so_what"]), "in order"),
        ("version = 1\n" + model_toml("driscoll", ["what", "so_what"]), "must list the stages"),
        ("version = 1\n" + model_toml("driscoll", ["what", "so_what", "now_what"]), "no model"),
    ],
)
def test_a_damaged_models_file_is_one_sentence(own_assets: Path, text: str, words: str) -> None:
    (own_assets / "models.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PromptLibraryError, match=words):
        reflection_model("driscoll")
