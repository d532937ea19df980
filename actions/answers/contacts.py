"""Whom to contact in a district: every contact as a card (unit, address, phone, e-mail, hours)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from actions.answers.base import DistrictAction, Turn
from actions.answers.opening_hours import hours_and_status
from actions.content.formatting import join_list
from actions.content.knowledge.models import Contact, District
from actions.content.question_cues import asks_for_email


def contact_details(turn: Turn, contact: Contact, district: District) -> str:
    """The card's lines, each from a line_* fragment of the reply locale."""
    lines = []
    unit = ", ".join(part for part in (contact.org_unit, contact.location) if part and part != contact.name)
    if unit:
        lines.append(turn.fragment("line_org_unit", org_unit=unit))
    if contact.address:
        lines.append(turn.fragment("line_address", address=contact.address.one_line()))
    for phone in contact.phones:
        lines.append(turn.fragment("line_phone", phone=phone.international))
    if contact.email:
        lines.append(turn.fragment("line_email", email=contact.email))
    if contact.website:
        lines.append(turn.fragment("line_website", url=contact.website))
    if contact.contact_form:
        lines.append(turn.fragment("line_contact_form"))
    hours = hours_and_status(turn, contact, district)
    if hours:
        lines.append(turn.fragment("line_hours", opening_hours=hours[0]))
        lines.append(hours[1])
    return "\n".join(lines)


def say_contact_cards(
    turn: Turn, district: District, intro: str, only: Sequence[Contact] | None = None, **intro_values: Any
) -> bool:
    """Intro (with `intro_values` beside the district) plus one card per contact (`only` these, when given); False
    when the district has no contact."""
    contacts = only or turn.knowledge.contacts_for(district.id)
    if not contacts:
        turn.say("utter_no_contact", district=district.short_name)
        turn.say("utter_nationwide_numbers")
        return False
    turn.say(intro, district=district.short_name, **intro_values)
    for contact in contacts:
        turn.say("utter_contact_card", name=contact.name, details=contact_details(turn, contact, district))
    return True


class ActionShowContact(DistrictAction):
    """Contacts of the user's district."""

    intent = "ask_contact"

    def name(self) -> str:
        return "action_show_contact"

    def answer_for(self, turn: Turn, district: District) -> None:
        people = [c for c in turn.asked_people if c.district == district.id]
        contacts = people or turn.knowledge.contacts_for(district.id)
        if contacts and asks_for_email(turn.text) and not any(c.email for c in contacts):
            # "Hat die eine E-Mail?" where knowledge/ has none: said so, then how to reach them (tried as a newcomer
            # would: the card came again without a word on the e-mail).
            names = join_list([c.name for c in contacts], turn.locale)
            say_contact_cards(turn, district, "utter_no_email", contacts, name=names)
            return
        say_contact_cards(turn, district, "utter_contact_intro", people)
