"""Errors a person can cause or meet, each with one sentence written for them.

This module imports nothing from the package, so every layer may raise these.
"""

from __future__ import annotations


class JournalError(Exception):
    """Base class: ``str(error)`` is a sentence to show a person as it is."""

    default = "Something went wrong with the journal."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default)

    @property
    def message(self) -> str:
        return str(self)


class WrongPassphrase(JournalError):
    default = "That passphrase does not open this journal."


class WrongRecoveryKey(JournalError):
    default = "That recovery key does not open this journal."


class TamperedData(JournalError):
    default = (
        "Part of the journal file is damaged or has been altered, so it cannot be read; "
        "nothing was changed."
    )


class AlteredLayout(TamperedData):
    """The file holds a schema object (trigger, view, index, table) this version never makes, or
    one of its own changed: such an object could act on every read or write, so the journal is
    refused before it is used."""

    default = (
        "The journal file holds something MentorJournal never puts there, so it has been "
        "altered; it was not opened and nothing was changed."
    )


class JournalAltered(TamperedData):
    """Rows of the journal were deleted, added, re-linked or put back to an older copy outside
    MentorJournal (the ledger of rows does not match): the sentence says which."""

    default = (
        "The journal file was changed outside MentorJournal, so it was not opened and nothing "
        "was changed; “mentorjournal export” can still save what is intact."
    )


class ReadOnlyJournal(JournalError):
    default = (
        "The journal is open read-only because its file was changed outside MentorJournal, so "
        "nothing can be saved to it; “mentorjournal export” saves what is intact."
    )


class NotAJournal(JournalError):
    default = "That file is not a MentorJournal journal."


class JournalMissing(JournalError):
    default = "There is no journal there yet; create one with “mentorjournal init”."


class JournalExists(JournalError):
    default = "A journal already exists there; it was left as it is."


class JournalTooNew(JournalError):
    default = "This journal was written by a newer version of MentorJournal; please upgrade."


class JournalBusy(JournalError):
    default = "The journal is in use by another MentorJournal window; close it and try again."


class JournalLocked(JournalError):
    default = "The journal is locked; unlock it first."


class StorageError(JournalError):
    default = (
        "The journal could not be saved (is the disk full or read-only?); nothing was changed."
    )


class BadImport(JournalError):
    """A bad interchange file; the journal is unchanged."""

    default = "That file cannot be imported; the journal is unchanged."


class InvalidEntry(JournalError):
    default = "That entry is not valid."


class NotFound(JournalError):
    default = "That entry no longer exists."


class DeletedElsewhere(NotFound):
    default = (
        "That entry was deleted, perhaps in another MentorJournal window, so this change was "
        "not saved."
    )


class WeakPassphrase(JournalError):
    default = "That passphrase is too easy to guess."
