"""What this computer keeps about sharing one journal: the sync folder chosen for it, the
snapshots of other computers already merged (and of its own, last written), and whether the
person was told that the journal sits in a synced folder.

One small JSON file per journal and computer in the user's state folder
(``sync/<journal id>.<computer id>.json``), outside
every journal — the sync folder is this computer's path, and another computer's is not this
one's. It holds no word of the journal. Nothing here is ever fatal: a state that cannot be read
is an empty one (snapshots are then merged again, which changes nothing), one that cannot be
written is told by the caller.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorjournal.store import atomic
from mentorjournal.store.identity import computer_id, known_computer_id, state_folder


@dataclass
class SyncState:
    journal_id: str
    folder: str | None = None  # the sync folder on this computer, or None: not shared that way
    merged: dict[str, str] = field(default_factory=dict)  # snapshot file name -> fingerprint
    written: str = ""  # the fingerprint of this computer's own snapshot as last written
    told_synced: bool = False  # said once that the journal itself sits in a synced folder

    def to_json(self) -> bytes:
        data = {
            "folder": self.folder,
            "merged": self.merged,
            "written": self.written,
            "told_synced": self.told_synced,
        }
        return json.dumps(data, indent=1, sort_keys=True).encode("utf-8")


def _path(journal_id: str, computer: str) -> Path:
    return state_folder() / "sync" / f"{journal_id}.{computer}.json"


def load(journal_id: str) -> SyncState:
    state = SyncState(journal_id)
    computer = known_computer_id()  # none yet: nothing was kept (and nothing is made here)
    if computer is None:
        return state
    try:
        raw: Any = json.loads(_path(journal_id, computer).read_bytes())
    except (OSError, ValueError):
        return state
    if not isinstance(raw, dict):
        return state
    folder = raw.get("folder")
    state.folder = folder if isinstance(folder, str) and folder else None
    merged = raw.get("merged")
    if isinstance(merged, dict):
        state.merged = {str(k): str(v) for k, v in merged.items()}
    state.written = str(raw.get("written") or "")
    state.told_synced = raw.get("told_synced") is True
    return state


def save(state: SyncState) -> None:
    """Kept atomically; OSError (or StorageError) when the state folder cannot be written."""
    path = _path(state.journal_id, computer_id())
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic.write_bytes(path, state.to_json())
