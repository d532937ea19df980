"""Emergencies first: 112, 110, 116 016 and the TelefonSeelsorge, in the user's language.

Besides the `emergency` intent, every other action checks the message against
the lexicon in actions.content.safety first.
"""

from __future__ import annotations

import re

from actions.answers.base import MIN_CLASSIFIED_WORDS, TOPIC_SLOT, BaseAction, Turn, classified_in_doubt
from actions.answers.fallback import answer_a_place
from actions.content.question_cues import asked_field, asks_again, mentions_a_phone_line, named_document
from actions.content.safety import looks_like_emergency, mentions_harmless, says_not_acute

# The NLU alone raised false alarms on ordinary questions ("When does your freedom end?"
# 0.59, "payout amount on the payslip" 0.66). Below this, without a word of the safety
# lexicon, the message gets the honest answer plus the nationwide numbers, not the alarm.
MIN_NLU_ONLY_CONFIDENCE = 0.8
# The NLU alone (no lexicon word) raises the alarm only if the emergency classifier does not find the
# message unlikely: "my husband stayed in Ukraine, can he come to live with us?" (NLU 0.9+, classifier
# 0.23) gets the numbers calmly, then the honest answer. Of the emergencies of 5+ words in blind sets
# v1-v9 that the lexicon misses, 2 score below 0.3 (0.19, 0.22: their numbers still come first, calmly);
# of the ordinary messages, 88 % do. Messages shorter than MIN_CLASSIFIED_WORDS are left to the NLU.
MIN_NLU_ONLY_SUPPORT = 0.3
# A question asked: "?" or the Arabic "؟".
QUESTION_MARK = re.compile(r"[?؟]")
# A question ranked this high beside "emergency" is what a calm message asks
# ("the ambulance is here. until when are you open on Friday?").
MIN_QUESTION_CONFIDENCE = 0.1


class ActionEmergency(BaseAction):
    """Emergency numbers, immediately, whatever else is going on."""

    handles_emergency = True
    declines_unknown_topics = False

    def name(self) -> str:
        return "action_emergency"

    def answer(self, turn: Turn) -> None:
        latest = turn.tracker.latest_message
        confidence = float((latest.get("intent") or {}).get("confidence") or 0)
        text = latest.get("text") or ""
        # Without a word of the safety lexicon, a message about an everyday topic (a landlord,
        # family reunification) is that topic, however sure the NLU is.
        # Nor when the message holds a phrase known to sound alarming ("my phone died", "the smoke detector
        # beeps"): the NLU heard that phrase; the numbers still come first, calmly.
        # Nor when it asks for opening hours or a phone number the lexicon finds no danger in ("ofis kaçta
        # açılıyor": "acil" inside "açılıyor"); the calm path still starts with 112 and 110.
        match, unknown = turn.mentioned_district()
        place = match is not None or unknown is not None
        nlu_only = (
            confidence >= MIN_NLU_ONLY_CONFIDENCE
            # "und in bremen?", "sorry, I moved, I live in 37581 now" (v17): a place is where, not what happens
            and not (place and (len(text.split()) < MIN_CLASSIFIED_WORDS or not classified_in_doubt(turn)))
            and not turn.unknown_topics
            and not mentions_harmless(text)
            and asked_field(text) is None
            and (
                len(text.split()) < MIN_CLASSIFIED_WORDS
                or turn.runtime.safety.probability(text) >= MIN_NLU_ONLY_SUPPORT
            )
        )
        if text.startswith("/") or looks_like_emergency(text):
            turn.say("utter_emergency")
        elif says_not_acute(text):
            self.answer_calmly(turn)
        elif nlu_only:
            turn.say("utter_emergency")
        else:
            # Sure it is an emergency, but about an everyday topic ("alone in my flat", "my landlord") or with a
            # phrase known to sound alarming: the numbers first, calmly, then the question the message asks
            # ("ofis kaçta açılıyor" - the NLU heard "acil"), else the honest "I don't know".
            turn.say("utter_nationwide_numbers")
            # (Not the phone word of "my phone died": that phrase is what sounded alarming.)
            asked = None if turn.unknown_topics or mentions_harmless(text) else asked_field(text)
            if asked:
                turn.answer_topic(asked)
            elif turn.unknown_topics or mentions_harmless(text):
                turn.decline(nationwide=True)  # "my phone died, where do I get it fixed in Northeim?" (v18)
            elif unknown is not None and match is None:
                turn.not_covered(unknown)
            elif not (place and answer_a_place(turn)):
                turn.decline(nationwide=True)

    @staticmethod
    def answer_calmly(turn: Turn) -> None:
        """The user says it is not (or no longer) acute: the nationwide numbers without the alarm,
        then the question the message asks, if any."""
        turn.say("utter_nationwide_numbers")
        asked = turn.topic_asked_beside(MIN_QUESTION_CONFIDENCE)
        if asked is None and turn.known_district() is not None:
            # "which number?" without a district: the nationwide numbers were the answer.
            asked = asked_field(turn.text)
        last = turn.tracker.get_slot(TOPIC_SLOT)
        if asked is None and last and asks_again(turn.text):
            asked = str(last)  # "ambulance took him. sorry. can u send that link again"
        if asked is None:
            # "ok ambulance took him. anyway was there an integration conference around here?" (v15)
            asked = named_document(turn.text)
        if asked:
            turn.answer_topic(asked)
        elif turn.unknown_topics or (QUESTION_MARK.search(turn.text) and not mentions_a_phone_line(turn.text)):
            # "پلیس اومد بردش. یه سوال دیگه، برای آپارتمان چطوری WBS بگیرم؟" (v19), "someone stole my bike last
            # month, can i still report it?" (v11): the question after it, honestly not known ("which numbers should
            # I keep?" is answered by the numbers)
            turn.decline()
