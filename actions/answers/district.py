"""Setting the district from a name, a town, a postcode or a shared location; then answering
the question that came with it, the one waiting for it, or the last one again for the new place."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.answers.base import DISTRICT_SLOT, PENDING_SLOT, TOPIC_INTENTS, TOPIC_SLOT, BaseAction, Turn
from actions.content.knowledge.lookup import normalize_name
from actions.content.question_cues import asked_field, corrects_itself

# A question the NLU ranked second behind "inform_district" this confidently is what the
# message asks ("I live in Uchte. Who do I talk to about integration?": 0.24).
MIN_QUESTION_CONFIDENCE = 0.15
# Words besides the place: "I live in Uchte" has 3; more is a question or a need
# ("ich wohne in hoya und brauche hilfe"), answered with the district's contacts.
MAX_PLAIN_PLACE_WORDS = 4
# "What about Goslar?", "Und in Goslar?": a place and at most this many words repeats the
# last question for the new place.
MAX_PLACE_FOLLOW_UP_WORDS = 3


# Words that add nothing to a place: "Зрозуміло. А щодо району Northeim?" repeats the last question (v13).
_NOT_COUNTED = frozenset(
    normalize_name(word)
    for word in ("ok", "okay", "understood", "verstehe", "verstanden", "klar", "tamam", "anladım", "понятно", "ясно",
                 "зрозуміло", "باشه", "خب", "طيب", "تمام", "район", "района", "району", "районі", "landkreis", "kreis",
                 "district", "ilçe", "bölge", "منطقة", "منطقه")
)  # fmt: skip


def words_besides_place(text: str, place: str) -> int:
    """How many words the message has that are not the place's name (nor "ok", "understood", "district")."""
    place_words = set(normalize_name(place).split())

    def is_place(word: str) -> bool:
        # An inflected form counts as the place ("Ґосларом", "Нинбурге" for Гослар, Нинбург), and so does one
        # with an Arabic clitic in front ("وبغوسلار": and in Goslar).
        bare = word[2:] if word[:2] in ("وب", "ول", "وف") else word[1:] if word[:1] in ("و", "ب", "ل", "ف") else word
        return any(
            candidate == p or (len(p) >= 4 and candidate.startswith(p[:-1]))
            for p in place_words
            for candidate in {word, bare}
        )

    return sum(
        1
        for word in normalize_name(text).split()
        if not is_place(word) and not word.isdigit() and word not in _NOT_COUNTED
    )


class ActionSetDistrict(BaseAction):
    """Remember the district the user named or shared, then answer what the message asks."""

    def name(self) -> str:
        return "action_set_district"

    def answer(self, turn: Turn) -> None:
        match, unknown = turn.mentioned_district()
        if match is None:
            if unknown:
                turn.not_covered(unknown)
            else:
                turn.say("utter_ask_district", buttons=turn.district_buttons())
            return
        turn.remember(match.district)
        intent = self.question_asked(turn, match.matched, match.district.id)
        if turn.tracker.get_slot(PENDING_SLOT):
            turn.events.append(SlotSet(PENDING_SLOT, None))
        if intent:
            turn.answer_topic(intent)
        else:
            turn.say("utter_district_set", district=match.district.short_name)

    @staticmethod
    def question_asked(turn: Turn, place: str, district_id: str) -> str | None:
        """The district question this message answers: the waiting one, one asked with the
        place, the last one again ("and in Goslar?"), or a need ("brauche Hilfe": contacts)."""
        pending = turn.tracker.get_slot(PENDING_SLOT)
        if pending in TOPIC_INTENTS:
            return str(pending)
        asked = turn.topic_asked_beside(MIN_QUESTION_CONFIDENCE)
        if asked:
            return asked
        text = turn.text
        extra = words_besides_place(text, place)
        # "numara nienburg?", "رقم نينبورغ؟": a place and the word for what is wanted.
        field = asked_field(text) if extra else None
        if field:
            return field
        last = turn.tracker.get_slot(TOPIC_SLOT)
        moved = turn.tracker.get_slot(DISTRICT_SLOT) != district_id  # the same place again: nothing new to say
        # (Or corrected: "نه ببخشید منظورم نینبورگ بود" – no sorry, I meant Nienburg – after the hours of Goslar: v16.)
        if last in TOPIC_INTENTS and moved and (extra <= MAX_PLACE_FOLLOW_UP_WORDS or corrects_itself(text)):
            return str(last)
        return "ask_contact" if extra > MAX_PLAIN_PLACE_WORDS else None
