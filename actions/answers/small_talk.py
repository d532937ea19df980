"""Small talk and navigation replies: greeting, goodbye, thanks, help, who am I, off-topic.

They are actions rather than bare ``utter_*`` responses so that every reply passes
the same checks (reply language, emergency safety net) in actions.base.
"""

from __future__ import annotations

from actions.answers.base import DISTRICT_SLOT, TOPIC_SLOT, BaseAction, Turn
from actions.answers.fallback import answer_a_place, answer_what_is_recognised, ask_to_rephrase
from actions.content.question_cues import asks_for_a_name, corrects_itself


class TemplateAction(BaseAction):
    """Answer with one template; subclasses name the action and the template."""

    action_name = ""
    template = ""

    def name(self) -> str:
        return self.action_name

    def answer(self, turn: Turn) -> None:
        turn.say(self.template)


class ActionGreet(TemplateAction):
    """Hello and what the bot covers; a place in the greeting ("hi, I live in Liebenau") is remembered and said;
    a question asked with the greeting ("hi, baddi ra2am maktab el integration b Nienburg") is answered instead."""

    action_name, template = "action_greet", "utter_greet"

    def answer(self, turn: Turn) -> None:
        if turn.answer_asked_field(min_words=3):
            return
        if corrects_itself(turn.text) and answer_a_place(turn):
            return  # "na bebakhshid manzooram Goslar bood" (v18, read as a greeting): the last question there
        turn.say(self.template)
        match, _unknown = turn.mentioned_district()
        if match is not None and turn.tracker.get_slot(DISTRICT_SLOT) != match.district.id:
            turn.remember(match.district)
            turn.say("utter_district_set", district=match.district.short_name)


class ActionGoodbye(TemplateAction):
    """Goodbye; a message asking for hours, a phone number or an address is that question ("w emta byefta7o?")."""

    action_name, template = "action_goodbye", "utter_goodbye"

    def answer(self, turn: Turn) -> None:
        if turn.answer_asked_field(min_words=2):
            return
        turn.say(self.template)


class ActionThank(TemplateAction):
    """You're welcome; a question asked with the thanks ("а сайт в них який? дякую!!") is answered first."""

    action_name, template = "action_thank", "utter_thank"

    def answer(self, turn: Turn) -> None:
        if turn.answer_asked_field(min_words=3):
            return
        turn.say(self.template)


class ActionHelp(TemplateAction):
    """What the bot can do, with topic buttons."""

    action_name, template = "action_help", "utter_help"


class ActionBotChallenge(TemplateAction):
    """I am a bot; how to reach a person – unless the name of someone just named is asked ("а кто это, как её
    зовут?" after the contacts): the contacts again."""

    action_name, template = "action_bot_challenge", "utter_bot_challenge"

    def answer(self, turn: Turn) -> None:
        if turn.tracker.get_slot(TOPIC_SLOT) == "ask_contact" and asks_for_a_name(turn.text):
            turn.answer_topic("ask_contact")
            return
        turn.say(self.template)


class ActionOutOfScope(BaseAction):
    """Off-topic: an honest "I don't know" and who does."""

    def name(self) -> str:
        return "action_out_of_scope"

    def answer(self, turn: Turn) -> None:
        # "02763" alone is the district; with the bot's question for the district waiting, any place answers it;
        # "daftar saat chand baz mishe?": the word for what is wanted (hours, a phone number) places it.
        if not answer_what_is_recognised(turn, None if turn.answers_the_district_question else 1):
            turn.decline()


class ActionDefaultAskRephrase(BaseAction):
    """Second stage of the fallback: please say it differently (replaces Rasa's default) – unless the message is a
    greeting or thanks, a short follow-up of the last topic ("and friday?"), a covered place or has a word for what
    is wanted ("телефон" after "ну і?", the district known): that is answered (answer_what_is_recognised)."""

    def name(self) -> str:
        return "action_default_ask_rephrase"

    def answer(self, turn: Turn) -> None:
        if not answer_what_is_recognised(turn):  # "and friday?" right after the opening hours, a place, …
            ask_to_rephrase(turn)
