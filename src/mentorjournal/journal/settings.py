"""The journal's settings (auto-lock minutes, theme, meeting length, …): one encrypted value per
name, in the ``setting`` table.

A mixin of ``Journal``, using its lock, its "changed in another window?" check, its key and file.
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from mentorjournal.errors import InvalidEntry
from mentorjournal.store import records

if TYPE_CHECKING:
    from datetime import datetime

    from mentorjournal.store.db import Database
    from mentorjournal.store.fields import FieldCipher


class SettingsStore:
    """Reading and writing settings; read once, then kept until another window writes."""

    if TYPE_CHECKING:
        _mutex: threading.RLock
        _settings: dict[str, Any] | None
        _db: Database
        unreadable: list[str] | None

        def _refresh_if_changed(self) -> None: ...
        def _need_cipher(self) -> FieldCipher: ...
        def now(self) -> datetime: ...

    def settings(self) -> dict[str, Any]:
        with self._mutex:
            self._refresh_if_changed()
            if self._settings is None:
                cipher = self._need_cipher()
                with self._db.read() as conn:
                    rows = records.select_rows(conn, cipher, "setting", unreadable=self.unreadable)
                    self._settings = {r["id"]: r["value"] for r in rows}
            return dict(self._settings)

    def setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        cipher = self._need_cipher()
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):  # not JSON, or text UTF-8 cannot hold (lone surrogates)
            raise InvalidEntry("That setting cannot be stored.") from None
        values = {"id": key, "value": value, "updated_at": self.now().isoformat()}
        with self._mutex:
            with self._db.write() as conn:
                if records.update_row(conn, cipher, "setting", values) == 0:
                    records.insert_rows(conn, cipher, "setting", [values])
            if self._settings is not None:
                self._settings[key] = value
