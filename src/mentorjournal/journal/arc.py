"""The arc of a relationship over the journal: a scheme's programme attached to it, the model
its reflections are written in, its opening and its end.

What a relationship keeps here is not a column of its own: it is a setting (encrypted like every
other) named after it — ``programme:<relationship id>`` (the programme attached, a copy, so that
changing the journal's list of programmes leaves it be) and ``reflection-model:<relationship
id>``. The programmes imported with prompt packs are the setting ``programmes``. Opening and
closing reflections are reflections whose ``model`` is "opening" or "closing".

A mixin of ``Journal``, using its settings, its reads and its one way of writing rows.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.domain import (
    CHOSEN_MODELS,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
)
from mentorjournal.errors import InvalidEntry
from mentorjournal.journal.cycle import MEETING_OUTLINE, MeetingCycle
from mentorjournal.journal.field_saves import FieldEdit
from mentorjournal.mentoring import agenda, closing, schedule
from mentorjournal.mentoring import programme as programmes
from mentorjournal.mentoring.programme import Programme
from mentorjournal.store import records

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from mentorjournal.journal.field_saves import Stored
    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher

T = TypeVar("T")
LIBRARY = "programmes"  # name → the programme's meetings, as prompt packs brought them


def programme_key(relationship_id: str) -> str:
    return f"programme:{relationship_id}"


def model_key(relationship_id: str) -> str:
    return f"reflection-model:{relationship_id}"


def held_count(rel: Relationship, meetings: Iterable[Meeting], now: datetime) -> int:
    zone = schedule.rel_zone(rel)
    return sum(1 for m in meetings if schedule.state_of(m, now, zone) is schedule.State.HELD)


def has_ended(rel: Relationship, now: datetime) -> bool:
    """The relationship's end date has come (an end date still to come is a plan)."""
    return (
        rel.ended_on is not None and rel.ended_on <= now.astimezone(schedule.rel_zone(rel)).date()
    )


class RelationshipArc(MeetingCycle):
    """Programmes, the default reflection model, the opening and the close; the cycle's
    standings with them."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _db: Database
        _settings: dict[str, Any] | None

        def _need_cipher(self) -> FieldCipher: ...
        def _validate(self, obj: Any) -> None: ...
        def _write_rows(
            self, conn: Connection, cipher: FieldCipher, items: list[Any], stamp: datetime
        ) -> None: ...
        def _after_write(self, items: list[Any], stamp: datetime) -> None: ...
        def settings(self) -> dict[str, Any]: ...
        def set_setting(self, key: str, value: Any) -> None: ...
        def own_prompts(self) -> list[OwnPrompt]: ...
        def reflections(self, relationship_id: str | None = None) -> list[Reflection]: ...
        def entry_texts(
            self, cls: type, columns: Iterable[str], ids: Iterable[str] | None = None
        ) -> Iterable[dict[str, Any]]: ...
        def save_edits(self, edits: Any, new: Any = ()) -> list[Stored[Any]]: ...

    # --- programmes -------------------------------------------------------------------------

    def programmes(self) -> list[Programme]:
        """The programmes prompt packs brought into the journal, by name."""
        stored = self.setting(LIBRARY) or {}
        found = [programmes.from_plain({"name": n, "meetings": rows}) for n, rows in stored.items()]
        return sorted((p for p in found if p is not None), key=lambda p: p.name.casefold())

    def add_pack(self, rows: list[OwnPrompt], programme: Programme | None) -> bool:
        """Store a prompt pack's new themes and prompts and its programme in one transaction
        (all of it, or nothing). True when the programme is new or changed in the journal."""
        library = dict(self.setting(LIBRARY) or {})
        news = False
        settings: dict[str, Any] = {}
        if programme is not None:
            plain = programmes.programme_rows(programme)
            news = library.get(programme.name) != plain
            if news:
                library[programme.name] = plain
                settings[LIBRARY] = library
        self.save_with_settings(rows, settings)
        return news

    def save_with_settings(self, objs: list[Any], settings: dict[str, Any]) -> None:
        """Entries (new or changed) and settings written in one transaction."""
        cipher = self._need_cipher()
        stamp = self.now()
        for obj in objs:
            self._validate(obj)
        try:
            json.dumps(settings, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):
            raise InvalidEntry("That setting cannot be stored.") from None
        with self._mutex:
            with self._db.write() as conn:
                self._write_rows(conn, cipher, objs, stamp)
                for key, value in settings.items():
                    values = {"id": key, "value": value, "updated_at": stamp.isoformat()}
                    if records.update_row(conn, cipher, "setting", values) == 0:
                        records.insert_rows(conn, cipher, "setting", [values])
            self._after_write(objs, stamp)
            if self._settings is not None:
                self._settings.update(settings)

    def attach_programme(self, relationship_id: str, programme: Programme | None) -> None:
        """Follow ``programme`` in this relationship (None: no programme)."""
        self.get(Relationship, relationship_id)  # NotFound for a relationship not there
        value = programmes.to_plain(programme) if programme is not None else None
        self.set_setting(programme_key(relationship_id), value)

    def relationship_programme(self, relationship_id: str) -> Programme | None:
        return programmes.from_plain(self.setting(programme_key(relationship_id)))

    def programme_meeting(
        self, relationship_id: str, now: datetime | None = None
    ) -> tuple[Programme, int] | None:
        """The relationship's programme and the number of its next meeting (held so far + 1)."""
        found = self.relationship_programme(relationship_id)
        if found is None:
            return None
        rel = self.get(Relationship, relationship_id)
        held = held_count(rel, self.meetings(relationship_id), now or self.now())
        return found, programmes.next_number(held)

    def theme_titles(self) -> dict[str, str]:
        from mentorjournal.mentoring.prompts import merge_themes

        return {t.key: t.title for t in merge_themes(self.own_prompts())}

    # --- the model reflections are written in -------------------------------------------------

    def default_model(self, relationship_id: str) -> str:
        model = self.setting(model_key(relationship_id))
        return model if model in CHOSEN_MODELS else "gibbs"

    def set_default_model(self, relationship_id: str, model: str) -> None:
        if model not in CHOSEN_MODELS:
            raise InvalidEntry(f"A reflection model is one of: {', '.join(CHOSEN_MODELS)}.")
        self.get(Relationship, relationship_id)
        self.set_setting(model_key(relationship_id), model)

    # --- the opening and the close --------------------------------------------------------------

    def end_relationship(self, relationship_id: str, day: date) -> Relationship:
        """Give the relationship its end date (only that field is written)."""
        rel = self.get(Relationship, relationship_id)
        if rel.started_on is not None and day < rel.started_on:
            raise InvalidEntry("The end date is before the start date.")
        [stored] = self.save_edits([FieldEdit(Relationship, relationship_id, {"ended_on": day})])
        return stored.entry  # type: ignore[no-any-return]

    def closing_summary(
        self, relationship_id: str, now: datetime | None = None
    ) -> closing.ClosingSummary:
        rel = self.get(Relationship, relationship_id)
        return closing.build_summary(
            self.meetings(relationship_id),
            self.actions(relationship_id),
            self.reviews(relationship_id),
            self.reflections(relationship_id),
            self.theme_titles(),
            now or self.now(),
            schedule.rel_zone(rel),
        )

    def _closed(self, relationship_ids: Iterable[str]) -> set[str]:
        """Which of these relationships have a closing reflection: only their reflections'
        models are read."""
        with self._db.read() as conn:
            ids = records.linked_ids(conn, "reflection", relationship_ids)
        rows = self.entry_texts(Reflection, ("model",), ids) if ids else []
        return {row["relationship_id"] for row in rows if row["model"] == "closing"}

    def standings(self, now: datetime | None = None) -> list[agenda.Standing]:
        """Where every relationship stands (``MeetingCycle.standings``), with where each is in
        its programme, and an opening or a closing reflection offered when it is time."""
        moment = now or self.now()
        return self.add_arc(super().standings(moment), moment)

    def add_arc(self, found: list[agenda.Standing], moment: datetime) -> list[agenda.Standing]:
        """The standings with where each relationship is in its programme, and the opening or
        closing reflection offered when it is time (its "what now" then says so)."""
        settings = self.settings()
        meetings: dict[str, list[Meeting]] = {}
        for m in self.outlines(Meeting, MEETING_OUTLINE):
            meetings.setdefault(m.relationship_id, []).append(m)
        held = {
            st.relationship.id: held_count(
                st.relationship, meetings.get(st.relationship.id, []), moment
            )
            for st in found
        }
        titles: dict[str, str] | None = None
        ended = {st.relationship.id for st in found if has_ended(st.relationship, moment)}
        closed = self._closed(ended) if ended else set()
        for st in found:
            rel = st.relationship
            attached = programmes.from_plain(settings.get(programme_key(rel.id)))
            if attached is not None:
                titles = self.theme_titles() if titles is None else titles
                st.programme = programmes.where_words(attached, held[rel.id], titles)
            if rel.id in ended:
                st.arc = "" if rel.id in closed else "closing"
            elif held[rel.id] == 0 and not st.reflected:
                st.arc = "opening"  # nothing held, nothing reflected yet (no text is read)
            if st.arc:
                st.what_now, st.next_step = agenda.what_now(st, moment)
        return found
