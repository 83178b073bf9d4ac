"""Writing a whole file safely beside its final name: exports, calendars, prompt packs, shared
plans and backups all come through here.

The bytes go into a new temporary file in the target folder with an unguessable name, made with
``O_CREAT|O_EXCL|O_NOFOLLOW`` (so nothing already there — a pre-made ``.part`` file, or a link —
is opened or followed), mode 0600; the file is fsynced, renamed over the final name (a rename
never follows a link) and the folder fsynced. A final name that is a link or not a regular file
is refused with a sentence. Either the whole new file is there, or the old state is.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from mentorjournal.errors import StorageError

_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_ATTEMPTS = 16


def check_target(path: Path) -> None:
    """Refuse a final name that is a link (whatever it points at) or not a regular file."""
    if path.is_symlink():
        raise StorageError(
            f"{path} is a link to somewhere else, so nothing was written there; "
            "choose another name."
        )
    if path.exists() and not path.is_file():
        raise StorageError(f"{path} is not a regular file, so nothing was written there.")


def _new_temp(folder: Path, name: str) -> tuple[int, Path]:
    for _ in range(_ATTEMPTS):
        tmp = folder / f".{name[:180]}.{secrets.token_hex(8)}.part"
        try:
            return os.open(tmp, _FLAGS, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary name in {folder}")


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes) -> None:
    """``data`` at ``path``, 0600, whole or not at all; OSError (or StorageError for a link or a
    non-regular final name) otherwise, with no temporary file left behind."""
    path = Path(path)
    check_target(path)
    folder = path.parent
    tmp: Path | None = None
    try:
        fd, tmp = _new_temp(folder, path.name)
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o600)  # whatever the umask or the folder's defaults
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        check_target(path)  # a link made meanwhile is refused too (a rename would replace it)
        os.replace(tmp, path)
        tmp = None
        _fsync_folder(folder)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def write_atomically(path: Path, data: bytes) -> None:
    """``write_bytes`` with a failure told in a sentence (StorageError)."""
    try:
        write_bytes(path, data)
    except OSError as exc:
        raise StorageError(f"{path} could not be written: {exc.strerror or exc}.") from None
