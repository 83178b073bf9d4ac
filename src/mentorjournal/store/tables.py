"""SQLModel tables. Plaintext columns: ids, foreign keys, created/updated times and vault
metadata. Every other column is ciphertext (``bytes``) written by ``store.records``.

The schema is created by the migrations in ``store.migrations``; these classes describe the
schema of the newest version (a test checks that the two agree).
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

Cipher = bytes | None


class SchemaVersion(SQLModel, table=True):
    __tablename__ = "schema_version"
    version: int = Field(primary_key=True)


class Vault(SQLModel, table=True):
    __tablename__ = "vault"
    id: int = Field(default=1, primary_key=True)
    cipher: str
    kdf: str  # JSON: name, memory_kib, iterations, lanes
    pass_salt: bytes
    pass_wrap: bytes
    recovery_salt: bytes
    recovery_wrap: bytes
    created_at: str
    updated_at: str
    ledger: Cipher = None  # the sealed ledger of rows (schema 5; ``store.ledger``)


class _Row(SQLModel):
    id: str = Field(primary_key=True)
    created_at: str
    updated_at: str
    row_version: int | None = None  # one more on every write (schema 5)


class RelationshipRow(_Row, table=True):
    __tablename__ = "relationship"
    title: Cipher = None
    my_role: Cipher = None
    partner: Cipher = None
    purpose: Cipher = None
    ground_rules: Cipher = None
    styles: Cipher = None
    cadence: Cipher = None
    started_on: Cipher = None
    ended_on: Cipher = None
    meeting_time: Cipher = None
    meeting_minutes: Cipher = None
    time_zone: Cipher = None
    cadence_from: Cipher = None
    earlier_cadences: Cipher = None


class MeetingRow(_Row, table=True):
    __tablename__ = "meeting"
    relationship_id: str = Field(foreign_key="relationship.id", ondelete="CASCADE")
    starts_at: Cipher = None
    duration_minutes: Cipher = None
    status: Cipher = None
    preparation: Cipher = None
    notes: Cipher = None
    themes: Cipher = None
    points: Cipher = None
    framing: Cipher = None
    review_summary: Cipher = None
    used_prompts: Cipher = None
    slot_at: Cipher = None
    started_at: Cipher = None
    ended_at: Cipher = None
    cancel_reason: Cipher = None


class ReflectionRow(_Row, table=True):
    __tablename__ = "reflection"
    relationship_id: str = Field(foreign_key="relationship.id", ondelete="CASCADE")
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    written_at: Cipher = None
    model: Cipher = None
    description: Cipher = None
    feelings: Cipher = None
    evaluation: Cipher = None
    analysis: Cipher = None
    conclusion: Cipher = None
    action_plan: Cipher = None


class ActionRow(_Row, table=True):
    __tablename__ = "action"
    relationship_id: str = Field(foreign_key="relationship.id", ondelete="CASCADE")
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    title: Cipher = None
    detail: Cipher = None
    owner: Cipher = None
    due_on: Cipher = None
    resources: Cipher = None
    obstacles: Cipher = None
    status: Cipher = None
    outcome: Cipher = None
    learning: Cipher = None
    reviewed_at: Cipher = None
    carried_forward: Cipher = None


class ReviewRow(_Row, table=True):
    __tablename__ = "review"
    relationship_id: str = Field(foreign_key="relationship.id", ondelete="CASCADE")
    action_id: str = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    status: Cipher = None
    reviewed_at: Cipher = None
    outcome: Cipher = None
    learning: Cipher = None


class WellbeingRow(_Row, table=True):
    __tablename__ = "wellbeing"
    relationship_id: str | None = Field(
        default=None, foreign_key="relationship.id", ondelete="CASCADE"
    )
    meeting_id: str | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    at: Cipher = None
    score: Cipher = None
    note: Cipher = None
    moment: Cipher = None


class SupportContactRow(_Row, table=True):
    __tablename__ = "support_contact"
    name: Cipher = None
    how: Cipher = None
    note: Cipher = None


class OwnPromptRow(_Row, table=True):
    __tablename__ = "own_prompt"
    theme: Cipher = None
    text: Cipher = None
    theme_title: Cipher = None
    hidden: Cipher = None
    hides: Cipher = None


class SettingRow(SQLModel, table=True):
    """A setting: the key is the program's own name for it; the value is ciphertext."""

    __tablename__ = "setting"
    id: str = Field(primary_key=True)
    value: Cipher = None
    updated_at: str
    row_version: int | None = None


# --- schema 6: history, the bin, tombstones (``journal.history``, ``journal.bin``) ----------
# Each is keyed by an entry's id (the bin by an id of its own) and holds nothing readable but
# that id and its times; every row is in the ledger of rows like any other.


class HistoryRow(_Row, table=True):
    """The earlier versions of one entry's texts (``journal.history_chain``)."""

    __tablename__ = "history"
    kind: Cipher = None
    versions: Cipher = None


class EntryStateRow(_Row, table=True):
    """When each field of one entry last changed, its version id, and the fields marked
    "changed on two computers"."""

    __tablename__ = "entry_state"
    kind: Cipher = None
    fields: Cipher = None
    two_computers: Cipher = None


class BinRow(_Row, table=True):
    """One deletion in "Recently deleted": the entry and everything deleted with it."""

    __tablename__ = "bin"
    kind: Cipher = None
    root: Cipher = None
    rows: Cipher = None
    unlinked: Cipher = None


class TombstoneRow(_Row, table=True):
    """That an entry was deleted, and when: kept after the bin is emptied."""

    __tablename__ = "tombstone"
    kind: Cipher = None
    deleted_at: Cipher = None
    restored_at: Cipher = None
