"""Surveys: open, upcoming or closed by today's date (Europe/Berlin), with the real dates."""

from __future__ import annotations

from actions.answers.base import PENDING_SLOT, BaseAction, Turn
from actions.content.formatting import join_list, language_names, long_date


class ActionShowSurvey(BaseAction):
    """The surveys of the user's district, or all surveys when the district is unknown – then, unless every
    district has one, the question which district (once): the survey named may not be the asker's."""

    intent = "ask_survey"

    def name(self) -> str:
        return "action_show_survey"

    def answer(self, turn: Turn) -> None:
        knowledge = turn.knowledge
        district = turn.known_district()
        surveys = knowledge.surveys_for(district.id) if district else knowledge.surveys_for()
        if not surveys:
            turn.say("utter_no_survey", district=district.short_name if district else "")
            return
        today = turn.now.date()
        for survey in surveys:
            opens, closes = long_date(survey.opens, turn.locale), long_date(survey.closes, turn.locale)
            status = survey.status(today)
            languages = join_list(
                language_names(survey.languages, turn.locale, turn.content.catalog.language_name("de-simple")),
                turn.locale,
            )
            paper = [c for c in (knowledge.contact(i) for i in survey.paper_copy_from) if c is not None]
            paper_contacts = join_list(
                [f"{c.name} ({c.phones[0].international})" if c.phones else c.name for c in paper], turn.locale
            )
            if status == "closed":
                # What people ask about a past survey (how long, which languages, paper, link) stays answerable.
                turn.say("utter_survey_closed", title=survey.title, opens=opens, closes=closes)
                turn.say(
                    "utter_survey_closed_details",
                    duration=survey.duration_minutes or "",
                    languages=languages,
                    paper_contacts=paper_contacts,
                    url=survey.url,
                )
                continue
            if status == "open":
                turn.say(
                    "utter_survey_open",
                    title=survey.title,
                    closes=closes,
                    url=survey.url,
                    duration=survey.duration_minutes or "",
                    languages=languages,
                )
            else:
                turn.say("utter_survey_upcoming", title=survey.title, opens=opens, closes=closes, url=survey.url)
            turn.say(
                "utter_survey_details",
                duration=survey.duration_minutes or "",
                languages=languages,
                paper_contacts=paper_contacts,
            )
        if (
            district is None
            and {found.district for found in surveys} != {d.id for d in knowledge.districts}
            and turn.tracker.get_slot(PENDING_SLOT) != self.intent
        ):
            turn.ask_for_district(self.intent)  # "is there a survey?" (blind set v13, 5 of 7 locales)
