"""The README's key table ("## In the app"), made from the key map so that the two cannot drift.

``python -m mentorjournal.tui.keymap_readme`` prints it; a test compares it with README.md.
Every key everywhere has a row; a screen has one row of its footer's keys (and the few others
worth knowing), and one more for a tab with keys of its own.
"""

from __future__ import annotations

from mentorjournal.tui.keymap import KEYMAP

HEADER = ("| key | where | what |", "| --- | --- | --- |")


def readme_rows() -> list[tuple[str, str, str]]:
    """The rows: (keys, where, what)."""
    rows: list[tuple[str, str, str]] = []
    for name, section in KEYMAP.items():
        if not section.readme:
            continue
        # A pair with one label ("previous / next prompt") brings both keys.
        groups = {k.group for k in section.keys if k.group and k.readme is not None}
        listed = [k for k in section.keys if k.readme is not None or k.group in groups]
        if name == "app":
            rows += [(f"`{k.shown_keys()}`", section.place, k.words) for k in listed]
            continue
        for tab in dict.fromkeys(k.tab for k in listed):
            keys = [k for k in listed if k.tab == tab]
            rows.append(
                (
                    ", ".join(f"`{k.shown_keys().partition(', ')[0]}`" for k in keys),
                    f"{section.place}, {tab[1]}" if tab else section.place,
                    ", ".join(k.words for k in keys if k.readme is not None),
                )
            )
    return rows


def readme_table() -> str:
    lines = list(HEADER)
    lines += [f"| {keys} | {where} | {what} |" for keys, where, what in readme_rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(readme_table())
