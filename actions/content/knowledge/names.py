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
# A single word of an office's name names the office when it is this long and no other district's office
# has it ("Koordinierungsstelle"); shorter words (Amt, Büro) and these administrative ones never do.
MIN_HEAD_WORD_LETTERS = 10
GENERIC_OFFICE_WORDS = frozenset(
    {"landkreis", "landkreises", "kreisverwaltung", "landratsamt", "fachbereich", "migration", "integration",
     "teilhabe", "aussenstelle", "ausländerbehörde", "auslanderbehorde", "stabsstelle", "sachgebiet"}
)  # fmt: skip


def place_names(knowledge: Knowledge) -> list[str]:
    """Every district and town name and alias, in every script knowledge/ has them."""
    names: list[str] = []
    for district in knowledge.districts:
        names += [district.name, district.short_name, *district.aliases]
        for town in district.municipalities:
            names += [town.name, *town.aliases]
    return names


def contact_names(knowledge: Knowledge) -> list[str]:
    """The offices' names and units, the people's names, and the words that alone name one office
    ("Koordinierungsstelle Migration und Teilhabe", "Fachbereich 23 – Migration und Integration",
    "Julia Aktas", "koordinierungsstelle"): German names in any message, no sign of its language."""
    names: list[str] = []
    for contact in knowledge.contacts:
        names.append(contact.name)
        if contact.org_unit:
            names.append(re.sub(r"^\d+\s*", "", contact.org_unit))
    return names + list(_head_words(knowledge))


def _keys(contact: Contact) -> list[str]:
    """What a user would write to name this contact: an office's name, a person's surname."""
    if contact.kind == "person":
        surname = normalize_name(contact.name).split()[-1:]
        return [s for s in surname if len(s) >= MIN_NAME_LETTERS]
    names = [contact.name] + ([re.sub(r"^\d+\s*", "", contact.org_unit)] if contact.org_unit else [])
    return [normalize_name(n) for n in names if len(n) >= MIN_NAME_LETTERS]


def _head_words(knowledge: Knowledge) -> dict[str, str]:
    """{word: district id} for the long words of office names that only one district's offices use
    ("koordinierungsstelle" alone names Nienburg's office); administrative words any district has
    ("landkreis", "kreisverwaltung", "fachbereich") are not names."""
    districts: dict[str, set[str]] = {}
    for contact in knowledge.contacts:
        if contact.kind != "office":
            continue
        for name in (contact.name, contact.org_unit or ""):
            for word in normalize_name(name).split():
                if len(word) >= MIN_HEAD_WORD_LETTERS and word not in GENERIC_OFFICE_WORDS:
                    districts.setdefault(word, set()).add(contact.district)
    return {word: ids.pop() for word, ids in districts.items() if len(ids) == 1}


def named_contacts(knowledge: Knowledge, text: str) -> list[Contact]:
    """Contacts the message names (by office name, a word only that office's name has, or a person's surname)."""
    normalized = f" {normalize_name(text)} "
    words = normalized.split()
    head_words = _head_words(knowledge)
    named_districts = {
        district
        for head, district in head_words.items()
        if any(fuzz.ratio(head, word) >= OFFICE_SIMILARITY for word in words)
    }
    found = []
    for contact in knowledge.contacts:
        if contact.kind == "office" and contact.district in named_districts:
            found.append(contact)
            continue
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
