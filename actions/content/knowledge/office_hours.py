"""When an office is staffed: the public holidays of the district's state, the next opening, open until when.

Used by the opening-hours answers (actions.answers.opening_hours) and by the bot, which
tells a user when the district's staff can be expected to answer a handed-over question.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from actions.content.knowledge.models import District
from actions.content.knowledge.osm_opening_hours import OpeningHours

LOOKAHEAD_DAYS = 21
# The holidays package names German holidays in these languages.
_HOLIDAY_LANGUAGES = {"de": "de", "de-simple": "de", "uk": "uk"}


@lru_cache(maxsize=64)
def _holiday_calendar(state_code: str, year: int, language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv=state_code, years=year, language=language)


def public_holiday(day: dt.date, district: District, locale: str = "de") -> str | None:
    """Name of the public holiday on that day in the district's federal state, else None."""
    language = _HOLIDAY_LANGUAGES.get(locale, "en_US")
    return _holiday_calendar(district.state_code, day.year, language).get(day)


def next_opening(hours: OpeningHours, district: District, now: dt.datetime) -> dt.datetime | None:
    """The next time the office opens after `now` (within three weeks), else None."""
    for offset in range(LOOKAHEAD_DAYS):
        day = now.date() + dt.timedelta(days=offset)
        for span in hours.spans_on(day, public_holiday(day, district) is not None):
            start = dt.datetime.combine(day, span.start, tzinfo=now.tzinfo)
            if start > now:
                return start
    return None


def open_until(hours: OpeningHours, district: District, now: dt.datetime) -> dt.time | None:
    """When the office closes today if it is open at `now` (public holidays of the state count), else None."""
    holiday = public_holiday(now.date(), district) is not None
    for span in hours.spans_on(now.date(), holiday):
        if span.contains(now.time()):
            return span.end
    return None
