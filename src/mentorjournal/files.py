"""Files the person asks for outside the journal (exports, calendars): written 0600, whole or
not at all. Shared by the command line and the TUI; no Textual here."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from mentorjournal.errors import StorageError


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600), replacing it whole or
    leaving it as it was. Line endings are written exactly as given."""
    tmp = path.with_name(path.name + ".part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. the folder is not a folder
            tmp.unlink()
        raise StorageError(f"{path} could not be written: {exc.strerror}.") from None
