"""What a merge brought in, in words: new entries, changed fields, deletions, entries that came
back, and the entries changed on both computers (the newer kept, the other in their history).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

LISTED = 10  # entries named in a line of the report; the rest counted

# Each table's entries in words: (one, many).
TABLE_WORDS = {
    "relationship": ("relationship", "relationships"),
    "meeting": ("meeting", "meetings"),
    "reflection": ("reflection", "reflections"),
    "action": ("action", "actions"),
    "review": ("review of an action", "reviews of actions"),
    "wellbeing": ("well-being check-in", "well-being check-ins"),
    "support_contact": ("support contact", "support contacts"),
    "own_prompt": ("prompt or theme of your own", "prompts and themes of your own"),
    "setting": ("setting", "settings"),
}


def counted(counts: Counter[str]) -> str:
    """ "2 reflections and 1 action" (tables in the journal's order); "" when none."""
    parts = [
        f"{counts[t]} {TABLE_WORDS[t][counts[t] != 1]}" for t in TABLE_WORDS if counts.get(t, 0)
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


@dataclass
class MergeReport:
    """One copy merged in (``source``: its file's name)."""

    source: str
    added: Counter[str] = field(default_factory=Counter)  # new entries, by table
    changed: Counter[str] = field(default_factory=Counter)  # entries with a field taken
    deleted: Counter[str] = field(default_factory=Counter)  # deleted there: to the bin here
    versions: int = 0  # earlier versions added to the history
    back: list[str] = field(default_factory=list)  # edited after being deleted: back
    kept: list[str] = field(default_factory=list)  # deleted there, edited here after: kept
    conflicts: list[str] = field(default_factory=list)  # changed on both computers

    @property
    def nothing(self) -> bool:
        return not (
            self.added or self.changed or self.deleted or self.versions or self.back
        ) and not (self.kept or self.conflicts)

    def lines(self) -> list[str]:
        """The report in sentences, the first naming the copy."""
        if self.nothing:
            return [f"From {self.source}: nothing new (everything in it is here already)."]
        came = []
        if self.added:
            came.append(f"{counted(self.added)} new")
        if self.changed:
            came.append(f"changes to {counted(self.changed)}")
        if self.deleted:
            came.append(f"{counted(self.deleted)} deleted there (now in Recently deleted)")
        if self.versions and not came:
            came.append(f"{self.versions} earlier version{'s' * (self.versions != 1)}")
        out = [f"From {self.source}: " + ("; ".join(came) if came else "no new entries") + "."]
        out += _listed(self.back, "Back from Recently deleted (edited after it was deleted)")
        out += _listed(self.kept, "Kept (deleted on the other computer, edited here after)")
        out += _listed(
            self.conflicts,
            "Changed on two computers (the newer is kept, the other is in its history)",
        )
        return out


def _listed(items: list[str], heading: str) -> list[str]:
    """One line naming up to ``LISTED`` entries, and how many more."""
    if not items:
        return []
    named = "; ".join(items[:LISTED])
    more = len(items) - LISTED
    return [f"{heading}: {named}" + (f"; and {more} more." if more > 0 else ".")]
