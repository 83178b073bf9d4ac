"""A paragraph shown in at most a few lines: a longer one ends in "…" instead of being cut off
mid-sentence by the widget's edge. Lines are measured again whenever the width changes."""

from __future__ import annotations

from textual.content import Content, ContentText
from textual.widgets import Static


def clamp(content: Content, width: int, max_lines: int) -> Content:
    """``content`` wrapped at ``width`` cells, kept to ``max_lines`` lines; the last one kept ends
    in "…" when there is more."""
    if width <= 1 or max_lines < 1:
        return content
    lines = content.wrap(width)
    if len(lines) <= max_lines:
        return content
    kept = lines[:max_lines]
    last = kept[-1].rstrip()
    if last.cell_length < width:
        kept[-1] = last + "…"
    else:
        kept[-1] = last.truncate(width, ellipsis=True)
    return Content("\n").join(kept)


class ClampedText(Static):
    """A ``Static`` whose text takes ``max_lines`` lines at most (set it with ``show``)."""

    def __init__(self, max_lines: int, *, id: str | None = None, classes: str | None = None):
        super().__init__("", id=id, classes=classes)
        self.max_lines = max_lines
        self.full = Content("")

    def show(self, text: ContentText) -> None:
        self.full = Content.from_text(text, markup=False)
        self.fit()

    def fit(self) -> None:
        self.update(clamp(self.full, self.content_region.width, self.max_lines))

    def on_resize(self) -> None:
        self.fit()
