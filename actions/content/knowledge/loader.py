"""knowledge/*.yml -> validated, immutable Knowledge snapshot.

Validation and loading are one path: what `make validate` accepts is exactly
what the bot can load, and a file the bot refuses names every problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from actions.content.knowledge.lookup import normalize_name
from actions.content.knowledge.models import (
    Address,
    Concept,
    Contact,
    District,
    Event,
    GuidingValue,
    Hotline,
    InfoLink,
    Measure,
    Municipality,
    Phone,
    Survey,
)
from actions.content.knowledge.osm_opening_hours import OpeningHoursError, parse_opening_hours
from actions.content.knowledge.phones import PhoneNumberError, international_form
from actions.content.knowledge.schema import check_schema
from actions.content.knowledge.store import Knowledge
from actions.content.yamlsource import JsonPath, Problem, ProblemsError, YamlDocument, load_yaml

KINDS = ("districts", "contacts", "hotlines", "links", "surveys", "events", "concepts")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def validate_knowledge(root: Path) -> list[Problem]:
    """Every problem in every knowledge file under root (empty list: all good)."""
    _docs, problems = _read_and_check(root)
    return problems


def load_knowledge(root: Path) -> Knowledge:
    """Load the snapshot; raise ProblemsError listing every problem if any file is wrong."""
    docs, problems = _read_and_check(root)
    if problems:
        raise ProblemsError(problems)
    return _build(docs)


def _read_and_check(root: Path) -> tuple[dict[str, YamlDocument], list[Problem]]:
    docs: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for kind in KINDS:
        doc = load_yaml(root / f"{kind}.yml")
        docs[kind] = doc
        problems.extend(doc.problems)
        if doc.data is not None:
            problems.extend(check_schema(kind, doc))
    # Content checks run on files whose structure is right, so one broken
    # file does not hide the problems of the others.
    broken = {p.path for p in problems}
    well_formed = {kind: doc for kind, doc in docs.items() if doc.path not in broken}
    problems.extend(_semantic_checks(well_formed))
    return docs, sorted(set(problems))


def _items(doc: YamlDocument, key: str) -> Iterable[tuple[int, dict[str, Any]]]:
    return enumerate((doc.data or {}).get(key, []))


def _semantic_checks(docs: dict[str, YamlDocument]) -> list[Problem]:
    """Checks on files that passed their schema; references only against such files."""
    problems: list[Problem] = []
    for kind, doc in docs.items():
        problems.extend(_duplicate_ids(doc, kind))

    district_ids: set[str] | None = None
    if "districts" in docs:
        district_ids = {d["id"] for _, d in _items(docs["districts"], "districts")}
        problems.extend(_ambiguous_names(docs["districts"]))
        problems.extend(_ambiguous_postcodes(docs["districts"]))
    contact_ids: set[str] | None = None
    if "contacts" in docs:
        contact_ids = {c["id"] for _, c in _items(docs["contacts"], "contacts")}

    for kind in KINDS[1:]:
        if kind not in docs:
            continue
        doc = docs[kind]
        for i, item in _items(doc, kind):
            ref = item.get("district")
            if ref is not None and district_ids is not None and ref not in district_ids:
                problems.append(
                    doc.problem(
                        (kind, i, "district"), f"unknown district '{ref}' (known: {', '.join(sorted(district_ids))})"
                    )
                )
            for field in ("url", "website"):
                if field in item:
                    problems.extend(_check_url(doc, (kind, i, field), item[field]))

    contacts = docs.get("contacts", YamlDocument(path=""))
    for i, contact in _items(contacts, "contacts"):
        for j, phone in enumerate(contact.get("phones", [])):
            problems.extend(_check_phone(contacts, ("contacts", i, "phones", j, "number"), phone["number"]))
        if "email" in contact and not _EMAIL.match(contact["email"]):
            problems.append(
                contacts.problem(("contacts", i, "email"), f"'{contact['email']}' is not an e-mail address")
            )
        if "opening_hours" in contact:
            try:
                parse_opening_hours(contact["opening_hours"])
            except OpeningHoursError as exc:
                problems.append(contacts.problem(("contacts", i, "opening_hours"), f"opening hours: {exc}"))

    hotlines = docs.get("hotlines", YamlDocument(path=""))
    for i, hotline in _items(hotlines, "hotlines"):
        problems.extend(_check_phone(hotlines, ("hotlines", i, "number"), hotline["number"]))

    surveys = docs.get("surveys", YamlDocument(path=""))
    for i, survey in _items(surveys, "surveys"):
        if survey["closes"] < survey["opens"]:
            problems.append(
                surveys.problem(
                    ("surveys", i, "closes"), f"survey closes ({survey['closes']}) before it opens ({survey['opens']})"
                )
            )
        for j, ref in enumerate(survey.get("paper_copy_from", [])):
            if contact_ids is not None and ref not in contact_ids:
                problems.append(
                    surveys.problem(
                        ("surveys", i, "paper_copy_from", j), f"unknown contact '{ref}' (ids are in contacts.yml)"
                    )
                )

    events = docs.get("events", YamlDocument(path=""))
    for i, event in _items(events, "events"):
        ref = event.get("registration_contact")
        if ref is not None and contact_ids is not None and ref not in contact_ids:
            problems.append(
                events.problem(
                    ("events", i, "registration_contact"), f"unknown contact '{ref}' (ids are in contacts.yml)"
                )
            )
    return problems


def _duplicate_ids(doc: YamlDocument, kind: str) -> list[Problem]:
    counts = Counter(item["id"] for _, item in _items(doc, kind))
    seen: set[str] = set()
    problems = []
    for i, item in _items(doc, kind):
        if counts[item["id"]] > 1 and item["id"] in seen:
            problems.append(doc.problem((kind, i, "id"), f"duplicate id '{item['id']}'"))
        seen.add(item["id"])
    return problems


def _ambiguous_names(doc: YamlDocument) -> list[Problem]:
    """A name may point to one district only, or lookups would guess."""
    owner: dict[str, str] = {}
    problems = []
    for i, district in _items(doc, "districts"):
        names: list[tuple[JsonPath, str]] = [
            (("districts", i, "name"), district["name"]),
            (("districts", i, "short_name"), district["short_name"]),
        ]
        names += [(("districts", i, "aliases", j), a) for j, a in enumerate(district.get("aliases", []))]
        for j, town in enumerate(district["municipalities"]):
            names.append((("districts", i, "municipalities", j), town["name"]))
            names += [
                (("districts", i, "municipalities", j, "aliases", k), a) for k, a in enumerate(town.get("aliases", []))
            ]
        for path, name in names:
            key = normalize_name(name)
            other = owner.setdefault(key, district["id"])
            if other != district["id"]:
                problems.append(doc.problem(path, f"name '{name}' is already used by district '{other}'"))
    return problems


def _ambiguous_postcodes(doc: YamlDocument) -> list[Problem]:
    """A postcode may belong to one district only (two towns of one district may share one)."""
    owner: dict[str, str] = {}
    problems = []
    for i, district in _items(doc, "districts"):
        for j, town in enumerate(district["municipalities"]):
            for k, code in enumerate(town.get("postcodes", [])):
                other = owner.setdefault(code, district["id"])
                if other != district["id"]:
                    problems.append(
                        doc.problem(
                            ("districts", i, "municipalities", j, "postcodes", k),
                            f"postcode '{code}' is already used by district '{other}'",
                        )
                    )
    return problems


def _check_url(doc: YamlDocument, path: JsonPath, url: str) -> list[Problem]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in url:
        return [doc.problem(path, f"'{url}' is not a web address (it must start with https:// or http://)")]
    return []


def _check_phone(doc: YamlDocument, path: JsonPath, number: str) -> list[Problem]:
    try:
        international_form(number)
    except PhoneNumberError as exc:
        return [doc.problem(path, str(exc))]
    return []


def _phone(raw: str, label: str | None = None) -> Phone:
    return Phone(number=raw, international=international_form(raw), label=label)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _build(docs: dict[str, YamlDocument]) -> Knowledge:
    data = {kind: doc.data for kind, doc in docs.items()}
    districts = tuple(
        District(
            id=d["id"],
            name=d["name"],
            short_name=d["short_name"],
            federal_state=d["federal_state"],
            aliases=tuple(d.get("aliases", [])),
            sources=tuple(d["sources"]),
            municipalities=tuple(
                Municipality(
                    name=m["name"],
                    lat=float(m["lat"]),
                    lon=float(m["lon"]),
                    aliases=tuple(m.get("aliases", [])),
                    postcodes=tuple(m.get("postcodes", [])),
                )
                for m in d["municipalities"]
            ),
        )
        for d in data["districts"]["districts"]
    )
    contacts = tuple(
        Contact(
            id=c["id"],
            district=c["district"],
            kind=c["kind"],
            name=c["name"],
            topics=tuple(c["topics"]),
            source=c["source"],
            checked=_date(c["checked"]),
            org_unit=c.get("org_unit"),
            location=c.get("location"),
            address=Address(**c["address"]) if "address" in c else None,
            phones=tuple(_phone(p["number"], p.get("label")) for p in c.get("phones", [])),
            email=c.get("email"),
            website=c.get("website"),
            contact_form=c.get("contact_form", False),
            opening_hours=parse_opening_hours(c["opening_hours"]) if "opening_hours" in c else None,
            languages=tuple(c.get("languages", [])),
            coordinates=(float(c["coordinates"]["lat"]), float(c["coordinates"]["lon"]))
            if "coordinates" in c
            else None,
        )
        for c in data["contacts"]["contacts"]
    )
    hotlines = tuple(
        Hotline(
            id=h["id"],
            name=h["name"],
            phone=_phone(h["number"]),
            topics=tuple(h["topics"]),
            free_of_charge=h["free_of_charge"],
            source=h["source"],
            languages=tuple(h.get("languages", [])),
            always_available=h.get("always_available", False),
            emergency=h.get("emergency", False),
            district=h.get("district"),
        )
        for h in data["hotlines"]["hotlines"]
    )
    links = tuple(
        InfoLink(
            id=link["id"],
            title=link["title"],
            url=link["url"],
            topics=tuple(link["topics"]),
            source=link["source"],
            publisher=link.get("publisher"),
            district=link.get("district"),
            language_count=link.get("language_count"),
            formats=tuple(link.get("formats", [])),
        )
        for link in data["links"]["links"]
    )
    surveys = tuple(
        Survey(
            id=s["id"],
            district=s["district"],
            title=s["title"],
            opens=_date(s["opens"]),
            closes=_date(s["closes"]),
            languages=tuple(s["languages"]),
            url=s["url"],
            sources=tuple(s["sources"]),
            purpose=s.get("purpose"),
            audience=s.get("audience"),
            duration_minutes=s.get("duration_minutes"),
            paper_copy_from=tuple(s.get("paper_copy_from", [])),
            results=s.get("results"),
        )
        for s in data["surveys"]["surveys"]
    )
    events = tuple(
        Event(
            id=e["id"],
            district=e["district"],
            title=e["title"],
            date=_date(e["date"]),
            place=e["place"],
            source=e["source"],
            start_time=dt.time.fromisoformat(e["start_time"]) if "start_time" in e else None,
            topic=e.get("topic"),
            open_to=e.get("open_to"),
            registration_required=e.get("registration_required", False),
            registration_contact=e.get("registration_contact"),
            announced=_date(e["announced"]) if "announced" in e else None,
        )
        for e in data["events"]["events"]
    )
    concepts = tuple(
        Concept(
            id=c["id"],
            district=c["district"],
            title=c["title"],
            sources=tuple(c["sources"]),
            responsible=c.get("responsible"),
            status=c.get("status"),
            values=tuple(GuidingValue(v["name"], v.get("description")) for v in c.get("values", [])),
            measures=tuple(
                Measure(m["measure"], m["responsible"], m["financing"], m.get("field")) for m in c.get("measures", [])
            ),
            notes=tuple(c.get("notes", [])),
            url=c.get("url"),
            language_course_providers=tuple(c.get("language_course_providers", [])),
        )
        for c in data["concepts"]["concepts"]
    )
    return Knowledge(
        districts=districts,
        contacts=contacts,
        hotlines=hotlines,
        links=links,
        surveys=surveys,
        events=events,
        concepts=concepts,
        max_distance_km=float(data["districts"].get("max_distance_km", 25)),
        ordinary_words=tuple(data["districts"].get("ordinary_words", [])),
    )
