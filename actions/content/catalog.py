"""Reply templates from responses/<locale>.yml: loading, checking and rendering.

One renderer serves every reply: actions use it for their replies (Turn.say) and the fragments
they assemble, the NLG endpoint for the ``utter_*`` responses Rasa utters itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actions.content.locales import FALLBACK_CHAIN, LOCALES, RTL_LOCALES
from actions.content.yamlsource import Problem, ProblemsError, YamlDocument, load_yaml

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
TELEGRAM_MAX_CHARS = 4096
# Placeholder values in the length check: longer than any real phone, URL or name.
_SAMPLE_VALUE = "x" * 120
_RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LRI, PDI = "\u2066", "\u2069"
_PAYLOAD = re.compile(r"^/[a-z_]+(\{.*\})?$")
_TOP_LEVEL = {"locale", "language_name", "direction", "responses"}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Template:
    text: str
    buttons: tuple[Button, ...] = ()

    @property
    def placeholders(self) -> frozenset[str]:
        names = set(PLACEHOLDER.findall(self.text))
        for button in self.buttons:
            names.update(PLACEHOLDER.findall(button.title))
            names.update(PLACEHOLDER.findall(button.payload))
        return frozenset(names)


@dataclass(frozen=True)
class LocaleTemplates:
    locale: str
    language_name: str
    direction: str
    responses: Mapping[str, Template]


def isolate_ltr(value: str) -> str:
    """Keep phone numbers, e-mails and URLs left-to-right inside Arabic or Farsi text."""
    if not value or "\n" in value or _RTL_LETTER.search(value) or value.startswith(LRI):
        return value
    return f"{LRI}{value}{PDI}"


def substitute(text: str, values: Mapping[str, Any], rtl: bool = False) -> str:
    def replace(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return match.group(0)
        text_value = str(value)
        return isolate_ltr(text_value) if rtl else text_value

    return PLACEHOLDER.sub(replace, text)


@dataclass(frozen=True)
class Catalog:
    """All locales' templates; immutable, swapped as a whole on reload."""

    locales: Mapping[str, LocaleTemplates]

    def keys(self) -> frozenset[str]:
        return frozenset(k for lt in self.locales.values() for k in lt.responses)

    def language_name(self, locale: str) -> str:
        templates = self.locales.get(locale)
        return templates.language_name if templates else locale

    def is_rtl(self, locale: str) -> bool:
        templates = self.locales.get(locale)
        return templates.direction == "rtl" if templates else locale in RTL_LOCALES

    def lookup(self, key: str, locale: str) -> tuple[Template, str] | None:
        """The template for key in locale, else in en, else in de (and which locale it came from)."""
        for candidate in (locale, *FALLBACK_CHAIN):
            templates = self.locales.get(candidate)
            if templates and key in templates.responses:
                return templates.responses[key], candidate
        return None

    def render(self, key: str, locale: str, values: Mapping[str, Any]) -> dict[str, Any] | None:
        """{'text': …, 'buttons': [...]} in Rasa's response format, or None for an unknown key."""
        found = self.lookup(key, locale)
        if found is None:
            return None
        template, used_locale = found
        rtl = self.is_rtl(used_locale)
        return {
            "text": substitute(template.text, values, rtl),
            # Payloads are parsed by Rasa, so they never get direction marks.
            "buttons": [
                {"title": substitute(b.title, values, rtl), "payload": substitute(b.payload, values)}
                for b in template.buttons
            ],
        }

    def text(self, key: str, locale: str, **values: Any) -> str:
        """A fragment's text (line_*, status_*, topic_*), rendered."""
        rendered = self.render(key, locale, values)
        return rendered["text"] if rendered else ""


def load_catalog(directory: Path, known_intents: frozenset[str] | None = None) -> Catalog:
    """Load every responses/<locale>.yml; raise ProblemsError on fatal problems."""
    catalog, problems = _read(directory, known_intents)
    fatal = [p for p in problems if p.fatal]
    if fatal or catalog is None:
        raise ProblemsError(fatal or problems)
    return catalog


def validate_catalog(directory: Path, known_intents: frozenset[str] | None = None) -> list[Problem]:
    """Every problem, fatal or not, in the response files."""
    return _read(directory, known_intents)[1]


def _read(directory: Path, known_intents: frozenset[str] | None) -> tuple[Catalog | None, list[Problem]]:
    problems: list[Problem] = []
    docs: dict[str, YamlDocument] = {}
    for locale in LOCALES:
        doc = load_yaml(directory / f"{locale}.yml")
        problems.extend(doc.problems)
        if doc.data is not None and not doc.problems:
            file_problems = _check_shape(doc, locale, known_intents)
            problems.extend(file_problems)
            if not file_problems:
                docs[locale] = doc
    if not docs:
        return None, problems
    locales = {locale: _build(doc, locale) for locale, doc in docs.items()}
    problems.extend(_check_across_locales(locales, docs))
    return Catalog(locales), sorted(set(problems))


def _check_shape(doc: YamlDocument, locale: str, known_intents: frozenset[str] | None) -> list[Problem]:
    data = doc.data
    if not isinstance(data, dict):
        return [doc.problem((), "the file must be a mapping with locale, language_name, direction, responses")]
    problems = [doc.problem((key,), f"unknown top-level key '{key}'") for key in data if key not in _TOP_LEVEL]
    problems += [doc.problem((), f"missing top-level key '{key}'") for key in sorted(_TOP_LEVEL - set(data))]
    if data.get("locale") not in (None, locale):
        problems.append(doc.problem(("locale",), f"locale is '{data.get('locale')}' but the file is {locale}.yml"))
    if data.get("direction") not in (None, "ltr", "rtl"):
        problems.append(doc.problem(("direction",), "direction must be ltr or rtl"))
    responses = data.get("responses")
    if not isinstance(responses, dict):
        if "responses" in data:
            problems.append(doc.problem(("responses",), "responses must be a mapping of keys to templates"))
        return problems
    for key, template in responses.items():
        path = ("responses", key)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            problems.append(doc.problem(path, f"key '{key}' may only use a-z, 0-9 and _"))
        if not isinstance(template, dict) or not isinstance(template.get("text"), str) or not template["text"].strip():
            hint = doc.quote_hint((*path, "text"))
            problems.append(doc.problem(path, f"'{key}' needs a non-empty text" + (f": {hint}" if hint else "")))
            continue
        extra = set(template) - {"text", "buttons"}
        if extra:
            problems.append(doc.problem((*path, sorted(extra)[0]), f"'{key}' has unknown field '{sorted(extra)[0]}'"))
        problems.extend(_check_buttons(doc, key, template.get("buttons", []), known_intents))
        braces = PLACEHOLDER.sub("", template["text"])
        if "{" in braces or "}" in braces:
            problems.append(
                doc.problem((*path, "text"), f"'{key}' has a broken placeholder: write {{name}} with a-z and _")
            )
        sample = substitute(template["text"], {name: _SAMPLE_VALUE for name in PLACEHOLDER.findall(template["text"])})
        if len(sample) > TELEGRAM_MAX_CHARS:
            problems.append(
                doc.problem(
                    (*path, "text"), f"'{key}' is {len(sample)} characters when filled in; Telegram allows 4096"
                )
            )
    return problems


def _check_buttons(doc: YamlDocument, key: str, buttons: Any, known_intents: frozenset[str] | None) -> list[Problem]:
    path = ("responses", key, "buttons")
    if not isinstance(buttons, list):
        return [doc.problem(path, f"buttons of '{key}' must be a list of title + payload")]
    problems = []
    for i, button in enumerate(buttons):
        if not isinstance(button, dict) or set(button) != {"title", "payload"}:
            problems.append(doc.problem((*path, i), f"button {i + 1} of '{key}' needs exactly a title and a payload"))
            continue
        title, payload = button["title"], button["payload"]
        if not isinstance(title, str) or not title.strip() or len(title) > 64:
            hint = doc.quote_hint((*path, i, "title"))
            problems.append(
                doc.problem(
                    (*path, i, "title"),
                    f"button {i + 1} of '{key}' needs a title of 1-64 characters" + (f": {hint}" if hint else ""),
                )
            )
        if not isinstance(payload, str) or not _PAYLOAD.match(payload.replace("{intent}", "intent")):
            problems.append(
                doc.problem(
                    (*path, i, "payload"),
                    f"button {i + 1} of '{key}': payload must look like /intent or /intent{{...}}",
                )
            )
            continue
        intent = re.match(r"^/([a-z_]+)", payload)
        if known_intents is not None and intent and "{intent}" not in payload and intent.group(1) not in known_intents:
            problems.append(
                doc.problem((*path, i, "payload"), f"button {i + 1} of '{key}': unknown intent '{intent.group(1)}'")
            )
    return problems


def _build(doc: YamlDocument, locale: str) -> LocaleTemplates:
    data = doc.data
    responses = {
        key: Template(
            text=value["text"],
            buttons=tuple(Button(str(b["title"]), str(b["payload"])) for b in value.get("buttons", [])),
        )
        for key, value in data["responses"].items()
    }
    return LocaleTemplates(locale, str(data["language_name"]), str(data.get("direction", "ltr")), responses)


def _check_across_locales(locales: Mapping[str, LocaleTemplates], docs: Mapping[str, YamlDocument]) -> list[Problem]:
    """Same keys and placeholders everywhere, compared with en (else de)."""
    reference_locale = next((loc for loc in ("en", "de") if loc in locales), next(iter(locales)))
    reference = locales[reference_locale].responses
    all_keys = set().union(*(lt.responses.keys() for lt in locales.values()))
    problems = []
    for locale, templates in locales.items():
        doc = docs[locale]
        for key in sorted(all_keys - templates.responses.keys()):
            problems.append(
                doc.problem(("responses",), f"missing key '{key}' (the bot falls back to en, then de)", fatal=False)
            )
        if locale == reference_locale:
            continue
        for key, template in templates.responses.items():
            if key not in reference:
                continue
            expected = reference[key].placeholders
            if template.placeholders != expected:
                missing = ", ".join(sorted(expected - template.placeholders)) or "-"
                unknown = ", ".join(sorted(template.placeholders - expected)) or "-"
                problems.append(
                    doc.problem(
                        ("responses", key),
                        f"'{key}' placeholders differ from {reference_locale}.yml"
                        f" (missing: {missing}; unknown: {unknown})",
                    )
                )
            expected_payloads = [b.payload for b in reference[key].buttons]
            if [b.payload for b in template.buttons] != expected_payloads:
                problems.append(
                    doc.problem(
                        ("responses", key, "buttons"), f"'{key}' button payloads differ from {reference_locale}.yml"
                    )
                )
    return problems
