"""The facts as immutable, typed records (built by the loader, never by hand)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actions.content.knowledge.osm_opening_hours import OpeningHours


@dataclass(frozen=True)
class Municipality:
    name: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()  # five digits as text: "02826" keeps its leading zero


@dataclass(frozen=True)
class District:
    id: str
    name: str
    short_name: str
    federal_state: str  # ISO 3166-2, e.g. DE-NI
    aliases: tuple[str, ...]
    municipalities: tuple[Municipality, ...]
    sources: tuple[str, ...]

    @property
    def state_code(self) -> str:
        """Subdivision code for the holidays package ('NI' for DE-NI)."""
        return self.federal_state.split("-", 1)[1]


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    city: str

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


@dataclass(frozen=True)
class Phone:
    number: str  # as written in the source
    international: str  # +49 … (or the short number itself)
    label: str | None = None


@dataclass(frozen=True)
class Contact:
    id: str
    district: str
    kind: str  # office | person
    name: str
    topics: tuple[str, ...]
    source: str
    checked: dt.date
    org_unit: str | None = None
    location: str | None = None
    address: Address | None = None
    phones: tuple[Phone, ...] = ()
    email: str | None = None
    website: str | None = None
    contact_form: bool = False
    opening_hours: OpeningHours | None = None
    languages: tuple[str, ...] = ()
    coordinates: tuple[float, float] | None = None  # map pin (lat, lon) for the venue card


@dataclass(frozen=True)
class Hotline:
    id: str
    name: str
    phone: Phone
    topics: tuple[str, ...]
    free_of_charge: bool
    source: str
    languages: tuple[str, ...] = ()
    always_available: bool = False
    emergency: bool = False
    district: str | None = None  # None: nationwide


@dataclass(frozen=True)
class InfoLink:
    id: str
    title: str
    url: str
    topics: tuple[str, ...]
    source: str
    publisher: str | None = None
    district: str | None = None  # None: nationwide
    language_count: int | None = None
    formats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Survey:
    id: str
    district: str
    title: str
    opens: dt.date
    closes: dt.date  # inclusive
    languages: tuple[str, ...]
    url: str
    sources: tuple[str, ...]
    purpose: str | None = None
    audience: str | None = None
    duration_minutes: int | None = None
    paper_copy_from: tuple[str, ...] = ()
    results: str | None = None

    def status(self, today: dt.date) -> str:
        """'upcoming', 'open' or 'closed' on the given (Europe/Berlin) date."""
        if today < self.opens:
            return "upcoming"
        return "open" if today <= self.closes else "closed"


@dataclass(frozen=True)
class Event:
    id: str
    district: str
    title: str
    date: dt.date
    place: str
    source: str
    start_time: dt.time | None = None
    topic: str | None = None
    open_to: str | None = None
    registration_required: bool = False
    registration_contact: str | None = None
    announced: dt.date | None = None

    def is_past(self, today: dt.date) -> bool:
        return self.date < today


@dataclass(frozen=True)
class GuidingValue:
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Measure:
    measure: str
    responsible: str
    financing: str
    field: str | None = None


@dataclass(frozen=True)
class Concept:
    id: str
    district: str
    title: str
    sources: tuple[str, ...]
    responsible: str | None = None
    status: str | None = None
    values: tuple[GuidingValue, ...] = ()
    measures: tuple[Measure, ...] = ()
    notes: tuple[str, ...] = ()
    url: str | None = None
    language_course_providers: tuple[str, ...] = ()
