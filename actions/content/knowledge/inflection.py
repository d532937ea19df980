"""The forms a place name takes in a sentence, generated from its base spelling.

Staff list a town's spellings once ("Хойя", "Хоя", "هويا", "Hoya"); people write
"в Хойе", "у Хої", "بهويا", "Hoyada". Generating those forms here means a new town
needs no NLU edit and no list of inflected forms in knowledge/.

- Cyrillic: Russian and Ukrainian case endings (people mix both languages) plus the
  "-ский/-ський" adjective ("Нинбургский район"). Names ending in a vowel other than
  а/я (Штольценау, Циттау, Боденфельде) do not decline.
- Arabic script: the one-letter prefixes written together with the next word
  (و and, ب in/at, ل to, ف so, ك like, and their pairs), plus the nisba -ي.
- Latin: the German "-er/-s" (Görlitzer, Goslars) and the Turkish case suffixes
  written without the apostrophe (Nienburgda, Einbecke).

Every form is a whole word: a name is never found inside another word.
"""

from __future__ import annotations

import re
from itertools import product

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Words of a multi-word name keep their separators ("Бад-Гандерсхайм", "Rothenburg/O.L.").
_SEPARATOR = re.compile(r"([\s\-/]+)")

_HARD_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")
_HUSHING = set("цжшчщ")  # instrumental in -ем: Гёрлицем, Герліцем
# Ukrainian locative changes the last consonant: Нінбург → у Нінбурзі, Айнбек → в Айнбеці.
_UK_ALTERNATION = {"г": "з", "к": "ц", "х": "с"}

# Case endings by what the name ends in; keys are the cases, so multi-word names can
# decline every word in the same case ("в Клаустале-Целлерфельде").
_AFTER_CONSONANT = {
    "gen": ("а", "у"),
    "dat": ("у", "ові"),
    "ins": ("ом",),
    "loc": ("е", "і", "у", "ові"),
}
_AFTER_SOFT_SIGN = {  # Дассель
    "gen": ("я",),
    "dat": ("ю", "еві"),
    "ins": ("ем",),
    "loc": ("е", "і"),
}
_AFTER_A = {  # a name ending in -а
    "gen": ("ы", "и"),
    "dat": ("е", "і"),
    "acc": ("у",),
    "ins": ("ой", "ою"),
    "loc": ("е", "і"),
}
_AFTER_YA = {  # Хойя, Хоя
    "gen": ("и", "і", "ї"),
    "dat": ("е", "і", "ї"),
    "acc": ("ю",),
    "ins": ("ей", "ею", "єю"),
    "loc": ("е", "і", "ї"),
}
# In a name of several words, a word before the last declines from this length on
# ("в Катленбурге-Линдау", "в Клаустале-Целлерфельде"; not "Бад", "Санкт").
MULTIWORD_DECLINES_FROM = 6
_RU_ADJECTIVE = ("ий", "ого", "ому", "ом", "ая", "ой", "ую", "ие", "их", "им", "ими")
_UK_ADJECTIVE = ("ий", "ого", "ому", "ім", "а", "ій", "у", "і", "их", "им", "ими")

_ARABIC_PREFIXES = ("", "و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل", "وك")
_ARABIC_VOWEL_LETTERS = set("اوهةيىی")

_GERMAN_SUFFIXES = ("s", "er", "ers", "erin")
_TURKISH_SUFFIXES = (
    *("a", "e", "ya", "ye"),
    *("da", "de", "ta", "te", "dan", "den", "tan", "ten"),
    *("daki", "deki", "taki", "teki"),  # "Nienburgdaki büro": the office in N.
    *("ı", "i", "u", "ü", "yı", "yi", "yu", "yü"),
    *("ın", "in", "un", "ün", "nın", "nin", "nun", "nün"),
    *("lı", "li", "lu", "lü"),
)


def script_of(name: str) -> str:
    """'cyrillic', 'arabic' or 'latin' (anything else is treated like Latin)."""
    if _CYRILLIC.search(name):
        return "cyrillic"
    if _ARABIC.search(name):
        return "arabic"
    return "latin"


def name_forms(name: str) -> tuple[str, ...]:
    """The base spelling first, then the forms it takes in a sentence (no duplicates)."""
    script = script_of(name)
    if script == "cyrillic":
        forms = _cyrillic_forms(name)
    elif script == "arabic":
        forms = _arabic_forms(name)
    else:
        forms = _latin_forms(name)
    return tuple(dict.fromkeys([name, *forms]))


def _split(name: str) -> tuple[list[str], list[str]]:
    """Words and the separators between them: 'Бад-Харцбург' -> ['Бад', 'Харцбург'], ['-']."""
    parts = _SEPARATOR.split(name.strip())
    return parts[0::2], parts[1::2]


def _join(words: list[str] | tuple[str, ...], separators: list[str]) -> str:
    out = words[0]
    for separator, word in zip(separators, words[1:], strict=True):
        out += separator + word
    return out


# Cyrillic -----------------------------------------------------------------


def _cyrillic_cases(word: str) -> dict[str, set[str]]:
    """Case -> forms of one word; empty for a word that does not decline."""
    low = word.casefold()
    if len(low) < 2:
        return {}
    last = low[-1]
    if last in _HARD_CONSONANTS:
        stem, table = word, _AFTER_CONSONANT
    elif last in ("ь", "й"):
        stem, table = word[:-1], _AFTER_SOFT_SIGN
    elif last == "а":
        stem, table = word[:-1], _AFTER_A
    elif last == "я":
        stem, table = word[:-1], _AFTER_YA
    else:
        return {}  # Штольценау, Циттау, Боденфельде, Ниски: indeclinable
    cases = {case: {stem + ending for ending in endings} for case, endings in table.items()}
    if last in _HUSHING:
        cases["ins"].add(stem + "ем")
    if last in ("а", "я") and low[-2:-1] in _UK_ALTERNATION:
        cases["loc"].add(stem[:-1] + _UK_ALTERNATION[low[-2]] + "і")
    elif last in _UK_ALTERNATION:
        cases["loc"].add(stem[:-1] + _UK_ALTERNATION[last] + "і")
    return cases


def _cyrillic_adjectives(word: str) -> set[str]:
    """Нинбургский район, Гёрлицкого района, Герліцький район."""
    low = word.casefold()
    if not low or low[-1] not in _HARD_CONSONANTS | {"ь"}:
        return set()
    if low[-1] == "ц":
        ru_stem, uk_stems = word + "к", {word + "ьк"}
    else:
        ru_stem, uk_stems = word + "ск", {word + "ськ"}
        if low[-1] in _UK_ALTERNATION:
            uk_stems.add(word[:-1] + _UK_ALTERNATION[low[-1]] + "ьк")  # Нінбурзький
    forms = {ru_stem + ending for ending in _RU_ADJECTIVE}
    forms |= {stem + ending for stem in uk_stems for ending in _UK_ADJECTIVE}
    return forms


def _cyrillic_forms(name: str) -> set[str]:
    words, separators = _split(name)
    # Short leading words stay as written: "в Бад-Харцбурге", "в Санкт-Андреасберге".
    per_word = [
        _cyrillic_cases(word) if i == len(words) - 1 or len(word) >= MULTIWORD_DECLINES_FROM else {}
        for i, word in enumerate(words)
    ]
    forms: set[str] = set()
    all_cases = {case for cases in per_word for case in cases}
    for case in all_cases:
        # Every declinable word in the same case: "в Катленбурге-Линдау", "в Клаустале-Целлерфельде".
        options = [sorted(cases.get(case, ())) or [word] for word, cases in zip(words, per_word, strict=True)]
        forms.update(_join(combo, separators) for combo in product(*options))
        # One word declined, the others as written: "в Бад-Харцбурге", "в Ротенбурге-Оберлаузиц".
        for i, cases in enumerate(per_word):
            for form in cases.get(case, ()):
                forms.add(_join([*words[:i], form, *words[i + 1 :]], separators))
    if len(words) == 1:
        forms |= _cyrillic_adjectives(words[0])
    return forms


# Arabic script --------------------------------------------------------------


def _arabic_forms(name: str) -> set[str]:
    words, separators = _split(name)
    last = words[-1]
    endings = [""]
    if last and last[-1] not in _ARABIC_VOWEL_LETTERS:
        endings.append("ي")  # نينبورغي: from Nienburg
    forms = set()
    for prefix, ending in product(_ARABIC_PREFIXES, endings):
        changed = [*words]
        changed[0] = prefix + changed[0]
        changed[-1] = changed[-1] + ending
        forms.add(_join(changed, separators))
    return forms


# Latin ----------------------------------------------------------------------


def _latin_forms(name: str) -> set[str]:
    words, separators = _split(name)
    last = words[-1]
    if len(last) < 3 or not last[-1].isalpha():
        return set()  # "Rothenburg/O.L.", "LK": no endings on abbreviations
    head = _join(words[:-1], separators[:-1]) + separators[-1] if len(words) > 1 else ""
    suffixes = [*_TURKISH_SUFFIXES]
    if last[-1].casefold() == "e":
        suffixes += ["r", "rs", "rin"]  # Uchter
    else:
        suffixes += _GERMAN_SUFFIXES
    return {head + last + suffix for suffix in suffixes}
