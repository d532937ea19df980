"""The knowledge snapshot: immutable facts plus the lookups the actions need."""

from __future__ import annotations

from dataclasses import dataclass, field

from actions.content.knowledge.lookup import DistrictIndex, DistrictMatch
from actions.content.knowledge.models import Concept, Contact, District, Event, Hotline, InfoLink, Survey


@dataclass(frozen=True)
class Knowledge:
    """One consistent version of knowledge/; replaced as a whole when staff edit it."""

    districts: tuple[District, ...]
    contacts: tuple[Contact, ...]
    hotlines: tuple[Hotline, ...]
    links: tuple[InfoLink, ...]
    surveys: tuple[Survey, ...]
    events: tuple[Event, ...]
    concepts: tuple[Concept, ...]
    max_distance_km: float = 25.0
    ordinary_words: tuple[str, ...] = ()  # never a place on their own (districts.yml)
    _index: DistrictIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", DistrictIndex(self.districts, self.max_distance_km, self.ordinary_words))

    # Districts -----------------------------------------------------------
    def district(self, district_id: str) -> District | None:
        return next((d for d in self.districts if d.id == district_id), None)

    def find_district(self, name: str) -> DistrictMatch | None:
        """By id, name, alias (any script, in its case forms), municipality, postcode or a close misspelling."""
        return self._index.find(name)

    def find_district_in_text(self, text: str) -> DistrictMatch | None:
        """A district or town named somewhere in a free-text message ("в Хойе", "بهويا"), or
        its postcode; None for an unknown postcode (the caller asks for the district)."""
        return self._index.find_in_text(text)

    def district_at(self, lat: float, lon: float) -> DistrictMatch | None:
        """The covered district around a shared location, or None when none is near."""
        return self._index.at(lat, lon)

    # Facts ---------------------------------------------------------------
    def contact(self, contact_id: str) -> Contact | None:
        return next((c for c in self.contacts if c.id == contact_id), None)

    def contacts_for(self, district_id: str, topic: str | None = None) -> tuple[Contact, ...]:
        """Offices first, then people, as staff listed them."""
        found = [c for c in self.contacts if c.district == district_id and (topic is None or topic in c.topics)]
        return tuple(sorted(found, key=lambda c: c.kind != "office"))

    def hotlines_for(
        self, topic: str | None = None, language: str | None = None, district_id: str | None = None
    ) -> tuple[Hotline, ...]:
        """Nationwide hotlines plus those of the district, filtered by topic and language."""
        return tuple(
            h
            for h in self.hotlines
            if (topic is None or topic in h.topics)
            and (language is None or language in h.languages)
            and (h.district is None or h.district == district_id)
        )

    def emergency_numbers(self) -> tuple[Hotline, ...]:
        return tuple(h for h in self.hotlines if h.emergency)

    def links_for(
        self, topic: str | None = None, fmt: str | None = None, district_id: str | None = None
    ) -> tuple[InfoLink, ...]:
        return tuple(
            link
            for link in self.links
            if (topic is None or topic in link.topics)
            and (fmt is None or fmt in link.formats)
            and (link.district is None or district_id is None or link.district == district_id)
        )

    def surveys_for(self, district_id: str | None = None) -> tuple[Survey, ...]:
        return tuple(s for s in self.surveys if district_id is None or s.district == district_id)

    def events_for(self, district_id: str | None = None) -> tuple[Event, ...]:
        return tuple(e for e in self.events if district_id is None or e.district == district_id)

    def concepts_for(self, district_id: str) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts if c.district == district_id)
