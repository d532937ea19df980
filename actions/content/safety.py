"""Emergency detection, checked before every answer: which kinds of danger a message describes.

A statistical model may read "my father collapsed and breathes strangely" as a
question about doctors; that must never cost the user the emergency numbers. So
every message also goes through this small, data-driven classifier:

- ``safety_lexicon.yml`` (next to this file) holds the patterns, per category and
  per language, with comments saying why. Staff edit that file, not this one.
- Messages and patterns are normalised the same way (see ``normalise``): case,
  diacritics, Arabic/Farsi letter variants, apostrophes, punctuation, repeated
  letters. A pattern written in natural spelling ("schlägt", "إسعاف", "می‌زنه")
  therefore also finds "schlaegt", "schlagt", "اسعاف", "میزنه", "می زنه".
- Phrases under ``harmless`` ("erste Hilfe Kurs", "bleeding edge", "im Notfall")
  are blanked out before the patterns run, so the same message can still be an
  emergency because of its other words.

Categories: ``medical`` (112), ``fire`` (112), ``police`` (110),
``violence_against_women`` (help line), ``crisis`` (TelefonSeelsorge). A message
may fall into several; an empty set means no emergency was recognised.

No Rasa import: the content package knows nothing of Rasa.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# The regex parser (validation, and grouping alternatives by first character, see _join).
# Python 3.10 names it sre_parse; later versions re._parser.
if sys.version_info >= (3, 11):  # pragma: no cover
    import re._parser as _sre_parser
else:
    import sre_parse as _sre_parser

LEXICON_PATH = Path(__file__).with_name("safety_lexicon.yml")

CATEGORIES: tuple[str, ...] = ("medical", "fire", "police", "violence_against_women", "crisis")
# The user says it is not acute ("not an emergency", "the ambulance is here", "for a flyer").
NOT_ACUTE = "not_acute"
# Pattern languages of the lexicon; "translit" is Arabic, Russian, Ukrainian and Farsi
# typed in Latin letters (Arabizi "is3af", "pomogite", Finglish "komak").
# Easy German is German: its short sentences are covered by the "de" patterns.
LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "ru", "uk", "tr", "translit")
SCRIPT_OF_LANGUAGE: dict[str, str] = {
    "de": "latin",
    "en": "latin",
    "tr": "latin",
    "translit": "latin",
    "ar": "arabic",
    "fa": "arabic",
    "ru": "cyrillic",
    "uk": "cyrillic",
}
# Latin and Cyrillic patterns match from the start of a word (write \w* in front to
# match inside one: '\w*vergiftung'). This keeps the search fast: the regex engine
# skips every position inside a word. Arabic-script patterns match anywhere, since
# و ف ب ل ال attach to the next word.
_WORD_START = r"(?<![^ ])"
_ANCHORED_SCRIPTS = frozenset({"latin", "cyrillic"})
# After normalisation Latin text is plain a-z; only scripts present in a message are searched.
_SCRIPT_PROBES: dict[str, re.Pattern[str]] = {
    "latin": re.compile(r"[a-z]"),
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
}

# ---------------------------------------------------------------------------
# Normalisation: the same for messages and for the literal parts of patterns.
# ---------------------------------------------------------------------------

# Apostrophes go before NFKC (which would turn "´" into a space and a combining mark):
# "don't" = "dont", "б'є" = "бє", "112'yi" = "112yi".
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼʻ`´′"), None)


def _build_letter_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Latin letters with diacritics -> their base letter: ä->a, ş->s, ğ->g, é->e, ç->c.
    # (Turkish users type "dusuyor" as often as "düşüyor"; German "schlagt" for "schlägt".)
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base.isascii() and base.isalpha():
            table[code] = base.lower()
    table.update({ord("ı"): "i", ord("ß"): "ss", ord("ø"): "o", ord("æ"): "ae", ord("œ"): "oe", ord("ł"): "l"})
    # Stray combining marks (e.g. the dot casefold leaves on Turkish "İ").
    for code in range(0x0300, 0x0370):
        table[code] = None
    # Cyrillic: ё->е (rarely typed), ї->і and ґ->г (Ukrainians on Russian keyboards).
    table.update({ord("ё"): "е", ord("ї"): "і", ord("ґ"): "г"})
    # Arabic script: tashkeel, tatweel and Quranic marks go; letter variants unify.
    for code in [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)]:
        table[code] = None
    for variant in "أإآٱ":
        table[ord(variant)] = "ا"
    for variant in "ىیئېۍ":  # alef maqsura, Farsi ye, ye with hamza -> Arabic ye
        table[ord(variant)] = "ي"
    for variant in "ةۀەھہ":  # ta marbuta and Farsi/Urdu he forms -> he
        table[ord(variant)] = "ه"
    table[ord("ؤ")] = "و"
    table[ord("ک")] = "ك"  # Farsi keheh -> Arabic kaf
    table[ord("ء")] = None  # lone hamza is mostly left out when typing
    # Arabic-Indic and Farsi digits -> 0-9.
    for offset in range(10):
        table[0x0660 + offset] = str(offset)
        table[0x06F0 + offset] = str(offset)
    # Invisible joiners and direction marks. ZWNJ goes: "می‌زنه" = "میزنه".
    for code in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x2066, 0x2067, 0x2068, 0x2069):
        table[code] = None
    return table


_LETTERS = _build_letter_table()
_NON_WORD = re.compile(r"[\W_]+")
# German umlauts typed as digraphs: "schlaegt" = "schlägt" = "schlagt". Applied to
# every Latin word and to the patterns alike, so English "does" is matched as "dos".
_DIGRAPH = re.compile(r"([aou])e")
# "hiiiilfe", "الحقووووني", "помогииите": three or more of a letter count as one.
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
# Farsi present-tense prefix written with a space: "می زنه" = "می‌زنه" = "میزنه".
_FA_MI = re.compile(r"(?<!\w)(ن?مي) (?=\w)")


def _normalise_letters(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_APOSTROPHES)).casefold()
    return text.translate(_LETTERS)


def _normalise_words(text: str) -> str:
    text = _DIGRAPH.sub(r"\1", text)
    text = _REPEAT.sub(r"\1", text)
    return _FA_MI.sub(r"\1", text)


def normalise(text: str) -> str:
    """Casefolded, diacritic-free, letter-unified text; words separated by single spaces."""
    text = _NON_WORD.sub(" ", _normalise_letters(text))
    return _normalise_words(text).strip()


_ESCAPE = re.compile(r"(\\.)")


def normalise_pattern(pattern: str) -> str:
    """A pattern as staff write it -> the pattern run on normalised text.

    Literal text is normalised like a message; backslash escapes (``\\w``, ``\\b``)
    and regex syntax stay. So write patterns in natural spelling.
    """
    parts = _ESCAPE.split(pattern)
    return "".join(part if part.startswith("\\") else _normalise_words(_normalise_letters(part)) for part in parts)


# ---------------------------------------------------------------------------
# The lexicon
# ---------------------------------------------------------------------------

_MACRO = re.compile(r"\{([a-z_]+)\}")


class LexiconError(ValueError):
    """safety_lexicon.yml is unusable; carries every problem found."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Rule:
    """One pattern of the lexicon: where it is, as written, and as run."""

    category: str  # a category, or "harmless"
    language: str
    source: str  # as written in the lexicon
    pattern: str  # macros expanded, normalised, not anchored
    # Its top-level alternatives with the characters a match can start with (None: any).
    alternatives: tuple[tuple[str, frozenset[str] | None], ...]

    @property
    def script(self) -> str:
        return SCRIPT_OF_LANGUAGE[self.language]

    def compile(self) -> re.Pattern[str]:
        anchor = _WORD_START if self.script in _ANCHORED_SCRIPTS else ""
        return re.compile(anchor + "(?:" + self.pattern + ")")


@dataclass(frozen=True)
class _ScriptMatcher:
    harmless: re.Pattern[str] | None
    categories: tuple[tuple[str, re.Pattern[str]], ...]


def _join(rules: Iterable[Rule], script: str) -> re.Pattern[str] | None:
    """One regex for many rules, their alternatives grouped by first character.

    Python's regex engine tries alternatives one after the other at every start
    position. Grouped behind a one-character lookahead ("(?=s)(?:schlägt…|stirbt…)"),
    a word start tries a few dozen groups instead of ~2,500 alternatives. Same matches.
    """
    groups: dict[frozenset[str], list[str]] = {}
    anywhere: list[str] = []
    for rule in rules:
        for alternative, first in rule.alternatives:
            if first is None:
                anywhere.append(alternative)
            else:
                groups.setdefault(first, []).append(alternative)
    if not groups and not anywhere:
        return None
    parts = []
    for first, alternatives in sorted(groups.items(), key=lambda item: sorted(item[0])):
        chars = sorted(first)
        lookahead = re.escape(chars[0]) if len(chars) == 1 else "[" + "".join(re.escape(c) for c in chars) + "]"
        parts.append(f"(?={lookahead})(?:{'|'.join(alternatives)})")
    parts += anywhere
    anchor = _WORD_START if script in _ANCHORED_SCRIPTS else ""
    return re.compile(anchor + "(?:" + "|".join(parts) + ")")


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split at | outside groups and classes: 'a|(?:b|c)d|[|]' -> ['a', '(?:b|c)d', '[|]']."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _analyse(pattern: str) -> tuple[tuple[str, frozenset[str] | None], ...]:
    """The pattern's alternatives with their first characters; re.error if one is invalid."""
    analysed = []
    for alternative in _top_level_alternatives(pattern):
        parsed = _sre_parser.parse(alternative)  # raises re.error like re.compile
        if parsed.getwidth()[0] == 0:
            raise re.error(f"{alternative!r} matches empty text")
        chars, _empty = _first_of(list(parsed.data))
        first = frozenset(chars) if chars is not None and len(chars) <= 40 else None
        analysed.append((alternative, first))
    return tuple(analysed)


def _first_of(items: list[Any]) -> tuple[set[str] | None, bool]:
    """(characters a match can start with, or None for any; whether it can match empty)."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return chars | {chr(av)}, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: look further
        sub: set[str] | None
        if name == "IN":
            sub, empty = set(), False
            for member_op, member in av:
                if str(member_op) == "LITERAL":
                    sub.add(chr(member))
                elif str(member_op) == "RANGE" and member[1] - member[0] < 40:
                    sub.update(chr(c) for c in range(member[0], member[1] + 1))
                else:
                    return None, False
        elif name == "SUBPATTERN":
            sub, empty = _first_of(list(av[-1]))
        elif name == "BRANCH":
            sub, empty = set(), False
            for branch in av[1]:
                branch_chars, branch_empty = _first_of(list(branch))
                if branch_chars is None:
                    return None, False
                sub |= branch_chars
                empty = empty or branch_empty
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            sub, empty = _first_of(list(av[2]))
            empty = empty or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        chars |= sub
        if not empty:
            return chars, False
    return chars, True


class Lexicon:
    """Compiled patterns, searched only for the scripts a message contains."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._not_acute: dict[str, re.Pattern[str]] = {}
        scripts: dict[str, _ScriptMatcher] = {}
        for script in _SCRIPT_PROBES:
            in_script = [r for r in self.rules if r.script == script]
            # What the user calls not acute is blanked out like a harmless phrase: "the ambulance
            # is here" no longer reads as a call for one; "he hits me, no emergency?" still does.
            harmless = _join((r for r in in_script if r.category in ("harmless", NOT_ACUTE)), script)
            not_acute = _join((r for r in in_script if r.category == NOT_ACUTE), script)
            if not_acute is not None:
                self._not_acute[script] = not_acute
            cats: list[tuple[str, re.Pattern[str]]] = []
            for category in CATEGORIES:
                joined = _join((r for r in in_script if r.category == category), script)
                if joined is not None:
                    cats.append((category, joined))
            scripts[script] = _ScriptMatcher(harmless, tuple(cats))
        self._scripts = scripts
        self._compiled: dict[Rule, re.Pattern[str]] = {}  # per rule, for explain() only

    def _regex(self, rule: Rule) -> re.Pattern[str]:
        if rule not in self._compiled:
            self._compiled[rule] = rule.compile()
        return self._compiled[rule]

    def _prepared(self, text: str) -> list[tuple[str, str, _ScriptMatcher]]:
        """(script, harmless-blanked text, matcher) for each script in the normalised text."""
        prepared = []
        # A message of digits only ("112") is checked with the Latin-script patterns.
        scripts = [script for script, probe in _SCRIPT_PROBES.items() if probe.search(text)] or ["latin"]
        for script in scripts:
            matcher = self._scripts[script]
            # " ~ " keeps the words around a blanked phrase from becoming neighbours.
            cleaned = matcher.harmless.sub(" ~ ", text) if matcher.harmless else text
            prepared.append((script, cleaned, matcher))
        return prepared

    def harmless(self, text: str) -> bool:
        """The message contains a phrase of the lexicon's `harmless` or `not_acute` lists ("my phone died",
        "the smoke alarm beeps", "for a flyer")."""
        if not text or text.startswith("/"):
            return False
        normalised = normalise(text)
        return any(
            matcher.harmless is not None and matcher.harmless.search(normalised)
            for _script, _cleaned, matcher in self._prepared(normalised)
        )

    def categories(self, text: str) -> frozenset[str]:
        if not text or text.startswith("/"):  # "/start", "/ask_contact": commands and payloads
            return frozenset()
        found: set[str] = set()
        for _script, cleaned, matcher in self._prepared(normalise(text)):
            for category, regex in matcher.categories:
                if category not in found and regex.search(cleaned):
                    found.add(category)
        return frozenset(found)

    def not_acute(self, text: str) -> bool:
        """The message says the situation is not acute (or no longer): see `not_acute` in the lexicon."""
        normalised = normalise(text)
        return any(
            regex.search(normalised)
            for script, probe in _SCRIPT_PROBES.items()
            if (regex := self._not_acute.get(script)) is not None and probe.search(normalised)
        )

    def explain(self, text: str) -> list[tuple[str, str, str, str]]:
        """(category, language, pattern as written, matched text) for every rule that fires.

        For staff and tests: why was (or wasn't) this message an emergency?
        Harmless rules are listed with the phrase they blanked out.
        """
        if not text or text.startswith("/"):
            return []
        normalised = normalise(text)
        hits = []
        for rule in self.rules:
            if rule.category in ("harmless", NOT_ACUTE):
                match = self._regex(rule).search(normalised)
                if match:
                    hits.append((rule.category, rule.language, rule.source, match.group(0)))
        for script, cleaned, _matcher in self._prepared(normalised):
            for rule in self.rules:
                if rule.category in ("harmless", NOT_ACUTE) or rule.script != script:
                    continue
                match = self._regex(rule).search(cleaned)
                if match:
                    hits.append((rule.category, rule.language, rule.source, match.group(0)))
        return hits

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of patterns per language and category (plus "harmless")."""
        table: dict[str, dict[str, int]] = {lang: {} for lang in LANGUAGES}
        for rule in self.rules:
            table[rule.language][rule.category] = table[rule.language].get(rule.category, 0) + 1
        return table


def _expand(pattern: str, macros: dict[str, str], where: str, problems: list[str]) -> str:
    for _ in range(5):  # macros may use macros, a few levels deep
        expanded = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            break
        pattern = expanded
    unknown = sorted(set(_MACRO.findall(pattern)))
    if unknown:
        problems.append(f"{where}: unknown macro {', '.join('{' + u + '}' for u in unknown)}")
    return pattern


def _strings(value: Any, where: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}: expected a list of patterns in quotes")
        return []
    return value


def parse_lexicon(data: Any, name: str = "safety_lexicon.yml") -> Lexicon:
    """Check and compile the lexicon's data; LexiconError lists every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise LexiconError([f"{name}: expected the sections macros, harmless, categories"])
    raw_macros = data.get("macros") or {}
    if not isinstance(raw_macros, dict):
        problems.append(f"{name}: macros: expected a mapping")
        raw_macros = {}
    rules: list[Rule] = []

    def compile_rule(category: str, language: str, source: str, where: str) -> None:
        macros = {**(raw_macros.get("all") or {}), **(raw_macros.get(language) or {})}
        expanded = _expand(source, {k: str(v) for k, v in macros.items()}, where, problems)
        pattern = normalise_pattern(expanded)
        try:
            alternatives = _analyse(pattern)
        except re.error as error:
            problems.append(f"{where}: {source!r}: {error}")
            return
        rules.append(Rule(category, language, source, pattern, alternatives))

    for section in ("harmless", NOT_ACUTE):
        for language, patterns in (data.get(section) or {}).items():
            if language not in LANGUAGES:
                problems.append(f"{name}: {section}.{language}: unknown language (use {', '.join(LANGUAGES)})")
                continue
            for i, source in enumerate(_strings(patterns, f"{name}: {section}.{language}", problems)):
                compile_rule(section, language, source, f"{name}: {section}.{language}[{i}]")

    categories = data.get("categories")
    if not isinstance(categories, dict):
        problems.append(f"{name}: categories: expected a mapping")
        categories = {}
    for category, by_language in categories.items():
        if category not in CATEGORIES:
            problems.append(f"{name}: categories.{category}: unknown category (use {', '.join(CATEGORIES)})")
            continue
        if not isinstance(by_language, dict):
            problems.append(f"{name}: categories.{category}: expected one list per language")
            continue
        for language, patterns in by_language.items():
            if language not in LANGUAGES:
                problems.append(f"{name}: categories.{category}.{language}: unknown language")
                continue
            where = f"{name}: categories.{category}.{language}"
            for i, source in enumerate(_strings(patterns, where, problems)):
                compile_rule(category, language, source, f"{where}[{i}]")
    for category in CATEGORIES:
        if category not in categories:
            problems.append(f"{name}: categories.{category}: missing")
    if problems:
        raise LexiconError(problems)
    return Lexicon(rules)


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and compile safety_lexicon.yml; a broken file stops the start-up loudly."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError([f"{path.name}: {error}"]) from error
    return parse_lexicon(data, path.name)


# Loaded once at import: a lexicon that does not load must stop the action server
# from starting, not silently switch the safety net off.
LEXICON = load_lexicon()


def emergency_categories(text: str) -> frozenset[str]:
    """The emergency categories a message describes (empty: no emergency recognised)."""
    return LEXICON.categories(text)


def looks_like_emergency(text: str) -> bool:
    """True when the message describes an emergency in any supported language."""
    return bool(emergency_categories(text))


def mentions_harmless(text: str) -> bool:
    """True when the message contains a phrase known to sound alarming without being an emergency
    ("my phone died", "dying of boredom", "the ambulance is here"): the NLU's "emergency" is then no alarm."""
    return LEXICON.harmless(text)


def says_not_acute(text: str) -> bool:
    """True when the user says it is not (or no longer) an emergency: "the ambulance is here",
    "not urgent", "for a flyer". Never overrides an emergency the lexicon recognises."""
    return LEXICON.not_acute(text)


def main(argv: list[str] | None = None) -> int:
    """`python -m actions.content.safety "message"`: the categories and the rules behind them."""
    texts = sys.argv[1:] if argv is None else argv
    for text in texts:
        print(f"{text!r}: {', '.join(sorted(emergency_categories(text))) or 'no emergency'}")
        print(f"  normalised: {normalise(text)!r}")
        for category, language, source, matched in LEXICON.explain(text):
            print(f"  {category} [{language}] {matched!r} <- {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
