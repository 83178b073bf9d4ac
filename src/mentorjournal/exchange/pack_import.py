"""Prompt packs in and out of a journal: the themes and prompts (as the person's own), and a
scheme's programme (kept in the journal's list of programmes, to attach to a relationship).

The command line and the settings screen both go through here, so a pack means the same
wherever it is imported or exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mentorjournal.errors import InvalidEntry
from mentorjournal.exchange import prompt_packs
from mentorjournal.exchange.prompt_packs import PackError, PromptPack
from mentorjournal.mentoring import programme as programmes
from mentorjournal.mentoring.programme import Programme
from mentorjournal.mentoring.prompts import builtin_themes, merge_themes

if TYPE_CHECKING:
    from mentorjournal.journal.journal import Journal

DEFAULT_NAME = "MentorJournal prompts"
EXAMPLE_PACK = "programme-race-equality.toml"  # the example programme shipped in assets/
NOTHING_OF_YOUR_OWN = "You have no prompts or themes of your own to export yet."


@dataclass(frozen=True)
class PackText:
    text: str  # the TOML
    what: str  # "2 themes and 9 prompts, and the programme “…” (8 meetings)"


def example_pack() -> PromptPack:
    """The example programme pack shipped with MentorJournal."""
    from mentorjournal.mentoring.prompts import read_asset

    text, _where = read_asset(EXAMPLE_PACK)
    return prompt_packs.parse_pack(text)


def programme_words(programme: Programme) -> str:
    n = programme.total
    return f"the programme “{programme.name}” ({n} meeting{'s' * (n != 1)})"


def import_pack(journal: Journal, pack: PromptPack) -> str:
    """Add the pack's new themes and prompts, and its programme, in one transaction; returns
    what was added, in a sentence."""
    rows, programme = prompt_packs.import_plan(pack, journal.own_prompts(), at=journal.now())
    news = journal.add_pack(rows, programme)
    added = [prompt_packs.describe_import(rows)] if rows else []
    if news and programme is not None:
        n = programme.total
        added.append(f"its programme ({n} meeting{'s' * (n != 1)})")
    if not added:
        return f"Nothing new: every theme and prompt of “{pack.name}” is already in the journal."
    return f"Imported {', and '.join(added)} from “{pack.name}”."


def find_programme(journal: Journal, name: str) -> Programme:
    """The journal's programme called ``name`` (any case); else one sentence naming those
    there are."""
    found = journal.programmes()
    for programme in found:
        if programme.name.casefold() == name.strip().casefold():
            return programme
    there = ", ".join(f"“{p.name}”" for p in found) or "none yet (prompts-import brings one)"
    raise PackError(f"No programme is called “{name}”; the journal has {there}.")


def pack_of(
    journal: Journal,
    name: str | None,
    programme_name: str | None = None,
    *,
    everything: bool = False,
) -> PackText:
    """The person's own themes and prompts (or every one), and a programme if named, as a
    prompt pack; refused with one sentence when there is nothing to export."""
    programme = find_programme(journal, programme_name) if programme_name else None
    themes = prompt_packs.pack_themes(merge_themes(journal.own_prompts()), everything=everything)
    if not themes and programme is None:
        raise PackError(NOTHING_OF_YOUR_OWN)
    if programme is not None:
        known = [t.key for t in themes] + [t.key for t in builtin_themes()]
        try:
            programmes.check_themes(programme, known)
        except InvalidEntry as exc:
            raise PackError(f"The programme cannot be exported as it is: {exc}") from None
    title = name or (programme.name if programme is not None else DEFAULT_NAME)
    count = sum(len(t.prompts) for t in themes)
    what = f"{len(themes)} theme{'s' * (len(themes) != 1)} and {count} prompt{'s' * (count != 1)}"
    if programme is not None:
        what += f", and {programme_words(programme)}"
    return PackText(prompt_packs.export_pack(themes, title, programme), what)
