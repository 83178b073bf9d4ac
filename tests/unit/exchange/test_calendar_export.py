"""The .ics export, read back with the icalendar library, and the ``calendar`` command."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from mentorjournal.domain import Meeting, MeetingStatus, Relationship
from mentorjournal.exchange import calendar_export
from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.local_zone import pinned_timezone as computer_zone
from tests.unit.cli_runner import ENV, PASS, Cli, assert_one_error_line

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SECRET = ("PURPOSE-MARKER", "NOTES-MARKER", "PARTNER-MARKER", "TITLE-MARKER", "PREP-MARKER")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def rel() -> Relationship:
    return Relationship(
        title="TITLE-MARKER with Amara",
        partner="PARTNER-MARKER",
        purpose="PURPOSE-MARKER",
        cadence="FREQ=MONTHLY;BYDAY=+2TU",
        started_on=date(2026, 1, 13),
        time_zone="Europe/London",
    )


def held_until_november(rel: Relationship) -> list[Meeting]:
    days = (13, 10, 10, 14, 12, 9, 14, 11, 8, 13, 10)  # second Tuesdays, Jan to Nov 2026
    return [
        Meeting(
            rel.id,
            datetime(2026, month, day, 10, 0, tzinfo=LONDON),
            status=MeetingStatus.HELD,
            notes="NOTES-MARKER",
            preparation="PREP-MARKER",
        )
        for month, day in enumerate(days, start=1)
    ]


def events(text: str) -> list:  # list of icalendar Event
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_second_tuesdays_at_ten_london_time_in_utc(rel: Relationship) -> None:
    text = calendar_export.meetings_ics(rel, held_until_november(rel), NOW)
    cal = Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == calendar_export.PRODID
    found = events(text)
    # 10:00 in London is 10:00 UTC in winter and 09:00 UTC in summer time (from 28 Mar 2027).
    assert [e["DTSTART"].dt for e in found] == [
        utc(2026, 12, 8, 10),
        utc(2027, 1, 12, 10),
        utc(2027, 2, 9, 10),
        utc(2027, 3, 9, 10),
        utc(2027, 4, 13, 9),
        utc(2027, 5, 11, 9),
    ]
    for event in found:
        assert event["DTSTART"].dt.utcoffset() == timedelta(0)
        assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=60)
        assert event["DTSTAMP"].dt == NOW
        assert str(event["SUMMARY"]) == "Mentoring meeting"
        assert "DESCRIPTION" not in event and "LOCATION" not in event
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == timedelta(days=-1)
        assert str(alarm["DESCRIPTION"]) == "Prepare for your mentoring meeting"
    assert len({str(e["UID"]) for e in found}) == 6
    for marker in SECRET:
        assert marker not in text
    assert rel.id not in text


def test_text_is_crlf_and_folded_at_75_octets(rel: Relationship) -> None:
    title = "Café, 1:1; “pause”\\ — " * 6
    text = calendar_export.meetings_ics(rel, [], NOW, count=2, title=title)
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert "\n" not in "".join(lines) and "\r" not in "".join(lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # the long title was folded
    (first, _second) = events(text)
    assert str(first["SUMMARY"]) == " ".join(title.split())
    (alarm,) = first.walk("VALARM")
    # A chosen title is all the reminder says too: not "mentoring".
    assert str(alarm["DESCRIPTION"]) == f"Prepare for {' '.join(title.split())}"
    assert "mentoring" not in text.lower()


def test_title_is_one_line_and_empty_means_the_default() -> None:
    assert calendar_export.clean_title("  Catch-up\nwith\tA\x07 ") == "Catch-up with A"
    assert calendar_export.clean_title(" \n ") == "Mentoring meeting"
    assert calendar_export.escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert calendar_export.fold("x" * 75) == "x" * 75
    assert calendar_export.fold("é" * 40) == "é" * 37 + "\r\n " + "é" * 3


def test_stored_meetings_and_cadence_dates_in_time_order_skipping_cancelled(
    rel: Relationship,
) -> None:
    rel.meeting_minutes = 50  # the relationship's own length, for dates only on the cadence
    meetings = held_until_november(rel)
    dec8 = datetime(2026, 12, 8, 10, 0, tzinfo=LONDON)
    before = calendar_export.coming_meetings(rel, meetings, NOW, count=3)
    assert [(c.starts_at, c.minutes) for c in before] == [
        (dec8, 50),
        (datetime(2027, 1, 12, 10, 0, tzinfo=LONDON), 50),
        (datetime(2027, 2, 9, 10, 0, tzinfo=LONDON), 50),
    ]
    moved = Meeting(  # December's meeting rescheduled to the Thursday at 15:00 for 45 minutes
        rel.id, datetime(2026, 12, 10, 15, 0, tzinfo=LONDON), duration_minutes=45, slot_at=dec8
    )
    jan12 = datetime(2027, 1, 12, 10, 0, tzinfo=LONDON)
    cancelled = Meeting(rel.id, jan12, slot_at=jan12, status=MeetingStatus.CANCELLED)
    passed = Meeting(  # planned off the cadence on 20 November, never held: missed, not to come
        rel.id, datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)
    )
    today = Meeting(  # started at 08:30 today, an hour long: still under way at 09:00
        rel.id,
        datetime(2026, 11, 23, 8, 30, tzinfo=UTC),
        slot_at=datetime(2026, 11, 23, 8, 30, tzinfo=UTC),
        started_at=datetime(2026, 11, 23, 8, 31, tzinfo=UTC),
    )
    meetings += [moved, cancelled, passed, today]
    coming = calendar_export.coming_meetings(rel, meetings, NOW, count=4)
    assert [(c.starts_at.astimezone(UTC), c.minutes) for c in coming] == [
        (utc(2026, 11, 23, 8, 30), 60),
        (utc(2026, 12, 10, 15), 45),
        (utc(2027, 2, 9, 10), 50),
        (utc(2027, 3, 9, 10), 50),
    ]
    # A rescheduled meeting keeps its slot's UID, so a second export moves the same event.
    assert coming[1].uid == before[0].uid
    assert len({c.uid for c in coming}) == 4
    # Once over, a meeting is not to come any more.
    later = calendar_export.coming_meetings(rel, meetings, NOW + timedelta(hours=1), count=1)
    assert later[0].starts_at == moved.starts_at


def test_nothing_to_come_without_cadence_or_after_the_end(rel: Relationship) -> None:
    meetings = held_until_november(rel)
    assert calendar_export.coming_meetings(rel, meetings, NOW, count=0) == []
    no_cadence = Relationship(title="x", started_on=date(2026, 1, 1))
    assert calendar_export.coming_meetings(no_cadence, [], NOW) == []
    rel.ended_on = date(2027, 2, 28)
    coming = calendar_export.coming_meetings(rel, meetings, NOW, count=6)
    assert [c.starts_at.date() for c in coming] == [
        date(2026, 12, 8),
        date(2027, 1, 12),
        date(2027, 2, 9),
    ]
    text = calendar_export.to_ics([], NOW)
    assert Calendar.from_ical(text).walk("VEVENT") == []


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def run(capsys, monkeypatch, tmp_path: Path) -> Cli:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MENTORJOURNAL_JOURNAL", str(tmp_path / "j.db"))
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASS)
    return Cli(capsys, monkeypatch)


def make_journal(tmp_path: Path, *rels: Relationship, meetings: list[Meeting] = ()) -> None:
    journal, _ = Journal.create(tmp_path / "j.db", PASS, kdf=FAST_KDF_FOR_TESTS)
    journal.save_many([*rels, *meetings])
    journal.close()


def test_cli_writes_the_only_relationship(run: Cli, tmp_path: Path, rel: Relationship) -> None:
    make_journal(tmp_path, rel, meetings=held_until_november(rel))
    target = tmp_path / "meetings.ics"
    code, out, err = run("calendar", "--count", "3", "-o", str(target))
    assert (code, out) == (0, "")
    assert "Wrote 3 meetings" in err and "Mentoring meeting" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_bytes().decode("utf-8")
    assert text.count("\r\n") == text.count("\n")
    found = events(text)
    assert len(found) == 3
    now = datetime.now(UTC)  # no clock given: the computer's
    for event in found:  # second Tuesdays at 10:00 in London, whatever the computer's zone
        start = event["DTSTART"].dt.astimezone(LONDON)
        assert start > now and start.weekday() == 1 and 8 <= start.day <= 14
        assert (start.hour, start.minute) == (10, 0)
        assert str(event["SUMMARY"]) == "Mentoring meeting"
    for marker in SECRET:
        assert marker not in text


def test_cli_picks_by_title_and_takes_a_title(run: Cli, tmp_path: Path, rel: Relationship) -> None:
    other = Relationship(
        title="Board mentoring", cadence="FREQ=WEEKLY;BYDAY=FR", started_on=date(2026, 1, 2)
    )
    make_journal(tmp_path, rel, other, meetings=held_until_november(rel))
    target = tmp_path / "board.ics"
    code, _, err = run(
        "calendar", "--relationship", "board MENTORING", "--title", "1:1, weekly", "-o", str(target)
    )
    assert code == 0, err
    found = events(target.read_text(encoding="utf-8"))
    assert len(found) == 6
    assert {e["DTSTART"].dt.weekday() for e in found} == {4}
    assert {str(e["SUMMARY"]) for e in found} == {"1:1, weekly"}


def test_cli_refuses_ambiguity_and_nothing_to_come(
    run: Cli, tmp_path: Path, rel: Relationship
) -> None:
    twin = Relationship(title="Twin", cadence="FREQ=WEEKLY")
    twin2 = Relationship(title="twin")
    make_journal(tmp_path, rel, twin, twin2)
    target = tmp_path / "x.ics"
    code, out, err = run("calendar", "-o", str(target))
    assert_one_error_line(code, out, err, "has 3 relationships; choose one with --relationship")
    code, out, err = run("calendar", "--relationship", "TWIN", "-o", str(target))
    assert_one_error_line(code, out, err, "2 relationships are called “TWIN”")
    code, out, err = run("calendar", "--relationship", "Nobody", "-o", str(target))
    assert_one_error_line(code, out, err, "No relationship is called “Nobody”")
    code, out, err = run("calendar", "--relationship", twin2.id, "-o", str(target))
    assert_one_error_line(code, out, err, "no meetings to come")
    assert not target.exists()
    with pytest.raises(SystemExit) as stop:
        run("calendar", "--count", "0", "-o", str(target))
    assert stop.value.code == 2


def test_cli_decides_by_the_journal_s_clock_in_the_relationship_s_zone(
    run: Cli, tmp_path: Path, rel: Relationship
) -> None:
    make_journal(tmp_path, rel, meetings=held_until_november(rel))
    # A year and more from the real date, seen from New York (whose clocks change on 12 March
    # 2028, London's on 26 March): the meetings stay at 10:00 in London.
    clock = datetime(2028, 3, 1, 12, 0, tzinfo=UTC)
    assert abs(clock - datetime.now(UTC)) > timedelta(days=365)
    target = tmp_path / "london.ics"
    with computer_zone("America/New_York"):
        assert datetime(2028, 3, 1, 12, tzinfo=UTC).astimezone().utcoffset() == timedelta(hours=-5)
        code, _, err = run("calendar", "--count", "4", "-o", str(target), clock=lambda: clock)
    assert code == 0, err
    found = events(target.read_text(encoding="utf-8"))
    assert [(e["DTSTART"].dt, e["DTEND"].dt) for e in found] == [
        (utc(2028, 3, 14, 10), utc(2028, 3, 14, 11)),  # GMT
        (utc(2028, 4, 11, 9), utc(2028, 4, 11, 10)),  # BST
        (utc(2028, 5, 9, 9), utc(2028, 5, 9, 10)),
        (utc(2028, 6, 13, 9), utc(2028, 6, 13, 10)),
    ]
    assert {e["DTSTAMP"].dt for e in found} == {clock}
