"""Journal: the one front door to a journal file. Domain objects in, domain objects out.

Decryption happens here, once per kind, into memory; filtering and sorting happen in memory.
Never imports Textual.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.domain import (
    ActionStep,
    Meeting,
    OwnPrompt,
    Reflection,
    Relationship,
    SupportContact,
    WellbeingCheckin,
)
from mentorjournal.errors import DeletedElsewhere, InvalidEntry, JournalLocked, NotFound
from mentorjournal.journal import integrity
from mentorjournal.journal.arc import RelationshipArc
from mentorjournal.journal.codec import from_plain, to_plain
from mentorjournal.journal.cycle import utc_now
from mentorjournal.journal.field_saves import FieldSaves
from mentorjournal.journal.kept import KeptViews
from mentorjournal.journal.keys import KeyChanges
from mentorjournal.journal.meetings import MeetingSchedule
from mentorjournal.journal.merge import Merging
from mentorjournal.journal.reads import OUTLINE, TABLE_OF, PartialReads
from mentorjournal.journal.settings import SettingsStore
from mentorjournal.journal.validation import validate_entry
from mentorjournal.mentoring import agenda, zones
from mentorjournal.store import crypto, ledger, records, vault
from mentorjournal.store.crypto import DEFAULT_KDF, KdfParams
from mentorjournal.store.db import Database
from mentorjournal.store.fields import FieldCipher

if TYPE_CHECKING:
    from sqlalchemy import Connection

T = TypeVar("T")
# Parents before children, so a batch insert never breaks a foreign key.
KINDS: tuple[type, ...] = tuple(TABLE_OF)


class Journal(
    KeyChanges,
    KeptViews,
    PartialReads,
    SettingsStore,
    FieldSaves,
    Merging,
    RelationshipArc,
    MeetingSchedule,
):
    """An open journal. Create with ``Journal.create`` or ``Journal.open``.

    ``clock`` gives the time for everything the journal decides or stamps by date; the app
    sets it to its own clock, so one moved clock moves the whole journal in tests."""

    def __init__(self, db: Database, cipher: FieldCipher | None, kdf: KdfParams) -> None:
        self.clock: Callable[[], datetime] = utc_now
        self._db = db
        self._cipher: FieldCipher | None = cipher
        self._kdf = kdf
        self._cache: dict[type, dict[str, Any]] = {}
        # Journal.outlines, by kind and columns read, until that kind changes
        self._outlines: dict[type, dict[tuple[str, ...], list[Any]]] = {}
        self._init_kept()  # views kept by revision; the rows' stamps (journal/kept.py)
        self._settings: dict[str, Any] | None = None
        # Ids known to be in the file (read or written here): an update that finds such a row
        # gone means another window deleted it, and must not quietly bring it back.
        self._stored: dict[str, set[str]] = {}
        self._mutex = threading.RLock()
        # What the person must be told once the key is taken (integrity.take_key): a whole file
        # older than one seen on this computer; or, opened read-only, what was altered. Rows
        # that do not open in a read-only journal are left out and their ids kept here.
        self.warnings: list[str] = []
        self.altered: str | None = None
        self.unreadable: list[str] | None = None
        self.remember_seen = True  # keep the newest change counter (the demo does not)

    # --- opening, locking, keys ----------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path | str, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[Journal, str]:
        """A new, empty journal; returns it and the recovery key (to show once)."""
        db = Database.create(Path(path))
        try:
            with db.write() as conn:
                data_key, recovery_key = vault.create(conn, passphrase, kdf)
                ledger.write(conn, FieldCipher(data_key), ledger.Ledger())
        except BaseException:
            db.dispose()
            Path(path).unlink(missing_ok=True)
            raise
        return cls(db, FieldCipher(data_key), kdf), recovery_key

    @classmethod
    def open(cls, path: Path | str, passphrase: str, *, altered_ok: bool = False) -> Journal:
        """``altered_ok``: a journal whose rows were changed outside MentorJournal opens
        read-only (``altered`` says what was found) instead of being refused."""
        journal = cls.open_locked(path)
        try:
            journal.unlock(passphrase, altered_ok=altered_ok)
        except BaseException:
            journal.close()
            raise
        return journal

    @classmethod
    def open_locked(cls, path: Path | str) -> Journal:
        """The journal file checked and opened, its key still locked: ``unlock`` then only
        derives the key (the app does this while the person types the passphrase)."""
        db = Database.open(Path(path))
        try:
            with db.read() as conn:
                record = vault.read(conn)
        except BaseException:
            db.dispose()
            raise
        return cls(db, None, record.kdf)

    @classmethod
    def recover(
        cls,
        path: Path | str,
        recovery_key: str,
        new_passphrase: str,
        *,
        kdf: KdfParams | None = None,
    ) -> Journal:
        """Open with the recovery key and set a new passphrase (wrapped with the default KDF,
        whatever the file named)."""
        db = Database.open(Path(path))
        try:
            with db.read() as conn:
                record = vault.read(conn)
            key = crypto.unwrap_with_recovery(
                recovery_key, record.recovery_salt, record.recovery_wrap
            )
        except BaseException:
            db.dispose()
            raise
        journal = cls(db, None, record.kdf)
        try:  # an altered journal too: the passphrase is not in its rows, and export needs it
            journal._take_key(key, altered_ok=True)
            journal.change_passphrase(new_passphrase, kdf=kdf)
        except BaseException:
            journal.close()
            raise
        return journal

    @staticmethod
    def info(path: Path | str) -> dict[str, Any]:
        """What can be known without the passphrase: path, schema, cipher, KDF."""
        return vault.describe(Path(path))

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def is_locked(self) -> bool:
        return self._cipher is None

    def lock(self) -> None:
        """Drop the key and every decrypted object (first remembering the journal's newest
        change counter on this computer)."""
        with self._mutex:
            if self._cipher is not None:
                if self.remember_seen:
                    integrity.remember_newest(self._db, self._cipher)
                self._cipher.forget()
            self._cipher = None
            self._forget()
            self._settings = None
            self.end_edit_sessions()

    def unlock(self, passphrase: str, *, altered_ok: bool = False) -> None:
        with self._db.read() as conn:
            record = vault.read(conn)
        key = crypto.unwrap_with_passphrase(
            passphrase, record.pass_salt, record.pass_wrap, record.kdf
        )
        self._take_key(key, altered_ok=altered_ok)
        self._kdf = record.kdf
        self.purge_bin()  # what was deleted 30 days ago or more goes for good

    def _take_key(self, key: bytes, *, altered_ok: bool) -> None:
        """Finish an upgrade, check the rows against the ledger and the remembered counter."""
        opened = integrity.take_key(
            self._db, key, altered_ok=altered_ok, remember=self.remember_seen
        )
        with self._mutex:
            self._cipher = opened.cipher
            self.warnings = opened.warnings
            self.altered = opened.altered
            self.unreadable = None if opened.altered is None else []
            self._forget()

    def close(self) -> None:
        self.lock()
        self._db.dispose()

    def backup(self, target: Path | str) -> None:
        self._db.backup_to(Path(target))

    def _need_cipher(self) -> FieldCipher:
        if self._cipher is None:
            raise JournalLocked()
        return self._cipher

    def revision(self) -> bytes:
        """Moves whenever anything is stored in the journal file, by this window or another
        (SQLite's file change counter): what was shown at one revision may be out of date at
        another."""
        return self._db.change_counter()

    # --- reading ------------------------------------------------------------------------------

    def _refresh_if_changed(self) -> None:
        with self._mutex:
            if self._db.changed_elsewhere():
                # Another window or command wrote to the journal: what changed is read afresh.
                self._bring_up_to_date()
                self._settings = None

    def _forget(self) -> None:
        """Drop every decrypted entry and view: they are read again when next asked for."""
        self._forget_entries()

    def _load(self, cls: type[T]) -> dict[str, T]:
        with self._mutex:
            self._refresh_if_changed()
            cached = self._cache.get(cls)
            if cached is not None:
                return cached
            cipher = self._need_cipher()
            name = TABLE_OF[cls]
            with self._db.read() as conn:
                rows = list(records.select_rows(conn, cipher, name, unreadable=self.unreadable))
            loaded: dict[str, T] = {row["id"]: from_plain(cls, row, stored=True) for row in rows}
            self._note_read(cls, rows)
            self._cache[cls] = loaded
            self._stored.setdefault(name, set()).update(loaded)
            return loaded

    def get(self, cls: type[T], entry_id: str) -> T:
        """One entry, as a copy of its own: changes made to it are seen elsewhere only once it
        is saved (an edit given up leaves the journal as it was)."""
        try:
            return copy.deepcopy(self._load(cls)[entry_id])
        except KeyError:
            raise NotFound() from None

    def all(self, cls: type[T]) -> list[T]:
        return list(self._load(cls).values())

    def relationships(self) -> list[Relationship]:
        return sorted(self.all(Relationship), key=lambda r: (r.title.casefold(), r.id))

    def meetings(self, relationship_id: str | None = None) -> list[Meeting]:
        items = [m for m in self.all(Meeting) if relationship_id in (None, m.relationship_id)]
        return sorted(items, key=lambda m: m.starts_at)

    def reflections(self, relationship_id: str | None = None) -> list[Reflection]:
        items = [r for r in self.all(Reflection) if relationship_id in (None, r.relationship_id)]
        return sorted(items, key=lambda r: r.written_at)

    def actions(self, relationship_id: str | None = None) -> list[ActionStep]:
        items = [a for a in self.all(ActionStep) if relationship_id in (None, a.relationship_id)]
        return sorted(items, key=agenda.action_sort_key)

    def wellbeing(self, relationship_id: str | None = None) -> list[WellbeingCheckin]:
        items = [
            w for w in self.all(WellbeingCheckin) if relationship_id in (None, w.relationship_id)
        ]
        return sorted(items, key=lambda w: w.at)

    def support_contacts(self) -> list[SupportContact]:
        return sorted(self.all(SupportContact), key=lambda c: c.name.casefold())

    def own_prompts(self) -> list[OwnPrompt]:
        return sorted(self.all(OwnPrompt), key=lambda p: (p.created_at or self.now(), p.id))

    # --- writing ------------------------------------------------------------------------------

    def save(self, obj: T) -> T:
        self.save_many([obj])
        return obj

    def save_many(self, objs: Iterable[Any]) -> None:
        """Insert or update every object in one transaction: all are stored, or none."""
        items = sorted(objs, key=lambda o: KINDS.index(type(o)))
        if any(OUTLINE in vars(obj) for obj in items):
            raise RuntimeError("an outline (from Journal.outlines) cannot be saved")
        cipher = self._need_cipher()
        stamp = self.now()
        for obj in items:
            if isinstance(obj, Relationship) and not obj.time_zone:
                obj.time_zone = zones.local_zone_name()  # this computer's, when first kept
        for obj in items:
            self._validate(obj)
        with self._mutex:
            with self._db.write() as conn:
                self._write_rows(conn, cipher, items, stamp)
            self._after_write(items, stamp)

    def _write_rows(
        self, conn: Connection, cipher: FieldCipher, items: list[Any], stamp: datetime, **how: Any
    ) -> None:
        """Inside a write transaction: update or insert each object's row (``save_many``,
        ``save_fields``: one way rows are written), keeping what each replaced (``history``)."""
        self._may_store()
        before = self._history_before(conn, cipher, items)
        for obj in items:
            values = to_plain(obj)
            values["updated_at"] = stamp.isoformat()
            if obj.created_at is None:
                values["created_at"] = stamp.isoformat()
            name = TABLE_OF[type(obj)]
            if records.update_row(conn, cipher, name, values) == 0:
                if obj.id in self._stored.get(name, ()):
                    raise DeletedElsewhere()
                records.insert_rows(conn, cipher, name, [values])
        self._history_after(conn, cipher, before, items, stamp, **how)

    def _after_write(self, items: list[Any], stamp: datetime) -> None:
        """After the commit: the objects carry their stamps, and what is kept in memory follows."""
        for obj in items:
            self._stored.setdefault(TABLE_OF[type(obj)], set()).add(obj.id)
            obj.updated_at = stamp
            if obj.created_at is None:
                obj.created_at = stamp
            cached = self._cache.get(type(obj))
            if cached is not None:
                cached[obj.id] = copy.deepcopy(obj)  # later edits stay the caller's
                self._note_written(type(obj), obj.id)
            self._outlines.pop(type(obj), None)

    def insert_new(self, objs: list[Any]) -> list[Any]:
        """Insert many new objects in one transaction (used by import); nothing else changes.
        An object whose id is already stored is left out — checked under the write lock, so
        another import of the same file at the same time cannot collide. Returns those added."""
        cipher = self._need_cipher()
        stamp = self.now().isoformat()
        by_kind: dict[type, list[Any]] = {}
        for obj in objs:
            if isinstance(obj, Relationship) and not obj.time_zone:
                obj.time_zone = zones.local_zone_name()
            self._validate(obj)
            by_kind.setdefault(type(obj), []).append(obj)
        added: list[Any] = []
        with self._mutex:
            with self._db.write() as conn:
                for cls in KINDS:
                    name = TABLE_OF[cls]
                    present = records.existing_ids(conn, name) if cls in by_kind else set()
                    fresh = [o for o in by_kind.get(cls, []) if o.id not in present]
                    rows = [to_plain(o) for o in fresh]
                    for values in rows:
                        values["created_at"] = values["created_at"] or stamp
                        values["updated_at"] = values["updated_at"] or stamp
                    records.insert_rows(conn, cipher, name, rows)
                    added += fresh
            for obj in added:
                self._stored.setdefault(TABLE_OF[type(obj)], set()).add(obj.id)
            self._bring_up_to_date()
        return added

    def delete(self, obj: Any, *, to_bin: bool = True) -> None:
        """Into Recently deleted with what goes with it (``bin``); ``to_bin=False``: for good."""
        cipher = self._need_cipher()
        with self._mutex:
            with self._db.write() as conn:
                if not self._remove(conn, cipher, TABLE_OF[type(obj)], obj.id, to_bin=to_bin):
                    raise NotFound()
            # Deletes cascade (or unlink) in the database: the rows they changed are read again.
            self._bring_up_to_date()

    def _validate(self, obj: Any) -> None:
        if type(obj) not in TABLE_OF:
            raise InvalidEntry(f"A {type(obj).__name__} cannot be stored in the journal.")
        validate_entry(obj)

    def search(self, term: str, filters: Any = None) -> list[Any]:
        """Entries holding every word of ``term``, narrowed by ``filters`` (SearchFilters)."""
        from mentorjournal.journal import search

        return search.search(self, term, filters or search.NO_FILTERS)
