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

It is a small scikit-learn model (character 1–4-grams within words plus whole words,
TF-IDF, logistic regression) trained when first used (about a second; the action server
does it at start-up), scored per message in ~0.3 ms; nothing is stored or downloaded.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

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
        self._model: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = _scorer(self._corpus if self._corpus is not None else load_corpus())
            return self._model

    def warm_up(self) -> None:
        """Train the model now instead of on the first message."""
        self._get()

    def probabilities(self, text: str) -> dict[str, float]:
        """{locale: probability} over ROMANIZED_LOCALES + LATIN_LOCALES, summing to 1."""
        return self._get().probabilities(text.casefold())

    def identify(self, text: str) -> str | None:
        """ru, uk, fa or ar when the message is clearly one of them in Latin letters, else None.

        None also for German, English and Turkish (lingua decides those) and for
        messages with fewer than MIN_LETTERS letters.
        """
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            return None
        ranked = sorted(self.probabilities(text).items(), key=lambda item: item[1], reverse=True)
        (best, top), (_, second) = ranked[0], ranked[1]
        if best in ROMANIZED_LOCALES and top >= self.min_probability and top - second >= self.min_lead:
            return best
        return None

    def sure_of(self, text: str) -> str | None:
        """Any of the seven locales when its probability is at least SURE_PROBABILITY (lead MIN_LEAD), else None."""
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            return None
        ranked = sorted(self.probabilities(text).items(), key=lambda item: item[1], reverse=True)
        (best, top), (_, second) = ranked[0], ranked[1]
        return best if top >= SURE_PROBABILITY and top - second >= self.min_lead else None


class _LinearScorer:
    """The trained pipeline's predict_proba for one text, without scikit-learn's per-call checks.

    Those checks cost ~1.5 ms per message, the arithmetic a tenth of it; tests compare both on the
    corpus. Per vectorizer: sublinear TF (1 + ln count) times IDF, L2-normalised; one-vs-rest logistic
    regression on the concatenation, its sigmoids normalised to sum 1 (as scikit-learn's OvR does).
    """

    def __init__(self, pipeline: Any) -> None:
        union, regression = pipeline.steps[0][1], pipeline.steps[-1][1]
        self.classes = [str(c) for c in regression.classes_]
        self._intercept = np.asarray(regression.intercept_, dtype=float)
        # Per vectorizer: its analyzer and {feature: (idf, the classes' weights of that feature)}.
        self._parts: list[tuple[Callable[[str], list[str]], dict[str, tuple[float, Any]]]] = []
        offset = 0
        for _name, vectorizer in union.transformer_list:
            idf = vectorizer.idf_
            features = {
                feature: (float(idf[index]), regression.coef_[:, offset + index])
                for feature, index in vectorizer.vocabulary_.items()
            }
            self._parts.append((vectorizer.build_analyzer(), features))
            offset += len(idf)

    def probabilities(self, text: str) -> dict[str, float]:
        decision = self._intercept.copy()
        for analyze, features in self._parts:
            counts = Counter(feature for feature in analyze(text) if feature in features)
            if not counts:
                continue
            values = {feature: (1.0 + math.log(count)) * features[feature][0] for feature, count in counts.items()}
            norm = math.sqrt(sum(value * value for value in values.values()))
            for feature, value in values.items():
                decision += features[feature][1] * (value / norm)
        sigmoid = 1.0 / (1.0 + np.exp(-decision))
        sigmoid /= sigmoid.sum()
        return {locale: float(p) for locale, p in zip(self.classes, sigmoid, strict=True)}


def _train(corpus: Mapping[str, list[str]]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    texts = [text.casefold() for locale in sorted(corpus) for text in corpus[locale]]
    labels = [locale for locale in sorted(corpus) for _ in corpus[locale]]
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
        TfidfVectorizer(analyzer="word", token_pattern=r"[^\W\d_]{2,}", sublinear_tf=True),
    )
    # liblinear: one-vs-rest, trained in ~1 s on the 3,200 lines (lbfgs took ~5 s for the same verdicts).
    regression = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced", solver="liblinear")
    model = make_pipeline(features, regression)
    model.fit(texts, labels)
    return model


def _scorer(corpus: Mapping[str, list[str]]) -> _LinearScorer:
    return _LinearScorer(_train(corpus))
