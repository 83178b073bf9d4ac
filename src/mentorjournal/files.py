"""Files the person asks for outside the journal (exports, calendars): written 0600, whole or
not at all, never through a link (``store.atomic``). Shared by the command line and the TUI; no
Textual here."""

from __future__ import annotations

from pathlib import Path

from mentorjournal.store.atomic import write_atomically


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600), replacing it whole or
    leaving it as it was. Line endings are written exactly as given."""
    write_atomically(Path(path), text.encode("utf-8"))
