"""Files the person asks for outside the journal (exports, calendars): written 0600, whole or
not at all, never through a link (``store.atomic``). Shared by the command line and the TUI; no
Textual here."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mentorjournal.store.atomic import write_atomically

MIB = 1024 * 1024
# Interchange files: 10,000 entries of a page each are about 25 MiB; ten times that is plenty.
MAX_IMPORT_BYTES = 256 * MIB


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600), replacing it whole or
    leaving it as it was. Line endings are written exactly as given."""
    write_atomically(Path(path), text.encode("utf-8"))


class NotAFile(ValueError):
    """A pipe, device, socket or folder where a file was expected; ``str()`` is a sentence."""


class TooLarge(ValueError):
    """More bytes than the limit; ``str()`` is a sentence."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them. A pipe, device,
    socket or folder is refused before anything is read (a pipe would wait for a writer, and
    /dev/zero never ends): NotAFile or TooLarge, with a sentence. OSError when it cannot be
    read at all."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path} is {_kind(mode)}, not a file, so it was not read.")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(MIB, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge(f"{path} is larger than {limit // MIB} MiB, so it was not read.")
        return b"".join(chunks)
    finally:
        os.close(fd)
