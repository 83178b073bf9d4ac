"""Choosing how often meetings repeat: the usual cases by menus, anything else as an RRULE,
and the time of day, length and time zone of a meeting on it.

Shows, as the choice changes, the rule in plain English and the next three meeting dates.
The screen passes the first day of the cadence and the moment to count from with
``set_context``; the rule goes down with ``set_rule`` (time, length and zone with ``set_when``)
and comes back with ``rule()`` (and ``when()``).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select, Static

from mentorjournal.mentoring import cadence, zones
from mentorjournal.mentoring.cadence import CadenceError
from mentorjournal.mentoring.dates import format_when

NONE, MONTHLY_NTH, EVERY_N_WEEKS, MONTHLY_DAY, CUSTOM = (
    "none",
    "monthly_nth",
    "every_n_weeks",
    "monthly_day",
    "custom",
)
KINDS: list[tuple[str, str]] = [
    ("No regular meetings", NONE),
    ("Monthly on a weekday (e.g. 2nd Tuesday)", MONTHLY_NTH),
    ("Every few weeks on a weekday", EVERY_N_WEEKS),
    ("Monthly on a day of the month", MONTHLY_DAY),
    ("Custom repeat rule (RRULE)", CUSTOM),
]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS: list[tuple[str, int]] = [("1st", 1), ("2nd", 2), ("3rd", 3), ("4th", 4), ("last", -1)]
WEEKS: list[tuple[str, int]] = [("every week", 1)] + [(f"every {n} weeks", n) for n in range(2, 13)]
DAYS: list[tuple[str, int]] = [(f"day {d}", d) for d in range(1, 32)] + [("last day", -1)]
# Which parameter fields each kind shows.
FIELDS: dict[str, tuple[str, ...]] = {
    NONE: (),
    MONTHLY_NTH: ("cadence-n", "cadence-weekday"),
    EVERY_N_WEEKS: ("cadence-weeks", "cadence-weekday"),
    MONTHLY_DAY: ("cadence-day",),
    CUSTOM: ("cadence-custom",),
}


class CadencePicker(Vertical):
    """How often meetings repeat, with a live description and the next three dates."""

    DEFAULT_CSS = """
    CadencePicker { height: auto; }
    CadencePicker #cadence-params { height: auto; }
    CadencePicker #cadence-n { width: 14; }
    CadencePicker #cadence-weekday { width: 19; }
    CadencePicker #cadence-weeks { width: 22; }
    CadencePicker #cadence-day { width: 18; }
    CadencePicker #cadence-custom { width: 1fr; }
    CadencePicker #cadence-when { height: auto; }
    CadencePicker #cadence-when Static { width: auto; padding: 1 1 0 1; }
    /* Room for "10:00" and "1440" with the cursor after them (nothing scrolled out of view). */
    CadencePicker #cadence-when Input { padding: 0 1; }
    CadencePicker #cadence-time { width: 10; }
    CadencePicker #cadence-minutes { width: 9; }
    CadencePicker #cadence-zone { width: 1fr; }
    CadencePicker #cadence-preview { height: auto; padding: 0 1; color: $text-muted; }
    CadencePicker #cadence-preview.-error { color: $text-error; }
    """

    class Changed(Message):
        """The choice changed (the person picked or typed something)."""

        def __init__(self, picker: CadencePicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> CadencePicker:
            return self.picker

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rule_anchor: datetime | None = None
        self.count_after: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Select(KINDS, allow_blank=False, value=NONE, id="cadence-kind")
        with Horizontal(id="cadence-params"):
            yield Select(ORDINALS, allow_blank=False, value=1, id="cadence-n")
            yield Select(WEEKS, allow_blank=False, value=2, id="cadence-weeks")
            yield Select(
                [(name, i) for i, name in enumerate(WEEKDAYS)],
                allow_blank=False,
                value=0,
                id="cadence-weekday",
            )
            yield Select(DAYS, allow_blank=False, value=1, id="cadence-day")
            yield Input(placeholder="e.g. FREQ=MONTHLY;BYDAY=+2TU", id="cadence-custom")
        with Horizontal(id="cadence-when"):
            yield Static("at")
            yield Input("10:00", placeholder="HH:MM", id="cadence-time")
            yield Static("for")
            yield Input("60", placeholder="60", id="cadence-minutes", type="integer")
            yield Static("min, zone")
            yield Input(zones.local_zone_name(), placeholder="Europe/London", id="cadence-zone")
        yield Static("", id="cadence-preview")

    def on_mount(self) -> None:
        self._show_fields()
        self._preview()

    # --- going down: the rule and the dates it is counted from -------------------------------

    def set_rule(self, rule: str | None) -> None:
        """Show a stored rule: a usual case in the menus, anything else as custom text."""
        simple = cadence.parse_simple(rule) if rule else None
        kind = NONE if not rule else CUSTOM if simple is None else simple[0]
        self._select("cadence-kind").value = kind
        if simple is not None:
            params = simple[1]
            if "weekday" in params:
                self._select("cadence-weekday").value = params["weekday"]
            if kind == MONTHLY_NTH:
                self._select("cadence-n").value = params["n"]
            elif kind == EVERY_N_WEEKS:
                self._add_weeks_option(params["n"])
                self._select("cadence-weeks").value = params["n"]
            elif kind == MONTHLY_DAY:
                self._select("cadence-day").value = params["day"]
        self.query_one("#cadence-custom", Input).value = (rule or "") if kind == CUSTOM else ""
        self._show_fields()
        self._preview()

    def set_when(self, at: str, minutes: int, zone_name: str) -> None:
        """Show a cadence's time of day, meeting length and time zone."""
        self.query_one("#cadence-time", Input).value = at
        self.query_one("#cadence-minutes", Input).value = str(minutes)
        self.query_one("#cadence-zone", Input).value = zone_name or zones.local_zone_name()
        self._preview()

    def set_context(self, anchor: datetime, after: datetime) -> None:
        """The day the rule counts from (the time of day and zone are the picker's own), and
        the moment the next three follow."""
        self.rule_anchor, self.count_after = anchor, after
        self._preview()

    def when(self) -> tuple[time, int, str]:
        """The time of day, length in minutes and zone chosen. Raises ``CadenceError``."""
        at = zones.parse_time_of_day(self.query_one("#cadence-time", Input).value)
        if at is None:
            raise CadenceError(
                "Write the meeting's time as HH:MM on the 24-hour clock, e.g. 14:30."
            )
        minutes_text = self.query_one("#cadence-minutes", Input).value.strip()
        minutes = int(minutes_text) if minutes_text.isdigit() else 0
        if not 1 <= minutes <= 24 * 60:
            raise CadenceError("A meeting lasts between 1 and 1440 minutes.")
        zone_name = self.query_one("#cadence-zone", Input).value.strip()
        if not zones.is_zone_name(zone_name):
            raise CadenceError(f"“{zone_name[:40]}” is not a time zone I know, e.g. Europe/London.")
        return at, minutes, zone_name

    def _anchor(self) -> datetime | None:
        """The first possible meeting: the context's day at the chosen time in the chosen zone."""
        if self.rule_anchor is None:
            return None
        try:
            at, _minutes, zone_name = self.when()
        except CadenceError:
            at, zone_name = time(10, 0), ""
        return datetime.combine(self.rule_anchor.date(), at, tzinfo=zones.zone(zone_name))

    # --- reading the choice -------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self._select("cadence-kind").value)

    def rule(self) -> str | None:
        """The chosen rule (``None``: no regular meetings). Raises ``CadenceError``."""
        kind = self.kind
        weekday = int(self._value("cadence-weekday"))
        if kind == MONTHLY_NTH:
            return cadence.monthly_nth_weekday(int(self._value("cadence-n")), weekday)
        if kind == EVERY_N_WEEKS:
            return cadence.every_n_weeks(int(self._value("cadence-weeks")), weekday)
        if kind == MONTHLY_DAY:
            return cadence.monthly_on_day(int(self._value("cadence-day")))
        if kind == CUSTOM:
            return cadence.validate_rrule(
                self.query_one("#cadence-custom", Input).value, self._anchor(), now=self.count_after
            )
        return None

    def state(self) -> tuple[Any, ...]:
        """Everything chosen or typed, to tell whether anything changed."""
        ids = ("cadence-kind", *FIELDS[self.kind])
        chosen = tuple(
            self.query_one(f"#{i}", Input).value if i == "cadence-custom" else self._value(i)
            for i in ids
        )
        typed = tuple(
            self.query_one(f"#{i}", Input).value.strip()
            for i in ("cadence-time", "cadence-minutes", "cadence-zone")
        )
        return chosen + typed

    def focus_choice(self) -> None:
        """Focus the field to fix: the custom rule when there is one, else the menu."""
        if self.kind == CUSTOM:
            self.query_one("#cadence-custom", Input).focus()
        else:
            self._select("cadence-kind").focus()

    # --- inside -------------------------------------------------------------------------------

    def _select(self, widget_id: str) -> Select[Any]:
        return self.query_one(f"#{widget_id}", Select)

    def _value(self, widget_id: str) -> Any:
        return self._select(widget_id).value

    def _add_weeks_option(self, n: int) -> None:
        """A stored rule may repeat every 13 to 52 weeks: offer that number too."""
        if all(value != n for _label, value in WEEKS):
            options = sorted([*WEEKS, (f"every {n} weeks", n)], key=lambda o: o[1])
            self._select("cadence-weeks").set_options(options)

    @on(Select.Changed)
    @on(Input.Changed, "#cadence-custom, #cadence-time, #cadence-minutes, #cadence-zone")
    def _changed(self, event: Message) -> None:
        event.stop()
        self._show_fields()
        self._preview()
        self.post_message(self.Changed(self))

    def _show_fields(self) -> None:
        shown = FIELDS.get(self.kind, ())
        for name in ("cadence-n", "cadence-weeks", "cadence-weekday", "cadence-day"):
            self._select(name).display = name in shown
        self.query_one("#cadence-custom", Input).display = "cadence-custom" in shown
        self.query_one("#cadence-params").display = bool(shown)
        self.query_one("#cadence-when").display = self.kind != NONE

    def _preview(self) -> None:
        preview = self.query_one("#cadence-preview", Static)
        text, failed = self._preview_text()
        preview.set_class(failed, "-error")
        preview.update(text)

    def _preview_text(self) -> tuple[Text | str, bool]:
        if self.kind == CUSTOM and not self.query_one("#cadence-custom", Input).value.strip():
            return "Write a repeat rule, for example FREQ=MONTHLY;BYDAY=+2TU.", False
        try:
            rule = self.rule()
        except CadenceError as exc:
            return str(exc), True
        if rule is None:
            return "No regular meetings: you plan each one when you prepare it.", False
        try:
            at, minutes, zone_name = self.when()
        except CadenceError as exc:
            return str(exc), True
        described = cadence.describe(rule)
        text = Text(
            f"{described[:1].upper()}{described[1:]} at {zones.time_words(at)} "
            f"for {minutes} minutes ({zone_name}).",
            style="bold",
        )
        anchor = self._anchor()
        if anchor is None or self.count_after is None:
            return text, False
        try:
            upcoming = cadence.next_occurrences(rule, anchor, self.count_after, count=3)
        except CadenceError as exc:
            return str(exc), True
        if not upcoming:
            text.append(" It gives no more meetings from now on.", style="")
            return text, False
        # One flowing sentence, not a line each, so the cadence dialog fits in 24 lines; a
        # date is never broken across lines.
        dates = " · ".join(
            format_when(moment).replace(" ", "\N{NO-BREAK SPACE}") for moment in upcoming
        )
        text.append(
            f" The next three: {dates}." if len(upcoming) == 3 else f" The next: {dates}.", style=""
        )
        return text, False
