"""What the journal keeps between screens (journal/kept.py): views held while its change counter
stands still and dropped the moment anything is stored (here or in another window); decrypted
entries brought up to date row by row (only rows new or changed decrypted again, rows gone
dropped, unlinked rows read afresh); nothing stored while a view is worked out only reading;
nothing kept once the journal locks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from mentorjournal.domain import ActionStep, Meeting, Reflection, SupportContact
from mentorjournal.journal.journal import Journal
from mentorjournal.journal.kept import WouldStore
from mentorjournal.store.crypto import FieldCipher
from tests.conftest import Sample, make_sample

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def other(journal: Journal, passphrase: str) -> Iterator[Journal]:
    """The same journal file, opened a second time: another window."""
    second = Journal.open(journal.path, passphrase)
    yield second
    second.close()


def decrypted_rows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes]]:
    """(table, row binding) of every row decrypted from now on."""
    seen: list[tuple[str, bytes]] = []
    original = FieldCipher.decrypt_values

    def spy(
        self: FieldCipher, table: str, bound: bytes, columns: list[str], blobs: list[bytes | None]
    ) -> list[bytes | None]:
        seen.append((table, bound))
        return original(self, table, bound, columns, blobs)

    monkeypatch.setattr(FieldCipher, "decrypt_values", spy)
    return seen


def row_id(bound: bytes | str) -> str:
    """The row id at the start of a row binding ("36:<id>|…")."""
    text = bound.decode() if isinstance(bound, bytes) else bound
    return text.split("|", 1)[0].split(":", 1)[1]


def titles(journal: Journal) -> list[str]:
    return sorted(a.title for a in journal.actions())


def test_a_view_is_kept_until_something_is_stored(journal: Journal) -> None:
    sample = make_sample(journal)
    calls: list[int] = []

    def work() -> list[str]:
        calls.append(1)
        return titles(journal)

    first = journal.work_out("titles", work, AT)
    kept = journal.kept_view("titles")
    assert kept is not None and kept.value is first and kept.at == AT
    assert journal.kept_view("titles") is not None  # still: nothing stored
    journal.save(replace(journal.get(ActionStep, sample.open_action.id), title="Renamed"))
    assert journal.kept_view("titles") is None
    assert "Renamed" in journal.work_out("titles", work, AT)
    assert len(calls) == 2


def test_a_save_in_another_window_drops_the_view(journal: Journal, other: Journal) -> None:
    sample = make_sample(journal)
    journal.work_out("titles", lambda: titles(journal), AT)
    assert journal.kept_view("titles") is not None
    other.save(replace(other.get(ActionStep, sample.open_action.id), title="From the other"))
    assert journal.kept_view("titles") is None
    assert "From the other" in journal.work_out("titles", lambda: titles(journal), AT)


def test_a_view_that_stores_as_it_is_worked_out_is_not_kept(journal: Journal) -> None:
    sample = make_sample(journal)

    def storing() -> int:
        journal.save(SupportContact(name="Union rep"))
        return len(journal.support_contacts())

    journal.work_out("contacts", storing, AT)
    assert journal.kept_view("contacts") is None
    assert sample.contact.id in {c.id for c in journal.support_contacts()}


def test_worked_out_again_the_same_is_the_very_value_kept(journal: Journal) -> None:
    make_sample(journal)
    first = journal.work_out("titles", lambda: titles(journal), AT)
    again = journal.work_out("titles", lambda: titles(journal), AT.replace(minute=5))
    assert again is first  # a screen showing it sees nothing to draw again
    kept = journal.kept_view("titles")
    assert kept is not None and kept.at == AT.replace(minute=5)


def test_only_reading_stores_nothing(journal: Journal) -> None:
    make_sample(journal)
    before = journal.revision()

    def storing() -> None:
        journal.save(SupportContact(name="Never stored"))

    with pytest.raises(WouldStore):
        journal.work_out("contacts", storing, AT, reading=True)
    assert journal.revision() == before
    assert "Never stored" not in {c.name for c in journal.support_contacts()}
    journal.save(SupportContact(name="Stored after"))  # outside it, storing works again
    assert "Stored after" in {c.name for c in journal.support_contacts()}


def test_locking_drops_every_view(journal: Journal, passphrase: str) -> None:
    make_sample(journal)
    journal.work_out("titles", lambda: titles(journal), AT)
    journal.lock()
    journal.unlock(passphrase)
    assert journal.kept_view("titles") is None


def test_another_windows_save_decrypts_only_the_rows_it_changed(
    journal: Journal, other: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = make_sample(journal)
    for kind in (Meeting, Reflection, ActionStep):
        journal.all(kind)  # decrypted, as a screen would have them
    other.save(replace(other.get(ActionStep, sample.open_action.id), title="Changed elsewhere"))
    seen = decrypted_rows(monkeypatch)
    actions = {a.id: a for a in journal.actions()}
    journal.meetings()
    journal.reflections()
    assert actions[sample.open_action.id].title == "Changed elsewhere"
    assert [table for table, _bound in seen] == ["action"]  # that one row, nothing else
    assert len(seen) == 1


def test_a_delete_drops_what_goes_with_it_and_unlinks_the_rest(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample: Sample = make_sample(journal)
    linked = [a for a in journal.actions() if a.meeting_id == sample.held.id]
    assert linked, "the sample has an action made at the held meeting"
    journal.reflections()
    held = journal.get(Meeting, sample.held.id)
    seen = decrypted_rows(monkeypatch)
    journal.delete(held)
    assert sample.held.id not in {m.id for m in journal.meetings()}
    by_id = {a.id: a for a in journal.actions()}
    assert all(by_id[a.id].meeting_id is None for a in linked)  # unlinked, read afresh
    assert {table for table, _bound in seen} <= {
        "meeting",
        "action",
        "reflection",
        "wellbeing",
        "review",
    }
    # The meeting decrypted is the one deleted (read once, into Recently deleted); no other.
    assert {row_id(bound) for table, bound in seen if table == "meeting"} == {sample.held.id}
    decrypted_actions = {row_id(bound) for table, bound in seen if table == "action"}
    assert decrypted_actions <= {a.id for a in linked}  # the others were not read again
    assert len(by_id) > len(linked)  # (there were others)


def test_rows_gone_in_another_window_are_gone_here(journal: Journal, other: Journal) -> None:
    sample = make_sample(journal)
    assert sample.contact.id in {c.id for c in journal.support_contacts()}
    other.delete(other.get(SupportContact, sample.contact.id))
    assert sample.contact.id not in {c.id for c in journal.support_contacts()}


def test_rows_added_in_another_window_show_here(journal: Journal, other: Journal) -> None:
    sample = make_sample(journal)
    journal.actions()
    other.save(ActionStep(relationship_id=sample.rel.id, title="Added elsewhere"))
    assert "Added elsewhere" in titles(journal)


def test_a_journal_opened_afresh_reads_the_same(journal: Journal, passphrase: str) -> None:
    """Brought up to date row by row, the entries are those a fresh read gives."""
    sample = make_sample(journal)
    second = Journal.open(journal.path, passphrase)
    try:
        for kind in (Meeting, ActionStep, Reflection):
            journal.all(kind)
        second.save(replace(second.get(Meeting, sample.held.id), notes="Edited elsewhere"))
        second.delete(second.get(ActionStep, sample.other_action.id))
        second.save(ActionStep(relationship_id=sample.rel.id, title="New elsewhere"))
        third = Journal.open(journal.path, passphrase)
        try:
            for kind in (Meeting, ActionStep, Reflection):
                assert journal.all(kind) and sorted(
                    journal.all(kind), key=lambda e: e.id
                ) == sorted(third.all(kind), key=lambda e: e.id)
        finally:
            third.close()
    finally:
        second.close()
