"""The journal's folder: made 0700 when we create it; an existing one that lets other people in
(e.g. 0755) is tightened to 0700 when it is ours — owned by us and holding only this journal's
own files (the journal, SQLite's journal, its backups, our temporary files) — with a notice for
the person. A shared folder (home, Documents, /tmp) is left as it is: the file itself is 0600.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

_notices: list[str] = []


def _ours(folder: Path, name: str) -> bool:
    uid = os.getuid()
    if folder.stat().st_uid != uid:
        return False
    for entry in os.scandir(folder):
        own = (
            entry.name == name
            or entry.name.startswith((f"{name}-", f"{name}."))
            or entry.name.startswith(f".{name}.")
        )
        st = entry.stat(follow_symlinks=False)
        if not (own and stat.S_ISREG(st.st_mode) and st.st_uid == uid):
            return False
    return True


def tighten(journal: Path) -> None:
    """Make the folder of ``journal`` 0700 if others may enter it and it is ours (see above)."""
    if not hasattr(os, "getuid"):  # Windows: folder modes mean something else
        return
    with contextlib.suppress(OSError):
        real = Path(journal).resolve()
        folder = real.parent
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o077 and _ours(folder, real.name):
            os.chmod(folder, 0o700)
            _notices.append(
                f"The journal's folder {folder} could be opened by other people on this "
                f"computer (mode {mode:04o}); it is now yours only (0700)."
            )


def take_notices() -> list[str]:
    """What ``tighten`` did since last asked, each a sentence for the person."""
    out = _notices[:]
    _notices.clear()
    return out
