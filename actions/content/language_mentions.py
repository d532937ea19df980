"""Languages named in a message ("auf Russisch", "немецкий", "almanca konuş", "بالعربي"), without NLU.

The NLU's language entity misses some bare names (held-out language-entity F1
0.88–0.97); this finds them from babel's language names in the seven UI
languages, tolerant to inflection (Slavic and Turkish endings, Arabic articles and
prepositions). Only an unambiguous mention counts: a message naming two languages
("I live in Germany, do you speak English?" aside) gives None.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale

# Languages people ask about: the reply locales and the hotlines' and leaflets' other languages.
CODES = ("de", "en", "ar", "fa", "ru", "uk", "tr", "fr", "ku", "so", "ps", "ti")
UI_LOCALES = ("de", "en", "ar", "fa", "ru", "uk", "tr")
EXTRA_NAMES = {"farsi": "fa", "dari": "fa", "kurmanci": "ku", "kurmanji": "ku"}
# Language names in Latin letters as Arabizi, Finglish and transliterated Russian/Ukrainian write them
# ("w b l3arbia?", "be arabi", "a rosijskoju?", "po-russki"): word beginnings. Not "arab" alone
# (Turkish "araba", car) nor "turk" (a nationality more often than a language).
ROMANIZED_STEMS = {
    "arabi": "ar", "arabe": "ar", "3arab": "ar", "3arbi": "ar", "l3arab": "ar", "l3arbi": "ar", "lo3arabi": "ar",
    "russk": "ru", "rusk": "ru", "rosijs": "ru", "rosiys": "ru", "rossijs": "ru", "rusi": "ru", "ruski": "ru",
    "ukrains": "uk", "ukrajins": "uk", "ukrayins": "uk", "ukrainsk": "uk",
    "engl": "en", "inglis": "en", "englis": "en", "anglij": "en", "angliy": "en", "ingilis": "en",
    "nemec": "de", "nimec": "de", "nemets": "de", "nimets": "de", "almani": "de",
    "turki": "tr", "turkc": "tr", "tureck": "tr", "turets": "tr",
}  # fmt: skip
_ARABIC_PREFIXES = ("بال", "وبال", "وال", "لل", "ال", "ب", "و", "ل")
_WORD = re.compile(r"\w+")
# Arabic and Farsi spellings of the same letters, folded to one; so are the Ukrainian і, є and the Russian ы, э
# that sit on the same keys ("росийською" typed on a Russian keyboard is "російською": blind set v19).
_LETTER_VARIANTS = str.maketrans("أإآيكةіыєэ", "ااایکهииее")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))  # İ -> i, ü -> u
    return text.translate(_LETTER_VARIANTS)


# Short Arabic/Farsi stems are common word beginnings ("روس" in "روستا" village):
# those must be the whole word, with at most an adjective ending.
_SHORT_RTL_ENDINGS = ("", "ی", "یه", "ه")
# "کرد" (Kurdish) is also the Farsi verb "did" (کردی, کرده): never a reliable mention.
_UNRELIABLE = {"کرد"}


def _stem(name: str, ui_locale: str) -> tuple[str, bool]:
    """(stem, exact): what a token must start with, or equal when `exact`."""
    word = _fold(name.split()[0])
    if ui_locale == "en":
        return word, True  # "german" must not match "germany"
    if ui_locale in ("ru", "uk", "tr"):
        return word[:-2] if len(word) > 5 else word, False
    if ui_locale in ("ar", "fa"):
        word = word.removeprefix("ال")
        return word.removesuffix("یه").removesuffix("ه").removesuffix("ی"), False
    return word, False


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, bool, str], ...]:
    entries: set[tuple[str, bool, str]] = {(name, True, code) for name, code in EXTRA_NAMES.items()}
    entries.update((stem, False, code) for stem, code in ROMANIZED_STEMS.items())
    for ui_locale in UI_LOCALES:
        names = Locale.parse(ui_locale).languages
        for code in CODES:
            if code in names:
                stem, exact = _stem(names[code], ui_locale)
                if len(stem) < 3 or stem in _UNRELIABLE:
                    continue
                if ui_locale in ("ar", "fa") and len(stem) < 4:
                    entries.update((stem + ending, True, code) for ending in _SHORT_RTL_ENDINGS)
                else:
                    entries.add((stem, exact, code))
    return tuple(sorted(entries))


def _forms(token: str) -> list[str]:
    forms = [token]
    for prefix in _ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 3:
            forms.append(token[len(prefix) :])
    return forms


def mentioned_language(text: str) -> str | None:
    """The one language code named in `text`, or None (no name, or several)."""
    found: set[str] = set()
    for token in _WORD.findall(_fold(text)):
        for form in _forms(token):
            for stem, exact, code in _table():
                if (form == stem) if exact else form.startswith(stem):
                    found.add(code)
    return found.pop() if len(found) == 1 else None


# "answer me in Arabic", "auf Deutsch bitte": a request for the reply language stays one.
REPLY_REQUEST = re.compile(
    # "speak": to the bot ("can you speak Arabic", "speak russian pls"), not "do they speak russian there?"
    r"(?:antwort|schreib|sprich\b|sprechen sie|answer\b|reply\b|write\b|(?:you|u|^|please|pls) speak\b|talk to me|"
    r"اكتب|جاوب|رد علي|احكي|"
    # (not "do they answer in Farsi there?": "فارسی هم جواب میدن؟", "там отвечают по-русски?" – the line's languages)
    r"بنویس|جواب(?!\s*(?:میدن|می‌دن|میدهند|می‌دهند|میده|می‌ده|نمیدن|نمیده))|صحبت کن|отвеча(?!ют|ет)|ответь|пиши|"
    r"напиш|говори|відповіда(?!ють|є\b)|відповідь|cevap|"
    # Turkish: "türkçe yaz", "yazar mısın", "konuşabilir misin" – not "yazılı bilgi", "orada türkçe konuşuyorlar mı"
    r"yaz(?:\b|ın\b|ar m|abilir|sana)|konuş(?:\b|un\b|ur mus|abilir|sana))",
    re.IGNORECASE,
)


def asks_for_reply_language(text: str) -> bool:
    """True for "answer me in Arabic", "auf Deutsch bitte": the message asks for the reply language
    (not "is the survey in English?", "a Ukrainian church")."""
    return REPLY_REQUEST.search(text) is not None
