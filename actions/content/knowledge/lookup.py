"""Finding a district from what people type or share: names, aliases, towns, typos, GPS."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from actions.content.knowledge.models import District

# Arabic and Farsi keyboards produce different code points for the same letter.
_LETTER_VARIANTS = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ـ": None})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Below this score a fuzzy match is more often another word than a typo (measured on the tests' typo list).
FUZZY_CUTOFF = 82.0
FUZZY_MIN_LENGTH = 4
# Russian, Ukrainian and Turkish add up to three letters to a place name.
MAX_ENDING = 3
STEM_MIN_LENGTH = 5
EARTH_RADIUS_KM = 6371.0


def normalize_name(text: str) -> str:
    """Compare names without case, accents, Arabic letter variants or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTER_VARIANTS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped).strip()


@dataclass(frozen=True)
class DistrictMatch:
    """A district found for some text or location, and how it was found."""

    district: District
    matched: str  # the name, alias or municipality that matched
    how: str  # "name" | "alias" | "municipality" | "fuzzy" | "location"
    score: float = 100.0
    distance_km: float | None = None


@dataclass(frozen=True)
class _Entry:
    district: District
    matched: str
    how: str


class DistrictIndex:
    """Lookup tables over the districts; built once per knowledge snapshot."""

    def __init__(self, districts: tuple[District, ...], max_distance_km: float) -> None:
        self._max_distance_km = max_distance_km
        self._entries: dict[str, _Entry] = {}
        self._places: list[tuple[float, float, District, str]] = []
        for district in districts:
            self._add(district.id, district, district.id, "name")
            self._add(district.name, district, district.name, "name")
            self._add(district.short_name, district, district.short_name, "name")
            for alias in district.aliases:
                self._add(alias, district, alias, "alias")
            for town in district.municipalities:
                self._places.append((town.lat, town.lon, district, town.name))
                for name in (town.name, *town.aliases):
                    self._add(name, district, town.name, "municipality")
        self._longest_key_words = max((len(k.split()) for k in self._entries), default=1)
        self._fuzzy_keys = [k for k in self._entries if len(k) >= FUZZY_MIN_LENGTH]

    def _add(self, name: str, district: District, matched: str, how: str) -> None:
        key = normalize_name(name)
        # District names win over municipality names that sound the same.
        if key and key not in self._entries:
            self._entries[key] = _Entry(district, matched, how)

    def find(self, text: str) -> DistrictMatch | None:
        """The district a name refers to: exact name, alias, municipality, then typo-tolerant."""
        key = normalize_name(text)
        if not key:
            return None
        entry = self._entries.get(key)
        if entry:
            return DistrictMatch(entry.district, entry.matched, entry.how)
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        stem = self._stem_match(key)
        if stem:
            return stem
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        entry = self._entries[best[0]]
        return DistrictMatch(entry.district, entry.matched, "fuzzy", score=float(best[1]))

    def _stem_match(self, key: str) -> DistrictMatch | None:
        """Case endings on a known name: Нинбурге, Гослара, Görlitzer, Нортхаймі."""
        for cut in range(1, MAX_ENDING + 1):
            stem = key[:-cut]
            if len(stem) < STEM_MIN_LENGTH:
                break
            entry = self._entries.get(stem)
            if entry:
                return DistrictMatch(entry.district, entry.matched, "alias" if entry.how == "name" else entry.how, 95.0)
        return None

    def find_in_text(self, text: str) -> DistrictMatch | None:
        """The first district named anywhere in a sentence ('I live in Einbeck')."""
        words = normalize_name(text).split()
        # Longest phrases first, so "bad harzburg" beats "bad".
        for size in range(min(self._longest_key_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                entry = self._entries.get(" ".join(words[start : start + size]))
                if entry:
                    return DistrictMatch(entry.district, entry.matched, entry.how)
        for word in words:
            if len(word) >= 5:
                match = self.find(word)
                if match:
                    return match
        return None

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
