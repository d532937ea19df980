"""Which language to answer in: one policy for REST, Telegram and the terminal chat.

1. the locale the user chose explicitly (slot ``locale``, set by the picker,
   /language or "please answer in Arabic"), or a ``locale`` in the message metadata;
2. else the language of the current message, when detection is confident (in Latin letters
   also Russian, Ukrainian, Farsi and Arabic: word cues, then the romanized identifier);
3. else the language of the latest earlier message that was detected confidently
   (if the current message's alphabet allows it: Cyrillic is never German);
4. else a loose guess on the current message (Latin script: de, en or tr);
5. else the channel's hint (metadata ``language_code``, e.g. Telegram's), if supported
   and allowed by the alphabet;
6. else Russian for Cyrillic, Arabic for Arabic script, German for everything else.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from actions.content.language_cues import (
    arabic_script_word_votes,
    cyrillic_word_votes,
    function_word_votes,
    tokens,
    translit_locale,
    ukrainian_on_a_russian_keyboard,
)
from actions.content.locales import DEFAULT_LOCALE, normalize_locale
from actions.content.question_cues import greeting_or_thanks, plain_words
from actions.content.romanized import LATIN_LOCALES, RomanizedLanguageIdentifier

# Below these, lingua's guesses on chat messages were wrong too often to switch
# the reply language on them (greetings like "hi", names, one-word topics).
# Measured on nlu_test/ (see tests/test_language_detection.py for the floor).
MIN_CONFIDENCE = 0.50
MIN_MARGIN = 0.30  # over the runner-up: "I live in Einbeck" is German 0.56 vs English 0.4
MIN_LETTERS = 8
MIN_WORDS = 2
# A weak guess is used only when neither the message, the conversation nor the channel
# says the language: the first message "Hi, I live in Uchte" is better answered in
# English than in the German default.
WEAK_MIN_LETTERS = 3
WEAK_MIN_CONFIDENCE = 0.40
WEAK_MIN_MARGIN = 0.10

# The romanized identifier decides messages of at least this many words: on two ("hmm tamam",
# Turkish and Arabic alike) it was sure too often.
MIN_ROMANIZED_WORDS = 3
# lingua's confident German, English or Turkish stands against the identifier's romanized guess when the
# identifier gives that language at least this much (measured on the blind sets' Latin messages).
MIN_LINGUA_SUPPORT = 0.15
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Letters only one of the two languages has decide between them on short messages.
_ONLY_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_ONLY_RUSSIAN = re.compile(r"[ыэъёЫЭЪЁ]")
# Likewise Persian and Arabic: letters the other alphabet lacks.
_ONLY_PERSIAN = re.compile(r"[پچژگ]")
_ONLY_ARABIC = re.compile(r"[ةى]")
# The light detector (LightLanguageDetector) also counts the keyboard forms of ya and kaf,
# and Turkish against German letters.
_LIGHT_ONLY_PERSIAN = re.compile("[\u067e\u0686\u0698\u06af\u06cc\u06a9]")  # پ چ ژ گ ی ک
_LIGHT_ONLY_ARABIC = re.compile("[\u0629\u064a\u0643\u0649]")  # ة ي ك ى
_ONLY_TURKISH = re.compile(r"[şğıŞĞİ]")
_ONLY_GERMAN = re.compile(r"[äßÄ]")
_GERMAN_OR_TURKISH_LETTERS = re.compile(r"[äöüßçşğıÄÖÜÇŞĞİ]")
_LATIN_WORD = re.compile(r"\b[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w./-]*", re.UNICODE)
# Place names in Latin letters inside Arabic or Cyrillic text ("انا ساكن في Einbeck")
# must not make the message look German: the script decides the candidates.
_SCRIPT_LOCALES = {"arabic": {"ar", "fa"}, "cyrillic": {"ru", "uk"}, "latin": {"de", "en", "tr"}}

# Greetings and one-word requests that say the language on their own, however short
# ("Hello" and "Привет" as a first message must not get a German answer). Only words
# one supported language owns: "ok" and "merci"/"مرسي" are left out; "salam"/"سلام" alone is
# Farsi (Arabic speakers greet with "السلام عليكم" or "مرحبا": blind sets v1–v13, 6 bare "سلام"
# in Farsi conversations, 1 in Arabic). Letters repeated for emphasis count once ("hiii",
# "merhabaaa"); "bro", "ok", "pls" beside a phrase do not change it ("tashakor bro").
_SHORT_PHRASES: dict[str, frozenset[str]] = {
    "de": frozenset({"hallo", "hallöchen", "moin", "moin moin", "servus", "guten tag", "guten morgen",
                     "guten abend", "grüß gott", "grüß dich", "danke", "danke schön", "dankeschön", "vielen dank",
                     "tschüss", "hilfe", "ich brauche hilfe"}),
    "en": frozenset({"hello", "hi", "hey", "hiya", "yo", "hi there", "hey there", "hello there", "good morning",
                     "good evening", "good afternoon", "thanks", "thank you", "thank u", "thanks a lot", "thx", "ty",
                     "bye", "goodbye", "help", "help me", "i need help"}),
    "tr": frozenset({"merhaba", "merhabalar", "mrb", "selam", "selamlar", "slm", "selamün aleyküm", "günaydın",
                     "gunaydin", "iyi günler", "iyi gunler", "teşekkürler", "tesekkurler", "teşekkür ederim", "tşk",
                     "sağol", "sagol", "sağ ol", "saol", "eyvallah", "kolay gelsin", "yardım", "yardim", "nasılsın",
                     "nasilsin"}),
    "ru": frozenset({"привет", "здравствуйте", "здрасте", "здрасьте", "добрый день", "доброе утро", "добрый вечер",
                     "спасибо", "спасибо большое", "большое спасибо", "спс", "благодарю", "помогите", "помощь",
                     "пока"}),
    "uk": frozenset({"привіт", "вітаю", "здрастуйте", "добрий день", "доброго дня", "добрий вечір", "доброго ранку",
                     "дякую", "дуже дякую", "щиро дякую", "допоможіть", "допомога"}),
    "ar": frozenset({"مرحبا", "مرحباً", "اهلا", "أهلا", "أهلاً", "اهلين", "هلا", "هلو", "السلام عليكم", "شكرا",
                     "شكراً", "مشكور", "مشكورين", "يسلمو", "تسلم", "كيفك", "شلونك", "ازيك", "إزيك", "مساعدة",
                     "ساعدوني", "صباح الخير", "مساء الخير", "ezayak", "ezayek", "ezzayak", "izzayak", "kifak", "kifik",
                     "keefak", "shlonak", "shlonik", "ahlan", "marhaba", "yislamo", "yislamu"}),
    "fa": frozenset({"سلام", "salam", "درود", "ممنون", "ممنونم", "مرسی", "خسته نباشید", "کمک", "کمکم کنید",
                     "صبح بخیر", "روز بخیر", "چطوری", "خوبی", "سلام خوبی", "tashakor", "tashakkor", "tashakur",
                     "khubi", "khoobi", "chetori", "dorood", "dorud", "mersi"}),
}  # fmt: skip
_PHRASE_LOCALE = {phrase: locale for locale, phrases in _SHORT_PHRASES.items() for phrase in phrases}
_FILLERS = frozenset({"bro", "ok", "okay", "oki", "pls", "plz", "please"})
# Greetings several languages use: they decide a first message only, later the conversation's language stays.
_SHARED_GREETINGS = frozenset({"سلام", "salam"})

_LINGUA_TO_LOCALE = {
    "GERMAN": "de",
    "ENGLISH": "en",
    "ARABIC": "ar",
    "PERSIAN": "fa",
    "RUSSIAN": "ru",
    "UKRAINIAN": "uk",
    "TURKISH": "tr",
}


class LanguageDetector:
    """lingua restricted to the supported languages, all its models (1- to 5-grams); they load on first use.

    The action server's: it decides the language of the main reply.
    """

    min_margin = MIN_MARGIN

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()
        self._ignored: re.Pattern[str] | None = None
        self.romanized = self._romanized_identifier()

    @staticmethod
    def _romanized_identifier() -> RomanizedLanguageIdentifier | None:
        return RomanizedLanguageIdentifier()

    def ignore(self, words: Iterable[str]) -> None:
        """Names to leave out before detecting (places: "Nienburg" is neither German nor English)."""
        names = sorted({w.strip() for w in words if len(w.strip()) >= 3}, key=len, reverse=True)
        # With an ending of up to four letters: "а в Нортхайме?", "Nienburgdaki" (Slavic and Turkish cases).
        # With an Arabic clitic in front too: "وجوسلار" (and Goslar), "بنينبورغ".
        self._ignored = (
            re.compile(r"(?<!\w)(?:[وبلف]{1,2})?(?:" + "|".join(map(re.escape, names)) + r")\w{0,4}\b", re.IGNORECASE)
            if names
            else None
        )
        _detect_cached.cache_clear()

    def _get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from lingua import Language, LanguageDetectorBuilder

                languages = [getattr(Language, name) for name in _LINGUA_TO_LOCALE]
                self._detector = self._build(LanguageDetectorBuilder.from_languages(*languages))
            return self._detector

    def _build(self, builder: Any) -> Any:
        return builder.with_preloaded_language_models().build()

    def _by_letters(self, text: str, script: str) -> str | None:
        """The locale when letters only one language of the script's pair writes decide it."""
        if script == "cyrillic":
            decided = _one_of(text, (_ONLY_UKRAINIAN, "uk"), (_ONLY_RUSSIAN, "ru"))
            if decided == "ru" and ukrainian_on_a_russian_keyboard(tokens(text)):
                return "uk"  # "колы дзвонить": ы for и (blind set v16)
            return decided
        if script == "arabic":
            # Farsi on an Arabic keyboard: two or more words only Farsi uses, none only Arabic uses, win over
            # the Arabic letters (ي ك ة) the keyboard typed.
            votes = arabic_script_word_votes(tokens(text))
            if votes["fa"] >= 2 and not votes["ar"]:
                return "fa"
            return _one_of(text, (_ONLY_PERSIAN, "fa"), (_ONLY_ARABIC, "ar"))
        return None

    def warm_up(self) -> None:
        """Load the language models (and train the romanized identifier) now instead of on the first message."""
        self.detect("Wo finde ich Informationen zur Impfung in meiner Sprache?")
        if self.romanized is not None:
            self.romanized.warm_up()

    def detect(self, text: str) -> str | None:
        """The locale of text when the guess is confident, else None."""
        return _detect_cached(self, text.strip())

    def script_locales(self, text: str) -> frozenset[str] | None:
        """The locales the message's alphabet allows: Cyrillic is ru/uk, Arabic script ar/fa;
        None for Latin script (de, en, tr) or no letters."""
        if text.startswith("/"):
            return None
        if _ARABIC_SCRIPT.search(text):
            return frozenset(_SCRIPT_LOCALES["arabic"])
        if _CYRILLIC.search(text):
            return frozenset(_SCRIPT_LOCALES["cyrillic"])
        return None

    def detect_weak(self, text: str) -> str | None:
        """lingua's best guess with loose thresholds, for a message nothing else decides:
        better than a German default for "Hi, I live in Uchte" or "я живу в Ухте"."""
        return _detect_cached(self, text.strip(), weak=True)

    def _detect_uncached(self, text: str, weak: bool = False) -> str | None:
        if not text or text.startswith("/"):
            return None  # button payloads are not language
        phrase = _phrase(text)
        if phrase in _PHRASE_LOCALE:
            return _PHRASE_LOCALE[phrase]
        # Ukrainian place-name spellings are Ukrainian ("номер нінбург?"): letters before names are removed.
        if _CYRILLIC.search(text) and not _ARABIC_SCRIPT.search(text):
            decided = self._by_letters(text, "cyrillic")
            if decided:
                return decided
        if self._ignored is not None:
            text = " ".join(self._ignored.sub(" ", text).split())
        script = "arabic" if _ARABIC_SCRIPT.search(text) else "cyrillic" if _CYRILLIC.search(text) else "latin"
        # Letters decide even short messages ("А адрес?" stays undecided, "Привіт" is Ukrainian).
        decided = self._by_letters(text, script)
        if decided:
            return decided
        if script == "cyrillic":
            # Without those letters, words only one of the two uses: "я з Ейнбека", "горить квартира".
            votes = cyrillic_word_votes(tokens(text)).most_common()
            if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
                return votes[0][0]
        words = tokens(text) if script == "latin" else []
        found = self._detect_in_script(text, script, words, weak)
        if found is not None and self.romanized is not None and len(words) >= MIN_ROMANIZED_WORDS:
            # Where the identifier is sure and the rules are not of its mind, it knows better (measured on the
            # blind sets' Latin-script messages: Turkish with German office words, Ukrainian with a Russian cue).
            sure = _plausible(self.romanized.sure_of(" ".join(words)), text)
            if sure is not None:
                return sure
        return found

    def _detect_in_script(self, text: str, script: str, words: list[str], weak: bool) -> str | None:
        # Russian, Ukrainian, Farsi and Arabic in Latin letters: lingua knows them only in their own script.
        transliterated = translit_locale(words)
        if transliterated:
            return transliterated
        verdict = self._lingua_verdict(text, script, words, weak)
        short = len(words) < MIN_ROMANIZED_WORDS
        if self.romanized is not None and words and (not short or verdict in LATIN_LOCALES):
            # Spellings no word list holds ("saate kari edare ... chande", "susid ne dysze"): how the words sound –
            # unless lingua is confident of German, English or Turkish and the identifier finds that language
            # plausible too ("babam nefes alamiyo": Turkish, though "babam" and "nefes" are Farsi words as well).
            # One or two words ("ok, diakuyu") only against lingua's guess, and only when the identifier is sure.
            joined = " ".join(words)
            romanized = _plausible(self.romanized.sure_of(joined) if short else self.romanized.identify(joined), text)
            support = self.romanized.probabilities(joined).get(verdict, 0.0) if verdict else 0.0
            if romanized and support < MIN_LINGUA_SUPPORT:
                return romanized
        return verdict

    def _lingua_verdict(self, text: str, script: str, words: list[str], weak: bool) -> str | None:
        letters = sum(ch.isalpha() for ch in text)
        min_letters, min_words = (WEAK_MIN_LETTERS, 1) if weak else (MIN_LETTERS, MIN_WORDS)
        if letters < min_letters or len(text.split()) < min_words:
            return None
        if weak and script != "latin":
            return None  # "я живу в": Russian and Ukrainian alike; the hint or Russian decides
        if script != "latin":
            text = _LATIN_WORD.sub(" ", text)
        candidates = [
            (locale, v.value)
            for v in self._get().compute_language_confidence_values(text)
            if (locale := _LINGUA_TO_LOCALE.get(v.language.name)) in _SCRIPT_LOCALES[script]
        ]
        total = sum(value for _, value in candidates)
        if not candidates or total <= 0:
            return _by_function_words(words, None)
        top_locale, top = candidates[0][0], candidates[0][1] / total
        runner_up = candidates[1][1] / total if len(candidates) > 1 else 0.0
        min_top, min_margin = (WEAK_MIN_CONFIDENCE, WEAK_MIN_MARGIN) if weak else (MIN_CONFIDENCE, self.min_margin)
        if top < min_top or top - runner_up < min_margin:
            return _by_function_words(words, None)
        return _by_function_words(words, top_locale)


class LightLanguageDetector(LanguageDetector):
    """The bot's detector, for the replies it renders itself (fallback when Rasa is down).

    lingua's low-accuracy mode loads only its trigram models: the bot process stays near
    100 MB instead of growing by about 280 MB with the first detected message. What the
    trigrams lose on short messages is mostly won back by letters only one language of a
    pair writes (Persian پ چ ژ گ ی ک against Arabic ة ي ك ى; Turkish ş ğ ı against German
    ä ß), checked before lingua, and by a wider margin over the runner-up: in doubt, the
    policy's next step (the Telegram language_code) decides. Measured on responses/,
    tests/e2e/questions.yml and nlu_test/ against the full detector: precision 0.977 vs
    0.988, coverage 0.875 vs 0.881 on nlu_test/ (floors in tests/content/test_language_detection.py).
    """

    min_margin = 0.60  # 0.30 let trigrams call short English with a German place name German

    @staticmethod
    def _romanized_identifier() -> RomanizedLanguageIdentifier | None:
        return None  # scikit-learn and its model would add ~40 MB to the bot; the word cues still apply

    def _build(self, builder: Any) -> Any:
        return builder.with_low_accuracy_mode().build()

    def _by_letters(self, text: str, script: str) -> str | None:
        if script == "arabic":
            return _one_of(text, (_LIGHT_ONLY_PERSIAN, "fa"), (_LIGHT_ONLY_ARABIC, "ar"))
        if script == "latin":
            return _one_of(text, (_ONLY_TURKISH, "tr"), (_ONLY_GERMAN, "de"))
        return super()._by_letters(text, script)


def _plausible(romanized: str | None, text: str) -> str | None:
    """The romanized identifier's verdict, unless the text rules it out: Russian, Ukrainian, Farsi and Arabic
    written in Latin letters have no ş, ğ, ı, and German letters at most in a loanword ("pool-e bürgergeld ma ra
    nadade" is Farsi), nor two Turkish function words ("Ninburg migration büro email adresi ne" is Turkish)."""
    if romanized not in ("ar", "fa", "ru", "uk"):
        return romanized
    words = tokens(text)
    german_letters = sum(1 for w in words if _GERMAN_OR_TURKISH_LETTERS.search(w))
    turkish = function_word_votes(words).get("tr", 0)
    if _ONLY_TURKISH.search(text) or german_letters >= 2 or turkish >= 2 or (german_letters and turkish):
        return None
    return romanized


def _by_function_words(words: list[str], guess: str | None) -> str | None:
    """The Latin-script locale whose function words clearly dominate, else lingua's guess.

    "nienburgdaki Koordinierungsstelle adresi nerde gitmek istiyorum": one German
    compound outweighs the Turkish grammar in n-grams, not in function words. Clearly:
    at least two, and more than twice as many as the guessed language has.
    """
    votes = function_word_votes(words)
    if not votes:
        return guess
    (best, count), *_ = votes.most_common()
    # One cue is enough in a short message nothing else claims ("northeim entegrasyon Ansprechpartner").
    needed = 1 if len(words) <= 4 and len(votes) == 1 else 2
    if best == guess or count < needed:
        return guess
    if count > 2 * votes.get(guess or "", 0) and all(c < count for loc, c in votes.items() if loc != best):
        return best
    return guess


def _one_of(text: str, first: tuple[re.Pattern[str], str], second: tuple[re.Pattern[str], str]) -> str | None:
    """first's locale when only its letters occur in text, second's when only its letters do, else None."""
    in_first, in_second = bool(first[0].search(text)), bool(second[0].search(text))
    if in_first == in_second:
        return None
    return first[1] if in_first else second[1]


@lru_cache(maxsize=8192)
def _detect_cached(detector: LanguageDetector, text: str, weak: bool = False) -> str | None:
    return detector._detect_uncached(text, weak)


def _user_events(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [e for e in events if e.get("event") == "user"]


def _phrase(text: str) -> str:
    words = plain_words(text)
    kept = [w for w in words if w not in _FILLERS]
    return " ".join(kept if kept else words)


def _earlier_locale(
    events: Iterable[Mapping[str, Any]], detector: LanguageDetector, allowed: frozenset[str] | None
) -> str | None:
    """The language of the latest earlier message detected confidently (and allowed by the script), or None."""
    for event in reversed(list(events)):
        detected = detector.detect(event.get("text") or "")
        if detected and (allowed is None or detected in allowed):
            return detected
    return None


# A Cyrillic or Arabic-script message this short decided only by a letter keeps the conversation's language of
# the same script (Russian or Ukrainian; Arabic or Farsi).
MAX_KEPT_WORDS = 3
_CYRILLIC_LOCALES, _ARABIC_SCRIPT_LOCALES = frozenset({"ru", "uk"}), frozenset({"ar", "fa"})
_SCRIPT_PAIRS: dict[str, tuple[frozenset[str], Callable[[Iterable[str]], Counter[str]]]] = {
    "ru": (_CYRILLIC_LOCALES, cyrillic_word_votes),
    "uk": (_CYRILLIC_LOCALES, cyrillic_word_votes),
    "ar": (_ARABIC_SCRIPT_LOCALES, arabic_script_word_votes),
    "fa": (_ARABIC_SCRIPT_LOCALES, arabic_script_word_votes),
}


def choose_locale(state: Mapping[str, Any], detector: LanguageDetector) -> str:
    """The reply locale for a tracker state (rasa's ``tracker.current_state()`` shape)."""
    slots = state.get("slots") or {}
    chosen = normalize_locale(slots.get("locale"))
    if chosen:
        return chosen

    latest = state.get("latest_message") or {}
    users = _user_events(state.get("events") or [])
    metadata = latest.get("metadata") or (users[-1].get("metadata") if users else None) or {}
    chosen = normalize_locale(metadata.get("locale"))
    if chosen:
        return chosen

    current_text = latest.get("text") or (users[-1].get("text") if users else "") or ""
    # The current message is the last user event; the ones before it.
    earlier = users[:-1] if users and users[-1].get("text") == current_text else users
    detected = detector.detect(current_text)
    phrase = _phrase(current_text)
    if (
        (detected == "de" and _PHRASE_LOCALE.get(phrase) == "de")
        or phrase in _SHARED_GREETINGS
        or (detected in (None, "de", "en") and greeting_or_thanks(current_text) == "thank")
    ):
        # In another language's conversation its language stays for German politeness words ("danke schön",
        # "hallo"), a greeting several languages share ("سلام" in an Arabic one) and thanks or goodbye alone in
        # German or English ("thx", "danke, tschüss"; "ok spasibo" says Russian itself).
        before = _earlier_locale(earlier, detector, None)
        if before is not None:
            return before
    if detected in _SCRIPT_PAIRS and len(current_text.split()) <= MAX_KEPT_WORDS:
        # "а емейл э?" in a Ukrainian conversation (v18): a Russian keyboard's letter, no word of either language –
        # the conversation's language stays; so does Farsi typed on an Arabic keyboard ("اوكي ممنون", v10).
        pair, word_votes = _SCRIPT_PAIRS[detected]
        before = _earlier_locale(earlier, detector, pair)
        if before is not None and before != detected and not word_votes(tokens(current_text))[detected]:
            return before
    if detected == "de":
        # German is everyone's code-switch here (office words, a clause heard at the Amt); Turkish words in it say
        # who writes: two of them, or one in a Turkish conversation ("lan ich brauch die nummer vom amt ya
        # entegrasyon için annem soruyo", then "wann haben die offen abi": blind set v16).
        turkish = function_word_votes(tokens(current_text))["tr"]
        if turkish >= 2 or (turkish and _earlier_locale(earlier, detector, None) == "tr"):
            return "tr"
    if detected:
        return detected
    # A Cyrillic message is never answered in German, an Arabic-script one never in Russian.
    allowed = detector.script_locales(current_text)
    detected = _earlier_locale(earlier, detector, allowed)
    if detected:
        return detected

    guessed = detector.detect_weak(current_text)
    if guessed:
        return guessed

    hint = normalize_locale(metadata.get("language_code"))
    if hint is None:
        for event in reversed(users):
            hint = normalize_locale((event.get("metadata") or {}).get("language_code"))
            if hint:
                break
    if allowed is not None:
        return hint if hint in allowed else min(allowed)  # ar before fa, ru before uk
    return hint or DEFAULT_LOCALE
