"""Prompt packs: a set of themes and prompts as a TOML file, so that a scheme's coordinator can
hand one handbook's prompts to every participant.

A pack looks like this (``tomllib`` reads it; :func:`export_pack` writes it)::

    format = "mentorjournal-prompts"
    version = 1
    name = "Reverse mentoring handbook 2026"

    [[theme]]
    key = "own-belonging-at-work"
    title = "Belonging at work"
    summary = "Optional: one line about the theme."
    prompts = [
      { key = "own-belonging-at-work-1", text = "When did you last feel you belonged here?" },
    ]

Version 2 may also carry a scheme's programme, one table per meeting (its themes are keys of
the pack's themes or of the built-in library)::

    [[programme]]
    meeting = 1
    themes = ["purpose", "own-belonging-at-work"]
    brief = "Optional: a few lines for the person preparing."

A pack without a programme is written as version 1, so older versions still read it.

Pure logic: no UI, and no storage beyond reading a file the person names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mentorjournal.domain import OwnPrompt
from mentorjournal.errors import InvalidEntry, JournalError
from mentorjournal.exchange.files import NotAFile, TooLarge, read_regular_file
from mentorjournal.mentoring import programme as programmes
from mentorjournal.mentoring.programme import Programme
from mentorjournal.mentoring.prompts import Prompt, Theme, builtin_themes

PACK_FORMAT = "mentorjournal-prompts"
PACK_VERSION = 2  # the newest this version reads and writes
READS = (1, 2)
MAX_PACK_BYTES = 2_000_000


class PackError(JournalError):
    """A prompt pack cannot be read or imported; the message is one sentence for the person."""

    default = "That prompt pack cannot be imported; nothing was changed."


@dataclass(frozen=True)
class PromptPack:
    name: str
    themes: tuple[Theme, ...]
    programme: Programme | None = None

    @property
    def prompt_count(self) -> int:
        return sum(len(t.prompts) for t in self.themes)


# --- writing ---------------------------------------------------------------------------------

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and control characters escaped,
    everything else (any Unicode) kept as it is."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def export_pack(themes: Iterable[Theme], name: str, programme: Programme | None = None) -> str:
    """The themes and their prompts (and a programme) as a prompt pack (TOML text)."""
    lines = [
        "# A MentorJournal prompt pack: themes and prompts for mentoring conversations.",
        "# Import: “mentorjournal prompts-import FILE”, or Settings → Prompts and themes.",
        "",
        f"format = {toml_string(PACK_FORMAT)}",
        f"version = {PACK_VERSION if programme is not None else 1}",
        f"name = {toml_string(name)}",
    ]
    for theme in themes:
        lines += [
            "",
            "[[theme]]",
            f"key = {toml_string(theme.key)}",
            f"title = {toml_string(theme.title)}",
            f"summary = {toml_string(theme.summary)}",
        ]
        if not theme.prompts:
            lines.append("prompts = []")
            continue
        lines.append("prompts = [")
        lines += [
            f"  {{ key = {toml_string(p.key)}, text = {toml_string(p.text)} }},"
            for p in theme.prompts
        ]
        lines.append("]")
    if programme is not None:
        lines += programme_toml(programme)
    return "\n".join(lines) + "\n"


def programme_toml(programme: Programme) -> list[str]:
    """The ``[[programme]]`` tables of a pack."""
    lines: list[str] = []
    for row in programmes.programme_rows(programme):
        keys = ", ".join(toml_string(k) for k in row["themes"])
        lines += ["", "[[programme]]", f"meeting = {row['meeting']}", f"themes = [{keys}]"]
        lines += [f"{k} = {toml_string(row[k])}" for k in ("title", "brief") if k in row]
    return lines


def pack_themes(themes: Iterable[Theme], *, everything: bool = False) -> list[Theme]:
    """What a pack holds by default: the person's own themes, and their own prompts in any
    theme (built-in prompts left out); with ``everything``, every theme and prompt shown."""
    themes = list(themes)
    used = {t.key for t in themes} | {p.key for t in themes for p in t.prompts if not p.own}
    chosen: list[Theme] = []
    for theme in themes:
        prompts = theme.prompts if everything else tuple(p for p in theme.prompts if p.own)
        if not (everything or theme.own or prompts):
            continue
        keyed: list[Prompt] = []
        n = 0
        for p in prompts:
            if p.own:  # an own prompt's key is a row id: give it a readable one
                n += 1
                while f"{theme.key}-mine-{n}" in used:
                    n += 1
                p = Prompt(f"{theme.key}-mine-{n}", theme.key, p.text)
                used.add(p.key)
            keyed.append(p)
        chosen.append(Theme(theme.key, theme.title, theme.summary, tuple(keyed)))
    return chosen


# --- reading ---------------------------------------------------------------------------------


def _string(value: Any, what: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise PackError(f"In the prompt pack, {what} must be text in quotes.")
    if required and not value.strip():
        raise PackError(f"In the prompt pack, {what} is empty.")
    return value


def parse_pack(text: str) -> PromptPack:
    """Read and check a prompt pack; raises :class:`PackError` with one clear sentence."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(
            f"That file is not valid TOML, so it is not a prompt pack: {exc}."
        ) from None
    if data.get("format") != PACK_FORMAT:
        raise PackError(
            f'That file is not a MentorJournal prompt pack (it needs format = "{PACK_FORMAT}").'
        )
    version = data.get("version")
    if version is None:
        raise PackError(f"The prompt pack does not say its version (version = {PACK_VERSION}).")
    if version not in READS or isinstance(version, bool):
        raise PackError(
            f"This prompt pack is version {version!r}; this MentorJournal reads versions "
            f"{' and '.join(map(str, READS))}."
        )
    name = _string(data.get("name"), "the pack's name").strip()
    if "programme" in data and version < 2:
        raise PackError("The prompt pack has a programme, which needs version = 2.")
    rows = data.get("theme", [] if "programme" in data else None)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise PackError("The prompt pack has no themes: each one starts with [[theme]].")
    if not rows and "programme" not in data:
        raise PackError("The prompt pack has no themes: each one starts with [[theme]].")
    seen: set[str] = set()
    themes: list[Theme] = []
    for n, row in enumerate(rows, start=1):
        key = _string(row.get("key"), f"theme {n}'s key").strip()
        title = _string(row.get("title"), f"theme {key!r}'s title").strip()
        summary = _string(row.get("summary"), f"theme {key!r}'s summary", required=False)
        raw = row.get("prompts", [])
        if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
            raise PackError(
                f"In the prompt pack, theme {key!r} needs prompts as a list of "
                "{ key = …, text = … } tables."
            )
        prompts = tuple(
            Prompt(
                _string(p.get("key"), f"the key of prompt {i} of theme {key!r}").strip(),
                key,
                _string(p.get("text"), f"the text of prompt {i} of theme {key!r}"),
            )
            for i, p in enumerate(raw, start=1)
        )
        for k in (key, *(p.key for p in prompts)):
            if k in seen:
                raise PackError(f"In the prompt pack, the key {k!r} is used twice.")
            seen.add(k)
        themes.append(Theme(key, title, summary.strip(), prompts))
    return PromptPack(name, tuple(themes), _programme(name, data, themes))


def _programme(name: str, data: dict[str, Any], themes: list[Theme]) -> Programme | None:
    """The pack's programme, checked: every theme it names is the pack's or a built-in one."""
    if "programme" not in data:
        return None
    try:
        found = programmes.programme_from(name, data["programme"])
        programmes.check_themes(found, [t.key for t in themes] + [t.key for t in builtin_themes()])
    except InvalidEntry as exc:
        raise PackError(f"In the prompt pack: {exc}") from None
    return found


def read_pack(path: Path | str) -> PromptPack:
    """Read and check the prompt pack in the file at ``path``."""
    path = Path(path).expanduser()
    try:
        raw = read_regular_file(path, MAX_PACK_BYTES)  # never a pipe or a device
    except OSError as exc:
        raise PackError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    except TooLarge:
        raise PackError(f"{path} is too large to be a prompt pack.") from None
    except NotAFile as exc:
        raise PackError(str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackError(f"{path} is not UTF-8 text, so it is not a prompt pack.") from None
    return parse_pack(text)


# --- importing ---------------------------------------------------------------------------


def _theme_rows(existing: list[OwnPrompt]) -> dict[str, str]:
    """Own theme key → title, as ``merge_themes`` reads them."""
    builtin = {t.key for t in builtin_themes()}
    return {
        r.theme: r.theme_title.strip()
        for r in existing
        if not r.hides and not r.text.strip() and r.theme_title.strip() and r.theme not in builtin
    }


def pack_to_own_prompts(
    pack: PromptPack, existing: list[OwnPrompt], *, at: datetime | None = None
) -> list[OwnPrompt]:
    """The new :class:`OwnPrompt` rows that add ``pack`` to a journal holding ``existing``
    (see :func:`import_plan`)."""
    return import_plan(pack, existing, at=at)[0]


def import_plan(
    pack: PromptPack, existing: list[OwnPrompt], *, at: datetime | None = None
) -> tuple[list[OwnPrompt], Programme | None]:
    """The new :class:`OwnPrompt` rows that add ``pack`` to a journal holding ``existing``, and
    the pack's programme with the keys its themes have in the journal.

    A pack theme joins the theme with the same key, else one with the same title (ignoring
    case), else becomes a theme of the person's own. A prompt already there — the same text,
    as an own or a built-in prompt of that theme — is not added again, so importing the same
    pack twice adds nothing.

    The rows are stamped one microsecond apart from ``at`` (default: now), so that they keep
    the pack's order when the journal lists own prompts by creation time.
    """
    builtins = builtin_themes()
    own_titles = _theme_rows(existing)
    titles = {t.key: t.title for t in builtins} | own_titles
    by_title = {title.casefold(): key for key, title in titles.items()}
    texts: dict[str, set[str]] = {}
    for t in builtins:
        texts.setdefault(t.key, set()).update(p.text.strip() for p in t.prompts)
    for r in existing:
        if r.text.strip():
            texts.setdefault(r.theme, set()).add(r.text.strip())

    new: list[OwnPrompt] = []
    renamed: dict[str, str] = {}
    for theme in pack.themes:
        key = theme.key if theme.key in titles else by_title.get(theme.title.casefold(), theme.key)
        renamed[theme.key] = key
        if key not in titles:
            new.append(OwnPrompt(theme=key, theme_title=theme.title))
            titles[key] = theme.title
            by_title[theme.title.casefold()] = key
        have = texts.setdefault(key, set())
        for prompt in theme.prompts:
            text = prompt.text.strip()
            if text not in have:
                new.append(OwnPrompt(theme=key, text=text))
                have.add(text)
    start = at or datetime.now(UTC)
    for n, row in enumerate(new):
        row.created_at = start + timedelta(microseconds=n)
    programme = pack.programme.with_keys(renamed) if pack.programme is not None else None
    return new, programme


def describe_import(rows: list[OwnPrompt]) -> str:
    """“2 themes and 5 prompts” for what an import added."""
    themes = sum(1 for r in rows if not r.text)
    prompts = len(rows) - themes
    parts = [f"{themes} theme{'' if themes == 1 else 's'}"] if themes else []
    parts.append(f"{prompts} prompt{'' if prompts == 1 else 's'}")
    return " and ".join(parts)
