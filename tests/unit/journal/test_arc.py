"""The arc of a relationship over the journal: the opening and closing reflections offered at
the right moment, the programme and the default model kept as encrypted settings, the end, and
the closing summary built from the whole relationship."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mentorjournal.domain import (
    ActionStatus,
    ActionStep,
    Meeting,
    MeetingStatus,
    Outcome,
    Owner,
    OwnPrompt,
    Reflection,
    Relationship,
)
from mentorjournal.errors import InvalidEntry
from mentorjournal.exchange import pack_import
from mentorjournal.journal import arc
from mentorjournal.journal.journal import Journal
from mentorjournal.mentoring import closing
from mentorjournal.mentoring.programme import Programme, ProgrammeMeeting
from mentorjournal.store import records

NOW = datetime(2026, 6, 20, 9, 0, tzinfo=UTC)
PROGRAMME = Programme(
    "Scheme",
    (ProgrammeMeeting(1, ("purpose",)), ProgrammeMeeting(2, ("belonging",), "Who is at home?")),
)


@pytest.fixture
def rel(journal: Journal) -> Relationship:
    journal.clock = lambda: NOW
    return journal.save(Relationship("Reverse mentoring", partner="Kwame", time_zone="UTC"))


def held(rel: Relationship, day: int, themes: list[str] | None = None) -> Meeting:
    at = datetime(2026, 6, day, 10, 0, tzinfo=UTC)
    return Meeting(
        rel.id,
        at,
        status=MeetingStatus.HELD,
        slot_at=at,
        started_at=at,
        ended_at=at + timedelta(hours=1),
        themes=themes or [],
    )


def standing(journal: Journal, rel: Relationship):
    return next(st for st in journal.standings(NOW) if st.relationship.id == rel.id)


def test_the_opening_reflection_is_offered_until_it_is_written_or_a_meeting_is_held(
    journal: Journal, rel: Relationship
) -> None:
    st = standing(journal, rel)
    assert (st.arc, st.next_step) == ("opening", "opening")
    assert st.what_now == "Before the first meeting: write your hopes, worries and what you bring."
    journal.save(Reflection(rel.id, NOW, model="opening", description="I hope"))
    assert standing(journal, rel).arc == ""
    other = journal.save(Relationship("Board mentoring", time_zone="UTC"))
    journal.save(held(other, 10))
    journal.save(Reflection(other.id, NOW, journal.meetings(other.id)[0].id))
    assert standing(journal, other).arc == ""  # a meeting held: too late for an opening


def test_the_closing_reflection_is_offered_once_the_relationship_has_ended(
    journal: Journal, rel: Relationship
) -> None:
    journal.save(held(rel, 10))
    journal.save(Reflection(rel.id, NOW - timedelta(days=9), journal.meetings(rel.id)[0].id))
    assert standing(journal, rel).arc == ""
    later = journal.end_relationship(rel.id, date(2026, 7, 1))  # a plan: not ended yet
    assert later.ended_on == date(2026, 7, 1) and standing(journal, rel).arc == ""
    journal.end_relationship(rel.id, NOW.date())
    st = standing(journal, rel)
    assert (st.arc, st.next_step) == ("closing", "closing")
    assert "write a closing reflection" in st.what_now
    journal.save(Reflection(rel.id, NOW, model="closing", description="Looking back"))
    st = standing(journal, rel)
    assert (st.arc, st.what_now) == ("", "This relationship has ended.")


def test_ending_writes_the_end_date_only_and_not_before_the_start(
    journal: Journal, rel: Relationship, journal_path
) -> None:
    other_window = Journal.open(journal_path, "pass phrase words")
    try:
        mine = other_window.get(Relationship, rel.id)
        mine.purpose = "Typed in another window"
        other_window.save(mine)
    finally:
        other_window.close()
    journal.end_relationship(rel.id, date(2026, 6, 19))
    stored = journal.get(Relationship, rel.id)
    assert (stored.ended_on, stored.purpose) == (date(2026, 6, 19), "Typed in another window")
    journal.save_fields(Relationship, rel.id, {"started_on": date(2026, 6, 1)})
    with pytest.raises(InvalidEntry, match="before the start date"):
        journal.end_relationship(rel.id, date(2026, 5, 31))


def test_programme_and_model_are_settings_of_the_relationship(
    journal: Journal, rel: Relationship
) -> None:
    assert journal.relationship_programme(rel.id) is None
    assert journal.default_model(rel.id) == "gibbs"
    journal.attach_programme(rel.id, PROGRAMME)
    journal.set_default_model(rel.id, "kolb")
    assert journal.setting(arc.programme_key(rel.id))["name"] == "Scheme"
    assert journal.setting(arc.model_key(rel.id)) == "kolb"
    assert journal.relationship_programme(rel.id) == PROGRAMME
    assert journal.programme_meeting(rel.id) == (PROGRAMME, 1)
    assert standing(journal, rel).programme == "meeting 1 of 2: Purpose"
    journal.save(held(rel, 10))
    assert journal.programme_meeting(rel.id) == (PROGRAMME, 2)
    assert standing(journal, rel).programme == "meeting 2 of 2: Belonging"
    with pytest.raises(InvalidEntry, match="one of: gibbs, driscoll, kolb"):
        journal.set_default_model(rel.id, "opening")
    journal.attach_programme(rel.id, None)
    assert journal.relationship_programme(rel.id) is None and standing(journal, rel).programme == ""


def test_a_pack_and_its_programme_go_in_together_or_not_at_all(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = pack_import.example_pack()
    real = records.update_row

    def failing(conn, cipher, name, values):  # the programme's setting cannot be written
        if name == "setting":
            raise OSError("disk full")
        return real(conn, cipher, name, values)

    monkeypatch.setattr(records, "update_row", failing)
    with pytest.raises(OSError):
        pack_import.import_pack(journal, pack)
    assert journal.own_prompts() == [] and journal.programmes() == []
    monkeypatch.undo()
    assert pack_import.import_pack(journal, pack).startswith("Imported 2 themes and 8 prompts")
    assert [p.name for p in journal.programmes()] == [pack.name]
    assert journal.programmes()[0] == pack.programme
    assert pack_import.import_pack(journal, pack).startswith("Nothing new")


def test_the_closing_summary_is_built_from_the_whole_relationship(
    journal: Journal, rel: Relationship
) -> None:
    first, second = held(rel, 2, ["purpose"]), held(rel, 9, ["purpose", "belonging"])
    done = ActionStep(rel.id, "Pilot the advert", first.id, owner=Owner.PARTNER)
    dropped = ActionStep(rel.id, "Open acting-up", first.id, owner=Owner.BOTH)
    still = ActionStep(rel.id, "Take it to the review", second.id)
    opening = Reflection(rel.id, NOW - timedelta(days=30), model="opening", description="Hope")
    closing_one = Reflection(rel.id, NOW, model="closing", evaluation="For the yard")
    journal.save_many([first, second, done, dropped, still, opening, closing_one])
    journal.review_action(
        done, ActionStatus.DONE, Outcome.FORWARDS, "It worked", meeting_id=second.id
    )
    journal.review_action(
        dropped, ActionStatus.DROPPED, Outcome.BACKWARDS, "", meeting_id=second.id
    )
    summary = journal.closing_summary(rel.id)
    assert (summary.held, summary.first, summary.last) == (2, date(2026, 6, 2), date(2026, 6, 9))
    assert summary.themes == [("Purpose", 2), ("Belonging", 1)]
    assert (summary.done, summary.dropped, summary.still_open) == (1, 1, 1)
    assert summary.outcomes == {Outcome.FORWARDS: 1, Outcome.BACKWARDS: 1}
    assert [(x.action, x.learning) for x in summary.learned] == [("Pilot the advert", "It worked")]
    assert summary.done_by == {Owner.PARTNER: ["Pilot the advert"]}
    assert summary.continues == ["Take it to the review"]
    assert summary.opening is not None and summary.opening.id == opening.id
    assert summary.closing is not None and summary.closing.id == closing_one.id
    assert (
        closing.meetings_line(summary) == "2 meetings held, from Tue 2 Jun 2026 to Tue 9 Jun 2026."
    )
    assert closing.outcomes_line(summary) == (
        "3 actions: 1 done, 1 dropped, 1 still open; of those closed, 1 forwards, 1 backwards."
    )
    assert closing.done_by_lines(summary, rel.partner) == ["Done by Kwame: 1 action."]


def test_own_prompts_of_a_pack_are_the_persons_own(journal: Journal) -> None:
    pack_import.import_pack(journal, pack_import.example_pack())
    mine = [p for p in journal.own_prompts() if p.theme_title]
    assert {p.theme for p in mine} == {"recruitment-and-promotion", "carrying-it-further"}
    assert all(isinstance(p, OwnPrompt) for p in mine)


def test_nothing_of_the_arc_is_readable_on_disk(tmp_path) -> None:
    """A programme's name and briefs, the model chosen and the words of every model stay
    ciphertext: not in the journal file, nor in any file beside it."""
    from mentorjournal.exchange.prompt_packs import export_pack, parse_pack
    from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS

    folder = tmp_path / "journal"
    journal, _ = Journal.create(folder / "j.db", "pass phrase words", kdf=FAST_KDF_FOR_TESTS)
    journal.clock = lambda: NOW
    example = pack_import.example_pack()
    text = export_pack(example.themes, "ZQX-PACK-NAME", example.programme)
    pack = parse_pack(text.replace("Agree the ground rules", "ZQX-BRIEF Agree"))
    pack_import.import_pack(journal, pack)
    rel = journal.save(Relationship("ZQX-TITLE", time_zone="UTC"))
    journal.attach_programme(rel.id, journal.programmes()[0])
    journal.set_default_model(rel.id, "driscoll")
    journal.save(Reflection(rel.id, NOW, model="driscoll", analysis="ZQX-SO-WHAT"))
    journal.save(Reflection(rel.id, NOW, model="opening", feelings="ZQX-WORRY"))
    journal.end_relationship(rel.id, NOW.date())
    journal.save(Reflection(rel.id, NOW, model="closing", action_plan="ZQX-CONTINUES"))
    journal.close()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files and all(p.parent == folder for p in files)
    for path in files:
        data = path.read_bytes()
        for word in (b"ZQX", b"driscoll", b"opening", b"closing", b"Race equality", b"meeting ="):
            assert word not in data, (path.name, word)
