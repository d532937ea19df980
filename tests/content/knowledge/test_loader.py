"""The snapshot: typed, immutable, complete, and traceable to the sources."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from actions.content.knowledge import Knowledge

from ...conftest import ROOT

SOURCES = ROOT.parent / "shared" / "sources"
PUBLIC_NUMBERS = {"112", "110", "116117", "116 016", "0800 111 0 111", "0800 111 0 222"}


def test_snapshot_is_immutable(knowledge: Knowledge) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        knowledge.contacts[0].name = "someone else"  # type: ignore[misc]
    assert isinstance(knowledge.contacts, tuple)


def test_covers_the_four_districts(knowledge: Knowledge) -> None:
    assert {d.id: d.federal_state for d in knowledge.districts} == {
        "northeim": "DE-NI",
        "nienburg": "DE-NI",
        "goslar": "DE-NI",
        "goerlitz": "DE-SN",
    }


def test_nienburg_office(knowledge: Knowledge) -> None:
    (office,) = [c for c in knowledge.contacts_for("nienburg") if c.kind == "office"]
    assert office.name == "Koordinierungsstelle Migration und Teilhabe"
    assert office.address is not None
    assert office.address.one_line() == "Rühmkorffstraße 12, 31582 Nienburg"
    assert [(p.number, p.international) for p in office.phones] == [("05021 967-686", "+49 5021 967686")]
    assert office.email == "migration@kreis-ni.de"
    assert office.opening_hours is not None
    assert office.opening_hours.is_open(dt.datetime(2026, 11, 27, 11, 0), is_public_holiday=False)
    assert office.checked == dt.date(2026, 11, 23)


def test_contacts_by_topic(knowledge: Knowledge) -> None:
    assert [c.name for c in knowledge.contacts_for("northeim", topic="survey")] == ["Simone Förster", "Hanna Bludau"]
    assert knowledge.contacts_for("goerlitz") == ()


def test_hotlines_by_topic_and_language(knowledge: Knowledge) -> None:
    arabic = knowledge.hotlines_for(topic="vaccination", language="ar")
    assert [h.phone.number for h in arabic] == ["08000 000837"]
    assert knowledge.hotlines_for(topic="vaccination", language="fa") == ()
    assert {h.phone.number for h in knowledge.emergency_numbers()} == PUBLIC_NUMBERS - {"116117"}


def test_links_by_topic_and_format(knowledge: Knowledge) -> None:
    (sign,) = knowledge.links_for(fmt="sign_language")
    assert sign.url == "https://www.zusammengegencorona.de"
    (multilingual,) = knowledge.links_for(topic="violence_against_women")
    assert multilingual.language_count == 23


def test_survey_and_event_dates(knowledge: Knowledge) -> None:
    (survey,) = knowledge.surveys_for("northeim")
    assert (survey.opens, survey.closes, survey.duration_minutes) == (dt.date(2021, 1, 11), dt.date(2021, 1, 31), 30)
    assert survey.languages == ("de", "de-simple", "en")
    assert [survey.status(dt.date(2021, 1, d)) for d in (10, 11, 31)] == ["upcoming", "open", "open"]
    assert survey.status(dt.date(2021, 2, 1)) == "closed"
    (event,) = knowledge.events_for("goslar")
    assert (event.date, event.start_time) == (dt.date(2019, 11, 8), dt.time(14, 0))
    assert event.is_past(dt.date(2026, 11, 23))
    assert knowledge.contact(event.registration_contact or "") is not None


def test_concepts(knowledge: Knowledge) -> None:
    (northeim,) = knowledge.concepts_for("northeim")
    assert [v.name for v in northeim.values] == ["Teilhabe", "Wertschätzung", "Identität", "Beteiligung"]
    (goerlitz,) = knowledge.concepts_for("goerlitz")
    assert len(goerlitz.measures) == 9
    assert all(m.responsible and m.financing for m in goerlitz.measures)


def _source_text() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")}


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared/sources is not next to this checkout")
def test_every_fact_is_traceable_to_its_source(knowledge: Knowledge) -> None:
    """Phones, e-mails and web addresses appear verbatim in the source file named for them."""
    sources = _source_text()
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 - source PDFs break lines anywhere
    for contact in knowledge.contacts:
        text = squash(sources[contact.source])
        for phone in contact.phones:
            assert squash(phone.number) in text, (contact.id, phone.number)
        if contact.email:
            assert contact.email in text
        assert squash(contact.name) in text
    for hotline in knowledge.hotlines:
        if hotline.source == "public":
            assert hotline.phone.number in PUBLIC_NUMBERS
        else:
            assert squash(hotline.phone.number) in squash(sources[hotline.source])
    for link in knowledge.links:
        assert link.url.split("://", 1)[1] in sources[link.source]
    for item in (*knowledge.surveys, *knowledge.concepts, *knowledge.districts):
        for name in item.sources:
            assert name in sources, (item.id, name)
