"""Helpers shared by the store tests: a file's permission bits."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)
