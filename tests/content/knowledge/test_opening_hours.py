"""The opening_hours subset: parsing, refusing nonsense, open-at-a-moment."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.content.knowledge.osm_opening_hours import OpeningHoursError, parse_opening_hours

NIENBURG = "Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off"


def at(day: str, time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}")


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at("2026-11-23", "07:59"), False),  # Monday before opening
        (at("2026-11-23", "08:00"), True),
        (at("2026-11-26", "15:59"), True),  # Thursday
        (at("2026-11-26", "16:00"), False),
        (at("2026-11-27", "11:30"), True),  # Friday morning
        (at("2026-11-27", "12:30"), False),  # Friday afternoon
        (at("2026-11-28", "10:00"), False),  # Saturday
        (at("2026-11-29", "10:00"), False),  # Sunday
    ],
)
def test_nienburg_hours(moment: dt.datetime, is_open: bool) -> None:
    assert parse_opening_hours(NIENBURG).is_open(moment, is_public_holiday=False) is is_open


def test_public_holiday_closes_a_weekday() -> None:
    hours = parse_opening_hours(NIENBURG)
    assert hours.closed_on_public_holidays
    assert not hours.is_open(at("2026-12-25", "10:00"), is_public_holiday=True)


def test_without_ph_rule_holidays_follow_the_weekday() -> None:
    hours = parse_opening_hours("Mo-Fr 09:00-12:00")
    assert hours.is_open(at("2026-12-25", "10:00"), is_public_holiday=True)


def test_lists_ranges_split_days_and_overrides() -> None:
    hours = parse_opening_hours("Mo-Fr 08:00-12:00,13:00-16:00; We off; Sa 09:00-24:00")
    assert hours.is_open(at("2026-11-23", "13:30"), False)
    assert not hours.is_open(at("2026-11-23", "12:30"), False)  # lunch break
    assert not hours.is_open(at("2026-11-25", "09:00"), False)  # Wednesday overridden
    assert hours.is_open(at("2026-11-28", "23:30"), False)


def test_always_open() -> None:
    assert parse_opening_hours("24/7").is_open(at("2026-11-29", "03:00"), True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mo-Do 08:00-16:00", "unknown day 'Mo-Do'"),
        ("Mo-Fr 8-16", "'8' in 'Mo-Fr 8-16' is not a time"),
        ("Mo-Fr 16:00-08:00", "ends before it starts"),
        ("Fr-Mo 08:00-12:00", "runs backwards"),
        ("Mo-Fr", "has no times"),
        ("Mo-Fr 08:00", "needs a start and an end"),
        ("Mo 25:00-26:00", "is not a time"),
        ("", "empty"),
    ],
)
def test_refuses_what_it_cannot_read(text: str, message: str) -> None:
    with pytest.raises(OpeningHoursError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_opening_hours(text)


@pytest.mark.parametrize(
    "text",
    [
        '"by appointment"',
        '"nach Vereinbarung"',
        "nach Vereinbarung",
        '"Nach telefonischer Vereinbarung."',
        "PH off; nach Vereinbarung",
    ],
)
def test_only_by_appointment(text: str) -> None:
    # YAML often eats the OSM comment's quotes ("nach Vereinbarung" in a YAML string), so both forms count.
    hours = parse_opening_hours(text)
    assert hours.by_appointment
    assert not hours.has_fixed_hours
    assert not hours.is_open(at("2026-11-23", "10:00"), is_public_holiday=False)


def test_hours_plus_appointments() -> None:
    hours = parse_opening_hours('Mo-Fr 09:00-12:00; PH off; "nach Vereinbarung"')
    assert hours.by_appointment
    assert hours.has_fixed_hours
    assert hours.closed_on_public_holidays
    assert hours.is_open(at("2026-11-23", "10:00"), is_public_holiday=False)
    assert not hours.is_open(at("2026-11-23", "13:00"), is_public_holiday=False)


def test_a_semicolon_inside_a_comment_does_not_split_it() -> None:
    with pytest.raises(OpeningHoursError, match=r'the note "Mo; Di" is not understood'):
        parse_opening_hours('Mo-Fr 09:00-12:00; "Mo; Di"')


def test_plain_hours_are_not_by_appointment() -> None:
    hours = parse_opening_hours(NIENBURG)
    assert not hours.by_appointment
    assert hours.has_fixed_hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('Mo-Fr 09:00-12:00; "nur dienstags"', r'the note "nur dienstags" is not understood: .*nach Vereinbarung'),
        ('"bitte klingeln"', r'the note "bitte klingeln" is not understood'),
        ('Mo-Fr 09:00-12:00 "nach Vereinbarung"', r"a note inside .* write it as its own part after ';'"),
        ('Mo-Fr 09:00-12:00; "nach Vereinbarung', r"is not closed"),
        ("telefonisch erreichbar", r"'telefonisch erreichbar' is not understood: write days and times like"),
    ],
)
def test_refuses_comments_it_cannot_answer_on(text: str, message: str) -> None:
    with pytest.raises(OpeningHoursError, match=message) as excinfo:
        parse_opening_hours(text)
    # Every refusal shows the form that works, copyable into YAML as is.
    assert '"Mo-Fr 09:00-12:00; nach Vereinbarung"' in str(excinfo.value)
