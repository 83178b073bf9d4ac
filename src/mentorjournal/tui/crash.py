"""What a person sees if the app meets an error it did not expect.

Textual's own crash report prints local variables, which may hold decrypted text; ours says
only this, and nothing else is written anywhere.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App

CRASH_MESSAGE = (
    "MentorJournal met an unexpected problem and closed. Everything saved up to the last "
    "few seconds is safe in your encrypted journal; no part of it was printed or written "
    "anywhere else. Please open it again."
)


class QuietCrashApp(App[int]):
    """An app whose crashes show one sentence: never a traceback or local variables."""

    def _fatal_error(self) -> None:
        self.bell()
        if not self._exit_renderables:  # one sentence, however many errors follow
            self._exit_renderables.append(Text(CRASH_MESSAGE))
        self._close_messages_no_wait()

    def _handle_exception(self, error: Exception) -> None:
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._fatal_error()

    def panic(self, *renderables: Any) -> None:
        """Textual panics with a traceback (e.g. when its input thread fails): only our
        sentence is shown, once."""
        self._return_code = 1
        if not self._exit_renderables:
            self._exit_renderables.append(Text(CRASH_MESSAGE))
        self._close_messages_no_wait()
