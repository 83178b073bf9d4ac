"""MentorJournal: a private, encrypted journal for mentoring and reverse mentoring."""

__version__ = "0.1.0"
