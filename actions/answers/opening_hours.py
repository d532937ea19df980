"""Opening hours and "is it open now?", with the public holidays of the district's state."""

from __future__ import annotations

from actions.answers.base import DistrictAction, Turn
from actions.content.formatting import clock_time, opening_hours_text, weekday_and_time
from actions.content.knowledge.models import Contact, District
from actions.content.knowledge.office_hours import next_opening, public_holiday
from actions.content.knowledge.osm_opening_hours import OpeningHours

__all__ = ["ActionShowOpeningHours", "hours_and_status", "next_opening", "open_status", "public_holiday"]


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
