"""Helpers shared by the journal tests: close a journal and open it again, and this process's
time zone changed for a while."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from mentorjournal.journal import Journal


def reopen(journal: Journal, passphrase: str) -> Journal:
    journal.close()
    return Journal.open(journal.path, passphrase)


@contextmanager
def computer_zone(name: str) -> Iterator[None]:
    """This process's time zone set to ``name`` for a while (``TZ`` and ``time.tzset``)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
