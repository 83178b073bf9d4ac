"""A journal whose rows were changed outside MentorJournal is refused everywhere but ``export``,
which opens it read-only and saves what is intact, saying so (issue 14, point 6): nothing can
be written to it, a row that no longer opens is left out and counted, the file stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mentorjournal import cli
from mentorjournal.domain import Meeting, Reflection, Relationship
from mentorjournal.errors import ReadOnlyJournal
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.conftest import Sample
from tests.unit.store import ledger_support as tamper
from tests.unit.store.ledger_support import MOVED, refused

READ_ONLY = (
    f"{MOVED}: the journal is open read-only, so nothing can be changed, and only what is "
    "intact can be read."
)
READ_ONLY_SENTENCE = (
    "The journal is open read-only because its file was changed outside MentorJournal, so "
    "nothing can be saved to it; “mentorjournal export” saves what is intact."
)


@pytest.fixture
def relinked(journal: Journal, sample: Sample) -> Path:
    """The sample's reflection moved to the other relationship, outside MentorJournal."""
    journal.close()
    tamper.relink(
        journal.path, "reflection", sample.reflection.id, "relationship_id", sample.other_rel.id
    )
    return journal.path


def test_opened_read_only_it_reads_what_is_intact_and_writes_nothing(
    relinked: Path, sample: Sample, passphrase: str
) -> None:
    before = relinked.read_bytes()
    journal = Journal.open(relinked, passphrase, altered_ok=True)
    try:
        assert journal.altered == READ_ONLY
        assert journal.all(Reflection) == []
        assert journal.unreadable == [sample.reflection.id]
        assert {r.title for r in journal.relationships()} == {
            sample.rel.title,
            sample.other_rel.title,
        }
        assert len(journal.all(Meeting)) == 3
        attempts = [
            lambda: journal.save(Relationship(title="Not saved")),
            lambda: journal.delete(journal.get(Meeting, sample.planned.id)),
            lambda: journal.set_setting("theme", "nord"),
            lambda: journal.insert_new([Relationship(title="Not imported")]),
            lambda: journal.rekey(passphrase, kdf=FAST_KDF_FOR_TESTS),
        ]
        for attempt in attempts:
            with pytest.raises(ReadOnlyJournal) as err:
                attempt()
            assert str(err.value) == READ_ONLY_SENTENCE
    finally:
        journal.close()
    assert relinked.read_bytes() == before


def run(capsys, path: Path, passphrase: str, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["--journal", str(path), *argv], kdf=FAST_KDF_FOR_TESTS)
    out, err = capsys.readouterr()
    return code, out, err


def test_export_saves_what_is_intact_with_a_warning(
    relinked: Path, sample: Sample, passphrase: str, capsys, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)
    before = relinked.read_bytes()
    target = tmp_path / "intact.json"
    code, out, err = run(capsys, relinked, passphrase, "export", "-o", str(target))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"mentorjournal: {READ_ONLY}",
        "mentorjournal: 1 entry could not be read (altered) and is not in the export.",
        f"Exported to {target} (not encrypted: keep it safe).",
    ]
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["reflections"] == []
    assert {r["id"] for r in doc["relationships"]} == {sample.rel.id, sample.other_rel.id}
    assert len(doc["meetings"]) == 3
    assert relinked.read_bytes() == before

    code, out, err = run(capsys, relinked, passphrase, "export", "--format", "markdown")
    assert code == 0 and sample.rel.title in out and sample.reflection.feelings not in out


@pytest.mark.parametrize("command", [["search", "panel"], ["import", "FILE"], ["passwd"]])
def test_every_other_command_refuses_it_in_one_line(
    relinked: Path, passphrase: str, capsys, monkeypatch, tmp_path: Path, command: list[str]
) -> None:
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", passphrase)
    monkeypatch.setenv("MENTORJOURNAL_NEW_PASSPHRASE", "quartz lantern meadow harbour")
    data = tmp_path / "in.json"
    data.write_text(json.dumps({"format": "mentorjournal", "version": 1}), encoding="utf-8")
    before = relinked.read_bytes()
    argv = [str(data) if a == "FILE" else a for a in command]
    assert run(capsys, relinked, passphrase, *argv) == (
        1,
        "",
        f"mentorjournal: {refused(MOVED)}\n",
    )
    assert relinked.read_bytes() == before
