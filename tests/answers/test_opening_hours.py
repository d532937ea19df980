"""action_show_opening_hours: open now, closed now, closed for a public holiday."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.base import BaseAction
from actions.answers.contacts import ActionShowContact
from actions.answers.opening_hours import ActionShowOpeningHours, public_holiday
from actions.answers.runtime import BERLIN, Runtime
from actions.content.store import ContentStore

from ..conftest import ROOT
from ..support.trackers import keys, make_tracker


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
    assert events == [SlotSet("last_topic", "ask_opening_hours")]
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


# --- "nach Vereinbarung": hours by appointment -------------------------------------------

NIENBURG_HOURS = 'opening_hours: "Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off"'
SATURDAY_10AM = dt.datetime(2026, 11, 28, 10, 0, tzinfo=BERLIN)
Messages = list[dict[str, Any]]


@pytest.fixture
def with_hours(knowledge_copy: Path, runtime: Runtime) -> Callable[[str], Runtime]:
    """A runtime whose Nienburg office has the given opening_hours line (same clock and detector)."""

    def make(opening_hours_line: str) -> Runtime:
        contacts = knowledge_copy / "contacts.yml"
        text = contacts.read_text(encoding="utf-8")
        contacts.write_text(text.replace(NIENBURG_HOURS, opening_hours_line), encoding="utf-8")
        store = ContentStore(knowledge_copy, ROOT / "responses", ROOT / "domain.yml")
        return Runtime(store=store, detector=runtime.detector, safety=runtime.safety, clock=runtime.clock)

    return make


async def run_with(own: Runtime, action_class: type[BaseAction], tracker: Tracker) -> Messages:
    dispatcher = CollectingDispatcher()
    await action_class(own).run(dispatcher, tracker, domain={})
    return dispatcher.messages


@pytest.mark.parametrize("now", [SATURDAY_10AM, dt.datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)])
async def test_only_by_appointment_is_never_closed(with_hours, render, clock, now: dt.datetime) -> None:
    clock["now"] = now
    own = with_hours('opening_hours: "nach Vereinbarung"')
    messages = await run_with(own, ActionShowOpeningHours, nienburg_hours())
    assert keys(messages) == ["utter_opening_hours"]
    assert messages[0]["opening_hours"] == "by appointment"
    (text,) = render(messages)
    assert text.splitlines()[-1] == "📅 By appointment only: please call or write first to arrange a time."
    assert "Closed" not in text
    assert "Open now" not in text


async def test_only_by_appointment_in_german_and_arabic(with_hours, render, clock) -> None:
    clock["now"] = SATURDAY_10AM
    own = with_hours("""opening_hours: '"by appointment"'""")
    german = render(await run_with(own, ActionShowOpeningHours, nienburg_hours("Wann hat das Büro geöffnet?")))[0]
    assert "nach Vereinbarung" in german
    assert "Nur nach Vereinbarung" in german
    assert "geschlossen" not in german
    arabic = render(await run_with(own, ActionShowOpeningHours, nienburg_hours("متى يفتح المكتب؟")))[0]
    assert "بموعد مسبق" in arabic
    assert "مغلق" not in arabic


async def test_hours_and_appointments_say_both(with_hours, render, clock) -> None:
    clock["now"] = SATURDAY_10AM
    own = with_hours('opening_hours: "Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off; nach Vereinbarung"')
    messages = await run_with(own, ActionShowOpeningHours, nienburg_hours())
    assert messages[0]["opening_hours"] == "Mon–Thu 08:00–16:00; Fri 08:00–12:00; by appointment"
    status = render(messages)[0].splitlines()[-2:]
    assert status == [
        "🔴 Closed now. Opens again Mon, Nov 30, 08:00.",
        "📅 At other times by appointment: please call or write first.",
    ]


async def test_contact_card_of_an_office_by_appointment(with_hours, render, clock) -> None:
    clock["now"] = SATURDAY_10AM
    own = with_hours('opening_hours: "nach Vereinbarung"')
    tracker = make_tracker("who is the contact person there?", "ask_contact", slots={"district": "nienburg"})
    card = render(await run_with(own, ActionShowContact, tracker))[1]
    assert card.splitlines()[-2:] == [
        "🕒 by appointment",
        "📅 By appointment only: please call or write first to arrange a time.",
    ]
