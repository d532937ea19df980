"""Topics the bot cannot answer (residence permits, asylum, housing, Jobcenter, …), found by a lexicon.

Most real questions are about things outside the bot's knowledge. A statistical
model tends to map "how do I extend my residence permit" onto the nearest topic it
knows (contacts, opening hours); this lexicon lets the bot say honestly "I don't
know this; here is who does" instead.

The patterns live in ``out_of_scope_lexicon.yml`` next to this file, grouped by
topic and language, so staff can read and extend them. Every message is checked
against every language (people code-switch and write German office words inside
any language), after both the message and the patterns are folded the same way
(see :func:`fold`).

Mixed messages: a message that also asks something in scope ("who at the
integration office can help me with my residence permit") still returns the
out-of-scope topic. Deciding what to answer then (the in-scope answer, the
"we don't know, ask …" note, or both) is the caller's policy, not this module's.

Imports nothing of Rasa.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

from actions.content.yamlsource import Problem, ProblemsError, YamlDocument, load_yaml

logger = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).with_name("out_of_scope_lexicon.yml")

TOPICS: tuple[str, ...] = (
    "residence",
    "asylum",
    "family_reunification",
    "citizenship",
    "housing",
    "registration",
    "benefits",
    "work",
    "school",
    "driving_licence",
    "health_insurance",
    "banking",
    "tax",
    "legal",
    "documents",
    "other_admin",
    "transport",
    "health_care",
    "religion_leisure",
    "repairs_shopping",
    "phones_internet",
    "animals",
    "exams",
)
# "loanwords": German office words as newcomers write them in other scripts
# ("джобцентр", "جوب سنتر"); Latin German words are under "de" and apply everywhere anyway.
LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "fa", "ru", "uk", "tr", "loanwords")

# --- folding ------------------------------------------------------------------------------

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_LETTERS = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i (İ is i + dot, dropped with the other marks)
        "ي": "ی",  # Arabic ya, alef maksura, Farsi ya: one letter
        "ى": "ی",
        "ك": "ک",  # Arabic and Farsi kaf
        "ة": "ه",  # ta marbuta, written as ha by many
        "ە": "ه",  # what ۀ (he with hamza) leaves behind
        "ھ": "ه",
        "ٱ": "ا",
        "ڤ": "ف",
        "ء": None,  # a lone hamza ("لجوء" = "لجو")
        "ـ": None,  # tatweel
        "\u200c": " ",  # ZWNJ (Farsi half-space): "کارت‌اقامت" = "کارت اقامت"
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\u061c": None,
        "\ufeff": None,
        "\u00ad": None,  # soft hyphen
        "'": None,  # apostrophes: "Türkiye'ye", "возз'єднання", "driver's"
        "’": None,
        "‘": None,
        "ʼ": None,
        "`": None,
        "´": None,
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Farsi digits
        # Accents, umlaut dots, cedillas, tashkeel, hamza above/below (after NFKD): dropped.
        **{chr(cp): None for cp in range(0x0300, 0x10000) if unicodedata.combining(chr(cp))},
    }
)
# German umlauts typed as digraphs (Auslaenderbehoerde) read like the plain vowel.
_DIGRAPHS = re.compile(r"([aou])e")
# A letter run next to a run of another script is a separate word: "الjobcenter", "Jobcenterом".
_SCRIPT_JOIN = re.compile(r"(?<=[a-z])(?=[^\W\da-z_])|(?<=[^\W\da-z_])(?=[a-z])")
# Hyphenated compounds (Kranken-Versicherung, Führer·schein, EU-Führerschein) count both
# as one word and as their parts.
_COMPOUND = re.compile(r"\w+(?:[-·‧‐‑]\w+)+")
_COMPOUND_SPLIT = re.compile(r"[-·‧‐‑]")


def _fold_letters(text: str) -> str:
    """Case, accents, umlaut digraphs, Arabic/Farsi letter variants and marks, apostrophes."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_LETTERS)
    return _DIGRAPHS.sub(r"\1", text)


def _split_scripts(text: str) -> str:
    # Latin next to Arabic/Cyrillic letters; [^\W\da-z_] is "a letter that is not a-z".
    return _SCRIPT_JOIN.sub(" ", text)


def fold(text: str) -> str:
    """The form messages and patterns are compared in.

    Lower case; accents, umlauts and Turkish letters dropped (ü = u = ue, ş = s, ı = i);
    Arabic/Farsi letter variants made one (أ إ آ = ا, ي ى = ی, ك = ک, ة = ه) and tashkeel,
    tatweel and lone hamza dropped; ZWNJ read as a space; apostrophes dropped; words of
    different scripts written together split ("الjobcenter"); hyphenated compounds kept
    both joined and split.
    """
    text = _fold_letters(text)
    if not text.isascii():
        text = _split_scripts(text)
    return _COMPOUND.sub(_both_forms, text) if "-" in text or not text.isascii() else text


def _both_forms(match: re.Match[str]) -> str:
    compound = match.group(0)
    return _COMPOUND_SPLIT.sub("", compound) + " " + _COMPOUND_SPLIT.sub(" ", compound)


# --- patterns -----------------------------------------------------------------------------

# A space (or hyphen) in a pattern: any spaces/punctuation, or none ("job center" = "Jobcenter").
_SEPARATOR = r"[\W_]*"
_WORD_START = r"(?<!\w)"
# Arabic words carry their conjunction, preposition and article: و ف + ب ل ک + ال ("وبالإقامة").
_ARABIC_CLITICS = r"(?:[وف]?(?:بال|لل|کال|عال|ال|ب|ل|ک))?"
_ARABIC_GUARD = r"(?=[\u0600-\u06ff])"
_META = set("()|?[]{}.*+^$")


def _fold_pattern(pattern: str) -> str:
    """Fold the literal text of a pattern like messages are folded, leaving regex syntax alone."""
    out: list[str] = []
    literal: list[str] = []
    in_class = False

    def flush() -> None:
        if literal:
            out.append(_fold_letters("".join(literal)))
            literal.clear()

    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            flush()
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                flush()
                out.append(ch)
                in_class = False
            else:
                literal.append(ch)
        elif ch in " -\u200c":
            flush()
            if not out or out[-1] != _SEPARATOR:
                out.append(_SEPARATOR)
        elif ch in _META:
            flush()
            out.append(ch)
            in_class = ch == "["
        else:
            literal.append(ch)
        i += 1
    flush()
    return "".join(out)


@dataclass(frozen=True)
class _Entry:
    topic: str
    language: str
    pattern: str  # as written
    regex: str  # folded, without the word-start anchor
    anywhere: bool  # '*' at the start: may begin inside a word (German compounds)
    arabic: bool  # gets the Arabic clitics
    compiled: re.Pattern[str]  # the pattern alone, anchored
    unless: re.Pattern[str] | None
    unless_patterns: tuple[str, ...]  # as written
    line: int


def _compile_piece(pattern: str, language: str) -> tuple[str, bool, bool]:
    anywhere = pattern.startswith("*")
    body = pattern[1:] if anywhere else pattern
    arabic = language in ("ar", "loanwords") and bool(_ARABIC_SCRIPT.match(body.lstrip("(")))
    return _fold_pattern(body.strip()), anywhere, arabic


def _anchored(regex: str, anywhere: bool, arabic: bool) -> str:
    if anywhere:
        return f"(?:{regex})"
    return f"{_WORD_START}{_ARABIC_CLITICS}(?:{regex})" if arabic else f"{_WORD_START}(?:{regex})"


class Lexicon:
    """The compiled lexicon: one combined regex per topic, plus the patterns with an 'unless'."""

    def __init__(self, entries: Iterable[_Entry]) -> None:
        self.entries = tuple(entries)
        by_topic: dict[str, list[_Entry]] = {}
        conditional: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = []
        for entry in self.entries:
            if entry.unless is None:
                by_topic.setdefault(entry.topic, []).append(entry)
            else:
                conditional.append((entry.topic, entry.compiled, entry.unless))
        groups = dict(by_topic)
        # The patterns with an 'unless' are checked one by one, but only when one of them
        # matches at all (a group of its own in the scan), which few messages do.
        groups[_CONDITIONAL] = [e for e in self.entries if e.unless is not None]
        self._scanner = _Scanner(groups)
        self._conditional = tuple(conditional)

    def topics(self, text: str) -> frozenset[str]:
        folded = fold(text)
        found = self._scanner.groups(folded)
        if _CONDITIONAL in found:
            found.discard(_CONDITIONAL)
            for topic, regex, unless in self._conditional:
                if topic not in found and regex.search(folded) and not unless.search(folded):
                    found.add(topic)
        return frozenset(found)

    def explain(self, text: str) -> list[tuple[str, str, str]]:
        """(topic, language, pattern as written) of every pattern that counts for `text` (for staff and tests)."""
        folded = fold(text)
        hits = []
        for entry in self.entries:
            if entry.compiled.search(folded) and not (entry.unless and entry.unless.search(folded)):
                hits.append((entry.topic, entry.language, entry.pattern))
        return hits


_CONDITIONAL = "_conditional"


class _Scanner:
    """Finds which groups of patterns match, in one pass over the message.

    A locator regex holds every group's word-start patterns together, grouped by first
    letter; it stops only at word starts where some pattern matches (few per message),
    and only there is each group's own regex tried. Patterns that may start inside a
    word ('*') are searched per group; there are few of them.
    """

    def __init__(self, groups: dict[str, list[_Entry]]) -> None:
        starts_by_group: dict[str, str] = {}
        plain_all: list[str] = []
        arabic_all: list[str] = []
        anywhere = []
        for name, entries in groups.items():
            plain = [e.regex for e in entries if not e.anywhere and not e.arabic]
            arabic = [e.regex for e in entries if not e.anywhere and e.arabic]
            if plain or arabic:
                starts_by_group[name] = _starts(plain, arabic)
                plain_all += plain
                arabic_all += arabic
            inside = [e.regex for e in entries if e.anywhere]
            if inside:
                anywhere.append((name, re.compile(_by_first_char(inside))))
        self.locator = re.compile(_WORD_START + "(?=" + _starts(plain_all, arabic_all) + ")")
        self.at_start = tuple((name, re.compile(_WORD_START + starts)) for name, starts in starts_by_group.items())
        self.anywhere = tuple(anywhere)

    def groups(self, folded: str) -> set[str]:
        found: set[str] = set()
        for hit in self.locator.finditer(folded):
            position = hit.start()
            found.update(name for name, regex in self.at_start if name not in found and regex.match(folded, position))
        found.update(name for name, regex in self.anywhere if name not in found and regex.search(folded))
        return found


def _starts(plain: list[str], arabic: list[str]) -> str:
    """The alternation of word-start patterns (Arabic ones after their optional clitics)."""
    parts = []
    if plain:
        parts.append(_by_first_char(plain))
    if arabic:
        # The clitics are costly to try: only at words in Arabic script.
        parts.append(_ARABIC_GUARD + _ARABIC_CLITICS + "(?:" + _by_first_char(arabic) + ")")
    return "(?:" + "|".join(f"(?:{p})" for p in parts) + ")"


def _by_first_char(regexes: list[str]) -> str:
    """The alternation of `regexes`, grouped by first letter: "a(?:uf…|usl…)|v(?:isa\\b)|…".

    Python's regex engine tries alternatives one by one; grouped, a word start tries one
    letter per group instead of every pattern. Same matches as the plain alternation.
    """
    groups: dict[str, list[str]] = {}
    other: list[str] = []
    for regex in regexes:
        split = _first_chars(regex)
        if split is None:
            other.append(regex)
        else:
            for char, rest in split:
                groups.setdefault(char, []).append(rest)
    parts = [re.escape(char) + "(?:" + "|".join(f"(?:{r})" for r in rests) + ")" for char, rests in groups.items()]
    parts.extend(f"(?:{r})" for r in other)
    return "|".join(parts)


_QUANTIFIERS = ("?", "*", "+", "{")


def _first_chars(regex: str, depth: int = 0) -> list[tuple[str, str]] | None:
    """[(first letter, rest of the regex)] covering `regex`: "(ab|c)?d" -> [("a", "bd"), ("c", "d"), ("d", "")].

    Handles a plain letter, an optional letter, a group of alternatives (also optional) and a
    simple [class]; None for anything else (the pattern is then tried at every word start).
    """
    if not regex or depth > 6:
        return None
    first = regex[0]
    if first == "(":
        end = _closing_paren(regex)
        if end is None or regex[1:2] == "?":
            return None
        after, alternatives = regex[end + 1 :], _split_alternatives(regex[1:end])
        if after[:1] == "?" and after[1:2] != "?":
            candidates = [alternative + after[1:] for alternative in alternatives] + [after[1:]]
        elif after[:1] in _QUANTIFIERS:
            return None
        else:
            candidates = [alternative + after for alternative in alternatives]
    elif first == "[":
        end = regex.find("]", 1)
        chars = _class_chars(regex[1:end]) if end > 1 else None
        if chars is None:
            return None
        klass, after = regex[: end + 1], regex[end + 1 :]
        quantifier = after[:1] if after[:1] in _QUANTIFIERS else ""
        if after[1:2] == "?" and quantifier:  # lazy: not worth it
            return None
        if quantifier == "":
            return [(char, after) for char in chars]
        if quantifier == "+":
            return [(char, klass + "*" + after[1:]) for char in chars]
        if quantifier in ("?", "*"):
            rest = _first_chars(after[1:], depth + 1)
            repeat = klass + "*" if quantifier == "*" else ""
            return None if rest is None else [(char, repeat + after[1:]) for char in chars] + rest
        return None
    elif first in _META or first == "\\":
        return None
    elif regex[1:2] == "?" and regex[2:3] != "?":
        rest = _first_chars(regex[2:], depth + 1)
        return None if rest is None else [(first, regex[2:]), *rest]
    elif regex[1:2] in _QUANTIFIERS:
        return None
    else:
        return [(first, regex[1:])]
    result: list[tuple[str, str]] = []
    for candidate in candidates:
        split = _first_chars(candidate, depth + 1)
        if split is None:
            return None
        result.extend(split)
    return result


def _class_chars(content: str) -> list[str] | None:
    """The characters of a simple [class] ("0-9", "äa"); None for negations, escapes, big ranges."""
    if not content or content[0] == "^" or "\\" in content:
        return None
    chars: list[str] = []
    i = 0
    while i < len(content):
        if i + 2 < len(content) and content[i + 1] == "-":
            low, high = ord(content[i]), ord(content[i + 2])
            if not 0 <= high - low < 40:
                return None
            chars.extend(chr(c) for c in range(low, high + 1))
            i += 3
        else:
            chars.append(content[i])
            i += 1
    return sorted(set(chars))


def _scan(regex: str) -> Iterable[tuple[int, str, int, bool]]:
    """(index, char, group depth before it, inside a [class]) for each unescaped char."""
    depth, in_class, i = 0, False, 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        yield i, ch, depth, in_class
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        i += 1


def _closing_paren(regex: str) -> int | None:
    for i, ch, depth, in_class in _scan(regex):
        if ch == ")" and depth == 1 and not in_class:
            return i
    return None


def _split_alternatives(inner: str) -> list[str]:
    cuts = [i for i, ch, depth, in_class in _scan(inner) if ch == "|" and depth == 0 and not in_class]
    bounds = [-1, *cuts, len(inner)]
    return [inner[a + 1 : b] for a, b in zip(bounds, bounds[1:], strict=False)]


# --- loading ------------------------------------------------------------------------------


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and check the lexicon file; all problems at once as ``path:line: message``."""
    doc = load_yaml(path, display_path=path.name)
    entries, problems = _read_entries(doc)
    problems = doc.problems + problems
    if any(p.fatal for p in problems):
        raise ProblemsError(problems)
    return Lexicon(entries)


def _read_entries(doc: YamlDocument) -> tuple[list[_Entry], list[Problem]]:
    problems: list[Problem] = []
    entries: list[_Entry] = []
    data = doc.data
    if doc.problems:
        return entries, problems
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        return entries, [doc.problem((), "the file must have a 'topics:' section")]
    for key in data:
        if key != "topics":
            problems.append(doc.problem((key,), f"unknown section '{key}' (only 'topics:')"))
    for topic, languages in data["topics"].items():
        where: tuple[str | int, ...] = ("topics", topic)
        if topic not in TOPICS:
            problems.append(doc.problem(where, f"unknown topic '{topic}'; topics are: {', '.join(TOPICS)}"))
            continue
        if not isinstance(languages, dict):
            problems.append(doc.problem(where, "a topic lists its patterns by language (de:, en:, ar:, …)"))
            continue
        for language, items in languages.items():
            at = (*where, language)
            if language not in LANGUAGES:
                problems.append(doc.problem(at, f"unknown language '{language}'; use {', '.join(LANGUAGES)}"))
                continue
            if not isinstance(items, list):
                problems.append(doc.problem(at, "a language has a list of patterns, each on a '- ' line"))
                continue
            for index, item in enumerate(items):
                entry, problem = _read_entry(doc, (*at, index), topic, language, item)
                if problem:
                    problems.append(problem)
                elif entry:
                    entries.append(entry)
    return entries, problems + _conflicting_exceptions(doc, entries)


def _conflicting_exceptions(doc: YamlDocument, entries: list[_Entry]) -> list[Problem]:
    """The same pattern under two languages with different 'unless' lists.

    Every pattern is tried on every message, so the Ukrainian 'школ' would also fire
    on Russian text the Russian 'школ' was careful to leave out.
    """
    first: dict[tuple[str, str, bool, bool], _Entry] = {}
    problems = []
    for entry in entries:
        key = (entry.topic, entry.regex, entry.anywhere, entry.arabic)
        seen = first.setdefault(key, entry)
        if seen is not entry and set(seen.unless_patterns) != set(entry.unless_patterns):
            problems.append(
                Problem(
                    doc.path,
                    entry.line,
                    f"'{entry.pattern}' is also under {seen.language} (line {seen.line}) with other 'unless'"
                    " patterns; every pattern is tried on every message, so write it once, with one"
                    " 'unless' list for both languages",
                )
            )
    return problems


def _read_entry(
    doc: YamlDocument, at: tuple[str | int, ...], topic: str, language: str, item: Any
) -> tuple[_Entry | None, Problem | None]:
    unless_items: list[Any] = []
    if isinstance(item, dict):
        unknown = set(item) - {"pattern", "unless"}
        if unknown or "pattern" not in item:
            return None, doc.problem(at, "write a pattern as text, or as 'pattern:' with 'unless:'")
        pattern = item["pattern"]
        unless_value = item.get("unless")
        unless_items = unless_value if isinstance(unless_value, list) else [unless_value]
        if not unless_items or not all(isinstance(u, str) and u.strip() for u in unless_items):
            return None, doc.problem((*at, "unless"), "'unless:' needs a list of patterns: ['*kurs', 'impf']")
    else:
        pattern = item
    if not isinstance(pattern, str) or not pattern.strip():
        hint = doc.quote_hint(at)
        return None, doc.problem(at, f"a pattern must be text{': ' + hint if hint else ''}")
    for text in (pattern, *unless_items):
        if any(unicodedata.category(ch) == "Cc" for ch in text):
            return None, doc.problem(at, "a control character: write \\b in single quotes ('visa\\b'), not in \"…\"")
    regex, anywhere, arabic = _compile_piece(pattern, language)
    try:
        compiled = re.compile(_anchored(regex, anywhere, arabic))
        unless = None
        if unless_items:
            unless = re.compile("|".join(_anchored(*_compile_piece(u, language)) for u in unless_items))
    except re.error as exc:
        return None, doc.problem(at, f"not a valid pattern ({exc}): {pattern!r} {unless_items or ''}")
    if compiled.search("") or compiled.search(" x "):
        return None, doc.problem(at, f"the pattern {pattern!r} matches (almost) every message")
    line = doc.line_of(at)
    return _Entry(topic, language, pattern, regex, anywhere, arabic, compiled, unless, tuple(unless_items), line), None


# --- the running lexicon ------------------------------------------------------------------


_NOT_LOADED = (-1, -1)


class _Live:
    """The lexicon file as last loaded; re-read when it changes, the last good one kept on errors."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp: tuple[int, int] | None = _NOT_LOADED
        self.lexicon: Lexicon | None = None
        self.lock = Lock()

    def get(self) -> Lexicon | None:
        try:
            stat = self.path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self.stamp:
            return self.lexicon
        with self.lock:
            if stamp != self.stamp:
                try:
                    self.lexicon = load_lexicon(self.path)
                except ProblemsError as exc:
                    kept = "keeping the last good one" if self.lexicon else "no out-of-scope topics until it is fixed"
                    logger.error("%s not loaded (%s):\n%s", self.path.name, kept, exc)
                self.stamp = stamp
        return self.lexicon


_LIVE = _Live(LEXICON_PATH)


def out_of_scope_topics(text: str) -> frozenset[str]:
    """Out-of-scope topic ids mentioned in `text` (e.g. {"residence"}); empty when none.

    Also non-empty for mixed messages that ask an in-scope question too; see the module doc.
    Commands ("/start") give none.
    """
    if not text or text.startswith("/"):
        return frozenset()
    lexicon = _LIVE.get()
    return lexicon.topics(text) if lexicon else frozenset()


def main(argv: list[str] | None = None) -> int:
    """`python -m actions.content.out_of_scope "message" …`: the topics and the patterns that matched."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        lexicon = load_lexicon()
    except ProblemsError as exc:
        print(exc)
        return 1
    print(f"{LEXICON_PATH.name}: OK, {len(lexicon.entries)} patterns")
    for text in args:
        print(f"{text!r}: {', '.join(sorted(lexicon.topics(text))) or '(in scope: no topic)'}")
        for topic, language, pattern in lexicon.explain(text):
            print(f"    {topic:<20} {language:<10} {pattern}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
