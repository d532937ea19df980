"""The base of every custom action: one turn's locale, content and district."""

from __future__ import annotations

import datetime as dt
import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.runtime import Runtime
from actions.content.knowledge import DistrictMatch, Knowledge
from actions.content.knowledge.models import Contact, District
from actions.content.knowledge.names import district_of_named_contact, named_contacts, names_given_name
from actions.content.language_mentions import asks_for_reply_language, mentioned_language
from actions.content.language_policy import choose_locale
from actions.content.out_of_scope import out_of_scope_topics
from actions.content.question_cues import (
    asked_field,
    asked_hotline,
    asked_information,
    asks_about_languages,
    asks_again,
    asks_for_a_line_in_a_language,
    asks_for_a_name,
    asks_for_a_person,
    asks_for_someone_to_call,
    asks_for_someone_to_talk_to,
    asks_for_something_to_read,
    asks_for_the_first,
    asks_for_the_other,
    asks_if_free,
    asks_if_there_is,
    asks_to_repeat,
    asks_to_write,
    asks_when,
    asks_where_the_office_is,
    asks_where_to_turn,
    asks_whom_about_integration,
    feels_alone,
    greeting_or_thanks,
    mentions_a_phone_line,
    mentions_corona,
    named_document,
    names_a_document,
    names_a_weekday,
    names_an_office,
    only_hesitates,
    place_part_after_negation,
    wanted_again,
)
from actions.content.rendering import render, render_text
from actions.content.safety import emergency_categories, says_not_acute
from actions.content.store import Content

logger = logging.getLogger(__name__)

DISTRICT_SLOT = "district"
LOCALE_SLOT = "locale"
PENDING_SLOT = "pending_intent"
TOPIC_SLOT = "last_topic"  # the last question answered: "What about Goslar?" repeats it there
# The questions that depend on the district: a follow-up ("and in Goslar?") or the
# district given later answers them again (Turn.answer_topic).
TOPIC_INTENTS = frozenset(
    {"ask_contact", "ask_opening_hours", "ask_concept", "ask_language_course", "ask_human", "ask_survey", "ask_event"}
)
# The reasons the bot may offer "Ask a person" for (the `handover` marker, see Turn.hand_over).
HANDOVER_REASONS = frozenset({"out_of_scope", "ask_human", "not_understood"})
# Topics about one document or event (the survey, the conference, the concept): their answer
# carries every detail (date, time, place, link, languages, duration, whom to call), so a short
# question right after one ("what time?", "und wo?", "which languages?", "на бумаге можно?") is
# about it, whatever the NLU makes of the bare words.
DOCUMENT_TOPICS = frozenset({"ask_event", "ask_survey", "ask_concept"})
# Topics whose answer depends on a language, and the action that answers each.
ACTION_OF_TOPIC = {
    "ask_hotline": "action_show_hotline",
    "ask_vaccination_info": "action_show_vaccination_info",
    "ask_sign_language": "action_show_sign_language_info",
}
LANGUAGE_TOPICS = frozenset(ACTION_OF_TOPIC)
MAX_LANGUAGE_FOLLOW_UP_WORDS = 8
MAX_LANGUAGE_SWITCH_FOLLOW_UP_WORDS = 20
MAX_DOCUMENT_FOLLOW_UP_WORDS = 9
# "auf Englisch bitte", "in English?": a bare language this short after a document switches the language.
MAX_LANGUAGE_SWITCH_WORDS = 3
# Small talk the NLU may take a question about a document's time for ("what time did it start": help).
SMALL_TALK_ACTIONS = frozenset(
    {"action_help", "action_greet", "action_goodbye", "action_thank", "action_bot_challenge", "action_out_of_scope"}
)
# The answers such a follow-up is taken for: hours, contacts, hotlines, links, privacy
# ("and her name?"), "did you mean", "which language". Not small talk (except a question when:
# SMALL_TALK_ACTIONS), the district, an emergency or "talk to a person".
DOCUMENT_DETAIL_ACTIONS = frozenset(
    {
        "action_show_opening_hours", "action_show_contact", "action_show_hotline", "action_privacy",
        "action_show_vaccination_info", "action_show_sign_language_info", "action_show_easy_language_info",
        "action_choose_language", "action_default_fallback",
        "action_default_ask_affirmation", "action_default_ask_rephrase",
    }
)  # fmt: skip
# The answers the bot may be asked to repeat ("send that link again", "the number you gave me"): facts, not
# questions, greetings, alarms or "I don't know" (Turn.repeat_answer).
# The corona line's answers (in a language, or none in it): written information may be asked next.
CORONA_LINE_ANSWERS = frozenset({"utter_hotline", "utter_hotline_in_language", "utter_hotline_language_missing"})
REPEATABLE_ANSWERS = frozenset(
    {
        "utter_contact_card", "utter_opening_hours", "utter_opening_hours_unknown", "utter_hotline",
        "utter_hotline_in_language", "utter_hotline_language_missing", "utter_hotline_women",
        "utter_hotline_medical_on_call", "utter_vaccination_info", "utter_sign_language", "utter_easy_language",
        "utter_survey_open", "utter_survey_upcoming", "utter_survey_closed", "utter_survey_details",
        "utter_survey_closed_details", "utter_event_past", "utter_event_upcoming", "utter_event_contact",
        "utter_concept_values", "utter_concept_measures", "utter_concept_responsible", "utter_concept_status",
        "utter_language_course", "utter_more_information", "utter_no_email",
    }
)  # fmt: skip
# What a bot event's metadata holds besides the template's values.
_NOT_VALUES = frozenset({"utter_action", "locale", "model_id", "assistant_id"})
_PHONE_NUMBER = re.compile(r"\+?\d[\d /-]{4,}\d")
# How long a message asking for an earlier answer again may be ("скорая уже тут, забрали его. так где ты говорил эта
# информация, ссылку ещё раз": 14 words).
MAX_REPEAT_WORDS = 16
# What the NLU may take a question about a named person for ("ms förster?": help; "и другая женщина?": the women's
# line or an emergency); the person's card answers it (BaseAction.person_follow_up).
PERSON_MISREAD_ACTIONS = SMALL_TALK_ACTIONS | {
    "action_show_hotline", "action_emergency", "action_default_fallback", "action_default_ask_affirmation",
    "action_default_ask_rephrase", "action_choose_language", "action_privacy",
}  # fmt: skip
MAX_PERSON_WORDS = 14
MAX_FIELD_FOLLOW_UP_WORDS = 10
# What the NLU may take "whom do I talk to about integration?" for: the concept (the word "integration"), small
# talk, a line or not at all (BaseAction.whom_follow_up).
WHOM_MISREAD_ACTIONS = SMALL_TALK_ACTIONS | {
    "action_show_concept", "action_show_hotline", "action_default_fallback", "action_default_ask_affirmation",
    "action_default_ask_rephrase",
}  # fmt: skip
# What the NLU may take "website?" or "when can I call that number?" for right after the contacts.
FIELD_MISREAD_ACTIONS = SMALL_TALK_ACTIONS | {
    "action_show_hotline", "action_show_vaccination_info", "action_show_sign_language_info",
    "action_show_easy_language_info", "action_default_fallback", "action_default_ask_affirmation",
    "action_default_ask_rephrase",
}  # fmt: skip
ONCE_PER_TURN = frozenset({"utter_nationwide_numbers", "utter_emergency"})
# A help line asked for by its topic (question_cues.asked_hotline) -> the template that names it.
HOTLINE_TEMPLATES = {"violence_against_women": "utter_hotline_women", "medical": "utter_hotline_medical_on_call"}
# Information asked for by its topic (question_cues.asked_information) -> the action that links it.
INFORMATION_ACTIONS = {
    "sign_language": "action_show_sign_language_info",
    "vaccination_info": "action_show_vaccination_info",
}
# When in doubt, the numbers first (safety): a message that may describe an emergency the
# lexicon does not know starts with the nationwide numbers – calmly, not the alarm – and is
# then answered as usual. "In doubt": the NLU gives the emergency intent at least
# MIN_EMERGENCY_SCORE in a message of MIN_EMERGENCY_WORDS words or more, or it cannot place a
# message of MIN_DESCRIPTION_WORDS words or more (its out_of_scope or fallback intent) that
# names no topic of the out-of-scope lexicon. Measured (reports/blind/README.md): on blind set
# 5 this caught 26 of the 30 emergencies the lexicon missed; on sets 1-4 it puts the numbers
# before 4.4 % of in-scope answers and 9 % of out-of-scope declines.
MIN_EMERGENCY_SCORE = 0.2
MIN_EMERGENCY_WORDS = 6
MIN_DESCRIPTION_WORDS = 8
# The emergency classifier (actions/content/safety_model.py) as a second opinion: a message of
# MIN_CLASSIFIED_WORDS words or more that it finds at least MIN_DOUBT_PROBABILITY likely to be an
# emergency is in doubt (the numbers first, calmly). Calibrated on blind sets v1-v8, none of whose
# messages is in its corpus: of the 98 emergencies the lexicon missed there, it catches all but 5
# (0.6 would miss 6, among them "I want to disappear and already know how, today" at 0.55), and it
# puts 2.8 % of the ordinary messages of 5 words or more in doubt. Shorter messages stay with the
# lexicon and the NLU: on fragments and "we live in <town>" it is unsure (3-4 words: 5 more ordinary
# messages in doubt for 1 emergency). It only ever adds the numbers, never silences the lexicon's
# alarm (tried: below 0.2 it calmed 4 of the lexicon's 16 false alarms, but also "i have thoughts of
# killing myself", 0.11).
MIN_CLASSIFIED_WORDS = 5
MIN_DOUBT_PROBABILITY = 0.5
UNPLACED_INTENTS = frozenset({"out_of_scope", "nlu_fallback"})
# Out-of-scope topics that are often who asks, not what (a pupil's project, an interpreter's client).
CONTEXT_TOPICS = frozenset({"school", "other_admin"})
# "und wo?", "الساعة كم؟", "wie meld ich mich an": this short and unplaceable by the NLU,
# right after a topic, a message continues that topic.
MAX_FOLLOW_UP_WORDS = 4


@dataclass
class Turn:
    """Everything one action run needs, fixed at its start (one content version per turn)."""

    runtime: Runtime
    dispatcher: CollectingDispatcher
    tracker: Tracker
    content: Content
    locale: str
    now: dt.datetime
    events: list[EventType] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # the template keys uttered so far, in order

    @property
    def knowledge(self) -> Knowledge:
        return self.content.knowledge

    @cached_property
    def text(self) -> str:
        return self.tracker.latest_message.get("text") or ""

    @cached_property
    def unknown_topics(self) -> frozenset[str]:
        """The out-of-scope lexicon's topics in this message (computed once per turn; none for payloads).

        Beside a document the bot knows by name, the corona information or a place answering the bot's question for
        the district, the asker's school or interpreting is context, not the question ("for my school project: when
        were the Goslar guidelines adopted?", "I'm an interpreter, when was the conference?", "vaccination info in
        Russian, not through an interpreter", "Clausthal-Zellerfeld, I'm a student at the TU")."""
        if self.text.startswith("/"):
            return frozenset()
        topics = out_of_scope_topics(self.text)
        if (
            topics
            and topics <= CONTEXT_TOPICS
            and (
                names_a_document(self.text)
                or asked_information(self.text) is not None
                or self.answers_the_district_question
            )
        ):
            return frozenset()
        return topics

    @property
    def answers_the_district_question(self) -> bool:
        """True when the bot asked for the district (a question waits for it) and this message names a covered
        place ("Clausthal-Zellerfeld, I'm a student at the TU")."""
        if self.tracker.get_slot(PENDING_SLOT) not in TOPIC_INTENTS:
            return False
        match, _unknown = self.mentioned_district()
        return match is not None and match.how != "contact"

    def topic_asked_beside(self, min_confidence: float) -> str | None:
        """The district question the NLU ranked at least `min_confidence` beside another intent
        ("I live in Uchte. Who do I talk to?" ranks ask_contact 0.24 behind inform_district)."""
        ranking = self.tracker.latest_message.get("intent_ranking") or []
        # A document (the survey, the conference, the concept) is asked about by its name; the NLU's weak guess
        # of one beside a place is not a question ("salam man too uchte zendegi mikonam": ask_event 0.20).
        documented = names_a_document(self.text)
        return next(
            (str(i["name"]) for i in ranking
             if i.get("name") in TOPIC_INTENTS and float(i.get("confidence") or 0) >= min_confidence
             and (documented or i.get("name") not in DOCUMENT_TOPICS)),
            None,
        )  # fmt: skip

    @property
    def rtl(self) -> bool:
        return self.content.catalog.is_rtl(self.locale)

    def say(self, key: str, buttons: list[dict[str, str]] | None = None, **values: Any) -> None:
        """Send template `key`, rendered here in this turn's locale: its text, the template's buttons then `buttons`.

        Rendered like the NLG endpoint would (same renderer, locale and values), so Rasa sends it as it is and
        makes no NLG call. `utter_action` names the template: Rasa keeps it, the locale and the values in the bot
        event's metadata, as it did when the NLG endpoint rendered it. The numbers and the alarm are said at most
        once per turn, by whichever step says them first.
        """
        if key in ONCE_PER_TURN and key in self.said:
            return
        self.said.append(key)
        rendered = render(self.content, key, self.locale, values, retention_days=self.runtime.retention_days)
        if rendered is None:
            logger.error("No template '%s' in any locale (responses/*.yml)", key)
            return
        self.dispatcher.utter_message(
            text=rendered["text"],
            buttons=[*rendered["buttons"], *(buttons or [])],
            utter_action=key,
            locale=self.locale,
            **values,
        )

    def fragment(self, key: str, **values: Any) -> str:
        """Render a fragment (line_*, status_*, topic_*) locally, same renderer as the NLG."""
        return render_text(self.content, key, self.locale, values, retention_days=self.runtime.retention_days)

    def district_name(self, district: District) -> str:
        return district.short_name

    # District ------------------------------------------------------------
    def mentioned_district(self) -> tuple[DistrictMatch | None, str | None]:
        """District named in this message (entities, location, text); second: an unknown place named."""
        knowledge = self.knowledge
        unknown: str | None = None
        corrected = place_part_after_negation(self.text) if not self.text.startswith("/") else None
        if corrected:
            match = knowledge.find_district_in_text(corrected)
            if match:
                return match, None  # "не Гослар а Гьорліц": the place after the negated one
        for entity in self.tracker.latest_message.get("entities", []) or []:
            if entity.get("entity") not in ("district", "municipality"):
                continue
            value = str(entity.get("value") or "")
            match = knowledge.find_district(value)
            if match:
                return match, None
            unknown = unknown or value
        metadata = self.tracker.latest_message.get("metadata") or {}
        location = metadata.get("location") if isinstance(metadata, dict) else None
        if isinstance(location, dict) and {"latitude", "longitude"} <= location.keys():
            match = knowledge.district_at(float(location["latitude"]), float(location["longitude"]))
            if match:
                return match, None
            return None, unknown or f"{float(location['latitude']):.3f}, {float(location['longitude']):.3f}"
        text = self.tracker.latest_message.get("text") or ""
        if not text.startswith("/"):
            match = knowledge.find_district_in_text(text)
            if match:
                return match, None
            named = district_of_named_contact(knowledge, text)
            district = knowledge.district(named) if named else None
            if district is not None:
                return DistrictMatch(district, matched=text, how="contact"), None
        return None, unknown

    def known_district(self) -> District | None:
        """District named in this message (remembered from now on), else the remembered one."""
        match, _unknown = self.mentioned_district()
        if match:
            self.remember(match.district)
            return match.district
        remembered = self.tracker.get_slot(DISTRICT_SLOT)
        return self.knowledge.district(remembered) if remembered else None

    def remembered_district(self) -> District | None:
        """The district of the conversation (slot), without looking at this message."""
        remembered = self.tracker.get_slot(DISTRICT_SLOT)
        return self.knowledge.district(remembered) if remembered else None

    def remember_mentioned_district(self) -> None:
        """Remember a covered district this message names, whatever it asked ("hi, I live in Liebenau",
        "the hotline? we live in Hoya"): a later question needs no district question."""
        if self.text.startswith("/"):
            return
        if any(e.get("event") == "slot" and e.get("name") == DISTRICT_SLOT for e in self.events):
            return
        match, _unknown = self.mentioned_district()
        if match is not None:
            self.remember(match.district)

    def remember(self, district: District) -> None:
        if (
            self.tracker.get_slot(DISTRICT_SLOT) != district.id
            and SlotSet(DISTRICT_SLOT, district.id) not in self.events
        ):
            self.events.append(SlotSet(DISTRICT_SLOT, district.id))

    def district_buttons(self) -> list[dict[str, str]]:
        return [
            {"title": d.short_name, "payload": f'/inform_district{{"district": "{d.id}"}}'}
            for d in self.knowledge.districts
        ]

    def ask_for_district(self, intent: str) -> None:
        """Ask which district, and remember the question to answer it afterwards."""
        self.say("utter_ask_district", buttons=self.district_buttons())
        self.events.append(SlotSet(PENDING_SLOT, intent))

    def answer_topic(self, intent: str) -> None:
        """Answer the question `intent` in this turn, as its own action would.

        In-process rather than a FollowupAction: Rasa's rules know no action after a
        follow-up, so its core fallback would add "I did not understand" and revert the
        message (with the district it set).
        """
        from actions.answers import ACTION_CLASSES  # the answers import this module

        action_class = next(c for c in ACTION_CLASSES if c.intent == intent)
        action_class(self.runtime).answer(self)
        if self.tracker.get_slot(TOPIC_SLOT) != intent:
            self.events.append(SlotSet(TOPIC_SLOT, intent))

    def continue_last_topic(self) -> bool:
        """Answer a short message the NLU could not place with the last topic again (True),
        which now also sees this message's place or detail; False when it is no follow-up."""
        last = self.tracker.get_slot(TOPIC_SLOT)
        text = self.tracker.latest_message.get("text") or ""
        if last not in TOPIC_INTENTS or text.startswith("/") or len(text.split()) > MAX_FOLLOW_UP_WORDS:
            return False
        self.answer_topic(str(last))
        return True

    def last_said(self, keys: frozenset[str]) -> str | None:
        """The latest of these templates the bot said in this conversation (the bot events keep their template
        as `utter_action` in their metadata), or None."""
        for event in reversed(self.tracker.events):
            if event.get("event") == "bot":
                key = (event.get("metadata") or {}).get("utter_action")
                if key in keys:
                    return str(key)
        return None

    @cached_property
    def named_contacts(self) -> list[Contact]:
        """The offices and people this message names (knowledge.names.named_contacts; computed once per turn)."""
        return [] if self.text.startswith("/") else named_contacts(self.knowledge, self.text)

    @cached_property
    def answers(self) -> list[list[dict[str, Any]]]:
        """The bot's events that name a template (its metadata's `utter_action`), grouped by the user message they
        answered, oldest first; the last group is this turn's, still empty. Read from `Tracker.applied_events()`:
        a message the two-stage fallback rewound is in the raw events twice."""
        groups: list[list[dict[str, Any]]] = [[]]
        for event in self.tracker.applied_events():
            if event.get("event") == "user":
                groups.append([])
            elif event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action"):
                groups[-1].append(event)
        return groups

    def last_card_names(self) -> list[str]:
        """The names on the contact cards of the bot's latest answer that had any (the cards' values are kept in
        their bot events' metadata); [] when none was shown."""
        for group in reversed(self.answers):
            names = [
                str(e["metadata"].get("name")) for e in group if e["metadata"]["utter_action"] == "utter_contact_card"
            ]
            if names:
                return names
        return []

    def previous_answer_templates(self) -> frozenset[str]:
        """The templates of the bot's answer to the user's message before this one; empty when there was none."""
        previous = self.answers[-2] if len(self.answers) >= 2 else []
        return frozenset(str(event["metadata"]["utter_action"]) for event in previous)

    @cached_property
    def asked_people(self) -> list[Contact]:
        """The people of knowledge/ this message asks about: those it names ("Frau Förster", "Блудау", "خانم بلوداو"),
        or, after the cards of the bot's latest answer, the one of the people shown whose given name it writes
        ("only Hanna's"), "the first one" / "the second one" of two people shown, or "the other one" after one
        person's card (the other people of her district). [] for none."""
        text = self.text
        if text.startswith("/"):
            return []
        named = [contact for contact in self.named_contacts if contact.kind == "person"]
        if named:
            return named
        shown = self.last_card_names()
        people = {c.name: c for c in self.knowledge.contacts if c.kind == "person"}
        by_given_name = [people[name] for name in shown if name in people and names_given_name(text, people[name])]
        if len(shown) >= 2 and len(by_given_name) == 1:
            return by_given_name  # "بدي رقم هانا بس" – only Hanna's number (blind set v20)
        if len(shown) >= 2 and asks_for_the_first(text):
            return [people[shown[0]]] if shown[0] in people else []  # "у первой какой номер"
        if len(shown) >= 2 and asks_for_the_other(text):
            return [people[shown[1]]] if shown[1] in people else []  # "а телефон второй женщины?", "the second lady?"
        if len(shown) == 1 and asks_for_the_other(text) and shown[0] in people:
            # Another person beside the one shown ("andere Frage, welche Nummer für den Impftermin?" after Nienburg's
            # one office is no such question: v13).
            district = people[shown[0]].district
            return [c for c in people.values() if c.district == district and c.name != shown[0]]
        return []

    def names_a_person(self) -> bool:
        """True when this message asks about one of the people in knowledge/ (see asked_people)."""
        return bool(self.asked_people)

    def repeat_answer(self, wanted: str | None, *, earliest: bool = False) -> bool:
        """Say an earlier answer of the bot again (True): the REPEATABLE_ANSWERS said for one message, in order, with
        the values their bot events kept in the metadata, in this turn's locale – the latest (or, `earliest`, the
        first) answer with a link (`wanted` "link") or a phone number ("number"), or at all (None). False when the
        conversation has none."""
        groups = [[e for e in group if e["metadata"]["utter_action"] in REPEATABLE_ANSWERS] for group in self.answers]
        for group in groups if earliest else reversed(groups):
            if self._has(group, wanted):
                for event in group:
                    metadata = event["metadata"]
                    values = {k: v for k, v in metadata.items() if k not in _NOT_VALUES}
                    self.say(str(metadata["utter_action"]), **values)
                return True
        return False

    @staticmethod
    def _has(group: list[dict[str, Any]], wanted: str | None) -> bool:
        texts = " ".join(str(event.get("text") or "") for event in group)
        if not group or (wanted == "link" and not ("http" in texts or "www." in texts)):
            return False
        return wanted != "number" or _PHONE_NUMBER.search(texts) is not None

    def answer_greeting_or_thanks(self) -> bool:
        """Greet or say "you're welcome" to a message that is only that ("ezayak", "mamnoon") though the NLU could
        not place it (True); False otherwise."""
        kind = None if self.text.startswith("/") else greeting_or_thanks(self.text)
        if kind is not None:
            self.say("utter_greet" if kind == "greet" else "utter_thank")
        return kind is not None

    def answer_hesitation(self) -> bool:
        """Say what the bot can do to a message that only hesitates or says "what?" ("hm", "шо", "ну?"; True);
        False otherwise."""
        hesitates = not self.text.startswith("/") and only_hesitates(self.text)
        if hesitates:
            self.say("utter_help")
        return hesitates

    def answer_asked_field(self, min_words: int = 1) -> bool:
        """Answer the topic of a word for what is wanted – hours, a phone number, an address (True) – in a message
        of at least `min_words` words ("daftar saat chand baz mishe?", "телефон"); False when it names none."""
        text = self.text
        field = None
        if not text.startswith("/") and len(text.split()) >= min_words:
            field = asked_field(text) or (
                "ask_contact" if asks_whom_about_integration(text) or asks_where_the_office_is(text) else None
            )
        if field:
            self.answer_topic(field)
        return field is not None

    def decline(self, *, nationwide: bool = False, placed: bool = False) -> None:
        """An honest "I don't know" and who does: the district's contacts when the district is
        known, else the offer to pick one (then the contacts follow) and the nationwide numbers.
        `nationwide` adds those numbers also when the district is known. A message the bot cannot place
        (no out-of-scope topic recognised, not `placed` by the calling action) starts with the nationwide
        numbers. Ends with the handover marker: the district's staff may answer what the bot cannot."""
        if not placed and not self.unknown_topics and not self.text.startswith("/"):
            # Not a topic the bot knows it cannot answer (residence, housing, …): what it is about is unclear,
            # so the nationwide numbers come first, calmly (blind sets: most missed emergencies ended here).
            self.say("utter_nationwide_numbers")
        self.say("utter_not_known")
        district = self.known_district()
        if district is None:
            self.say("utter_ask_district_to_help", buttons=self.district_buttons())
            self.events.append(SlotSet(PENDING_SLOT, "ask_contact"))
            self.say("utter_nationwide_numbers")
            self.hand_over("out_of_scope", None)
            return
        # contacts imports this module for Turn; the cards are needed only here.
        from actions.answers.contacts import say_contact_cards

        if say_contact_cards(self, district, "utter_who_can_help") and nationwide:
            self.say("utter_nationwide_numbers")
        self.hand_over("out_of_scope", district)

    def hand_over(self, reason: str, district: District | None) -> None:
        """Mark this turn as one the bot could not answer: one extra message
        `{"handover": {"reason": …, "district": id or null}}` (Rasa's REST channel passes it on as
        "custom"). The Telegram bot turns it into an "Ask a person" offer when the district has a
        staff group; it is never shown as text. At most one per turn."""
        if reason not in HANDOVER_REASONS:
            raise ValueError(f"unknown handover reason {reason!r}")
        if any(isinstance(m.get("custom"), dict) and "handover" in m["custom"] for m in self.dispatcher.messages):
            return
        marker = {"handover": {"reason": reason, "district": district.id if district else None}}
        self.dispatcher.utter_message(json_message=marker)

    def not_covered(self, place: str) -> None:
        self.say("utter_district_not_covered", place=place)
        self.say("utter_nationwide_numbers")


def classified_in_doubt(turn: Turn) -> bool:
    """Whether the classifier finds the message likely an emergency (MIN_DOUBT_PROBABILITY), whatever topic it
    names: "my son has a high fever and the practice is closed, which number?" gets the numbers, then 116117."""
    text = turn.text
    # (Not skipped when the lexicon's `not_acute` phrases match: those include "volunteer", "flyer" – and a
    # volunteer reporting "he locked himself in and says goodbye to everyone" is an emergency; blind set v11.)
    if not text or text.startswith("/") or len(text.split()) < MIN_CLASSIFIED_WORDS:
        return False
    return turn.runtime.safety.probability(text) >= MIN_DOUBT_PROBABILITY


def in_doubt(turn: Turn) -> bool:
    """Whether a message may describe an emergency the lexicon did not recognise (see MIN_EMERGENCY_SCORE)."""
    text, latest = turn.text, turn.tracker.latest_message
    if not text or text.startswith("/") or says_not_acute(text):
        return False
    words = len(text.split())
    ranking = latest.get("intent_ranking") or []
    emergency_score = max((float(i.get("confidence") or 0) for i in ranking if i.get("name") == "emergency"), default=0)
    if emergency_score >= MIN_EMERGENCY_SCORE and words >= MIN_EMERGENCY_WORDS:
        return True
    intent = (latest.get("intent") or {}).get("name")
    return (
        intent in UNPLACED_INTENTS
        and words >= MIN_DESCRIPTION_WORDS
        and not turn.unknown_topics
        and not turn.answers_the_district_question  # placed: the answer to "which district?" (the classifier stays)
    )


class BaseAction(Action, ABC):
    """An action that answers from the knowledge snapshot in the reply locale."""

    # Actions whose own answer is the emergency numbers set this to skip the safety net.
    handles_emergency = False
    # Actions that answer whatever the message is about (language choice, privacy, the
    # emergency numbers) set this False; every other answer gives way to an honest
    # "I don't know" when the message is about a topic the bot has no facts on.
    declines_unknown_topics = True
    # The intent this action answers; remembered so that a follow-up ("and in Goslar?")
    # can repeat it. Empty for actions that are no topic (small talk, fallbacks).
    intent: str = ""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    @abstractmethod
    def name(self) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        runtime = self.runtime
        turn = Turn(
            runtime=runtime,
            dispatcher=dispatcher,
            tracker=tracker,
            content=runtime.content,
            locale=choose_locale(tracker.current_state(), runtime.detector),
            now=runtime.now(),
        )
        text = tracker.latest_message.get("text") or ""
        if self.document_contact_follow_up(turn, text):
            return turn.events
        line = None if text.startswith("/") else asked_hotline(text)
        if line is not None and turn.names_a_person():
            line = None  # a person named is asked about ("дай номер второй женщины, Блудау которая"), not a line
        if (
            line is None
            and not text.startswith("/")
            and asks_for_a_line_in_a_language(text)
            and not names_an_office(text)
        ):
            match, _unknown = turn.mentioned_district()
            if match is None and not district_of_named_contact(turn.knowledge, text):
                line = "vaccination"  # the hotline action: the multilingual line, or that none speaks it
        categories = emergency_categories(text)
        acute = bool(categories)
        domestic = "violence_against_women" in categories and categories <= {"violence_against_women", "police"}
        derived = line is None and domestic and asks_where_to_turn(text)
        if derived:
            # Violence by a partner or the family (the lexicon's category) and the question whom to call or where to
            # turn ("у знакомой муж иногда бьёт, куда ей обратиться?"): the women's help line is the answer, after
            # the alarm (nothing says it is not happening now).
            line = "violence_against_women"
        if (
            line == "violence_against_women"
            and not derived
            and (categories <= {"violence_against_women"} or says_not_acute(text))
        ):
            # Naming the topic ("the help line for violence against women?") is asking for the line; its answer
            # carries 110 and 112 too. Anything else acute in the message still gets the alarm first – unless the
            # message says it is not happening now ("he hits her sometimes, not right now. any hotline for women?").
            acute = False
        # (The corona information's topic words win over another topic named beside them: "I volunteer at the
        # church; is there corona information in sign language?")
        information = None if text.startswith("/") else asked_information(text)
        emergency = not self.handles_emergency and acute
        if emergency:
            turn.say("utter_emergency")
        elif not self.handles_emergency and (
            (line is None and information is None and in_doubt(turn)) or classified_in_doubt(turn)
        ):
            # (For the NLU's doubt, a message that names a help line or the corona information is placed.)
            turn.say("utter_nationwide_numbers")
        if line is not None:
            # "the help line for women who experience violence?", "doctor on duty tonight?": that line is
            # the answer, whichever intent the NLU chose (the emergency action included: alarm first if acute).
            if acute:
                turn.say("utter_emergency")
            if line == "vaccination":
                if information == "vaccination_info":
                    self.answer_with(turn, INFORMATION_ACTIONS[information])  # "infos und welche Nummer?": both
                turn.answer_topic("ask_hotline")  # the corona line, or the one in the language asked for
            else:
                turn.say(HOTLINE_TEMPLATES[line])
                if tracker.get_slot(TOPIC_SLOT) != "ask_hotline":
                    turn.events.append(SlotSet(TOPIC_SLOT, "ask_hotline"))
            turn.remember_mentioned_district()
            return turn.events
        if information is not None and self.name() != INFORMATION_ACTIONS[information]:
            # "corona info in sign language?", "where do I read the vaccination rules in Dari": the link is the
            # answer, however the NLU read the rest (transliteration, dialect, a place beside it).
            if acute:
                turn.say("utter_emergency")
            self.answer_with(turn, INFORMATION_ACTIONS[information])
            turn.remember_mentioned_district()
            return turn.events
        if self.declines_unknown_topics and turn.unknown_topics:
            turn.decline()
            return turn.events
        if emergency and not self.intent:
            return turn.events  # after the numbers, no small talk or "did you mean"
        if not emergency and not text.startswith("/") and asks_for_someone_to_talk_to(text):
            turn.say("utter_nationwide_numbers")  # the crisis line is among them, day and night
            return turn.events
        # A short message right after an answer may be about that answer, whatever the NLU read: the first of
        # these follow-ups that recognises it answers (after an emergency, none).
        follow_ups = (
            self.person_follow_up,
            self.document_asked_when,
            self.document_misread,
            self.whom_follow_up,
            self.information_after_line,  # before the field: "ولو بدي معلومات مكتوبة مش تلفون؟" names the phone
            self.field_follow_up,
            self.document_follow_up,
            self.language_follow_up,
            self.weekday_follow_up,
            self.again_follow_up,
            self.line_after_information,
        )
        if not emergency and (turn.answer_hesitation() or self.repeat_follow_up(turn, text)):
            return turn.events  # "ну?" after an answer is not about it: what the bot can do
        if not emergency:
            for follow_up in follow_ups:
                topic = follow_up(turn, text)
                if topic:
                    turn.answer_topic(topic)
                    return turn.events
        self.answer(turn)
        turn.remember_mentioned_district()
        if self.intent and tracker.get_slot(TOPIC_SLOT) != self.intent:
            turn.events.append(SlotSet(TOPIC_SLOT, self.intent))
        return turn.events

    def answer_with(self, turn: Turn, action_name: str) -> None:
        """Answer this turn as the action `action_name` would (its intent, if any, becomes the last topic)."""
        from actions.answers import ACTION_CLASSES  # the answers import this module

        action_class = next(c for c in ACTION_CLASSES if c.__new__(c).name() == action_name)
        action = action_class(self.runtime)
        action.answer(turn)
        if action.intent and turn.tracker.get_slot(TOPIC_SLOT) != action.intent:
            turn.events.append(SlotSet(TOPIC_SLOT, action.intent))

    def language_follow_up(self, turn: Turn, text: str) -> str | None:
        """The topic to answer when this short message asks for the hotline or the information just given in another
        language ("a rosijskoju?", "pas be arabi chi?", "а інфа англійською є?"): the same one, in that language –
        or the information when the hotline was given and something to read is asked ("yazılı Türkçe bilgi de var
        mı?"). Read as a request to switch languages, the message may be longer ("and written info, in more
        languages? we also have Tigrinya and Dari speakers"). None when it is no such follow-up."""
        last = turn.tracker.get_slot(TOPIC_SLOT)
        if last not in LANGUAGE_TOPICS or self.name() == ACTION_OF_TOPIC.get(str(last)) or text.startswith("/"):
            return None
        switch = self.name() == "action_choose_language"
        # "website ham dare ke etelaat be chand zaban bede?" (v16): a question about the languages may be longer.
        long_ok = switch or asks_about_languages(text)
        longest = MAX_LANGUAGE_SWITCH_FOLLOW_UP_WORDS if long_ok else MAX_LANGUAGE_FOLLOW_UP_WORDS
        entities = turn.tracker.latest_message.get("entities") or []
        named = (
            mentioned_language(text) is not None
            or any(e.get("entity") == "language" for e in entities)
            or asks_about_languages(text)  # "а скільки там мов?" (blind set v15)
        )
        if len(text.split()) > longest or asks_for_reply_language(text) or not named:
            return None
        if last == "ask_hotline" and asks_for_something_to_read(text):
            return "ask_vaccination_info"
        if last == "ask_sign_language":
            # "and in arabic as text?", "kaç dilde var": the information in spoken languages (blind set v16).
            return "ask_vaccination_info"
        return str(last)

    def again_follow_up(self, turn: Turn, text: str) -> str | None:
        """The last topic, when this short message asks for it again ("اون شماره رو دوباره بگو", "that link again")
        and the NLU took it for another answer (blind set v15: the district was asked instead); else None."""
        last = turn.tracker.get_slot(TOPIC_SLOT)
        if last not in TOPIC_INTENTS | LANGUAGE_TOPICS or last == self.intent or text.startswith("/"):
            return None
        if self.name() == ACTION_OF_TOPIC.get(str(last)) or self.handles_emergency:
            return None
        if len(text.split()) > MAX_LANGUAGE_FOLLOW_UP_WORDS or not asks_again(text) or names_an_office(text):
            return None
        match, unknown = turn.mentioned_district()
        return str(last) if match is None and not unknown else None

    def document_contact_follow_up(self, turn: Turn, text: str) -> bool:
        """Answer the survey, event or concept just answered again – its answer names whom to call – when this
        message asks for someone to call or talk to (True): "انا ما بعرف الماني ولا انكليزي منيح، في حدا بحكي معه
        عالتلفون؟", "یه نفر هست که بتونم بهش زنگ بزنم فرم کاغذی بخوام؟" (v15: the crisis line or a German hotline
        came). Not for someone who feels alone, nor beside words of danger."""
        last = turn.tracker.get_slot(TOPIC_SLOT)
        if last not in DOCUMENT_TOPICS or text.startswith("/") or self.handles_emergency:
            return False
        if len(text.split()) > MAX_REPEAT_WORDS or not asks_for_someone_to_call(text) or feels_alone(text):
            return False
        if emergency_categories(text) or not self.has_document(turn, str(last)):
            return False
        turn.answer_topic(str(last))
        return True

    def person_follow_up(self, turn: Turn, text: str) -> str | None:
        """The contact card (or hours) of the person this message names, or of "the other one" after one person's
        card, when the NLU read it as small talk, a help line or not at all ("what's the number of the other lady
        you mentioned, ms förster?", "و اون یکی خانم؟": blind set v16); else None. Never instead of an alarm."""
        if self.name() not in PERSON_MISREAD_ACTIONS or len(text.split()) > MAX_PERSON_WORDS:
            return None
        if names_a_document(text) or not turn.names_a_person():
            return None
        if self.handles_emergency and (
            emergency_categories(text) or (classified_in_doubt(turn) and not turn.last_card_names())
        ):
            # (Right after a person's card, "جواب نمیده، اون یکی خانم چی؟" – she does not answer, the other lady? –
            # is about the phone; the classifier hears "does not respond": blind set v19.)
            return None
        return "ask_opening_hours" if asked_field(text) == "ask_opening_hours" or asks_when(text) else "ask_contact"

    def document_asked_when(self, turn: Turn, text: str) -> str | None:
        """The survey, event or concept this message names when it asks when ("wann war die integrationskonferenz in
        goslar und um wieviel uhr gings los", "fi mo2tamar integration hon? emta?") and the NLU read the hours or
        the contacts (blind set v19: Ms Aktas's hours came); else None."""
        if self.intent not in ("ask_opening_hours", "ask_contact") or text.startswith("/") or not asks_when(text):
            return None
        return None if asked_field(text) == "ask_contact" else named_document(text)

    def document_misread(self, turn: Turn, text: str) -> str | None:
        """The hours or the contacts when the NLU answered a message with the survey, conference or concept though
        it names none and asks for hours or where to turn ("saat kari jome chie?", "too Nienburg, koja beram baraye
        komak?": the event came – tried as a newcomer would); else None. Not right after that document (a follow-up
        on it: "what time?")."""
        if self.intent not in DOCUMENT_TOPICS or text.startswith("/") or names_a_document(text):
            return None
        if turn.tracker.get_slot(TOPIC_SLOT) == self.intent:
            return None
        field = asked_field(text)
        if field is not None:
            return field
        return "ask_contact" if asks_where_to_turn(text) or asks_whom_about_integration(text) else None

    def whom_follow_up(self, turn: Turn, text: str) -> str | None:
        """The district's contacts when the message asks whom to talk to, or where to go, about integration
        ("goslar landkreis entegrasyon icin kiminle konusmam lazim", "وين لازم روح اذا بدي مساعدة بموضوع الاندماج")
        and the NLU read it as the concept, small talk or a line (blind set v17); else None."""
        if self.name() not in WHOM_MISREAD_ACTIONS or text.startswith("/") or names_a_document(text):
            return None
        return "ask_contact" if asks_whom_about_integration(text) else None

    def field_follow_up(self, turn: Turn, text: str) -> str | None:
        """The contacts again, or their hours, when this short message right after the contacts or hours asks for
        a detail of them ("website?", "web sitesi", "when can I call that number? I work shifts") and the NLU read
        it as a link, a help line or small talk (blind set v16: the corona link and the corona line came); else
        None."""
        last = turn.tracker.get_slot(TOPIC_SLOT)
        if last not in ("ask_contact", "ask_opening_hours") or self.name() not in FIELD_MISREAD_ACTIONS:
            return None
        if text.startswith("/") or len(text.split()) > MAX_FIELD_FOLLOW_UP_WORDS:
            return None
        if names_a_document(text) or asked_information(text) is not None or mentions_corona(text):
            return None
        match, unknown = turn.mentioned_district()
        if match is not None or unknown:
            return None
        if asked_field(text) == "ask_opening_hours" or (asks_when(text) and mentions_a_phone_line(text)):
            return "ask_opening_hours"
        # "можна їм написати замість дзвінка?" (v16): how to write to them is on the contact card.
        return "ask_contact" if asked_field(text) == "ask_contact" or asks_to_write(text) else None

    def repeat_follow_up(self, turn: Turn, text: str) -> bool:
        """Say an earlier answer again when this message asks for it ("добре, скиньте ще раз те посилання", "the
        ambulance took him. send that site you gave me again") or asks whether the number just given is free ("a
        tot nomer on besplatnyj?": the line's answer says so): True when it did (blind set v16: the nationwide
        numbers of the emergency in between, or the district question, came instead)."""
        if text.startswith("/") or names_an_office(text):
            return False
        if self.handles_emergency and (emergency_categories(text) or not asks_to_repeat(text)):
            return False  # an emergency told in the same message: the alarm, not an old link
        words = len(text.split())
        if (
            asks_for_the_first(text)
            and mentions_a_phone_line(text)
            and words <= MAX_REPEAT_WORDS
            and len(turn.last_card_names()) < 2  # "the first one" of two people shown is hers (person_follow_up)
        ):
            # "ارجع للرقم الاولاني، هو ببلاش ولا بيكلف؟", "اون شماره اولی شبانه روزیه؟" (v15): the first number given
            match, unknown = turn.mentioned_district()
            return match is None and not unknown and turn.repeat_answer("number", earliest=True)
        if asks_to_repeat(text) and words <= MAX_REPEAT_WORDS:
            wanted = wanted_again(text)
        elif asks_for_a_name(text) and words <= MAX_REPEAT_WORDS and turn.last_card_names():
            wanted = None  # "اسمش چی بود؟" right after a person's card (v19): the card again, it has her name
        elif (
            asks_if_free(text)
            and words <= MAX_LANGUAGE_FOLLOW_UP_WORDS
            and turn.tracker.get_slot(TOPIC_SLOT) == "ask_hotline"
        ):
            wanted = "number"
        else:
            return False
        match, unknown = turn.mentioned_district()
        if match is not None or unknown:
            return False  # "and in Goslar, that number again?": the question for that place
        if self.handles_emergency:
            # "швидка приїхала, забрали в лікарню. скиньте посилання ще раз" (v18): the NLU heard an emergency that
            # is over; the numbers first, calmly, then the link
            turn.say("utter_nationwide_numbers")
        if wanted == "address":
            turn.answer_topic("ask_contact")  # "whats the street again" after the hours (v17): the card has it
            return True
        # "скинь ещё раз первую ссылку" (v18): the first link given, not the latest
        return turn.repeat_answer(wanted, earliest=asks_for_the_first(text))

    def weekday_follow_up(self, turn: Turn, text: str) -> str | None:
        """The opening hours when this short message, read as small talk, names a day right after them ("جمعه ها
        چی؟", "and on saturday?"); else None."""
        if (
            turn.tracker.get_slot(TOPIC_SLOT) == "ask_opening_hours"
            and self.name() in SMALL_TALK_ACTIONS
            and len(text.split()) <= MAX_FOLLOW_UP_WORDS + 1
            and names_a_weekday(text)
        ):
            return "ask_opening_hours"
        return None

    def line_after_information(self, turn: Turn, text: str) -> str | None:
        """The hotline when this short message asks for a phone line right after the corona information ("а по
        телефону є щось?", "and a number?"): the corona line answers it, not the district's contacts (blind set
        v13); else None."""
        if turn.tracker.get_slot(TOPIC_SLOT) != "ask_vaccination_info" or self.name() == "action_show_hotline":
            return None
        if text.startswith("/") or len(text.split()) > MAX_LANGUAGE_FOLLOW_UP_WORDS or names_an_office(text):
            return None
        match, unknown = turn.mentioned_district()
        return "ask_hotline" if match is None and not unknown and mentions_a_phone_line(text) else None

    def information_after_line(self, turn: Turn, text: str) -> str | None:
        """The corona information when this short message asks for something written right after the corona line
        ("طيب ولو بدي معلومات مكتوبة مش تلفون؟", "پس اطلاعات نوشته شده به فارسی کجا پیدا کنم؟": blind set v19 – the
        district was asked, or "I don't know"); else None."""
        if text.startswith("/") or len(text.split()) > MAX_DOCUMENT_FOLLOW_UP_WORDS or names_an_office(text):
            return None
        if self.name() in INFORMATION_ACTIONS.values() or not turn.previous_answer_templates() & CORONA_LINE_ANSWERS:
            return None
        match, unknown = turn.mentioned_district()
        return "ask_vaccination_info" if match is None and not unknown and asks_for_something_to_read(text) else None

    def document_follow_up(self, turn: Turn, text: str) -> str | None:
        """The survey, event or concept just answered, when this short message asks more about it."""
        last = turn.tracker.get_slot(TOPIC_SLOT)
        if last not in DOCUMENT_TOPICS or text.startswith("/"):
            return None
        # "what time did it start" (read as "what can you do?"): when it happens is in the document's answer.
        # "where can I read it?" (read as "what can you do?", v19): the document's answer has its link.
        if self.name() not in DOCUMENT_DETAIL_ACTIONS and not (
            self.name() in SMALL_TALK_ACTIONS and (asks_when(text) or asks_for_something_to_read(text))
        ):
            return None
        if len(text.split()) > MAX_DOCUMENT_FOLLOW_UP_WORDS or asked_information(text):
            return None  # (corona information named: "aile için arapça korona aşı bilgisi nerede var", v19)
        match, unknown = turn.mentioned_district()
        if unknown:
            return None
        if match is not None and len(text.split()) - len(match.matched.split()) > 3:
            return None  # a new question about another place, not "а в Гёрлице что?"
        if match is None and not self.has_document(turn, str(last)):
            return None  # "no event I know of in Nienburg": a question after it is a new one (blind set v13)
        if self.name() == "action_show_contact" and names_an_office(text):
            return None  # "shomare daftare integration ro mikham": the office's contacts, not the document's
        if last == "ask_concept" and asks_for_a_person(text):
            # "кто за неё отвечает, телефон?", "who can I call if I have questions about it?": who the concept names
            # as responsible and the district's contacts (ActionShowConcept), not the corona line the NLU heard.
            return "ask_concept"
        if (
            self.name() == "action_choose_language"
            and mentioned_language(text)
            and (asks_for_reply_language(text) or len(text.split()) <= MAX_LANGUAGE_SWITCH_WORDS)
            and not asks_if_there_is(text)  # "а англійською є?" asks about the document (v17)
        ):
            return None  # "English please" switches; "can I fill it in in English?" asks about the document
        return str(last)

    @staticmethod
    def has_document(turn: Turn, topic: str) -> bool:
        """True when the district of the conversation (any, when unknown) has an event, a survey or a concept
        (`topic` ask_event, ask_survey, ask_concept) a follow-up could ask about."""
        district = turn.remembered_district()
        knowledge = turn.knowledge
        if topic == "ask_event":
            return bool(knowledge.events_for(district.id if district else None))
        if topic == "ask_survey":
            return bool(knowledge.surveys_for(district.id if district else None))
        return bool(knowledge.concepts_for(district.id) if district else knowledge.concepts)

    @abstractmethod
    def answer(self, turn: Turn) -> None:
        """Utter the reply and append slot events to turn.events."""


class DistrictAction(BaseAction, ABC):
    """An answer that depends on the district: asks for it when unknown."""

    def answer(self, turn: Turn) -> None:
        match, unknown = turn.mentioned_district()
        if match is not None:
            turn.remember(match.district)
            district: District | None = match.district
        elif unknown:
            turn.not_covered(unknown)
            return
        else:
            remembered = turn.tracker.get_slot(DISTRICT_SLOT)
            district = turn.knowledge.district(remembered) if remembered else None
        if district is None:
            turn.ask_for_district(self.intent)
            return
        self.answer_for(turn, district)

    @abstractmethod
    def answer_for(self, turn: Turn, district: District) -> None:
        """Answer for a known district."""
