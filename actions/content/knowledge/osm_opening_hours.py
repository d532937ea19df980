"""A parser for the subset of OpenStreetMap ``opening_hours`` that offices use.

Supported, rules separated by ``;`` (later rules override earlier ones for the
days they name, as in OSM):

    Mo-Fr 08:00-16:00        weekday ranges and lists: Mo,We,Fr  Mo-We,Fr
    Sa 09:00-12:00,13:00-15:00
    Su off                   closed on those days
    PH off                   closed on public holidays
    24/7                     always open
    "nach Vereinbarung"      an OSM comment: by appointment (also "by appointment";
                             the quotes may be left out, YAML often eats them)

"Mo-Fr 09:00-12:00; nach Vereinbarung" is open at those times and by
appointment otherwise; "nach Vereinbarung" alone has no fixed hours at all.
Anything else, including any other comment, is refused with a message naming
the part that is wrong, so the validator can tell staff what to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_TIME = re.compile(r"^([01]?[0-9]|2[0-4]):([0-5][0-9])$")
# Comments the bot can answer on, compared case-insensitively without a final '.'.
# Any other comment is refused: the bot cannot tell users what it means.
APPOINTMENT_PHRASES = frozenset(
    {
        "by appointment",
        "by appointment only",
        "only by appointment",
        "and by appointment",
        "nach vereinbarung",
        "nur nach vereinbarung",
        "und nach vereinbarung",
        "sowie nach vereinbarung",
        "termine nach vereinbarung",
        "nach terminvereinbarung",
        "nur nach terminvereinbarung",
        "und nach terminvereinbarung",
        "sowie nach terminvereinbarung",
        "nach telefonischer vereinbarung",
        "nach telefonischer terminvereinbarung",
    }
)
# Copied into YAML as is, so the example needs no quotes inside quotes.
_APPOINTMENT_EXAMPLE = (
    '"Mo-Fr 09:00-12:00; nach Vereinbarung" (open then, other times by appointment)'
    ' or "nach Vereinbarung" (no fixed hours)'
)


class OpeningHoursError(ValueError):
    """The opening_hours text cannot be understood."""


@dataclass(frozen=True)
class TimeSpan:
    start: dt.time
    end: dt.time  # dt.time.max stands for 24:00

    def contains(self, moment: dt.time) -> bool:
        return self.start <= moment < self.end


@dataclass(frozen=True)
class OpeningHours:
    """Weekly hours (index 0 = Monday), how public holidays are handled, and whether
    appointments can be made (on top of the hours, or instead when there are none)."""

    text: str
    week: tuple[tuple[TimeSpan, ...], ...]
    public_holidays: tuple[TimeSpan, ...] | None  # None: PH not mentioned, days apply
    by_appointment: bool = False

    @property
    def has_fixed_hours(self) -> bool:
        """False for '"nach Vereinbarung"' alone: never say 'closed now' for such a contact."""
        return any(self.week) or bool(self.public_holidays)

    def spans_on(self, day: dt.date, is_public_holiday: bool) -> tuple[TimeSpan, ...]:
        if is_public_holiday and self.public_holidays is not None:
            return self.public_holidays
        return self.week[day.weekday()]

    def is_open(self, moment: dt.datetime, is_public_holiday: bool) -> bool:
        spans = self.spans_on(moment.date(), is_public_holiday)
        return any(span.contains(moment.time()) for span in spans)

    @property
    def closed_on_public_holidays(self) -> bool:
        return self.public_holidays == ()


def parse_opening_hours(text: str) -> OpeningHours:
    """Parse ``text``; raise OpeningHoursError naming the offending part and how to write it."""
    if not text or not text.strip():
        raise OpeningHoursError("opening hours are empty")
    week: list[tuple[TimeSpan, ...]] = [() for _ in DAY_CODES]
    holidays: tuple[TimeSpan, ...] | None = None
    by_appointment = False
    for raw_rule in _split_rules(text):
        rule = raw_rule.strip()
        if not rule:
            continue
        if _is_comment(rule):
            by_appointment = True
            continue
        if '"' in rule:
            raise OpeningHoursError(
                f"a note inside '{rule}' is not supported: write it as its own part after ';': {_APPOINTMENT_EXAMPLE}"
            )
        if rule == "24/7":
            always = (TimeSpan(dt.time(0, 0), dt.time.max),)
            week = [always for _ in DAY_CODES]
            continue
        selector, _, times = rule.partition(" ")
        spans = _parse_times(times.strip(), rule)
        if selector == "PH":
            holidays = spans
            continue
        for day_index in _parse_days(selector, rule):
            week[day_index] = spans
    return OpeningHours(text=text, week=tuple(week), public_holidays=holidays, by_appointment=by_appointment)


def _split_rules(text: str) -> list[str]:
    """Split at ';' outside double quotes (a comment may contain ';')."""
    rules = [""]
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            rules.append("")
        else:
            rules[-1] += char
    if quoted:
        raise OpeningHoursError(f"a '\"' is not closed in '{text}'; appointments are written {_APPOINTMENT_EXAMPLE}")
    return rules


def _is_comment(rule: str) -> bool:
    """True for an appointment comment; OpeningHoursError for any other comment."""
    quoted = len(rule) >= 2 and rule.startswith('"') and rule.endswith('"') and rule.count('"') == 2
    comment = rule[1:-1] if quoted else rule
    if " ".join(comment.split()).rstrip(".").casefold() in APPOINTMENT_PHRASES:
        return True
    if quoted:
        raise OpeningHoursError(
            f"the note {rule} is not understood: the only note the bot can answer on is 'nach Vereinbarung'"
            f" (or 'by appointment'), e.g. {_APPOINTMENT_EXAMPLE}; leave other notes out"
        )
    if not any(char.isdigit() for char in rule) and rule[:2] not in (*DAY_CODES, "PH"):
        raise OpeningHoursError(
            f"'{rule}' is not understood: write days and times like 'Mo-Fr 08:00-16:00',"
            f" and appointments {_APPOINTMENT_EXAMPLE}"
        )
    return False


def _parse_days(selector: str, rule: str) -> list[int]:
    days: list[int] = []
    for part in selector.split(","):
        first, sep, last = part.partition("-")
        if first not in DAY_CODES or (sep and last not in DAY_CODES):
            raise OpeningHoursError(f"unknown day '{part}' in '{rule}' (use {', '.join(DAY_CODES)} or PH)")
        start = DAY_CODES.index(first)
        end = DAY_CODES.index(last) if sep else start
        if end < start:
            raise OpeningHoursError(f"day range '{part}' in '{rule}' runs backwards")
        days.extend(range(start, end + 1))
    return days


def _parse_times(times: str, rule: str) -> tuple[TimeSpan, ...]:
    if times == "off" or times == "closed":
        return ()
    if not times:
        raise OpeningHoursError(f"'{rule}' has no times (e.g. 'Mo-Fr 08:00-16:00' or 'Sa off')")
    spans = []
    for part in times.split(","):
        start_text, sep, end_text = part.strip().partition("-")
        if not sep:
            raise OpeningHoursError(f"time span '{part}' in '{rule}' needs a start and an end (08:00-12:00)")
        start, end = _parse_time(start_text, rule), _parse_time(end_text, rule)
        if end <= start:
            raise OpeningHoursError(f"time span '{part}' in '{rule}' ends before it starts")
        spans.append(TimeSpan(start, end))
    return tuple(spans)


def _parse_time(text: str, rule: str) -> dt.time:
    match = _TIME.match(text.strip())
    if not match:
        raise OpeningHoursError(f"'{text}' in '{rule}' is not a time (HH:MM)")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour == 24:
        if minute:
            raise OpeningHoursError(f"'{text}' in '{rule}' is after midnight")
        return dt.time.max
    return dt.time(hour, minute)
