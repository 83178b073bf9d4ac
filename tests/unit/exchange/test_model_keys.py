"""Reflections of each model in the files that leave the journal: the interchange JSON (the
model's own keys beside the six of version 1; a Gibbs reflection exactly as before), an import
that reads them back and refuses keys that disagree, the Markdown and the wider-impact plan."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.domain import GIBBS_STAGES, Reflection, Relationship
from mentorjournal.errors import BadImport
from mentorjournal.exchange import impact, share
from mentorjournal.exchange.interchange import export_data, export_json, import_text
from mentorjournal.exchange.markdown_export import export_markdown
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

AT = datetime(2026, 5, 12, 18, 0, tzinfo=UTC)
V1_KEYS = {"id", "relationship_id", "meeting_id", "written_at", "model", *GIBBS_STAGES}


def three_models(journal: Journal) -> Relationship:
    rel = journal.save(Relationship("Reverse mentoring", time_zone="UTC"))
    journal.save_many(
        [
            Reflection(rel.id, AT, description="Gibbs words", action_plan="Gibbs plan"),
            Reflection(
                rel.id,
                AT + timedelta(days=1),
                model="driscoll",
                description="What words",
                analysis="So-what words",
                action_plan="Now-what words",
            ),
            Reflection(
                rel.id,
                AT + timedelta(days=2),
                model="kolb",
                description="Experience words",
                analysis="Observation words",
                conclusion="Idea words",
                action_plan="Experiment words",
            ),
        ]
    )
    return rel


def test_json_has_each_models_own_keys_and_gibbs_as_before(journal: Journal) -> None:
    three_models(journal)
    gibbs, driscoll, kolb = export_data(journal)["reflections"]
    assert set(gibbs) == V1_KEYS and gibbs["model"] == "gibbs"  # exactly the first version's
    assert driscoll["model"] == "driscoll"
    assert (driscoll["what"], driscoll["so_what"], driscoll["now_what"]) == (
        "What words",
        "So-what words",
        "Now-what words",
    )
    # A reader of the first version still finds the words, in the columns they are kept in.
    assert (driscoll["description"], driscoll["analysis"], driscoll["action_plan"]) == (
        "What words",
        "So-what words",
        "Now-what words",
    )
    assert set(driscoll) == V1_KEYS | {"what", "so_what", "now_what"}
    assert {
        k: kolb[k] for k in ("experience", "observation", "conceptualisation", "experimentation")
    } == {
        "experience": "Experience words",
        "observation": "Observation words",
        "conceptualisation": "Idea words",
        "experimentation": "Experiment words",
    }


def test_an_export_imports_into_another_journal_with_its_models(
    journal: Journal, tmp_path: Path
) -> None:
    three_models(journal)
    text = export_json(journal)
    other, _ = Journal.create(tmp_path / "other.db", "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
    try:
        assert import_text(other, text).added["reflections"] == 3
        assert [(r.model, r.analysis) for r in other.reflections()] == [
            (r.model, r.analysis) for r in journal.reflections()
        ]
    finally:
        other.close()


def file_with(reflection: dict[str, object]) -> str:
    rel = "6f0c3a55-9b1e-4d4e-8a53-6a4f0f5e1a01"
    entry = {"id": "0d5cc0b5-1f8e-4b43-9f6d-3b5f7d1a2c02", "relationship_id": rel,
             "written_at": AT.isoformat(), **reflection}  # fmt: skip
    return json.dumps(
        {
            "format": "mentorjournal",
            "version": 1,
            "relationships": [{"id": rel, "title": "R"}],
            "reflections": [entry],
        }
    )


@pytest.mark.parametrize(
    "keys",
    [
        {"model": "driscoll", "what": "W", "so_what": "S", "now_what": "N"},  # its own keys
        {"model": "driscoll", "description": "W", "analysis": "S", "action_plan": "N"},  # v1 keys
        {"model": "driscoll", "what": "W", "description": "W", "so_what": "S", "action_plan": "N"},
    ],
)
def test_a_driscoll_reflection_is_read_from_its_keys(journal: Journal, keys: dict) -> None:
    import_text(journal, file_with(keys))
    [found] = journal.reflections()
    assert (found.model, found.description, found.analysis, found.action_plan) == (
        "driscoll",
        "W",
        "S",
        "N",
    )


@pytest.mark.parametrize(
    ("keys", "sentence"),
    [
        (
            {"model": "driscoll", "what": "W", "description": "Other"},
            "“what” and “description” hold different words",
        ),
        ({"model": "driscoll", "feelings": "Sad"}, "a driscoll reflection has no “feelings”"),
        ({"model": "borton"}, "“model” must be one of: gibbs, driscoll, kolb, opening, closing"),
    ],
)
def test_keys_that_do_not_fit_the_model_are_refused(
    journal: Journal, keys: dict, sentence: str
) -> None:
    with pytest.raises(BadImport) as caught:
        import_text(journal, file_with(keys))
    assert sentence in str(caught.value) and str(caught.value).startswith("Nothing was imported")
    assert journal.relationships() == []


def test_markdown_shows_each_models_own_stages(journal: Journal) -> None:
    text = export_markdown(journal, three_models(journal).id)
    assert "## Reflections\n" in text and "(Gibbs)" not in text
    assert "### 2026-05-13 18:00 — Driscoll" in text
    for heading, words in (
        ("What?", "What words"),
        ("So what?", "So-what words"),
        ("Now what?", "Now-what words"),
        ("Observation", "Observation words"),
        ("Conceptualisation", "Idea words"),
        ("Action plan", "Gibbs plan"),
    ):
        assert f"#### {heading}\n\n{words}" in text
    assert "#### Analysis\n\nSo-what" not in text


def test_a_journal_of_gibbs_reflections_reads_as_before(journal: Journal) -> None:
    rel = journal.save(Relationship("R", time_zone="UTC"))
    journal.save(Reflection(rel.id, AT, description="D"))
    text = export_markdown(journal)
    assert "## Reflections (Gibbs)\n\n### 2026-05-12 18:00\n\n#### Description\n\nD" in text


def test_the_wider_impact_plan_writes_only_what_is_ticked(journal: Journal) -> None:
    rel = three_models(journal)
    journal.save(Reflection(rel.id, AT, model="opening", description="HOPE-MARKER"))
    journal.save(Reflection(rel.id, AT, model="closing", evaluation="CHANGED-MARKER"))
    items = impact.build_impact_items(journal, rel)
    by_key = {i.key: i for i in items}
    assert by_key["opening:hopes"].private and by_key["closing:changed"].private
    assert not by_key["impact:meetings"].private
    assert [i.section for i in items] == sorted(
        (i.section for i in items), key=list(share.SECTION_TITLES).index
    )
    text = share.render_markdown(
        rel.title, items, {"title", "closing:changed"}, kind=impact.WIDER_IMPACT
    )
    assert text.startswith("# Wider-impact plan: Reverse mentoring")
    assert "## What changed, and for whom" in text and "CHANGED-MARKER" in text
    assert "HOPE-MARKER" not in text and "Now-what" not in text
    with pytest.raises(share.ShareError):
        share.render_markdown(rel.title, items, set())
