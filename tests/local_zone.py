"""Running with another local time zone for a while, as a computer elsewhere would."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def pinned_timezone(name: str) -> Iterator[None]:
    """This process's local time zone is ``name`` (``TZ`` and ``time.tzset``) until the block
    ends; the zone before is put back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()
