"""Opening hours and "is it open now?", with the public holidays of the district's state."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from actions.answers.base import DistrictAction, Turn
from actions.content.formatting import clock_time, opening_hours_text, weekday_and_time
from actions.content.knowledge.models import Contact, District
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
    for offset in range(LOOKAHEAD_DAYS):
        day = now.date() + dt.timedelta(days=offset)
        for span in hours.spans_on(day, public_holiday(day, district) is not None):
            start = dt.datetime.combine(day, span.start, tzinfo=now.tzinfo)
            if start > now:
                return start
    return None


def open_status(turn: Turn, hours: OpeningHours, district: District) -> str:
    """The status_* line(s): open until …, closed (holiday) and when it opens again, plus
    "other times by appointment"; only "by appointment" when there are no fixed hours."""
    if not hours.has_fixed_hours and hours.by_appointment:
        # No hours does not mean closed: the office sees people when they call first.
        return turn.fragment("status_by_appointment")
    status = _fixed_hours_status(turn, hours, district)
    if hours.by_appointment:
        status += "\n" + turn.fragment("status_also_by_appointment")
    return status


def _fixed_hours_status(turn: Turn, hours: OpeningHours, district: District) -> str:
    now = turn.now
    holiday = public_holiday(now.date(), district, turn.locale)
    if hours.is_open(now.replace(tzinfo=None), is_public_holiday=holiday is not None):
        span = next(s for s in hours.spans_on(now.date(), holiday is not None) if s.contains(now.time()))
        return turn.fragment("status_open_now", closes_at=clock_time(span.end))
    upcoming = next_opening(hours, district, now)
    next_text = weekday_and_time(upcoming, turn.locale) if upcoming else "–"
    if holiday is not None and hours.spans_on(now.date(), False) and hours.closed_on_public_holidays:
        return turn.fragment("status_closed_holiday", holiday=holiday, next_opening=next_text)
    return turn.fragment("status_closed_now", next_opening=next_text)


def hours_and_status(turn: Turn, contact: Contact, district: District) -> tuple[str, str] | None:
    if contact.opening_hours is None:
        return None
    hours = contact.opening_hours
    text = opening_hours_text(hours, turn.locale, rtl=turn.rtl)
    if hours.by_appointment:
        phrase = turn.fragment("hours_by_appointment")
        text = f"{text}; {phrase}" if text else phrase
    return text, open_status(turn, hours, district)


class ActionShowOpeningHours(DistrictAction):
    """When the district's office is open, and whether it is open right now."""

    intent = "ask_opening_hours"

    def name(self) -> str:
        return "action_show_opening_hours"

    def answer_for(self, turn: Turn, district: District) -> None:
        contacts = turn.knowledge.contacts_for(district.id)
        if not contacts:
            turn.say("utter_no_contact", district=district.short_name)
            turn.say("utter_nationwide_numbers")
            return
        with_hours = [c for c in contacts if c.opening_hours is not None]
        for contact in with_hours:
            text, status = hours_and_status(turn, contact, district) or ("", "")
            turn.say("utter_opening_hours", name=contact.name, opening_hours=text, open_status=status)
        if not with_hours:
            contact = contacts[0]
            phone = contact.phones[0].international if contact.phones else ""
            turn.say("utter_opening_hours_unknown", name=contact.name, phone=phone)
