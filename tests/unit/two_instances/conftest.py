"""The ``path`` fixture: a new journal, with the fast test-only KDF, that two instances share."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.journal.journal import Journal
from mentorjournal.store.crypto import FAST_KDF_FOR_TESTS
from tests.unit.two_instances.processes import PASS


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "shared" / "j.db"
    Journal.create(p, PASS, kdf=FAST_KDF_FOR_TESTS)[0].close()
    return p
