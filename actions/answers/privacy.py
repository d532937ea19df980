"""What the bot stores and for how long."""

from __future__ import annotations

import re

from actions.answers.base import BaseAction, Turn
from actions.content.question_cues import asked_field

# A privacy question names data, storing, deleting or privacy. Without such a word the NLU's
# "privacy" is a guess ("privet mne nuzhen telefon kogo-to po integracii" has "telefon" and
# "nomer", like "do you store my phone number?"): the question the message asks is answered.
PRIVACY_WORDS = re.compile(
    r"daten|speicher|gespeichert|lösch|losch|privacy|private|data\b|store|stored|save|delete|remember|keep|"
    r"персональн|данн|храни|сохран|удал|дані|даних|зберіга|збереж|видал|"
    r"veri|sakl|kaydet|sil|gizlilik|kişisel|kisisel|"
    r"بيانات|معلومات|تحفظ|تخزن|حفظ|احذف|حذف|امسح|خصوصي|"
    r"داده|اطلاعات|ذخیره|نگه|پاک|حذف|حریم|/privacy|/delete",
    re.IGNORECASE,
)
# A question the NLU ranked this high beside "privacy" is the one asked.
MIN_QUESTION_CONFIDENCE = 0.1


class ActionPrivacy(BaseAction):
    """The privacy notice with the configured retention period."""

    def name(self) -> str:
        return "action_privacy"

    def answer(self, turn: Turn) -> None:
        text = turn.text
        if text and not text.startswith("/") and not PRIVACY_WORDS.search(text):
            asked = turn.topic_asked_beside(MIN_QUESTION_CONFIDENCE) or asked_field(text)
            if asked:
                turn.answer_topic(asked)
                return
        turn.say("utter_privacy")
