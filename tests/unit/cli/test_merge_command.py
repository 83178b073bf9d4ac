"""``mentorjournal merge``: other copies merged in with a report; with no FILE the conflicted
copies beside the journal, removed once fully merged (``--keep`` keeps them); a named copy only
read; a copy with another key asks for its passphrase or recovery key; anything that is not a
copy of this journal refused in one line, the journal unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mentorjournal.domain import Reflection, Relationship, SupportContact
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.cli_runner import PASS, Cli, assert_one_error_line, fill_journal, start_cli
from tests.unit.sync_support import MARKER, computer, edited, fingerprint, leaks

SYNCTHING = "j.sync-conflict-20260301-101500-ABCDEF7.db"


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    return start_cli(capsys, monkeypatch, tmp_path)


@pytest.fixture
def copies(tmp_path: Path, make_sample, monkeypatch: pytest.MonkeyPatch):
    """The journal ``j.db`` and a Syncthing conflicted copy of it beside it, each changed
    apart: the copy has a new reflection, a changed support contact and a deleted action;
    the journal a new relationship."""
    sample, _key = fill_journal(tmp_path, make_sample)
    copy = tmp_path / SYNCTHING
    shutil.copy(tmp_path / "j.db", copy)

    def on_the_other_computer(j: Journal) -> None:
        j.save(Reflection(sample.rel.id, j.now(), description=f"Written at home {MARKER}"))
        contact = j.get(SupportContact, sample.contact.id)
        contact.note = "Weekdays only"
        j.save(contact)
        j.delete(sample.dropped_action)

    with computer(monkeypatch, tmp_path / "laptop-state"):
        edited(copy, PASS, on_the_other_computer)
    edited(tmp_path / "j.db", PASS, lambda j: j.save(Relationship(title="Written at work")))
    return sample, copy


def texts(path: Path) -> str:
    journal = Journal.open(path, PASS)
    try:
        from mentorjournal.exchange.interchange import export_json

        return export_json(journal)
    finally:
        journal.close()


def test_the_conflicted_copies_beside_the_journal_are_merged_and_removed(
    run: Cli, copies, tmp_path: Path
) -> None:
    sample, copy = copies
    code, out, err = run("merge")
    assert (code, err) == (0, "")
    assert f"From {SYNCTHING}: 1 reflection new; changes to 1 support contact;" in out
    assert "1 action deleted there (now in Recently deleted)" in out
    assert f"Removed {SYNCTHING}: everything in it is in the journal now." in out
    assert not copy.exists()
    merged = texts(tmp_path / "j.db")
    for words in ("Written at home", "Weekdays only", "Written at work"):
        assert words in merged
    assert sample.dropped_action.title not in merged
    assert leaks(MARKER, tmp_path) == []  # nothing decrypted reached any file
    code, out, err = run("merge")
    assert (code, out) == (
        0,
        "No conflicted copies of this journal were found beside it: nothing to merge.\n",
    )


def test_keep_keeps_the_copies_and_merging_again_changes_nothing(
    run: Cli, copies, tmp_path: Path
) -> None:
    _sample, copy = copies
    before = fingerprint(copy)
    assert run("merge", "--keep")[0] == 0
    assert fingerprint(copy) == before
    journal = fingerprint(tmp_path / "j.db")
    code, out, _err = run("merge", "--keep")
    assert (
        code == 0 and out == f"From {SYNCTHING}: nothing new (everything in it is here already).\n"
    )
    assert fingerprint(tmp_path / "j.db") == journal  # not one byte written


def test_a_named_copy_is_only_read(run: Cli, copies, tmp_path: Path) -> None:
    _sample, copy = copies
    named = tmp_path / "elsewhere" / "laptop.db"
    named.parent.mkdir()
    shutil.move(copy, named)
    before = fingerprint(named)
    code, out, err = run("merge", str(named))
    assert (code, err) == (0, "")
    assert out.startswith("From laptop.db: 1 reflection new")
    assert fingerprint(named) == before


def test_a_copy_with_another_data_key_needs_its_passphrase(
    run: Cli, copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _sample, copy = copies
    other_words = "another pass phrase here"

    def rekey(j: Journal) -> None:
        j.change_passphrase(other_words, kdf=FAST_KDF_FOR_TESTS)
        j.rekey(other_words, kdf=FAST_KDF_FOR_TESTS)

    with computer(monkeypatch, tmp_path / "laptop-state"):
        edited(copy, PASS, rekey)
    before = fingerprint(tmp_path / "j.db")
    code, out, err = run("merge")
    assert_one_error_line(code, out, err, f"{SYNCTHING} has another passphrase or data key")
    assert fingerprint(tmp_path / "j.db") == before
    run.env(copy_passphrase=other_words)
    code, out, err = run("merge")
    assert (code, err) == (0, "")
    assert "1 reflection new" in out


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_text("notes"), "x.db is not a MentorJournal journal"),
        (lambda p: p.write_bytes(b""), "x.db is not a MentorJournal journal"),
        (
            lambda p: Journal.create(p, PASS, kdf=FAST_KDF_FOR_TESTS)[0].close(),
            "x.db is another journal, not a copy of this one",
        ),
    ],
)
def test_what_is_no_copy_is_refused_and_nothing_changes(
    run: Cli, copies, tmp_path: Path, make, said: str
) -> None:
    bad = tmp_path / "x.db"
    make(bad)
    before = fingerprint(tmp_path / "j.db")
    code, out, err = run("merge", str(bad), str(copies[1]))
    assert_one_error_line(code, out, err, said)
    assert fingerprint(tmp_path / "j.db") == before
    assert copies[1].exists()


def test_a_missing_file_is_said(run: Cli, copies, tmp_path: Path) -> None:
    code, out, err = run("merge", str(tmp_path / "nowhere.db"))
    assert_one_error_line(code, out, err, "There is no file at")
    assert "init" not in err


def test_info_finds_the_conflicted_copies(run: Cli, copies, tmp_path: Path) -> None:
    run.env(passphrase=None)  # info never needs it
    code, out, _err = run("info")
    assert code == 0
    assert "Conflicted copies beside it (1); “mentorjournal merge” merges them:" in out
    assert str(copies[1]) in out
    code, out, _err = run("info", "--json")
    info = json.loads(out)
    assert info["conflicted_copies"] == [str(copies[1])]
    assert info["sync_folder"] is None and info["synced_by"] is None
    assert len(info["journal_id"]) == 24
