"""Finding a district from what people type or share: names, aliases, towns, postcodes, typos, GPS."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from actions.content.knowledge.inflection import name_forms
from actions.content.knowledge.models import District

# Keyboards and spelling habits that write the same letter differently:
# Arabic and Farsi (ی/ي, ک/ك, پ/ب …) and Ukrainian and Russian (Ґослар/Гослар, Нінбург/Нинбург).
_LETTER_VARIANTS = str.maketrans(
    {
        "ی": "ي",
        "ى": "ي",
        "ئ": "ي",
        "ک": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ـ": None,
        "ґ": "г",
        "і": "и",
        "ї": "и",
        "є": "е",
        "э": "е",
        "ё": "е",
    }
)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Arabic-Indic and Persian digits, for postcodes typed on those keyboards.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Five digits on their own: not part of a phone number ("05021 967686", "05021/967686"),
# a longer number, a word or an international number (+49 …).
# A Turkish case suffix may follow ("31582deki büro", "31582'de").
_POSTCODE_IN_TEXT = re.compile(
    r"(?<![\w+])(?<!\d[ ./-])(\d{5})(?:(?![\w])|(?='?[dt][ae](?:ki|n)?\b))(?![ ./-]?\d)", re.ASCII
)
_POSTCODE = re.compile(r"^\d{5}$", re.ASCII)

# Typos: one edit (a letter wrong, missing, added or two swapped) in names of 5-9
# letters, two in longer ones; the first letter must be right. A looser ratio cut-off
# matched ordinary words in sentences (morgen → Moringen, alten → Altenau, Kassel → Dassel).
FUZZY_MIN_LENGTH = 5
FUZZY_LONG_NAME = 10
# In a sentence, where most words are ordinary words, a typo counts only between a word
# and a name of at least 7 letters, one edit apart. Checked against the Russian,
# Ukrainian, German, English and Arabic spelling dictionaries, shorter words or two edits
# matched ordinary words and other towns (цитату → Циттау, острие → Остриц, Spesen →
# Seesen, Weihwasser → Weißwasser, Altena → Altenau).
FUZZY_MIN_NAME_IN_TEXT = 7
EARTH_RADIUS_KM = 6371.0
# Words after which an ordinary word that is also a town's form counts as the town
# ("в Острице", but not "у ребёнка острица"). Russian, Ukrainian, German, English,
# Turkish, Arabic and Farsi prepositions of place.
_PLACE_PREPOSITIONS = (
    "в во у из із з зі до под під біля возле около рядом к ко "
    "in im aus nach bei near from to at "
    "في من الى إلى ب در از به نزدیک"
)


_SCRIPT_CHANGE = re.compile(
    r"(?<=[\u0600-\u06ff\u0400-\u04ff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u0600-\u06ff\u0400-\u04ff])"
)


def normalize_name(text: str) -> str:
    """Compare names without case, accents, letter variants or punctuation."""
    # Ukrainian writes the German ö as ьо where Russian writes ё: Льобау = Лёбау.
    folded = text.casefold().replace("ьо", "ё").translate(_LETTER_VARIANTS)
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.translate(_LETTER_VARIANTS)).strip()


_PREPOSITIONS = frozenset(normalize_name(_PLACE_PREPOSITIONS).split())


def postcodes_in(text: str) -> list[str]:
    """Five-digit numbers standing on their own in the text, in order (any digit script)."""
    return _POSTCODE_IN_TEXT.findall(text.translate(_DIGITS))


@dataclass(frozen=True)
class DistrictMatch:
    """A district found for some text or location, and how it was found."""

    district: District
    matched: str  # the name, alias or municipality that matched (the town of a postcode)
    how: str  # "name" | "alias" | "municipality" | "postcode" | "fuzzy" | "location"
    score: float = 100.0  # 95 for an inflected form (Хойе, Нинбурге), the ratio for a typo
    distance_km: float | None = None
    postcode: str | None = None


@dataclass(frozen=True)
class _Entry:
    district: District
    matched: str
    how: str
    inflected: bool = False

    def match(self) -> DistrictMatch:
        return DistrictMatch(self.district, self.matched, self.how, 95.0 if self.inflected else 100.0)


# Cyrillic place names as people type them in Latin letters ("v ajnbeke", "v khoje", "u Hoi"): every
# Cyrillic form is also indexed in the usual transliterations (й as j/y/i, х as h/kh, ц as c/ts).
_TRANSLIT = str.maketrans(
    {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "к": "k",
     "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
     "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "ю": "yu", "я": "ya"}
)  # fmt: skip
_TRANSLIT_CHOICES = (("й", ("j", "y", "i")), ("х", ("h", "kh")), ("ц", ("c", "ts", "z")))
MIN_TRANSLIT_LETTERS = 5


def latin_spellings(key: str) -> set[str]:
    """The Latin spellings of a normalised Cyrillic name ("айнбеке" -> {"ajnbeke", "aynbeke", "ainbeke"});
    empty for other scripts."""
    if not re.search(r"[\u0400-\u04ff]", key):
        return set()
    # normalize_name folds й into и; after a vowel it was й ("аинбек" was "айнбек").
    spellings = {re.sub("(?<=[аеиоуыэюя])и", "й", key)}
    for letter, choices in _TRANSLIT_CHOICES:
        spellings = {spelling.replace(letter, choice) for spelling in spellings for choice in choices}
    return {s.translate(_TRANSLIT) for s in spellings}


# The German G in Arabic script: غ (Levant), ج (Egypt: "جوزلار"), ق (Gulf, Iraq), گ (Farsi).
_ARABIC_G = "غجقگ"


def arabic_g_spellings(key: str) -> set[str]:
    """The other spellings of a normalised Arabic-script name with a G ("غوسلار" -> "جوسلار", "قوسلار", …);
    empty for names without one."""
    if not any(letter in key for letter in _ARABIC_G):
        return set()
    spellings = {key}
    for index, letter in enumerate(key):
        if letter in _ARABIC_G:
            spellings = {spelling[:index] + g + spelling[index + 1 :] for spelling in spellings for g in _ARABIC_G}
    return spellings - {key}


def _max_edits(key: str) -> int:
    return 2 if len(key) >= FUZZY_LONG_NAME else 1


class DistrictIndex:
    """Lookup tables over the districts; built once per knowledge snapshot."""

    def __init__(
        self, districts: tuple[District, ...], max_distance_km: float, ordinary_words: tuple[str, ...] = ()
    ) -> None:
        self._max_distance_km = max_distance_km
        self._ordinary = {normalize_name(word) for word in ordinary_words} - {""}
        self._entries: dict[str, _Entry] = {}
        # Ordinary words that are also a town's form: a place only after a preposition.
        self._guarded: dict[str, _Entry] = {}
        self._places: list[tuple[float, float, District, str]] = []
        self._postcodes: dict[str, tuple[District, str]] = {}
        names: list[tuple[str, District, str, str]] = []
        for district in districts:
            names.append((district.id, district, district.id, "name"))
            names.append((district.name, district, district.name, "name"))
            names.append((district.short_name, district, district.short_name, "name"))
            names += [(alias, district, alias, "alias") for alias in district.aliases]
            for town in district.municipalities:
                self._places.append((town.lat, town.lon, district, town.name))
                names += [(name, district, town.name, "municipality") for name in (town.name, *town.aliases)]
                for code in town.postcodes:
                    self._postcodes.setdefault(code, (district, town.name))
        # Names as written first: district names win over municipality names that sound
        # the same, and any name wins over another name's inflected form.
        for name, district, matched, how in names:
            self._add(normalize_name(name), _Entry(district, matched, how))
        base_keys = set(self._entries) | set(self._guarded)
        forms: dict[str, list[_Entry]] = defaultdict(list)
        for name, district, matched, how in names:
            for form in name_forms(name)[1:]:
                key = normalize_name(form)
                if key and key not in base_keys:
                    forms[key].append(_Entry(district, matched, how, inflected=True))
        for key, entries in forms.items():
            # A form two districts share (none today) would be a guess: leave it out.
            if len({entry.district.id for entry in entries}) == 1:
                self._add(key, entries[0])
        latin: dict[str, list[_Entry]] = defaultdict(list)
        for key, entry in list(self._entries.items()):
            for spelling in latin_spellings(key) | arabic_g_spellings(key):
                if len(spelling) >= MIN_TRANSLIT_LETTERS and spelling not in self._entries:
                    latin[spelling].append(_Entry(entry.district, entry.matched, entry.how, inflected=True))
        for key, entries in latin.items():
            if len({entry.district.id for entry in entries}) == 1 and key not in self._ordinary:
                self._entries.setdefault(key, entries[0])
        self._longest_key_words = max((len(k.split()) for k in (*self._entries, *self._guarded)), default=1)
        self._fuzzy_keys: dict[str, list[str]] = defaultdict(list)
        for key, entry in self._entries.items():
            if not entry.inflected and len(key) >= FUZZY_MIN_LENGTH and not key.isdigit():
                self._fuzzy_keys[key[0]].append(key)

    def _add(self, key: str, entry: _Entry) -> None:
        if not key:
            return
        table = self._guarded if key in self._ordinary else self._entries
        table.setdefault(key, entry)

    def forms_of(self, name: str, district_id: str) -> list[str]:
        """The spellings of `name` (as written and inflected) that find exactly this district.

        For lookup tables: leaves out ordinary words and forms that point elsewhere."""
        found = []
        for form in name_forms(name):
            entry = self._entries.get(normalize_name(form))
            if entry is not None and entry.district.id == district_id:
                found.append(form)
        return found

    def find(self, text: str) -> DistrictMatch | None:
        """The district a name (an entity value, a button, a command argument) refers to:
        exact or inflected name, alias, municipality, postcode, then typo-tolerant."""
        key = normalize_name(text)
        if not key:
            return None
        # Given as a name, an ordinary word that is also a town's form is the town.
        entry = self._entries.get(key) or self._guarded.get(key)
        if entry:
            return entry.match()
        if _POSTCODE.match(key.translate(_DIGITS)):
            return self._postcode_match(key.translate(_DIGITS))
        words = key.split()
        if len(words) > 1:
            match = self._phrase_match(words)
            if match:
                return match
        return self._fuzzy_match(key)

    def find_in_text(self, text: str) -> DistrictMatch | None:
        """The first district named anywhere in a sentence ('I live in Einbeck', 'в Хойе', '31608')."""
        # A Latin place name written with an Arabic or Cyrillic prefix glued on ("بSeesen",
        # "вGoslar") is the place: the change of script is a word boundary.
        words = normalize_name(_SCRIPT_CHANGE.sub(" ", text)).split()
        match = self._phrase_match(words)
        if match:
            return match
        # A name typed in two pieces ("nien burg", "bad harz burg", "nin burg").
        for start in range(len(words) - 1):
            joined = [*words[:start], words[start] + words[start + 1], *words[start + 2 :]]
            match = self._phrase_match(joined)
            if match:
                return match
        codes = postcodes_in(text)
        if codes:
            # A known postcode decides; an unknown one is never guessed from its first digits.
            return next(filter(None, map(self._postcode_match, codes)), None)
        for word in words:
            if len(word) >= FUZZY_MIN_NAME_IN_TEXT and word not in self._ordinary:
                match = self._fuzzy_match(word, min_name=FUZZY_MIN_NAME_IN_TEXT, max_edits=1)
                if match:
                    return match
        return None

    def _phrase_match(self, words: list[str]) -> DistrictMatch | None:
        # Longest phrases first, so "bad harzburg" beats "bad".
        for size in range(min(self._longest_key_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                entry = self._entries.get(phrase)
                if entry is None and start > 0 and words[start - 1] in _PREPOSITIONS:
                    entry = self._guarded.get(phrase)
                if entry:
                    return entry.match()
        return None

    def _postcode_match(self, code: str) -> DistrictMatch | None:
        found = self._postcodes.get(code)
        if found is None:
            return None
        district, town = found
        return DistrictMatch(district, town, "postcode", postcode=code)

    def _fuzzy_match(self, key: str, min_name: int = FUZZY_MIN_LENGTH, max_edits: int = 2) -> DistrictMatch | None:
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        best: tuple[int, float, str] | None = None
        for candidate in self._fuzzy_keys.get(key[0], ()):
            if len(candidate) < min_name:
                continue
            allowed = min(max_edits, _max_edits(candidate))
            edits = OSA.distance(key, candidate, score_cutoff=allowed)
            if edits > allowed:
                continue
            ranked = (edits, -fuzz.ratio(key, candidate), candidate)
            if best is None or ranked < best:
                best = ranked
        if best is None:
            return None
        entry = self._entries[best[2]]
        return DistrictMatch(entry.district, entry.matched, "fuzzy", score=-best[1])

    def at(self, lat: float, lon: float) -> DistrictMatch | None:
        """The district of the nearest known town, if it is close enough to count."""
        best: tuple[float, District, str] | None = None
        for town_lat, town_lon, district, town in self._places:
            distance = haversine_km(lat, lon, town_lat, town_lon)
            if best is None or distance < best[0]:
                best = (distance, district, town)
        if best is None or best[0] > self._max_distance_km:
            return None
        distance, district, town = best
        return DistrictMatch(district, town, "location", distance_km=round(distance, 1))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
