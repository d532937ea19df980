"""Integration concepts (guiding values, measures, status) and German courses."""

from __future__ import annotations

from typing import Any

from actions.answers.base import DistrictAction, Turn
from actions.content.formatting import join_list
from actions.content.knowledge.models import Concept, District
from actions.content.question_cues import asks_for_a_person, asks_who_made_it


class ActionShowConcept(DistrictAction):
    """The district's integration concept."""

    intent = "ask_concept"

    def name(self) -> str:
        return "action_show_concept"

    def answer_for(self, turn: Turn, district: District) -> None:
        if asks_for_a_person(turn.text):
            # "who is responsible for it / who can I call about the concept?": who the concept names as responsible
            # (the Görlitz measures each name theirs), then the district's contacts.
            for concept in turn.knowledge.concepts_for(district.id):
                named: dict[str, Any] = {"district": district.short_name, "title": concept.title}
                if concept.responsible:
                    turn.say("utter_concept_responsible", responsible=concept.responsible, **named)
                elif concept.measures:
                    turn.say("utter_concept_measures", measures=measures_list(concept), **named)
            turn.answer_topic("ask_contact")
            return
        concepts = turn.knowledge.concepts_for(district.id)
        if not concepts:
            turn.say("utter_no_concept", district=district.short_name)
            return
        for concept in concepts:
            common: dict[str, Any] = {"district": district.short_name, "title": concept.title}
            if concept.values:
                turn.say(
                    "utter_concept_values", values=join_list([v.name for v in concept.values], turn.locale), **common
                )
            if concept.measures:
                turn.say("utter_concept_measures", measures=measures_list(concept), **common)
            if concept.status and not concept.measures:
                turn.say("utter_concept_status", status=concept.status, **common)
            if concept.responsible and asks_who_made_it(turn.text):
                # "wer hat das gemacht" (v19): who is responsible for it, beside what it is
                turn.say("utter_concept_responsible", responsible=concept.responsible, **common)
            if concept.url:
                turn.say("utter_more_information", url=concept.url)


class ActionShowLanguageCourse(DistrictAction):
    """Who organises German courses in the district, where the sources say so."""

    intent = "ask_language_course"

    def name(self) -> str:
        return "action_show_language_course"

    def answer(self, turn: Turn) -> None:
        match, unknown = turn.mentioned_district()
        district = match.district if match else (None if unknown else turn.remembered_district())
        if district is None or not self.providers(turn, district):
            # No course list (registration, costs, the Berechtigungsschein are not in the sources): the honest
            # "I don't know" and who does - the district's contacts, or the offer to pick a district.
            turn.decline(placed=True)  # a question about German courses: no call for the emergency numbers
            return
        self.answer_for(turn, district)

    @staticmethod
    def providers(turn: Turn, district: District) -> list[str]:
        return [p for c in turn.knowledge.concepts_for(district.id) for p in c.language_course_providers]

    def answer_for(self, turn: Turn, district: District) -> None:
        turn.remember(district)
        providers = self.providers(turn, district)
        turn.say("utter_language_course", district=district.short_name, providers=join_list(providers, turn.locale))


def measures_list(concept: Concept) -> str:
    """The concept's measures, one bullet line each, with who carries it out."""
    return "\n".join(f"• {m.measure} ({m.responsible})" for m in concept.measures)
