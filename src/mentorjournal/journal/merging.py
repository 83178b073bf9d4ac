"""Three-way merges of one field: what it was when a screen loaded it (the base), what the screen
has now (mine) and what is stored now, written by another window (theirs).

Nothing typed is lost. Texts are merged by lines: changes to different lines are both kept;
where both changed the same lines, this screen's lines stay in place and the other window's
version of them is added at the end of the text, under ``OTHER_WINDOW``. Lists of keys take
both sides' additions and removals. Any other value (a choice, a date) takes this screen's.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

OTHER_WINDOW = "── also written in another window ──"


@dataclass(frozen=True)
class Merged:
    value: Any
    marked: bool = False  # both changed the same lines: the other's are kept under the marker
    replaced: bool = False  # a value only one can have: the other window's was replaced


def merge_value(base: Any, mine: Any, theirs: Any) -> Merged:
    """``mine`` combined with what another window stored (``theirs``) since ``base``."""
    if theirs in (base, mine):
        return Merged(mine)
    if mine == base:
        return Merged(theirs)
    if all(type(v) is str for v in (base, mine, theirs)):  # text (not a choice's enum)
        text, marked = merge_text(base, mine, theirs)
        return Merged(text, marked=marked)
    if all(isinstance(v, list | tuple) for v in (base, mine, theirs)):
        return Merged(type(mine)(merge_keys(base, mine, theirs)))
    return Merged(mine, replaced=True)


def merge_keys(base: Sequence[Any], mine: Sequence[Any], theirs: Sequence[Any]) -> list[Any]:
    """A list of keys (themes, prompts used): kept unless either side removed it, added when
    either side added it; in this screen's order, the other window's additions after."""
    removed = (set(base) - set(mine)) | (set(base) - set(theirs))
    out = [k for k in mine if k not in removed]
    out += [k for k in theirs if k not in base and k not in out]
    return list(dict.fromkeys(out))


def merge_text(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """The merged text, and whether some lines were changed on both sides (then the other
    window's version of them follows at the end, under ``OTHER_WINDOW``)."""
    b, m, t = base.split("\n"), mine.split("\n"), theirs.split("\n")
    out: list[str] = []
    others: list[list[str]] = []
    at_b = at_m = at_t = 0
    for b0, b1, m0, m1, t0, t1 in _stable_regions(b, m, t):
        lines, other = _resolve(b[at_b:b0], m[at_m:m0], t[at_t:t0])
        out += lines
        if other:
            others.append(other)
        out += b[b0:b1]
        at_b, at_m, at_t = b1, m1, t1
    for other in others:
        if out and out[-1].strip():
            out.append("")
        out += [OTHER_WINDOW, *other]
    return "\n".join(out), bool(others)


def _resolve(
    base: list[str], mine: list[str], theirs: list[str]
) -> tuple[list[str], list[str] | None]:
    """One stretch that differs on at least one side: the lines kept in place, and the other
    window's lines to keep at the end (None when nothing of theirs is left out)."""
    if mine in (base, theirs):
        return theirs, None
    if theirs == base:
        return mine, None
    triples = list(zip(base, mine, theirs, strict=False))
    if len(base) == len(mine) == len(theirs) and all(t in (b, m) or m == b for b, m, t in triples):
        # Line for line: each side changed other lines of the stretch.
        return [t if m == b else m for b, m, t in triples], None
    if base:
        # One side only added lines around the stretch the other changed: keep both.
        around = _around(theirs, base)
        if around is not None:
            return around[0] + mine + around[1], None
        around = _around(mine, base)
        if around is not None:
            return around[0] + theirs + around[1], None
    if not any(line.strip() for line in theirs):
        return mine, None  # the other window only emptied these lines: nothing to keep
    return mine, theirs


def _around(lines: list[str], part: list[str]) -> tuple[list[str], list[str]] | None:
    """The lines before and after ``part`` when ``lines`` holds it whole, else None."""
    n = len(part)
    for i in range(len(lines) - n + 1):
        if lines[i : i + n] == part:
            return lines[:i], lines[i + n :]
    return None


def _stable_regions(
    base: list[str], mine: list[str], theirs: list[str]
) -> list[tuple[int, int, int, int, int, int]]:
    """Stretches of base lines that both sides kept, as (base, mine, theirs) start and end
    pairs, in order; the last is an empty stretch at the ends of all three."""
    ours = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    other = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(ours) and j < len(other):
        b_ours, m_start, n_ours = ours[i]
        b_other, t_start, n_other = other[j]
        start, end = max(b_ours, b_other), min(b_ours + n_ours, b_other + n_other)
        if start < end:
            regions.append(
                (
                    start,
                    end,
                    m_start + start - b_ours,
                    m_start + end - b_ours,
                    t_start + start - b_other,
                    t_start + end - b_other,
                )
            )
        if b_ours + n_ours < b_other + n_other:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions
