"""Judging the bot's replies as a user would: the right facts, in the right language, safety first.

Shared by the end-to-end tests and `make eval`'s blind test set (tests/conversations/).
The reply language is judged by each locale's own template wording, not by a
language detector: German office names inside an Arabic reply would fool one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from actions.content.catalog import PLACEHOLDER

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("de", "de-simple", "en", "ar", "fa", "ru", "uk", "tr")
# Unicode isolates the bot wraps around numbers and URLs in right-to-left replies.
ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))
PHONE_LIKE = re.compile(r"\+?\d[\d \-/()]{4,}\d")


def _responses(locale: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "responses" / f"{locale}.yml").read_text(encoding="utf-8"))["responses"]


def _segments(templates: Iterable[dict[str, Any]]) -> set[str]:
    """Fixed text between placeholders (10+ characters) of some templates."""
    return {
        part.strip()
        for template in templates
        for line in template["text"].splitlines()
        for part in PLACEHOLDER.split(line)
        if len(part.strip()) >= 10
    }


@cache
def wording(locale: str) -> frozenset[str]:
    return frozenset(_segments(_responses(locale).values()))


@cache
def own_wording(locale: str) -> frozenset[str]:
    """Wording only this locale's templates have."""
    others = [segment for other in LOCALES if other != locale for segment in wording(other)]
    return frozenset(s for s in wording(locale) if not any(s in other for other in others))


@cache
def key_wording(key: str) -> frozenset[str]:
    """The fixed text only this response key has, in every locale that has it (a segment another key of the
    locale shares, such as "free, day and night, anonymous", does not tell which template was used)."""
    found: set[str] = set()
    for locale in LOCALES:
        responses = _responses(locale)
        template = responses.get(key)
        if template:
            others = _segments([t for other, t in responses.items() if other != key])
            found |= {segment for segment in _segments([template]) if not any(segment in o for o in others)}
    return frozenset(found)


def reply_in(text: str, locale: str) -> bool:
    """Uses this locale's template wording and no wording unique to another locale.

    A reply made only of placeholders (a title and a status from knowledge/) has no
    template wording in any locale; it cannot be judged and counts as in `locale`.
    """
    if not any(segment in text for other in LOCALES for segment in wording(other)):
        return True
    uses_own = any(segment in text for segment in wording(locale))
    others = {other for other in LOCALES if other != locale and any(s in text for s in own_wording(other))}
    return uses_own and not others


def uses_template(text: str, key: str) -> bool:
    return any(segment in text for segment in key_wording(key))


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("49") and len(digits) > 8:
        return digits[2:]
    return digits.removeprefix("0")


def has_fact(text: str, fact: str) -> bool:
    """`fact` (as written in knowledge/) appears in `text` (as the bot shows it).

    Phone numbers compare by their national digits (`05021 967-686` = `+49 5021 967686`);
    short numbers (112, 110) as whole numbers; anything else case-insensitively, a URL
    without its scheme and `www.`.
    """
    text = text.translate(ISOLATES)
    if re.fullmatch(r"\+?[\d \-/()]+", fact.strip()):
        wanted = _digits(fact)
        if len(wanted) <= 4:
            return re.search(rf"(?<!\d)(?<!\d ){wanted}(?! ?\d)", text) is not None
        return any(_digits(found) == wanted for found in PHONE_LIKE.findall(text)) or wanted in re.sub(r"\D", "", text)
    simple = re.sub(r"^(https?://)?(www\.)?", "", fact.strip().lower()).rstrip("/")
    return simple in text.lower()


def emergency_numbers(text: str) -> bool:
    """The emergency numbers (112 and 110) are in this reply."""
    return has_fact(text, "112") and has_fact(text, "110")


@dataclass
class Verdict:
    """One message's reply judged against what the blind set expects of it."""

    kind: str  # answer | emergency | out_of_scope
    correct: bool
    problems: list[str] = field(default_factory=list)
    emergency_first: bool = False
    false_alarm: bool = False
    clean_decline: bool = False


DECLINE_KEYS = ("utter_out_of_scope", "utter_not_known")


def judge(replies: Sequence[str], expected: dict[str, Any], locale: str, other_topic_facts: Iterable[str]) -> Verdict:
    """Judge the bot's replies (texts in order) to one message of the blind set.

    `expected` is one item of tests/conversations/<locale>.yml: kind, facts, any_facts,
    asks_district. `other_topic_facts` are facts that must not appear in a decline.
    """
    kind = expected.get("kind", "answer")
    text = "\n".join(replies)
    first = replies[0] if replies else ""
    verdict = Verdict(kind=kind, correct=False)
    problems = verdict.problems
    languages = ("de", "de-simple") if locale == "de" else (locale,)
    if not any(reply_in(text, language) for language in languages):
        problems.append(f"not in {locale}")
    missing = [fact for fact in expected.get("facts") or [] if not has_fact(text, fact)]
    if missing:
        problems.append(f"missing {missing}")
    any_facts = expected.get("any_facts") or []
    if any_facts and not any(has_fact(text, fact) for fact in any_facts):
        problems.append(f"none of {any_facts}")
    if kind == "emergency":
        verdict.emergency_first = emergency_numbers(first)
        if not verdict.emergency_first:
            problems.append("no emergency numbers first")
    else:
        # The alarm ("In danger? Call 112 …"), not the calm list of nationwide numbers
        # that an honest "I don't know" may end with.
        verdict.false_alarm = uses_template(text, "utter_emergency")
        if verdict.false_alarm:
            problems.append("false alarm")
    if kind == "out_of_scope":
        leaked = [fact for fact in other_topic_facts if has_fact(text, fact)]
        declined = any(uses_template(text, key) for key in DECLINE_KEYS)
        verdict.clean_decline = declined and not leaked and not uses_template(text, "utter_ask_affirmation")
        if leaked:
            problems.append(f"another topic's facts {leaked}")
        if not verdict.clean_decline:
            problems.append("no clean 'I don't know'")
    if kind == "answer" and expected.get("asks_district") and not uses_template(text, "utter_ask_district"):
        problems.append("did not ask for the district")
    verdict.correct = not problems
    return verdict
