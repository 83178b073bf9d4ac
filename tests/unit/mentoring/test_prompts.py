"""The prompt library: built-in content, Gibbs questions and merging in the person's own prompts."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.domain import GIBBS_STAGES, OwnPrompt
from mentorjournal.mentoring import prompts
from mentorjournal.mentoring.prompts import (
    GibbsStage,
    Prompt,
    PromptLibraryError,
    Theme,
    builtin_themes,
    gibbs_stage,
    gibbs_stages,
    merge_themes,
    theme_by_key,
)

REQUIRED_THEMES = (
    "purpose",
    "ground-rules",
    "good-match",
    "belonging",
    "talking-about-race",
    "prioritising-anti-racism",
    "raising-awareness",
    "organisational-culture",
    "race-equality-charter",
    "personal-tutoring",
    "well-being",
    "reviewing-actions",
)


def keys(themes: list[Theme] | tuple[Theme, ...]) -> list[str]:
    return [t.key for t in themes]


# --- built-in library -------------------------------------------------------------------------


def test_exactly_the_required_themes_in_order() -> None:
    assert keys(builtin_themes()) == list(REQUIRED_THEMES)


@pytest.mark.parametrize("key", REQUIRED_THEMES)
def test_each_theme_has_four_to_six_open_questions(key: str) -> None:
    theme = theme_by_key(builtin_themes(), key)
    assert theme is not None
    assert theme.title.strip() and theme.summary.strip()
    assert not theme.own
    assert 4 <= len(theme.prompts) <= 6
    for prompt in theme.prompts:
        assert isinstance(prompt, Prompt)
        assert prompt.theme == key and not prompt.own
        assert prompt.key.startswith(f"{key}-")
        assert prompt.text.endswith("?"), prompt.text
        assert len(prompt.text) >= 30


def test_theme_and_prompt_keys_are_unique() -> None:
    all_keys = [t.key for t in builtin_themes()]
    all_keys += [p.key for t in builtin_themes() for p in t.prompts]
    assert len(all_keys) == len(set(all_keys))
    texts = [p.text for t in builtin_themes() for p in t.prompts]
    assert len(texts) == len(set(texts))


def test_race_themes_are_about_race() -> None:
    for key in ("talking-about-race", "raising-awareness", "prioritising-anti-racism"):
        theme = theme_by_key(builtin_themes(), key)
        assert theme is not None
        assert any("rac" in p.text.lower() for p in theme.prompts)
    charter = theme_by_key(builtin_themes(), "race-equality-charter")
    assert charter is not None and "Charter" in charter.title


def test_reviewing_actions_covers_forwards_backwards_sideways() -> None:
    theme = theme_by_key(builtin_themes(), "reviewing-actions")
    assert theme is not None
    text = " ".join(p.text.lower() for p in theme.prompts)
    for word in ("forwards", "backwards", "learn", "resources", "politics"):
        assert word in text


def test_builtins_are_cached_and_immutable() -> None:
    assert builtin_themes() is builtin_themes()
    with pytest.raises(AttributeError):
        builtin_themes()[0].title = "changed"  # type: ignore[misc]


# --- Gibbs --------------------------------------------------------------------------------------


def test_gibbs_has_six_stages_in_order() -> None:
    stages = gibbs_stages()
    assert tuple(s.key for s in stages) == GIBBS_STAGES
    assert [s.title for s in stages] == [
        "Description",
        "Feelings",
        "Evaluation",
        "Analysis",
        "Conclusion",
        "Action plan",
    ]
    for stage in stages:
        assert isinstance(stage, GibbsStage)
        assert stage.hint.strip() and "\n" not in stage.hint
        assert 3 <= len(stage.questions) <= 4
        assert all(q.endswith("?") for q in stage.questions)


def test_gibbs_stage_lookup() -> None:
    assert gibbs_stage("feelings").title == "Feelings"
    assert gibbs_stage("action_plan") is gibbs_stages()[-1]
    with pytest.raises(KeyError):
        gibbs_stage("nonsense")


# --- merge_themes -------------------------------------------------------------------------------


def test_merge_with_nothing_gives_the_builtins() -> None:
    assert merge_themes([]) == list(builtin_themes())


def test_own_prompt_is_added_to_a_builtin_theme() -> None:
    row = OwnPrompt(theme="belonging", text="  Where do I eat lunch, and with whom?  ")
    theme = theme_by_key(merge_themes([row]), "belonging")
    assert theme is not None
    builtin = theme_by_key(builtin_themes(), "belonging")
    assert builtin is not None
    assert theme.prompts[: len(builtin.prompts)] == builtin.prompts
    last = theme.prompts[-1]
    assert last == Prompt(row.id, "belonging", "Where do I eat lunch, and with whom?", own=True)


def test_own_theme_and_its_prompts() -> None:
    mine = OwnPrompt(theme="my-commute", theme_title="The commute")
    p1 = OwnPrompt(theme="my-commute", text="What do I notice on the way in?")
    p2 = OwnPrompt(theme="my-commute", text="Who travels furthest to get here?")
    merged = merge_themes([mine, p1, p2])
    assert keys(merged) == [*REQUIRED_THEMES, "my-commute"]
    theme = merged[-1]
    assert theme.own and theme.title == "The commute"
    assert [p.key for p in theme.prompts] == [p1.id, p2.id]
    assert all(p.own and p.theme == "my-commute" for p in theme.prompts)


def test_own_theme_with_no_prompts_is_still_listed() -> None:
    merged = merge_themes([OwnPrompt(theme="empty", theme_title="Empty for now")])
    theme = theme_by_key(merged, "empty")
    assert theme is not None and theme.prompts == ()


def test_own_themes_keep_created_order() -> None:
    rows = [
        OwnPrompt(theme="zeta", theme_title="Zeta"),
        OwnPrompt(theme="alpha", theme_title="Alpha"),
        OwnPrompt(theme="mid", theme_title="Mid"),
    ]
    assert keys(merge_themes(rows))[-3:] == ["zeta", "alpha", "mid"]
    assert keys(merge_themes(reversed(rows)))[-3:] == ["mid", "alpha", "zeta"]


def test_hiding_a_builtin_prompt() -> None:
    merged = merge_themes([OwnPrompt(theme="purpose", hides="purpose-2", hidden=True)])
    theme = theme_by_key(merged, "purpose")
    assert theme is not None
    assert "purpose-2" not in [p.key for p in theme.prompts]
    assert len(theme.prompts) == len(builtin_themes()[0].prompts) - 1
    # a hides-row that is not hidden (shown again) does nothing
    shown = merge_themes([OwnPrompt(theme="purpose", hides="purpose-2", hidden=False)])
    assert shown == list(builtin_themes())


def test_later_row_can_unhide_a_builtin_prompt() -> None:
    rows = [
        OwnPrompt(theme="purpose", hides="purpose-1", hidden=True),
        OwnPrompt(theme="purpose", hides="purpose-1", hidden=False),
    ]
    assert merge_themes(rows) == list(builtin_themes())


def test_theme_with_every_prompt_hidden_is_still_listed() -> None:
    well = theme_by_key(builtin_themes(), "well-being")
    assert well is not None
    rows = [OwnPrompt(theme="well-being", hides=p.key, hidden=True) for p in well.prompts]
    theme = theme_by_key(merge_themes(rows), "well-being")
    assert theme is not None and theme.prompts == ()


def test_hiding_an_own_theme() -> None:
    rows = [
        OwnPrompt(theme="mine", theme_title="Mine"),
        OwnPrompt(theme="mine", text="A question of mine?"),
        OwnPrompt(theme="mine", theme_title="Mine", hidden=True),
    ]
    merged = merge_themes(rows)
    assert theme_by_key(merged, "mine") is None
    assert keys(merged) == list(REQUIRED_THEMES)


def test_hiding_and_unhiding_a_builtin_theme() -> None:
    hide = OwnPrompt(theme="personal-tutoring", theme_title="Personal tutoring", hidden=True)
    merged = merge_themes([hide])
    assert theme_by_key(merged, "personal-tutoring") is None
    assert len(merged) == len(REQUIRED_THEMES) - 1
    show = OwnPrompt(theme="personal-tutoring", theme_title="Renamed?", hidden=False)
    # showing it again restores the built-in as it was, not a duplicate own theme
    assert merge_themes([hide, show]) == list(builtin_themes())


def test_hidden_text_prompts_are_ignored() -> None:
    rows = [
        OwnPrompt(theme="belonging", text="Hidden one?", hidden=True),
        OwnPrompt(theme="belonging", text="Visible one?"),
    ]
    theme = theme_by_key(merge_themes(rows), "belonging")
    assert theme is not None
    own = [p.text for p in theme.prompts if p.own]
    assert own == ["Visible one?"]


def test_prompts_for_unknown_themes_are_dropped() -> None:
    merged = merge_themes([OwnPrompt(theme="no-such-theme", text="Lost?")])
    assert merged == list(builtin_themes())


def test_blank_rows_are_ignored() -> None:
    merged = merge_themes([OwnPrompt(theme="purpose", text="   "), OwnPrompt(theme="")])
    assert merged == list(builtin_themes())


def test_theme_by_key_missing() -> None:
    assert theme_by_key(builtin_themes(), "not-there") is None


# --- errors -------------------------------------------------------------------------------------


def _use_assets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def fake_read(name: str) -> tuple[str, str]:
        path = tmp_path / name
        if not path.exists():
            raise PromptLibraryError(f"The prompt library file {name!r} could not be found.")
        return path.read_text(encoding="utf-8"), str(path)

    monkeypatch.setattr(prompts, "_read_asset", fake_read)
    builtin_themes.cache_clear()
    gibbs_stages.cache_clear()


@pytest.fixture
def restore_cache() -> Iterator[None]:
    yield
    builtin_themes.cache_clear()
    gibbs_stages.cache_clear()


@pytest.mark.usefixtures("restore_cache")
@pytest.mark.parametrize(
    "text",
    [
        "version = 1\n[[theme\n",  # not TOML
        "version = 2\n[[theme]]\nkey='a'\n",  # unknown version
        "version = 1\n",  # no themes
        "version = 1\n[[theme]]\nkey='a'\ntitle='A'\nsummary='S'\nprompts=['bare']\n",
        "version = 1\n[[theme]]\nkey='a'\ntitle=''\nsummary='S'\nprompts=[]\n",
        "version = 1\n[[theme]]\nkey='a'\ntitle='A'\nsummary='S'\n"
        "prompts=[{key='a', text='Dup?'}]\n",  # prompt key clashes with theme key
    ],
)
def test_malformed_prompt_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> None:
    _use_assets(monkeypatch, tmp_path, {"prompts.toml": text})
    with pytest.raises(PromptLibraryError, match="prompts.toml"):
        builtin_themes()


def _gibbs_toml(order: tuple[str, ...]) -> str:
    stage = 'key = "{}"\ntitle = "T"\nhint = "H"\nquestions = ["Q1?", "Q2?", "Q3?"]\n'
    return "version = 1\n" + "".join("[[stage]]\n" + stage.format(k) for k in order)


@pytest.mark.usefixtures("restore_cache")
def test_gibbs_stages_must_be_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _use_assets(monkeypatch, tmp_path, {"gibbs.toml": _gibbs_toml(GIBBS_STAGES)})
    assert [s.questions for s in gibbs_stages()] == [("Q1?", "Q2?", "Q3?")] * 6
    gibbs_stages.cache_clear()
    _use_assets(monkeypatch, tmp_path, {"gibbs.toml": _gibbs_toml(GIBBS_STAGES[::-1])})
    with pytest.raises(PromptLibraryError, match="order"):
        gibbs_stages()


def test_development_checkout_fallback_reads_real_files() -> None:
    text, where = prompts._read_asset("prompts.toml")
    assert where.endswith("prompts.toml")
    assert tomllib.loads(text)["version"] == 1
    with pytest.raises(PromptLibraryError, match="could not be found"):
        prompts._read_asset("no-such-file.toml")
