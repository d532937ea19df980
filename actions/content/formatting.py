"""Localized dates, weekdays, opening hours and lists (babel), for any reply locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names
from babel.lists import format_list

from actions.content.knowledge.osm_opening_hours import OpeningHours, TimeSpan
from actions.content.locales import babel_locale


def long_date(day: dt.date, locale: str) -> str:
    """31. Januar 2021 / January 31, 2021 / ٣١ يناير ٢٠٢١ …"""
    return format_date(day, format="long", locale=babel_locale(locale))


def clock_time(moment: dt.time) -> str:
    """24-hour HH:MM, as German offices write it, in every locale."""
    return "24:00" if moment == dt.time.max else moment.strftime("%H:%M")


def weekday_and_time(moment: dt.datetime, locale: str) -> str:
    """'Montag, 30. November, 08:00' style: the next time something happens."""
    day = format_skeleton("MMMMEEEEd", moment, locale=babel_locale(locale))
    return f"{day}, {clock_time(moment.time())}"


def join_list(items: Sequence[str], locale: str) -> str:
    """'A, B and C' with the locale's own conjunction."""
    return format_list(list(items), locale=babel_locale(locale)) if items else ""


def language_names(codes: Sequence[str], locale: str, easy_german_name: str) -> list[str]:
    """Names of languages as the reader's locale writes them ('de-simple' -> the catalog's own name)."""
    names = Locale.parse(babel_locale(locale)).languages
    return [easy_german_name if code == "de-simple" else names.get(code, code) for code in codes]


def _spans(spans: tuple[TimeSpan, ...]) -> str:
    return ", ".join(f"{clock_time(s.start)}–{clock_time(s.end)}" for s in spans)


def opening_hours_text(hours: OpeningHours, locale: str, rtl: bool = False) -> str:
    """'Mo–Do 08:00–16:00, Fr 08:00–12:00' with localized day names; closed days left out."""
    day_names = get_day_names("abbreviated", locale=babel_locale(locale))
    groups: list[tuple[int, int, tuple[TimeSpan, ...]]] = []
    for index, spans in enumerate(hours.week):
        if groups and groups[-1][2] == spans and groups[-1][1] == index - 1:
            groups[-1] = (groups[-1][0], index, spans)
        else:
            groups.append((index, index, spans))
    parts = []
    for first, last, spans in groups:
        if not spans:
            continue
        days = day_names[first] if first == last else f"{day_names[first]}–{day_names[last]}"
        times = _spans(spans)
        # Times are digits and dashes: isolate them so RTL text keeps their order.
        parts.append(f"{days} \u2066{times}\u2069" if rtl else f"{days} {times}")
    return "; ".join(parts)
