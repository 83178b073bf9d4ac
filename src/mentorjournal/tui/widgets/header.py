"""The header of every screen: the app's title and the screen's, after a plain icon.

Textual's default icon ("⭘") is missing from some terminal fonts; "≡" is in all the usual ones
(and, as before, a click on it opens the command palette).
"""

from __future__ import annotations

from textual.widgets import Header

ICON = "≡"


def journal_header() -> Header:
    return Header(icon=ICON)
