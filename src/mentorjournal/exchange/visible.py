"""Text bound for a terminal or a document, with its control characters made visible.

A person's words (typed, or imported from a file) may hold C0 or C1 control characters; sent to
a terminal raw, ESC or CSI sequences could move the cursor, rewrite what was shown or change the
terminal's title. Each one becomes a visible escape such as ``\\x1b``.
"""

from __future__ import annotations

import functools

# C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
CONTROLS = (*range(0x20), 0x7F, *range(0x80, 0xA0))


@functools.cache
def _table(keep: str) -> dict[int, str]:
    kept = {ord(ch) for ch in keep}
    return {code: f"\\x{code:02x}" for code in CONTROLS if code not in kept}


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character except those in ``keep`` written as ``\\xNN``."""
    return text.translate(_table(keep))
