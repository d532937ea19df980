"""The custom actions: one module per topic, each class only answers.

Actions are registered explicitly (see `all_actions`) with their runtime passed in,
so the action server serves exactly the domain's custom actions and nothing that
merely subclasses rasa_sdk's `Action`.
"""

from __future__ import annotations

from actions.answers.base import BaseAction
from actions.answers.concepts import ActionShowConcept, ActionShowLanguageCourse
from actions.answers.contacts import ActionShowContact
from actions.answers.district import ActionSetDistrict
from actions.answers.emergency import ActionEmergency
from actions.answers.events import ActionShowEvent
from actions.answers.fallback import ActionDefaultAskAffirmation, ActionDefaultFallback
from actions.answers.handover import ActionHandover
from actions.answers.hotlines import ActionShowHotline
from actions.answers.info_links import (
    ActionShowEasyLanguageInfo,
    ActionShowSignLanguageInfo,
    ActionShowVaccinationInfo,
)
from actions.answers.language import ActionChooseLanguage
from actions.answers.opening_hours import ActionShowOpeningHours
from actions.answers.privacy import ActionPrivacy
from actions.answers.runtime import Runtime
from actions.answers.small_talk import (
    ActionBotChallenge,
    ActionDefaultAskRephrase,
    ActionGoodbye,
    ActionGreet,
    ActionHelp,
    ActionOutOfScope,
    ActionThank,
)
from actions.answers.surveys import ActionShowSurvey

ACTION_CLASSES: tuple[type[BaseAction], ...] = (
    ActionGreet,
    ActionGoodbye,
    ActionThank,
    ActionHelp,
    ActionBotChallenge,
    ActionOutOfScope,
    ActionDefaultAskRephrase,
    ActionShowContact,
    ActionShowOpeningHours,
    ActionShowHotline,
    ActionShowVaccinationInfo,
    ActionShowSignLanguageInfo,
    ActionShowEasyLanguageInfo,
    ActionShowSurvey,
    ActionShowEvent,
    ActionShowConcept,
    ActionShowLanguageCourse,
    ActionChooseLanguage,
    ActionSetDistrict,
    ActionEmergency,
    ActionHandover,
    ActionPrivacy,
    ActionDefaultAskAffirmation,
    ActionDefaultFallback,
)


def all_actions(runtime: Runtime) -> list[BaseAction]:
    """One instance of every custom action, all answering from `runtime`."""
    return [action_class(runtime) for action_class in ACTION_CLASSES]
