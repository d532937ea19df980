"""Names in messages that are not districts: places to ignore for language detection,
offices and people that only one district has ("die Koordinierungsstelle Migration und
Teilhabe" is Nienburg's, "Frau Förster" Northeim's)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from actions.content.knowledge.lookup import normalize_name
from actions.content.knowledge.models import Contact
from actions.content.knowledge.store import Knowledge

# Office names are long and typed with typos ("Koordinierungstelle"); a close partial
# match of the whole name still names the office. People's surnames must match exactly.
OFFICE_SIMILARITY = 90
MIN_NAME_LETTERS = 4


def place_names(knowledge: Knowledge) -> list[str]:
    """Every district and town name and alias, in every script knowledge/ has them."""
    names: list[str] = []
    for district in knowledge.districts:
        names += [district.name, district.short_name, *district.aliases]
        for town in district.municipalities:
            names += [town.name, *town.aliases]
    return names


def _keys(contact: Contact) -> list[str]:
    """What a user would write to name this contact: an office's name, a person's surname."""
    if contact.kind == "person":
        surname = normalize_name(contact.name).split()[-1:]
        return [s for s in surname if len(s) >= MIN_NAME_LETTERS]
    names = [contact.name] + ([re.sub(r"^\d+\s*", "", contact.org_unit)] if contact.org_unit else [])
    return [normalize_name(n) for n in names if len(n) >= MIN_NAME_LETTERS]


def named_contacts(knowledge: Knowledge, text: str) -> list[Contact]:
    """Contacts the message names (by office name, or a person's surname)."""
    normalized = f" {normalize_name(text)} "
    found = []
    for contact in knowledge.contacts:
        for key in _keys(contact):
            exact = f" {key} " in normalized
            close = contact.kind == "office" and fuzz.partial_ratio(key, normalized) >= OFFICE_SIMILARITY
            if exact or close:
                found.append(contact)
                break
    return found


def district_of_named_contact(knowledge: Knowledge, text: str) -> str | None:
    """The district id when every contact the message names belongs to that one district."""
    districts = {contact.district for contact in named_contacts(knowledge, text)}
    return districts.pop() if len(districts) == 1 else None
