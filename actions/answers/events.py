"""Events such as the integration conference: past or upcoming by today's date."""

from __future__ import annotations

from typing import Any

from actions.answers.base import BaseAction, Turn
from actions.content.formatting import clock_time, long_date
from actions.content.question_cues import refers_to_own_place


class ActionShowEvent(BaseAction):
    """Events of the user's district, or all events when the district is unknown – unless the message asks about
    the user's own place ("any event in my region?"): then which district that is."""

    intent = "ask_event"

    def name(self) -> str:
        return "action_show_event"

    def answer(self, turn: Turn) -> None:
        knowledge = turn.knowledge
        district = turn.known_district()
        if district is None and refers_to_own_place(turn.text):
            turn.ask_for_district(self.intent)
            return
        events = knowledge.events_for(district.id) if district else knowledge.events_for()
        if not events:
            turn.say("utter_no_event", district=district.short_name if district else "")
            return
        today = turn.now.date()
        for event in sorted(events, key=lambda e: e.date):
            values: dict[str, Any] = {
                "title": event.title,
                "date": long_date(event.date, turn.locale),
                "time": clock_time(event.start_time) if event.start_time else "",
                "place": event.place,
            }
            contact = knowledge.contact(event.registration_contact) if event.registration_contact else None
            if event.is_past(today):
                turn.say("utter_event_past", **values)
                if contact is not None and contact.phones:
                    # Who organised it knows about the next one.
                    turn.say("utter_event_contact", contact=contact.name, phone=contact.phones[0].international)
                continue
            turn.say(
                "utter_event_upcoming",
                contact=contact.name if contact else "",
                phone=contact.phones[0].international if contact and contact.phones else "",
                **values,
            )
