"""Names in messages that are not districts: places to ignore for language detection,
offices and people that only one district has ("die Koordinierungsstelle Migration und
Teilhabe" is Nienburg's, "Frau Förster" Northeim's)."""

from __future__ import annotations

import re

from anyascii import anyascii
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
        surname, _given_name = _surname_and_given_name(contact)
        return [surname] if len(surname) >= MIN_NAME_LETTERS else []
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


# People's names written in another alphabet ("Блудау", "Фёрстер", "خانم بلوداو", "السيدة فورستر", "جوليا اكتاس").
# Cyrillic spells the vowels: the Latin transliteration is close to the name (Фёрстер → Ferster ~ Förster).
# Arabic script writes few vowels, so the consonants must be the name's ("blwdw" → bld) – and, since short
# words share them ("بلده" knows, "پالیده"), the word must spell the name's long vowels too or follow a title or
# a given name ("السيدة فورستر", "جوليا اكتاس").
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{4,}")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]{3,}")
CYRILLIC_NAME_SIMILARITY = 85
ARABIC_NAME_SIMILARITY = 80
_VOWEL_LETTERS = str.maketrans({"o": "w", "u": "w", "ö": "w", "ü": "w", "i": "y"})
_VOWELS = re.compile(r"[aeiouwyh]")
_ARABIC_TITLES = frozenset(
    """خانم آقای اقای آقا السيدة السيده الست ست السيد سيدة سيده استاذ الاستاذ أستاذ الأستاذة استاذة
    اسمها اسمه دكتور دکتر""".split()  # noqa: SIM905 (a word list, as in language_cues)
)


def _skeleton(latin: str) -> str:
    """The consonants of a name in Latin letters ("bludau" → "bld"), as Arabic script writes it."""
    return _VOWELS.sub("", normalize_name(latin).replace(" ", ""))


def _as_arabic_script_spells(latin: str) -> str:
    """The letters Arabic script writes for a Latin name, as anyascii reads them back: long vowels as w/y, a and
    short e not at all ("bludau" → "blwdw", "förster" → "fwrstr", "aktas" → "kts")."""
    return re.sub(r"[aeh]", "", normalize_name(latin).replace(" ", "").translate(_VOWEL_LETTERS))


def _in_other_alphabets(text: str, surname: str, given_name: str) -> bool:
    """True when `text` writes the surname in Cyrillic or Arabic script (see above)."""
    for word in _CYRILLIC_WORD.findall(text):
        if fuzz.ratio(normalize_name(anyascii(word)), surname) >= CYRILLIC_NAME_SIMILARITY:
            return True
    words = _ARABIC_WORD.findall(text)
    surname_skeleton, given_skeleton = _skeleton(surname), _skeleton(given_name)
    if len(surname_skeleton) < 3:
        return False
    for index, word in enumerate(words):
        latin = re.sub(r"[^a-z]", "", anyascii(normalize_name(word)).lower())  # no marks, no vowel signs
        if _skeleton(latin) != surname_skeleton:
            continue
        before = words[index - 1] if index else ""
        spelled = fuzz.ratio(latin.replace("a", ""), _as_arabic_script_spells(surname)) >= ARABIC_NAME_SIMILARITY
        if (
            spelled
            or before in _ARABIC_TITLES
            or (given_skeleton and before and _skeleton(anyascii(before)) == given_skeleton)
        ):
            return True
    return False


# A given name alone ("Hanna", "Ханны", "هانا"), to pick one of the people just shown: a word this close to it.
GIVEN_NAME_SIMILARITY = 80


def names_given_name(text: str, contact: Contact) -> bool:
    """True when `text` writes the person's given name in any alphabet ("only hannas number", "номер Ханны",
    "بدي رقم هانا بس"). Meant for choosing among the people the bot just showed: a given name alone says little
    otherwise."""
    _surname, given = _surname_and_given_name(contact)
    if len(given) < 3:
        return False
    collapsed = re.sub(r"(.)\1", r"\1", given)  # "hanna" -> "hana", as the other alphabets write it
    for word in normalize_name(text).split():
        latin = re.sub(r"[^a-z]", "", anyascii(word).lower()).replace("kh", "h")
        if not latin:
            continue
        if _ARABIC_WORD.fullmatch(word):
            # As Arabic script spells it (long vowels as letters, a and e not at all: "hanna" -> "hn", "simone" ->
            # "symwn"); four letters at least, so that "هنا" (here) is not "هانا".
            spelled = re.sub(r"[ae]", "", collapsed.translate(_VOWEL_LETTERS))
            if len(word) >= 4 and len(spelled) >= 2 and fuzz.ratio(latin, spelled) >= GIVEN_NAME_SIMILARITY:
                return True
        elif max(fuzz.ratio(latin, given), fuzz.ratio(latin, collapsed)) >= GIVEN_NAME_SIMILARITY or (
            latin.startswith(given) and len(latin) <= len(given) + 2  # "hannas"
        ):
            return True
    return False


def named_contacts(knowledge: Knowledge, text: str) -> list[Contact]:
    """Contacts the message names (by office name, a word only that office's name has, or a person's surname in
    any alphabet)."""
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
        else:
            if contact.kind == "person" and _in_other_alphabets(text, *_surname_and_given_name(contact)):
                found.append(contact)
    return found


def _surname_and_given_name(contact: Contact) -> tuple[str, str]:
    words = normalize_name(contact.name).split()
    return (words[-1] if words else ""), (words[0] if len(words) > 1 else "")


def district_of_named_contact(knowledge: Knowledge, text: str) -> str | None:
    """The district id when every contact the message names belongs to that one district."""
    districts = {contact.district for contact in named_contacts(knowledge, text)}
    return districts.pop() if len(districts) == 1 else None
