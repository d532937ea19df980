"""action_show_opening_hours: open now, closed now, closed for a public holiday."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.opening_hours import ActionShowOpeningHours, public_holiday
from actions.runtime import BERLIN

from .conftest import keys, make_tracker


def nienburg_hours(text: str = "when is the office open?"):
    return make_tracker(text, "ask_opening_hours", slots={"district": "nienburg"})


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (dt.datetime(2026, 11, 23, 10, 0), "Open now, until 16:00"),  # Monday
        (dt.datetime(2026, 11, 27, 11, 0), "Open now, until 12:00"),  # Friday
        (dt.datetime(2026, 11, 27, 13, 0), "Mon, Nov 30, 08:00"),  # Friday afternoon
        (dt.datetime(2026, 11, 28, 10, 0), "Mon, Nov 30, 08:00"),  # Saturday
    ],
)
async def test_open_or_closed_now(run_action, render, clock, now: dt.datetime, expected: str) -> None:
    clock["now"] = now.replace(tzinfo=BERLIN)
    events, messages = await run_action(ActionShowOpeningHours, nienburg_hours())
    assert events == []
    assert keys(messages) == ["utter_opening_hours"]
    assert messages[0]["opening_hours"] == "Mon–Thu 08:00–16:00; Fri 08:00–12:00"
    assert expected in render(messages)[0]


async def test_closed_on_a_public_holiday_of_the_state(run_action, render, clock) -> None:
    # Reformation Day (31 Oct) is a holiday in Lower Saxony; 2029-10-31 is a Wednesday.
    clock["now"] = dt.datetime(2029, 10, 31, 10, 0, tzinfo=BERLIN)
    _events, messages = await run_action(ActionShowOpeningHours, nienburg_hours())
    text = render(messages)[0]
    assert "Reformation Day" in text
    assert "Thu, Nov 1, 08:00" in text


async def test_christmas_in_german(run_action, render, clock) -> None:
    clock["now"] = dt.datetime(2030, 12, 25, 9, 0, tzinfo=BERLIN)  # a Wednesday
    _events, messages = await run_action(ActionShowOpeningHours, nienburg_hours("Wann hat das Büro geöffnet?"))
    assert messages[0]["locale"] == "de"
    text = render(messages)[0]
    assert "Weihnachtstag" in text
    assert "Fr., 27. Dezember, 08:00" in text  # 26 Dec is a holiday too


def test_holidays_follow_the_federal_state(knowledge) -> None:
    # Buß- und Bettag is a public holiday in Saxony (Görlitz) only.
    day = dt.date(2026, 11, 18)
    assert public_holiday(day, knowledge.district("goerlitz")) is not None
    assert public_holiday(day, knowledge.district("nienburg")) is None


async def test_contact_without_hours_points_to_the_phone(run_action, render) -> None:
    tracker = make_tracker("wann kann ich anrufen", "ask_opening_hours", slots={"district": "goslar"})
    _events, messages = await run_action(ActionShowOpeningHours, tracker)
    assert keys(messages) == ["utter_opening_hours_unknown"]
    assert messages[0]["phone"] == "+49 5321 76276"
