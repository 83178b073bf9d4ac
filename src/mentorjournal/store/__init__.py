"""Bytes on disk: the SQLite file (``db``), its tables and migrations, encrypting each value
(``crypto``, ``records``), the wrapped data key (``vault``), unlocking in the background
(``early_key``), the journal's private folder and atomic file writing. Never imports Textual."""
