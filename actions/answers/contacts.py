"""Whom to contact in a district: every contact as a card (unit, address, phone, e-mail, hours)."""

from __future__ import annotations

from actions.answers.base import DistrictAction, Turn
from actions.answers.opening_hours import hours_and_status
from actions.content.formatting import join_list
from actions.content.knowledge.models import Contact, District
from actions.content.question_cues import asks_for_email, asks_for_the_first, asks_for_the_other


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


def say_contact_cards(turn: Turn, district: District, intro: str, only: list[Contact] | None = None) -> bool:
    """Intro plus one card per contact (`only` these, when given); False when the district has no contact."""
    contacts = only or turn.knowledge.contacts_for(district.id)
    if not contacts:
        turn.say("utter_no_contact", district=district.short_name)
        turn.say("utter_nationwide_numbers")
        return False
    turn.say(intro, district=district.short_name)
    for contact in contacts:
        turn.say("utter_contact_card", name=contact.name, details=contact_details(turn, contact, district))
    return True


class ActionShowContact(DistrictAction):
    """Contacts of the user's district."""

    intent = "ask_contact"

    def name(self) -> str:
        return "action_show_contact"

    def answer_for(self, turn: Turn, district: District) -> None:
        people = asked_people(turn, district)
        contacts = people or turn.knowledge.contacts_for(district.id)
        if contacts and asks_for_email(turn.text) and not any(c.email for c in contacts):
            # "Hat die eine E-Mail?" where knowledge/ has none: said so, then how to reach them (tried as a newcomer
            # would: the card came again without a word on the e-mail).
            turn.say("utter_no_email", name=join_list([c.name for c in contacts], turn.locale))
            for contact in contacts:
                turn.say("utter_contact_card", name=contact.name, details=contact_details(turn, contact, district))
            return
        say_contact_cards(turn, district, "utter_contact_intro", people)


def asked_people(turn: Turn, district: District) -> list[Contact]:
    """The people of the district this message asks about: those it names ("дай номер Блудау", "خانم بلوداو"), or
    "the other one" ("و اون یکی خانم؟") after a card of one person – the district's other people. [] for all."""
    text = turn.text
    if text.startswith("/"):
        return []
    people = [c for c in turn.knowledge.contacts_for(district.id) if c.kind == "person"]
    named = [c for c in turn.named_contacts if c in people]
    if named:
        return named
    shown = turn.last_card_names()
    if asks_for_the_other(text) and len(shown) == 1:
        return [c for c in people if c.name not in shown]
    if asks_for_the_first(text) and len(shown) >= 2:
        return [c for c in people if c.name == shown[0]]  # "у первой какой номер"
    if asks_for_the_other(text) and len(shown) >= 2:
        return [c for c in people if c.name == shown[1]]  # "а телефон второй женщины?"
    return []
