"""Before the terminal app starts: a file that is no journal is refused at once, in one sentence
(the one ``mentorjournal info`` gives), before any passphrase is asked.

Kept light, as the way to the unlock screen must be: the standard library's ``sqlite3`` takes a
quick, read-only look, and only a file that fails it loads the journal code, which then says
what is wrong — or finds it a journal after all (busy in another window, or to be recovered
from a crash), and the app starts. Imports no Textual.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def looks_like_a_journal(path: Path) -> bool:
    """A regular, whole SQLite file with the journal's tables, its key record and a schema this
    version knows, holding nothing this version did not create (a planted trigger or view).
    False for anything odd (nothing is written either way)."""
    from mentorjournal.store.migrations import LATEST, MASTER_QUERY, expected_schema, schema_objects

    try:
        if not path.is_file():
            return False
        size = path.stat().st_size
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
        try:
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"schema_version", "vault"} <= tables:
                return False
            version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
            kdf = conn.execute("SELECT kdf FROM vault WHERE id = 1").fetchone()[0]
            layout = schema_objects(conn.execute(MASTER_QUERY))
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
        finally:
            conn.close()
        json.loads(kdf)
    except (sqlite3.Error, OSError, ValueError, TypeError, IndexError):
        return False
    whole = bool(page_size) and size % page_size == 0 and size >= pages * page_size
    known = isinstance(version, int) and 1 <= version <= LATEST
    return known and whole and layout == expected_schema(version)


def refuse_what_is_no_journal(path: Path) -> None:
    """Raise the ``JournalError`` that ``info`` would for a file at ``path`` that this version
    cannot open as a journal; return for a journal, or when there is no file yet (first run)."""
    if not path.exists() or looks_like_a_journal(path):
        return
    from mentorjournal.errors import JournalBusy
    from mentorjournal.journal.journal import Journal

    try:
        Journal.info(path)
    except JournalBusy:
        return  # another window is writing: the unlock screen asks again when it can
