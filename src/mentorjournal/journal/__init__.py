"""The one door to a journal: :class:`~mentorjournal.journal.journal.Journal`.

Its parts (reads, the meeting cycle, meetings, settings) and what it needs to turn entries into
stored values and back (codec, validation), search and passphrase strength. Never imports Textual.
"""
